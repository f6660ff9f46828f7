/**
 * The diagnostics of one step and one probe against PyTorch (test/reference/diagnostics_torch.py
 * -> diagnostics_torch.json): the same CNN on 12 x 12 inputs with the same weights and batch,
 * both drawn from Mulberry32 (test/reference/mulberry32.py checks our generator), dropout
 * rates set to 0, on tfjs's reference cpu backend and on wasm (the CLI's). Checked: the step's loss, the raw gradients' global and per-kernel norms,
 * the count clipvalue clips, the Adam update's norm, and per hidden layer z's mean and std,
 * the dead and saturated fractions and the histogram.

 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { initNodeBackend } from '../../../src/cli/compare';
import { mulberry32 } from '../../../src/core/data/random';
import { DEFAULT_CONFIG } from '../../../src/core/training/comparison';
import type { DeviceDigits } from '../../../src/core/training/deviceData';
import { hiddenLayers, maxDerivative, runProbe, SATURATION_SHARE, summarizeProbe } from '../../../src/core/training/diagnostics';
import { SeededDropout } from '../../../src/core/training/layers';
import { buildModel } from '../../../src/core/training/model';
import { trainStep } from '../../../src/core/training/trainLoop';

interface ProbeRef { mean: number; std: number; deadFraction: number; saturatedFraction: number; counts: number[] }
interface Case {
  activation: string; lossSum: number; correct: number; globalSumSquares: number; clipped: number; components: number;
  kernelGradSumSquares: number[]; updateSumSquares: number[]; kernelSumSquares: number[]; probe: ProbeRef[];
}
const REF: { seed: number; size: number; batch: number; learningRate: number; clipValue: number; cases: Case[] } =
  JSON.parse(readFileSync(join(__dirname, '../../reference/diagnostics_torch.json'), 'utf8'));

/** Relative difference, for values that are not near 0. */
const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

/** The reference's draws, in its order: (2u - 1) * scale per value, float32. */
function network(activation: string): { model: tf.Sequential; data: DeviceDigits } {
  const rand = mulberry32(REF.seed);
  const draw = (n: number, scale: number) => Float32Array.from({ length: n }, () => (2 * rand() - 1) * scale);
  const limit = (fanIn: number, fanOut: number) => Math.sqrt(6 / (fanIn + fanOut));
  const S = REF.size, flat = (S - 4) / 2;
  const b2 = () => {
    const b = draw(64, 0.1);
    b.fill(-20, 0, 8);
    b.fill(-3, 8, 16);
    return b;
  };
  const values: Array<[Float32Array, number[]]> = [
    [draw(9 * 32, limit(9, 9 * 32)), [3, 3, 1, 32]], [draw(32, 0.1), [32]],
    [draw(9 * 32 * 64, limit(9 * 32, 9 * 64)), [3, 3, 32, 64]], [b2(), [64]],
    [draw(flat * flat * 64 * 128, limit(flat * flat * 64, 128)), [flat * flat * 64, 128]], [draw(128, 0.1), [128]],
    [draw(128 * 10, limit(128, 10)), [128, 10]], [draw(10, 0.1), [10]],
  ];
  const xs = Float32Array.from({ length: REF.batch * S * S }, () => rand());
  const labels = Array.from({ length: REF.batch }, () => Math.floor(10 * rand()));
  const model = buildModel({ activation, params: {} }, { seed: 1, inputShape: [S, S, 1] });
  for (const l of model.layers) if (l instanceof SeededDropout) (l as unknown as { rate: number }).rate = 0;
  model.setWeights(values.map(([v, shape]) => tf.tensor(v, shape)));
  const x = tf.tensor4d(xs, [REF.batch, S, S, 1]);
  const y = tf.oneHot(tf.tensor1d(labels, 'int32'), 10).toFloat() as tf.Tensor2D;
  const source = { images: new Uint8Array(REF.batch * S * S), labels: Uint8Array.from(labels), count: REF.batch, rows: S, cols: S };
  return { model, data: { x, y, count: REF.batch, source, dispose: () => tf.dispose([x, y]) } };
}

const BACKENDS: ReadonlyArray<readonly ['cpu' | 'wasm', readonly string[]]> = [['cpu', ['relu', 'tanh']], ['wasm', ['relu', 'tanh']]];

