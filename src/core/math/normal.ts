/**
 * Standard normal CDF Phi and density phi with full relative accuracy in both tails (a few
 * ulps). Phi uses erfc, not 1 + erf, so Phi(-30) = 4.9e-198 is not lost to cancellation, and
 * carries the rounding error of x/sqrt(2) (which erfc would amplify by ~x^2) as a first-order
 * correction; phi splits x^2 exactly (Dekker 1971) for the same reason. Pure.
 */
import { erfc } from './erf';

const SQRT1_2_HI = 0.7071067811865476; // 1/sqrt(2) = SQRT1_2_HI + SQRT1_2_LO (mpmath)
const SQRT1_2_LO = -4.833646656726457e-17;
const TWO_OVER_SQRT_PI = 1.1283791670955126;
const INV_SQRT_2PI = 0.3989422804014327;
const SPLITTER = 134217729; // 2^27 + 1, Veltkamp splitting

/** Exact product a*b = hi + lo (Dekker 1971, "A floating-point technique for extending the available precision"). Needs |a|, |b| < 1e150. */
function twoProduct(a: number, b: number): [number, number] {
  const p = a * b;
  const ca = SPLITTER * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = SPLITTER * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

/**
 * Phi(x) = erfc(-x / sqrt 2) / 2 in [0, 1]. Relative error a few ulps for |x| <= 40;
 * Phi(x) underflows to 0 below x = -38.6 and is 1 above 8.3. Phi(NaN) = NaN.
 */
export function normalCdf(x: number): number {
  if (!(Math.abs(x) <= 40)) return Number.isNaN(x) ? NaN : x > 0 ? 1 : 0;
  const [p, e] = twoProduct(x, SQRT1_2_HI);
  const th = -p;
  const tl = -(e + x * SQRT1_2_LO);
  // erfc(th + tl) = erfc(th) - tl * erfc'(th) + O(tl^2), erfc'(t) = -2/sqrt(pi) e^(-t^2)
  return 0.5 * (erfc(th) - tl * TWO_OVER_SQRT_PI * Math.exp(-th * th));
}

/** phi(x) = e^(-x^2/2) / sqrt(2 pi); a few ulps; 0 (underflow) for |x| > 38.6. */
export function normalPdf(x: number): number {
  if (!(Math.abs(x) <= 40)) return Number.isNaN(x) ? NaN : 0;
  const [hi, lo] = twoProduct(x, x);
  return INV_SQRT_2PI * Math.exp(-0.5 * hi) * (1 - 0.5 * lo);
}
