/**
 * The WebGPU path computes what the wasm path computes: for every catalogue activation and two
 * user expressions, the comparison CNN (src/core/training/model.ts: same layers, initialisers
 * and seeded dropout) gets the same initial weights (bit for bit: drawn in JavaScript, not on
 * the backend), and its training-mode forward outputs and every weight gradient of the mean
 * cross-entropy agree on webgpu (Dawn on SwiftShader), wasm and cpu (tfjs's plain-JS kernels,
 * the reference) within BOUND. (exponential saturates the untrained CNN: there all three must
 * give the same one-hot outputs and exactly zero gradients.)
 *
 * Size: SwiftShader trains at well under 1 sample/s, so the catalogue runs on 4 real digits
 * cropped to their central 10x10 pixels (the same layers, 8x8 and 6x6 feature maps), and one
 * activation runs at the full 28x28 on 2 digits, where tfjs picks the programs training uses.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initNodeBackend, parseActivations } from '../../src/cli/compare';
import { expressionResolveOp } from '../../src/core/expression/tfjsActivation';
import { SUPPORTED_ACTIVATIONS } from '../../src/core/training/activationOps';
import { perSampleLoss } from '../../src/core/training/lossMetrics';
import { buildModel } from '../../src/core/training/model';
import type { ActivationChoice, DigitSet } from '../../src/core/training/types';
import { loadNodeWebGpu } from '../../src/node/webgpu';
import { bundledDigits } from '../unit/training/fixtures';
import { useSwiftShader } from './swiftshader';

/**
 * Largest |a - b| over a tensor, relative to the reference's largest |b|. float32 unit
 * roundoff is u = 2^-24 = 6.0e-8; a sum of K terms in another order differs by up to about
 * sqrt(K) u typically and K u in the worst case (Higham, "Accuracy and Stability of Numerical
 * Algorithms", 2nd ed., sec. 3.1 and 4.2). The longest sums here are K = 576 (10x10) and
 * K = 9216 (28x28, dense1), so sqrt(K) u = 1.4e-6 and 5.8e-6; measured on SwiftShader:
 * at most 1.2e-6. BOUND = 1e-5 (~170 u) leaves room for a GPU's fused multiply-adds and
 * reduction trees, and is four orders of magnitude below a wrong kernel (tfjs-backend-wasm's
 * MaxPoolGrad bug gave 0.1-0.8).
 */
const BOUND = 1e-5;

function relErr(a: Float32Array, b: Float32Array): number {
  assert.equal(a.length, b.length);
  let num = 0, den = 0;
  for (let i = 0; i < a.length; i++) {
    num = Math.max(num, Math.abs(a[i]! - b[i]!));
    den = Math.max(den, Math.abs(b[i]!));
  }
  return den === 0 ? num : num / den;
}

interface Pass { weights: Float32Array[]; names: string[]; outputs: Float32Array; loss: number; grads: Float32Array[] }

/** The first `n` digits, their central `size` x `size` pixels, as pixel / 255 (the CNN's input). */
function crop(d: DigitSet, n: number, size: number): { x: Float32Array; labels: number[] } {
  const off = (28 - size) / 2;
  const x = new Float32Array(n * size * size);
  for (let k = 0; k < n; k++) {
    for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) x[(k * size + r) * size + c] = d.images[k * 784 + (r + off) * 28 + c + off]! / 255;
  }
  return { x, labels: Array.from(d.labels.subarray(0, n)) };
}

