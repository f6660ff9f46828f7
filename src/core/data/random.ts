/**
 * The one seeded pseudo-random generator (no Math.random): reproducible across runs,
 * machines and the host/webview split, for data splits, batch order, the depth sweep's
 * weights and tests.
 */

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

/** A stream of random numbers from one seed. */
export interface Rng {
  /** Uniform on [0, 1), resolution 2^-32 ({@link mulberry32}). */
  uniform(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
}

/**
 * Uniforms from {@link mulberry32} and normals by the Marsaglia polar method (Marsaglia &
 * Bray 1964, "A convenient method for generating normal variables", SIAM Review 6(3)),
 * which yields two normals per accepted pair (the second is kept for the next call).
 * Equal seeds give equal streams.
 * @param seed any integer (taken modulo 2^32).
 */
export function makeRng(seed: number): Rng {
  const uniform = mulberry32(seed);
  let spare: number | undefined;
  const normal = (): number => {
    if (spare !== undefined) {
      const v = spare;
      spare = undefined;
      return v;
    }
    for (;;) {
      const u = 2 * uniform() - 1;
      const v = 2 * uniform() - 1;
      const q = u * u + v * v;
      if (q > 0 && q < 1) {
        const m = Math.sqrt((-2 * Math.log(q)) / q);
        spare = v * m;
        return u * m;
      }
    }
  };
  return { uniform, normal };
}
