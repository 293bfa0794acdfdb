/**
 * keepalived in a scenario: the `keepalived:` key (inline, with its errors placed in the YAML file),
 * `systemctl … keepalived` as a student types it, and a crashed host's keepalived coming back at boot.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario, type LoadedScenario } from '../../src/scenarios/load.js';
import { runScenario, validateAgainstLab } from '../../src/scenarios/run.js';
import type { TraceEvent } from '../../src/trace/events.js';
import { SEC, US } from '../../src/net/types.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

function conf(prio: number, extra = ''): string {
  return `
      vrrp_instance VI_1 {
          interface eth0
          virtual_router_id 9
          priority ${prio}
          advert_int 1${extra}
          virtual_ipaddress {
              10.0.0.100/24
          }
      }`;
}

function scenario(events: string, lb1Extra = ''): string {
  return `lvslab: 1
name: ka-service
title: keepalived as a service
until: 30s
segments: [{ name: lan }]
hosts:
  lb1:
    interfaces: { eth0: { segment: lan, ip: 10.0.0.5/24 } }
    keepalived: |${conf(150, lb1Extra)}
  lb2:
    interfaces: { eth0: { segment: lan, ip: 10.0.0.6/24 } }
    keepalived: |${conf(100)}
events:
${events}
`;
}

function load(text: string): LoadedScenario {
  const r = loadScenario(text, 'ka.yaml');
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}:${e.col}: ${e.message}`).join('\n'));
  return r.scenario;
}

function run(text: string): readonly TraceEvent[] {
  const r = runScenario(load(text), { seed: undefined, untilNs: undefined, sinks: [], keepTrace: true });
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}:${e.col}: ${e.message}`).join('\n'));
  return r.trace.events;
}

const vrrpOf = (events: readonly TraceEvent[], host: string) =>
  events.filter((e): e is Extract<TraceEvent, { kind: 'vrrp' }> => e.kind === 'vrrp' && e.host === host && e.from !== e.state);

const adverts = (events: readonly TraceEvent[], host: string) =>
  events.flatMap((e) => (e.kind === 'tx' && e.host === host && e.frame.payload.layer === 'ipv4' && e.frame.payload.payload.layer === 'vrrp' ? [{ t: e.t, prio: e.frame.payload.payload.priority }] : []));

describe('systemctl … keepalived', () => {
  it('stop sends a priority-0 advert, and the backup takes over after Skew_Time, not Master_Down_Interval', () => {
    const events = run(scenario('  - { at: 8s, on: lb1, run: "systemctl stop keepalived" }\n  - { at: 9s, on: lb1, run: "systemctl is-active keepalived" }'));
    const zero = adverts(events, 'lb1').find((a) => a.prio === 0);
    expect(zero?.t).toBe(8 * SEC);
    const lb2Master = vrrpOf(events, 'lb2').find((e) => e.state === 'MASTER');
    // Skew_Time for priority 100: (256 − 100)/256 s = 609375 µs after the priority-0 advert arrived (50 µs later).
    expect(lb2Master?.t).toBe(8 * SEC + 50 * US + 609_375 * US);
    const isActive = events.find((e) => e.kind === 'cmd' && e.line === 'systemctl is-active keepalived');
    expect(isActive).toMatchObject({ output: 'inactive\n', exitCode: 3 });
    // lb1 no longer advertises after it stopped.
    expect(adverts(events, 'lb1').filter((a) => a.t > 8 * SEC)).toEqual([]);
  });

  it('start brings it back: BACKUP first, then it preempts the lower-priority master', () => {
    const events = run(scenario('  - { at: 8s, on: lb1, run: "systemctl stop keepalived" }\n  - { at: 12s, on: lb1, run: "systemctl start keepalived" }'));
    const states = vrrpOf(events, 'lb1').map((e) => [e.t, e.state]);
    // Elected at 3.414062 s, stopped at 8 s, BACKUP at 12 s, MASTER one Master_Down_Interval (3.414062 s) later.
    expect(states).toEqual([
      [0, 'BACKUP'],
      [3_414_062 * US, 'MASTER'],
      [8 * SEC, 'STOP'],
      [12 * SEC, 'BACKUP'],
      [12 * SEC + 3_414_062 * US, 'MASTER'],
    ]);
  });

  it('a crash is silent, and the reboot starts keepalived again', () => {
    const events = run(scenario('  - { at: 8s, crash: lb1 }\n  - { at: 12s, restart: lb1 }'));
    expect(events.filter((e) => e.kind === 'host').map((e) => [e.t, e.host, e.kind === 'host' ? e.op : ''])).toEqual([
      [8 * SEC, 'lb1', 'crash'],
      [12 * SEC, 'lb1', 'restart'],
    ]);
    expect(adverts(events, 'lb1').some((a) => a.prio === 0)).toBe(false);
    const lb2Master = vrrpOf(events, 'lb2').find((e) => e.state === 'MASTER');
    // lb1's last advert left at 7.414062 s; lb2 waits its full Master_Down_Interval of 3.609375 s.
    expect(lb2Master?.t).toBe(7_414_062 * US + 50 * US + 3_609_375 * US);
    expect(events.some((e) => e.kind === 'keepalived' && e.op === 'start' && e.host === 'lb1' && e.t === 12 * SEC)).toBe(true);
    expect(vrrpOf(events, 'lb1').at(-1)).toMatchObject({ state: 'MASTER', t: 12 * SEC + 3_414_062 * US });
  });

  it("a master answering a lower-priority advert restarts its advert timer from that answer", () => {
    const events = run(scenario('  - { at: 8s, block: { segment: lan, filter: "vrrp" }, for: 6s }'));
    // lb2 took over during the block; its first advert after it (14.023487 s) reaches lb1 50 µs later.
    const answer = 14 * SEC + 23_487 * US + 50 * US;
    const after = adverts(events, 'lb1').filter((a) => a.t >= 14 * SEC).map((a) => a.t);
    expect(after.slice(0, 3)).toEqual([answer, answer + SEC, answer + 2 * SEC]);
    expect(vrrpOf(events, 'lb2').at(-1)).toMatchObject({ state: 'BACKUP', t: answer + 50 * US });
  });

  it('the unit is enabled: stopped by hand, it still starts at the next boot', () => {
    const events = run(scenario('  - { at: 5s, on: lb1, run: "systemctl stop keepalived" }\n  - { at: 6s, crash: lb1 }\n  - { at: 7s, restart: lb1 }\n  - { at: 8s, on: lb1, run: "systemctl is-active keepalived" }'));
    expect(events.find((e) => e.kind === 'cmd' && e.line === 'systemctl is-active keepalived')).toMatchObject({ output: 'active\n', exitCode: 0 });
    expect(vrrpOf(events, 'lb1').at(-1)).toMatchObject({ state: 'MASTER', t: 7 * SEC + 3_414_062 * US });
  });

  it('systemctl on a crashed host does not run; the reboot starts keepalived with fresh timers', () => {
    const events = run(scenario('  - { at: 5s, crash: lb1 }\n  - { at: 6s, on: lb1, run: "systemctl restart keepalived" }\n  - { at: 7s, restart: lb1 }'));
    expect(events.find((e) => e.kind === 'cmd' && e.host === 'lb1')).toMatchObject({ exitCode: 255 });
    expect(events.filter((e) => e.host === 'lb1' && e.t > 5 * SEC && e.t < 7 * SEC && e.kind !== 'cmd')).toEqual([]);
    expect(vrrpOf(events, 'lb1').filter((e) => e.t >= 7 * SEC).map((e) => [e.t, e.state])).toEqual([
      [7 * SEC, 'BACKUP'],
      [7 * SEC + 3_414_062 * US, 'MASTER'],
    ]);
  });

  it('systemctl on a host without keepalived fails as systemctl does', () => {
    const text = scenario('  - { at: 1s, on: lb1, run: "systemctl is-active keepalived" }').replace(/  lb2:[\s\S]*?(?=events:)/, '  other:\n    interfaces: { eth0: { segment: lan, ip: 10.0.0.7/24 } }\n');
    const withOther = text.replace('on: lb1, run: "systemctl is-active keepalived"', 'on: other, run: "systemctl restart keepalived"');
    const r = runScenario(load(withOther), { seed: undefined, untilNs: undefined, sinks: [], keepTrace: true });
    if (!r.ok) throw new Error('run');
    expect(r.trace.events.find((e) => e.kind === 'cmd' && e.host === 'other')).toMatchObject({ exitCode: 5, output: 'Failed to restart keepalived.service: Unit keepalived.service not found.\n' });
  });

  it.each([
    ['systemctl reload keepalived', "systemctl: 'reload' is not modelled (modelled: start, stop, restart, is-active)"],
    ['systemctl start nginx', "unit 'nginx' is not modelled"],
    ['service keepalived stop --now', 'service: option not modelled: --now'],
  ])('%s is refused at its word', (line, message) => {
    const r = loadScenario(scenario(`  - { at: 1s, on: lb1, run: "${line}" }`), 'ka.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]?.message).toContain(message);
    expect(r.errors[0]?.line).toBe(32);
  });
});

describe('the keepalived: key', () => {
  it('an error inside an inline keepalived.conf is placed at its line and column in the YAML file', () => {
    const text = scenario('  - { at: 1s, on: lb1, run: "true" }', '\n          advert_intt 2').replace('run: "true"', 'run: "ip addr"');
    const errors = validateAgainstLab(load(text));
    expect(errors.map((e) => `${e.file}:${e.line}:${e.col}: ${e.message}`)).toEqual([
      "ka.yaml:15:11: Unknown keyword 'advert_intt' (in vrrp_instance); did you mean 'advert_int'?",
    ]);
  });

  it('an interface the host does not have is an error at the place the config names it', () => {
    const text = scenario('  - { at: 1s, on: lb1, run: "ip addr" }').replace('interface eth0\n          virtual_router_id 9\n          priority 150', 'interface eth1\n          virtual_router_id 9\n          priority 150');
    const errors = validateAgainstLab(load(text));
    expect(errors.map((e) => `${e.line}:${e.col}: ${e.message}`)).toEqual(['10:7: keepalived.conf names interface eth1, which host lb1 does not have']);
  });

  it('keepalived: { file } is read next to the scenario, and its errors name that file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lvslab-ka-'));
    try {
      writeFileSync(path.join(dir, 'lb1.conf'), 'vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 5\n  priority 300\n}\n');
      const text = scenario('  - { at: 1s, on: lb1, run: "ip addr" }').replace(/keepalived: \|[\s\S]*?(?=  lb2:)/, 'keepalived: { file: lb1.conf }\n');
      const file = path.join(dir, 'lab.yaml');
      const r = loadScenario(text, file);
      if (!r.ok) throw new Error(r.errors[0]?.message);
      expect(validateAgainstLab(r.scenario).map((e) => `${e.file}:${e.line}:${e.col}: ${e.message}`)).toEqual([`${path.join(dir, 'lb1.conf')}:4:12: priority: 300 is out of range (1..255)`]);
      const missing = loadScenario(text.replace('lb1.conf', 'nope.conf'), file);
      if (!missing.ok) throw new Error('load');
      expect(validateAgainstLab(missing.scenario).map((e) => e.message)).toEqual(['cannot read the keepalived.conf nope.conf: ENOENT']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keepalived's start-up warnings are in the trace with their position", () => {
    const events = run(scenario('  - { at: 1s, on: lb1, run: "ip addr" }', '\n          state MASTER\n          nopreempt'));
    const w = events.find((e) => e.kind === 'keepalived' && e.op === 'config-warning');
    expect(w).toMatchObject({ host: 'lb1', conf: 'ka.yaml:10:7' });
    expect(w?.msg.id).toMatch(/^kaconf\./);
  });
});
