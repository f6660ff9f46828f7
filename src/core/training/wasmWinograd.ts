/**
 * 3x3 stride-1 convolutions of the wasm training kernels by Winograd F(m x m, 3 x 3) (Lavin &
 * Gray 2016, "Fast Algorithms for Convolutional Neural Networks", sec. 4): the forward pass,
 * the input gradient (a full correlation with the flipped filter) and the filter gradient.
 * F(4x4, 3x3) takes 36 multiplies per 4x4 tile and channel pair where the direct form takes
 * 144, F(2x2, 3x3) 16 per 2x2 tile (64 per 4x4) and is more exact. The heavy loops are the
 * SIMD kernels of simdWinograd.ts; here the choice of m, the filter transforms (matrix
 * products on the SIMD gemm) and the zero padding the kernels expect. NHWC, filters
 * [3, 3, C, F].
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
 * K[e][3 i + j] = G[xi][i] G[nu][j] for e = a xi + nu: (G g G^T)[e] = sum over taps of
 * K[e][tap] g[tap], so the filter transform and its adjoint are matrix products. `transpose`
 * gives K^T [9][E]. Float32 in a new heap buffer.
 */
function tapWeights(ctx: WasmCtx, wino: Wino, transpose: boolean): number {
  const { a: A, G } = wino, E = A * A;
  const k = new Float32Array(E * 9);
  for (let e = 0; e < E; e++) for (let t = 0; t < 9; t++) {
    const v = G[Math.floor(e / A)]![Math.floor(t / 3)]! * G[e % A]![t % 3]!;
    k[transpose ? t * E + e : e * 9 + t] = v;
  }
  const p = ctx.malloc(k.length * 4);
  ctx.backend.wasm.HEAPF32.set(k, p >> 2);
  return p;
}

/**
 * U = G g G^T for a filter given as taps [9][cin][cout] at `taps`: U[e] (cin x cout) packed in
 * 16-column panels, as winoConv reads it. One product [E, 9] x [9, cin * cout] on the SIMD
 * gemm, then one packB per e. Returns a new heap buffer of E * cin * cout floats.
 */
