/**
 * Training kernels for tfjs-backend-wasm 4.22, which registers no Conv2DBackpropFilter (so
 * `fit` on a conv net throws) and whose stride-1 Conv2DBackpropInput and transposed
 * BatchMatMul are slow loops. Each gradient is rewritten as the backend's own fast forward
 * Conv2D (XNNPACK) or plain BatchMatMul; identities in ../shared/notes/headless-webgpu.md.
 * Verified against the cpu backend in test/unit/training/wasmKernels.test.ts.
 */
import type * as tfTypes from '@tensorflow/tfjs';

type Tf = typeof tfTypes;
type Info = tfTypes.TensorInfo;
type KernelFn = tfTypes.KernelFunc;
type Backend = { disposeData(id: object): void };
interface KernelArgs { inputs: Record<string, Info>; backend: Backend; attrs: Record<string, unknown> }
type Pad = 'valid' | 'same' | number | [[number, number], [number, number], [number, number], [number, number]];

const BACKEND = 'wasm';

function kernelOf(tf: Tf, name: string): KernelFn {
  const k = tf.getKernel(name, BACKEND);
  if (!k) throw new Error(`wasm backend has no '${name}' kernel (is @tensorflow/tfjs-backend-wasm imported?)`);
  return k.kernelFunc;
}

/** Helpers bound to the wasm kernels this module composes. */
function ops(tf: Tf, backend: Backend) {
  const call = (name: string, inputs: Record<string, Info>, attrs: Record<string, unknown>): Info =>
    kernelOf(tf, name)({ inputs: inputs as tfTypes.NamedTensorInfoMap, backend: backend as never, attrs: attrs as tfTypes.NamedAttrMap }) as Info;
  return {
    transpose: (x: Info, perm: number[]) => call('Transpose', { x }, { perm }),
    reverse: (x: Info, dims: number[]) => call('Reverse', { x }, { dims }),
    slice: (x: Info, begin: number[], size: number[]) => call('Slice', { x }, { begin, size }),
    conv: (x: Info, filter: Info, pad: Pad, dilations: [number, number]) =>
      call('Conv2D', { x, filter }, { strides: [1, 1], pad, dataFormat: 'NHWC', dilations, dimRoundingMode: undefined }),
    free: (...infos: Info[]) => infos.forEach((i) => backend.disposeData(i.dataId)),
  };
}

/**
 * dW[i,j,c,f] = sum_{n,y,x} X[n, y*s+i-p, x*s+j-p, c] * dY[n,y,x,f] computed as one forward
 * Conv2D: input X^T [C,H,W,N], filter dY^T [OH,OW,N,F], dilation = stride, explicit padding
 * chosen so the output is [C,kh,kw,F]; transposed to [kh,kw,C,F]. Rows/columns of X that no
 * output reads (stride > 1) are cropped first.
 */
function backpropFilter(tf: Tf, args: KernelArgs): Info {
  const { x, dy } = args.inputs as { x: Info; dy: Info };
  const { strides, pad, dimRoundingMode, filterShape } = args.attrs as { strides: [number, number] | number; pad: Pad; dimRoundingMode?: 'floor' | 'round' | 'ceil'; filterShape: [number, number, number, number] };
  const info = tf.backend_util.computeConv2DInfo(x.shape as never, filterShape, strides, 1, pad as never, dimRoundingMode);
  const { strideHeight: sh, strideWidth: sw, padInfo } = info;
  const [kh, kw] = filterShape;
  const [, h, w] = x.shape as [number, number, number, number];
  const [, oh, ow] = dy.shape as [number, number, number, number];
  const o = ops(tf, args.backend);
  let bottom = kh + (oh - 1) * sh - h - padInfo.top;
  let right = kw + (ow - 1) * sw - w - padInfo.left;
  let xt = o.transpose(x, [3, 1, 2, 0]);
  if (bottom < 0 || right < 0) {
    const cropped = o.slice(xt, [0, 0, 0, 0], [-1, h + Math.min(bottom, 0), w + Math.min(right, 0), -1]);
    o.free(xt);
    xt = cropped;
    bottom = Math.max(bottom, 0);
    right = Math.max(right, 0);
  }
  const dyt = o.transpose(dy, [1, 2, 0, 3]);
  const out = o.conv(xt, dyt, [[0, 0], [padInfo.top, bottom], [padInfo.left, right], [0, 0]], [sh, sw]);
  const dw = o.transpose(out, [1, 2, 0, 3]);
  o.free(xt, dyt, out);
  return dw;
}

