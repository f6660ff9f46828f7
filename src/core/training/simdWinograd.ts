/**
 * 3x3 stride-1 convolutions by Winograd's minimal filtering F(2x2, 3x3) (Lavin & Gray 2016,
 * "Fast Algorithms for Convolutional Neural Networks", sec. 4.1, eqs. 7-9): each 2x2 output
 * tile is Y = A^T [ sum over c of (G g G^T) (.) (B^T d B) ] A, 16 multiplies per tile and
 * channel pair instead of 36. In WebAssembly SIMD on the tfjs wasm backend's memory, in
 * blocks of TB tiles so a block's transformed inputs, products and filters stay in L2:
 * transform the block's 4x4 input tiles (vectors over channels), 16 products
 * [TB, C] x [C, F] with the register tile of simdGemm.ts, transform back. The filter
 * gradient uses the adjoint: dW = G^T [ sum over tiles of (A dY A^T) (.) (B^T d B) ] G.
 * Pointers are byte offsets; float32; NHWC; inputs zero-padded by the caller so every tile's
 * 4x4 window is in memory.
 */
import type { Code, FnDef } from './wasmAsm';
import { c, f32x4, fn, get, i32, loop, set, v128, when } from './wasmAsm';
import type { Locals } from './simdGemm';
import { loadTile, reduce, storeTile, tileLocals } from './simdGemm';

const g = get;
const add = f32x4.add, sub = f32x4.sub;

function vLocals(prefix: string, n: number): Record<string, 'v128'> {
  const out: Record<string, 'v128'> = {};
  for (let i = 0; i < n; i++) out[`${prefix}${i}`] = 'v128';
  return out;
}

/** Next tile in (n, a, b) order: b, then a, then n. */
const advance = (v: Locals): Code => [
  set(v.b!, i32.add(g(v.b!), c(1))),
  when(i32.eq(g(v.b!), g(v.TW!)), [set(v.b!, c(0)), set(v.a!, i32.add(g(v.a!), c(1))),
    when(i32.eq(g(v.a!), g(v.TH!)), [set(v.a!, c(0)), set(v.n!, i32.add(g(v.n!), c(1)))])]),
];

/**
 * V = B^T d B for the block's tiles: d the 4x4 window at input (n, 2a, 2b), four channels per
 * vector; V[e][tb][c] at vbuf + ((e * TB + tb) * C + c) * 4, e = 4 xi + nu. B^T rows:
 * (1, 0, -1, 0), (0, 1, 1, 0), (0, -1, 1, 0), (0, 1, 0, -1).
 */
function inputTransform(v: Locals): Code {
  const d = (r: number, s: number): number => v[`d${4 * r + s}`]!;
  const load = (r: number, s: number): Code => set(d(r, s), v128.load(i32.add(g(v.xb!), i32.add(i32.mul(c(r), g(v.rowB!)), i32.mul(c(s), g(v.pixB!))))));
  const rows: Code[] = [];
  for (let s = 0; s < 4; s++) {
    rows.push(set(v.p!, add(g(d(1, s)), g(d(2, s)))), set(v.q!, sub(g(d(2, s)), g(d(1, s)))));
    rows.push(set(d(0, s), sub(g(d(0, s)), g(d(2, s)))), set(d(3, s), sub(g(d(1, s)), g(d(3, s)))), set(d(1, s), g(v.p!)), set(d(2, s), g(v.q!)));
  }
  const stores: Code[] = [];
  for (let r = 0; r < 4; r++) {
    const col = [sub(g(d(r, 0)), g(d(r, 2))), add(g(d(r, 1)), g(d(r, 2))), sub(g(d(r, 2)), g(d(r, 1))), sub(g(d(r, 1)), g(d(r, 3)))];
    col.forEach((val, nu) => stores.push(v128.store(i32.add(g(v.vp!), i32.mul(c(4 * r + nu), g(v.planeV!))), val)));
  }
  return loop(v.tb!, c(0), g(v.bl!), 1, [
    set(v.xb!, i32.add(g(v.x!), i32.mul(i32.add(i32.mul(i32.add(i32.mul(g(v.n!), g(v.Hs!)), i32.shl(g(v.a!), c(1))), g(v.Ws!)), i32.shl(g(v.b!), c(1))), g(v.pixB!)))),
    set(v.vp!, i32.add(g(v.vbuf!), i32.mul(g(v.tb!), g(v.pixB!)))),
    loop(v.ch!, c(0), g(v.C!), 4, [
      ...[0, 1, 2, 3].flatMap((r) => [0, 1, 2, 3].map((s) => load(r, s))),
      rows, stores,
      set(v.xb!, i32.add(g(v.xb!), c(16))), set(v.vp!, i32.add(g(v.vp!), c(16))),
    ]),
    advance(v),
  ]);
}

