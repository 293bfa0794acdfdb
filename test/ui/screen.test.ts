import { describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import type { TraceEvent } from '../../src/trace/events.js';
import { indexState } from '../../src/trace/state/index.js';
import { Trace } from '../../src/trace/trace.js';
import { colorEnabled } from '../../src/ui/color.js';
import { computeLayout, type LabLayout } from '../../src/ui/layout.js';
import { buildScreen, type ScreenModel } from '../../src/ui/screen.js';
import type { LabSession } from '../../src/ui/session.js';
import { indexTrace } from '../../src/ui/trace-index.js';
import { initialViewState, STATE_VIEWS, type ViewState } from '../../src/ui/view-state.js';
import { render, setLanguage } from '../../src/i18n/index.js';
import { drEvents, drive, drTrace, findStep, keyAction, labSession, viewContext } from './fixture.js';

/** A long trace: the fixture's hops repeated, each round a new packet id. */
function bigTrace(rounds: number): Trace {
  const trace = new Trace({ scenario: 'big', title: 'big', seed: 1, hosts: ['client', 'director', 'rs1'], segments: ['lan'] });
  for (let r = 0; r < rounds; r++) {
    for (const e of drEvents()) {
      const t = e.t + r * 1_000_000;
      const base = e.kind === 'checkpoint' ? { ...e, t, index: r } : { ...e, t };
      trace.emit('pkt' in e && e.pkt !== undefined ? ({ ...base, pkt: e.pkt + r * 10 } as TraceEvent) : (base as TraceEvent));
    }
  }
  return trace;
}

function screenOf(state: ViewState, quizzes: LabSession['quizzes'], layout: LabLayout, top = 0): ScreenModel {
  return buildScreen(state, { quizzes, stateIndex: indexState(state.lab.trace) }, layout, top);
}

describe('trace index', () => {
  it('links each hop to the previous tx of the same packet', () => {
    const trace = bigTrace(2);
    const index = indexTrace(trace);
    // round 0: 0 tx client, 1 rx director, 5 tx director, 6 rx rs1
    expect(Array.from(index.prevHop.slice(0, 8))).toEqual([-1, 0, -1, -1, -1, 0, 5, -1]);
    // round 1 is another packet: it does not link back to round 0
    expect(index.prevHop[8]).toBe(-1);
    expect(index.prevHop[13]).toBe(8);
    expect(Array.from(index.checkpoints)).toEqual([7, 15]);
  });
});

describe('buildScreen on a 100,000-event trace', () => {
  it('reads only the visible window, the previous hop, the checkpoint it is in and a bounded look-back', () => {
    const trace = bigTrace(12_500);
    expect(trace.events.length).toBe(100_000);
    const layout = computeLayout(80, 24);
    // built once per trace, before any render (the app memoises both)
    const base = initialViewState(trace);
    const stateIndex = indexState(trace);
    const index = base.lab.index;
    const step = 54_325; // the director forwarding a SYN: a hop with an IPVS rewrite before it
    expect(trace.events[step]).toMatchObject({ kind: 'tx', host: 'director' });
    const state: ViewState = { ...base, step, hex: true, search: { by: 'tcp', steps: Int32Array.from([5, step, 99_990]) } };
    const touched = new Set<number>();
    const events = trace.events;
    (trace as { events: TraceEvent[] }).events = new Proxy(events, {
      get(target, prop, receiver) {
        if (typeof prop === 'string' && /^\d+$/.test(prop)) touched.add(Number(prop));
        if (prop === 'length' || typeof prop === 'symbol' || /^\d+$/.test(String(prop))) return Reflect.get(target, prop, receiver) as unknown;
        // map, filter, forEach, slice…: a walk over the whole trace
        throw new Error(`a render called events.${String(prop)}`);
      },
    });
    const top = step - 3;
    const screen = buildScreen(state, { quizzes: new Map(), stateIndex }, layout, top);
    // without the hex pane the changes have the room to say who rewrote the frame
    const noHex = buildScreen({ ...state, hex: false }, { quizzes: new Map(), stateIndex }, layout, top);
    expect(screen.list).toHaveLength(layout.listRows);
    expect(screen.hex?.lines.length).toBeGreaterThan(0);
    expect(screen.list.find((r) => r.current)?.step).toBe(step);
    const cpBefore = step - (step % 8) - 1;
    const LOOKBACK = 4096;
    for (const i of touched) {
      const inWindow = i >= top && i < top + layout.listRows;
      const allowed = inWindow || i === index.prevHop[step] || i === cpBefore || (i <= step && i > step - LOOKBACK);
      expect({ i, allowed }).toEqual({ i, allowed: true });
    }
    expect(touched.size).toBeLessThan(LOOKBACK);
    // the change view found the IPVS rewrite just before
    expect(noHex.changes.map((l) => l.text).join('\n')).toMatch(/by IPVS DR \(Route\) on director:/);
  });
});

describe('buildScreen fills exactly the layout', () => {
  const sizes: Array<[number, number]> = [
    [80, 24],
    [200, 50],
    [40, 12],
    [120, 30],
  ];

  function checkShape(s: ScreenModel, layout: LabLayout, hex: boolean): void {
    expect(s.list).toHaveLength(layout.listRows);
    expect(s.narration).toHaveLength(layout.narrationRows);
    const hexRows = s.hex?.lines.length ?? 0;
    if (!hex) expect(hexRows).toBe(0);
    // the hex pane takes a share of the rows (a short frame may not fill it)
    const packetRows = s.tree.length + (layout.sideBySide ? 0 : s.changes.length);
    if (layout.sideBySide) expect(s.changes).toHaveLength(s.tree.length);
    if (hex) expect(packetRows + hexRows).toBeLessThanOrEqual(layout.detailRows);
    else expect(packetRows).toBe(layout.detailRows);
    if (s.quiz !== undefined) expect(s.quiz).toHaveLength(layout.detailRows);
    expect(s.state).toHaveLength(layout.wide ? layout.stateRows : layout.detailRows);
    expect(s.topology.length).toBeLessThanOrEqual(layout.wide ? layout.topologyRows : layout.detailRows);
    const side = layout.wide ? layout.sideWidth : layout.width;
    for (const l of s.list) expect(l.text.length).toBeLessThanOrEqual(layout.listWidth);
    for (const l of [...s.tree, ...s.changes, ...(s.quiz ?? [])]) expect(l.text.length).toBeLessThanOrEqual(layout.packetWidth);
    for (const l of [...s.state, ...s.topology]) expect(l.text.length).toBeLessThanOrEqual(side);
    for (const l of s.hex?.lines ?? []) expect(l.text.length).toBeLessThanOrEqual(layout.packetWidth);
    for (const l of [...s.narration.map((x) => x.text), s.rule, s.footer, s.headerTitle]) expect(l.length).toBeLessThanOrEqual(layout.width);
  }

  it('on every step of the fixture, with and without the hex pane', () => {
    const trace = drTrace();
    const base = initialViewState(trace);
    for (const [cols, rows] of sizes) {
      const layout = computeLayout(cols, rows);
      for (let step = 0; step < trace.events.length; step++) {
        for (const hex of cols === 40 ? [false] : [false, true]) checkShape(screenOf({ ...base, step, hex }, new Map(), layout), layout, hex);
      }
    }
  });

  it('at the smallest layout (40×12) the hex pane stays inside the detail region', () => {
    const trace = drTrace();
    const layout = computeLayout(40, 12);
    checkShape(screenOf({ ...initialViewState(trace), step: 5, hex: true }, new Map(), layout), layout, true);
  });

  it('on a real lab (dr-arp-trap), at its quizzes, with a prompt and its error', () => {
    const session = labSession('dr-arp-trap');
    const trace = session.trace;
    const base = initialViewState(trace);
    const ctx = viewContext(session);
    const steps = [...Array.from(base.lab.index.checkpoints), ...Array.from({ length: 40 }, (_, i) => Math.floor((i * trace.events.length) / 40))];
    for (const [cols, rows] of sizes) {
      const layout = computeLayout(cols, rows);
      for (const step of steps) {
        for (const stateView of [0, 1, 2]) {
          const hex = cols !== 40 && step % 2 === 0;
          checkShape(screenOf({ ...base, step, stateView, hex }, session.quizzes, layout), layout, hex);
        }
      }
      const prompting = drive({ ...base, step: 100 }, ctx, [keyAction(':'), ...[...'frobnicate now'].map((c) => keyAction(c))]);
      expect(prompting.promptError).toBeDefined();
      checkShape(screenOf(prompting, session.quizzes, layout), layout, false);
    }
  });

  it("a checkpoint too long for its pane names only the directions that hold more, and 'Tab' only while another pane has the keys", () => {
    const session = labSession('dr-basic');
    const base = initialViewState(session.trace);
    const step = base.lab.index.checkpoints[0] as number;
    const layout = computeLayout(80, 18);
    const hint = (state: ViewState): string => screenOf(state, session.quizzes, layout).quiz?.map((l) => l.text).find((t) => t.startsWith('… ')) ?? '';
    // Unscrolled, the quiz shows and the narration above it is hidden.
    expect(hint({ ...base, step })).toMatch(/^… \d+ lines above: Tab to this pane, then j\/k scrolls$/);
    expect(hint({ ...base, step, focus: 'packet' })).toMatch(/^… \d+ lines above: j\/k scrolls$/);
    expect(hint({ ...base, step, focus: 'packet', noteScroll: 0 })).toMatch(/^… \d+ lines below: j\/k scrolls$/);
    expect(hint({ ...base, step, focus: 'packet', noteScroll: 1 })).toMatch(/^… 1 lines above, \d+ below: j\/k scrolls$/);
  });

  it("the state pane in Chinese at 80×24: the VRRP view's description wraps whole, other hosts are listed with 、", () => {
    const session = labSession('dr-basic');
    const base = initialViewState(session.trace);
    const step = findStep(session.trace, (e) => e.host === 'director' && e.kind === 'tx');
    const layout = computeLayout(80, 24);
    setLanguage('zh-CN');
    try {
      const pane = (view: string): string[] => screenOf({ ...base, step, stateView: STATE_VIEWS.indexOf(view as never) }, session.quizzes, layout).state.map((l) => l.text);
      const vrrp = pane('vrrp').join('').replace(/\s+/g, '');
      expect(vrrp).toContain(render({ id: 'ui.state.vrrp.title', params: { host: 'director' } }, 'zh-CN').replace(/\s+/g, ''));
      expect(pane('neigh').join('\n')).toMatch(/^client、router 上也有（/m);
    } finally {
      setLanguage('en');
    }
  });

  it("the ':' prompt's hint is whole at 80×24 in both languages (it wraps over the narration)", () => {
    const session = labSession('dr-basic');
    const ctx = viewContext(session);
    const prompting = drive({ ...initialViewState(session.trace), step: 78 }, ctx, [keyAction(':')]);
    const layout = computeLayout(80, 24);
    for (const lang of ['en', 'zh-CN'] as const) {
      setLanguage(lang);
      try {
        const rows = screenOf(prompting, session.quizzes, layout).narration.map((l) => l.text);
        expect(rows).toHaveLength(layout.narrationRows);
        for (const r of rows) expect(stringWidth(r)).toBeLessThanOrEqual(80);
        const squeeze = (t: string): string => t.replace(/\s+/g, '');
        expect(squeeze(rows.join(''))).toContain(squeeze(render({ id: 'ui.prompt.commandHint' }, lang)));
      } finally {
        setLanguage('en');
      }
    }
  });

  it('a notice too long for the footer is shown whole over the narration; a short one stays in the footer', () => {
    const session = labSession('dr-basic');
    const base = initialViewState(session.trace);
    const layout = computeLayout(80, 24);
    const long = { id: 'ui.whatif.applied', params: { host: 'director', line: 'ip link set eth0 down', n: 1 } };
    setLanguage('zh-CN');
    try {
      const s = screenOf({ ...base, step: 78, notice: long }, session.quizzes, layout);
      const squeeze = (t: string): string => t.replace(/\s+/g, '');
      expect(squeeze(s.narration.map((l) => l.text).join(''))).toContain(squeeze(render(long, 'zh-CN')));
      expect(s.footer).not.toContain('假设推演：director#');
      const short = screenOf({ ...base, step: 78, notice: { id: 'ui.whatif.none' } }, session.quizzes, layout);
      expect(short.footer).toBe(render({ id: 'ui.whatif.none' }, 'zh-CN'));
    } finally {
      setLanguage('en');
    }
  });

  it("the changes pane's sentences wrap to its width (200×50, Chinese): what the hop is compared with is there whole", () => {
    const session = labSession('dr-basic');
    const base = initialViewState(session.trace);
    const layout = computeLayout(200, 50);
    const step = findStep(session.trace, (e) => e.host === 'director' && e.kind === 'tx' && 'frame' in e && JSON.stringify(e).includes('"dport":80'));
    setLanguage('zh-CN');
    try {
      const lines = screenOf({ ...base, step }, session.quizzes, layout).changes.map((l) => l.text);
      for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(layout.changesWidth);
      expect(lines.join('').replace(/\s+/g, '')).toMatch(/与routereth1把它发到lan上时（第\d+步）相比，有以下变化：/);
    } finally {
      setLanguage('en');
    }
  });

  it('shows an empty trace without failing', () => {
    const trace = new Trace({ scenario: 'e', title: 'empty', seed: 1, hosts: [], segments: [] });
    const s = screenOf(initialViewState(trace), new Map(), computeLayout(80, 24));
    expect(s.headerStatus).toContain('step 0/0');
    expect(s.list[0]?.text).toContain('The trace is empty');
  });
});

describe('what the student reads at 80×24', () => {
  const layout = computeLayout(80, 24);

  function forwardedSyn(trace: Trace): number {
    const xmit = findStep(trace, (e) => e.kind === 'ipvs.xmit');
    const x = trace.events[xmit] as Extract<TraceEvent, { kind: 'ipvs.xmit' }>;
    return findStep(trace, (e) => e.kind === 'tx' && e.pkt === x.pkt && e.host === x.host, xmit);
  }

  it('DR: the MAC rewrite is in the changes pane, under its author', () => {
    const session = labSession('dr-basic');
    const s = screenOf({ ...initialViewState(session.trace), step: forwardedSyn(session.trace) }, session.quizzes, layout);
    const changes = s.changes.map((l) => l.text);
    expect(changes).toContain('by IPVS DR (Route) on director:');
    expect(changes.some((t) => /^ {2}eth\.dst: \S+ → \S+$/.test(t))).toBe(true);
    // the tree marks the changed layer and field
    const tree = s.tree.map((l) => l.text);
    expect(tree.some((t) => /^▾ \* Ethernet II, Src: \S+, Dst: \S+$/.test(t))).toBe(true);
    expect(tree.some((t) => /^ {2}▸ \* Destination: 02:00:00:00:05:01/.test(t))).toBe(true);
    // an unchanged layer is closed and not marked
    expect(tree.some((t) => /^▸ Frame: /.test(t))).toBe(true);
  });

  it('NAT: the rewritten destination address is in the changes pane (the lesson of NAT)', () => {
    const session = labSession('nat-basic');
    const s = screenOf({ ...initialViewState(session.trace), step: forwardedSyn(session.trace) }, session.quizzes, layout);
    const changes = s.changes.map((l) => l.text);
    expect(changes).toContain('by IPVS NAT (Masq) on director:');
    expect(changes).toContain('  ip.dst: 203.0.113.100 → 10.0.0.12');
  });

  it('the list: ▸ on the current row, * on the other search matches', () => {
    const trace = drTrace();
    const s = screenOf({ ...initialViewState(trace), step: 1, search: { by: 'eth', steps: Int32Array.from([0, 1, 5, 6]) } }, new Map(), layout);
    const marks = s.list.map((r) => r.text[0]);
    expect(marks.slice(0, 8)).toEqual(['*', '▸', ' ', ' ', ' ', '*', '*', ' '].slice(0, layout.listRows));
    expect(s.list[1]).toMatchObject({ current: true, match: true });
    expect(s.footer).toContain('[/eth (4)]');
  });

  it("the state pane: the director's IPVS table in ipvsadm -L -n form, then the connections", () => {
    const session = labSession('dr-basic');
    const trace = session.trace;
    const base = { ...initialViewState(trace), step: forwardedSyn(trace), detail: 'state' as const };
    const ipvs = screenOf(base, session.quizzes, layout).state.map((l) => l.text);
    expect(ipvs[0]).toMatch(/^\[IPVS\]/);
    expect(ipvs[1]).toBe('director# ipvsadm -L -n');
    expect(ipvs).toContain('IP Virtual Server version 1.2.1 (size=4096)');
    expect(ipvs).toContain('TCP  192.168.1.100:80 rr');
    expect(ipvs.some((l) => /^ {2}-> 192\.168\.1\.12:80 +Route +1 +1 +0\s*$/.test(l))).toBe(true);
    const conns = screenOf({ ...base, stateView: 1 }, session.quizzes, layout).state.map((l) => l.text);
    expect(conns[1]).toBe('director# ipvsadm -L -n -c');
    expect(conns).toContain('pro expire state       source             virtual            destination');
    expect(conns.some((l) => /^TCP \d\d:\d\d +SYN_RECV +203\.0\.113\.10:\d+ +192\.168\.1\.100:80 +192\.168\.1\.12:80$/.test(l))).toBe(true);
  });
});

describe('colorEnabled', () => {
  it('follows the request unless NO_COLOR is set and not empty', () => {
    expect(colorEnabled(true, {})).toBe(true);
    expect(colorEnabled(false, {})).toBe(false);
    expect(colorEnabled(true, { NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled(true, { NO_COLOR: '' })).toBe(true);
  });
});
