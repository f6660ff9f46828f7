/**
 * 3x3 stride-1 convolutions by Winograd's minimal filtering F(m x m, 3 x 3), m = 2 or 4
 * (Lavin & Gray 2016, "Fast Algorithms for Convolutional Neural Networks", sec. 4.1-4.2, with
 * their matrices B^T, G, A^T): each m x m output tile is
 * Y = A^T [ sum over c of (G g G^T) (.) (B^T d B) ] A, a^2 multiplies (a = m + 2) per tile
 * and channel pair instead of 9 m^2. In WebAssembly SIMD on the tfjs wasm backend's memory,
 * in blocks of TB tiles so a block's transformed inputs and products stay in L2: transform
 * the block's a x a input windows (vectors over channels), a^2 products [TB, C] x [C, F] with
 * the register tile of simdGemm.ts, transform back. The filter gradient uses the adjoint,
 * dW = G^T [ sum over tiles of (A dY A^T) (.) (B^T d B) ] G. Pointers are byte offsets;
 * float32; NHWC; inputs zero-padded by the caller so every window is in memory.
 */
import type { Code, FnDef } from './wasmAsm';
import { c, f32x4, fn, get, i32, locals, loop, set, v128, when } from './wasmAsm';
import type { Locals } from './simdGemm';
import { loadTile, reduce, storeTile, tileLocals } from './simdGemm';

/** One Winograd variant: tile size m, window a = m + 2, input and output transforms. */
export interface Wino { readonly m: 2 | 4; readonly a: 4 | 6; readonly BT: number[][]; readonly AT: number[][]; readonly G: number[][] }

/** F(2x2, 3x3) (Lavin & Gray 2016, eq. 8-9). */
export const F2: Wino = {
  m: 2, a: 4,
  BT: [[1, 0, -1, 0], [0, 1, 1, 0], [0, -1, 1, 0], [0, 1, 0, -1]],
  AT: [[1, 1, 1, 0], [0, 1, -1, -1]],
  G: [[1, 0, 0], [0.5, 0.5, 0.5], [0.5, -0.5, 0.5], [0, 0, 1]],
};
/** F(4x4, 3x3) with interpolation points 0, +-1, +-2, infinity (Lavin & Gray 2016, sec. 4.2). */
export const F4: Wino = {
  m: 4, a: 6,
  BT: [[4, 0, -5, 0, 1, 0], [0, -4, -4, 1, 1, 0], [0, 4, -4, -1, 1, 0], [0, -2, -1, 2, 1, 0], [0, 2, -1, -2, 1, 0], [0, 4, 0, -5, 0, 1]],
  AT: [[1, 1, 1, 1, 1, 0], [0, 1, -1, 2, -2, 0], [0, 1, 1, 4, 4, 0], [0, 1, -1, 8, -8, 1]],
  G: [[1 / 4, 0, 0], [-1 / 6, -1 / 6, -1 / 6], [-1 / 6, 1 / 6, -1 / 6], [1 / 24, 1 / 12, 1 / 6], [1 / 24, -1 / 12, 1 / 6], [0, 0, 1]],
};

const g = get;
const { add, sub, mul } = f32x4;

function vLocals(prefix: string, n: number): Record<string, 'v128'> {
  const out: Record<string, 'v128'> = {};
  for (let i = 0; i < n; i++) out[`${prefix}${i}`] = 'v128';
  return out;
}

/** sum over i of coef[i] * term(i), with adds and subtracts for +-1 and constant vectors otherwise. */
function combo(coef: readonly number[], term: (i: number) => Code): Code {
  let acc: Code | null = null;
  coef.forEach((k, i) => {
    if (k === 0) return;
    const t = Math.abs(k) === 1 ? term(i) : mul(f32x4.const(Math.abs(k)), term(i));
    acc = acc === null ? (k > 0 ? t : f32x4.neg(t)) : k > 0 ? add(acc, t) : sub(acc, t);
  });
  return acc ?? v128.zero();
}

