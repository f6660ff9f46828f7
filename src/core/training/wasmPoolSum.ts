/**
 * MaxPoolGrad and Sum for the tfjs wasm backend. tfjs-backend-wasm 4.22's MaxPoolGrad is a
 * scalar loop that also breaks ties differently from the cpu backend (the last maximum, and
 * none for windows of values <= FLT_MIN); its Sum over leading axes transposes first. Both
 * are replaced: MaxPoolGrad follows tfjs's cpu backend exactly (MaxPoolGrad.ts and
 * maxPoolPositions in tfjs-backend-cpu), Sum over leading axes accumulates in float64 as the
 * cpu backend does.
 */
import type { Info, Kernel, KernelArgs, Pad, WasmCtx } from './wasmContext';

interface PoolAttrs { filterSize: [number, number] | number; strides: [number, number] | number; pad: Pad; dimRoundingMode?: 'floor' | 'round' | 'ceil' }

/**
 * MaxPoolGrad (dy, input, output; NHWC): each window's gradient goes to the first pixel in
 * row-major window order holding a value greater than all before it (starting at -Infinity),
 * summed where windows overlap. SIMD for non-overlapping windows with channels % 4 == 0,
 * otherwise the cpu backend's algorithm in plain JS on the heap.
 */
export function maxPoolGrad(ctx: WasmCtx, args: KernelArgs): Info {
  const { dy, input } = args.inputs as { dy: Info; input: Info };
  const a = args.attrs as unknown as PoolAttrs;
  const info = ctx.tf.backend_util.computePool2DInfo(input.shape as never, a.filterSize, a.strides, 1, a.pad as never, a.dimRoundingMode);
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW, strideHeight: sh, strideWidth: sw } = info;
  const fh = info.effectiveFilterHeight, fw = info.effectiveFilterWidth;
  const dx = ctx.out(input.shape);
  if (ctx.simd && C % 4 === 0 && sh >= fh && sw >= fw) {
    const { top, left } = info.padInfo;
    const tiles = sh === fh && sw === fw && top === 0 && left === 0 && OH * sh === H && OW * sw === W;
    ctx.simd.maxPoolGrad(ctx.ptr(dx), ctx.ptr(dy), ctx.ptr(input), N, H, W, C, OH, OW, fh, fw, sh, sw, top, left, tiles ? 0 : 1);
    return dx;
  }
  const heap = ctx.backend.wasm.HEAPF32;
  const view = (t: Info, n: number): Float32Array => heap.subarray(ctx.ptr(t) >> 2, (ctx.ptr(t) >> 2) + n);
  const xs = view(input, N * H * W * C), gs = view(dy, N * OH * OW * C), out = view(dx, N * H * W * C);
  const pos = maxPositions(xs, info);
  const padTop = fh - 1 - info.padInfo.top, padLeft = fw - 1 - info.padInfo.left;
  for (let b = 0; b < N; b++) for (let d = 0; d < C; d++) for (let r = 0; r < H; r++) for (let cc = 0; cc < W; cc++) {
    let dot = 0;
    for (let wr = 0; wr < fh; wr++) {
      const yr = (r - padTop + wr) / sh;
      if (yr < 0 || yr >= OH || Math.floor(yr) !== yr) continue;
      for (let wc = 0; wc < fw; wc++) {
        const yc = (cc - padLeft + wc) / sw;
        if (yc < 0 || yc >= OW || Math.floor(yc) !== yc) continue;
        const o = ((b * OH + yr) * OW + yc) * C + d;
        if (fh * fw - 1 - pos[o]! === wr * fw + wc) dot += gs[o]!;
      }
    }
    out[((b * H + r) * W + cc) * C + d] = dot;
  }
  return dx;
}

/** Window-relative index of each window's first strict maximum, -1 if none (cpu maxPoolPositions). */
function maxPositions(xs: Float32Array, info: ReturnType<WasmCtx['tf']['backend_util']['computePool2DInfo']>): Int32Array {
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW, strideHeight: sh, strideWidth: sw } = info;
  const fh = info.effectiveFilterHeight, fw = info.effectiveFilterWidth;
  const pos = new Int32Array(N * OH * OW * C);
  for (let b = 0; b < N; b++) for (let d = 0; d < C; d++) for (let yr = 0; yr < OH; yr++) {
    const r0 = yr * sh - info.padInfo.top;
    for (let yc = 0; yc < OW; yc++) {
      const c0 = yc * sw - info.padInfo.left;
      let best = Number.NEGATIVE_INFINITY, at = -1;
      for (let r = Math.max(r0, 0); r < Math.min(H, r0 + fh); r++) for (let cc = Math.max(c0, 0); cc < Math.min(W, c0 + fw); cc++) {
        const v = xs[((b * H + r) * W + cc) * C + d]!;
        if (v > best) { best = v; at = (r - r0) * fw + (cc - c0); }
      }
      pos[((b * OH + yr) * OW + yc) * C + d] = at;
    }
  }
  return pos;
}

/**
 * Sum of a float32 tensor over its leading axes [0, k) (a bias gradient: [N, H, W, C] -> [C]):
 * column sums in float64 on the heap (SIMD), rounded to float32 once. Any other reduction
 * goes to the backend's own Sum.
 */
export function sum(ctx: WasmCtx, original: Kernel, args: KernelArgs): Info {
  const { x } = args.inputs as { x: Info };
  const { axis, keepDims } = args.attrs as { axis: number | number[]; keepDims: boolean };
  const axes = ctx.tf.util.parseAxisParam(axis, x.shape).slice().sort((p, q) => p - q);
  const k = axes.length;
  const leading = k > 0 && k < x.shape.length && axes.every((ax, i) => ax === i);
  const rows = x.shape.slice(0, k).reduce((p, q) => p * q, 1);
  const cols = x.shape.slice(k).reduce((p, q) => p * q, 1);
  if (!ctx.simd || x.dtype !== 'float32' || !leading || rows * cols === 0) return original(args);
  const out = ctx.out(keepDims ? [...x.shape.slice(0, k).map(() => 1), ...x.shape.slice(k)] : x.shape.slice(k));
  const scratch = ctx.malloc(cols * 8);
  ctx.simd.colSum(ctx.ptr(out), ctx.ptr(x), rows, cols, scratch);
  ctx.release(scratch);
  return out;
}
