/**
 * Training kernels for tfjs-backend-wasm 4.22 (single thread, SIMD), registered over its own:
 * it has no Conv2DBackpropFilter (so `fit` on a conv net throws), its Conv2DBackpropInput,
 * transposed BatchMatMul, MaxPoolGrad and leading-axis Sum are slow loops (and its
 * MaxPoolGrad drops the gradient of windows whose values are all <= FLT_MIN), and its
 * Identity copies every tensor the engine saves for backprop. The replacements are
 * WebAssembly SIMD kernels assembled at run time and linked to the backend's memory
 * (simdKernels.ts): Winograd for 3x3 convolutions, a register-tiled matrix multiply, and the
 * data movement around them; other shapes keep the backend's own (XNNPACK) kernels.
 * Verified against the cpu backend in test/unit/training/wasmKernels*.test.ts.
 */
import type { Info, Kernel, KernelArgs, Tf, WasmBackend } from './wasmContext';
import { WasmCtx } from './wasmContext';
import { backpropFilter, backpropInput, forwardConv } from './wasmConvGrads';
import { maxPoolGrad, sum } from './wasmPoolSum';

const BACKEND = 'wasm';

/**
 * out = op(a) op(b) (+ bias) for batch 1 and N % 16 == 0 on the SIMD gemm kernel, B packed
 * into 16-column panels.
 * @returns null when the shapes do not fit (the caller then uses XNNPACK).
 */
function simdMatMul(ctx: WasmCtx, a: Info, b: Info, transposeA: boolean, transposeB: boolean, bias: Info | undefined): Info | null {
  const k = ctx.simd;
  const ra = a.shape.length, rb = b.shape.length;
  const batch = (s: number[]): number => s.slice(0, -2).reduce((p, q) => p * q, 1);
  if (!k || a.dtype !== 'float32' || b.dtype !== 'float32' || batch(a.shape) !== 1 || batch(b.shape) !== 1) return null;
  const M = transposeA ? a.shape[ra - 1]! : a.shape[ra - 2]!;
  const K = transposeA ? a.shape[ra - 2]! : a.shape[ra - 1]!;
  const N = transposeB ? b.shape[rb - 2]! : b.shape[rb - 1]!;
  if (N % 16 !== 0 || K === 0 || (bias && bias.shape.reduce((p, q) => p * q, 1) !== N)) return null;
  const out = ctx.out([...(ra >= rb ? a.shape : b.shape).slice(0, -2), M, N]);
  // A transposed A is transposed once (SIMD) rather than read down its columns: a column of a
  // row-major matrix is a stride of whole rows, which maps every element to one cache set.
  const scratch = transposeA ? ctx.malloc(M * K * 4) : 0;
  let pa = ctx.ptr(a);
  if (transposeA) {
    k.transpose(pa, scratch, K, M);
    pa = scratch;
  }
  // B in 16-column panels [N / 16][K][16]; from a transposed B ([N, K]) each panel is the
  // transpose of 16 of its rows.
  const bp = ctx.malloc(K * N * 4);
  if (transposeB) for (let t = 0; t < N / 16; t++) k.transpose(ctx.ptr(b) + t * 16 * K * 4, bp + t * K * 64, 16, K);
  else k.packB(bp, ctx.ptr(b), K, N, N, 1);
  if (bias) for (let m = 0; m < M; m++) ctx.copy(ctx.ptr(out) + m * N * 4, ctx.ptr(bias), N * 4);
  ctx.gemm(ctx.ptr(out), pa, bp, M, N, K, K, bias !== undefined);
  ctx.release(bp);
  if (transposeA) ctx.release(scratch);
  return out;
}

/** _FusedMatMul without activation on the SIMD gemm where it fits, else the backend's. */
function fusedMatMul(ctx: WasmCtx, original: Kernel, args: KernelArgs): Info {
  const { a, b, bias, preluActivationWeights } = args.inputs as { a: Info; b: Info; bias?: Info; preluActivationWeights?: Info };
  const { transposeA, transposeB, activation } = args.attrs as { transposeA: boolean; transposeB: boolean; activation?: string };
  if ((activation !== undefined && activation !== 'linear') || preluActivationWeights) return original(args);
  return simdMatMul(ctx, a, b, transposeA, transposeB, bias) ?? original(args);
}

/**
 * GatherV2 of rows (axis 0, no batch dims, 4-byte elements): one heap copy per index.
 * Anything else, or an index out of range (which the backend's kernel reports), goes to the
 * backend's own kernel.
 */
