import { describe, expect, it } from 'vitest';
import { Iptables } from '../../src/net/iptables.js';
import type { Skb } from '../../src/net/types.js';
import type { HookName } from '../../src/trace/events.js';
import { TCP_SYN } from '../../src/net/wire/packet.js';
import { parseScript } from '../../src/scenarios/commands/index.js';
import type { IptablesCommand } from '../../src/scenarios/commands/types.js';
import { execIptables } from '../../src/scenarios/exec/iptables.js';
import type { ExecResult } from '../../src/scenarios/exec/types.js';
import { FakeHost, tcpPacket, udpPacket } from '../ipvs/fake-host.js';

const VIP = '192.168.1.100';

function setup(): { host: FakeHost; ipt: Iptables; run: (line: string) => ExecResult; ok: (line: string) => string } {
  const host = new FakeHost();
  const ipt = new Iptables(host);
  const run = (line: string): ExecResult => {
    const parsed = parseScript(line);
    expect(parsed.errors, line).toEqual([]);
    const entry = parsed.script.commands[0];
    if (entry === undefined || entry.command.kind !== 'iptables') throw new Error(`not iptables: ${line}`);
    return execIptables(ipt, entry.command as IptablesCommand);
  };
  const ok = (line: string): string => {
    const r = run(line);
    expect(r.exitCode, `${line}: ${r.output}`).toBe(0);
    return r.output;
  };
  return { host, ipt, run, ok };
}

const IN = { PREROUTING: 'eth0', LOCAL_IN: 'eth0', FORWARD: 'eth0', LOCAL_OUT: null, POSTROUTING: null } as const;
const OUT = { PREROUTING: null, LOCAL_IN: null, FORWARD: 'eth1', LOCAL_OUT: 'eth0', POSTROUTING: 'eth0' } as const;

/** Sends a packet through one hook; returns the skb and whether it went on. */
function through(host: FakeHost, hook: HookName, skb: Skb): boolean {
  let passed = false;
  host.nfHook(hook, skb, { hook, in: IN[hook], out: OUT[hook] }, () => {
    passed = true;
  });
  return passed;
}

describe('tables on the hooks', () => {
  it('each table registers its built-in chains at the kernel priorities on first use', () => {
    const { host, ipt } = setup();
    expect(host.registrations).toEqual([]);
    ipt.table('mangle');
    ipt.table('filter');
    ipt.table('raw');
    ipt.table('mangle');
    expect(host.registrations.map((r) => `${r.hook} ${r.priority}`)).toEqual([
      'PREROUTING -150',
      'LOCAL_IN -150',
      'FORWARD -150',
      'LOCAL_OUT -150',
      'POSTROUTING -150',
      'LOCAL_IN 0',
      'FORWARD 0',
      'LOCAL_OUT 0',
      'PREROUTING -300',
      'LOCAL_OUT -300',
    ]);
    expect(host.hooks.map((h) => h.owner)).toContain('iptables-mangle');
  });
});

