/**
 * 3x3 stride-1 convolutions of the wasm training kernels by Winograd F(m x m, 3 x 3) (Lavin &
 * Gray 2016, "Fast Algorithms for Convolutional Neural Networks", sec. 4): the forward pass,
 * the input gradient (a full correlation with the flipped filter) and the filter gradient.
 * F(4x4, 3x3) takes 36 multiplies per 4x4 tile and channel pair where the direct form takes
 * 144, F(2x2, 3x3) 16 per 2x2 tile (64 per 4x4) and is more exact. The heavy loops are the
 * SIMD kernels of simdWinograd.ts; here the choice of m, the filter transforms (small, in JS,
 * in float64) and the zero padding the kernels expect. NHWC, filters [3, 3, C, F].
 */
import type { Info, WasmCtx } from './wasmContext';
import type { Wino } from './simdWinograd';
import { F2, F4 } from './simdWinograd';

/** Tiles per block, so the block's transforms and products (a^2 x TB x (C + F) floats) stay in L2. */
const TB = { 2: 32, 4: 16 } as const;

/**
 * The variant for an OH x OW output. Gradients: F(4x4) where its products are clearly fewer
 * than F(2x2)'s (a^2 per tile, tiles rounded up). The forward pass always takes F(2x2), the
 * more exact (its relative error is about 5x smaller): its outputs decide ReLU's and
 * MaxPool's discrete choices (which units pass, which pixel wins), and errors there flip them.
 */
function variant(OH: number, OW: number, forward: boolean): Wino {
  const work = (w: Wino): number => w.a * w.a * Math.ceil(OH / w.m) * Math.ceil(OW / w.m);
  return !forward && work(F4) < 0.9 * work(F2) ? F4 : F2;
}

/** Whether Winograd applies: 3x3 filter, stride 1, no dilation, input channels % 4, outputs % 16. */
export function winogradFits(kh: number, kw: number, strides: [number, number], dilations: [number, number], cin: number, cout: number): boolean {
  return kh === 3 && kw === 3 && strides[0] === 1 && strides[1] === 1 && dilations[0] === 1 && dilations[1] === 1 && cin % 4 === 0 && cout % 16 === 0;
}

/**
 * U[e][panel][c][16] = (G g G^T)[e] for g[i][j] = w(i, j, c, f), packed in 16-column panels
 * of f as the gemm kernels read them. `w` reads the float32 filter; float64 arithmetic.
 */
function filterTransform(ctx: WasmCtx, wino: Wino, w: (i: number, j: number, c: number, f: number) => number, C: number, F: number): number {
  const { a: A, G } = wino;
  const up = ctx.malloc(A * A * C * F * 4);
  const out = new Float32Array(A * A * C * F);
  const t = new Float64Array(A * 3);
  for (let c = 0; c < C; c++) for (let f = 0; f < F; f++) {
    for (let xi = 0; xi < A; xi++) for (let j = 0; j < 3; j++) t[xi * 3 + j] = G[xi]![0]! * w(0, j, c, f) + G[xi]![1]! * w(1, j, c, f) + G[xi]![2]! * w(2, j, c, f);
    for (let xi = 0; xi < A; xi++) for (let nu = 0; nu < A; nu++) {
      const u = t[xi * 3]! * G[nu]![0]! + t[xi * 3 + 1]! * G[nu]![1]! + t[xi * 3 + 2]! * G[nu]![2]!;
      out[((xi * A + nu) * C * F) + ((f >> 4) * C + c) * 16 + (f & 15)] = u;
    }
  }
  ctx.backend.wasm.HEAPF32.set(out, up >> 2);
  return up;
}

/** x [N, H, W, C] zero-padded to [N, Hd, Wd, C] with x at (pt, pl); a new heap buffer. */
function padded(ctx: WasmCtx, x: number, N: number, H: number, W: number, C: number, Hd: number, Wd: number, pt: number, pl: number): number {
  const dst = ctx.malloc(N * Hd * Wd * C * 4);
  const ylo = Math.min(Hd, Math.max(0, pt)), yhi = Math.max(ylo, Math.min(Hd, H + pt));
  const xlo = Math.min(Wd * C, Math.max(0, pl * C)), xhi = Math.max(xlo, Math.min(Wd * C, (W + pl) * C));
  // One "plane" per image: rows of W * C floats, as im2colT copies rows.
  ctx.simd!.im2colT(dst, x, 1, N, 0, H, W * C, Hd, Wd * C, 1, 1, -pt, -pl * C, ylo, yhi, xlo, xhi);
  return dst;
}

/**
 * y [N, OH, OW, F] = valid 3x3 correlation of x [N, H, W, C] shifted by (pt, pl) (zero outside)
 * with filter taps w(i, j, c, f), plus bias (or 0). The caller checked winogradFits.
 */
