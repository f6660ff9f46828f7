/**
 * The wasm Conv2D kernels (forward, Conv2DBackpropFilter, Conv2DBackpropInput;
 * src/core/training/wasmConvGrads.ts, wasmWinograd.ts) against tfjs's cpu backend, on shapes
 * that reach every path: Winograd F(2x2, 3x3) (forward; gradients of small images) and
 * F(4x4, 3x3) (gradients), the direct SIMD filter gradient, the im2col product, and col2im.
 * Bound: relative error (max |wasm - cpu| / max |cpu|) below 1e-5 for outputs and both
 * gradients (measured here: about 1e-6 for F(2x2) and the direct paths, 5e-6 for F(4x4)).
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initNodeBackend } from '../../../src/cli/compare';
import { instantiateSimdKernels } from '../../../src/core/training/simdKernels';
import { WasmCtx } from '../../../src/core/training/wasmContext';
import type { WasmBackend } from '../../../src/core/training/wasmContext';
import { assertClose, both, values } from './wasmKernelsCompare';

type Pad = 'valid' | 'same' | [[number, number], [number, number], [number, number], [number, number]];
const BOUND = 1e-5;

/** [y, dx, dw, dbias] of sum(conv(x, w) + b) weighted by a fixed pattern, on one backend. */
function convAndGrads(xs: number[], ws: number[], stride: number, pad: Pad, withBias: boolean): () => tf.Tensor[] {
  return () => {
    const x = tf.tensor4d(values(xs.reduce((a, b) => a * b), 1), xs as [number, number, number, number]);
    const w = tf.tensor4d(values(ws.reduce((a, b) => a * b), 2), ws as [number, number, number, number]);
    const b = tf.tensor1d(values(ws[3]!, 5));
    const conv = (a: tf.Tensor, k: tf.Tensor, c: tf.Tensor): tf.Tensor => withBias
      ? tf.fused.conv2d({ x: a as tf.Tensor4D, filter: k as tf.Tensor4D, strides: stride, pad, bias: c })
      : tf.conv2d(a as tf.Tensor4D, k as tf.Tensor4D, stride, pad);
    const y = conv(x, w, b);
    const weight = tf.tensor(values(y.size, 3), y.shape);
    const loss = (a: tf.Tensor, k: tf.Tensor, c?: tf.Tensor): tf.Tensor => tf.sum(tf.mul(conv(a, k, c ?? b), weight));
    return [y, ...tf.grads(loss)(withBias ? [x, w, b] : [x, w])];
  };
}

interface Case { readonly name: string; readonly x: number[]; readonly w: number[]; readonly stride: number; readonly pad: Pad; readonly bias?: boolean }

// Paths (wasmConvGrads.ts, wasmWinograd.ts): Winograd needs a 3x3 filter, stride 1, input
// channels % 4 and output channels % 16 (for dX: F % 4 and C % 16); the forward pass takes
// F(2x2), the gradients F(4x4) unless the image is so small that F(2x2) does fewer products;
// the direct filter gradient needs F % 16; otherwise im2col / col2im.
const CASES: Case[] = [
  { name: 'conv2 of the CNN: Winograd F(2x2) forward, F(4x4) dW and dX (valid)', x: [2, 26, 26, 32], w: [3, 3, 32, 64], stride: 1, pad: 'valid', bias: true },
  { name: 'Winograd with same padding and odd sizes (partial tiles)', x: [3, 9, 11, 16], w: [3, 3, 16, 16], stride: 1, pad: 'same' },
  { name: 'Winograd with explicit padding, batch 1', x: [1, 8, 7, 16], w: [3, 3, 16, 32], stride: 1, pad: [[0, 0], [2, 1], [0, 2], [0, 0]], bias: true },
  { name: 'Winograd on a 5x5 image: F(2x2) for the gradients too', x: [2, 5, 5, 4], w: [3, 3, 4, 16], stride: 1, pad: 'same', bias: true },
  { name: 'conv1 of the CNN: 1 channel (direct dW, one channel; col2im dX)', x: [4, 28, 28, 1], w: [3, 3, 1, 32], stride: 1, pad: 'valid', bias: true },
  { name: '3 channels, stride 2, same (direct dW with an odd channel; col2im dX)', x: [2, 12, 13, 3], w: [3, 3, 3, 16], stride: 2, pad: 'same' },
  { name: '5x5 filter, explicit padding, batch 1 (direct dW; col2im dX)', x: [1, 10, 9, 6], w: [5, 5, 6, 16], stride: 1, pad: [[0, 0], [1, 3], [2, 0], [0, 0]] },
  { name: '2x2 filter, stride 2, rows no output reads (direct dW; col2im dX)', x: [3, 11, 11, 4], w: [2, 2, 4, 16], stride: 2, pad: 'valid' },
  { name: '5x5 filter, same, 6 filters (im2col dW; col2im dX)', x: [3, 9, 11, 4], w: [5, 5, 4, 6], stride: 1, pad: 'same' },
  { name: 'valid, stride 2, 3 channels, 5 filters (im2col dW; col2im dX)', x: [2, 10, 9, 3], w: [3, 3, 3, 5], stride: 2, pad: 'valid' },
  { name: 'same, stride 2, 4 channels, 4 filters (im2col dW; col2im dX)', x: [2, 9, 10, 4], w: [3, 3, 4, 4], stride: 2, pad: 'same' },
  { name: '1 channel, 3 filters, explicit padding, batch 1 (im2col dW; col2im dX)', x: [1, 7, 7, 1], w: [3, 3, 1, 3], stride: 1, pad: [[0, 0], [1, 1], [0, 2], [0, 0]] },
  { name: 'Winograd dims but 8 output channels (XNNPACK forward; col2im dX)', x: [2, 9, 9, 8], w: [3, 3, 8, 8], stride: 1, pad: 'same', bias: true },
];