describe('rules', () => {
  it('MARK --set-mark sets skb->mark on matching packets only and counts them; the policy counts the rest', () => {
    const { host, ipt, ok } = setup();
    ok(`iptables -t mangle -A PREROUTING -d ${VIP} -p tcp --dport 80 -j MARK --set-mark 1`);
    const hit = host.newSkb(tcpPacket('10.0.0.1', 40000, VIP, 80, TCP_SYN));
    const miss = host.newSkb(tcpPacket('10.0.0.1', 40000, VIP, 81, TCP_SYN));
    const udp = host.newSkb(udpPacket('10.0.0.1', 40000, VIP, 80));
    expect([through(host, 'PREROUTING', hit), through(host, 'PREROUTING', miss), through(host, 'PREROUTING', udp)]).toEqual([true, true, true]);
    expect([hit.mark, miss.mark, udp.mark]).toEqual([1, 0, 0]);
    const chain = ipt.chain('mangle', 'PREROUTING');
    expect(chain?.rules[0]).toMatchObject({ pkts: 1, bytes: 40 });
    expect(chain).toMatchObject({ pkts: 3, bytes: 40 + 40 + 48 });
    const ev = host.events.find((e) => e.kind === 'hook' && e.msg.id === 'nf.rule.mark');
    expect(ev?.msg.params).toMatchObject({ table: 'mangle', chain: 'PREROUTING', rule: 1, from: '0x0', to: '0x1' });
  });

  it('MARK arithmetic is (mark & ~mask) ^ value: --set-mark V/M ORs V after clearing M, --set-xmark XORs', () => {
    const { host, ok } = setup();
    ok('iptables -t mangle -A PREROUTING -j MARK --set-mark 0x10/0xf0');
    ok('iptables -t mangle -A PREROUTING -j MARK --set-xmark 0x3/0x0');
    const skb = host.newSkb(tcpPacket('10.0.0.1', 1, VIP, 80, TCP_SYN));
    skb.mark = 0xff;
    through(host, 'PREROUTING', skb);
    // (0xff & ~0xf0) ^ 0x10 = 0x1f; then (0x1f & ~0) ^ 0x3 = 0x1c.
    expect(skb.mark).toBe(0x1c);
  });

  it('first matching ACCEPT/DROP ends the chain; -I puts a rule first; RETURN falls to the policy; -P DROP drops the rest', () => {
    const { host, ok, run } = setup();
    ok('iptables -A INPUT -s 10.0.0.0/8 -j DROP');
    ok('iptables -I INPUT -s 10.1.0.0/16 -p tcp -j ACCEPT');
    ok('iptables -A INPUT -p udp -j RETURN');
    ok('iptables -P INPUT DROP');
    const verdicts = [
      tcpPacket('10.1.2.3', 1, VIP, 80, TCP_SYN), // rule 1: ACCEPT
      tcpPacket('10.2.2.3', 1, VIP, 80, TCP_SYN), // rule 2: DROP
      udpPacket('172.16.0.1', 1, VIP, 53), // RETURN → policy DROP
      tcpPacket('172.16.0.1', 1, VIP, 80, TCP_SYN), // policy DROP
    ].map((p) => through(host, 'LOCAL_IN', host.newSkb(p)));
    expect(verdicts).toEqual([true, false, false, false]);
    expect(host.drops.map((d) => d.reason.id)).toEqual(['nf.rule.drop', 'nf.policy.drop', 'nf.policy.drop']);
    expect(run('iptables -I INPUT 5 -j ACCEPT')).toMatchObject({ exitCode: 1, output: 'iptables: Index of insertion too big.\n' });
    ok('iptables -I INPUT 4 -j ACCEPT');
  });

  it('-i/-o match interfaces (a trailing + is a prefix) and are refused on chains that have no such interface', () => {
    const { host, ok, run } = setup();
    ok('iptables -A FORWARD -i eth+ -o eth1 -j DROP');
    expect(through(host, 'FORWARD', host.newSkb(tcpPacket('10.0.0.1', 1, VIP, 80, TCP_SYN)))).toBe(false);
    const r = run('iptables -A OUTPUT -i eth0 -j DROP');
    expect(r.exitCode).toBe(2);
    expect(r.output).toBe("iptables v1.8.9 (nf_tables): Can't use -i with OUTPUT\n\nTry `iptables -h' or 'iptables --help' for more information.\n");
    expect(run('iptables -A INPUT -o eth0 -j DROP').output).toContain("Can't use -o with INPUT\n");
  });

  it('-D removes the first identical rule, or fails like iptables; -F empties the chains but keeps policies', () => {
    const { ipt, ok, run } = setup();
    ok('iptables -A INPUT -p tcp --dport 22 -j ACCEPT');
    ok('iptables -A INPUT -p tcp --dport 80 -j ACCEPT');
    expect(run('iptables -D INPUT -p tcp --dport 23 -j ACCEPT')).toMatchObject({
      exitCode: 1,
      output: 'iptables: Bad rule (does a matching rule exist in that chain?).\n',
    });
    ok('iptables -D INPUT -p tcp --dport 22 -j ACCEPT');
    expect(ipt.chain('filter', 'INPUT')?.rules.map((r) => r.match.dport)).toEqual([80]);
    ok('iptables -P FORWARD DROP');
    ok('iptables -F');
    expect(ipt.chain('filter', 'INPUT')?.rules).toEqual([]);
    expect(ipt.chain('filter', 'FORWARD')?.policy).toBe('DROP');
  });

  it('the nat table is refused as not modelled (no conntrack)', () => {
    const { run } = setup();
    expect(run('iptables -t nat -A PREROUTING -j ACCEPT').error?.kind).toBe('notModelled');
  });
});

