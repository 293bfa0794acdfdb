import { describe, expect, test } from 'vitest';
import { parseScript } from '../../src/scenarios/commands/index.js';
import type { HostCommand } from '../../src/scenarios/commands/types.js';
import { render } from '../../src/i18n/index.js';
import { parseIp4, parseMac } from '../../src/net/wire/addr.js';

const ip = (s: string): number => parseIp4(s) as number;
const mac = (s: string): number => parseMac(s) as number;

/** The one command of `line`, which must parse without error. */
function one(line: string): HostCommand {
  const p = parseScript(line);
  expect(p.errors.map((e) => render(e.msg))).toEqual([]);
  expect(p.script.commands).toHaveLength(1);
  return (p.script.commands[0] as { command: HostCommand }).command;
}

/** The one error of `line`: its 0-based column and English text. */
function problem(line: string): { col: number; message: string } {
  const p = parseScript(line);
  expect(p.script.commands).toHaveLength(0);
  expect(p.errors).toHaveLength(1);
  const e = p.errors[0] as (typeof p.errors)[number];
  return { col: e.offset, message: render(e.msg) };
}

describe('every modelled command form parses to its typed value', () => {
  const table: [string, Record<string, unknown>][] = [
    // ifconfig (net-tools)
    ['ifconfig', { kind: 'ifconfig', op: 'list', all: false }],
    ['ifconfig -a', { kind: 'ifconfig', op: 'list', all: true }],
    ['ifconfig eth0', { kind: 'ifconfig', op: 'show', ifname: 'eth0' }],
    ['ifconfig lo:0 192.168.1.100 netmask 255.255.255.255 up', { kind: 'ifconfig', op: 'set', ifname: 'lo:0', dev: 'lo', addr: ip('192.168.1.100'), prefixLen: 32, up: true }],
    ['ifconfig eth0:1 192.168.40.17 netmask 255.255.254.0', { op: 'set', ifname: 'eth0:1', dev: 'eth0', addr: ip('192.168.40.17'), prefixLen: 23 }],
    ['ifconfig lo 192.168.40.17 netmask 255.255.255.255', { op: 'set', ifname: 'lo', dev: 'lo', prefixLen: 32 }],
    ['ifconfig lo:0 192.168.1.100/32', { op: 'set', addr: ip('192.168.1.100'), prefixLen: 32 }],
    ['ifconfig lo:0 192.168.1.100 up', { op: 'set', prefixLen: 24, classfulPrefix: true, up: true }],
    ['ifconfig lo:0 10.1.2.3', { op: 'set', prefixLen: 8, classfulPrefix: true }],
    ['ifconfig lo:0 172.16.0.1', { op: 'set', prefixLen: 16, classfulPrefix: true }],
    ['ifconfig eth0 down', { op: 'set', ifname: 'eth0', up: false }],
    ['ifconfig eth0 mtu 1400', { op: 'set', mtu: 1400 }],
    ['ifconfig eth0 hw ether 02:00:00:00:00:0a', { op: 'set', hwAddr: mac('02:00:00:00:00:0a') }],
    ['ifconfig lo:0 192.168.1.100 netmask 255.255.255.255 broadcast 192.168.1.100 -arp up', { broadcast: ip('192.168.1.100'), arp: false, up: true }],
    ['/sbin/ifconfig eth0 up', { kind: 'ifconfig', op: 'set', up: true }],
    // ip address
    ['ip addr', { kind: 'ip.addr', op: 'show' }],
    ['ip a', { kind: 'ip.addr', op: 'show' }],
    ['ip -4 addr show', { kind: 'ip.addr', op: 'show' }],
    ['ip addr show dev eth0', { kind: 'ip.addr', op: 'show', dev: 'eth0' }],
    ['ip a s eth0', { kind: 'ip.addr', op: 'show', dev: 'eth0' }],
    ['ip addr add 192.168.1.100/32 dev lo', { kind: 'ip.addr', op: 'add', addr: ip('192.168.1.100'), prefixLen: 32, dev: 'lo' }],
    ['ip addr add 192.168.1.100 dev lo', { op: 'add', prefixLen: 32 }],
    ['ip address add 192.168.1.5/24 brd + dev eth0 label eth0:1 scope global', { op: 'add', prefixLen: 24, broadcast: '+', label: 'eth0:1', scope: 'global' }],
    ['ip a a 192.168.1.5/24 broadcast 192.168.1.255 dev eth0', { op: 'add', broadcast: ip('192.168.1.255') }],
    ['ip addr del 192.168.1.100/32 dev lo', { kind: 'ip.addr', op: 'del', prefixLen: 32, dev: 'lo' }],
    ['ip addr del 192.168.1.100 dev lo', { op: 'del', prefixLen: undefined }],
    ['ip addr flush dev eth0', { kind: 'ip.addr', op: 'flush', dev: 'eth0' }],
    // ip link
    ['ip link', { kind: 'ip.link', op: 'show' }],
    ['ip link show eth0', { kind: 'ip.link', op: 'show', dev: 'eth0' }],
    ['ip link set eth0 down', { kind: 'ip.link', op: 'set', dev: 'eth0', up: false }],
    ['ip link set dev eth0 up mtu 1400', { op: 'set', dev: 'eth0', up: true, mtu: 1400 }],
    ['ip l s eth0 arp off', { kind: 'ip.link', op: 'set', arp: false }],
    ['ip link set eth0 address 02:00:00:00:00:0b', { op: 'set', address: mac('02:00:00:00:00:0b') }],
    // ip route
    ['ip route', { kind: 'ip.route', op: 'show', table: 'main' }],
    ['ip r', { kind: 'ip.route', op: 'show' }],
    ['ip ro list', { kind: 'ip.route', op: 'show' }],
    ['ip route show table local', { op: 'show', table: 'local' }],
    ['ip route show table all', { op: 'show', table: 'all' }],
    ['ip route add default via 192.168.1.1', { kind: 'ip.route', op: 'add', route: { type: 'unicast', dst: 0, prefixLen: 0, via: ip('192.168.1.1'), scope: 'global', table: 'main', proto: 'boot', metric: 0, onlink: false } }],
    ['ip route add 10.0.0.0/8 dev eth1', { op: 'add', route: { dst: ip('10.0.0.0'), prefixLen: 8, dev: 'eth1', scope: 'link' } }],
    ['ip route add 10.0.0.0/8 via 192.168.1.1 dev eth0 src 192.168.1.5 metric 100 proto static', { route: { via: ip('192.168.1.1'), dev: 'eth0', src: ip('192.168.1.5'), metric: 100, proto: 'static', scope: 'global' } }],
    ['ip route replace 192.168.2.0/24 via 192.168.1.254', { op: 'replace', route: { prefixLen: 24 } }],
    ['ip route add local 0.0.0.0/0 dev lo table main', { op: 'add', route: { type: 'local', table: 'main', scope: 'host', dev: 'lo' } }],
    ['ip route add local 192.168.1.100 dev lo', { route: { type: 'local', table: 'local', scope: 'host', prefixLen: 32 } }],
    ['ip route add blackhole 198.51.100.0/24', { route: { type: 'blackhole', scope: 'global', table: 'main' } }],
    ['ip route del 10.0.0.0/8', { kind: 'ip.route', op: 'del', route: { dst: ip('10.0.0.0'), prefixLen: 8, table: 'main' } }],
    ['ip route get 192.168.1.100 from 203.0.113.10 iif eth0', { kind: 'ip.route', op: 'get', dst: ip('192.168.1.100'), from: ip('203.0.113.10'), iif: 'eth0' }],
    // ip neigh
    ['ip neigh', { kind: 'ip.neigh', op: 'show' }],
    ['ip neigh show dev eth0', { kind: 'ip.neigh', op: 'show', dev: 'eth0' }],
    ['ip neigh add 192.168.1.1 lladdr 02:00:00:00:00:01 dev eth0 nud permanent', { kind: 'ip.neigh', op: 'add', addr: ip('192.168.1.1'), lladdr: mac('02:00:00:00:00:01'), dev: 'eth0', nud: 'permanent' }],
    ['ip neigh replace 192.168.1.1 lladdr 02:00:00:00:00:01 dev eth0', { op: 'replace', nud: 'permanent' }],
    ['ip neighbour add 192.168.1.1 lladdr 02:00:00:00:00:01 dev eth0 nud stale', { op: 'add', nud: 'stale' }],
    ['ip neigh del 192.168.1.1 dev eth0', { kind: 'ip.neigh', op: 'del', addr: ip('192.168.1.1'), dev: 'eth0' }],
    ['ip neigh flush dev eth0', { kind: 'ip.neigh', op: 'flush', dev: 'eth0' }],
    ['ip n flush all', { kind: 'ip.neigh', op: 'flush' }],
    // route (net-tools)
    ['route', { kind: 'route', op: 'list', numeric: false }],
    ['route -n', { kind: 'route', op: 'list', numeric: true }],
    ['route add -host 192.168.1.100 dev lo', { kind: 'route', op: 'add', target: 'host', dst: ip('192.168.1.100'), prefixLen: 32, dev: 'lo' }],
    ['route add -host 192.168.40.17  dev eth0', { target: 'host', dev: 'eth0' }],
    ['route add -net 10.0.0.0 netmask 255.0.0.0 gw 192.168.1.1', { target: 'net', dst: ip('10.0.0.0'), prefixLen: 8, gw: ip('192.168.1.1') }],
    ['route add -net 10.0.0.0 netmask 255.0.0.0 dev eth1', { target: 'net', dev: 'eth1' }],
    ['route add -net 10.0.0.0/8 eth1', { target: 'net', prefixLen: 8, dev: 'eth1' }],
    ['route add default gw 192.168.41.181', { target: 'default', dst: 0, prefixLen: 0, gw: ip('192.168.41.181') }],
    ['route add default gw 192.168.1.1 dev eth0 metric 5', { target: 'default', dev: 'eth0', metric: 5 }],
    ['route del -host 192.168.1.100 dev lo', { kind: 'route', op: 'del', target: 'host' }],
    ['/sbin/route add -host 192.168.40.17 dev tunl0', { kind: 'route', op: 'add', dev: 'tunl0' }],
    // sysctl and /proc/sys
    ['sysctl -w net.ipv4.conf.all.arp_ignore=1', { kind: 'sysctl', op: 'write', assignments: [{ key: 'net.ipv4.conf.all.arp_ignore', value: 1 }] }],
    ['sysctl -w net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.all.arp_announce=2', { op: 'write', assignments: [{ value: 1 }, { key: 'net.ipv4.conf.all.arp_announce', value: 2 }] }],
    ['sysctl net.ipv4.ip_forward=1', { kind: 'sysctl', op: 'write', assignments: [{ key: 'net.ipv4.ip_forward', value: 1 }] }],
    ['sysctl -q -w net/ipv4/ip_forward=1', { op: 'write', quiet: true, assignments: [{ key: 'net.ipv4.ip_forward' }] }],
    ['sysctl -w net.ipv4.vs.conntrack=1', { op: 'write', assignments: [{ key: 'net.ipv4.vs.conntrack', value: 1 }] }],
    ['sysctl net.ipv4.ip_forward', { kind: 'sysctl', op: 'read', keys: ['net.ipv4.ip_forward'], valuesOnly: false }],
    ['sysctl -n net.ipv4.conf.lo.arp_ignore', { op: 'read', valuesOnly: true, devRefs: [{ name: 'lo', offset: 10 }] }],
    ['sysctl -a', { kind: 'sysctl', op: 'all' }],
    ['echo 1 > /proc/sys/net/ipv4/conf/all/arp_ignore', { kind: 'proc.write', key: 'net.ipv4.conf.all.arp_ignore', value: 1, append: false }],
    ['echo "1">/proc/sys/net/ipv4/conf/lo/arp_ignore', { kind: 'proc.write', key: 'net.ipv4.conf.lo.arp_ignore', value: 1, devRefs: [{ name: 'lo', offset: 9 }] }],
    ['echo 2 >> /proc/sys/net/ipv4/conf/all/arp_announce', { kind: 'proc.write', value: 2, append: true }],
    ['echo 0 > /proc/sys/net/ipv4/conf/tunl0/rp_filter', { kind: 'proc.write', key: 'net.ipv4.conf.tunl0.rp_filter', value: 0 }],
    ['echo 1 > /proc/sys/net/ipv4/ip_forward', { kind: 'proc.write', key: 'net.ipv4.ip_forward' }],
    ['echo hello world', { kind: 'echo', text: 'hello world', newline: true }],
    ['cat /proc/sys/net/ipv4/ip_forward', { kind: 'cat', source: { kind: 'sysctl', key: 'net.ipv4.ip_forward' } }],
    ['cat /proc/net/ip_vs_conn', { kind: 'cat', source: { kind: 'procNet', file: 'ip_vs_conn' } }],
    // ipvsadm (tokenized only)
    ['ipvsadm -A -t 192.168.1.100:80 -s rr', { kind: 'ipvsadm', argv: ['ipvsadm', '-A', '-t', '192.168.1.100:80', '-s', 'rr'], argCols: [0, 8, 11, 14, 31, 34] }],
    ['ipvsadm -L -n', { kind: 'ipvsadm', argv: ['ipvsadm', '-L', '-n'] }],
    ["ipvsadm -a -t '192.168.1.100:80' -r 192.168.1.11 -g -w 2", { kind: 'ipvsadm', argv: ['ipvsadm', '-a', '-t', '192.168.1.100:80', '-r', '192.168.1.11', '-g', '-w', '2'] }],
    // iptables (the mangle MARK rule of fwmark services, and a little more)
    ['iptables -t mangle -A PREROUTING -p tcp -d 192.168.1.100 --dport 80 -j MARK --set-mark 1', { kind: 'iptables', op: 'append', table: 'mangle', chain: 'PREROUTING', match: { proto: 'tcp', dst: { addr: ip('192.168.1.100'), prefixLen: 32 }, dport: 80 }, target: { name: 'MARK', value: 1, mask: 0xffffffff, xor: false } }],
    ['iptables -t mangle -A PREROUTING -d 192.168.1.100/32 -p tcp -m tcp --dport 443 -j MARK --set-mark 0x1', { match: { dport: 443 }, target: { name: 'MARK', value: 1 } }],
    ['iptables -A INPUT -p tcp --dport 80 -j DROP', { op: 'append', table: 'filter', chain: 'INPUT', target: { name: 'DROP' } }],
    ['iptables -I INPUT 2 -s 10.0.0.0/8 -j ACCEPT', { op: 'insert', position: 2, match: { src: { addr: ip('10.0.0.0'), prefixLen: 8 } } }],
    ['iptables -F', { kind: 'iptables', op: 'flush', table: 'filter' }],
    ['iptables -t mangle -nL', { op: 'list', table: 'mangle', numeric: true }],
    ['iptables -P FORWARD DROP', { op: 'policy', chain: 'FORWARD', policy: 'DROP' }],
    ['iptables -t mangle -S PREROUTING', { op: 'list-rules', chain: 'PREROUTING' }],
    // modprobe, arp
    ['modprobe ipip', { kind: 'modprobe', module: 'ipip', remove: false }],
    ['/sbin/modprobe ipip', { kind: 'modprobe', module: 'ipip' }],
    ['modprobe ip_vs_wlc', { kind: 'modprobe', module: 'ip_vs_wlc' }],
    ['modprobe -r ip_vs', { kind: 'modprobe', module: 'ip_vs', remove: true }],
    ['arp -n', { kind: 'arp', op: 'list', numeric: true, bsd: false }],
    ['arp -an', { kind: 'arp', op: 'list', numeric: true, bsd: true }],
    ['arp -s 192.168.1.1 02:00:00:00:00:01', { kind: 'arp', op: 'set', addr: ip('192.168.1.1'), hwAddr: mac('02:00:00:00:00:01') }],
    ['arp -d 192.168.1.1 -i eth0', { kind: 'arp', op: 'del', dev: 'eth0' }],
  ];
  test.each(table)('%s', (line, want) => {
    expect(one(line)).toMatchObject(want);
  });
});

