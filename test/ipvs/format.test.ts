import { describe, expect, it } from 'vitest';
import { IP_VS_CONN_F_DROUTE, IP_VS_CONN_F_MASQ, IP_VS_CONN_F_TUNNEL } from '../../src/ipvs/dest.js';
import {
  type ConnEntry,
  type DestEntry,
  formatConnections,
  formatListAll,
  formatServiceEntry,
  formatTimeout,
  formatTitle,
  largenum,
  listFormat,
  type ServiceEntry,
} from '../../src/ipvs/ipvsadm/format.js';
import { cmpDests, cmpServices, glibcQsort } from '../../src/ipvs/ipvsadm/sort.js';
import { IP_VS_SVC_F_PERSISTENT, IP_VS_SVC_F_SCHED1, IP_VS_SVC_F_SCHED2 } from '../../src/ipvs/service.js';
import { type ShownStats, ZERO_STATS } from '../../src/ipvs/stats.js';
import { formatIp4 } from '../../src/net/wire/addr.js';
import { ip } from './fake-host.js';

/** The reference draws the last of a line's trailing spaces as ␠. */
function ref(text: string): string {
  return `${text.replaceAll('␠', ' ')}\n`;
}

function dest(daddr: string, dport: number, connFlags: number, over: Partial<DestEntry> = {}): DestEntry {
  return {
    daddr: ip(daddr),
    dport,
    connFlags,
    weight: 1,
    activeConns: 0,
    inactConns: 0,
    persistConns: 0,
    uThreshold: 0,
    lThreshold: 0,
    stats: ZERO_STATS,
    tunType: 0,
    tunPort: 0,
    tunFlags: 0,
    ...over,
  };
}

function service(over: Partial<ServiceEntry> & Pick<ServiceEntry, 'schedName' | 'dests'>): ServiceEntry {
  return {
    protocol: 6,
    vaddr: 0,
    vport: 0,
    fwmark: 0,
    flags: 0,
    timeout: 0,
    netmask: 0xffff_ffff,
    peName: '',
    stats: ZERO_STATS,
    ...over,
  };
}

function stats(s: Partial<ShownStats>): ShownStats {
  return { ...ZERO_STATS, ...s };
}

const persistentWlc = (dests: DestEntry[]): ServiceEntry =>
  service({ vaddr: ip('192.168.1.100'), vport: 80, schedName: 'wlc', flags: IP_VS_SVC_F_PERSISTENT, timeout: 360, dests });

describe('ipvsadm -L -n (§8.4)', () => {
  it('the reference example, character for character', () => {
    const services = [
      service({
        fwmark: 1,
        schedName: 'sh',
        flags: IP_VS_SVC_F_SCHED1 | IP_VS_SVC_F_SCHED2,
        dests: [dest('10.0.0.4', 0, IP_VS_CONN_F_TUNNEL)],
      }),
      service({ protocol: 17, vaddr: ip('192.168.1.100'), vport: 53, schedName: 'rr', dests: [dest('10.0.0.2', 53, IP_VS_CONN_F_DROUTE, { inactConns: 7 })] }),
      persistentWlc([
        dest('10.0.0.3', 80, IP_VS_CONN_F_MASQ, { weight: 2, activeConns: 5 }),
        dest('10.0.0.2', 80, IP_VS_CONN_F_MASQ, { activeConns: 3, inactConns: 12 }),
      ]),
    ];
    expect(formatListAll(services, listFormat({ numeric: true }), 4096)).toBe(
      ref(`IP Virtual Server version 1.2.1 (size=4096)
Prot LocalAddress:Port Scheduler Flags
  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
TCP  192.168.1.100:80 wlc persistent 360
  -> 10.0.0.2:80                  Masq    1      3          12       ␠
  -> 10.0.0.3:80                  Masq    2      5          0        ␠
UDP  192.168.1.100:53 rr
  -> 10.0.0.2:53                  Route   1      0          7        ␠
FWM  1 sh (sh-fallback,sh-port)
  -> 10.0.0.4:0                   Tunnel  1      0          0        ␠`),
    );
  });

  it('--nosort keeps the given service order and the kernel list order of servers', () => {
    const svc = service({
      vaddr: ip('192.168.1.100'),
      vport: 80,
      schedName: 'rr',
      dests: [dest('10.0.0.3', 80, IP_VS_CONN_F_DROUTE), dest('10.0.0.2', 80, IP_VS_CONN_F_DROUTE)],
    });
    const out = formatListAll([svc], listFormat({ numeric: true, nosort: true }), 4096);
    expect(out.split('\n').slice(4, 6).map((l) => l.slice(0, 16))).toEqual(['  -> 10.0.0.3:80', '  -> 10.0.0.2:80']);
  });

  it('names a port from /etc/services without -n', () => {
    const svc = service({ vaddr: ip('192.168.1.100'), vport: 80, schedName: 'rr', dests: [dest('192.168.100.200', 8080, IP_VS_CONN_F_MASQ)] });
    expect(formatServiceEntry(svc, listFormat())).toBe(
      'TCP  192.168.1.100:http rr\n  -> 192.168.100.200:http-alt     Masq    1      0          0         \n',
    );
  });
});

