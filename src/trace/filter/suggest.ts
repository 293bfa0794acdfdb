/**
 * "Did you mean": the known field name nearest to a misspelt one by edit distance (insertions,
 * deletions, substitutions and swaps of neighbours each cost 1: `ip.dts` is one edit from
 * `ip.dst`), accepted only when the distance is small for the name's length, so that a wild
 * guess gets no misleading suggestion. A field of the protocol the word names (the part before
 * its first dot) wins over a closer one of another protocol: `tcp.length` means `tcp.len`, not
 * `udp.length`.
 */
import { editDistance } from '../../did-you-mean.js';

/** The shortest field part (after the protocol) that may count as an abbreviation of another. */
const MIN_RELATED = 3;

/** The field part of a name after its protocol, lower-cased, without `_` and `-`. */
function fieldPart(name: string, dot: number): string {
  return name.slice(dot + 1).replace(/[_-]/g, '');
}

/**
 * The candidate nearest to `word` (ties: the first in `candidates` order), or undefined when
 * none fits. Tried in order:
 * 1. a field of the word's protocol within max(2, a third of the word's length) edits;
 * 2. a field of the word's protocol whose field part contains the word's, or is contained in
 *    it, ignoring `_` and `-` (`udp.len` → `udp.length`, `tcp.windowsize` →
 *    `tcp.window_size_value`), when the shorter part has at least 3 characters;
 * 3. any candidate within that bound.
 */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(2, Math.floor(word.length / 3));
  const w = word.toLowerCase();
  const dot = w.indexOf('.');
  if (dot > 0) {
    const proto = w.slice(0, dot + 1);
    const same = candidates.filter((c) => c.startsWith(proto));
    const close = closest(w, same, limit);
    if (close !== undefined) return close;
    const part = fieldPart(w, dot);
    const related = same.filter((c) => {
      const other = fieldPart(c, dot);
      const [short, long] = part.length <= other.length ? [part, other] : [other, part];
      return short.length >= MIN_RELATED && long.includes(short);
    });
    const abbrev = closest(w, related, Infinity);
    if (abbrev !== undefined) return abbrev;
  }
  return closest(w, candidates, limit);
}

/** The candidate fewest edits from `w`, if within `limit` (ties: the first). */
function closest(w: string, candidates: readonly string[], limit: number): string | undefined {
  let best: string | undefined;
  let bestDist = limit + 1;
  for (const c of candidates) {
    if (Math.abs(c.length - w.length) >= bestDist) continue;
    const d = editDistance(w, c);
    if (d < bestDist) {
      best = c;
      bestDist = d;
    }
  }
  return best;
}