/** Next tile in (n, a, b) order: b, then a, then n. */
const advance = (v: Locals): Code => [
  set(v.b!, i32.add(g(v.b!), c(1))),
  when(i32.eq(g(v.b!), g(v.TW!)), [set(v.b!, c(0)), set(v.a!, i32.add(g(v.a!), c(1))),
    when(i32.eq(g(v.a!), g(v.TH!)), [set(v.a!, c(0)), set(v.n!, i32.add(g(v.n!), c(1)))])]),
];

/** Byte offset of pixel (n, m a, m b) in an image array [N, rows, cols, ch] with pixel bytes `pix`. */
const tileAt = (w: Wino, v: Locals, base: Code, rows: Code, cols: Code, pix: Code): Code =>
  i32.add(base, i32.mul(i32.add(i32.mul(i32.add(i32.mul(g(v.n!), rows), i32.mul(c(w.m), g(v.a!))), cols), i32.mul(c(w.m), g(v.b!))), pix));

/**
 * V = B^T d B for the block's tiles: d the a x a window at input (n, m a, m b), four channels
 * per vector; V[e][tb][c] at vbuf + ((e * TB + tb) * C + c) * 4, e = a xi + nu.
 */
function inputTransform(w: Wino, v: Locals): Code {
  const A = w.a;
  const d = (r: number): number => v[`d${r}`]!;
  const t = (xi: number, s: number): number => v[`w${xi * A + s}`]!;
  const rows: Code[] = [];
  for (let s = 0; s < A; s++) {
    for (let r = 0; r < A; r++) rows.push(set(d(r), v128.load(i32.add(g(v.xb!), i32.add(i32.mul(c(r), g(v.rowB!)), i32.mul(c(s), g(v.pixB!)))))));
    for (let xi = 0; xi < A; xi++) rows.push(set(t(xi, s), combo(w.BT[xi]!, (r) => g(d(r)))));
  }
  const stores: Code[] = [];
  for (let xi = 0; xi < A; xi++) for (let nu = 0; nu < A; nu++) {
    stores.push(v128.store(i32.add(g(v.vp!), i32.mul(c(xi * A + nu), g(v.planeV!))), combo(w.BT[nu]!, (s) => g(t(xi, s)))));
  }
  return loop(v.tb!, c(0), g(v.bl!), 1, [
    set(v.xb!, tileAt(w, v, g(v.x!), g(v.Hs!), g(v.Ws!), g(v.pixB!))),
    set(v.vp!, i32.add(g(v.vbuf!), i32.mul(g(v.tb!), g(v.pixB!)))),
    loop(v.ch!, c(0), g(v.C!), 4, [rows, stores, set(v.xb!, i32.add(g(v.xb!), c(16))), set(v.vp!, i32.add(g(v.vp!), c(16)))]),
    advance(v),
  ]);
}

const BLOCK_LOCALS = { n: 'i32', a: 'i32', b: 'i32', n0: 'i32', a0: 'i32', b0: 'i32', t0: 'i32', T: 'i32', bl: 'i32', tb: 'i32', ch: 'i32', e: 'i32', xb: 'i32', vp: 'i32', rowB: 'i32', pixB: 'i32', planeV: 'i32' } as const;

/**
 * winoConv{m}(y, x, up, bias, N, TH, TW, Hs, Ws, C, F, OH, OW, vbuf, mbuf, TB), C % 4 == 0,
 * F % 16 == 0: y [N, OH, OW, F] = valid 3x3 correlation of x [N, Hs, Ws, C] (Hs >= m TH + 2,
 * Ws >= m TW + 2, TH = ceil(OH / m), TW = ceil(OW / m)) with the filter whose transform
 * U = G g G^T is in `up` (per e, packed as packB panels [F / 16][C][16]), plus bias[F].
 * Scratch: vbuf a^2 TB C floats, mbuf a^2 TB F floats.
 */
