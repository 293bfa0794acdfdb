import { describe, expect, it } from 'vitest';
import { CONF_SPECS, SysctlStore, normalizeSysctlKey, sysctlKeyFromProcPath, type ConfName } from '../../src/net/sysctl.js';
import { render } from '../../src/i18n/index.js';

function store(): SysctlStore {
  const s = new SysctlStore();
  for (const d of ['lo', 'eth0', 'eth1']) s.addDevice(d);
  return s;
}

describe('sysctl combination rules (reference §1.1)', () => {
  // [knob, all, eth0, expected effective on eth0]
  const table: [ConfName, number, number, number][] = [
    ['arp_ignore', 0, 1, 1],
    ['arp_ignore', 1, 0, 1],
    ['arp_ignore', 2, 1, 2],
    ['arp_ignore', 1, 8, 8],
    ['arp_announce', 2, 0, 2],
    ['arp_announce', 0, 1, 1],
    ['rp_filter', 1, 0, 1],
    ['rp_filter', 0, 2, 2],
    ['rp_filter', 1, 2, 2],
    ['arp_notify', 1, 0, 1],
    ['arp_accept', 0, 2, 2],
    ['arp_filter', 0, 0, 0],
    ['arp_filter', 1, 0, 1],
    ['arp_filter', 0, 1, 1],
    ['accept_local', 1, 0, 1],
    ['proxy_arp', 0, 1, 1],
    ['send_redirects', 0, 0, 0],
    ['send_redirects', 1, 0, 1],
    ['drop_gratuitous_arp', 1, 0, 1],
    ['route_localnet', 0, 1, 1],
  ];
  it.each(table)('%s: all=%i, eth0=%i → %i', (name, all, eth0, want) => {
    const s = store();
    expect(s.set(`net.ipv4.conf.all.${name}`, all)).toBeUndefined();
    expect(s.set(`net.ipv4.conf.eth0.${name}`, eth0)).toBeUndefined();
    expect(s.effective(name, 'eth0')).toBe(want);
    expect(s.get(`net.ipv4.conf.eth0.${name}`)).toBe(eth0);
  });

  it('uses the rule the kernel header gives each knob', () => {
    expect(CONF_SPECS.arp_ignore.combine).toBe('max');
    expect(CONF_SPECS.arp_filter.combine).toBe('or');
    expect(CONF_SPECS.forwarding.combine).toBe('iface');
  });

  it('forwarding is the interface value only', () => {
    const s = store();
    s.set('net.ipv4.ip_forward', 1);
    s.set('net.ipv4.conf.eth0.forwarding', 0);
    expect(s.get('net.ipv4.conf.all.forwarding')).toBe(1);
    expect(s.effective('forwarding', 'eth0')).toBe(0);
    expect(s.effective('forwarding', 'eth1')).toBe(1);
  });

  it('ip_forward runs inet_forward_change: every interface and default forward, all.accept_redirects = !on', () => {
    const s = store();
    expect(s.get('net.ipv4.conf.all.accept_redirects')).toBe(1);
    s.set('net.ipv4.ip_forward', 1);
    for (const d of ['lo', 'eth0', 'eth1', 'default', 'all']) expect(s.get(`net.ipv4.conf.${d}.forwarding`)).toBe(1);
    expect(s.get('net.ipv4.conf.all.accept_redirects')).toBe(0);
    // Writing the same value again changes nothing (the kernel acts only on a change).
    s.set('net.ipv4.conf.eth1.forwarding', 0);
    s.set('net.ipv4.ip_forward', 1);
    expect(s.get('net.ipv4.conf.eth1.forwarding')).toBe(0);
    // conf.all.forwarding is the same variable.
    s.set('net.ipv4.conf.all.forwarding', 0);
    expect(s.get('net.ipv4.ip_forward')).toBe(0);
    for (const d of ['lo', 'eth0', 'eth1', 'default']) expect(s.get(`net.ipv4.conf.${d}.forwarding`)).toBe(0);
    expect(s.get('net.ipv4.conf.all.accept_redirects')).toBe(1);
    // New interfaces copy default.
    s.set('net.ipv4.ip_forward', 1);
    s.addDevice('eth2');
    expect(s.get('net.ipv4.conf.eth2.forwarding')).toBe(1);
  });

  it('writing default copies into interfaces never written explicitly; writing all copies nothing', () => {
    const s = store();
    s.set('net.ipv4.conf.eth1.rp_filter', 0); // explicitly written, even with the same value
    s.set('net.ipv4.conf.default.rp_filter', 2);
    expect(s.get('net.ipv4.conf.eth0.rp_filter')).toBe(2);
    expect(s.get('net.ipv4.conf.eth1.rp_filter')).toBe(0);
    s.set('net.ipv4.conf.all.arp_ignore', 1);
    expect(s.get('net.ipv4.conf.eth0.arp_ignore')).toBe(0);
    expect(s.effective('arp_ignore', 'eth0')).toBe(1);
    s.addDevice('tunl0');
    expect(s.get('net.ipv4.conf.tunl0.rp_filter')).toBe(2);
  });

  it('has the Linux and IPVS defaults', () => {
    const s = store();
    expect(s.get('net.ipv4.ip_forward')).toBe(0);
    expect(s.get('net.ipv4.conf.eth0.send_redirects')).toBe(1);
    expect(s.get('net.ipv4.conf.eth0.arp_ignore')).toBe(0);
    expect(s.get('net.ipv4.conf.all.rp_filter')).toBe(0);
    expect(s.get('net.ipv4.vs.conn_reuse_mode')).toBe(1);
    expect(s.get('net.ipv4.vs.expire_nodest_conn')).toBe(0);
    expect(s.get('net.ipv4.vs.snat_reroute')).toBe(1);
    expect(s.getText('net.ipv4.vs.sync_threshold')).toBe('3\t50');
    expect(s.setText('net.ipv4.vs.sync_threshold', '5 100')).toBeUndefined();
    expect(s.getText('net.ipv4.vs.sync_threshold')).toBe('5\t100');
  });

  it('accepts /proc/sys paths and slash keys, and reports unknown keys and bad values', () => {
    expect(sysctlKeyFromProcPath('/proc/sys/net/ipv4/conf/all/arp_ignore')).toBe('net.ipv4.conf.all.arp_ignore');
    expect(sysctlKeyFromProcPath('/proc/sys/net/ipv4/conf/eth0.100/rp_filter')).toBe('net.ipv4.conf.eth0/100.rp_filter');
    expect(normalizeSysctlKey('net/ipv4/ip_forward')).toBe('net.ipv4.ip_forward');
    expect(normalizeSysctlKey('net.ipv4.ip_forward')).toBe('net.ipv4.ip_forward');
    const s = store();
    s.addDevice('eth0.100');
    expect(s.set('net.ipv4.conf.eth0/100.rp_filter', 1)).toBeUndefined();
    expect(s.effective('rp_filter', 'eth0.100')).toBe(1);
    const err = s.set('net.ipv4.conf.eth9.arp_ignore', 1);
    expect(err?.code).toBe('unknownKey');
    expect(render(err!.msg)).toBe('sysctl: cannot stat /proc/sys/net/ipv4/conf/eth9/arp_ignore: No such file or directory');
    expect(s.set('net.ipv4.conf.lo:0.arp_ignore', 1)?.code).toBe('unknownKey');
    expect(s.setText('net.ipv4.ip_forward', 'yes')?.code).toBe('badValue');
    expect(s.set('net.ipv4.ip_default_ttl', 0)?.code).toBe('badValue');
    const bad = sysctlKeyFromProcPath('/etc/sysctl.conf');
    expect(typeof bad === 'object' && bad.code).toBe('unknownKey');
  });
});

describe('Host.sysctl (what IPVS and the other modules read)', () => {
  it('returns effective values for interface knobs, raw values otherwise, NaN for unknown keys', async () => {
    const { Lab } = await import('../../src/net/lab.js');
    const lab = new Lab();
    const h = lab.addHost('h');
    if ('code' in h) throw new Error('no host');
    h.addInterface({ name: 'eth0' });
    expect(h.sysctlSet('/proc/sys/net/ipv4/conf/all/arp_ignore', '1')).toBeUndefined();
    expect(h.sysctl('net.ipv4.conf.eth0.arp_ignore')).toBe(1);
    expect(h.sysctlGet('net.ipv4.conf.eth0.arp_ignore')).toBe('0');
    expect(h.sysctl('net.ipv4.vs.conn_reuse_mode')).toBe(1);
    expect(h.sysctl('net.ipv4.vs.no_such_knob')).toBeNaN();
    const e = h.sysctlSet('net.ipv4.conf.eth1.rp_filter', 1);
    expect(e && render(e.msg)).toBe('sysctl: cannot stat /proc/sys/net/ipv4/conf/eth1/rp_filter: No such file or directory');
  });
});
