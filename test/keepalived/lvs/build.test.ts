import { describe, expect, it } from 'vitest';
import { buildIpvs } from '../../../src/keepalived/lvs/index.js';
import { parseKeepalivedConf } from '../../../src/keepalived/conf/parse.js';
import { runIpvsadm } from '../../../src/ipvs/ipvsadm/exec.js';
import { findService } from '../../../src/ipvs/ctl.js';
import { getLaddrs } from '../../../src/ipvs/laddr-ctl.js';
import { formatIp4 } from '../../../src/net/wire/addr.js';
import { config, ip, newLab, POS, rs, tcpCheck, vs } from './helpers.js';

/** The lines of `ipvsadm -L -n` after the 3-line header, right-trimmed. */
function table(cfg: ReturnType<typeof config>): { rows: string[]; diags: ReturnType<typeof buildIpvs>; l: ReturnType<typeof newLab> } {
  const l = newLab([]);
  const diags = buildIpvs(l.ipvs.state, cfg);
  const out = runIpvsadm(l.ipvs.state, '-L -n').output;
  const lines = out.split('\n').map((s) => s.trimEnd());
  expect(lines.slice(0, 3)).toEqual([
    'IP Virtual Server version 1.2.1 (size=4096)',
    'Prot LocalAddress:Port Scheduler Flags',
    '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
  ]);
  return { rows: lines.slice(3).filter((s) => s !== ''), diags, l };
}

const check = (a: string, p: number, alpha = false) => tcpCheck(a, p, { alpha });

