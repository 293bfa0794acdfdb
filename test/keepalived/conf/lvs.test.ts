/** virtual_server / real_server / checker defaults, inheritance and keepalived's corrections (§3.3, §3.4, §7.8). */
import { describe, expect, it } from 'vitest';
import { SEC } from '../../../src/net/types.js';
import { parseIp4 } from '../../../src/net/wire/addr.js';
import { errors, parse, text, vs, warnings, where } from './helpers.js';

describe('virtual_server defaults', () => {
  it('reference §7 item 8 defaults', () => {
    const r = parse('virtual_server 10.0.0.100 80 {\n real_server 10.0.1.1 80 {\n  TCP_CHECK {\n  }\n }\n}\n');
    expect(errors(r)).toEqual([]);
    const v = r.config?.virtualServers[0];
    expect(v).toMatchObject({
      protocol: 'UDP', method: 'NAT', sched: 'wlc', delayLoop: 60 * SEC, quorum: 1, hysteresis: 0, persistenceTimeout: 0,
      persistenceGranularity: 0xffffffff, alpha: false, omega: false, inhibitOnFailure: false, synProxy: false,
    });
    expect(v?.realServers[0]).toMatchObject({ weight: 1, port: 80, method: 'NAT', inhibitOnFailure: false, uThreshold: 0, lThreshold: 0 });
    expect(v?.realServers[0]?.checkers[0]).toMatchObject({
      kind: 'TCP_CHECK', connectTimeout: 5 * SEC, retry: 1, delayBeforeRetry: SEC, delayLoop: 60 * SEC, warmup: 60 * SEC, alpha: false,
      connectIp: parseIp4('10.0.1.1'), connectPort: 80,
    });
    expect(warnings(r).map(text)).toEqual([
      'Virtual server 10.0.0.100:80: no protocol set - defaulting to UDP',
      "Virtual server 10.0.0.100:80: no scheduler set, setting default 'wlc'",
      'Virtual server 10.0.0.100:80: no forwarding method set, setting default NAT',
    ]);
  });

  it('HTTP_GET delay_before_retry default is 3 s; MISC_CHECK retry default 0', () => {
    const r = parse(vs('', '  HTTP_GET {\n   url {\n    path /\n   }\n  }\n  MISC_CHECK {\n   misc_path "/bin/check a b"\n  }'));
    const [h, m] = r.config?.virtualServers[0]?.realServers[0]?.checkers ?? [];
    expect(h).toMatchObject({ kind: 'HTTP_GET', delayBeforeRetry: 3 * SEC, retry: 1, httpProtocol: '1.0', fastRecovery: false });
    if (h?.kind === 'HTTP_GET') expect(h.urls[0]?.statusCodes).toEqual([[200, 299]]);
    expect(m).toMatchObject({ kind: 'MISC_CHECK', retry: 0, path: { text: '/bin/check a b', pos: { line: 13, col: 15 } }, timeout: 60 * SEC });
  });

  it('persistence_timeout without a value is 360 s', () => {
    expect(parse(vs(' persistence_timeout')).config?.virtualServers[0]?.persistenceTimeout).toBe(360);
  });

  it('old and new spellings: lvs_sched/lb_algo, lvs_method/lb_kind', () => {
    const r = parse('virtual_server 10.0.0.100 80 {\n lvs_sched sh\n lvs_method DR\n protocol TCP\n real_server 10.0.1.1 80 {\n }\n}\n');
    expect(r.config?.virtualServers[0]).toMatchObject({ sched: 'sh', method: 'DR' });
  });

  it('VS → RS → checker inheritance', () => {
    const r = parse(vs(' delay_loop 10\n connect_timeout 2\n retry 4\n delay_before_retry 0.5\n warmup 7\n alpha\n inhibit_on_failure\n virtualhost vs.example',
      '  connect_timeout 3\n  TCP_CHECK {\n   retry 6\n  }\n  HTTP_GET {\n   url {\n    path /\n   }\n  }'));
    const rs = r.config?.virtualServers[0]?.realServers[0];
    expect(rs?.inhibitOnFailure).toBe(true);
    const [t, h] = rs?.checkers ?? [];
    expect(t).toMatchObject({ connectTimeout: 3 * SEC, retry: 6, delayBeforeRetry: SEC / 2, delayLoop: 10 * SEC, warmup: 7 * SEC, alpha: true });
    expect(h).toMatchObject({ connectTimeout: 3 * SEC, retry: 4, delayBeforeRetry: SEC / 2 });
    if (h?.kind === 'HTTP_GET') expect(h.urls[0]?.virtualhost).toBe('vs.example');
  });

  it('DR: real-server port forced to the VS port with keepalived warning; missing port takes the VS port', () => {
    const r = parse('virtual_server 10.0.0.100 80 {\n lb_kind DR\n lb_algo rr\n protocol TCP\n real_server 10.0.1.1 8080 {\n }\n real_server 10.0.1.2 {\n }\n}\n');
    expect(r.config?.virtualServers[0]?.realServers.map((x) => x.port)).toEqual([80, 80]);
    expect(warnings(r).map(text)).toEqual(["WARNING - virtual server 10.0.0.100:80 and real server 10.0.1.1:8080 ports don't match - resetting"]);
    expect(warnings(r)[0]?.pos).toMatchObject({ line: 5, col: 2 });
  });

  it('NAT keeps a different real-server port', () => {
    expect(parse(vs('', '').replace('10.0.1.1 80', '10.0.1.1 8080')).config?.virtualServers[0]?.realServers[0]?.port).toBe(8080);
  });

  it('duplicate real server removed with keepalived warning', () => {
    const r = parse('virtual_server 10.0.0.100 80 {\n lb_algo rr\n lb_kind NAT\n protocol TCP\n real_server 10.0.1.1 80 {\n }\n real_server 10.0.1.1 80 {\n  weight 5\n }\n}\n');
    expect(r.config?.virtualServers[0]?.realServers.length).toBe(1);
    expect(where(warnings(r))).toEqual(['7:2 kaconf.vs.duplicateRs']);
  });

  it('quorum above the total weight is reduced; hysteresis >= quorum is reduced', () => {
    const r = parse(vs(' quorum 7\n hysteresis 2'));
    expect(r.config?.virtualServers[0]).toMatchObject({ quorum: 1, hysteresis: 0 });
    expect(warnings(r).map((w) => w.msg.id)).toEqual(['kaconf.vs.quorumTooHigh', 'kaconf.vs.hysteresis']);
  });

  it('fwmark service: protocol TCP, port-less real servers, TUN type ipip', () => {
    const r = parse('virtual_server fwmark 1 {\n lb_algo wrr\n lb_kind TUN type ipip\n real_server 10.0.1.1 {\n  weight 3\n }\n}\n');
    expect(errors(r)).toEqual([]);
    expect(r.config?.virtualServers[0]).toMatchObject({ selector: { kind: 'fwmark', mark: 1 }, method: 'TUN', protocol: 'TCP' });
    expect(r.config?.virtualServers[0]?.realServers[0]).toMatchObject({ port: 0, weight: 3 });
  });

  it('virtual_server_group with a range and a fwmark; group reference', () => {
    const r = parse('virtual_server_group G {\n 192.168.1.3-10 80\n 10.0.0.1 80\n fwmark 7\n}\n' + vs('', '', 'group G'));
    expect(errors(r)).toEqual([]);
    expect(r.config?.vsGroups.get('G')?.entries).toEqual([
      { kind: 'addr', first: parseIp4('192.168.1.3'), last: parseIp4('192.168.1.10'), port: 80, pos: { file: 't.conf', line: 2, col: 2 } },
      { kind: 'addr', first: parseIp4('10.0.0.1'), last: parseIp4('10.0.0.1'), port: 80, pos: { file: 't.conf', line: 3, col: 2 } },
      { kind: 'fwmark', mark: 7, pos: { file: 't.conf', line: 4, col: 2 } },
    ]);
  });

  it('sorry server, inhibit and its own method', () => {
    const r = parse(vs(' sorry_server 10.0.9.9 8080\n sorry_server_inhibit\n sorry_server_lvs_method NAT'));
    expect(r.config?.virtualServers[0]?.sorryServer).toMatchObject({ addr: parseIp4('10.0.9.9'), port: 8080, method: 'NAT', inhibit: true });
  });

  it('fork keywords: local_address_group, laddr_group_name, FNAT, syn_proxy', () => {
    const r = parse('local_address_group laddr_g1 {\n 192.168.10.1-3 eth1\n}\n' + vs(' laddr_group_name laddr_g1\n syn_proxy').replace('lb_kind NAT', 'lb_kind FNAT'));
    expect(errors(r)).toEqual([]);
    expect(r.config?.laddrGroups.get('laddr_g1')?.addrs.map((a) => [a.addr, a.iface])).toEqual([
      [parseIp4('192.168.10.1'), 'eth1'], [parseIp4('192.168.10.2'), 'eth1'], [parseIp4('192.168.10.3'), 'eth1'],
    ]);
    expect(r.config?.virtualServers[0]).toMatchObject({ method: 'FNAT', laddrGroup: 'laddr_g1', synProxy: true });
  });

  it('nb_get_retry maps to retry with keepalived deprecation warning', () => {
    const r = parse(vs('', '  HTTP_GET {\n   url {\n    path /\n    status_code 200-299 400-499 503\n   }\n   nb_get_retry 3\n  }'));
    const c = r.config?.virtualServers[0]?.realServers[0]?.checkers[0];
    expect(c?.retry).toBe(3);
    if (c?.kind === 'HTTP_GET') expect(c.urls[0]?.statusCodes).toEqual([[200, 299], [400, 499], [503, 503]]);
    expect(warnings(r).map(text)).toEqual(["nb_get_retry is deprecated - please use 'retry'"]);
  });
});

