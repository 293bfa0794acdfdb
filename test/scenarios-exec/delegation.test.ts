/** The tools whose models live elsewhere: ipvsadm, /proc/net/ip_vs*, iptables. */
import { describe, expect, it } from 'vitest';
import { out, recordingContext, rsLab, run, run1 } from './helpers.js';
import type { ExecContext } from '../../src/scenarios/exec/index.js';

describe('delegated tools', () => {
  it('ipvsadm goes to the context as the command\'s own text (error offsets are in it)', () => {
    const { host } = rsLab();
    const ctx = recordingContext();
    const rs = run(host, 'echo x\nipvsadm -A -t 192.168.1.100:80 -s rr', ctx);
    expect(rs[1]).toEqual({ exitCode: 0, output: 'ipvsadm ran\n' });
    expect(ctx.calls).toEqual([{ line: 'ipvsadm -A -t 192.168.1.100:80 -s rr' }]);
  });

  it('/proc/net/ip_vs goes to the context when it has one, else it is not modelled', () => {
    const { host } = rsLab();
    expect(run1(host, 'cat /proc/net/ip_vs').error?.kind).toBe('notModelled');
    const ctx: ExecContext = {
      ipvsadm: () => ({ exitCode: 0, output: '' }),
      procNet: (_h, file) => ({ exitCode: 0, output: `${file}\n` }),
    };
    expect(run1(host, 'cat /proc/net/ip_vs_conn', ctx).output).toBe('ip_vs_conn\n');
  });

  it('iptables without a model in the context is not modelled', () => {
    const { host } = rsLab();
    const r = run1(host, 'iptables -t mangle -A PREROUTING -d 192.168.1.100 -j MARK --set-mark 1');
    expect(r).toMatchObject({ exitCode: 1, output: '', error: { kind: 'notModelled', offset: 0 } });
    const ctx: ExecContext = { ipvsadm: () => ({ exitCode: 0, output: '' }), iptables: (_h, cmd) => ({ exitCode: 0, output: `${cmd.op}\n` }) };
    expect(run1(host, 'iptables -F', ctx).output).toBe('flush\n');
    expect(out(host, 'modprobe ip_vs')).toBe('');
  });
});