function winoConv(w: Wino): FnDef {
  const A = w.a, E = A * A;
  return fn(`winoConv${w.m}`, ['y', 'x', 'up', 'bias', 'N', 'TH', 'TW', 'Hs', 'Ws', 'C', 'F', 'OH', 'OW', 'vbuf', 'mbuf', 'TB'], locals(
    BLOCK_LOCALS, vLocals('d', A), vLocals('w', E), vLocals('r', w.m * A), { bv: 'v128' },
    { m: 'i32', ft: 'i32', kk: 'i32', pa: 'i32', pa1: 'i32', pb: 'i32', po: 'i32', ob: 'i32', bl2: 'i32', planeM: 'i32', ub: 'i32', fo: 'i32', mp: 'i32', yb: 'i32', fb: 'i32' },
    tileLocals(2, 'u'), tileLocals(1, 'z'),
  ), (v) => {
    const tile = (rows: 1 | 2, p: string): Code => [
      set(v.pa!, i32.add(i32.add(g(v.vbuf!), i32.mul(g(v.e!), g(v.planeV!))), i32.mul(g(v.m!), g(v.pixB!)))), set(v.pa1!, i32.add(g(v.pa!), g(v.pixB!))),
      set(v.pb!, i32.add(g(v.ub!), i32.shl(i32.mul(g(v.ft!), g(v.C!)), c(6)))),
      set(v.po!, i32.add(i32.add(g(v.mbuf!), i32.mul(g(v.e!), g(v.planeM!))), i32.shl(i32.add(i32.mul(g(v.m!), g(v.F!)), i32.shl(g(v.ft!), c(4))), c(2)))),
      loadTile(v, rows, p, c(0), c(0), false),
      reduce(v, rows, p, v.pa!, v.pa1!, 4, v.pb!, 64, v.C!, v.kk!),
      storeTile(v, rows, p, g(v.po!), g(v.ob!), false),
    ];
    const gemms = loop(v.e!, c(0), c(E), 1, [
      set(v.ub!, i32.add(g(v.up!), i32.shl(i32.mul(i32.mul(g(v.e!), g(v.C!)), g(v.F!)), c(2)))),
      loop(v.m!, c(0), g(v.bl2!), 2, loop(v.ft!, c(0), i32.shr(g(v.F!), c(4)), 1, tile(2, 'u'))),
      when(i32.lt(g(v.bl2!), g(v.bl!)), [set(v.m!, g(v.bl2!)), loop(v.ft!, c(0), i32.shr(g(v.F!), c(4)), 1, tile(1, 'z'))]),
    ]);
    // Y = A^T M A per tile and four filters: rows r[u][nu] = A^T[u] . M[:, nu], then columns.
    const r = (u: number, nu: number): number => v[`r${u * A + nu}`]!;
    const out: Code[] = [];
    for (let nu = 0; nu < A; nu++) {
      for (let xi = 0; xi < A; xi++) out.push(set(v[`d${xi}`]!, v128.load(i32.add(g(v.mp!), i32.mul(c(xi * A + nu), g(v.planeM!))))));
      for (let u = 0; u < w.m; u++) out.push(set(r(u, nu), combo(w.AT[u]!, (xi) => g(v[`d${xi}`]!))));
    }
    out.push(set(v.bv!, v128.load(i32.add(g(v.bias!), g(v.fo!)))));
    out.push(set(v.yb!, i32.add(tileAt(w, v, g(v.y!), g(v.OH!), g(v.OW!), g(v.fb!)), g(v.fo!))));
    for (let u = 0; u < w.m; u++) {
      const row: Code[] = [];
      for (let vv = 0; vv < w.m; vv++) {
        const val = add(combo(w.AT[vv]!, (nu) => g(r(u, nu))), g(v.bv!));
        const addr = i32.add(g(v.yb!), i32.mul(c(u), i32.mul(g(v.OW!), g(v.fb!))));
        const st = v128.store(i32.add(addr, i32.mul(c(vv), g(v.fb!))), val);
        row.push(vv === 0 ? st : when(i32.lt(i32.add(i32.mul(c(w.m), g(v.b!)), c(vv)), g(v.OW!)), st));
      }
      out.push(u === 0 ? row : when(i32.lt(i32.add(i32.mul(c(w.m), g(v.a!)), c(u)), g(v.OH!)), row));
    }
    const outputTransform = loop(v.tb!, c(0), g(v.bl!), 1, [
      loop(v.fo!, c(0), g(v.fb!), 16, [set(v.mp!, i32.add(i32.add(g(v.mbuf!), i32.mul(g(v.tb!), g(v.fb!))), g(v.fo!))), out]),
      advance(v),
    ]);
    return [
      set(v.T!, i32.mul(g(v.N!), i32.mul(g(v.TH!), g(v.TW!)))),
      set(v.pixB!, i32.shl(g(v.C!), c(2))), set(v.rowB!, i32.mul(g(v.Ws!), g(v.pixB!))), set(v.fb!, i32.shl(g(v.F!), c(2))),
      set(v.planeV!, i32.mul(g(v.TB!), g(v.pixB!))), set(v.planeM!, i32.mul(g(v.TB!), g(v.fb!))), set(v.ob!, g(v.fb!)),
      set(v.n!, c(0)), set(v.a!, c(0)), set(v.b!, c(0)),
      loop(v.t0!, c(0), g(v.T!), 0, [
        set(v.bl!, i32.sub(g(v.T!), g(v.t0!))), set(v.bl!, i32.min(g(v.bl!), g(v.TB!))), set(v.bl2!, i32.and(g(v.bl!), c(-2))),
        set(v.n0!, g(v.n!)), set(v.a0!, g(v.a!)), set(v.b0!, g(v.b!)),
        inputTransform(w, v),
        gemms,
        set(v.n!, g(v.n0!)), set(v.a!, g(v.a0!)), set(v.b!, g(v.b0!)),
        outputTransform,
        set(v.t0!, i32.add(g(v.t0!), g(v.TB!))),
      ]),
    ];
  });
}