const IN_PARAMS = { n: 'i32', a: 'i32', b: 'i32', n0: 'i32', a0: 'i32', b0: 'i32', t0: 'i32', T: 'i32', bl: 'i32', tb: 'i32', ch: 'i32', e: 'i32', xb: 'i32', vp: 'i32', rowB: 'i32', pixB: 'i32', planeV: 'i32' } as const;

/**
 * winoConv(y, x, up, bias, N, TH, TW, Hs, Ws, C, F, OH, OW, vbuf, mbuf, TB), C % 4 == 0,
 * F % 16 == 0: y [N, OH, OW, F] = valid 3x3 correlation of x [N, Hs, Ws, C] (Hs >= 2 TH + 2,
 * Ws >= 2 TW + 2, TH = ceil(OH / 2), TW = ceil(OW / 2)) with the filter whose transform
 * U = G g G^T is in `up` (per e, packed as packB panels [F / 16][C][16]), plus bias[F].
 * Scratch: vbuf 16 TB C floats, mbuf 16 TB F floats. A^T rows: (1, 1, 1, 0), (0, 1, -1, -1).
 */
const winoConv = fn('winoConv', ['y', 'x', 'up', 'bias', 'N', 'TH', 'TW', 'Hs', 'Ws', 'C', 'F', 'OH', 'OW', 'vbuf', 'mbuf', 'TB'], {
  ...IN_PARAMS, p: 'v128', q: 'v128', ...vLocals('d', 16),
  m: 'i32', ft: 'i32', kk: 'i32', pa: 'i32', pa1: 'i32', pb: 'i32', po: 'i32', ob: 'i32', ab: 'i32', bl2: 'i32', planeM: 'i32', ub: 'i32', fo: 'i32', mp: 'i32', yb: 'i32', fb: 'i32',
  ...tileLocals(2, 'u'), ...tileLocals(1, 'w'), ...vLocals('r', 8), bv: 'v128',
}, (v) => {
  const tile = (rows: 1 | 2, p: string): Code => [
    set(v.pa!, i32.add(i32.add(g(v.vbuf!), i32.mul(g(v.e!), g(v.planeV!))), i32.mul(g(v.m!), g(v.pixB!)))), set(v.pa1!, i32.add(g(v.pa!), g(v.pixB!))),
    set(v.pb!, i32.add(g(v.ub!), i32.shl(i32.mul(g(v.ft!), g(v.C!)), c(6)))),
    set(v.po!, i32.add(i32.add(g(v.mbuf!), i32.mul(g(v.e!), g(v.planeM!))), i32.shl(i32.add(i32.mul(g(v.m!), g(v.F!)), i32.shl(g(v.ft!), c(4))), c(2)))),
    loadTile(v, rows, p, c(0), c(0), false),
    reduce(v, rows, p, v.pa!, v.pa1!, 4, v.pb!, 64, v.C!, v.kk!),
    storeTile(v, rows, p, g(v.po!), g(v.ob!), false),
  ];
  const gemms = loop(v.e!, c(0), c(16), 1, [
    set(v.ub!, i32.add(g(v.up!), i32.shl(i32.mul(i32.mul(g(v.e!), g(v.C!)), g(v.F!)), c(2)))),
    loop(v.m!, c(0), g(v.bl2!), 2, loop(v.ft!, c(0), i32.shr(g(v.F!), c(4)), 1, tile(2, 'u'))),
    when(i32.lt(g(v.bl2!), g(v.bl!)), [set(v.m!, g(v.bl2!)), loop(v.ft!, c(0), i32.shr(g(v.F!), c(4)), 1, tile(1, 'w'))]),
  ]);
  const md = (e: number): Code => v128.load(i32.add(g(v.mp!), i32.mul(c(e), g(v.planeM!))));
  const r = (u: number, nu: number): number => v[`r${4 * u + nu}`]!;
  const out = [
    ...[0, 1, 2, 3].flatMap((nu) => [
      set(v.d0!, md(nu)), set(v.d1!, md(4 + nu)), set(v.d2!, md(8 + nu)), set(v.d3!, md(12 + nu)),
      set(r(0, nu), add(add(g(v.d0!), g(v.d1!)), g(v.d2!))), set(r(1, nu), sub(sub(g(v.d1!), g(v.d2!)), g(v.d3!))),
    ]),
    set(v.bv!, v128.load(i32.add(g(v.bias!), g(v.fo!)))),
    set(v.yb!, i32.add(i32.add(g(v.y!), i32.mul(i32.add(i32.mul(i32.add(i32.mul(g(v.n!), g(v.OH!)), i32.shl(g(v.a!), c(1))), g(v.OW!)), i32.shl(g(v.b!), c(1))), g(v.fb!))), g(v.fo!))),
    ...[0, 1].map((u) => {
      const y0 = add(add(add(g(r(u, 0)), g(r(u, 1))), g(r(u, 2))), g(v.bv!));
      const y1 = add(sub(sub(g(r(u, 1)), g(r(u, 2))), g(r(u, 3))), g(v.bv!));
      const rowOk = u === 0 ? c(1) : i32.lt(i32.add(i32.shl(g(v.a!), c(1)), c(1)), g(v.OH!));
      const base = u === 0 ? g(v.yb!) : i32.add(g(v.yb!), i32.mul(g(v.OW!), g(v.fb!)));
      return when(rowOk, [v128.store(base, y0), when(i32.lt(i32.add(i32.shl(g(v.b!), c(1)), c(1)), g(v.OW!)), v128.store(i32.add(base, g(v.fb!)), y1))]);
    }),
  ];
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
      inputTransform(v),
      gemms,
      set(v.n!, g(v.n0!)), set(v.a!, g(v.a0!)), set(v.b!, g(v.b0!)),
      outputTransform,
      set(v.t0!, i32.add(g(v.t0!), g(v.TB!))),
    ]),
  ];
});