function filterTransform(ctx: WasmCtx, wino: Wino, taps: number, cin: number, cout: number): number {
  const k = ctx.simd!, E = wino.a * wino.a, n = cin * cout;
  const kw = tapWeights(ctx, wino, false), bp = ctx.malloc(9 * n * 4), u = ctx.malloc(E * n * 4), up = ctx.malloc(E * n * 4);
  k.packB(bp, taps, 9, n, n, 1);
  ctx.gemm(u, kw, bp, E, n, 9, 9, false);
  for (let e = 0; e < E; e++) k.packB(up + e * n * 4, u + e * n * 4, cin, cout, cout, 1);
  for (const p of [kw, bp, u]) ctx.release(p);
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
 * with the filter taps [3 * 3][C][F] at `taps`, plus bias (or 0). The caller checked
 * winogradFits.
 */
function conv(ctx: WasmCtx, x: number, N: number, H: number, W: number, C: number, F: number, OH: number, OW: number, pt: number, pl: number, taps: number, bias: number | null, forward: boolean): Info {
  const k = ctx.simd!;
  const wino = variant(OH, OW, forward), { m, a: A } = wino, tb = TB[m];
  const TH = Math.ceil(OH / m), TW = Math.ceil(OW / m), Hs = m * TH + 2, Ws = m * TW + 2;
  const direct = pt === 0 && pl === 0 && H >= Hs && W >= Ws;
  const xs = direct ? x : padded(ctx, x, N, H, W, C, Hs, Ws, pt, pl);
  const up = filterTransform(ctx, wino, taps, C, F);
  const zeros = bias === null ? ctx.malloc(F * 4) : 0;
  if (bias === null) ctx.zero(zeros, F * 4);
  const vbuf = ctx.malloc(A * A * tb * C * 4), mbuf = ctx.malloc(A * A * tb * F * 4);
  const y = ctx.out([N, OH, OW, F]);
  (m === 4 ? k.winoConv4 : k.winoConv2)(ctx.ptr(y), xs, up, bias ?? zeros, N, TH, TW, direct ? H : Hs, direct ? W : Ws, C, F, OH, OW, vbuf, mbuf, tb);
  for (const p of [vbuf, mbuf, up, ...(bias === null ? [zeros] : []), ...(direct ? [] : [xs])]) ctx.release(p);
  return y;
}

/**
 * Forward Conv2D / FusedConv2D (no activation) by F(2x2, 3x3): y [N, OH, OW, F] = x [N, H, W, C]
 * correlated with filter [3, 3, C, F], zero padding (pt, pl) at the top and left, plus bias [F]
 * when given. Call only where {@link winogradFits}.
 */
export function winogradForward(ctx: WasmCtx, x: Info, filter: Info, bias: Info | undefined, pt: number, pl: number, OH: number, OW: number): Info {
  const [N, H, W, C] = x.shape as [number, number, number, number];
  const [, , , F] = filter.shape as [number, number, number, number];
  return conv(ctx, ctx.ptr(x), N, H, W, C, F, OH, OW, pt, pl, ctx.ptr(filter), bias ? ctx.ptr(bias) : null, true);
}

/**
 * Conv2DBackpropInput: dX [N, H, W, C] = full correlation of dY [N, OH, OW, F] with the
 * flipped filter, w'(i, j, f, c) = W[2 - i, 2 - j, c, f] (filter [3, 3, C, F]), dY shifted by
 * (2 - pt, 2 - pl); F(4x4, 3x3) or F(2x2, 3x3) by the work each takes (Lavin & Gray 2016).
 */
export function winogradInput(ctx: WasmCtx, dy: Info, filter: Info, inputShape: [number, number, number, number], pt: number, pl: number): Info {
  const [N, H, W, C] = inputShape;
  const [, OH, OW, F] = dy.shape as [number, number, number, number];
  // Taps of the flipped filter, [9][F][C]: tap t is W's tap 8 - t transposed.
  const taps = ctx.malloc(9 * C * F * 4);
  for (let t = 0; t < 9; t++) ctx.simd!.transpose(ctx.ptr(filter) + (8 - t) * C * F * 4, taps + t * C * F * 4, C, F);
  const dx = conv(ctx, ctx.ptr(dy), N, OH, OW, F, C, H, W, 2 - pt, 2 - pl, taps, null, false);
  ctx.release(taps);
  return dx;
}

/**
 * Conv2DBackpropFilter: dW [3, 3, C, F], dW[i, j, c, f] = sum over n, y, x of
 * X[n, y+i-pt, x+j-pl, c] dY[n, y, x, f] for X [N, H, W, C] and dY [N, OH, OW, F], as
 * G^T [ sum over tiles of (A dY A^T) (.) (B^T d B) ] G, the adjoint of the forward transform
 * (Lavin & Gray 2016, sec. 4; (.) is the elementwise product).
 */
export function winogradFilter(ctx: WasmCtx, x: Info, dy: Info, pt: number, pl: number): Info {
  const k = ctx.simd!;
  const [N, H, W, C] = x.shape as [number, number, number, number];
  const [, OH, OW, F] = dy.shape as [number, number, number, number];
  const wino = variant(OH, OW, false), { m, a: A } = wino, tb = TB[m], E = A * A;
  const TH = Math.ceil(OH / m), TW = Math.ceil(OW / m), Hs = m * TH + 2, Ws = m * TW + 2;
  const directX = pt === 0 && pl === 0 && H >= Hs && W >= Ws;
  const xs = directX ? ctx.ptr(x) : padded(ctx, ctx.ptr(x), N, H, W, C, Hs, Ws, pt, pl);
  const directY = OH === m * TH && OW === m * TW;
  const ys = directY ? ctx.ptr(dy) : padded(ctx, ctx.ptr(dy), N, OH, OW, F, m * TH, m * TW, 0, 0);
  const s = ctx.malloc(E * C * F * 4);
  ctx.zero(s, E * C * F * 4);
  const vbuf = ctx.malloc(E * tb * C * 4), qbuf = ctx.malloc(E * tb * F * 4);
  (m === 4 ? k.winoFilterGrad4 : k.winoFilterGrad2)(s, xs, ys, N, TH, TW, directX ? H : Hs, directX ? W : Ws, C, F, vbuf, qbuf, tb);
  // dW [9][C * F] = K^T [9, E] x s [E, C * F]: the adjoint of the filter transform.
  const kt = tapWeights(ctx, wino, true), sp = ctx.malloc(E * C * F * 4);
  k.packB(sp, s, E, C * F, C * F, 1);
  const out = ctx.out([3, 3, C, F]);
  ctx.gemm(ctx.ptr(out), kt, sp, 9, C * F, E, E, false);
  for (const p of [s, vbuf, qbuf, kt, sp, ...(directX ? [] : [xs]), ...(directY ? [] : [ys])]) ctx.release(p);
  return out;
}