/** One training-mode forward and backward pass of a fresh seeded CNN on `backend`. */
async function pass(backend: string, choice: ActivationChoice, data: { x: Float32Array; labels: number[] }, size: number): Promise<Pass> {
  assert.ok(await tf.setBackend(backend));
  assert.equal(tf.getBackend(), backend);
  const model = buildModel(choice, { seed: 7, inputShape: [size, size, 1], resolveOp: expressionResolveOp(tf) });
  const n = data.labels.length;
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const weights = await Promise.all(vars.map(async (v) => (await v.data()) as Float32Array));
  const x = tf.tensor4d(data.x, [n, size, size, 1]);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(data.labels, 'int32'), 10).toFloat());
  let p: tf.Tensor | undefined;
  const { value, grads } = tf.variableGrads(() => {
    p = tf.keep(model.apply(x, { training: true }) as tf.Tensor);
    return tf.mean(perSampleLoss('categorical_crossentropy', y, p)) as tf.Scalar;
  }, vars);
  const out: Pass = {
    weights, names: vars.map((v) => v.name.replace(/_\d+$/, '')),
    outputs: (await p!.data()) as Float32Array,
    loss: (await value.data())[0]!,
    grads: await Promise.all(vars.map(async (v) => (await grads[v.name]!.data()) as Float32Array)),
  };
  tf.dispose([x, y, p!, value, ...Object.values(grads)]);
  model.dispose();
  return out;
}

/**
 * Runs the pass on cpu, wasm and webgpu and checks the agreement described above. `saturated`:
 * the untrained CNN's softmax is one-hot (exponential: exp(exp(exp(z))) at init), so the
 * clipped cross-entropy has exactly zero gradient; then every backend must give that.
 */
async function check(choice: ActivationChoice, data: { x: Float32Array; labels: number[] }, size: number, saturated = false): Promise<void> {
  const ref = await pass('cpu', choice, data, size);
  const top = Math.max(...ref.outputs);
  assert.ok(ref.outputs.every(Number.isFinite), `${choice.activation}: outputs not finite on cpu`);
  assert.ok(saturated ? top === 1 : top < 0.999, `${choice.activation}: the untrained softmax's largest output is ${top}`);
  ref.grads.forEach((g, k) => assert.ok(g.every(Number.isFinite) && (saturated ? g.every((v) => v === 0) : g.some((v) => v !== 0)), `${choice.activation}: gradient of ${ref.names[k]} on cpu`));
  for (const backend of ['wasm', 'webgpu']) {
    const got = await pass(backend, choice, data, size);
    got.weights.forEach((w, k) => assert.deepEqual(w, ref.weights[k], `${backend}: initial ${ref.names[k]} differs from cpu's`));
    const e = relErr(got.outputs, ref.outputs);
    assert.ok(e <= BOUND, `${backend} ${choice.activation}: forward outputs differ from cpu by ${e.toExponential(2)} (bound ${BOUND})`);
    got.grads.forEach((g, k) => {
      const eg = relErr(g, ref.grads[k]!);
      assert.ok(eg <= BOUND, `${backend} ${choice.activation}: gradient of ${ref.names[k]} differs from cpu by ${eg.toExponential(2)} (bound ${BOUND})`);
    });
    assert.ok(Math.abs(got.loss - ref.loss) <= BOUND * Math.abs(ref.loss), `${backend} ${choice.activation}: loss ${got.loss} vs ${ref.loss}`);
  }
}

describe('comparison CNN on webgpu (SwiftShader), wasm and cpu', () => {
  let digits: DigitSet;
  before(async () => {
    useSwiftShader();
    const gpu = await loadNodeWebGpu();
    assert.ok(gpu.ok, gpu.ok ? '' : gpu.reason);
    assert.equal(gpu.adapter.architecture, 'swiftshader');
    await initNodeBackend('wasm');
    digits = await bundledDigits();
  });

  const expressions = parseActivations('x * sigmoid(1.702 * x),x > 0 ? x : a * (exp(x) - 1)', { a: 0.5 });
  const choices: ActivationChoice[] = [...SUPPORTED_ACTIVATIONS.map((activation) => ({ activation, params: {} })), ...expressions];
  for (const choice of choices) {
    const label = choice.expression ?? choice.activation;
    it(`${label}: same initial weights, outputs and weight gradients within ${BOUND} (10x10, 4 digits)`, async () => {
      await check(choice, crop(digits, 4, 10), 10, choice.activation === 'exponential');
    });
  }

  it(`gelu at full size: same outputs and weight gradients within ${BOUND} (28x28, 2 digits)`, async () => {
    await check({ activation: 'gelu', params: {} }, crop(digits, 2, 28), 28);
  });
});
