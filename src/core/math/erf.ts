/**
 * erf and erfc to double precision (< 1 ulp in the algorithm's own analysis), a TypeScript
 * port of Sun Microsystems' fdlibm `s_erf.c` (the libm of FreeBSD msun and musl), which uses
 * rational approximations on [0, 0.84375], [0.84375, 1.25], [1.25, 1/0.35], [1/0.35, 28] and
 * an exp(-x^2) split that keeps the argument exact. Coefficients are fdlibm's, verbatim.
 *
 * Original notice, preserved as its licence asks:
 * Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 * Developed at SunPro, a Sun Microsystems, Inc. business.
 * Permission to use, copy, modify, and distribute this software is freely granted,
 * provided that this notice is preserved.
 */

const ERX = 8.45062911510467529297e-1; // erf(1) rounded to single precision
const EFX = 1.28379167095512586316e-1; // 2/sqrt(pi) - 1
const PP = [1.28379167095512558561e-1, -3.25042107247001499370e-1, -2.84817495755985104766e-2, -5.77027029648944159157e-3, -2.37630166566501626084e-5];
const QQ = [1, 3.97917223959155352819e-1, 6.50222499887672944485e-2, 5.08130628187576562776e-3, 1.32494738004321644526e-4, -3.96022827877536812320e-6];
const PA = [-2.36211856075265944077e-3, 4.14856118683748331666e-1, -3.72207876035701323847e-1, 3.18346619901161753674e-1, -1.10894694282396677476e-1, 3.54783043256182359371e-2, -2.16637559486879084300e-3];
const QA = [1, 1.06420880400844228286e-1, 5.40397917702171048937e-1, 7.18286544141962662868e-2, 1.26171219808761642112e-1, 1.36370839120290507362e-2, 1.19844998467991074170e-2];
const RA = [-9.86494403484714822705e-3, -6.93858572707181764372e-1, -1.05586262253232909814e1, -6.23753324503260060396e1, -1.62396669462573470355e2, -1.84605092906711035994e2, -8.12874355063065934246e1, -9.81432934416914548592];
const SA = [1, 1.96512716674392571292e1, 1.37657754143519042600e2, 4.34565877475229228821e2, 6.45387271733267880336e2, 4.29008140027567833386e2, 1.08635005541779435134e2, 6.57024977031928170135, -6.04244152148580987438e-2];
const RB = [-9.86494292470009928597e-3, -7.99283237680523006574e-1, -1.77579549177547519889e1, -1.60636384855821916062e2, -6.37566443368389627722e2, -1.02509513161107724954e3, -4.83519191608651397019e2];
const SB = [1, 3.03380607434824582924e1, 3.25792512996573918826e2, 1.53672958608443695994e3, 3.19985821950859553908e3, 2.55305040643316442583e3, 4.74528541206955367215e2, -2.24409524465858183362e1];

const view = new DataView(new ArrayBuffer(8));

/** High 32 bits of the IEEE-754 representation without the sign bit (fdlibm's `ix`). */
function highWord(x: number): number {
  view.setFloat64(0, x);
  return view.getUint32(0) & 0x7fffffff;
}

/** x with the low 32 bits of its significand cleared, so z*z is exact (fdlibm SET_LOW_WORD). */
function truncLow(x: number): number {
  view.setFloat64(0, x);
  view.setUint32(4, 0);
  return view.getFloat64(0);
}

/** Horner evaluation of c[0] + c[1] t + ... . */
function poly(c: readonly number[], t: number): number {
  let r = c[c.length - 1]!;
  for (let i = c.length - 2; i >= 0; i--) r = r * t + c[i]!;
  return r;
}

/** (1/ax) exp(-ax^2 - 0.5625 + R/S) = erfc(ax) for 1.25 <= ax < 28 (fdlibm methods 3-4). */
function erfcTail(ax: number): number {
  const s = 1 / (ax * ax);
  const rs = ax < 1 / 0.35 ? poly(RA, s) / poly(SA, s) : poly(RB, s) / poly(SB, s);
  const z = truncLow(ax);
  return (Math.exp(-z * z - 0.5625) * Math.exp((z - ax) * (z + ax) + rs)) / ax;
}

/**
 * Error function erf(x) = 2/sqrt(pi) * integral_0^x e^(-t^2) dt, odd, in [-1, 1].
 * Accurate to < 1 ulp (fdlibm); erf(NaN) = NaN, erf(+-inf) = +-1.
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  const ix = highWord(x);
  if (ix < 0x3feb0000) {
    if (ix < 0x3e300000) return x + EFX * x; // |x| < 2^-28
    const z = x * x;
    return x + x * (poly(PP, z) / poly(QQ, z));
  }
  if (ix < 0x3ff40000) {
    const s = ax - 1;
    const r = ERX + poly(PA, s) / poly(QA, s);
    return x > 0 ? r : -r;
  }
  if (ix >= 0x40180000) return x > 0 ? 1 : -1; // |x| >= 6: 1 - erf < 1e-17
  const r = 1 - erfcTail(ax);
  return x > 0 ? r : -r;
}

/**
 * Complementary error function erfc(x) = 1 - erf(x), in [0, 2], with full relative accuracy
 * for large positive x (no cancellation): erfc(26) = 5.66e-296, underflows to 0 beyond
 * x ~ 27.2 where the true value is below the smallest subnormal. erfc(NaN) = NaN.
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  const ix = highWord(x);
  if (ix < 0x3feb0000) {
    if (ix < 0x3c700000) return 1 - x; // |x| < 2^-56
    const z = x * x;
    const y = poly(PP, z) / poly(QQ, z);
    return x < 0.25 ? 1 - (x + x * y) : 0.5 - (x * y + (x - 0.5));
  }
  if (ix < 0x3ff40000) {
    const pq = poly(PA, ax - 1) / poly(QA, ax - 1);
    return x > 0 ? 1 - ERX - pq : 1 + (ERX + pq);
  }
  if (ix < 0x403c0000) {
    if (x < -6) return 2;
    const r = erfcTail(ax);
    return x > 0 ? r : 2 - r;
  }
  return x > 0 ? 0 : 2;
}