describe('a bad command is one error at the right column', () => {
  const table: [string, number, string][] = [
    ['ifcofig lo:0 1.2.3.4', 0, "command not modelled: ifcofig, did you mean 'ifconfig'?"],
    ['ipvsrdm -a -t 192.168.1.10:80 -r 192.168.1.11', 0, "command not modelled: ipvsrdm, did you mean 'ipvsadm'?"],
    ['nginx -s reload', 0, 'command not modelled: nginx'],
    ['ping -c 2 192.168.1.100', 0, 'command not modelled: ping (send traffic with a `traffic:` entry: http, tcp, ping or synflood)'],
    ['sudo ipvsadm -L -n', 0, 'command not modelled: sudo (lab commands run as root: drop sudo)'],
    ['ifconfig lo:0 192.168.1.300 netmask 255.255.255.255', 14, "'192.168.1.300' is not an IPv4 address: 300 is more than 255"],
    ['ifconfig lo:0 192.168.1.100 netmask 255.0.255.0', 36, "'255.0.255.0' is not a netmask (expected ones then zeros, e.g. 255.255.255.0)"],
    ['ifconfig lo:0 192.168.1.100 netmask', 28, "'netmask' needs an argument"],
    ['ifconfig eth0 promisc', 14, 'ifconfig: option not modelled: promisc'],
    ['ifconfig lo:0 224.0.0.18', 14, 'SIOCSIFADDR: Invalid argument (224.0.0.18 is a multicast address)'],
    ['ip addr add 192.168.1.100/32', 8, 'Not enough information: "dev" argument is required.'],
    ['ip addr add 192.168.1.100/33 dev lo', 12, "'192.168.1.100/33': prefix length '33' is not 0-32"],
    ['ip addr add 1.2.3.4/32 dev eth0 label lo:0', 38, '"dev" (eth0) must match "label" (lo:0).'],
    ['ip route add 10.0.0.1/8 dev eth0', 13, "Error: Invalid prefix for given prefix length: '10.0.0.1/8' has host bits set"],
    ['ip route add 10.0.0.0/8 mtu 1400 dev eth0', 24, 'ip route: option not modelled: mtu'],
    ['ip route add local 0.0.0.0/0 dev lo table 100', 42, "routing table '100' is not modelled: the lab has the main and local tables"],
    ['ip route add 10.0.0.0/8 dev eth0 proto ospf', 39, "route protocol 'ospf' is not modelled (kernel, boot, static, dhcp, keepalived)"],
    ['ip rule add fwmark 1 table 100', 3, 'ip rule: not modelled (the lab models ip address, route, link, neigh)'],
    ['ip foo', 3, 'Object "foo" is unknown, try "ip help".'],
    ['ip -s link', 3, 'ip: option not modelled: -s'],
    ['ip neigh add 192.168.1.1 lladdr 02:00:00:00:00:01', 9, 'Device and destination are required arguments.'],
    ['ip link set eth0 up mtu 10', 24, "'10' is not a whole number from 68 to 65536"],
    ['route add -net 10.0.0.0 dev eth1', 15, 'route -net 10.0.0.0: give the netmask (netmask M, or 10.0.0.0/LEN)'],
    ['route add -host 192.168.1.100 netmask 255.255.255.0 dev lo', 38, "route: netmask doesn't make sense with host route ('255.255.255.0')"],
    ['route add -net 10.0.0.1 netmask 255.0.0.0 dev eth1', 32, "route: netmask doesn't match route address"],
    ['route add \u2013host 192.168.40.17 devtun1', 10, "'\u2013' is not a hyphen: did you mean '-host'?"],
    ['sysctl -p', 7, "sysctl -p reads /etc/sysctl.conf, which the lab does not have: use sysctl -w key=value or the host's `sysctl:` key"],
    ['sysctl -w net.ipv4.conf.all.arp_ingore=1', 10, "sysctl not modelled: net.ipv4.conf.all.arp_ingore, did you mean 'net.ipv4.conf.all.arp_ignore'?"],
    ['sysctl -w net.ipv4.ip_forword=1', 10, "sysctl not modelled: net.ipv4.ip_forword, did you mean 'net.ipv4.ip_forward'?"],
    ['sysctl -w net.ipv4.ip_forward=on', 10, "net.ipv4.ip_forward takes an integer, not 'on' (write error: Invalid argument)"],
    ['sysctl -w net.ipv4.ip_forward', 10, 'sysctl -w: "net.ipv4.ip_forward" must be of the form name=value'],
    ['echo 1 > /proc/sys/net/ipv4/conf/all/arp-ignore', 9, "sysctl not modelled: /proc/sys/net/ipv4/conf/all/arp-ignore, did you mean '/proc/sys/net/ipv4/conf/all/arp_ignore'?"],
    ['echo 1 > /tmp/x', 9, "only /proc/sys files can be written in the lab, not '/tmp/x'"],
    ['echo\u201d1\u201d>/proc/sys/net/ipv4/conf/tun1/arp_ignore', 4, "'\u201d' is a typographic quote, not a shell quote: use a straight \" or '"],
    ['echo $VIP', 5, "shell expansion ('$') is not modelled: write the value itself"],
    ["echo 'unterminated", 5, "unterminated ' quote on this line"],
    ['cat /etc/passwd', 4, "cat: '/etc/passwd' is not modelled (the lab has /proc/sys/... and /proc/net/ip_vs, ip_vs_conn, ip_vs_stats)"],
    ['ipvsadm -S > /etc/sysconfig/ipvsadm', 11, 'the lab has no files: ipvsadm -S prints the rules, and rules are given in the `ipvsadm:` block'],
    ['ipvsadm -L -n | grep 80', 14, 'pipes (|) are not modelled: one command at a time'],
    ['ipvsadm -L -n 2>&1', 14, 'redirections like 2>&1 are not modelled'],
    ['modprobe ip_vs_wrrr', 9, "modprobe: module ip_vs_wrrr is not modelled, did you mean 'ip_vs_wrr'?"],
    ['modprobe nf_nat', 9, 'modprobe: module nf_nat is not modelled'],
    ['iptables -t mangle -A PREROUTING -j SNAT', 36, "iptables: target 'SNAT' is not modelled (ACCEPT, DROP, RETURN, MARK)"],
    ['iptables -t nat -A FORWARD -j ACCEPT', 19, "iptables: no chain 'FORWARD' in table nat (chains: PREROUTING, INPUT, OUTPUT, POSTROUTING)"],
    ['iptables -A INPUT --dport 80 -j DROP', 18, 'iptables: --dport needs -p tcp or -p udp before it'],
    ['arp -s 192.168.1.1', 7, 'arp -s: which hardware address? e.g. arp -s 192.168.1.1 02:00:00:00:00:01'],
  ];
  test.each(table)('%s', (line, col, message) => {
    expect(problem(line)).toEqual({ col, message });
  });
});

