/** The project's own lint rules bite: a layer importing upwards, wall-clock time or Math.random in the simulation. */
import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function ruleIds(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('lint rules', () => {
  it('wire may not import ipvs', async () => {
    expect(await ruleIds('src/net/wire/probe.ts', "import { attachIpvs } from '../../ipvs/attach.js';\nexport const x = attachIpvs;\n")).toEqual(['lvslab/import-direction']);
  });

  it('net may not import ipvs, but may import trace event types', async () => {
    expect(await ruleIds('src/net/probe.ts', "import { attachIpvs } from '../ipvs/attach.js';\nexport const x = attachIpvs;\n")).toEqual(['lvslab/import-direction']);
    expect(await ruleIds('src/net/probe.ts', "import type { TraceEvent } from '../trace/events.js';\nexport type X = TraceEvent;\n")).toEqual([]);
  });

  it('ipvs may import net; ui may not import net', async () => {
    expect(await ruleIds('src/ipvs/probe.ts', "import { Simulator } from '../net/sim.js';\nexport const x = Simulator;\n")).toEqual([]);
    expect(await ruleIds('src/ui/probe.ts', "import { Simulator } from '../net/sim.js';\nexport const x = Simulator;\n")).toEqual(['lvslab/import-direction']);
  });

  it('no Math.random, Date.now or timers in the simulation; the UI may use timers', async () => {
    expect(await ruleIds('src/ipvs/probe.ts', 'export const r = Math.random();\nexport const t = Date.now();\nsetTimeout(() => 1, 1);\n')).toEqual([
      'no-restricted-properties',
      'no-restricted-properties',
      'no-restricted-globals',
    ]);
    expect(await ruleIds('src/ui/probe.ts', 'setTimeout(() => 1, 1);\n')).toEqual([]);
  });
});
