/**
 * Numerically stable building blocks for the activation catalogue. Every function takes and
 * returns IEEE-754 doubles and is finite wherever the true value is finite (no overflow in an
 * intermediate, no catastrophic cancellation). Pure: no vscode, no DOM.
 */

/**
 * Logistic sigmoid 1 / (1 + e^(-x)), evaluated on the side where e^(.) cannot overflow.
 * Relative error a few ulps on the whole real line; sigmoid(-1000) underflows to 0 (true
 * value 5.1e-435 is below the smallest subnormal), sigmoid(+inf) = 1.
 */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/**
 * Softplus ln(1 + e^x) = max(x, 0) + log1p(e^(-|x|)): no overflow for large x, no loss of
 * the tiny result for very negative x (where it equals e^x to double precision).
 */
export function softplus(x: number): number {
  if (x === Infinity) return Infinity;
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/**
 * sigma(x) * sigma(-x) = sigma'(x) = 1 / (2 + 2 cosh x), without the cancellation in
 * sigma (1 - sigma) when sigma is close to 1. Finite and >= 0 for every x.
 */
export function sigmoidDerivative(x: number): number {
  const a = Math.abs(x);
  const e = Math.exp(-a);
  const d = 1 + e;
  return e / (d * d);
}

/**
 * tanh'(x) = sech^2(x) = 4 e^(-2|x|) / (1 + e^(-2|x|))^2, without the cancellation of
 * 1 - tanh^2 (which returns 0 for |x| > 19 where the true value is still ~1e-16).
 */
export function tanhDerivative(x: number): number {
  const e = Math.exp(-2 * Math.abs(x));
  const d = 1 + e;
  return (4 * e) / (d * d);
}
