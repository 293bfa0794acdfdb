/**
 * "Did you mean": the known field name nearest to a misspelt one by Levenshtein edit distance
 * (insertions, deletions, substitutions each cost 1), accepted only when the distance is small
 * for the name's length, so that a wild guess gets no misleading suggestion.
 */

/** Edit distance between `a` and `b`, two rows of the dynamic-programming table at a time. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length] as number;
}

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
