import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { render as renderMsg } from '../../src/i18n/index.js';
import { LabApp } from '../../src/ui/app.js';
import { bindingLabel, KEY_BINDINGS } from '../../src/ui/keys.js';
import { drTrace } from './fixture.js';

const RIGHT = '\u001b[C';
const LEFT = '\u001b[D';
const ANSI = /\u001b\[[0-9;]*m/g;

function lines(frame: string | undefined): string[] {
  return (frame ?? '').replace(ANSI, '').split('\n');
}

/** The list line of the current event (the one with the ▸ cursor). */
function currentLine(frame: string | undefined): string {
  return lines(frame).find((l) => l.startsWith('▸')) ?? '';
}

async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 30));
}

async function press(stdin: { write(data: string): void }, key: string, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) {
    stdin.write(key);
    await settle();
  }
}

function mount(props: { onQuit?: () => void; width?: number; height?: number } = {}) {
  const trace = drTrace();
  const app = render(<LabApp trace={trace} color={false} width={props.width ?? 80} height={props.height ?? 24} {...(props.onQuit ? { onQuit: props.onQuit } : {})} />);
  return { trace, ...app };
}

afterEach(() => {
  cleanup();
});

describe('LabApp', () => {
  it('opens on the first event, with the title, step, time and paused state', async () => {
    const { lastFrame } = mount();
    await settle();
    const frame = lines(lastFrame());
    expect(frame[0]).toContain('LVS-DR: one SYN, hop by hop');
    expect(frame[0]).toContain('step 1/8');
    expect(frame[0]).toContain('1.000000 s');
    expect(frame[0]).toContain('paused');
    const cur = currentLine(lastFrame());
    expect(cur).toMatch(/1\.000000 client +eth0 +tx +lan +IP 203\.0\.113\.10\.40001 > 192\.168\.1/);
    // the explanation of the current event
    expect(frame.join('\n')).toContain('test.tx');
  });

  it('moves with → and back with ←, and with l / h / j / k', async () => {
    const { lastFrame, stdin } = mount();
    await settle();
    await press(stdin, RIGHT);
    expect(currentLine(lastFrame())).toMatch(/director +eth0 +rx /);
    expect(lines(lastFrame())[0]).toContain('step 2/8');
    await press(stdin, RIGHT);
    expect(currentLine(lastFrame())).toMatch(/director +LOCAL_IN +hook +STOLEN by ipvs/);
    await press(stdin, LEFT);
    expect(currentLine(lastFrame())).toMatch(/director +eth0 +rx /);
    await press(stdin, 'h');
    expect(currentLine(lastFrame())).toMatch(/client +eth0 +tx /);
    await press(stdin, 'l', 2);
    await press(stdin, 'j');
    expect(lines(lastFrame())[0]).toContain('step 4/8');
    await press(stdin, 'k');
    expect(lines(lastFrame())[0]).toContain('step 3/8');
    await press(stdin, 'G');
    expect(lines(lastFrame())[0]).toContain('step 8/8');
    await press(stdin, 'g');
    expect(lines(lastFrame())[0]).toContain('step 1/8');
    await press(stdin, ']');
    expect(currentLine(lastFrame())).toMatch(/check +#1 SYN reached rs1/);
  });

  it("shows what the director changed: the destination MAC and the TTL, not the IP destination", async () => {
    const { lastFrame, stdin } = mount();
    await settle();
    await press(stdin, RIGHT, 5);
    expect(currentLine(lastFrame())).toMatch(/director +eth0 +tx /);
    const text = lines(lastFrame()).join('\n');
    expect(text).toContain('Changed since client eth0 sent it on lan (step 1)');
    expect(text).toMatch(/eth\.dst: .*02:00:00:00:00:05.* → .*02:00:00:00:00:0b/);
    expect(text).toMatch(/ip\.ttl: .*64.* → .*63/);
    expect(text).not.toMatch(/ip\.dst: /);
    expect(text).not.toMatch(/ip\.src: /);
  });

  it('says a received frame is the one that was sent', async () => {
    const { lastFrame, stdin } = mount();
    await settle();
    await press(stdin, RIGHT);
    expect(lines(lastFrame()).join('\n')).toContain('Unchanged since client eth0 sent it on lan (step 1).');
  });

  it('shows the IPVS rewrite on an xmit step', async () => {
    const { lastFrame, stdin } = mount();
    await settle();
    await press(stdin, RIGHT, 4);
    const text = lines(lastFrame()).join('\n');
    expect(text).toContain('Rewritten by IPVS (Route):');
    expect(text).toMatch(/ip\.ttl: .*64.* → .*63/);
    expect(text).not.toMatch(/eth\.dst/);
  });

  it('? opens a help overlay listing every key, ? closes it', async () => {
    const { lastFrame, stdin } = mount();
    await settle();
    await press(stdin, '?');
    const text = lines(lastFrame()).join('\n');
    for (const b of KEY_BINDINGS) {
      expect(text).toContain(bindingLabel(b));
      expect(text).toContain(renderMsg({ id: b.help }));
    }
    await press(stdin, '?');
    expect(currentLine(lastFrame())).toMatch(/client +eth0 +tx /);
  });

  it('q quits', async () => {
    const onQuit = vi.fn();
    const { stdin } = mount({ onQuit });
    await settle();
    await press(stdin, 'q');
    expect(onQuit).toHaveBeenCalledTimes(1);
  });

  it('space plays: the step advances on its own, then pauses at the end', async () => {
    const { lastFrame, stdin } = mount();
    await settle();
    await press(stdin, '+', 8); // fastest
    await press(stdin, ' ');
    expect(lines(lastFrame())[0]).toContain('playing');
    await vi.waitFor(() => expect(lines(lastFrame())[0]).toContain('step 8/8'), { timeout: 3000 });
    await vi.waitFor(() => expect(lines(lastFrame())[0]).toContain('paused'), { timeout: 3000 });
  });

  it('never draws a line wider than the terminal, nor more lines than it has', async () => {
    for (const [width, height] of [
      [80, 24],
      [60, 16],
      [132, 40],
    ] as const) {
      const { lastFrame, stdin } = mount({ width, height });
      await settle();
      for (let step = 0; step < 8; step++) {
        const frame = lines(lastFrame());
        expect(frame.length).toBeLessThan(height);
        for (const line of frame) expect([...line].length).toBeLessThanOrEqual(width);
        await press(stdin, RIGHT);
      }
      await press(stdin, '?');
      for (const line of lines(lastFrame())) expect([...line].length).toBeLessThanOrEqual(width);
      cleanup();
    }
  });

  it('emits no colour with color={false}', async () => {
    const { lastFrame, stdin } = mount();
    await settle();
    await press(stdin, RIGHT, 5);
    expect(lastFrame()).not.toMatch(/\u001b\[(3\d|9\d|4\d)m/);
  });
});