describe('virtual_server errors with positions', () => {
  const cases: [string, string, string][] = [
    ['SMTP_CHECK', vs('', '  SMTP_CHECK {\n  }'), '7:3 kaconf.notModelled.checker'],
    ['DNS_CHECK', vs('', '  DNS_CHECK {\n  }'), '7:3 kaconf.notModelled.checker'],
    ['bad scheduler', vs('').replace('lb_algo rr', 'lb_algo roundrobin'), '2:10 kaconf.vs.badSched'],
    ['bad method', vs('').replace('lb_kind NAT', 'lb_kind MASQ'), '3:10 kaconf.vs.badMethod'],
    ['TUN type gue', vs('').replace('lb_kind NAT', 'lb_kind TUN type gue'), '3:19 kaconf.notModelled.tunType'],
    ['SCTP', vs('').replace('protocol TCP', 'protocol SCTP'), '4:11 kaconf.notModelled.sctp'],
    ['IPv6 VS', vs('', '', '2001:db8::1 80'), '1:16 kaconf.ipv6'],
    ['weight range', vs('', '  weight -1'), '7:10 kaconf.arg.range'],
    ['url without path', vs('', '  HTTP_GET {\n   url {\n   }\n  }'), '8:4 kaconf.http.noPath'],
    ['HTTP_GET without url', vs('', '  HTTP_GET {\n  }'), '7:3 kaconf.http.noUrl'],
    ['bad status', vs('', '  HTTP_GET {\n   url {\n    path /\n    status_code 2xx\n   }\n  }'), '10:17 kaconf.http.badStatus'],
    ['bad digest', vs('', '  HTTP_GET {\n   url {\n    path /\n    digest xyz\n   }\n  }'), '10:12 kaconf.http.badDigest'],
    ['regex', vs('', '  HTTP_GET {\n   url {\n    path /\n    regex "ok"\n   }\n  }'), '10:5 kaconf.notModelled.regex'],
    ['MISC without path', vs('', '  MISC_CHECK {\n  }'), '7:3 kaconf.misc.noPath'],
    ['ha_suspend', vs(' ha_suspend'), '5:2 kaconf.notModelled.haSuspend'],
    ['missing group', vs('', '', 'group NOPE'), '1:22 kaconf.ref.vsGroup'],
    ['missing laddr group', vs(' laddr_group_name nope'), '5:19 kaconf.ref.laddrGroup'],
    ['FNAT without laddr group', vs('').replace('lb_kind NAT', 'lb_kind FNAT'), '1:1 kaconf.ref.fnatNoLaddr'],
    ['lvs_timeouts', 'global_defs {\n lvs_timeouts tcp 10\n}\n', '2:2 kaconf.notModelled.lvsTimeouts'],
    ['unknown top-level with suggestion', 'virtual_servr 10.0.0.1 80 {\n}\n', '1:1 kaconf.unknownSuggest'],
  ];
  for (const [name, src, want] of cases) {
    it(name, () => {
      const r = parse(src);
      expect(r.config).toBeNull();
      if (name === 'url without path') expect(where(errors(r))).toEqual(['7:3 kaconf.http.noUrl', want]);
      else expect(where(errors(r))[0]).toBe(want);
    });
  }

  it('a VS with no real servers is dropped with keepalived warning', () => {
    const r = parse('virtual_server 10.0.0.1 80 {\n protocol TCP\n lb_algo rr\n lb_kind NAT\n}\n');
    expect(r.config?.virtualServers).toEqual([]);
    expect(warnings(r).map(text)).toEqual(['Virtual server 10.0.0.1:80 has no real servers - ignoring']);
  });

  it('no-effect keywords warn with their position (notify_up, quorum_up, smtp_alert, user)', () => {
    const r = parse(vs(' quorum_up /bin/up\n smtp_alert', '  notify_up /bin/x\n  MISC_CHECK {\n   misc_path /bin/c\n   user nobody\n  }'));
    expect(errors(r)).toEqual([]);
    expect(where(warnings(r))).toEqual(['5:2 kaconf.noEffect.notify', '6:2 kaconf.noEffect.mail', '8:3 kaconf.noEffect.notify', '11:4 kaconf.noEffect.scriptSecurity']);
  });
});

