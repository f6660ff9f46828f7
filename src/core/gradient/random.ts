/**
 * Seeded pseudo-random numbers for the depth sweep: reproducible across runs, machines and
 * the host/webview split. Uniforms from mulberry32 (Tommy Ettinger, public domain; 32-bit
 * state, period 2^32), normals by the Marsaglia polar method (Marsaglia & Bray 1964,
 * "A convenient method for generating normal variables", SIAM Review 6(3)).
 */

/** A stream of random numbers from one seed. */
export interface Rng {
  /** Uniform on [0, 1), resolution 2^-32. */
  uniform(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
}

/**
 * Creates a stream; equal seeds give equal streams.
 * @param seed any integer (taken modulo 2^32).
 */
export function makeRng(seed: number): Rng {
  let s = seed >>> 0;
  let spare: number | undefined;
  const uniform = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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
