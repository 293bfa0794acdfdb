/**
 * "Did you mean": the known field name nearest to a misspelt one by edit distance (insertions,
 * deletions, substitutions and swaps of neighbours each cost 1: `ip.dts` is one edit from
 * `ip.dst`), accepted only when the distance is small for the name's length, so that a wild
 * guess gets no misleading suggestion.
 */
import { editDistance } from '../../did-you-mean.js';

/**
 * The candidate nearest to `word` (ties: the first in `candidates` order), or undefined when
 * none is within max(2, a third of the word's length).
 */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(2, Math.floor(word.length / 3));
  const w = word.toLowerCase();
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
