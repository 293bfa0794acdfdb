/** The lab screen as the student sees it: LabApp rendered by ink-testing-library, driven by keys. */
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render as renderMsg } from '../../src/i18n/index.js';
import { compileFilter } from '../../src/trace/filter/index.js';
import type { Trace } from '../../src/trace/trace.js';
import { LabApp } from '../../src/ui/app.js';
import { bindingLabel, KEY_BINDINGS } from '../../src/ui/keys.js';
import type { LabSession } from '../../src/ui/session.js';
import { drTrace, labSession } from './fixture.js';

const RIGHT = '\u001b[C';
const LEFT = '\u001b[D';
const TAB = '\t';
const ENTER = '\r';
const ESC = '\u001b';
const ANSI = /\u001b\[[0-9;]*m/g;

function lines(frame: string | undefined): string[] {
  return (frame ?? '').replace(ANSI, '').split('\n');
}

/** The list line of the current event (the one with the ▸ cursor). */
function currentLine(frame: string | undefined): string {
  return lines(frame).find((l) => l.startsWith('▸')) ?? '';
}

async function settle(ms = 30): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

type Stdin = { write(data: string): void };

async function press(stdin: Stdin, key: string, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) {
    stdin.write(key);
    await settle();
  }
}

/** Types text one key press at a time (as separate reads, the way a person types). */
async function typeText(stdin: Stdin, text: string): Promise<void> {
  for (const ch of text) stdin.write(ch);
  await settle();
}

function mountTrace(props: { onQuit?: () => void; width?: number; height?: number } = {}) {
  const trace = drTrace();
  const app = render(<LabApp trace={trace} color={false} width={props.width ?? 80} height={props.height ?? 24} {...(props.onQuit ? { onQuit: props.onQuit } : {})} />);
  return { trace, ...app };
}

function mountLab(session: LabSession, width = 80, height = 24) {
  return render(<LabApp session={session} color={false} width={width} height={height} />);
}

/** Frames where the filter matches, counted from the trace. */
function matchCount(trace: Trace, filter: string): number {
  const c = compileFilter(filter);
  if (!c.ok) throw new Error(c.error.message);
  return trace.events.filter((e) => (e.kind === 'tx' || e.kind === 'rx') && c.filter.matches(e.frame)).length;
}

afterEach(() => {
  cleanup();
});

