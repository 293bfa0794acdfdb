import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render as renderMsg } from '../../src/i18n/index.js';
import { msg } from '../../src/i18n/message.js';
import { TOPICS, TOPIC_MESSAGE } from '../../src/scenarios/topics.js';
import { builtinLabDetail, builtinPickerLabs } from '../../src/ui/picker/labs.js';
import { Picker } from '../../src/ui/picker/Picker.js';
import type { PickerLab } from '../../src/ui/picker/model.js';

const DOWN = '\u001b[B';
const UP = '\u001b[A';
const ESC = '\u001b';
const ENTER = '\r';
const BACKSPACE = '\u007f';
const CTRL_C = '\u0003';
const ANSI = /\u001b\[[0-9;]*m/g;

const labs: PickerLab[] = builtinPickerLabs();

function lines(frame: string | undefined): string[] {
  return (frame ?? '').replace(ANSI, '').split('\n');
}

async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 30));
}

async function press(stdin: { write(data: string): void }, ...keys: string[]): Promise<void> {
  for (const k of keys) {
    stdin.write(k);
    await settle();
  }
}

function mount(props: { width?: number; height?: number; initial?: string; labs?: PickerLab[] } = {}) {
  const onChoose = vi.fn<(name: string) => void>();
  const onQuit = vi.fn<() => void>();
  const app = render(
    <Picker
      labs={props.labs ?? labs}
      width={props.width ?? 80}
      height={props.height ?? 24}
      color={false}
      describe={builtinLabDetail}
      {...(props.initial === undefined ? {} : { initial: props.initial })}
      onChoose={onChoose}
      onQuit={onQuit}
    />,
  );
  return { onChoose, onQuit, ...app };
}

/** The name on the selected (▸) row. */
function selectedName(frame: string | undefined): string | undefined {
  const row = lines(frame).find((l) => l.startsWith('▸ '));
  return row?.slice(2).split(/\s+/)[0];
}

/** The lab names listed in the frame, top to bottom. */
function listedNames(frame: string | undefined): string[] {
  const names = new Set(labs.map((l) => l.name));
  return lines(frame)
    .filter((l) => l.startsWith('  ') || l.startsWith('▸ '))
    .map((l) => l.slice(2).split(/\s+/)[0] ?? '')
    .filter((n) => names.has(n));
}

function heading(topic: (typeof TOPICS)[number]): string {
  return `${topic}: ${renderMsg(msg(TOPIC_MESSAGE[topic]))}`;
}

afterEach(() => {
  cleanup();
});