describe('ipvsadm --stats / --rate / --exact (§8.4)', () => {
  it('--stats: the reference rows, print_largenum included', () => {
    const svc = persistentWlc([
      dest('10.0.0.2', 80, IP_VS_CONN_F_MASQ, { stats: stats({ conns: 12, inpkts: 80, outpkts: 70, inbytes: 5000, outbytes: 999_999_123 }) }),
    ]);
    const withStats = { ...svc, stats: stats({ conns: 20, inpkts: 140, outpkts: 120, inbytes: 9876, outbytes: 1_234_567_890 }) };
    const f = listFormat({ numeric: true, stats: true });
    expect(formatTitle(f) + formatServiceEntry(withStats, f)).toBe(
      ref(`Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes
  -> RemoteAddress:Port
TCP  192.168.1.100:80                   20      140      120     9876    1234M
  -> 10.0.0.2:80                        12       80       70     5000  999999K`),
    );
  });

  it('--rate: server lines print CPS/InPPS/OutPPS plainly, bytes with print_largenum', () => {
    const svc = persistentWlc([dest('10.0.0.2', 80, IP_VS_CONN_F_MASQ, { stats: stats({ cps: 2, inpps: 15, outpps: 12, inbps: 1100, outbps: 150000 }) })]);
    const withRates = { ...svc, stats: stats({ cps: 3, inpps: 25, outpps: 20, inbps: 1800, outbps: 240000 }) };
    const f = listFormat({ numeric: true, rate: true });
    expect(formatTitle(f) + formatServiceEntry(withRates, f)).toBe(
      ref(`Prot LocalAddress:Port                 CPS    InPPS   OutPPS    InBPS   OutBPS
  -> RemoteAddress:Port
TCP  192.168.1.100:80                    3       25       20     1800   240000
  -> 10.0.0.2:80                         2       15       12     1100   150000`),
    );
  });

  it('print_largenum boundaries and --exact', () => {
    expect(largenum(99_999_999, false)).toBe(' 99999999');
    expect(largenum(100_000_000, false)).toBe('  100000K');
    expect(largenum(999_999_999, false)).toBe('  999999K');
    expect(largenum(1_000_000_000, false)).toBe('    1000M');
    expect(largenum(99_999_999_999, false)).toBe('   99999M');
    expect(largenum(100_000_000_000, false)).toBe('     100G');
    expect(largenum(100_000_000_000_000, false)).toBe('     100T');
    expect(largenum(12, true)).toBe('       12');
    expect(largenum(1_234_567_890, true)).toBe(' 1234567890');
  });
});

describe('ipvsadm --thresholds / --persistent-conn (§8.4)', () => {
  it('--thresholds: the reference example', () => {
    const svc = persistentWlc([dest('10.0.0.2', 80, IP_VS_CONN_F_MASQ, { uThreshold: 100, activeConns: 3, inactConns: 12 })]);
    expect(formatListAll([svc], listFormat({ numeric: true, thresholds: true }), 4096)).toBe(
      ref(`IP Virtual Server version 1.2.1 (size=4096)
Prot LocalAddress:Port            Uthreshold Lthreshold ActiveConn InActConn␠
  -> RemoteAddress:Port
TCP  192.168.1.100:80 wlc persistent 360
  -> 10.0.0.2:80                  100        0          3          12       ␠`),
    );
  });

  it('--persistent-conn: the reference example', () => {
    const svc = persistentWlc([dest('10.0.0.2', 80, IP_VS_CONN_F_MASQ, { persistConns: 4, activeConns: 3, inactConns: 12 })]);
    expect(formatListAll([svc], listFormat({ numeric: true, persistentConn: true }), 4096)).toBe(
      ref(`IP Virtual Server version 1.2.1 (size=4096)
Prot LocalAddress:Port            Weight    PersistConn ActiveConn InActConn␠
  -> RemoteAddress:Port
TCP  192.168.1.100:80 wlc persistent 360
  -> 10.0.0.2:80                  1         4           3          12       ␠`),
    );
  });
});

