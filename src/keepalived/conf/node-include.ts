/**
 * `include PATTERN` for the CLI and the scenario layer: reads files with node:fs, relative to the
 * including file's directory, expanding simple `*` / `?` globs in the last path component
 * (matches sorted, as keepalived's glob() returns them). The parser itself stays pure.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import type { ConfSource, ReadInclude } from './types.js';
import { msg } from '../../i18n/message.js';

function globToRegExp(pat: string): RegExp {
  let re = '^';
  for (const c of pat) {
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`${re}$`);
}

/** Reads the files an `include` names (see file header). */
export const nodeReadInclude: ReadInclude = (pattern, fromFile) => {
  const full = isAbsolute(pattern) ? pattern : resolve(dirname(fromFile), pattern);
  const dir = dirname(full);
  const last = basename(full);
  try {
    let files: string[];
    if (/[*?]/.test(last)) {
      const re = globToRegExp(last);
      files = readdirSync(dir).filter((f) => re.test(f)).sort().map((f) => join(dir, f))
        .filter((f) => statSync(f).isFile());
      if (files.length === 0) return msg('kaconf.include.noMatch', { pattern });
    } else files = [full];
    return files.map((f): ConfSource => ({ file: f, text: readFileSync(f, 'utf8') }));
  } catch {
    return msg('kaconf.include.unreadable', { pattern });
  }
};