/**
 * winoFilterGrad{m}(s, x, dy, N, TH, TW, Hs, Ws, C, F, vbuf, qbuf, TB), C % 4 == 0,
 * F % 16 == 0: s[e][c][f] += sum over tiles of V[e][tile][c] * Q[e][tile][f], with V = B^T d B
 * of x's windows and Q = A g A^T of dy's m x m tiles (dy [N, m TH, m TW, F], zero-padded by
 * the caller); the filter gradient is then G^T s G. Scratch: vbuf a^2 TB C floats, qbuf
 * a^2 TB F floats.
 */
function winoFilterGrad(w: Wino): FnDef {
  const A = w.a, E = A * A, M = w.m;
  return fn(`winoFilterGrad${w.m}`, ['s', 'x', 'dy', 'N', 'TH', 'TW', 'Hs', 'Ws', 'C', 'F', 'vbuf', 'qbuf', 'TB'], locals(
    BLOCK_LOCALS, vLocals('d', A), vLocals('w', E), vLocals('h', A * M),
    { ft: 'i32', kk: 'i32', pa: 'i32', pb: 'i32', po: 'i32', ob: 'i32', planeQ: 'i32', panelQ: 'i32', fo: 'i32', gb: 'i32', qp: 'i32', fb: 'i32', sb: 'i32', OWs: 'i32', OHs: 'i32' },
    tileLocals(2, 'u'),
  ), (v) => {
    // Q = A g A^T for the m x m tile g (A = (A^T)^T): columns h[xi][col] = A[xi] . g[:, col], then rows.
    const h = (xi: number, col: number): number => v[`h${xi * M + col}`]!;
    const aCol = (xi: number): number[] => w.AT.map((row) => row[xi]!);
    const body: Code[] = [];
    for (let col = 0; col < M; col++) {
      for (let u = 0; u < M; u++) body.push(set(v[`d${u}`]!, v128.load(i32.add(g(v.gb!), i32.add(i32.mul(c(u), i32.mul(g(v.OWs!), g(v.fb!))), i32.mul(c(col), g(v.fb!)))))));
      for (let xi = 0; xi < A; xi++) body.push(set(h(xi, col), combo(aCol(xi), (u) => g(v[`d${u}`]!))));
    }
    for (let xi = 0; xi < A; xi++) for (let nu = 0; nu < A; nu++) {
      body.push(v128.store(i32.add(g(v.qp!), i32.mul(c(xi * A + nu), g(v.planeQ!))), combo(aCol(nu), (col) => g(h(xi, col)))));
    }
    const dyTransform = loop(v.tb!, c(0), g(v.bl!), 1, [
      set(v.gb!, tileAt(w, v, g(v.dy!), g(v.OHs!), g(v.OWs!), g(v.fb!))),
      loop(v.fo!, c(0), g(v.fb!), 16, [
        // Q[e] in 16-filter panels, [F / 16][TB][16], so the products read it sequentially.
        set(v.qp!, i32.add(i32.add(i32.add(g(v.qbuf!), i32.shl(g(v.tb!), c(6))), i32.mul(i32.shr(g(v.fo!), c(6)), g(v.panelQ!))), i32.and(g(v.fo!), c(63)))),
        body, set(v.gb!, i32.add(g(v.gb!), c(16))),
      ]),
      advance(v),
    ]);
    // s[e] (C x F) += V[e]^T (C x bl) Q[e] (bl x F): rows are channel pairs, A read down a column of V.
    const products = loop(v.e!, c(0), c(E), 1, loop(v.ch!, c(0), g(v.C!), 2, loop(v.ft!, c(0), i32.shr(g(v.F!), c(4)), 1, [
      set(v.pa!, i32.add(i32.add(g(v.vbuf!), i32.mul(g(v.e!), g(v.planeV!))), i32.shl(g(v.ch!), c(2)))),
      set(v.pb!, i32.add(i32.add(g(v.qbuf!), i32.mul(g(v.e!), g(v.planeQ!))), i32.mul(g(v.ft!), g(v.panelQ!)))),
      set(v.po!, i32.add(g(v.sb!), i32.shl(i32.add(i32.mul(i32.add(i32.mul(g(v.e!), g(v.C!)), g(v.ch!)), g(v.F!)), i32.shl(g(v.ft!), c(4))), c(2)))),
      loadTile(v, 2, 'u', g(v.po!), g(v.ob!), c(1)),
      reduce(v, 2, 'u', v.pa!, null, { local: v.pixB! }, v.pb!, 64, v.bl!, v.kk!),
      storeTile(v, 2, 'u', g(v.po!), g(v.ob!), false),
    ])));
    return [
      set(v.T!, i32.mul(g(v.N!), i32.mul(g(v.TH!), g(v.TW!)))), set(v.OWs!, i32.mul(c(M), g(v.TW!))), set(v.OHs!, i32.mul(c(M), g(v.TH!))), set(v.sb!, g(v.s!)),
      set(v.pixB!, i32.shl(g(v.C!), c(2))), set(v.rowB!, i32.mul(g(v.Ws!), g(v.pixB!))), set(v.fb!, i32.shl(g(v.F!), c(2))),
      set(v.planeV!, i32.mul(g(v.TB!), g(v.pixB!))), set(v.planeQ!, i32.mul(g(v.TB!), g(v.fb!))), set(v.panelQ!, i32.shl(g(v.TB!), c(6))), set(v.ob!, g(v.fb!)),
      set(v.n!, c(0)), set(v.a!, c(0)), set(v.b!, c(0)),
      loop(v.t0!, c(0), g(v.T!), 0, [
        set(v.bl!, i32.sub(g(v.T!), g(v.t0!))), set(v.bl!, i32.min(g(v.bl!), g(v.TB!))),
        set(v.n0!, g(v.n!)), set(v.a0!, g(v.a!)), set(v.b0!, g(v.b!)),
        inputTransform(w, v),
        set(v.n!, g(v.n0!)), set(v.a!, g(v.a0!)), set(v.b!, g(v.b0!)),
        dyTransform,
        products,
        set(v.t0!, i32.add(g(v.t0!), g(v.TB!))),
      ]),
    ];
  });
}

/** The functions of this file, for the module. */
export const WINOGRAD_FNS: readonly FnDef[] = [winoConv(F2), winoConv(F4), winoFilterGrad(F2), winoFilterGrad(F4)];
