/**
 * Conv2D and its gradients for the tfjs wasm backend: 3x3 stride-1 filters by Winograd
 * (wasmWinograd.ts); other filters as matrix products (the SIMD kernels of simdKernels.ts, or
 * the backend's XNNPACK fully-connected kernel) around SIMD data movement. Shapes NHWC,
 * filters [kh, kw, C, F], as tfjs. Im2col and col2im: Chellapilla, Puri & Simard 2006, "High
 * Performance Convolutional Neural Networks for Document Processing", sec. 3 (convolution
 * unrolled into a matrix product).
 */
import type { Info, KernelArgs, Pad, WasmCtx } from './wasmContext';
import { winogradFilter, winogradFits, winogradForward, winogradInput } from './wasmWinograd';

type Rounding = 'floor' | 'round' | 'ceil' | undefined;
interface ConvAttrs { strides: [number, number] | number; pad: Pad; dimRoundingMode?: Rounding; dataFormat?: string; dilations?: [number, number] | number }

/** Bytes of transposed im2col rows (or of col2im input) one product handles: a few L2 sizes. */
const CHUNK_BYTES = 2 << 20;

function convInfo(ctx: WasmCtx, xShape: number[], filterShape: number[], attrs: ConvAttrs) {
  if (attrs.dataFormat !== undefined && attrs.dataFormat !== 'NHWC') throw new Error(`wasm conv2d gradients support NHWC only, got ${attrs.dataFormat}`);
  return ctx.tf.backend_util.computeConv2DInfo(xShape as never, filterShape as never, attrs.strides, 1, attrs.pad as never, attrs.dimRoundingMode);
}

/** Output rows (or columns) o in [lo, hi) whose input index o * s + off lies in [0, size). */
function inBounds(out: number, s: number, off: number, size: number): [number, number] {
  const lo = Math.min(out, Math.max(0, Math.ceil(-off / s)));
  const hi = Math.max(lo, Math.min(out, Math.floor((size - 1 - off) / s) + 1));
  return [lo, hi];
}

/**
 * Conv2DBackpropFilter: dW[i, j, c, f] = sum over n, y, x of X[n, y*sh+i-pt, x*sw+j-pl, c] *
 * dY[n, y, x, f] (zero outside X), i.e. dW = P^T dY with P the im2col matrix of X
 * [(n, y, x), (i, j, c)]. 3x3 stride 1 with channels that fit: Winograd. Else with F a
 * multiple of 16, the SIMD filterGrad kernels read P^T straight from X^T (no im2col matrix);
 * otherwise, per chunk of images, X^T rows are gathered into P^T (SIMD), dY rows copied, and
 * one XNNPACK product [kh*kw*C, K] x [K, F] summed into dW.
 * @throws Error for NCHW data.
 */
export function backpropFilter(ctx: WasmCtx, args: KernelArgs): Info {
  const { x, dy } = args.inputs as { x: Info; dy: Info };
  const attrs = args.attrs as unknown as ConvAttrs & { filterShape: [number, number, number, number] };
  const info = convInfo(ctx, x.shape, attrs.filterShape, attrs);
  const k = ctx.simd!;
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW, outChannels: F, strideHeight: sh, strideWidth: sw } = info;
  const { top, left } = info.padInfo;
  const [kh, kw] = attrs.filterShape;
  if (winogradFits(kh, kw, [sh, sw], [info.dilationHeight, info.dilationWidth], C, F)) return winogradFilter(ctx, x, dy, top, left);
  const rows = kh * kw * C;
  const dw = ctx.out([kh, kw, C, F]);
  ctx.zero(ctx.ptr(dw), rows * F * 4);
  const plane = H * W;
  const xt = ctx.malloc(N * plane * C * 4);
  k.transpose(ctx.ptr(x), xt, N * plane, C);
  if (F % 16 === 0) {
    // Direct: the SIMD filterGrad kernel on X^T zero-padded to the rows and columns taps read.
    const Hp = (OH - 1) * sh + kh, Wp = (OW - 1) * sw + kw;
    let xp = xt;
    if (Hp !== H || Wp !== W || top !== 0 || left !== 0) {
      xp = ctx.malloc(N * Hp * Wp * C * 4);
      const [ylo, yhi] = inBounds(Hp, 1, -top, H), [xlo, xhi] = inBounds(Wp, 1, -left, W);
      k.im2colT(xp, xt, C, N, N * plane, H, W, Hp, Wp, 1, 1, -top, -left, ylo, yhi, xlo, xhi);
      ctx.release(xt);
    }
    const even = C - (C % 2);
    k.filterGrad2(ctx.ptr(dw), xp, ctx.ptr(dy), C, F, N, Hp, Wp, OH, OW, kh, kw, sh, sw, 0, even);
    if (even < C) k.filterGrad1(ctx.ptr(dw), xp, ctx.ptr(dy), C, F, N, Hp, Wp, OH, OW, kh, kw, sh, sw, even, C);
    ctx.release(xp);
    return dw;
  }
  const per = Math.max(1, Math.floor(CHUNK_BYTES / (rows * OH * OW * 4)));
  for (let n0 = 0; n0 < N; n0 += per) {
    const m = Math.min(per, N - n0);
    const K = m * OH * OW;
    const pt = ctx.out([1, rows, K]);
    for (let i = 0; i < kh; i++) {
      const [ylo, yhi] = inBounds(OH, sh, i - top, H);
      for (let j = 0; j < kw; j++) {
        const [xlo, xhi] = inBounds(OW, sw, j - left, W);
        k.im2colT(ctx.ptr(pt) + (i * kw + j) * C * K * 4, xt + n0 * plane * 4, C, m, N * plane, H, W, OH, OW, sh, sw, i - top, j - left, ylo, yhi, xlo, xhi);
      }
    }
    const dyc = ctx.out([1, K, F]);
    ctx.copy(ctx.ptr(dyc), ctx.ptr(dy) + n0 * OH * OW * F * 4, K * F * 4);
    const prod = ctx.matmul(pt, dyc);
    k.addInto(ctx.ptr(dw), ctx.ptr(prod), rows * F);
    ctx.free(pt, dyc, prod);
  }
  ctx.release(xt);
  return dw;
}