describe('LabApp on a bare trace', () => {
  it('opens on the first event, with the title, step, time and paused state', async () => {
    const { lastFrame } = mountTrace();
    await settle();
    const frame = lines(lastFrame());
    expect(frame[0]).toContain('LVS-DR: one SYN, hop by hop');
    expect(frame[0]).toContain('step 1/8');
    expect(frame[0]).toContain('1.000000 s');
    expect(frame[0]).toContain('paused');
    expect(currentLine(lastFrame())).toMatch(/1\.000000 client +eth0 +tx +lan +IP 203\.0\.113\.10\.40001 > 192\.168\.1/);
  });

  it('moves with → and ←, l / h / j / k, G / g and ]', async () => {
    const { lastFrame, stdin } = mountTrace();
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

  it('shows what the director changed: the destination MAC (by IPVS) and the TTL, not the IP destination', async () => {
    const { lastFrame, stdin } = mountTrace({ width: 120, height: 30 });
    await settle();
    await press(stdin, RIGHT, 5);
    expect(currentLine(lastFrame())).toMatch(/director +eth0 +tx /);
    const text = lines(lastFrame()).join('\n');
    expect(text).toContain('Changed since client eth0 sent it on lan (step 1)');
    expect(text).toContain('by IPVS DR (Route) on director:');
    expect(text).toMatch(/eth\.dst: 02:00:00:00:00:05 → 02:00:00:00:00:0b/);
    expect(text).toMatch(/ip\.ttl: 64 → 63/);
    expect(text).not.toMatch(/ip\.dst: /);
    expect(text).not.toMatch(/ip\.src: /);
  });

  it('says a received frame is the one that was sent, and shows the IPVS rewrite on an xmit step', async () => {
    const { lastFrame, stdin } = mountTrace();
    await settle();
    await press(stdin, RIGHT);
    expect(lines(lastFrame()).join('\n')).toContain('Unchanged since client eth0 sent it on lan (step 1).');
    await press(stdin, RIGHT, 3);
    const text = lines(lastFrame()).join('\n');
    expect(text).toContain('Rewritten by IPVS (Route):');
    expect(text).toMatch(/ip\.ttl: 64 → 63/);
  });

  it('q quits', async () => {
    const onQuit = vi.fn();
    const { stdin } = mountTrace({ onQuit });
    await settle();
    await press(stdin, 'q');
    expect(onQuit).toHaveBeenCalledTimes(1);
  });

  it('space plays: the step advances on its own, then pauses at the end', async () => {
    const { lastFrame, stdin } = mountTrace();
    await settle();
    await press(stdin, '+', 8);
    await press(stdin, ' ');
    expect(lines(lastFrame())[0]).toContain('playing');
    await vi.waitFor(() => expect(lines(lastFrame())[0]).toContain('step 8/8'), { timeout: 3000 });
    await vi.waitFor(() => expect(lines(lastFrame())[0]).toContain('paused'), { timeout: 3000 });
  });

  it(': on a bare trace says a what-if needs the scenario', async () => {
    const { lastFrame, stdin } = mountTrace();
    await settle();
    await press(stdin, ':');
    expect(lines(lastFrame()).join('\n')).toContain('What-ifs need the scenario');
    expect(lines(lastFrame()).at(-1)?.startsWith('# ')).toBe(false);
  });
});

/** A tour of the screen, one key at a time (strings are typed). */
const TOUR: readonly string[] = [
  RIGHT, RIGHT, 'l', '/', 'tcp.flags.syn == 1', ENTER, 'n', 'x', TAB, 'j', 'j', ENTER, 'x', 's', 's', 's', TAB, TAB, '?', '?',
  'f', RIGHT, 'f', '&', 'arp', ENTER, ESC, ':', 'frobni cate', ESC, ']', '1', RIGHT, 'G', 'g', ' ', ' ',
];

describe('LabApp frames', () => {
  for (const [width, height] of [
    [80, 24],
    [200, 50],
    [60, 16],
    [132, 40],
  ] as const) {
    it(`at ${width}×${height} every frame is exactly ${height - 1} lines, none wider than ${width}`, async () => {
      const { lastFrame, stdin } = mountLab(labSession('dr-basic'), width, height);
      await settle();
      const check = (after: string): void => {
        const frame = lines(lastFrame());
        expect({ after, lines: frame.length }).toEqual({ after, lines: height - 1 });
        for (const line of frame) expect({ after, line, width: [...line].length <= width }).toEqual({ after, line, width: true });
      };
      check('open');
      for (const k of TOUR) {
        if (k.length > 1 && !k.startsWith('\u001b')) await typeText(stdin, k);
        else await press(stdin, k);
        check(JSON.stringify(k));
      }
    });
  }

  it('wide (200×50): the list, the topology, the packet tree, the changes and the state at once', async () => {
    const session = labSession('dr-basic');
    const { lastFrame, stdin } = mountLab(session, 200, 50);
    await settle();
    await press(stdin, '/');
    await typeText(stdin, 'eth.src == 02:00:00:00:03:01 && tcp.flags.syn == 1');
    await press(stdin, ENTER);
    const frame = lines(lastFrame());
    const text = frame.join('\n');
    // the list with its cursor
    expect(currentLine(lastFrame())).toMatch(/director +eth0 +tx +lan +IP 203\.0\.113\.10\.\d+ > 192\.168\.1\.100\.80: Flags \[S\]/);
    // the topology: hosts drawn, the current one marked
    for (const host of session.hosts) expect(text).toContain(host);
    expect(text).toMatch(/▶/);
    // the tree and the changes
    expect(text).toMatch(/▾ \* Ethernet II, Src: 02:00:00:00:03:01, Dst: 02:00:00:00:05:01/);
    expect(text).toContain('by IPVS DR (Route) on director:');
    expect(text).toMatch(/eth\.dst: 02:00:00:00:03:01 → 02:00:00:00:05:01/);
    // the state: the director's IPVS table
    expect(text).toContain('director# ipvsadm -L -n');
    expect(text).toContain('TCP  192.168.1.100:80 rr');
  });
});

describe('LabApp panes (dr-basic at 80×24)', () => {
  async function atForwardedSyn() {
    const app = mountLab(labSession('dr-basic'));
    await settle();
    await press(app.stdin, '/');
    await typeText(app.stdin, 'eth.src == 02:00:00:00:03:01 && tcp.flags.syn == 1');
    await press(app.stdin, ENTER);
    return app;
  }

  it('the event list: ▸ on the current event, the list scrolled to it', async () => {
    const { lastFrame } = await atForwardedSyn();
    const frame = lines(lastFrame());
    expect(currentLine(lastFrame())).toMatch(/^▸→ +0\.001400 director eth0 +tx /);
    expect(frame[0]).toContain('step 78/1217');
    // the list scrolled just enough to show the step; no match comes before the first one
    const cursor = frame.findIndex((l) => l.startsWith('▸'));
    expect(cursor).toBeGreaterThan(0);
    expect(frame.filter((l) => l.startsWith('*'))).toEqual([]);
  });

  it('n moves to the next match and marks the one left with *', async () => {
    const { lastFrame, stdin } = await atForwardedSyn();
    await press(stdin, 'n');
    const frame = lines(lastFrame());
    expect(currentLine(lastFrame())).toMatch(/rs2 +eth0 +rx /);
    expect(frame.some((l) => /^\*→ +0\.001400 director eth0 +tx /.test(l))).toBe(true);
  });

  it('the packet pane: the changes grouped by author, the tree with ▸/▾ and * on changed fields', async () => {
    const { lastFrame } = await atForwardedSyn();
    const text = lines(lastFrame());
    expect(text).toContain('Changed since router eth1 sent it on lan (step 56):');
    expect(text).toContain('by IPVS DR (Route) on director:');
    expect(text).toContain('  eth.dst: 02:00:00:00:03:01 → 02:00:00:00:05:01');
    expect(text.some((l) => /^▸ Frame: 74 bytes on wire/.test(l))).toBe(true);
    expect(text.some((l) => /^▾ \* Ethernet II, /.test(l))).toBe(true);
    expect(text.some((l) => /^ {2}▸ \* Destination: 02:00:00:00:05:01/.test(l))).toBe(true);
  });

  it('the packet pane: Tab, j, Enter open a closed layer', async () => {
    const { lastFrame, stdin } = await atForwardedSyn();
    await press(stdin, TAB);
    expect(lines(lastFrame()).some((l) => l.includes('[Packet]'))).toBe(true);
    // Frame is the first row: Enter opens it
    await press(stdin, ENTER);
    expect(lines(lastFrame()).some((l) => /^▾ Frame: 74 bytes/.test(l))).toBe(true);
    await press(stdin, ENTER);
    expect(lines(lastFrame()).some((l) => /^▸ Frame: 74 bytes/.test(l))).toBe(true);
  });

  it('x shows the bytes of the frame, x hides them', async () => {
    const { lastFrame, stdin } = await atForwardedSyn();
    await press(stdin, 'x');
    const text = lines(lastFrame());
    expect(text.some((l) => /^0000 {2}02 00 00 00 05 01 02 00 {2}00 00 03 01 08 00 45 00/.test(l))).toBe(true);
    await press(stdin, 'x');
    expect(lines(lastFrame()).some((l) => /^0000 {2}/.test(l))).toBe(false);
  });

  it('the state pane: the first s shows it at its first view, the IPVS table', async () => {
    const { lastFrame, stdin } = await atForwardedSyn();
    await press(stdin, 's');
    expect(lines(lastFrame())).toContain('director# ipvsadm -L -n');
  });

  it('the state pane (Tab to it): ipvsadm -L -n, then s: -L -n -c, then s: the ARP cache', async () => {
    const { lastFrame, stdin } = await atForwardedSyn();
    await press(stdin, TAB, 2);
    let text = lines(lastFrame());
    expect(text.some((l) => l.includes('[State]'))).toBe(true);
    expect(text).toContain('director# ipvsadm -L -n');
    expect(text).toContain('IP Virtual Server version 1.2.1 (size=4096)');
    expect(text).toContain('TCP  192.168.1.100:80 rr');
    expect(text.some((l) => /^ {2}-> 192\.168\.1\.12:80 +Route +1 +1 +0/.test(l))).toBe(true);
    await press(stdin, 's');
    text = lines(lastFrame());
    expect(text).toContain('director# ipvsadm -L -n -c');
    expect(text.some((l) => /^TCP \d\d:\d\d +SYN_RECV +203\.0\.113\.10:\d+ +192\.168\.1\.100:80 +192\.168\.1\.12:80/.test(l))).toBe(true);
    await press(stdin, 's');
    text = lines(lastFrame());
    expect(text.some((l) => /^director# ip neigh/.test(l))).toBe(true);
    expect(text.some((l) => /^192\.168\.1\.12 dev eth0 lladdr 02:00:00:00:05:01 REACHABLE/.test(l))).toBe(true);
  });

  it('the topology pane: Tab to it; the hosts are drawn and the current one has ▶', async () => {
    const { lastFrame, stdin } = await atForwardedSyn();
    await press(stdin, TAB, 3);
    const text = lines(lastFrame());
    expect(text.some((l) => l.includes('[Topology]'))).toBe(true);
    const joined = text.join('\n');
    for (const h of ['client', 'router', 'director', 'rs1', 'rs2']) expect(joined).toContain(h);
    expect(text.some((l) => /▶ ?director/.test(l))).toBe(true);
  });

  it('the quiz box: ] stops at the quiz, a digit answers, the why is shown, → goes on', async () => {
    const { lastFrame, stdin } = mountLab(labSession('dr-basic'));
    await settle();
    await press(stdin, ']');
    let text = lines(lastFrame());
    expect(text.some((l) => l.startsWith('Quiz: The director forwards a client'))).toBe(true);
    expect(text).toContain('Answer with a number, 1 to 3; the lab goes on once you have answered.');
    await press(stdin, RIGHT);
    expect(lines(lastFrame()).join('\n')).toContain('Answer the quiz first');
    await press(stdin, '1');
    text = lines(lastFrame());
    expect(text.some((l) => l.startsWith('  ✓ 1) Only the Ethernet addresses'))).toBe(true);
    expect(text).toContain('Right.');
    expect(text.some((l) => l.startsWith('Why: ip_vs_dr_xmit'))).toBe(true);
    const step = text[0]!.match(/step (\d+)\//)?.[1];
    await press(stdin, RIGHT);
    expect(lines(lastFrame())[0]).toContain(`step ${Number(step) + 1}/`);
  });

  it('a wrong answer is marked ✗ and the right one ✓', async () => {
    const { lastFrame, stdin } = mountLab(labSession('dr-basic'));
    await settle();
    await press(stdin, ']');
    await press(stdin, '3');
    const text = lines(lastFrame());
    expect(text.some((l) => l.startsWith('  ✗ 3) The IP destination and the TCP port'))).toBe(true);
    expect(text.some((l) => l.startsWith('  ✓ 1) '))).toBe(true);
    expect(text).toContain('Not quite: the answer is ✓ above.');
  });

  it('the prompt bar: the line typed on its host, a live error with a caret under the offending place', async () => {
    const { lastFrame, stdin } = await atForwardedSyn();
    await press(stdin, ':');
    await typeText(stdin, 'sysctl -w net.ipv4.conf.all.arp_ignore');
    let text = lines(lastFrame());
    expect(text[text.length - 1]).toBe('director# sysctl -w net.ipv4.conf.all.arp_ignore');
    const caretLine = text[text.length - 2]!;
    expect(caretLine.trimEnd()).toBe(`${' '.repeat('director# sysctl -w '.length)}^`);
    expect(text.slice(-5, -2).join('\n')).toContain('must be of the form name=value');
    await typeText(stdin, '=0');
    text = lines(lastFrame());
    expect(text.some((l) => l.trim() === '^')).toBe(false);
    expect(text.join('\n')).toContain('A command as on a real box');
    // a filter error: / with a broken filter
    await press(stdin, ESC);
    await press(stdin, '/');
    // the prompt reopens with the search in force: Ctrl-U clears it
    await press(stdin, '\u0015');
    await typeText(stdin, 'ip.dst == ');
    text = lines(lastFrame());
    expect(text[text.length - 1]?.startsWith('/ip.dst ==')).toBe(true);
    expect(text.slice(-5, -2).join('\n')).toContain('Unexpected end of filter expression.');
    const c = compileFilter('ip.dst == ');
    expect(text[text.length - 2]?.trimEnd()).toBe(`${' '.repeat(1 + (c.ok ? -99 : c.error.offset))}^`);
  });

  it('keys typed faster than a frame (one read: "/tcp" Enter) search, and do not leave the prompt open', async () => {
    const { lastFrame, stdin } = mountLab(labSession('dr-basic'), 200, 50);
    await settle();
    stdin.write('/tcp\r');
    await settle();
    const text = lines(lastFrame());
    // The footer carries the search once the prompt is closed.
    expect(text.at(-1)).toMatch(/^\[\/tcp \(\d+\)\]/);
  });

  for (const [width, height] of [
    [200, 50],
    [80, 24],
  ] as const) {
    it(`? at ${width}×${height} lists every key binding with its meaning; ? closes it`, async () => {
      const { lastFrame, stdin } = mountLab(labSession('dr-basic'), width, height);
      await settle();
      await press(stdin, '?');
      // A short terminal scrolls the help: j until nothing is left below, gathering the rows.
      const text = lines(lastFrame());
      for (let i = 0; i < 40 && lines(lastFrame()).some((l) => l.startsWith('↓ ')); i++) {
        await press(stdin, 'j');
        text.push(...lines(lastFrame()));
      }
      for (const b of KEY_BINDINGS) {
        const row = text.find((l) => l.startsWith(`  ${bindingLabel(b)} `));
        expect({ keys: bindingLabel(b), row: row !== undefined }).toEqual({ keys: bindingLabel(b), row: true });
        // a long meaning wraps under itself (test/ui/help-lines.test.ts); its start is on the keys' row
        expect(row).toContain(renderMsg({ id: b.help }).slice(0, 30));
      }
      expect(text.some((l) => l.startsWith('  1–9 '))).toBe(true);
      await press(stdin, '?');
      expect(currentLine(lastFrame())).not.toBe('');
    });
  }
});

describe('LabApp quiz score (200×50)', () => {
  it('the footer counts the right answers', async () => {
    const { lastFrame, stdin } = mountLab(labSession('dr-arp-trap'), 200, 50);
    await settle();
    expect(lines(lastFrame()).at(-1)).toContain('[quizzes: 3]');
    await press(stdin, ']');
    await press(stdin, '1');
    // the notice line yields to the flags at the next key (+ then -: the speed is unchanged)
    await press(stdin, '+');
    await press(stdin, '-');
    expect(lines(lastFrame()).at(-1)).toContain('[quiz: 1 of 1 right, 3 in all]');
    await press(stdin, ']');
    await press(stdin, '3');
    await press(stdin, '+');
    await press(stdin, '-');
    expect(lines(lastFrame()).at(-1)).toContain('[quiz: 1 of 2 right, 3 in all]');
    expect(lines(lastFrame()).join('\n')).toContain('Not quite');
  });
});

describe('LabApp checkpoint on a small terminal (80×24)', () => {
  it('the unanswered quiz holds the detail region; once answered, Tab reaches the state pane', async () => {
    const { lastFrame, stdin } = mountLab(labSession('dr-basic'), 80, 24);
    await settle();
    await press(stdin, ']');
    await press(stdin, '\t', 2);
    // Focus on the state pane, but the quiz waits for its answer.
    expect(lines(lastFrame()).join('\n')).toContain('Quiz:');
    await press(stdin, '1');
    await settle();
    const frame = lines(lastFrame()).join('\n');
    expect(frame).toContain('ipvsadm -L -n');
    expect(frame).not.toContain('Quiz:');
    // Back on the packet pane, the checkpoint and its answered quiz are there again.
    await press(stdin, '\t', 3);
    expect(lines(lastFrame()).join('\n')).toContain('Quiz:');
  });
});

describe('LabApp what-if (dr-arp-trap)', () => {
  it(': arp_ignore=0 on rs1 at 4.2 s: the lab re-runs, comes back to the same step, and rs1 gets the third round', async () => {
    const session = labSession('dr-arp-trap');
    const { lastFrame, stdin } = mountLab(session, 200, 50);
    await settle();
    await press(stdin, ']');
    await press(stdin, '1');
    await press(stdin, ']');
    const before = lines(lastFrame())[0]!;
    const step = before.match(/step (\d+)\//)?.[1];
    expect(step).toBeDefined();
    await press(stdin, ':');
    // the checkpoint is no host's: the prompt opens on the first host; Tab twice is rs1
    await press(stdin, TAB, 2);
    const line = 'sysctl -w net.ipv4.conf.all.arp_ignore=0';
    await typeText(stdin, line);
    expect(lines(lastFrame()).at(-1)).toBe(`rs1# ${line}`);
    await press(stdin, ENTER);
    await vi.waitFor(() => expect(lines(lastFrame()).join('\n')).toContain('What if: rs1#'), { timeout: 5000 });
    const after = lines(lastFrame());
    expect(after[0]).toContain(`step ${step}/`);
    expect(after.join('\n')).toContain(`What if: rs1# ${line}`);
    // the router's SYNs to the VIP now go to rs1's MAC in the third round too
    const filter = 'ip.dst == 192.168.1.100 && tcp.flags.syn == 1 && tcp.flags.ack == 0 && eth.dst == 02:00:00:00:03:01';
    const w = { host: 'rs1', line, afterNs: 4_200_000_000 };
    const r = session.rerun([w]);
    if (!r.ok) throw new Error(r.message);
    const n = matchCount(r.trace, filter);
    expect(n).toBeGreaterThan(matchCount(session.trace, filter));
    // the quiz at this checkpoint holds the lab here until it is answered
    await press(stdin, '1');
    await press(stdin, '/');
    await typeText(stdin, filter);
    await press(stdin, ENTER);
    expect(lines(lastFrame()).at(-1)).toContain(`(${n})]`);
    expect(lines(lastFrame()).at(-1)).toContain('[what-ifs: 1]');
    // u undoes it
    await press(stdin, 'u');
    await vi.waitFor(() => expect(lines(lastFrame()).join('\n')).toContain('What-if undone'), { timeout: 5000 });
    await press(stdin, '+');
    expect(lines(lastFrame()).at(-1)).not.toContain('what-ifs');
  });
});
