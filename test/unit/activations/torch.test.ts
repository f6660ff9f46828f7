/**
 * Cross-check against PyTorch float64 autograd (test/reference/gen_activation_torch.py ->
 * activations_torch.json): the derivative conventions at kinks, exactly, and f, f' on a grid
 * in [-8, 8] (loosely: PyTorch's own float64 formulas lose digits in places, e.g.
 * 0.5 x (1 + erf(x / sqrt 2)) for x << 0; mpmath in reference.test.ts is the precise check).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getActivation, resolveParams } from '../../../src/core/activations/catalogue';

interface TorchCase { id: string; params: Record<string, number>; grid: number[][]; kinks: number[][] }
const TORCH: { cases: TorchCase[] } = JSON.parse(readFileSync(join(__dirname, '../../reference/activations_torch.json'), 'utf8'));

for (const c of TORCH.cases.filter((k) => k.kinks.length > 0)) {
  test(`${c.id} ${JSON.stringify(c.params)}: f' at kinks ${c.kinks.map((k) => k[0]).join(', ')} equals PyTorch autograd`, () => {
    const def = getActivation(c.id)!;
    const p = resolveParams(def, c.params);
    for (const [x, y, dy] of c.kinks) {
      assert.equal(def.f(x!, p) + 0, y! + 0, `f(${x})`); // + 0: PyTorch returns -0 for hardswish(-3)
      // SELU's lambda * alpha is one rounding in both libraries, possibly in another order.
      assert.ok(Math.abs(def.df(x!, p) - dy!) <= 2 ** -52 * Math.abs(dy!), `f'(${x}) = ${def.df(x!, p)}, PyTorch ${dy}`);
    }
  });
}

test('every kinked entry documents its convention in kinkNote', () => {
  // CELU is checked at 0 above but is C1 there for every alpha: no convention to document.
  for (const c of TORCH.cases.filter((k) => k.kinks.length > 0 && k.id !== 'celu')) {
    const def = getActivation(c.id)!;
    assert.ok(def.kinkNote && /PyTorch/.test(def.kinkNote), c.id);
  }
});

for (const c of TORCH.cases) {
  test(`${c.id} ${JSON.stringify(c.params)}: f and f' agree with PyTorch float64 on [-8, 8]`, () => {
    const def = getActivation(c.id)!;
    const p = resolveParams(def, c.params);
    // PyTorch 1.13's float64 hardsigmoid backward multiplies by a float32 1/6 (0.1666666716).
    const rel = c.id === 'hard_sigmoid' ? 1e-7 : 1e-12;
    for (const [x, y, dy] of c.grid) {
      const tol = (v: number): number => rel * Math.max(1, Math.abs(v));
      assert.ok(Math.abs(def.f(x!, p) - y!) <= tol(y!), `f(${x}) = ${def.f(x!, p)}, PyTorch ${y}`);
      assert.ok(Math.abs(def.df(x!, p) - dy!) <= tol(dy!), `f'(${x}) = ${def.df(x!, p)}, PyTorch ${dy}`);
    }
  });
}