function gather(ctx: WasmCtx, original: Kernel, args: KernelArgs): Info {
  const { x, indices } = args.inputs as { x: Info; indices: Info };
  const { axis, batchDims } = args.attrs as { axis: number | number[]; batchDims?: number };
  const rows = x.shape[0] ?? 0;
  if (ctx.tf.util.parseAxisParam(axis, x.shape)[0] !== 0 || (batchDims ?? 0) !== 0 || (x.dtype !== 'float32' && x.dtype !== 'int32') || indices.dtype !== 'int32') return original(args);
  const n = indices.shape.reduce((p, q) => p * q, 1);
  const at = ctx.ptr(indices) >> 2;
  const idx = ctx.backend.wasm.HEAP32.slice(at, at + n);
  if (idx.some((i) => i < 0 || i >= rows)) return original(args);
  const rowBytes = x.shape.slice(1).reduce((p, q) => p * q, 4);
  const out = ctx.backend.makeOutput([...indices.shape, ...x.shape.slice(1)], x.dtype);
  const src = ctx.ptr(x), dst = ctx.ptr(out);
  for (let i = 0; i < n; i++) ctx.copy(dst + i * rowBytes, src + idx[i]! * rowBytes, rowBytes);
  return out;
}

/** BatchMatMul with transposeA/B: transpose the operands (SIMD) first, then XNNPACK's untransposed path. */
function batchMatMul(ctx: WasmCtx, original: Kernel, args: KernelArgs): Info {
  const { a, b } = args.inputs as { a: Info; b: Info };
  const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
  const fast = simdMatMul(ctx, a, b, transposeA, transposeB, undefined);
  if (fast) return fast;
  if ((!transposeA && !transposeB) || a.dtype !== 'float32' || b.dtype !== 'float32' || !ctx.simd) return original(args);
  const swapLast = (t: Info): Info => {
    const r = t.shape.length;
    const rows = t.shape[r - 2]!, cols = t.shape[r - 1]!;
    const out = ctx.out([...t.shape.slice(0, r - 2), cols, rows]);
    const batch = t.shape.slice(0, r - 2).reduce((p, q) => p * q, 1);
    for (let i = 0; i < batch; i++) ctx.simd!.transpose(ctx.ptr(t) + i * rows * cols * 4, ctx.ptr(out) + i * rows * cols * 4, rows, cols);
    return out;
  };
  const at = transposeA ? swapLast(a) : a;
  const bt = transposeB ? swapLast(b) : b;
  const out = original({ ...args, inputs: { a: at, b: bt }, attrs: { ...args.attrs, transposeA: false, transposeB: false } });
  if (transposeA) ctx.free(at);
  if (transposeB) ctx.free(bt);
  return out;
}

/**
 * Identity (and Cast to the same dtype) sharing the input's data, as tfjs's cpu backend does,
 * instead of copying it: tfjs's engine clones every tensor it saves for the backward pass,
 * which on the wasm backend copied each activation of the net. Tensor data is immutable in
 * tfjs (variables swap their data on assign), so sharing is safe.
 */
