/**
 * A lab that replays a corrupted capture, run as a user runs it (`lvslab run|check`, the built
 * CLI): the one error line gives the byte offset and the decoder's reason, in Chinese with
 * `--lang zh-CN` (the wire and pcap reasons are message ids too), in English otherwise.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lvslab, ROOT } from '../e2e/helpers.js';

const CJK = /[\u3400-\u9fff]/;
const tmp = mkdtempSync(path.join(tmpdir(), 'lvslab-replay-bad-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const PCAP = readFileSync(path.join(ROOT, 'fixtures', 'pcaps', 'http-get.pcap'));

/** A lab whose client replays `bytes` (written next to it as cap.pcap); returns the lab's path. */
function labReplaying(name: string, bytes: Uint8Array): string {
  writeFileSync(path.join(tmp, `${name}.pcap`), bytes);
  const file = path.join(tmp, `${name}.yaml`);
  writeFileSync(
    file,
    [
      'lvslab: 1',
      `name: ${name}`,
      'title: a replay of a corrupted capture',
      'segments: [{ name: lan }]',
      'hosts:',
      '  a: { interfaces: { eth0: { segment: lan, ip: 10.0.0.1/24 } } }',
      '  b: { interfaces: { eth0: { segment: lan, ip: 10.0.0.2/24 } }, apps: [{ tcp-server: { port: 80, reply: 100 } }] }',
      'traffic:',
      `  - { from: a, replay: { file: ${name}.pcap } }`,
      '',
    ].join('\n'),
  );
  return file;
}

// Frame 3 (the SYN) is record 3 at byte 140: its IPv4 header starts at 140 + 16 + 14 = 170.
const badIhl = Uint8Array.from(PCAP);
badIhl[170] = 0x43;

describe('a lab replaying a corrupted capture', () => {
  it('a frame that does not decode: the reason in Chinese with --lang zh-CN, with its byte offset', () => {
    const file = labReplaying('bad-ihl', badIhl);
    const col = '  - { from: a, replay: { file: '.length + 1;
    for (const cmd of ['run', 'check']) {
      const r = lvslab([cmd, file, '--lang', 'zh-CN']);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toBe(`${file}:9:${col}: bad-ihl.pcap：位于字节偏移 170 的第 3 帧无法解码：ipv4：IPv4 头部长度 3 小于最小值 5（20 字节）\n`);
    }
    const en = lvslab(['run', file, '--lang', 'en']);
    expect(en.stderr).toBe(`${file}:9:${col}: bad-ihl.pcap: frame 3 at byte 170 does not decode: ipv4: IPv4 header length 3 is below the minimum of 5 (20 bytes)\n`);
  });

  it('a file the reader rejects: the pcap reason in Chinese, with its byte offset', () => {
    const file = labReplaying('cut', PCAP.subarray(0, 100));
    const r = lvslab(['run', file, '--lang', 'zh-CN']);
    expect(r.code).toBe(2);
    const line = r.stderr.trimEnd();
    expect(line).toMatch(CJK);
    expect(line).toContain('cut.pcap 不是 lvslab 能读取的抓包文件：在字节偏移 90 处：第 2 条记录（字节偏移 82）：捕获长度 42 超出了文件末尾（只剩 2 字节）');
    expect(line).not.toMatch(/record|captured|runs past/);
  });
});
