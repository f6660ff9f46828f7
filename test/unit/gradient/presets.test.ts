import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backprop } from '../../../src/core/gradient/chain';
import { descentStep } from '../../../src/core/gradient/descent';
import { parseChainForm } from '../../../src/core/gradient/input';
import { allPresets, nielsenPreset, vanishingPreset } from '../../../src/core/gradient/presets';
import { judgeChain } from '../../../src/core/gradient/verdict';

function parsed(form: Parameters<typeof parseChainForm>[0]) {
  const r = parseChainForm(form);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

test('every preset parses', () => {
  for (const p of allPresets()) assert.doesNotThrow(() => parsed(p.form), p.id);
});

test('Nielsen preset: every z = 0 and every factor w sigma\'(z) = 25 exactly, for several L and x', () => {
  for (const [L, x] of [[3, 1], [10, 1], [7, -0.5]] as const) {
    const g = backprop(parsed(nielsenPreset(L, x).form).spec);
    assert.ok(g.layers.every((l) => l.z === 0 && l.factor === 25), `L=${L} x=${x}`);
  }
});

test('vanishing preset: w_1 barely moves, verdict vanishing', () => {
  const p = parsed(vanishingPreset(6).form);
  const s = descentStep(p.spec, p.eta, p.clip);
  assert.ok(Math.abs(s.wNext[0]! - 0.2) < 1e-7);
  assert.equal(judgeChain(s.gradients, p.spec.activations).overall, 'vanishing');
});

test('presets give the verdicts they promise', () => {
  const want = { vanishing: 'vanishing', nielsen: 'exploding', deadRelu: 'dead', clipTrap: 'exploding' } as const;
  for (const p of allPresets()) {
    const v = parsed(p.form);
    assert.equal(judgeChain(backprop(v.spec), v.spec.activations).overall, want[p.id], p.id);
  }
});
