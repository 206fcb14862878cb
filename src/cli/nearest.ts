/** The known names closest to a mistyped one, for a usage error that says what was meant. */

/** Edits (insert, delete, replace one character) between two texts. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

/** Up to `n` of `known`, nearest to `wanted` first. */
export function nearest(known: Iterable<string>, wanted: string, n = 3): string[] {
  return [...known]
    .map((k) => ({ k, d: distance(k.toUpperCase(), wanted.toUpperCase()) }))
    .sort((x, y) => x.d - y.d || x.k.localeCompare(y.k))
    .slice(0, n)
    .map((x) => x.k);
}