describe('Picker', () => {
  it('lists the labs grouped by topic in course order, headings before their labs', async () => {
    const { lastFrame } = mount({ width: 200, height: 80 });
    await settle();
    const frame = lines(lastFrame());
    expect(frame[0]).toContain('lvslab — choose a lab');
    expect(frame[0]).toContain(`${labs.length} labs`);
    const headingRows = TOPICS.filter((t) => labs.some((l) => l.topic === t)).map((t) => frame.findIndex((l) => l.startsWith(heading(t))));
    expect(headingRows.every((r) => r > 0)).toBe(true);
    expect([...headingRows].sort((a, b) => a - b)).toEqual(headingRows);
    // Every lab sits under the heading of its own topic.
    for (const lab of labs) {
      const row = frame.findIndex((l) => l.slice(2).startsWith(`${lab.name} `));
      const above = frame.slice(0, row).filter((l) => TOPICS.some((t) => l.startsWith(`${t}: `)));
      expect(above.at(-1)?.startsWith(`${lab.topic}: `), lab.name).toBe(true);
    }
  });

  it('selects the first lab, ↓ moves over the heading to the next topic, ↑ comes back', async () => {
    const { lastFrame, stdin } = mount();
    await settle();
    const nat = labs.filter((l) => l.topic === 'nat').map((l) => l.name);
    const dr = labs.filter((l) => l.topic === 'dr').map((l) => l.name);
    expect(selectedName(lastFrame())).toBe(nat[0]);
    await press(stdin, DOWN);
    expect(selectedName(lastFrame())).toBe(nat[1]);
    await press(stdin, ...nat.slice(1).map(() => 'j'));
    // The heading between nat and dr is never selected.
    expect(selectedName(lastFrame())).toBe(dr[0]);
    expect(lines(lastFrame()).some((l) => l.startsWith('▸ dr:'))).toBe(false);
    await press(stdin, UP);
    expect(selectedName(lastFrame())).toBe(nat.at(-1));
  });

  it('the filter narrows the list as it is typed; Backspace widens it; Esc restores the whole list', async () => {
    const { lastFrame, stdin } = mount({ height: 60 });
    await settle();
    const all = listedNames(lastFrame());
    expect(all).toHaveLength(labs.length);
    await press(stdin, '/', 'k', 'e', 'e', 'p');
    const keep = listedNames(lastFrame());
    expect(keep.length).toBeGreaterThan(0);
    expect(keep.length).toBeLessThan(labs.length);
    expect(keep.every((n) => n.includes('keep') || labs.find((l) => l.name === n)?.title.toLowerCase().includes('keep'))).toBe(true);
    expect(lines(lastFrame())[0]).toContain(`/keep█  ${keep.length} of ${labs.length} labs`);
    expect(selectedName(lastFrame())).toBe(keep[0]);
    await press(stdin, 'x', 'q');
    expect(listedNames(lastFrame())).toEqual([]);
    expect(lastFrame()).toContain('No lab matches "keepxq"');
    await press(stdin, BACKSPACE, BACKSPACE);
    expect(listedNames(lastFrame())).toEqual(keep);
    await press(stdin, ESC);
    expect(listedNames(lastFrame())).toEqual(all);
    expect(lines(lastFrame())[0]).not.toContain('/keep');
  });

  it('Enter calls onChoose with the selected lab (also straight from the filter)', async () => {
    const { onChoose, onQuit, stdin } = mount();
    await settle();
    await press(stdin, '/', 'd', 'r', '-', 'b', 'a', ENTER);
    expect(onChoose).toHaveBeenCalledExactlyOnceWith('dr-basic');
    expect(onQuit).not.toHaveBeenCalled();
  });

  it('q calls onQuit, and so does Ctrl-C; q inside the filter is text', async () => {
    const first = mount();
    await settle();
    await press(first.stdin, '/', 'q');
    expect(first.onQuit).not.toHaveBeenCalled();
    await press(first.stdin, ESC, 'q');
    expect(first.onQuit).toHaveBeenCalledOnce();
    expect(first.onChoose).not.toHaveBeenCalled();
    const second = mount();
    await settle();
    await press(second.stdin, CTRL_C);
    expect(second.onQuit).toHaveBeenCalledOnce();
  });

  it('preselects `initial` and scrolls it into view', async () => {
    const last = labs.filter((l) => l.topic === 'misc').at(-1) ?? labs.at(-1);
    const { lastFrame, stdin, onChoose } = mount({ initial: last?.name ?? '' });
    await settle();
    expect(selectedName(lastFrame())).toBe(last?.name);
    await press(stdin, ENTER);
    expect(onChoose).toHaveBeenCalledWith(last?.name);
  });

  it('fits 80x24: 24 lines, none wider than 80, the summary of the selected lab below the list', async () => {
    const { lastFrame, stdin } = mount();
    await settle();
    await press(stdin, 'G');
    const frame = lines(lastFrame());
    expect(frame).toHaveLength(24);
    for (const l of frame) expect(l.length, l).toBeLessThanOrEqual(80);
    const lab = labs.find((l) => l.name === selectedName(lastFrame()));
    expect(frame.join('\n')).toContain(lab?.title);
    expect(frame.join(' ')).toContain((lab?.summary ?? '').split(' ').slice(0, 4).join(' '));
    expect(frame.at(-1)).toContain('q quit');
  });

  it('uses 200x50: summary and checkpoints in a column at the right of the list', async () => {
    const { lastFrame, stdin } = mount({ width: 200, height: 50, initial: 'dr-basic' });
    await settle();
    const frame = lines(lastFrame());
    expect(frame).toHaveLength(50);
    for (const l of frame) expect(l.length).toBeLessThanOrEqual(200);
    const dr = labs.find((l) => l.name === 'dr-basic');
    const selectedRow = frame.find((l) => l.startsWith('▸ dr-basic'));
    expect(selectedRow).toContain(' │');
    const right = frame.map((l) => l.split(' │ ')[1] ?? '');
    // The list column is the same width on every row of the body.
    const bar = selectedRow?.indexOf(' │') ?? -1;
    expect(bar).toBeGreaterThanOrEqual(100);
    expect(frame.slice(1, -1).every((l) => l.indexOf(' │') === bar)).toBe(true);
    expect(right.some((r) => r.includes(dr?.title ?? '?'))).toBe(true);
    const detail = builtinLabDetail('dr-basic');
    expect(right.some((r) => r.startsWith(`Checkpoints (${detail?.checkpoints.length})`))).toBe(true);
    expect(right.some((r) => r.includes(`1. ${detail?.checkpoints[0]}`))).toBe(true);
    await press(stdin, DOWN);
    const next = lines(lastFrame()).map((l) => l.split(' │ ')[1] ?? '');
    expect(next.some((r) => r.includes(dr?.title ?? '?'))).toBe(false);
  });

  it('stays usable with 200 labs: G reaches the last, the filter finds one, the frame still fits', async () => {
    const TOPIC_LIST = [...TOPICS];
    const many: PickerLab[] = Array.from({ length: 200 }, (_, i) => ({
      name: `lab-${String(i).padStart(3, '0')}`,
      title: `Generated lab number ${i}`,
      topic: TOPIC_LIST[i % TOPIC_LIST.length] ?? 'misc',
    }));
    const { lastFrame, stdin } = mount({ labs: many });
    await settle();
    await press(stdin, 'G');
    expect(selectedName(lastFrame())).toBe(many.filter((l) => l.topic === 'misc').at(-1)?.name);
    expect(lines(lastFrame())[18]).toMatch(/^── ↑ \d+ more ─+$/);
    await press(stdin, '/', '1', '2', '3');
    expect(lines(lastFrame())[0]).toContain('1 of 200 labs');
    expect(selectedName(lastFrame())).toBe('lab-123');
    const frame = lines(lastFrame());
    expect(frame).toHaveLength(24);
    for (const l of frame) expect(l.length).toBeLessThanOrEqual(80);
  });

  it('? shows every key, and ? closes it again', async () => {
    const { lastFrame, stdin } = mount();
    await settle();
    await press(stdin, '?');
    expect(lastFrame()).toContain('Keys of the lab picker');
    expect(lastFrame()).toContain('PgDn Ctrl-F');
    await press(stdin, '?');
    expect(lastFrame()).not.toContain('Keys of the lab picker');
    expect(selectedName(lastFrame())).toBeDefined();
  });
});