function share(ctx: WasmCtx, original: Kernel, args: KernelArgs): Info {
  const { x } = args.inputs as { x: Info };
  const dtype = (args.attrs?.['dtype'] as string | undefined) ?? x.dtype;
  if (dtype === 'bool' && (x.dtype === 'float32' || x.dtype === 'int32')) return toBool(ctx, x);
  if (x.dtype === 'string' || dtype !== x.dtype) return original(args);
  args.backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

/**
 * Cast to bool as the cpu backend does (x != 0, so NaN is true); tfjs-backend-wasm 4.22
 * copies the low byte instead (2 stays 2, -1 becomes 255).
 */
function toBool(ctx: WasmCtx, x: Info): Info {
  const n = x.shape.reduce((p, q) => p * q, 1);
  const out = ctx.backend.makeOutput(x.shape, 'bool');
  const heap = ctx.backend.wasm;
  const src = x.dtype === 'int32' ? heap.HEAP32.subarray(ctx.ptr(x) >> 2, (ctx.ptr(x) >> 2) + n) : heap.HEAPF32.subarray(ctx.ptr(x) >> 2, (ctx.ptr(x) >> 2) + n);
  const dst = heap.HEAPU8.subarray(ctx.ptr(out), ctx.ptr(out) + n);
  for (let i = 0; i < n; i++) dst[i] = src[i] !== 0 ? 1 : 0;
  return out;
}

let registered = false;
const backendOwn = new Map<string, Kernel>();

/**
 * The wasm backend's own kernel `name` as it was before `registerWasmTrainingKernels`
 * replaced it (any of the names it replaces except Conv2DBackpropFilter, which the backend
 * lacks), for benchmarks that compare them with ours; undefined before registration or for
 * other names.
 */
export function wasmBackendKernel(name: string): Kernel | undefined {
  return backendOwn.get(name);
}

/**
 * Registers, for backend 'wasm': Conv2DBackpropFilter (which tfjs-backend-wasm lacks),
 * Conv2DBackpropInput, Conv2D / FusedConv2D (3x3 stride 1), MaxPoolGrad, Sum over leading
 * axes, BatchMatMul and _FusedMatMul, GatherV2 of rows, and an Identity / same-dtype Cast that
 * share data instead of copying it (Cast to bool as the cpu backend does). Where
 * WebAssembly SIMD is unavailable the backend's own kernels (and a plain-JS MaxPoolGrad)
 * run instead, except Conv2DBackpropFilter, which then throws. Call once, before or after
 * `tf.setBackend('wasm')`, with the tfjs namespace that has @tensorflow/tfjs-backend-wasm
 * imported. Idempotent.
 * @throws Error if the wasm backend's kernels are not registered.
 */
export function registerWasmTrainingKernels(tf: Tf): void {
  if (registered) return;
  const originals = new Map<string, Kernel>();
  for (const name of ['BatchMatMul', '_FusedMatMul', 'Conv2DBackpropInput', 'Sum', 'MaxPoolGrad', 'Conv2D', 'FusedConv2D', 'Identity', 'Cast', 'GatherV2']) {
    const cfg = tf.getKernel(name, BACKEND);
    if (!cfg) throw new Error(`wasm backend has no '${name}' kernel (is @tensorflow/tfjs-backend-wasm imported?)`);
    originals.set(name, cfg.kernelFunc as unknown as Kernel);
    backendOwn.set(name, cfg.kernelFunc as unknown as Kernel);
  }
  const ctxOf = (a: KernelArgs): WasmCtx => new WasmCtx(tf, a.backend, originals);
  const withSimd = (name: string, fast: (ctx: WasmCtx, a: KernelArgs) => Info): Kernel => (a) => {
    const ctx = ctxOf(a);
    if (ctx.simd) return fast(ctx, a);
    const orig = originals.get(name);
    if (!orig) throw new Error(`wasm ${name} needs WebAssembly SIMD, which this runtime lacks`);
    return orig(a);
  };
  const install = (name: string, kernel: Kernel): void => {
    const cfg = tf.getKernel(name, BACKEND);
    if (cfg) tf.unregisterKernel(name, BACKEND);
    // tfjs runs setup functions when the backend starts: instantiate (and warm up) the SIMD kernels then, not in the first step.
    const setup = (backend: object): void => {
      cfg?.setupFunc?.(backend as never);
      new WasmCtx(tf, backend as WasmBackend, originals);
    };
    tf.registerKernel({ kernelName: name, backendName: BACKEND, setupFunc: setup as never, kernelFunc: kernel as never });
  };
  install('Conv2DBackpropFilter', withSimd('Conv2DBackpropFilter', backpropFilter));
  install('Conv2DBackpropInput', withSimd('Conv2DBackpropInput', backpropInput));
  install('MaxPoolGrad', (a) => maxPoolGrad(ctxOf(a), a));
  install('Sum', (a) => sum(ctxOf(a), originals.get('Sum')!, a));
  install('BatchMatMul', (a) => batchMatMul(ctxOf(a), originals.get('BatchMatMul')!, a));
  install('_FusedMatMul', (a) => fusedMatMul(ctxOf(a), originals.get('_FusedMatMul')!, a));
  install('Conv2D', (a) => forwardConv(ctxOf(a), originals.get('Conv2D')!, a));
  install('FusedConv2D', (a) => forwardConv(ctxOf(a), originals.get('FusedConv2D')!, a));
  install('GatherV2', (a) => gather(ctxOf(a), originals.get('GatherV2')!, a));
  install('Identity', (a) => share(ctxOf(a), originals.get('Identity')!, a));
  install('Cast', (a) => share(ctxOf(a), originals.get('Cast')!, a));
  registered = true;
}
