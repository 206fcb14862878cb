/** A seedable random source, shared by the run plan (ids), the generated invalid inputs and the order seeds are written in. */

/** A small, fast, seedable generator (mulberry32): the same seed gives the same cases. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A generator of its own for `label` (a scenario id) under the run's seed: the same in every run with that seed, whatever runs beside it. */
export function randomFor(seed: number, label: string): () => number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
  return random(h >>> 0);
}

/** A copy of `xs` in an order drawn from `rnd` (Fisher-Yates). */
export function shuffled<T>(xs: readonly T[], rnd: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
