/** connect() after bind(2) to a source address: the SYN leaves from it; an address not on the host is EADDRNOTAVAIL. */
import { describe, expect, it } from 'vitest';
import { addCidr, hostOn, ip, newLab, segment } from '../net/helpers.js';
import { tcpStack } from '../../src/net/tcp/stack.js';

function build() {
  const { lab, rec } = newLab();
  segment(lab, 'lan');
  const a = hostOn(lab, 'a', 'lan', '192.168.1.5/24');
  addCidr(a, 'eth0', '192.168.1.100/32');
  const b = hostOn(lab, 'b', 'lan', '192.168.1.11/24');
  tcpStack(b).listen(80, () => ({}));
  return { lab, rec, a };
}

describe('TcpStack.connect with saddr', () => {
  it('sends the SYN from the bound address instead of the route source', () => {
    const { lab, rec, a } = build();
    const r = tcpStack(a).connect(ip('192.168.1.11'), 80, {}, { saddr: ip('192.168.1.100') });
    expect(r.ok).toBe(true);
    lab.run({ until: 1_000_000_000 });
    const syn = rec.of('tx').find((e) => e.host === 'a' && e.frame.payload.layer === 'ipv4' && e.frame.payload.payload.layer === 'tcp');
    expect(syn?.frame.payload.layer === 'ipv4' ? syn.frame.payload.src : 0).toBe(ip('192.168.1.100'));
    expect(rec.of('sock').some((e) => e.host === 'a' && e.state === 'ESTABLISHED' && e.laddr === ip('192.168.1.100'))).toBe(true);
  });

  it('refuses an address the host does not have, as bind(2) does', () => {
    const { a } = build();
    expect(tcpStack(a).connect(ip('192.168.1.11'), 80, {}, { saddr: ip('192.168.1.200') })).toEqual({ ok: false, errno: 'EADDRNOTAVAIL' });
  });
});