describe('ipvsadm -L -n -c (§8.4)', () => {
  it('the reference example', () => {
    const c = (protocol: string, expires: number, state: string, caddr: string, cport: number, vaddr: string, vport: number, daddr: string, dport: number): ConnEntry => ({
      protocol,
      expires,
      state,
      caddr: ip(caddr),
      cport,
      vaddr: ip(vaddr),
      vport,
      daddr: ip(daddr),
      dport,
    });
    const conns = [
      c('TCP', 899, 'ESTABLISHED', '10.0.0.1', 51234, '192.168.1.100', 80, '10.0.0.2', 80),
      c('TCP', 359, 'NONE', '10.0.0.1', 0, '192.168.1.100', 80, '10.0.0.2', 80),
      c('UDP', 299, 'UDP', '10.9.9.9', 40000, '192.168.1.100', 53, '10.0.0.2', 53),
      c('IP', 1799, 'ASSURED', '10.0.0.1', 0, '0.0.0.1', 0, '10.0.0.4', 0),
    ];
    expect(formatConnections(conns, { numeric: true, persistentConn: false })).toBe(
      ref(`IPVS connection entries
pro expire state       source             virtual            destination
TCP 14:59  ESTABLISHED 10.0.0.1:51234     192.168.1.100:80   10.0.0.2:80
TCP 05:59  NONE        10.0.0.1:0         192.168.1.100:80   10.0.0.2:80
UDP 04:59  UDP         10.9.9.9:40000     192.168.1.100:53   10.0.0.2:53
IP  29:59  ASSURED     10.0.0.1:0         0.0.0.1:0          10.0.0.4:0`),
    );
  });
});

describe('ipvsadm -S -n and --timeout (§8.4)', () => {
  it('-S -n: the reference example (thresholds are not saved)', () => {
    const services = [
      persistentWlc([dest('10.0.0.2', 80, IP_VS_CONN_F_MASQ, { uThreshold: 100 })]),
      service({
        fwmark: 1,
        schedName: 'rr',
        flags: IP_VS_SVC_F_PERSISTENT,
        timeout: 1800,
        netmask: ip('255.255.255.0'),
        dests: [dest('10.0.0.4', 0, IP_VS_CONN_F_TUNNEL)],
      }),
    ];
    expect(formatListAll(services, listFormat({ numeric: true, rule: true }), 4096)).toBe(
      ref(`-A -t 192.168.1.100:80 -s wlc -p 360
-a -t 192.168.1.100:80 -r 10.0.0.2:80 -m -w 1
-A -f 1 -s rr -p 1800 -M 255.255.255.0
-a -f 1 -r 10.0.0.4:0 -i -w 1 --tun-type ipip`),
    );
  });

  it('--timeout', () => {
    expect(formatTimeout(900, 120, 300)).toBe('Timeout (tcp tcpfin udp): 900 120 300\n');
  });
});

describe('sort order (§8.5)', () => {
  const addrs = (list: readonly { daddr: number }[]): string[] => list.map((d) => formatIp4(d.daddr));

  it('the signed-subtraction quirk: 10.0.0.1 sorts after 192.168.1.1', () => {
    const sorted = glibcQsort([dest('10.0.0.1', 80, 3), dest('192.168.1.1', 80, 3)], cmpDests);
    expect(addrs(sorted)).toEqual(['192.168.1.1', '10.0.0.1']);
    const svc = (a: string) => service({ vaddr: ip(a), vport: 80, schedName: 'rr', dests: [] });
    expect(glibcQsort([svc('10.0.0.1'), svc('192.168.1.1')], cmpServices).map((s) => formatIp4(s.vaddr))).toEqual(['192.168.1.1', '10.0.0.1']);
  });

  it('addresses less than 2^31 apart sort numerically; ports compare correctly', () => {
    const sorted = glibcQsort([dest('10.0.0.3', 80, 3), dest('10.0.0.2', 8080, 3), dest('10.0.0.2', 80, 3)], cmpDests);
    expect(sorted.map((d) => `${formatIp4(d.daddr)}:${d.dport}`)).toEqual(['10.0.0.2:80', '10.0.0.2:8080', '10.0.0.3:80']);
  });

  it('a non-transitive cycle is ordered the way glibc\'s merge sort orders it', () => {
    // 1 < 100 < 200 < 1 (first octets): msort splits [200 | 1, 100], merges 200 before 1.
    const sorted = glibcQsort([dest('200.0.0.0', 0, 3), dest('1.0.0.0', 0, 3), dest('100.0.0.0', 0, 3)], cmpDests);
    expect(addrs(sorted)).toEqual(['200.0.0.0', '1.0.0.0', '100.0.0.0']);
  });

  it('services: non-fwmark first, then TCP before UDP, then address, then port', () => {
    const s = (over: Partial<ServiceEntry>) => service({ schedName: 'rr', dests: [], ...over });
    const list = [s({ fwmark: 2 }), s({ protocol: 17, vaddr: ip('10.0.0.1'), vport: 53 }), s({ vaddr: ip('10.0.0.1'), vport: 443 }), s({ vaddr: ip('10.0.0.1'), vport: 80 }), s({ fwmark: 1 })];
    const sorted = glibcQsort(list, cmpServices).map((x) => (x.fwmark !== 0 ? `FWM ${x.fwmark}` : `${x.protocol} ${x.vport}`));
    expect(sorted).toEqual(['6 80', '6 443', '17 53', 'FWM 1', 'FWM 2']);
  });
});