describe('wasm Conv2D kernels vs the cpu backend', () => {
  before(async () => {
    await initNodeBackend('wasm');
  });

  for (const k of CASES) {
    it(`${k.name}: y, dX, dW${k.bias ? ', dBias' : ''} within ${BOUND}`, async () => {
      const pairs = await both(convAndGrads(k.x, k.w, k.stride, k.pad, k.bias ?? false));
      assertClose(pairs, BOUND, ['y', 'dX', 'dW', 'dBias']);
    });
  }

  it('FusedConv2D with a fused ReLU (the backend kernel) stays correct', async () => {
    const pairs = await both(() => {
      const x = tf.tensor4d(values(2 * 10 * 10 * 16, 7), [2, 10, 10, 16]);
      const w = tf.tensor4d(values(9 * 16 * 16, 8), [3, 3, 16, 16]);
      return tf.fused.conv2d({ x, filter: w, strides: 1, pad: 'same', bias: tf.tensor1d(values(16, 9)), activation: 'relu' });
    });
    assertClose(pairs, BOUND);
  });

  it('the SIMD kernels link to the backend\'s memory (so the paths above ran, not fallbacks)', async () => {
    await tf.setBackend('wasm');
    assert.ok(new WasmCtx(tf, tf.backend() as unknown as WasmBackend, new Map()).simd);
  });

  for (const shared of [false, true]) {
    it(`the SIMD kernels link to a ${shared ? 'shared (threaded build)' : 'plain'} memory and transpose on it`, () => {
      const memory = new WebAssembly.Memory({ initial: 32, maximum: 256, shared });
      let next = 1 << 16;
      const k = instantiateSimdKernels(memory, (n) => (next += n) - n, () => undefined);
      assert.ok(k);
      const heap = new Float32Array(memory.buffer);
      const src = 1 << 18, dst = 1 << 19;
      heap.set(values(7 * 9, 4), src >> 2);
      k.transpose(src, dst, 7, 9);
      for (let r = 0; r < 7; r++) for (let c = 0; c < 9; c++) assert.equal(heap[(dst >> 2) + c * 7 + r], heap[(src >> 2) + r * 9 + c]);
    });
  }

  it('registers Conv2DBackpropFilter for wasm, which tfjs-backend-wasm 4.22 lacks', () => {
    assert.ok(tf.getKernel('Conv2DBackpropFilter', 'wasm'));
  });

  it('leaves no tensors or backend memory behind across a gradient step', async () => {
    await tf.setBackend('wasm');
    const step = convAndGrads([2, 10, 10, 16], [3, 3, 16, 32], 1, 'same', true);
    tf.dispose(tf.tidy(step));
    const before = tf.memory();
    tf.dispose(tf.tidy(step));
    const after = tf.memory();
    assert.equal(after.numTensors, before.numTensors);
    assert.equal(after.numBytes, before.numBytes);
  });
});
