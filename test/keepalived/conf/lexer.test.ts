/** Lexer and block-tree edge cases, include, and the never-throw property. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lex } from '../../../src/keepalived/conf/lexer.js';
import { parseKeepalivedConf } from '../../../src/keepalived/conf/parse.js';
import type { ConfDiagnostic, ConfSource, ReadInclude } from '../../../src/keepalived/conf/types.js';
import { msg } from '../../../src/i18n/message.js';
import { hasMessage } from '../../../src/i18n/index.js';
import { MAX_BLOCK_DEPTH } from '../../../src/keepalived/conf/tree.js';
import { errors, parse, vs, warnings, where } from './helpers.js';

function words(text: string): string[] {
  const ds: ConfDiagnostic[] = [];
  return lex('f', text, ds).filter((t) => t.kind !== 'nl').map((t) => `${t.line}:${t.col}:${t.text}`);
}

describe('lexer', () => {
  it('splits braces glued to words and keeps positions', () => {
    expect(words('virtual_server 1.2.3.4 80{\n}')).toEqual(['1:1:virtual_server', '1:16:1.2.3.4', '1:24:80', '1:26:{', '2:1:}']);
    expect(words('url{path /}')).toEqual(['1:1:url', '1:4:{', '1:5:path', '1:10:/', '1:11:}']);
  });
  it('comments with ! and # anywhere a token starts', () => {
    expect(words('a b # c d\n! whole line\nx!y #z')).toEqual(['1:1:a', '1:3:b', '3:1:x!y']);
  });
  it('quoted strings keep spaces and comment characters', () => {
    expect(words('script "killall -0 sshd # x" tail')).toEqual(['1:1:script', '1:8:killall -0 sshd # x', '1:30:tail']);
  });
  it('CRLF, tabs and trailing spaces', () => {
    expect(words('\tpriority\t100 \r\n  state MASTER  \r\n')).toEqual(['1:2:priority', '1:11:100', '2:3:state', '2:9:MASTER']);
  });
  it('an unterminated quote is an error at the quote', () => {
    const ds: ConfDiagnostic[] = [];
    lex('f', 'misc_path "/bin/x', ds);
    expect(ds.map((d) => `${d.pos.line}:${d.pos.col} ${d.msg.id}`)).toEqual(['1:11 kaconf.lex.unterminatedQuote']);
  });
  it('a whole config written with CRLF and tabs parses the same', () => {
    const src = vs('\tpersistence_timeout 50').replace(/\n/g, '\r\n').replace(/^ /gm, '\t');
    const r = parse(src);
    expect(errors(r)).toEqual([]);
    expect(r.config?.virtualServers[0]?.persistenceTimeout).toBe(50);
  });
});

describe('block tree errors', () => {
  it('unclosed block at its brace', () => {
    expect(where(errors(parse('global_defs {\n router_id x\n')))).toEqual(['1:13 kaconf.tree.unclosed']);
  });
  it('stray closing brace', () => {
    expect(where(errors(parse('}\n')))).toEqual(['1:1 kaconf.tree.strayClose']);
  });
  it('stray opening brace', () => {
    expect(where(errors(parse('{\n}\n')))).toEqual(['1:1 kaconf.tree.strayOpen']);
  });
  it('a block keyword without its block', () => {
    expect(where(errors(parse('vrrp_instance VI_1\n')))).toEqual(['1:1 kaconf.block.expected']);
  });
  it('nesting deeper than MAX_BLOCK_DEPTH is one error at the first brace too deep', () => {
    const n = MAX_BLOCK_DEPTH + 3;
    const src = 'global_defs {\n' + 'x {\n'.repeat(n) + '}\n'.repeat(n) + '}\n';
    const r = parse(src);
    expect(where(errors(r)).filter((w) => w.endsWith('tooDeep'))).toEqual([`${MAX_BLOCK_DEPTH + 1}:3 kaconf.tree.tooDeep`]);
    expect(where(errors(r)).some((w) => w.endsWith('unclosed') || w.endsWith('strayClose'))).toBe(false);
  });
});

describe("'{' on the line after its keyword (keepalived's process_stream bob_needed)", () => {
  const body = ' lb_algo rr\n lb_kind NAT\n protocol TCP\n';
  const cases: [string, string][] = [
    ['virtual_server', `virtual_server 10.0.0.1 80\n{\n${body} real_server 10.0.0.2 80 {\n  weight 3\n }\n}\n`],
    ['real_server, indented brace', `virtual_server 10.0.0.1 80 {\n${body} real_server 10.0.0.2 80\n  {\n  weight 3\n }\n}\n`],
    ['blank and comment lines between', `virtual_server 10.0.0.1 80\n\n# the block\n{\n${body} real_server 10.0.0.2 80\n ! here\n {\n  weight 3\n }\n}\n`],
    ['CRLF', `virtual_server 10.0.0.1 80\r\n{\r\n${body.replace(/\n/g, '\r\n')} real_server 10.0.0.2 80\r\n {\r\n  weight 3\r\n }\r\n}\r\n`],
  ];
  for (const [name, src] of cases) {
    it(name, () => {
      const r = parse(src);
      expect(errors(r)).toEqual([]);
      expect(r.config?.virtualServers[0]?.realServers[0]?.weight).toBe(3);
    });
  }
  it('an unclosed block is reported at the brace on the next line', () => {
    expect(where(errors(parse('global_defs\n  {\n router_id x\n')))).toEqual(['2:3 kaconf.tree.unclosed']);
  });
  it('words after that brace are dropped as keepalived drops the whole line, with a warning', () => {
    const r = parse(`virtual_server 10.0.0.1 80\n{ persistence_timeout 50\n${body} real_server 10.0.0.2 80 {\n }\n}\n`);
    expect(errors(r)).toEqual([]);
    expect(where(warnings(r))).toContain('2:3 kaconf.tree.bobLineRest');
    expect(r.config?.virtualServers[0]?.persistenceTimeout).toBe(0);
  });
  it("a '{' after a closed block is still stray", () => {
    expect(where(errors(parse('global_defs {\n}\n{\n}\n')))).toEqual(['3:1 kaconf.tree.strayOpen']);
  });
});

describe('include', () => {
  const files: Record<string, string> = {
    'main.conf': 'include conf.d/*.conf\n',
    'conf.d/a.conf': 'vrrp_script chk {\n script "true"\n}\n',
    'conf.d/b.conf': 'vrrp_instance V {\n interface eth0\n virtual_router_id 9\n virtual_ipaddress {\n  10.0.0.1\n }\n track_script {\n  chk\n }\n}\n',
    'loop.conf': 'include loop.conf\n',
    'bad.conf': 'include b2.conf\n',
    'b2.conf': '\n  frobnicate\n',
  };
  const read: ReadInclude = (pattern) => {
    if (pattern.endsWith('*.conf')) {
      const dir = pattern.slice(0, pattern.lastIndexOf('/') + 1);
      return Object.keys(files).filter((f) => f.startsWith(dir)).sort().map((f): ConfSource => ({ file: f, text: files[f] as string }));
    }
    const t = files[pattern];
    return t === undefined ? msg('kaconf.include.noMatch', { pattern }) : [{ file: pattern, text: t }];
  };
  const run = (f: string) => parseKeepalivedConf({ file: f, text: files[f] as string }, read);

  it('glob include splices sorted files; references across files resolve', () => {
    const r = run('main.conf');
    expect(errors(r)).toEqual([]);
    expect(r.config?.instances[0]?.trackScripts[0]?.name).toBe('chk');
    expect(r.config?.vrrpScripts.get('chk')?.pos).toEqual({ file: 'conf.d/a.conf', line: 1, col: 1 });
  });
  it('errors in an included file carry that file and position', () => {
    expect(errors(run('bad.conf')).map((d) => `${d.pos.file}:${d.pos.line}:${d.pos.col}`)).toEqual(['b2.conf:2:3']);
  });
  it('an include loop is reported', () => {
    expect(where(errors(run('loop.conf')))).toEqual(['1:1 kaconf.include.loop']);
  });
  it('a missing file reports the reader message at the include', () => {
    expect(where(errors(parseKeepalivedConf({ file: 'x', text: '\ninclude nope.conf\n' }, read)))).toEqual(['2:1 kaconf.include.noMatch']);
  });
  it('without a reader, include is an error at its position', () => {
    expect(where(errors(parse('  include other.conf\n')))).toEqual(['1:3 kaconf.include.unavailable']);
  });
  it('depth limit', () => {
    const deep: ReadInclude = (p) => [{ file: `${p}x`, text: `include ${p}x\n` }];
    expect(where(errors(parseKeepalivedConf({ file: 'd', text: 'include d\n' }, deep)))).toEqual(['1:1 kaconf.include.tooDeep']);
  });
});

describe('never throws (property)', () => {
  const alphabet = fc.constantFrom('{', '}', '"', '!', '#', '\n', '\r', '\t', ' ', '@', 'a', '1', '.', '-', '/', ':',
    'virtual_server ', 'vrrp_instance ', 'real_server ', 'include ', 'TCP_CHECK', 'priority ', 'state MASTER', '10.0.0.1 ',
    'lb_kind ', 'url ', 'path ', 'virtual_ipaddress ', 'global_defs ', 'weight ', 'fwmark ', 'group ');
  it('arbitrary token soup: no exception, every diagnostic has a valid position and a catalog text', () => {
    fc.assert(fc.property(fc.array(alphabet, { maxLength: 80 }), fc.string({ maxLength: 40 }), (parts, junk) => {
      const text = parts.join('') + junk;
      const lines = text.split('\n');
      const r = parseKeepalivedConf({ file: 'p', text }, (p) => [{ file: `inc-${p}`, text }]);
      for (const d of r.diagnostics) {
        expect(d.pos.line).toBeGreaterThanOrEqual(1);
        expect(d.pos.col).toBeGreaterThanOrEqual(1);
        if (d.pos.file === 'p') {
          expect(d.pos.line).toBeLessThanOrEqual(lines.length);
          expect(d.pos.col).toBeLessThanOrEqual((lines[d.pos.line - 1] ?? '').length + 1);
        }
        expect(hasMessage(d.msg.id)).toBe(true);
      }
      expect(r.config === null).toBe(r.diagnostics.some((d) => d.severity === 'error'));
    }), { numRuns: 400 });
  });
  it('5000 nested braces (and 5000 unclosed ones): diagnostics, no RangeError', () => {
    for (const text of ['{'.repeat(5000) + '}'.repeat(5000), 'a {\n'.repeat(5000), 'global_defs {\n' + 'x\n{\n'.repeat(5000)]) {
      const r = parseKeepalivedConf({ file: 'p', text });
      expect(r.config).toBeNull();
      expect(r.diagnostics.length).toBeGreaterThan(0);
    }
  });
});
