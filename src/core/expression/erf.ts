/**
 * The error function erf(x) = 2/sqrt(pi) * integral_0^x exp(-t^2) dt for user expressions
 * (JavaScript's Math has none). Pure: no vscode, no DOM.
 */

const TWO_OVER_SQRT_PI = 1.1283791670955126; // 2 / sqrt(pi)
const ONE_OVER_SQRT_PI = 0.5641895835477563; // 1 / sqrt(pi)

/**
 * erf(x) for every double, within a few ulps (checked against mpmath in
 * test/reference/expressionReference.json).
 * - |x| <= 3: the positive-term series erf(x) = 2/sqrt(pi) e^(-x^2) sum_n 2^n x^(2n+1) / (2n+1)!!
 *   (Abramowitz & Stegun 7.1.6): every term is positive, so nothing cancels.
 * - |x| > 3: erf = 1 - erfc, erfc(x) from its continued fraction (A&S 7.1.14, evaluated by the
 *   modified Lentz method); erfc(x) < 2.3e-5 there, so the subtraction loses nothing.
 * erf(+-Infinity) = +-1, erf(NaN) = NaN.
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const a = Math.abs(x);
  if (a > 6) return Math.sign(x); // erfc(6) = 2.2e-17 < ulp(1)/2: erf rounds to +-1
  const v = a <= 3 ? erfSeries(a) : 1 - erfcContinuedFraction(a);
  return x < 0 ? -v : v;
}

/** A&S 7.1.6 for 0 <= x <= 3; terms grow until n ~ x^2, then fall geometrically. */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
}

/**
 * erfc(x) = e^(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...))))), x > 0
 * (A&S 7.1.14), i.e. partial numerators k/2 for k = 1, 2, ..., all partial denominators x.
 */
function erfcContinuedFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const an = k / 2;
    d = x + an * d;
    d = d === 0 ? tiny : d;
    c = x + an / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return (ONE_OVER_SQRT_PI * Math.exp(-x * x)) / f;
}