/**
 * Stride 1: dX = full correlation of dY with the spatially flipped, channel-swapped filter
 * W'[i,j,f,c] = W[kh-1-i, kw-1-j, c, f], padding (k-1-p) on each side. Other strides (or a
 * padding larger than k-1) use the backend's original kernel.
 */
function backpropInput(tf: Tf, original: KernelFn, args: KernelArgs): Info {
  const { dy, filter } = args.inputs as { dy: Info; filter: Info };
  const { strides, pad, dimRoundingMode, inputShape } = args.attrs as { strides: [number, number] | number; pad: Pad; dimRoundingMode?: 'floor' | 'round' | 'ceil'; inputShape: [number, number, number, number] };
  const [kh, kw] = filter.shape as [number, number, number, number];
  const info = tf.backend_util.computeConv2DInfo(inputShape, filter.shape as never, strides, 1, pad as never, dimRoundingMode);
  const p = info.padInfo;
  const fits = p.top <= kh - 1 && p.bottom <= kh - 1 && p.left <= kw - 1 && p.right <= kw - 1;
  if (info.strideHeight !== 1 || info.strideWidth !== 1 || !fits) return original(args as never) as Info;
  const o = ops(tf, args.backend);
  const flipped = o.reverse(filter, [0, 1]);
  const swapped = o.transpose(flipped, [0, 1, 3, 2]);
  const dx = o.conv(dy, swapped, [[0, 0], [kh - 1 - p.top, kh - 1 - p.bottom], [kw - 1 - p.left, kw - 1 - p.right], [0, 0]], [1, 1]);
  o.free(flipped, swapped);
  return dx;
}

/** BatchMatMul with transposeA/B: transpose the operands first, then the untransposed fast path. */
function batchMatMul(tf: Tf, original: KernelFn, args: KernelArgs): Info {
  const { a, b } = args.inputs as { a: Info; b: Info };
  const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
  if (!transposeA && !transposeB) return original(args as never) as Info;
  const o = ops(tf, args.backend);
  const swapLast = (t: Info): Info => {
    const perm = t.shape.map((_, i) => i);
    [perm[perm.length - 1], perm[perm.length - 2]] = [perm[perm.length - 2]!, perm[perm.length - 1]!];
    return o.transpose(t, perm);
  };
  const at = transposeA ? swapLast(a) : a;
  const bt = transposeB ? swapLast(b) : b;
  const out = original({ ...args, inputs: { a: at, b: bt }, attrs: { ...args.attrs, transposeA: false, transposeB: false } } as never) as Info;
  if (transposeA) o.free(at);
  if (transposeB) o.free(bt);
  return out;
}

let registered = false;

/**
 * Registers, for backend 'wasm', Conv2DBackpropFilter (new), a fast stride-1
 * Conv2DBackpropInput and a transpose-first BatchMatMul (both fall back to the originals).
 * Call once, before or after `tf.setBackend('wasm')`, with the tfjs namespace that has
 * @tensorflow/tfjs-backend-wasm imported. Idempotent.
 * @throws Error if the wasm backend's kernels are not registered.
 */
export function registerWasmTrainingKernels(tf: Tf): void {
  if (registered) return;
  const replace = (name: string, make: (original: KernelFn) => KernelFn): void => {
    const cfg = tf.getKernel(name, BACKEND);
    if (!cfg) throw new Error(`wasm backend has no '${name}' kernel (is @tensorflow/tfjs-backend-wasm imported?)`);
    tf.unregisterKernel(name, BACKEND);
    tf.registerKernel({ kernelName: name, backendName: BACKEND, setupFunc: cfg.setupFunc, kernelFunc: make(cfg.kernelFunc) });
  };
  kernelOf(tf, 'Conv2D');
  if (!tf.getKernel('Conv2DBackpropFilter', BACKEND)) {
    tf.registerKernel({ kernelName: 'Conv2DBackpropFilter', backendName: BACKEND, kernelFunc: ((a: KernelArgs) => backpropFilter(tf, a)) as never });
  }
  replace('Conv2DBackpropInput', (orig) => ((a: KernelArgs) => backpropInput(tf, orig, a)) as never);
  replace('BatchMatMul', (orig) => ((a: KernelArgs) => batchMatMul(tf, orig, a)) as never);
  registered = true;
}