function conv(ctx: WasmCtx, x: number, N: number, H: number, W: number, C: number, F: number, OH: number, OW: number, pt: number, pl: number, w: (i: number, j: number, c: number, f: number) => number, bias: number | null, forward: boolean): Info {
  const k = ctx.simd!;
  const wino = variant(OH, OW, forward), { m, a: A } = wino, tb = TB[m];
  const TH = Math.ceil(OH / m), TW = Math.ceil(OW / m), Hs = m * TH + 2, Ws = m * TW + 2;
  const direct = pt === 0 && pl === 0 && H >= Hs && W >= Ws;
  const xs = direct ? x : padded(ctx, x, N, H, W, C, Hs, Ws, pt, pl);
  const up = filterTransform(ctx, wino, w, C, F);
  const zeros = bias === null ? ctx.malloc(F * 4) : 0;
  if (bias === null) ctx.zero(zeros, F * 4);
  const vbuf = ctx.malloc(A * A * tb * C * 4), mbuf = ctx.malloc(A * A * tb * F * 4);
  const y = ctx.out([N, OH, OW, F]);
  (m === 4 ? k.winoConv4 : k.winoConv2)(ctx.ptr(y), xs, up, bias ?? zeros, N, TH, TW, direct ? H : Hs, direct ? W : Ws, C, F, OH, OW, vbuf, mbuf, tb);
  for (const p of [vbuf, mbuf, up, ...(bias === null ? [zeros] : []), ...(direct ? [] : [xs])]) ctx.release(p);
  return y;
}

/** Forward Conv2D / FusedConv2D (no activation): y = x * W + bias, padding (pt, pl), output OH x OW. */
export function winogradForward(ctx: WasmCtx, x: Info, filter: Info, bias: Info | undefined, pt: number, pl: number, OH: number, OW: number): Info {
  const [N, H, W, C] = x.shape as [number, number, number, number];
  const [, , , F] = filter.shape as [number, number, number, number];
  const wv = ctx.backend.wasm.HEAPF32.slice(ctx.ptr(filter) >> 2, (ctx.ptr(filter) >> 2) + 9 * C * F);
  return conv(ctx, ctx.ptr(x), N, H, W, C, F, OH, OW, pt, pl, (i, j, c, f) => wv[((i * 3 + j) * C + c) * F + f]!, bias ? ctx.ptr(bias) : null, true);
}

/**
 * Conv2DBackpropInput: dX [N, H, W, C] = full correlation of dY [N, OH, OW, F] with the
 * flipped filter, w'(i, j, f, c) = W[2 - i, 2 - j, c, f], dY shifted by (2 - pt, 2 - pl).
 */
export function winogradInput(ctx: WasmCtx, dy: Info, filter: Info, inputShape: [number, number, number, number], pt: number, pl: number): Info {
  const [N, H, W, C] = inputShape;
  const [, OH, OW, F] = dy.shape as [number, number, number, number];
  const wv = ctx.backend.wasm.HEAPF32.slice(ctx.ptr(filter) >> 2, (ctx.ptr(filter) >> 2) + 9 * C * F);
  return conv(ctx, ctx.ptr(dy), N, OH, OW, F, C, H, W, 2 - pt, 2 - pl, (i, j, f, c) => wv[(((2 - i) * 3 + (2 - j)) * C + c) * F + f]!, null, false);
}

/**
 * Conv2DBackpropFilter: dW[i, j, c, f] = sum over n, y, x of X[n, y+i-pt, x+j-pl, c] dY[n, y, x, f]
 * as G^T [ sum over tiles of (A dY A^T) (.) (B^T d B) ] G.
 */
export function winogradFilter(ctx: WasmCtx, x: Info, dy: Info, pt: number, pl: number): Info {
  const k = ctx.simd!;
  const [N, H, W, C] = x.shape as [number, number, number, number];
  const [, OH, OW, F] = dy.shape as [number, number, number, number];
  const wino = variant(OH, OW, false), { m, a: A, G } = wino, tb = TB[m], E = A * A;
  const TH = Math.ceil(OH / m), TW = Math.ceil(OW / m), Hs = m * TH + 2, Ws = m * TW + 2;
  const directX = pt === 0 && pl === 0 && H >= Hs && W >= Ws;
  const xs = directX ? ctx.ptr(x) : padded(ctx, ctx.ptr(x), N, H, W, C, Hs, Ws, pt, pl);
  const directY = OH === m * TH && OW === m * TW;
  const ys = directY ? ctx.ptr(dy) : padded(ctx, ctx.ptr(dy), N, OH, OW, F, m * TH, m * TW, 0, 0);
  const s = ctx.malloc(E * C * F * 4);
  ctx.zero(s, E * C * F * 4);
  const vbuf = ctx.malloc(E * tb * C * 4), qbuf = ctx.malloc(E * tb * F * 4);
  (m === 4 ? k.winoFilterGrad4 : k.winoFilterGrad2)(s, xs, ys, N, TH, TW, directX ? H : Hs, directX ? W : Ws, C, F, vbuf, qbuf, tb);
  const sv = ctx.backend.wasm.HEAPF32.slice(s >> 2, (s >> 2) + E * C * F);
  for (const p of [s, vbuf, qbuf, ...(directX ? [] : [xs]), ...(directY ? [] : [ys])]) ctx.release(p);
  const dw = new Float32Array(9 * C * F);
  const CF = C * F;
  for (let cf = 0; cf < CF; cf++) for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
    let acc = 0;
    for (let xi = 0; xi < A; xi++) {
      const gi = G[xi]![i]!;
      if (gi === 0) continue;
      for (let nu = 0; nu < A; nu++) acc += gi * sv[(xi * A + nu) * CF + cf]! * G[nu]![j]!;
    }
    dw[(i * 3 + j) * CF + cf] = acc;
  }
  const out = ctx.out([3, 3, C, F]);
  ctx.backend.wasm.HEAPF32.set(dw, ctx.ptr(out) >> 2);
  return out;
}
