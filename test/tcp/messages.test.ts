import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { hasMessage } from '../../src/i18n/index.js';

const DIRS = ['src/net/tcp', 'src/net/udp', 'src/net/apps'];
const ID = /'((?:tcp|udp|app)\.[A-Za-z0-9.]+)'/g;

describe('message ids', () => {
  it('every id the TCP/UDP layers and the apps emit has an English text', () => {
    const ids = new Set<string>();
    for (const dir of DIRS) {
      for (const f of readdirSync(dir)) {
        const text = readFileSync(join(dir, f), 'utf8');
        for (const m of text.matchAll(ID)) ids.add(m[1] as string);
      }
    }
    // Built from a template in ping.ts: `app.ping.error.${which}`.
    for (const which of ['net', 'host', 'proto', 'port', 'other', 'ttl']) ids.add(`app.ping.error.${which}`);
    expect(ids.size).toBeGreaterThan(60);
    expect([...ids].filter((id) => !hasMessage(id))).toEqual([]);
  });
});
