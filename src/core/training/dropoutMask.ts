/**
 * Dropout masks drawn in plain JS, identical on every tfjs backend and bit-identical to
 * thresholding `tf.randomUniform(shape, 0, 1, 'float32', seed)`: tfjs-core 4.22 draws those
 * with seedrandom 3.0.5's Alea (Johannes Baagøe's generator, lib/alea.js: the Mash seeding and
 * the multiply-with-carry step below), one draw per element in order, stored as float32. One
 * tight loop instead of a tensor of uniforms, a comparison kernel and a cast.
 */

/** Baagøe's Mash hash over a seed string, as seedrandom's Alea seeds itself. */
function mashState(seed: string): [number, number, number] {
  let n = 0xefc8249d;
  const mash = (data: string): number => {
    for (let i = 0; i < data.length; i++) {
      n += data.charCodeAt(i);
      let h = 0.02519603282416938 * n;
      n = h >>> 0;
      h -= n;
      h *= n;
      n = h >>> 0;
      h -= n;
      n += h * 0x100000000;
    }
    return (n >>> 0) * 2.3283064365386963e-10;
  };
  let s0 = mash(' '), s1 = mash(' '), s2 = mash(' ');
  s0 -= mash(seed);
  if (s0 < 0) s0 += 1;
  s1 -= mash(seed);
  if (s1 < 0) s1 += 1;
  s2 -= mash(seed);
  if (s2 < 0) s2 += 1;
  return [s0, s1, s2];
}

/**
 * n mask values: `keep` where the element's uniform draw u (float32) satisfies u >= rate
 * (as float32), else 0 — the same as `tf.cast(tf.greaterEqual(tf.randomUniform([n], 0, 1,
 * 'float32', seed), rate), 'float32')` times `keep`.
 * @param seed the number tfjs would get as `seed` (converted with String(), as tfjs does).
 * @param keep the value of kept elements, e.g. Math.fround(1 / (1 - rate)) for inverted dropout.
 */
export function dropoutMask(seed: number, n: number, rate: number, keep: number): Float32Array {
  const state = mashState(String(seed));
  let s0 = state[0], s1 = state[1], s2 = state[2], c = 1;
  const threshold = Math.fround(rate);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const t = 2091639 * s0 + c * 2.3283064365386963e-10;
    s0 = s1;
    s1 = s2;
    c = Math.trunc(t); // t >= 0, so this is seedrandom's t | 0
    s2 = t - c;
    // Branch-free select: the comparison is a coin flip, which a branch predicts badly.
    out[i] = Math.fround(s2) >= threshold ? keep : 0;
  }
  return out;
}