describe("keepalived's check_parser.c handlers, case by case (review fixes)", () => {
  const vsOf = (src: string) => parse(src).config?.virtualServers[0];
  const rsOf = (src: string) => vsOf(src)?.realServers[0];
  const urlHost = (src: string) => {
    const c = rsOf(src)?.checkers[0];
    return c?.kind === 'HTTP_GET' ? c.urls.map((u) => u.virtualhost ?? '-') : ['not HTTP_GET'];
  };
  const get = (checker: string, url1 = '', url2 = '') =>
    `  HTTP_GET {\n${checker}   url {\n    path /a\n${url1}   }\n   url {\n    path /b\n${url2}   }\n  }`;

  it('protocol is case-insensitive (proto_handler uses strcasecmp)', () => {
    for (const [p, want] of [['tcp', 'TCP'], ['Udp', 'UDP'], ['TCP', 'TCP']] as const) {
      expect(vsOf(vs('').replace('protocol TCP', `protocol ${p}`))?.protocol).toBe(want);
    }
    expect(where(errors(parse(vs('').replace('protocol TCP', 'protocol sctp'))))).toEqual(['4:11 kaconf.notModelled.sctp']);
  });

  it("lb_kind, lb_algo and booleans stay case-sensitive (strcmp; check_true_false uses strcmp)", () => {
    expect(where(errors(parse(vs('').replace('lb_kind NAT', 'lb_kind nat'))))).toEqual(['3:10 kaconf.vs.badMethod']);
    expect(where(errors(parse(vs('').replace('lb_algo rr', 'lb_algo RR'))))).toEqual(['2:10 kaconf.vs.badSched']);
    expect(where(errors(parse(vs('', '  inhibit_on_failure TRUE'))))).toEqual(['7:22 kaconf.arg.notBool']);
    expect(rsOf(vs('', '  inhibit_on_failure yes'))?.inhibitOnFailure).toBe(true);
  });

  it('persistence_granularity alone makes the service persistent for 360 s; a non-contiguous mask is accepted', () => {
    const table: [string, number, string][] = [
      [' persistence_granularity 255.255.255.0', 360, '255.255.255.0'],
      [' persistence_granularity 255.255.0.255', 360, '255.255.0.255'],
      [' persistence_granularity 255.255.255.0\n persistence_timeout 50', 50, '255.255.255.0'],
      [' persistence_timeout 50\n persistence_granularity 255.255.255.0', 50, '255.255.255.0'],
      [' persistence_timeout 50', 50, '255.255.255.255'],
    ];
    for (const [body, timeout, mask] of table) {
      const r = parse(vs(body));
      expect(errors(r), body).toEqual([]);
      expect(r.config?.virtualServers[0]?.persistenceTimeout, body).toBe(timeout);
      expect(r.config?.virtualServers[0]?.persistenceGranularity, body).toBe(parseIp4(mask));
    }
  });

  it('virtual_server weight: the default weight of its real servers (vs_weight_handler, range 1..65535)', () => {
    const two = (vsBody: string, rs2: string) =>
      `virtual_server 10.0.0.100 80 {\n lb_algo rr\n lb_kind NAT\n protocol TCP\n${vsBody}\n real_server 10.0.1.1 80 {\n }\n real_server 10.0.1.2 80 {\n${rs2}\n }\n}\n`;
    const r = parse(two(' weight 4\n quorum 8', '  weight 2'));
    expect(errors(r)).toEqual([]);
    expect(r.config?.virtualServers[0]?.realServers.map((x) => x.weight)).toEqual([4, 2]);
    expect(r.config?.virtualServers[0]?.quorum).toBe(6);
    expect(parse(two(' weight 4\n quorum 8', '')).config?.virtualServers[0]?.quorum).toBe(8);
    expect(where(errors(parse(two(' weight 0', ''))))).toEqual(['5:9 kaconf.arg.range']);
  });

  it('Host precedence: url, checker, real server, virtual server (http_request_thread)', () => {
    const table: [string, string, string, string[]][] = [
      ['', '', get(''), ['-', '-']],
      [' virtualhost vs.example', '', get(''), ['vs.example', 'vs.example']],
      [' virtualhost vs.example', '  virtualhost rs.example', get(''), ['rs.example', 'rs.example']],
      [' virtualhost vs.example', '  virtualhost rs.example', get('   virtualhost chk.example\n'), ['chk.example', 'chk.example']],
      [' virtualhost vs.example', '  virtualhost rs.example', get('   virtualhost chk.example\n', '', '    virtualhost url.example\n'), ['chk.example', 'url.example']],
      ['', '  virtualhost rs.example', get('', '', '    virtualhost url.example\n'), ['rs.example', 'url.example']],
    ];
    for (const [vsBody, rsBody, checker, want] of table) {
      expect(urlHost(vs(vsBody, `${rsBody}\n${checker}`)), `${vsBody}|${rsBody}`).toEqual(want);
    }
  });

  it('real_server takes lvs_method, not lb_kind (check_parser.c installs only lvs_method at that level)', () => {
    expect(rsOf(vs('', '  lvs_method DR'))?.method).toBe('DR');
    const r = parse(vs('', '  lb_kind DR'));
    expect(where(errors(r))).toEqual(['7:3 kaconf.rs.lbKind']);
    expect(text(errors(r)[0]!)).toContain("'lvs_method'");
  });

  it('retry: at least 1 at virtual_server and real_server level, 0 allowed in a checker', () => {
    expect(where(errors(parse(vs(' retry 0'))))).toEqual(['5:8 kaconf.arg.range']);
    expect(where(errors(parse(vs('', '  retry 0'))))).toEqual(['7:9 kaconf.arg.range']);
    const r = parse(vs(' retry 2', '  TCP_CHECK {\n   retry 0\n  }'));
    expect(errors(r)).toEqual([]);
    expect(r.config?.virtualServers[0]?.realServers[0]?.checkers[0]?.retry).toBe(0);
  });

  it("misc_timeout defaults to the VIRTUAL SERVER's delay_loop, not the checker's inherited one", () => {
    const misc = (vsBody: string, rsBody: string, chk: string) =>
      rsOf(vs(vsBody, `${rsBody}\n  MISC_CHECK {\n   misc_path /bin/true\n${chk}  }`))?.checkers[0];
    const table: [string, string, string, number, number][] = [
      ['', '', '', 60, 60],
      [' delay_loop 10', '', '', 10, 10],
      [' delay_loop 10', '  delay_loop 20', '', 20, 10],
      [' delay_loop 10', '  delay_loop 20', '   delay_loop 30\n', 30, 10],
      [' delay_loop 10', '', '   misc_timeout 3\n', 10, 3],
    ];
    for (const [v, r, c, loop, timeout] of table) {
      const m = misc(v, r, c);
      expect(m?.delayLoop).toBe(loop * SEC);
      expect(m?.kind === 'MISC_CHECK' ? m.timeout : -1).toBe(timeout * SEC);
    }
  });

  it('an over-long integer is out of range, with the range', () => {
    const r = parse(vs('', '  weight 99999999999999'));
    expect(where(errors(r))).toEqual(['7:10 kaconf.arg.range']);
    expect(text(errors(r)[0]!)).toBe('weight: 99999999999999 is out of range (0..65535)');
  });

  it('sorry_server without a port: NAT keeps port 0 (alloc_ssvr); DR/TUN take the VS port', () => {
    const sorry = (method: string) => vsOf(vs(` sorry_server 10.0.0.99\n sorry_server_lvs_method ${method}`))?.sorryServer?.port;
    expect(sorry('NAT')).toBe(0);
    expect(sorry('DR')).toBe(80);
    expect(sorry('TUN')).toBe(80);
    expect(vsOf(vs(' sorry_server 10.0.0.99'))?.sorryServer).toMatchObject({ port: 0, method: 'NAT' });
  });
});