describe('buildIpvs: the table keepalived builds at startup (init_services)', () => {
  it('a NAT service (keepalived default method), rr, persistence 50: real servers added with their weights', () => {
    const { rows, diags } = table(
      config([vs('192.168.1.100', 80, [rs('10.0.0.11', 80, [check('10.0.0.11', 80)], { weight: 3 }), rs('10.0.0.12', 8080, [])], { persistenceTimeout: 50 })]),
    );
    expect(diags).toEqual([]);
    expect(rows).toEqual([
      'TCP  192.168.1.100:80 rr persistent 50',
      '  -> 10.0.0.11:80                 Masq    3      0          0',
      '  -> 10.0.0.12:8080               Masq    1      0          0',
    ]);
  });

  it('DR and TUN real servers, a UDP service, wlc with persistence granularity /24', () => {
    const { rows } = table(
      config([
        vs('192.168.1.100', 53, [rs('10.0.0.11', 53, [], { method: 'DR' }), rs('10.0.0.12', 53, [], { method: 'TUN', weight: 2 })], {
          protocol: 'UDP',
          sched: 'wlc',
          persistenceTimeout: 360,
          persistenceGranularity: ip('255.255.255.0'),
          method: 'DR',
        }),
      ]),
    );
    expect(rows).toEqual([
      'UDP  192.168.1.100:53 wlc persistent 360 mask 255.255.255.0',
      '  -> 10.0.0.11:53                 Route   1      0          0',
      '  -> 10.0.0.12:53                 Tunnel  2      0          0',
    ]);
  });

  it('a virtual_server_group: one IPVS service per address of the range and per fwmark', () => {
    const g = {
      name: 'web',
      pos: POS,
      entries: [
        { kind: 'addr' as const, first: ip('192.168.1.3'), last: ip('192.168.1.4'), port: 80, pos: POS },
        { kind: 'fwmark' as const, mark: 7, pos: POS },
      ],
    };
    const { rows, diags } = table(
      config([{ ...vs('0.0.0.0', 0, [rs('10.0.0.11', 80, [], { method: 'DR' })], { method: 'DR' }), selector: { kind: 'group', name: 'web' } }], { vsGroups: [g] }),
    );
    expect(diags).toEqual([]);
    expect(rows).toEqual([
      'TCP  192.168.1.3:80 rr',
      '  -> 10.0.0.11:80                 Route   1      0          0',
      'TCP  192.168.1.4:80 rr',
      '  -> 10.0.0.11:80                 Route   1      0          0',
      'FWM  7 rr',
      '  -> 10.0.0.11:0                  Route   1      0          0',
    ]);
  });

  it('alpha: real servers wait for their first successful check; with inhibit_on_failure they are listed at weight 0', () => {
    const { rows, l } = table(
      config([
        vs('192.168.1.100', 80, [rs('10.0.0.11', 80, [check('10.0.0.11', 80, true)]), rs('10.0.0.12', 80, [check('10.0.0.12', 80, true)], { inhibitOnFailure: true, weight: 5 })], {
          alpha: true,
        }),
      ]),
    );
    expect(rows).toEqual(['TCP  192.168.1.100:80 rr', '  -> 10.0.0.12:80                 Masq    0      0          0']);
    const ids = l.rec.keepalived().map((e) => e.msg.id);
    expect(ids).toContain('kacheck.init.rsAlpha');
    expect(ids).toContain('kacheck.init.rsAlphaInhibit');
  });

  it('alpha with a sorry_server: no live weight at start, so the sorry server is in the pool', () => {
    const { rows } = table(
      config([
        vs('192.168.1.100', 80, [rs('10.0.0.11', 80, [check('10.0.0.11', 80, true)])], {
          alpha: true,
          sorryServer: { addr: ip('10.0.0.99'), port: 80, method: 'NAT', inhibit: false, pos: POS },
        }),
      ]),
    );
    expect(rows).toEqual(['TCP  192.168.1.100:80 rr', '  -> 10.0.0.99:80                 Masq    1      0          0']);
  });

  it('a NAT sorry server given without a port stays at port 0 (alloc_ssvr), as keepalived adds it', () => {
    const src = 'virtual_server 192.168.1.100 80 {\n lb_algo rr\n lb_kind NAT\n protocol TCP\n alpha\n sorry_server 10.0.0.99\n real_server 10.0.0.11 80 {\n  TCP_CHECK {\n  }\n }\n}\n';
    const parsed = parseKeepalivedConf({ file: 'k.conf', text: src });
    expect(parsed.config).not.toBeNull();
    const { rows, diags } = table(parsed.config!);
    expect(diags).toEqual([]);
    expect(rows).toEqual(['TCP  192.168.1.100:80 rr', '  -> 10.0.0.99:0                  Masq    1      0          0']);
  });

  it("quorum and hysteresis are corrected once, by the parser (with keepalived's warning); the runtime uses them as given", () => {
    const sorryServer = { addr: ip('10.0.0.99'), port: 80, method: 'NAT' as const, inhibit: false, pos: POS };
    const two = [rs('10.0.0.11', 80, [check('10.0.0.11', 80)]), rs('10.0.0.12', 80, [check('10.0.0.12', 80)])];
    // Given quorum 3 over a total weight of 2: quorum is never reached, the sorry server serves.
    expect(table(config([vs('192.168.1.100', 80, two, { quorum: 3, sorryServer })])).rows).toEqual([
      'TCP  192.168.1.100:80 rr',
      '  -> 10.0.0.99:80                 Masq    1      0          0',
    ]);
    // Written in keepalived.conf, the parser reduces it to 2 (warning) and both real servers serve.
    const src =
      'virtual_server 192.168.1.100 80 {\n lb_algo rr\n lb_kind NAT\n protocol TCP\n quorum 3\n sorry_server 10.0.0.99 80\n' +
      ' real_server 10.0.0.11 80 {\n }\n real_server 10.0.0.12 80 {\n }\n}\n';
    const parsed = parseKeepalivedConf({ file: 'k.conf', text: src });
    expect(parsed.diagnostics.map((d) => d.msg.id)).toEqual(['kaconf.vs.quorumTooHigh']);
    expect(table(parsed.config!).rows).toEqual([
      'TCP  192.168.1.100:80 rr',
      '  -> 10.0.0.11:80                 Masq    1      0          0',
      '  -> 10.0.0.12:80                 Masq    1      0          0',
    ]);
  });

  it('sorry_server_inhibit: the sorry server is listed from the start, at weight 0', () => {
    const { rows } = table(
      config([
        vs('192.168.1.100', 80, [rs('10.0.0.11', 80, [check('10.0.0.11', 80)])], {
          sorryServer: { addr: ip('10.0.0.99'), port: 80, method: 'NAT', inhibit: true, pos: POS },
        }),
      ]),
    );
    expect(rows).toEqual([
      'TCP  192.168.1.100:80 rr',
      '  -> 10.0.0.11:80                 Masq    1      0          0',
      '  -> 10.0.0.99:80                 Masq    0      0          0',
    ]);
  });

  it('FULLNAT (the fork): lb_kind FNAT, syn_proxy and the local_address_group', () => {
    const lg = { name: 'laddr_g1', pos: POS, addrs: [{ addr: ip('10.0.0.201'), pos: POS }, { addr: ip('10.0.0.202'), pos: POS }] };
    const { rows, l } = table(
      config([vs('192.168.1.100', 80, [rs('10.0.0.11', 8080, [], { method: 'FNAT' })], { method: 'FNAT', laddrGroup: 'laddr_g1', synProxy: true })], {
        laddrGroups: [lg],
      }),
    );
    expect(rows).toEqual(['TCP  192.168.1.100:80 rr synproxy', '  -> 10.0.0.11:8080               FullNat 1      0          0']);
    const svc = findService(l.ipvs.state, { protocol: 6, vaddr: ip('192.168.1.100'), vport: 80, fwmark: 0 });
    expect(svc === undefined ? [] : getLaddrs(svc).map((a) => formatIp4(a.addr))).toEqual(['10.0.0.201', '10.0.0.202']);
  });

  it('IPVS refusals come back as diagnostics at the configuration position', () => {
    const pos = { file: 'k.conf', line: 12, col: 5 };
    const { diags, rows } = table(config([{ ...vs('192.168.1.100', 80, [rs('10.0.0.11', 80, [])], { sched: 'nosuch' }), pos }]));
    expect(rows).toEqual([]);
    expect(diags).toEqual([{ severity: 'error', pos, msg: { id: 'kacheck.build.service', params: { vs: 'TCP 192.168.1.100:80', errno: 'ENOENT' } } }]);
  });
});
