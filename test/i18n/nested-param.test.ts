/** A parameter that is itself a message (a word of our prose) renders in the language of the sentence around it. */
import { describe, expect, it } from 'vitest';
import { msg, render } from '../../src/i18n/index.js';

describe('nested message parameters', () => {
  const m = msg('kacheck.build.dest', { vs: '192.168.1.100:80', rs: '192.168.1.11:80', op: msg('kacheck.op.del'), errno: 'ENOENT' });

  it('English reads as with a plain word', () => {
    expect(render(m, 'en')).toBe('IPVS refused del of real server 192.168.1.11:80 in 192.168.1.100:80: ENOENT');
  });

  it('zh-CN renders the nested word in Chinese too', () => {
    expect(render(m, 'zh-CN')).toBe('IPVS 拒绝了对 192.168.1.100:80 中真实服务器 192.168.1.11:80 的删除操作：ENOENT');
  });

  it('nests to any depth, and an unknown id shows its nested parameters rendered', () => {
    const inner = msg('scenario.describe.type', { type: 'record' });
    expect(render(msg('scenario.schema.type', { expected: inner, got: msg('scenario.describe.nothing') }), 'en')).toBe('expected a record; got nothing');
    expect(render(msg('no.such.id', { what: msg('arp.probe.unicast') }), 'zh-CN')).toBe('no.such.id what=单播');
  });
});
