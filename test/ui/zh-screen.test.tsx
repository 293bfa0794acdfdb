/**
 * A lab whose texts are Chinese stays aligned: every line of the lab screen and of the picker is
 * measured in terminal columns (string-width, as Ink and the terminal count them), where a CJK
 * character takes two.
 */
import { render, type Instance } from 'ink';
import type { ReactElement } from 'react';
import stringWidth from 'string-width';
import { afterEach, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenarios/load.js';
import { indexState } from '../../src/trace/state/index.js';
import { LabApp } from '../../src/ui/app.js';
import { computeLayout } from '../../src/ui/layout.js';
import { labDetailOf, pickerLabOf } from '../../src/ui/picker/labs.js';
import { Picker } from '../../src/ui/picker/Picker.js';
import { buildScreen, explain, type ScreenModel } from '../../src/ui/screen.js';
import { createSession, type LabSession } from '../../src/ui/session.js';
import { initialViewState } from '../../src/ui/view-state.js';
import { FakeKeys, FakeTty } from './fake-terminal.js';

const ZH_LAB = `lvslab: 1
name: zh-dr
title: "LVS-DR 直接路由（Direct Routing）：调度器只改写目的 MAC 地址，真实服务器直接应答客户端"
topic: dr
summary: 客户端通过直接路由（DR）模式的调度器访问网页；真实服务器绕过调度器，直接把应答发回客户端。这个实验演示为什么真实服务器的 lo 上要配置 VIP，以及 arp_ignore 和 arp_announce 的作用。
seed: 7
segments: [{ name: internet }, { name: lan }]
hosts:
  client:
    interfaces: { eth0: { segment: internet, ip: 203.0.113.10/24 } }
    routes: [default via 203.0.113.1]
  router:
    sysctl: { net.ipv4.ip_forward: 1 }
    interfaces:
      eth0: { segment: internet, ip: 203.0.113.1/24 }
      eth1: { segment: lan, ip: 192.168.1.1/24 }
  director:
    interfaces: { eth0: { segment: lan, ip: [192.168.1.5/24, 192.168.1.100/32] } }
    routes: [default via 192.168.1.1]
    ipvsadm: |
      -A -t 192.168.1.100:80 -s rr
      -a -t 192.168.1.100:80 -r 192.168.1.11 -g
  rs1:
    interfaces: { eth0: { segment: lan, ip: 192.168.1.11/24 } }
    routes: [default via 192.168.1.1]
    setup: |
      ip addr add 192.168.1.100/32 dev lo
      sysctl -w net.ipv4.conf.all.arp_ignore=1
      sysctl -w net.ipv4.conf.all.arp_announce=2
    apps: [{ http-server: { port: 80, size: 3000 } }]
traffic:
  - { from: client, http: { url: "http://192.168.1.100/", count: 2, every: 100ms }, at: 1ms }
checkpoints:
  - at: 1s
    title: 两个请求都经调度器（Director）转发到真实服务器（Real Server），应答不经过调度器
    say: |
      在直接路由模式下，调度器收到客户端发往 VIP 的 SYN 之后，只把以太网帧的目的 MAC 地址改成真实服务器的 MAC，
      IP 头保持不变（TTL 除外）。真实服务器的 lo 上配置了 VIP，所以它接受这个分组，并且直接用 VIP 作为源地址应答客户端。
      请观察：应答分组从不经过调度器。用 ipvsadm -L -n 查看调度器上的虚拟服务（Virtual Service）和真实服务器。
    expect:
      - frames: "eth.dst == {{rs1.eth0.mac}} && ip.dst == 192.168.1.100 && tcp.flags.syn == 1"
        count: 2
    quiz:
      ask: 调度器把客户端的 SYN 转发给 rs1 时，分组里改变了什么？
      choices:
        - 只有以太网地址（目的地址改为 rs1 的 MAC，源地址改为调度器的 MAC）和 IP 的 TTL
        - IP 目的地址改为 192.168.1.11
        - IP 目的地址和 TCP 端口都改为 rs1 的
      answer: 只有以太网地址（目的地址改为 rs1 的 MAC，源地址改为调度器的 MAC）和 IP 的 TTL
      why: ip_vs_dr_xmit 把分组发往通向真实服务器的下一跳的 MAC 地址，IP 头除 TTL 外保持原样。rs1 的 lo 上有 VIP，所以它接受目的地址为 192.168.1.100 的分组。
`;

let session: LabSession | undefined;
function zhSession(): LabSession {
  if (session !== undefined) return session;
  const loaded = loadScenario(ZH_LAB, 'zh-dr.yaml');
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  const r = createSession(loaded.scenario, undefined);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  session = r.session;
  return session;
}

const ANSI = /\u001b\[[0-9;]*m/g;
function lines(frame: string | undefined): string[] {
  return (frame ?? '').replace(ANSI, '').split('\n');
}

async function settle(ms = 30): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/** A terminal of a given size that keeps the last whole frame (Ink's debug mode writes each frame whole). */
class FrameTty extends FakeTty {
  last = '';
  override write(chunk: string): boolean {
    this.last = chunk;
    return super.write(chunk);
  }
}

const mounted: Instance[] = [];
afterEach(() => {
  for (const app of mounted.splice(0)) app.unmount();
});

/**
 * Renders on a terminal `columns` wide (ink-testing-library's is always 100 columns, which would
 * squeeze a 200-column screen), returning the last frame and a way to type.
 */
function mount(element: ReactElement, columns: number, rows: number): { lastFrame: () => string; type: (keys: string) => void } {
  const stdout = new FrameTty();
  stdout.columns = columns;
  stdout.rows = rows;
  const stdin = new FakeKeys();
  mounted.push(
    render(element, {
      stdout: stdout as unknown as NodeJS.WriteStream,
      stdin: stdin as unknown as NodeJS.ReadStream,
      debug: true,
      exitOnCtrlC: false,
      patchConsole: false,
    }),
  );
  return { lastFrame: () => stdout.last.replace(/\n$/, ''), type: (keys) => stdin.type(keys) };
}

/** Every line of the screen model, with the width of the pane it is drawn in. */
function modelLines(m: ScreenModel, layout: ReturnType<typeof computeLayout>): { line: string; width: number }[] {
  const side = layout.wide ? layout.sideWidth : layout.width;
  const treeW = layout.sideBySide ? layout.treeWidth : layout.packetWidth;
  const changesW = layout.sideBySide ? layout.changesWidth : layout.packetWidth;
  return [
    { line: m.headerTitle, width: layout.width },
    ...m.list.map((r) => ({ line: r.text, width: layout.listWidth })),
    { line: m.rule, width: layout.wide ? layout.packetWidth : layout.width },
    ...m.tree.map((l) => ({ line: l.text, width: treeW })),
    ...m.changes.map((l) => ({ line: l.text, width: changesW })),
    ...m.state.map((l) => ({ line: l.text, width: side })),
    ...m.topology.map((l) => ({ line: l.text, width: side })),
    ...(m.quiz ?? []).map((l) => ({ line: l.text, width: layout.packetWidth })),
    ...m.narration.map((l) => ({ line: l.text, width: layout.width })),
    { line: m.footer, width: layout.width },
  ];
}

describe('a Chinese lab on the lab screen', () => {
  it('the scenario runs and its texts reach the screen', () => {
    const s = zhSession();
    expect(s.trace.meta.title).toContain('调度器');
    expect(s.quizzes.size).toBe(1);
  });

  it('a line break between two Chinese characters of the narration leaves no space; other breaks read as one', () => {
    const s = zhSession();
    const step = s.trace.events.findIndex((e) => e.kind === 'checkpoint');
    const text = explain(s.trace, initialViewState(s.trace).lab.index, step);
    expect(text).toContain('应答客户端。请观察');
    expect(text).toContain('MAC， IP 头');
    expect(text).not.toContain('\n');
  });

  for (const [columns, rows] of [
    [80, 24],
    [200, 50],
  ] as const) {
    it(`${columns}×${rows}: on every step, every line of every pane fits its pane in columns`, () => {
      const s = zhSession();
      const layout = computeLayout(columns, rows);
      const base = initialViewState(s.trace);
      const ctx = { quizzes: s.quizzes, stateIndex: indexState(s.trace) };
      let sawChinese = 0;
      const tooWide: { step: number; line: string; columns: number; room: number }[] = [];
      const cursorRows = new Set<number>();
      for (let step = 0; step < s.trace.events.length; step++) {
        for (const answers of [new Map<number, number>(), new Map([[0, 1]])]) {
          const m = buildScreen({ ...base, step, answers }, ctx, layout, Math.max(0, step - 2));
          for (const { line, width } of modelLines(m, layout)) {
            const columns = stringWidth(line);
            if (columns !== line.length) sawChinese++;
            if (columns > width) tooWide.push({ step, line, columns, room: width });
          }
          // the cursor row is padded to exactly the list's width
          cursorRows.add(stringWidth(m.list.find((r) => r.current)?.text ?? ''));
        }
      }
      expect(tooWide).toEqual([]);
      expect([...cursorRows]).toEqual([layout.listWidth]);
      expect(sawChinese).toBeGreaterThan(100);
    });

    it(`${columns}×${rows}: every frame Ink draws is exactly ${rows - 1} lines, none wider than ${columns} columns`, async () => {
      const { lastFrame, type } = mount(<LabApp session={zhSession()} color={false} width={columns} height={rows} />, columns, rows);
      await settle();
      const check = (after: string): void => {
        const frame = lines(lastFrame());
        expect({ after, lines: frame.length }).toEqual({ after, lines: rows - 1 });
        for (const line of frame) expect({ after, line, fits: stringWidth(line) <= columns }).toEqual({ after, line, fits: true });
      };
      check('open');
      // to the checkpoint (its title, say and quiz in Chinese), through the panes, answer, help
      for (const k of [']', '\t', '\t', '\t', 'j', 'j', '1', '?', '?', '\u001b[C', 'G', 'g', '/', 'tcp', '\r']) {
        type(k);
        await settle();
        check(JSON.stringify(k));
        if (k === ']') {
          expect(lastFrame()).toContain('两个请求都经调度器');
          expect(lastFrame()).toContain('分组里改变了什么');
          if (computeLayout(columns, rows).wide) {
            // beside the Chinese checkpoint pane, the state pane starts on the same column on every row
            const at = computeLayout(columns, rows).packetWidth + 1;
            const frame = lines(lastFrame());
            for (const mark of ['[IPVS]', 'director# ipvsadm -L -n', 'Prot LocalAddress:Port']) {
              const row = frame.find((l) => l.includes(mark)) ?? '';
              expect({ mark, column: stringWidth(row.slice(0, row.indexOf(mark))) }).toEqual({ mark, column: at });
            }
          }
        }
      }
    });
  }
});

describe('a Chinese lab in the picker', () => {
  const lab = pickerLabOf('zh-dr', ZH_LAB);
  const others = [
    { name: 'dr-basic', title: 'LVS-DR: only the MAC address changes', topic: 'dr' as const, summary: 'A client fetches a page through a DR director.' },
    { name: 'nat-basic', title: 'LVS-NAT 网络地址转换：调度器改写目的地址', topic: 'nat' as const },
  ];

  it('reads the Chinese title and summary', () => {
    expect(lab.title).toContain('直接路由');
    expect(lab.summary).toContain('真实服务器');
  });

  for (const [columns, rows] of [
    [80, 24],
    [200, 50],
  ] as const) {
    it(`${columns}×${rows}: every frame is ${rows} lines, none wider than ${columns} columns`, async () => {
      const { lastFrame, type } = mount(
        <Picker
          labs={[...others, lab]}
          width={columns}
          height={rows}
          color={false}
          initial="zh-dr"
          describe={(name) => (name === 'zh-dr' ? labDetailOf(ZH_LAB) : undefined)}
          onChoose={() => {}}
          onQuit={() => {}}
        />,
        columns,
        rows,
      );
      await settle();
      const check = (after: string): void => {
        const frame = lines(lastFrame());
        expect({ after, lines: frame.length }).toEqual({ after, lines: rows });
        for (const line of frame) expect({ after, line, fits: stringWidth(line) <= columns }).toEqual({ after, line, fits: true });
      };
      check('open');
      expect(lastFrame()).toContain('直接路由');
      for (const k of ['k', 'j', '/', '调度', '\u001b', '?', '?']) {
        type(k);
        await settle();
        check(JSON.stringify(k));
      }
    });
  }
});

describe('the built-in DR lab in Chinese (--lang zh-CN), every step', () => {
  for (const [columns, rows] of [
    [80, 24],
    [200, 50],
  ] as const) {
    it(`${columns}×${rows}: every line of every pane fits, the narration is Chinese`, async () => {
      const { setLanguage } = await import('../../src/i18n/index.js');
      const { readFileSync } = await import('node:fs');
      setLanguage('zh-CN');
      try {
        const loaded = loadScenario(readFileSync('scenarios/dr-basic.yaml', 'utf8'), 'scenarios/dr-basic.yaml', { lang: 'zh-CN' });
        if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
        const r = createSession(loaded.scenario, undefined);
        if (!r.ok) throw new Error(r.errors.join('\n'));
        const s = r.session;
        const layout = computeLayout(columns, rows);
        const base = initialViewState(s.trace);
        const ctx = { quizzes: s.quizzes, stateIndex: indexState(s.trace) };
        const tooWide: string[] = [];
        let chineseNarration = 0;
        for (let step = 0; step < s.trace.events.length; step++) {
          const m = buildScreen({ ...base, step, answers: new Map([[0, 0]]) }, ctx, layout, Math.max(0, step - 2));
          for (const { line, width } of modelLines(m, layout)) if (stringWidth(line) > width) tooWide.push(`${step}: ${line}`);
          if (/[\u4e00-\u9fff]/.test(explain(s.trace, base.lab.index, step))) chineseNarration++;
        }
        expect(tooWide).toEqual([]);
        // Every explanation is Chinese but for the few that are a tool's own line (a route as ip prints it).
        expect(chineseNarration).toBeGreaterThan(s.trace.events.length * 0.95);
      } finally {
        setLanguage('en');
      }
    });
  }
});
