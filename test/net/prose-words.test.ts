/**
 * Words of our own prose inside net explanations (an ARP request's "broadcast"/"unicast", the
 * rp_filter mode "strict"/"loose") are nested messages: English reads as before, and a zh-CN
 * student reads them in Chinese, not as English words inside a Chinese sentence.
 */
import { describe, expect, it } from 'vitest';
import { newLab, segment, hostOn, ip, must, addCidr, ping } from './helpers.js';
import { SEC, MS } from '../../src/net/types.js';
import type { ArpPacket } from '../../src/net/wire/packet.js';
import { render } from '../../src/i18n/index.js';

describe('ARP request: broadcast, then unicast probes (arp.announce.* {probe})', () => {
  it('renders the kind of request in the language of the sentence', () => {
    const { lab, rec } = newLab();
    segment(lab, 'lan');
    const a = hostOn(lab, 'a', 'lan', '192.168.1.10/24');
    const b = hostOn(lab, 'b', 'lan', '192.168.1.11/24');
    must(b.sysctlSet('net.ipv4.icmp_echo_ignore_all', 1));
    ping(a, ip('192.168.1.11'));
    lab.run({ until: 60 * SEC });
    ping(a, ip('192.168.1.11'), 2);
    lab.run({ until: 70 * SEC });
    const requests = rec.of('tx').filter((e) => e.host === 'a' && e.frame.payload.layer === 'arp' && (e.frame.payload as ArpPacket).oper === 1);
    const first = requests[0]!;
    const probe = requests.find((e) => e.frame.dst === b.ifaceMac('eth0'))!;
    expect(render(first.msg, 'en')).toBe(
      'eth0 asks who has 192.168.1.11 (broadcast) with sender IP 192.168.1.10: arp_announce = 0 uses the source of the waiting packet because 192.168.1.10 is a local address (on any interface)',
    );
    expect(render(probe.msg, 'en')).toContain('asks who has 192.168.1.11 (unicast) with sender IP 192.168.1.10');
    expect(render(first.msg, 'zh-CN')).toContain('询问谁有 192.168.1.11（广播）');
    expect(render(probe.msg, 'zh-CN')).toContain('询问谁有 192.168.1.11（单播）');
    expect(render(probe.msg, 'zh-CN')).not.toMatch(/unicast|broadcast/);
  });
});

describe('rp_filter drops name the RFC 3704 mode (ip.drop.rpFilter.* {mode})', () => {
  it('strict (1) on a decapsulated packet and loose (2) without a route back', () => {
    const n = newLab();
    segment(n.lab, 'lan');
    const client = hostOn(n.lab, 'client', 'lan', '192.168.1.10/24');
    const rs = hostOn(n.lab, 'rs', 'lan', '192.168.1.11/24');
    addCidr(rs, 'lo', '192.168.1.100/32', { label: 'lo:0' });
    must(rs.sysctlSet('net.ipv4.conf.all.rp_filter', 2));
    // rs has no default route: nothing leads back to 203.0.113.10, so even loose mode drops.
    ping(client, ip('192.168.1.11'), 1, ip('203.0.113.10'));
    n.lab.run({ until: 100 * MS });
    const drop = n.rec.of('drop').find((e) => e.host === 'rs')!;
    expect(drop.msg.id).toBe('ip.drop.rpFilter.noRoute');
    expect(render(drop.msg, 'en')).toBe('dropped by rp_filter = 2 (loose, the max of conf.all and conf.eth0): no route back to the source 203.0.113.10');
    expect(render(drop.msg, 'zh-CN')).toBe('被 rp_filter = 2 丢弃（宽松模式（loose），取 conf.all 与 conf.eth0 中的较大值）：没有回到源地址 203.0.113.10 的路由');

    must(rs.sysctlSet('net.ipv4.conf.all.rp_filter', 1));
    n.rec.clear();
    ping(client, ip('192.168.1.11'), 2, ip('203.0.113.10'));
    n.lab.run({ until: 200 * MS });
    const strict = n.rec.of('drop').find((e) => e.host === 'rs')!;
    expect(render(strict.msg, 'en')).toContain('(strict, the max of conf.all and conf.eth0)');
    expect(render(strict.msg, 'zh-CN')).toContain('（严格模式（strict），');
  });
});
