/** Seeded pseudo-random numbers for splits, shuffles and tests (no Math.random). */

/**
 * Mulberry32 (Tommy Ettinger, public domain): a 32-bit-state generator returning uniform
 * floats in [0, 1). Same seed, same sequence, on every platform.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates shuffle of `arr` in place with `rand` (uniform [0, 1)); returns `arr`. */
export function shuffleInPlace<T extends { length: number; [i: number]: number }>(arr: T, rand: () => number): T {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = arr[i]!;
    arr[i] = arr[j]!;
    arr[j] = t;
  }
  return arr;
}

/** A seeded permutation of 0..n-1 as Int32Array (for batch order each epoch). */
export function permutation(n: number, seed: number): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  return shuffleInPlace(p, mulberry32(seed));
}
