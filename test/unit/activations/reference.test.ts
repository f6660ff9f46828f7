/**
 * Every catalogue entry and erf/erfc against independent mpmath values (400 working digits,
 * textbook formulas: test/reference/gen_activations.py -> activations.json).
 *
 * Tolerance: |ours - ref| <= 4 eps (1 + kappa) |ref|, eps = 2^-52, where kappa = |x g'(x)/g(x)|
 * is the condition number of g = f or f' at x (from the same generator). For kappa ~ 1 that is
 * a few ulps; kappa only grows in far tails (gelu_tanh, swish with beta != 1, exp: a few-ulp
 * error in an internal argument such as beta x is amplified there, as in any libm) and next to
 * zeros of f'. Results below the smallest normal double (2.2e-308) are subnormal and compared
 * with an absolute 1e-320. A separate test holds exact GELU to 4 ulps without kappa.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getActivation, resolveParams } from '../../../src/core/activations/catalogue';
import { erf, erfc } from '../../../src/core/math/erf';

type Point = [number, string, string | null, number | null, number | null];
interface RefCase { id: string; params: Record<string, number>; points: Point[] }
interface RefDoc { cases: RefCase[]; erf: { points: [number, string, string][] } }

const REF: RefDoc = JSON.parse(readFileSync(join(__dirname, '../../reference/activations.json'), 'utf8'));
const EPS = 2 ** -52;
const MIN_NORMAL = 2.2250738585072014e-308;

/** Empty string when `got` is within tolerance of the reference decimal, else a description. */
function mismatch(got: number, refText: string, kappa: number | null, ulps = 4): string {
  const ref = Number(refText);
  if (got === ref) return '';
  const bad = `got ${got}, want ${refText}`;
  if (!Number.isFinite(ref) || !Number.isFinite(got)) return bad;
  if (Math.abs(ref) < MIN_NORMAL) return Math.abs(got - ref) <= 1e-320 ? '' : bad;
  const tol = ulps * EPS * (1 + (kappa ?? 0)) * Math.abs(ref);
  return Math.abs(got - ref) <= tol ? '' : `${bad} (error ${(Math.abs(got - ref) / Math.abs(ref) / EPS).toFixed(1)} ulp, allowed ${(tol / Math.abs(ref) / EPS).toFixed(1)})`;
}

test('the reference file covers all 18 catalogue entries', () => {
  const ids = new Set(REF.cases.map((c) => c.id));
  assert.equal(ids.size, 18);
  for (const id of ids) assert.ok(getActivation(id), id);
});

for (const c of REF.cases) {
  test(`${c.id} ${JSON.stringify(c.params)}: f and f' match mpmath on ${c.points.length} points from -1e308 to 1e308`, () => {
    const def = getActivation(c.id)!;
    const p = resolveParams(def, c.params);
    const errors: string[] = [];
    for (const [x, fRef, dfRef, kf, kdf] of c.points) {
      const ef = mismatch(def.f(x, p), fRef, kf);
      if (ef) errors.push(`f(${x}): ${ef}`);
      if (dfRef === null) continue; // kink: a library convention, tested in torch.test.ts
      const ed = mismatch(def.df(x, p), dfRef, kdf);
      if (ed) errors.push(`f'(${x}): ${ed}`);
    }
    assert.deepEqual(errors, []);
  });
}

test(`erf and erfc match mpmath to 2 ulps on ${REF.erf.points.length} points (fdlibm claims < 1 ulp)`, () => {
  const errors: string[] = [];
  for (const [x, erfRef, erfcRef] of REF.erf.points) {
    const a = mismatch(erf(x), erfRef, 0, 2);
    if (a) errors.push(`erf(${x}): ${a}`);
    const b = mismatch(erfc(x), erfcRef, 0, 2);
    if (b) errors.push(`erfc(${x}): ${b}`);
  }
  assert.deepEqual(errors, []);
});

test('erf and erfc special values', () => {
  assert.equal(erf(0), 0);
  assert.ok(Object.is(erf(-0), -0));
  assert.equal(erf(Infinity), 1);
  assert.equal(erf(-Infinity), -1);
  assert.equal(erfc(Infinity), 0);
  assert.equal(erfc(-Infinity), 2);
  assert.ok(Number.isNaN(erf(NaN)) && Number.isNaN(erfc(NaN)));
});

test('GELU keeps 4 ulps in its lower tail, where kappa ~ x^2 (the rounding of x/sqrt 2 is compensated)', () => {
  const c = REF.cases.find((k) => k.id === 'gelu')!;
  const def = getActivation('gelu')!;
  const tail = c.points.filter(([x]) => x <= -2 && x >= -38.5);
  assert.ok(tail.length >= 15);
  for (const [x, fRef] of tail) assert.equal(mismatch(def.f(x, {}), fRef, 0), '', `gelu(${x})`);
});