describe('output formats (iptables 1.8.9)', () => {
  function fwmarkLab(): ReturnType<typeof setup> {
    const lab = setup();
    lab.ok(`iptables -t mangle -A PREROUTING -d ${VIP} -p tcp --dport 80 -j MARK --set-mark 1`);
    lab.ok('iptables -t mangle -A PREROUTING -s 10.1.2.3/24 -i eth0 -p udp --sport 53 -j ACCEPT');
    return lab;
  }

  it('-S: policies first, then the rules in iptables-save syntax (addresses /len, -m tcp, --set-xmark V/M)', () => {
    const { ok } = fwmarkLab();
    expect(ok('iptables -t mangle -S')).toBe(
      '-P PREROUTING ACCEPT\n' +
        '-P INPUT ACCEPT\n' +
        '-P FORWARD ACCEPT\n' +
        '-P OUTPUT ACCEPT\n' +
        '-P POSTROUTING ACCEPT\n' +
        '-A PREROUTING -d 192.168.1.100/32 -p tcp -m tcp --dport 80 -j MARK --set-xmark 0x1/0xffffffff\n' +
        '-A PREROUTING -s 10.1.2.0/24 -i eth0 -p udp -m udp --sport 53 -j ACCEPT\n',
    );
    expect(ok('iptables -t mangle -S INPUT')).toBe('-P INPUT ACCEPT\n');
    expect(ok('iptables -S')).toBe('-P INPUT ACCEPT\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n');
  });

  it('-L -n: one block per chain, separated by a blank line, with the padded columns and trailing spaces', () => {
    const { ok } = fwmarkLab();
    expect(ok('iptables -t mangle -L PREROUTING -n')).toBe(
      'Chain PREROUTING (policy ACCEPT)\n' +
        'target     prot opt source               destination         \n' +
        'MARK       tcp  --  0.0.0.0/0            192.168.1.100        tcp dpt:80 MARK set 0x1\n' +
        'ACCEPT     udp  --  10.1.2.0/24          0.0.0.0/0            udp spt:53\n',
    );
    expect(ok('iptables -L -n')).toBe(
      'Chain INPUT (policy ACCEPT)\n' +
        'target     prot opt source               destination         \n' +
        '\n' +
        'Chain FORWARD (policy ACCEPT)\n' +
        'target     prot opt source               destination         \n' +
        '\n' +
        'Chain OUTPUT (policy ACCEPT)\n' +
        'target     prot opt source               destination         \n',
    );
  });

  it('-L without -n says anywhere and names the ports; -L -n -v adds counters and interfaces', () => {
    const { host, ok } = fwmarkLab();
    expect(ok('iptables -t mangle -L PREROUTING')).toBe(
      'Chain PREROUTING (policy ACCEPT)\n' +
        'target     prot opt source               destination         \n' +
        'MARK       tcp  --  anywhere             192.168.1.100        tcp dpt:http MARK set 0x1\n' +
        'ACCEPT     udp  --  10.1.2.0/24          anywhere             udp spt:domain\n',
    );
    through(host, 'PREROUTING', host.newSkb(tcpPacket('10.0.0.1', 40000, VIP, 80, TCP_SYN)));
    expect(ok('iptables -t mangle -L PREROUTING -n -v')).toBe(
      'Chain PREROUTING (policy ACCEPT 1 packets, 40 bytes)\n' +
        ' pkts bytes target     prot opt in     out     source               destination         \n' +
        '    1    40 MARK       tcp  --  *      *       0.0.0.0/0            192.168.1.100        tcp dpt:80 MARK set 0x1\n' +
        '    0     0 ACCEPT     udp  --  eth0   *       10.1.2.0/24          0.0.0.0/0            udp spt:53\n',
    );
  });
});