describe('scripts', () => {
  test('lines, comments, blank lines, ; and && and continuations', () => {
    const text = [
      '# ARP suppression for the VIP on lo',
      'echo 1 > /proc/sys/net/ipv4/conf/all/arp_ignore; echo 2 > /proc/sys/net/ipv4/conf/all/arp_announce',
      '',
      'ifconfig lo:0 192.168.1.100 \\',
      '    netmask 255.255.255.255 up && route add -host 192.168.1.100 dev lo  # the host route',
      'modprobe ipip &&',
      '  ifconfig tunl0 up',
    ].join('\n');
    const p = parseScript(text);
    expect(p.errors).toEqual([]);
    expect(p.script.commands.map((c) => [c.command.kind, c.sep])).toEqual([
      ['proc.write', null],
      ['proc.write', ';'],
      ['ifconfig', 'newline'],
      ['route', '&&'],
      ['modprobe', 'newline'],
      ['ifconfig', '&&'],
    ]);
    const ifc = p.script.commands[2];
    expect(ifc?.command).toMatchObject({ kind: 'ifconfig', op: 'set', prefixLen: 32, up: true });
    expect(ifc?.offset).toBe(text.indexOf('ifconfig lo:0'));
    expect(ifc?.command.argCols[3]).toBe(text.indexOf('netmask'));
    expect(p.script.commands[3]?.text).toBe('route add -host 192.168.1.100 dev lo');
  });

  test('a bad command is reported and the others are still read', () => {
    const text = 'ip addr add 192.168.1.100/32 dev lo\nifconfg lo:0 up\nsysctl -w net.ipv4.ip_forward=1\n';
    const p = parseScript(text);
    expect(p.script.commands.map((c) => c.command.kind)).toEqual(['ip.addr', 'sysctl']);
    expect(p.errors.map((e) => [e.offset, render(e.msg)])).toEqual([[text.indexOf('ifconfg'), "command not modelled: ifconfg, did you mean 'ifconfig'?"]]);
  });

  test('shell syntax errors', () => {
    expect(parseScript('; ipvsadm -C').errors.map((e) => [e.offset, render(e.msg)])).toEqual([[0, "syntax error near unexpected token ';'"]]);
    expect(parseScript('ipvsadm -C &&').errors.map((e) => [e.offset, render(e.msg)])).toEqual([[11, "syntax error: nothing after '&&'"]]);
    expect(parseScript('ipvsadm -C & ipvsadm -L').errors.map((e) => e.offset)).toEqual([11]);
    expect(parseScript('ipvsadm -C || true').errors.map((e) => render(e.msg))).toEqual(["'||' is not modelled: use separate lines, or && and ;"]);
  });

  test('quotes join words and keep their columns', () => {
    const c = one(`echo "a b" 'c'd`);
    expect(c).toMatchObject({ kind: 'echo', text: 'a b cd', argCols: [0, 5, 11] });
  });

  test('an ipvsadm block: the word ipvsadm is optional, other commands are refused', () => {
    const text = '-A -t 192.168.1.100:80 -s rr\nipvsadm -a -t 192.168.1.100:80 -r 192.168.1.11 -g\nifconfig eth0 up\n';
    const p = parseScript(text, { ipvsadmOnly: true });
    expect(p.script.commands.map((c) => c.command.argv)).toEqual([
      ['ipvsadm', '-A', '-t', '192.168.1.100:80', '-s', 'rr'],
      ['ipvsadm', '-a', '-t', '192.168.1.100:80', '-r', '192.168.1.11', '-g'],
    ]);
    expect(p.script.commands[0]?.command.argCols).toEqual([0, 0, 3, 6, 23, 26]);
    expect(p.errors.map((e) => [e.offset, render(e.msg)])).toEqual([[text.indexOf('ifconfig'), "only ipvsadm lines belong in `ipvsadm:`; put 'ifconfig' in `setup`"]]);
  });

  test('commands name the interfaces they touch', () => {
    expect(one('ifconfig lo:0 192.168.1.100 up').devRefs).toEqual([{ name: 'lo', offset: 9 }]);
    expect(one('ip route add 10.0.0.0/8 via 192.168.1.1 dev eth1').devRefs).toEqual([{ name: 'eth1', offset: 44 }]);
    expect(one('ip addr add 1.2.3.4/32 dev lo:0').devRefs).toEqual([{ name: 'lo:0', offset: 27 }]);
    expect(one('echo 0 > /proc/sys/net/ipv4/conf/all/rp_filter').devRefs).toEqual([]);
  });
});
