/**
 * `ipvsadm -R <<EOF` … `EOF` in a scenario: the shell reads the here-document as the command's
 * standard input, ipvsadm -R runs each of its lines, and an error inside it is reported at its
 * own file:line:col.
 */
import { describe, expect, it } from 'vitest';
import { parseScript } from '../../src/scenarios/commands/index.js';
import { loadScenario } from '../../src/scenarios/load.js';
import { runScenario } from '../../src/scenarios/run.js';
import { checkExpectations } from '../../src/scenarios/check.js';

describe('here-documents in scripts', () => {
  it('the body is the lines up to the delimiter line; the command text stops before <<', () => {
    const text = 'ipvsadm -C\nipvsadm -R <<EOF\n-A -t 10.0.0.1:80 -s rr\n\nEOF\nipvsadm -S -n\n';
    const p = parseScript(text);
    expect(p.errors).toEqual([]);
    expect(p.script.commands.map((c) => c.text)).toEqual(['ipvsadm -C', 'ipvsadm -R', 'ipvsadm -S -n']);
    const r = p.script.commands[1]?.command;
    expect(r?.kind === 'ipvsadm' ? r.stdin : undefined).toEqual({ opOffset: 22, text: '-A -t 10.0.0.1:80 -s rr\n\n', offset: 28 });
    expect(text.slice(28, 28 + 3)).toBe('-A ');
  });

  it("a quoted delimiter keeps $ literal; unquoted, $ is an expansion the lab does not model", () => {
    expect(parseScript("ipvsadm -R <<'END'\n$x\nEND\n").errors).toEqual([]);
    const e = parseScript('ipvsadm -R <<END\n-A $x\nEND\n').errors;
    expect(e.map((x) => [x.offset, x.msg.id])).toEqual([[20, 'scenario.shell.expansion']]);
  });

  it('errors: no delimiter line, <<-, a here-document for another tool, one without a command', () => {
    expect(parseScript('ipvsadm -R <<EOF\n-C\n').errors.map((x) => x.msg.id)).toEqual(['ipvs.restore.heredocUnterminated']);
    expect(parseScript('ipvsadm -R <<EOF').errors.map((x) => x.msg.id)).toEqual(['ipvs.restore.heredocUnterminated']);
    // <<- is refused once, and its body (even a tab-indented delimiter) is not read as commands.
    expect(parseScript('ipvsadm -R <<-EOF\n-C\nEOF\n').errors.map((x) => x.msg.id)).toEqual(['ipvs.restore.heredocTabs']);
    expect(parseScript('ipvsadm -R <<-EOF\n\t-C\n\tEOF\nipvsadm -L -n\n').errors.map((x) => x.msg.id)).toEqual(['ipvs.restore.heredocTabs']);
    expect(parseScript('sysctl -p <<EOF\na=1\nEOF\n').errors.map((x) => x.msg.id)).toEqual(['ipvs.restore.heredocOnlyIpvsadm']);
    expect(parseScript('<<EOF\nx\nEOF\n').errors.map((x) => x.msg.id)).toEqual(['scenario.shell.noCommand']);
  });

  it('an ipvsadm: block accepts `-R <<EOF`', () => {
    const p = parseScript('-R <<EOF\n-A -t 10.0.0.1:80 -s rr\nEOF\n', { ipvsadmOnly: true });
    expect(p.errors).toEqual([]);
    const c = p.script.commands[0]?.command;
    expect(c?.kind === 'ipvsadm' && c.stdin?.text).toBe('-A -t 10.0.0.1:80 -s rr\n');
  });
});

function lab(body: string): string {
  return `lvslab: 1
name: restore-test
title: "ipvsadm -R"
topic: dr
summary: rules restored from a here-document.
segments: [{ name: lan }]
hosts:
  director:
    interfaces: { eth0: { segment: lan, ip: [192.168.1.5/24, 192.168.1.100/32] } }
    setup: |
      ipvsadm -A -t 192.168.1.100:443 -s rr
      ipvsadm -R <<EOF
${body}      EOF
checkpoints:
  - at: 1s
    title: The rules are in the table
    expect:
      - on: director
        run: "ipvsadm -S -n"
        contains: "-A -t 192.168.1.100:80 -s lblc\\n-a -t 192.168.1.100:80 -r 192.168.1.11:80 -g -w 1\\n-A -t 192.168.1.100:443 -s rr\\n"
`;
}

describe('ipvsadm -R in a scenario', () => {
  it('restores the here-document and keeps what was there (-R does not clear)', () => {
    const text = lab('      -A -t 192.168.1.100:80 -s lblc\n      ipvsadm -a -t 192.168.1.100:80 -r 192.168.1.11\n');
    const loaded = loadScenario(text, 'restore-test.yaml');
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => `${e.line}:${e.col}: ${e.message}`).join('\n'));
    const r = runScenario(loaded.scenario, { seed: undefined, untilNs: undefined, sinks: [], keepTrace: true });
    if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}:${e.col}: ${e.message}`).join('\n'));
    const results = checkExpectations(loaded.scenario, r);
    expect(results.filter((x) => !x.passed).map((x) => `${x.description}: ${x.detail}`)).toEqual([]);
  });

  it('an error in a line of the here-document is reported at that line and column of the file', () => {
    const text = lab('      -A -t 192.168.1.100:80 -s lblc\n      -a -t 192.168.1.100:80 -r 192.168.1.11 -w 70000\n');
    const loaded = loadScenario(text, 'restore-test.yaml');
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => `${e.line}:${e.col}: ${e.message}`).join('\n'));
    const r = runScenario(loaded.scenario, { seed: undefined, untilNs: undefined, sinks: [], keepTrace: true });
    expect(r.ok).toBe(false);
    const lines = text.split('\n');
    const bad = lines.findIndex((l) => l.includes('70000'));
    const errs = r.ok ? [] : r.errors.map((e) => [e.line, e.col]);
    expect(errs).toEqual([[bad + 1, (lines[bad] as string).indexOf('70000') + 1]]);
  });
});
