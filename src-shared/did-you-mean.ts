/**
 * "Did you mean …?": the closest known word to a mistyped one. `briefing check`
 * uses it for unknown fields and unknown country names alike.
 */

/** The known key closest to a mistyped one (Levenshtein, case-insensitive), if it is close enough. */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = levenshtein(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  // Close enough to be a typo: at most 2 edits, and fewer than half the word.
  return best !== undefined && bestDistance <= 2 && bestDistance * 2 < key.length ? best : undefined;
}

/** Edit distance (insertions, deletions, substitutions) with two rows of memory. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length > 200 || b.length > 200) return Math.abs(a.length - b.length) + Math.min(a.length, b.length);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length];
}
