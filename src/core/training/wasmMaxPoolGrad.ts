/**
 * A correct MaxPoolGrad for tfjs-backend-wasm 4.22. Its own kernel (MaxPoolGrad.cc) starts
 * each window's running maximum at `std::numeric_limits<float>::min()`, the smallest positive
 * float, not the lowest one: in a window whose values are all <= 1.2e-38 (every window of a
 * negative-valued activation such as GELU, SELU, ELU, Mish or leaky ReLU, and all-zero ReLU
 * windows) the gradient goes to element 0 of the tensor instead of the window's maximum, and
 * ties go to the last maximum. The conv layers of the comparison CNN then get wrong weight
 * gradients (relative error 0.1-0.8 against the cpu backend). This kernel follows the cpu
 * backend's rule (tfjs-backend-cpu `maxPoolPositions`): the first strictly greatest value of
 * each window (NaN never wins) receives that window's dy. Checked in
 * test/unit/training/wasmMaxPoolGrad.test.ts against hand-worked cases and the cpu backend.
 */
import type * as tfTypes from '@tensorflow/tfjs';

type Tf = typeof tfTypes;
type Info = tfTypes.TensorInfo;
interface WasmBackendLike {
  typedArrayFromHeap(info: Info): Float32Array;
  makeOutput(shape: number[], dtype: 'float32', memoryOffset?: number, values?: Float32Array): Info;
}
interface Pool2DInfo {
  batchSize: number; inHeight: number; inWidth: number; inChannels: number; outHeight: number; outWidth: number;
  strideHeight: number; strideWidth: number; effectiveFilterHeight: number; effectiveFilterWidth: number;
  dilationHeight: number; dilationWidth: number; padInfo: { top: number; left: number };
}

/**
 * dX for a 2-D max pool in NHWC: for every output window the first strictly greatest input
 * (row-major within the window) gets dy; windows with only NaN give nothing.
 * x: [N, H, W, C] float32; dy: [N, OH, OW, C]; returns dX [N, H, W, C].
 */
export function maxPoolGradNhwc(x: Float32Array, dy: Float32Array, p: Pool2DInfo): Float32Array {
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow } = p;
  const dx = new Float32Array(n * h * w * c);
  const best = new Float32Array(c);
  const where = new Int32Array(c);
  for (let b = 0; b < n; b++) {
    for (let yr = 0; yr < oh; yr++) {
      const r0 = yr * p.strideHeight - p.padInfo.top;
      for (let yc = 0; yc < ow; yc++) {
        const c0 = yc * p.strideWidth - p.padInfo.left;
        best.fill(Number.NEGATIVE_INFINITY);
        where.fill(-1);
        for (let wr = 0; wr < p.effectiveFilterHeight; wr += p.dilationHeight) {
          const xr = r0 + wr;
          if (xr < 0 || xr >= h) continue;
          for (let wc = 0; wc < p.effectiveFilterWidth; wc += p.dilationWidth) {
            const xc = c0 + wc;
            if (xc < 0 || xc >= w) continue;
            const base = ((b * h + xr) * w + xc) * c;
            for (let d = 0; d < c; d++) {
              const v = x[base + d]!;
              if (v > best[d]!) {
                best[d] = v;
                where[d] = base + d;
              }
            }
          }
        }
        const out = ((b * oh + yr) * ow + yc) * c;
        for (let d = 0; d < c; d++) {
          const at = where[d]!;
          if (at >= 0) dx[at] = dx[at]! + dy[out + d]!;
        }
      }
    }
  }
  return dx;
}

let registered = false;

/**
 * Replaces the wasm backend's MaxPoolGrad with {@link maxPoolGradNhwc}. Call with the tfjs
 * namespace that has @tensorflow/tfjs-backend-wasm imported, before or after
 * `tf.setBackend('wasm')`. Idempotent.
 * @throws Error if the wasm backend registered no MaxPoolGrad (another tfjs-backend-wasm version).
 */
export function registerWasmMaxPoolGrad(tf: Tf): void {
  if (registered) return;
  if (!tf.getKernel('MaxPoolGrad', 'wasm')) throw new Error("wasm backend has no 'MaxPoolGrad' kernel (is @tensorflow/tfjs-backend-wasm imported?)");
  tf.unregisterKernel('MaxPoolGrad', 'wasm');
  tf.registerKernel({
    kernelName: 'MaxPoolGrad',
    backendName: 'wasm',
    kernelFunc: (({ inputs, backend, attrs }: { inputs: Record<string, Info>; backend: WasmBackendLike; attrs: Record<string, unknown> }) => {
      const { dy, input } = inputs as { dy: Info; input: Info };
      const { filterSize, strides, pad, dimRoundingMode } = attrs as { filterSize: [number, number] | number; strides: [number, number] | number; pad: 'valid' | 'same' | number; dimRoundingMode?: 'floor' | 'round' | 'ceil' };
      const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode) as unknown as Pool2DInfo;
      const dx = maxPoolGradNhwc(backend.typedArrayFromHeap(input), backend.typedArrayFromHeap(dy), info);
      return backend.makeOutput(input.shape, 'float32', undefined, dx);
    }) as never,
  });
  registered = true;
}