/**
 * Forward Conv2D / FusedConv2D (x [N, H, W, C], filter [kh, kw, C, F] -> [N, OH, OW, F]):
 * without a fused activation, Winograd F(2x2, 3x3) for 3x3 stride-1 filters with channel
 * counts that fit (wasmWinograd.ts), else the backend's own (XNNPACK) kernel `original`.
 */
export function forwardConv(ctx: WasmCtx, original: (a: KernelArgs) => Info, args: KernelArgs): Info {
  const { x, filter, bias, preluActivationWeights } = args.inputs as { x: Info; filter: Info; bias?: Info; preluActivationWeights?: Info };
  const attrs = args.attrs as unknown as ConvAttrs & { activation?: string };
  if (!ctx.simd) return original(args);
  if ((attrs.activation !== undefined && attrs.activation !== 'linear') || preluActivationWeights || x.dtype !== 'float32') return original(args);
  if (attrs.dataFormat !== undefined && attrs.dataFormat !== 'NHWC') return original(args);
  const [kh, kw, C, F] = filter.shape as [number, number, number, number];
  const info = ctx.tf.backend_util.computeConv2DInfo(x.shape as never, filter.shape as never, attrs.strides, attrs.dilations ?? 1, attrs.pad as never, attrs.dimRoundingMode);
  if (!winogradFits(kh, kw, [info.strideHeight, info.strideWidth], [info.dilationHeight, info.dilationWidth], C, F)) return original(args);
  if (bias && bias.shape.reduce((p, q) => p * q, 1) !== F) return original(args);
  return winogradForward(ctx, x, filter, bias, info.padInfo.top, info.padInfo.left, info.outHeight, info.outWidth);
}

/**
 * Conv2DBackpropInput: dX[n, y*sh+i-pt, x*sw+j-pl, c] = sum over y, x, i, j, f of
 * dY[n, y, x, f] * W[i, j, c, f]. 3x3 stride 1 with channels that fit: Winograd
 * (wasmWinograd.ts). Otherwise the im2col gradient dP = dY W^T (the SIMD gemm, per chunk of
 * images, its columns padded to a multiple of 16) folded back by col2im (SIMD). Any stride
 * and padding.
 * @throws Error for NCHW data.
 */
export function backpropInput(ctx: WasmCtx, args: KernelArgs): Info {
  const { dy, filter } = args.inputs as { dy: Info; filter: Info };
  const attrs = args.attrs as unknown as ConvAttrs & { inputShape: [number, number, number, number] };
  const info = convInfo(ctx, attrs.inputShape, filter.shape, attrs);
  const k = ctx.simd!;
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW, outChannels: F, strideHeight: sh, strideWidth: sw } = info;
  const [kh, kw] = filter.shape as [number, number, number, number];
  const { top, left } = info.padInfo;
  if (winogradFits(kh, kw, [sh, sw], [info.dilationHeight, info.dilationWidth], F, C) && top <= 2 && left <= 2) return winogradInput(ctx, dy, filter, attrs.inputShape, top, left);
  const cols = kh * kw * C, width = Math.ceil(cols / 16) * 16;
  // B = W^T [F, width]: row f holds W[(i, j, c), f], zero past `cols`; packed for the gemm.
  const wt = ctx.malloc(F * width * 4), bp = ctx.malloc(F * width * 4);
  ctx.zero(wt, F * width * 4);
  writeTransposed(ctx, ctx.ptr(filter), wt, cols, F, width);
  k.packB(bp, wt, F, width, width, 1);
  const dx = ctx.out(attrs.inputShape);
  const per = Math.max(1, Math.floor(CHUNK_BYTES / (width * OH * OW * 4)));
  const dcols = ctx.malloc(Math.min(per, N) * OH * OW * width * 4);
  for (let n0 = 0; n0 < N; n0 += per) {
    const m = Math.min(per, N - n0);
    ctx.gemm(dcols, ctx.ptr(dy) + n0 * OH * OW * F * 4, bp, m * OH * OW, width, F, F, false);
    k.col2im(ctx.ptr(dx) + n0 * H * W * C * 4, dcols, m, H, W, C, OH, OW, kh, kw, sh, sw, top, left, width);
  }
  for (const p of [wt, bp, dcols]) ctx.release(p);
  return dx;
}

/** dst[f * width + r] = src[r * F + f] for r < rows (the rest of each dst row left as is). */
function writeTransposed(ctx: WasmCtx, src: number, dst: number, rows: number, F: number, width: number): void {
  const heap = ctx.backend.wasm.HEAPF32;
  const s = src >> 2, d = dst >> 2;
  for (let r = 0; r < rows; r++) for (let f = 0; f < F; f++) heap[d + f * width + r] = heap[s + r * F + f]!;
}