/**
 * winoFilterGrad(s, x, dy, N, TH, TW, Hs, Ws, C, F, vbuf, qbuf, TB), C % 4 == 0, F % 16 == 0:
 * s[e][c][f] += sum over tiles of V[e][tile][c] * Q[e][tile][f], with V = B^T d B of x's tile
 * windows and Q = A g A^T of dy's 2x2 tiles (dy [N, 2 TH, 2 TW, F], zero-padded by the caller);
 * the filter gradient is then G^T s G. A rows: (1, 0), (1, 1), (1, -1), (0, -1).
 * Scratch: vbuf 16 TB C floats, qbuf 16 TB F floats.
 */
const winoFilterGrad = fn('winoFilterGrad', ['s', 'x', 'dy', 'N', 'TH', 'TW', 'Hs', 'Ws', 'C', 'F', 'vbuf', 'qbuf', 'TB'], {
  ...IN_PARAMS, p: 'v128', q: 'v128', ...vLocals('d', 16),
  ft: 'i32', kk: 'i32', pa: 'i32', pb: 'i32', po: 'i32', ob: 'i32', planeQ: 'i32', panelQ: 'i32', fo: 'i32', gb: 'i32', qp: 'i32', fb: 'i32', sb: 'i32', OWs: 'i32',
  ...tileLocals(2, 'u'), ...vLocals('h', 8),
}, (v) => {
  // Q = A g A^T for the 2x2 tile g: rows A g, then columns.
  const gl = (u: number, w: number): Code => v128.load(i32.add(g(v.gb!), i32.add(i32.mul(c(u), i32.mul(g(v.OWs!), g(v.fb!))), i32.mul(c(w), g(v.fb!)))));
  const h = (xi: number, w: number): number => v[`h${2 * xi + w}`]!;
  const rowsA = [0, 1].flatMap((w) => [
    set(v.d0!, gl(0, w)), set(v.d1!, gl(1, w)),
    set(h(0, w), g(v.d0!)), set(h(1, w), add(g(v.d0!), g(v.d1!))), set(h(2, w), sub(g(v.d0!), g(v.d1!))), set(h(3, w), f32x4.neg(g(v.d1!))),
  ]);
  const storesQ: Code[] = [];
  for (let xi = 0; xi < 4; xi++) {
    const col = [g(h(xi, 0)), add(g(h(xi, 0)), g(h(xi, 1))), sub(g(h(xi, 0)), g(h(xi, 1))), f32x4.neg(g(h(xi, 1)))];
    col.forEach((val, nu) => storesQ.push(v128.store(i32.add(g(v.qp!), i32.mul(c(4 * xi + nu), g(v.planeQ!))), val)));
  }
  const dyTransform = loop(v.tb!, c(0), g(v.bl!), 1, [
    set(v.gb!, i32.add(g(v.dy!), i32.mul(i32.add(i32.mul(i32.add(i32.mul(g(v.n!), i32.shl(g(v.TH!), c(1))), i32.shl(g(v.a!), c(1))), g(v.OWs!)), i32.shl(g(v.b!), c(1))), g(v.fb!)))),
    loop(v.fo!, c(0), g(v.fb!), 16, [
      // Q[e] in 16-filter panels, [F / 16][TB][16], so the products read it sequentially.
      set(v.qp!, i32.add(i32.add(i32.add(g(v.qbuf!), i32.shl(g(v.tb!), c(6))), i32.mul(i32.shr(g(v.fo!), c(6)), g(v.panelQ!))), i32.and(g(v.fo!), c(63)))),
      rowsA, storesQ, set(v.gb!, i32.add(g(v.gb!), c(16))),
    ]),
    advance(v),
  ]);
  // s[e] (C x F) += V[e]^T (C x bl) Q[e] (bl x F): rows are channel pairs, A read down a column of V.
  const products = loop(v.e!, c(0), c(16), 1, loop(v.ch!, c(0), g(v.C!), 2, loop(v.ft!, c(0), i32.shr(g(v.F!), c(4)), 1, [
    set(v.pa!, i32.add(i32.add(g(v.vbuf!), i32.mul(g(v.e!), g(v.planeV!))), i32.shl(g(v.ch!), c(2)))),
    set(v.pb!, i32.add(i32.add(g(v.qbuf!), i32.mul(g(v.e!), g(v.planeQ!))), i32.mul(g(v.ft!), g(v.panelQ!)))),
    set(v.po!, i32.add(g(v.sb!), i32.shl(i32.add(i32.mul(i32.add(i32.mul(g(v.e!), g(v.C!)), g(v.ch!)), g(v.F!)), i32.shl(g(v.ft!), c(4))), c(2)))),
    loadTile(v, 2, 'u', g(v.po!), g(v.ob!), c(1)),
    reduce(v, 2, 'u', v.pa!, null, { local: v.pixB! }, v.pb!, 64, v.bl!, v.kk!),
    storeTile(v, 2, 'u', g(v.po!), g(v.ob!), false),
  ])));
  return [
    set(v.T!, i32.mul(g(v.N!), i32.mul(g(v.TH!), g(v.TW!)))), set(v.OWs!, i32.shl(g(v.TW!), c(1))), set(v.sb!, g(v.s!)),
    set(v.pixB!, i32.shl(g(v.C!), c(2))), set(v.rowB!, i32.mul(g(v.Ws!), g(v.pixB!))), set(v.fb!, i32.shl(g(v.F!), c(2))),
    set(v.planeV!, i32.mul(g(v.TB!), g(v.pixB!))), set(v.planeQ!, i32.mul(g(v.TB!), g(v.fb!))), set(v.panelQ!, i32.shl(g(v.TB!), c(6))), set(v.ob!, g(v.fb!)),
    set(v.n!, c(0)), set(v.a!, c(0)), set(v.b!, c(0)),
    loop(v.t0!, c(0), g(v.T!), 0, [
      set(v.bl!, i32.sub(g(v.T!), g(v.t0!))), set(v.bl!, i32.min(g(v.bl!), g(v.TB!))),
      set(v.n0!, g(v.n!)), set(v.a0!, g(v.a!)), set(v.b0!, g(v.b!)),
      inputTransform(v),
      set(v.n!, g(v.n0!)), set(v.a!, g(v.a0!)), set(v.b!, g(v.b0!)),
      dyTransform,
      products,
      set(v.t0!, i32.add(g(v.t0!), g(v.TB!))),
    ]),
  ];
});

/** The functions of this file, for the module. */
export const WINOGRAD_FNS: readonly FnDef[] = [winoConv, winoFilterGrad];