for (const [backend, activations] of BACKENDS) describe(`diagnostics against PyTorch on a fixed batch (${backend})`, () => {
  before(async () => {
    await initNodeBackend(backend);
  });

  for (const ref of REF.cases.filter((c) => activations.includes(c.activation))) {
    it(`${ref.activation}: probe statistics per hidden layer (z mean/std, dead, saturated, histogram)`, async () => {
      const { model, data } = network(ref.activation);
      const layers = hiddenLayers(model);
      assert.deepEqual(layers.map((l) => [l.name, l.kind, l.units]), [['conv1', 'conv', 32], ['conv2', 'conv', 64], ['dense1', 'dense', 128]]);
      const probe = await runProbe(model, layers, data.x);
      for (const [k, l] of layers.entries()) {
        // Largest |f'| is 1 for relu and tanh, so the threshold is 1% of 1 as in the reference.
        const threshold = SATURATION_SHARE * (await maxDerivative(l.activation));
        assert.ok(Math.abs(threshold - 0.01) < 1e-8, `threshold ${threshold}`);
        const got = summarizeProbe(probe[k]!, threshold);
        const want = ref.probe[k]!;
        assert.ok(Math.abs(got.mean - want.mean) <= 1e-5 * Math.max(1, Math.abs(want.mean)), `${l.name} mean ${got.mean} vs ${want.mean}`);
        assert.ok(rel(got.std, want.std) < 1e-4, `${l.name} std ${got.std} vs ${want.std}`);
        assert.equal(got.deadFraction, want.deadFraction, `${l.name} dead`);
        assert.ok(Math.abs(got.saturatedFraction - want.saturatedFraction) < 1e-4, `${l.name} saturated ${got.saturatedFraction} vs ${want.saturatedFraction}`);
        // z can differ by float32 rounding, so a value on a bin edge may fall either side.
        const moved = got.counts.reduce((s, c, i) => s + Math.abs(c - want.counts[i]!), 0);
        assert.ok(moved <= 4, `${l.name} histogram differs by ${moved} counts`);
        assert.equal(got.counts.reduce((a, b) => a + b, 0), probe[k]!.z.length);
      }
      model.dispose();
      data.dispose();
    });

    it(`${ref.activation}: one step's loss, raw gradient norms, clipped count and update norms`, async () => {
      const { model, data } = network(ref.activation);
      const layers = hiddenLayers(model);
      const opt = tf.train.adam(REF.learningRate);
      const cfg = { ...DEFAULT_CONFIG, clipValue: REF.clipValue, activations: [] };
      const stats = trainStep(model, opt, cfg, data, Int32Array.from({ length: REF.batch }, (_, i) => i), layers);
      const v = Array.from(await stats.data());
      stats.dispose();
      assert.equal(v.length, 3 + 2 + 3 * 3);
      const [loss, correct, bad, globalSS, clipped] = v;
      // Sums of squares in float32: the cpu backend rounds as PyTorch does to ~1e-5; wasm's own
      // tanh and reductions (XNNPACK) a little more (up to ~2e-4 here).
      const tol = backend === 'cpu' ? 1e-4 : 5e-4;
      assert.ok(rel(loss!, ref.lossSum) < 1e-5, `loss ${loss} vs ${ref.lossSum}`);
      assert.equal(correct, ref.correct);
      assert.equal(bad, 0);
      assert.ok(rel(globalSS!, ref.globalSumSquares) < tol, `global ${globalSS} vs ${ref.globalSumSquares}`);
      assert.ok(Math.abs(clipped! - ref.clipped) <= Math.max(2, 1e-3 * ref.clipped), `clipped ${clipped} vs ${ref.clipped}`);
      for (let l = 0; l < 3; l++) {
        assert.ok(rel(v[5 + l]!, ref.kernelGradSumSquares[l]!) < tol, `layer ${l} ||g||^2 ${v[5 + l]} vs ${ref.kernelGradSumSquares[l]}`);
        assert.ok(rel(v[8 + l]!, ref.updateSumSquares[l]!) < 10 * tol, `layer ${l} ||dW||^2 ${v[8 + l]} vs ${ref.updateSumSquares[l]}`);
        assert.ok(rel(v[11 + l]!, ref.kernelSumSquares[l]!) < 1e-4, `layer ${l} ||W||^2 ${v[11 + l]} vs ${ref.kernelSumSquares[l]}`);
      }
      model.dispose();
      opt.dispose();
      data.dispose();
    });
  }
});
