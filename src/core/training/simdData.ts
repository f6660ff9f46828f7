/**
 * Data-movement kernels in WebAssembly SIMD (assembled by wasmAsm.ts, run on the tfjs wasm
 * backend's memory): transposes, im2col rows, col2im sums, column sums, adding arrays, and
 * the MaxPool gradient. Pointers are byte offsets; float32 throughout.
 */
import type { Code } from './wasmAsm';
import { at, bump, c, f32, f32c, f32x4, f64, f64x2, fn, get, i32, i32x4, loop, repeatWhile, set, v128, when, zeroFill } from './wasmAsm';

/** transpose(src, dst, R, C): dst[C, R] = src[R, C]^T; 4x4 blocks by shuffles, scalar edges. */
export const transpose = fn('transpose', ['src', 'dst', 'R', 'C'], {
  r: 'i32', k: 'i32', rr: 'i32', s: 'i32', d: 'i32', rs: 'i32', ds: 'i32', R4: 'i32', C4: 'i32',
  v0: 'v128', v1: 'v128', v2: 'v128', v3: 'v128', t0: 'v128', t1: 'v128', t2: 'v128', t3: 'v128',
}, (v) => {
  const g = get;
  const sc = (rrow: Code, col: Code): Code => f32.store(at(g(v.dst), i32.add(i32.mul(col, g(v.R)), rrow)), f32.load(at(g(v.src), i32.add(i32.mul(rrow, g(v.C)), col))));
  const block = [
    set(v.v0, v128.load(g(v.s))), set(v.v1, v128.load(i32.add(g(v.s), g(v.rs)))),
    set(v.v2, v128.load(i32.add(g(v.s), i32.mul(g(v.rs), c(2))))), set(v.v3, v128.load(i32.add(g(v.s), i32.mul(g(v.rs), c(3))))),
    set(v.t0, v128.shuffle32(g(v.v0), g(v.v1), [0, 4, 1, 5])), set(v.t1, v128.shuffle32(g(v.v0), g(v.v1), [2, 6, 3, 7])),
    set(v.t2, v128.shuffle32(g(v.v2), g(v.v3), [0, 4, 1, 5])), set(v.t3, v128.shuffle32(g(v.v2), g(v.v3), [2, 6, 3, 7])),
    v128.store(g(v.d), v128.shuffle32(g(v.t0), g(v.t2), [0, 1, 4, 5])),
    v128.store(i32.add(g(v.d), g(v.ds)), v128.shuffle32(g(v.t0), g(v.t2), [2, 3, 6, 7])),
    v128.store(i32.add(g(v.d), i32.mul(g(v.ds), c(2))), v128.shuffle32(g(v.t1), g(v.t3), [0, 1, 4, 5])),
    v128.store(i32.add(g(v.d), i32.mul(g(v.ds), c(3))), v128.shuffle32(g(v.t1), g(v.t3), [2, 3, 6, 7])),
    bump(v.s, c(16)), bump(v.d, i32.mul(g(v.ds), c(4))),
  ];
  return [
    set(v.rs, i32.shl(g(v.C), c(2))), set(v.ds, i32.shl(g(v.R), c(2))),
    set(v.R4, i32.and(g(v.R), c(-4))), set(v.C4, i32.and(g(v.C), c(-4))),
    loop(v.r, c(0), g(v.R4), 4, [
      set(v.s, at(g(v.src), i32.mul(g(v.r), g(v.C)))), set(v.d, at(g(v.dst), g(v.r))),
      loop(v.k, c(0), g(v.C4), 4, block),
      loop(v.k, g(v.C4), g(v.C), 1, loop(v.rr, g(v.r), i32.add(g(v.r), c(4)), 1, sc(g(v.rr), g(v.k)))),
    ]),
    loop(v.r, g(v.R4), g(v.R), 1, loop(v.k, c(0), g(v.C), 1, sc(g(v.r), g(v.k)))),
  ];
});

/**
 * im2colT(dst, src, C, nC, cStride, H, W, OH, OW, sh, sw, oy, ox, ylo, yhi, xlo, xhi): for
 * channel planes src[c * cStride + n * H * W] (c < C, n < nC), writes rows of the transposed
 * im2col matrix, dst[(c * nC + n) * OH * OW + y * OW + x] = src plane [y * sh + oy, x * sw + ox],
 * zero where that is outside the plane. [ylo, yhi) x [xlo, xhi) is the in-bounds output range.
 */
export const im2colT = fn('im2colT', ['dst', 'src', 'C', 'nC', 'cStride', 'H', 'W', 'OH', 'OW', 'sh', 'sw', 'oy', 'ox', 'ylo', 'yhi', 'xlo', 'xhi'], {
  ch: 'i32', n: 'i32', y: 'i32', x: 'i32', s: 'i32', d: 'i32', row: 'i32', p: 'i32', q: 'i32', e: 'i32', e4: 'i32',
}, (v) => {
  const g = get;
  const rowBytes = i32.shl(g(v.OW), c(2));
  const copyRun = when(i32.eq(g(v.sw), c(1)), [
    set(v.p, at(g(v.row), i32.add(g(v.xlo), g(v.ox)))), set(v.q, at(g(v.d), g(v.xlo))),
    set(v.e, at(g(v.d), g(v.xhi))), set(v.e4, i32.sub(g(v.e), c(12))),
    repeatWhile(i32.lt(g(v.q), g(v.e4)), [v128.store(g(v.q), v128.load(g(v.p))), bump(v.p, c(16)), bump(v.q, c(16))]),
    repeatWhile(i32.lt(g(v.q), g(v.e)), [f32.store(g(v.q), f32.load(g(v.p))), bump(v.p, c(4)), bump(v.q, c(4))]),
  ], loop(v.x, g(v.xlo), g(v.xhi), 1,
    f32.store(at(g(v.d), g(v.x)), f32.load(at(g(v.row), i32.add(i32.mul(g(v.x), g(v.sw)), g(v.ox)))))));
  return [
    set(v.d, g(v.dst)),
    loop(v.ch, c(0), g(v.C), 1, loop(v.n, c(0), g(v.nC), 1, [
      set(v.s, at(g(v.src), i32.add(i32.mul(g(v.ch), g(v.cStride)), i32.mul(g(v.n), i32.mul(g(v.H), g(v.W)))))),
      zeroFill(g(v.d), i32.mul(g(v.ylo), rowBytes)), bump(v.d, i32.mul(g(v.ylo), rowBytes)),
      loop(v.y, g(v.ylo), g(v.yhi), 1, [
        set(v.row, at(g(v.s), i32.mul(i32.add(i32.mul(g(v.y), g(v.sh)), g(v.oy)), g(v.W)))),
        zeroFill(g(v.d), i32.shl(g(v.xlo), c(2))),
        copyRun,
        zeroFill(at(g(v.d), g(v.xhi)), i32.shl(i32.sub(g(v.OW), g(v.xhi)), c(2))),
        bump(v.d, rowBytes),
      ]),
      zeroFill(g(v.d), i32.mul(i32.sub(g(v.OH), g(v.yhi)), rowBytes)), bump(v.d, i32.mul(i32.sub(g(v.OH), g(v.yhi)), rowBytes)),
    ])),
  ];
});

/**
 * col2im(dx, cols, N, H, W, C, OH, OW, kh, kw, sh, sw, pt, pl, stride): dx [N, H, W, C] = 0,
 * then dx[n, y*sh+i-pt, x*sw+j-pl, :] += cols[(n, y, x), (i, j, :)] over in-bounds taps, the
 * rows of cols `stride` floats apart (>= kh * kw * C).
 */
export const col2im = fn('col2im', ['dx', 'cols', 'N', 'H', 'W', 'C', 'OH', 'OW', 'kh', 'kw', 'sh', 'sw', 'pt', 'pl', 'stride'], {
  n: 'i32', y: 'i32', x: 'i32', i: 'i32', j: 'i32', r: 'i32', cc: 'i32', k: 'i32', s: 'i32', d: 'i32', q: 'i32', C4: 'i32',
}, (v) => {
  const g = get;
  const add4 = (off: Code): Code => v128.store(i32.add(g(v.d), off), f32x4.add(v128.load(i32.add(g(v.d), off)), v128.load(i32.add(g(v.q), off))));
  const add1 = (off: Code): Code => f32.store(i32.add(g(v.d), off), f32.add(f32.load(i32.add(g(v.d), off)), f32.load(i32.add(g(v.q), off))));
  const inside = (val: Code, hi: Code): Code => i32.and(i32.ge(val, c(0)), i32.lt(val, hi));
  return [
    zeroFill(g(v.dx), i32.shl(i32.mul(i32.mul(g(v.N), i32.mul(g(v.H), g(v.W))), g(v.C)), c(2))),
    set(v.C4, i32.and(g(v.C), c(-4))), set(v.s, g(v.cols)),
    loop(v.n, c(0), g(v.N), 1, loop(v.y, c(0), g(v.OH), 1, loop(v.x, c(0), g(v.OW), 1, [
      loop(v.i, c(0), g(v.kh), 1, [
        set(v.r, i32.sub(i32.add(i32.mul(g(v.y), g(v.sh)), g(v.i)), g(v.pt))),
        when(inside(g(v.r), g(v.H)), loop(v.j, c(0), g(v.kw), 1, [
          set(v.cc, i32.sub(i32.add(i32.mul(g(v.x), g(v.sw)), g(v.j)), g(v.pl))),
          when(inside(g(v.cc), g(v.W)), [
            set(v.d, at(g(v.dx), i32.mul(i32.add(i32.mul(i32.add(i32.mul(g(v.n), g(v.H)), g(v.r)), g(v.W)), g(v.cc)), g(v.C)))),
            set(v.q, at(g(v.s), i32.mul(i32.add(i32.mul(g(v.i), g(v.kw)), g(v.j)), g(v.C)))),
            loop(v.k, c(0), g(v.C4), 4, add4(i32.shl(g(v.k), c(2)))),
            loop(v.k, g(v.C4), g(v.C), 1, add1(i32.shl(g(v.k), c(2)))),
          ]),
        ])),
      ]),
      bump(v.s, i32.shl(g(v.stride), c(2))),
    ]))),
  ];
});

/**
 * colSum(dst, src, rows, cols, scratch): dst[c] = sum over r of src[r, c], accumulated in
 * float64 (as tfjs's cpu backend sums) and rounded to float32 once. scratch: cols doubles.
 */
export const colSum = fn('colSum', ['dst', 'src', 'rows', 'cols', 'scratch'], {
  r: 'i32', k: 'i32', p: 'i32', C4: 'i32', x: 'v128',
}, (v) => {
  const g = get;
  const acc = (k: Code): Code => i32.add(g(v.scratch), i32.shl(k, c(3)));
  const add2 = (k: Code, val: Code): Code => v128.store(acc(k), f64x2.add(v128.load(acc(k)), f64x2.promoteLow(val)));
  return [
    set(v.C4, i32.and(g(v.cols), c(-4))),
    zeroFill(g(v.scratch), i32.shl(g(v.cols), c(3))), set(v.p, g(v.src)),
    loop(v.r, c(0), g(v.rows), 1, [
      loop(v.k, c(0), g(v.C4), 4, [
        set(v.x, v128.load(at(g(v.p), g(v.k)))),
        add2(g(v.k), g(v.x)),
        add2(i32.add(g(v.k), c(2)), v128.shuffle32(g(v.x), g(v.x), [2, 3, 2, 3])),
      ]),
      loop(v.k, g(v.C4), g(v.cols), 1, f64.store(acc(g(v.k)), f64.add(f64.load(acc(g(v.k))), f64.promote(f32.load(at(g(v.p), g(v.k))))))),
      bump(v.p, i32.shl(g(v.cols), c(2))),
    ]),
    loop(v.k, c(0), g(v.cols), 1, f32.store(at(g(v.dst), g(v.k)), f32.demote(f64.load(acc(g(v.k)))))),
  ];
});

/** addInto(dst, src, n): dst[i] += src[i] for i < n. */
export const addInto = fn('addInto', ['dst', 'src', 'n'], { k: 'i32', n4: 'i32' }, (v) => {
  const g = get;
  return [
    set(v.n4, i32.and(g(v.n), c(-4))),
    loop(v.k, c(0), g(v.n4), 4, v128.store(at(g(v.dst), g(v.k)), f32x4.add(v128.load(at(g(v.dst), g(v.k))), v128.load(at(g(v.src), g(v.k)))))),
    loop(v.k, g(v.n4), g(v.n), 1, f32.store(at(g(v.dst), g(v.k)), f32.add(f32.load(at(g(v.dst), g(v.k))), f32.load(at(g(v.src), g(v.k)))))),
  ];
});

/**
 * maxPoolGrad(dx, dy, x, N, H, W, C, OH, OW, fh, fw, sh, sw, pt, pl) for windows that do not
 * overlap (sh >= fh, sw >= fw) and C % 4 == 0: each window's gradient goes to the first
 * pixel, in row-major window order, holding a value greater than all before it (start
 * -Infinity), as tfjs's cpu backend decides (maxPoolPositions); none if no pixel qualifies
 * (all NaN or -Infinity). Pixels of no window get 0: pass fill = 1 unless the windows tile
 * the input exactly.
 */
export const maxPoolGrad = fn('maxPoolGrad', ['dx', 'dy', 'x', 'N', 'H', 'W', 'C', 'OH', 'OW', 'fh', 'fw', 'sh', 'sw', 'pt', 'pl', 'fill'], {
  n: 'i32', u: 'i32', w: 'i32', ch: 'i32', r: 'i32', cc: 'i32', r0: 'i32', r1: 'i32', c0: 'i32', c1: 'i32',
  idx: 'i32', cs: 'i32', xn: 'i32', dxn: 'i32', dyp: 'i32', o: 'i32',
  best: 'v128', pos: 'v128', val: 'v128', gt: 'v128', gv: 'v128',
}, (v) => {
  const g = get;
  const pix = (base: number): Code => i32.add(i32.add(g(base), i32.mul(g(v.idx), g(v.cs))), g(v.o));
  const overWindow = (body: Code): Code => loop(v.r, g(v.r0), g(v.r1), 1, loop(v.cc, g(v.c0), g(v.c1), 1, [
    set(v.idx, i32.add(i32.mul(g(v.r), g(v.W)), g(v.cc))), body,
  ]));
  return [
    set(v.cs, i32.shl(g(v.C), c(2))), set(v.dyp, g(v.dy)),
    when(g(v.fill), zeroFill(g(v.dx), i32.mul(i32.mul(g(v.N), i32.mul(g(v.H), g(v.W))), g(v.cs)))),
    loop(v.n, c(0), g(v.N), 1, [
      set(v.xn, i32.add(g(v.x), i32.mul(i32.mul(g(v.n), i32.mul(g(v.H), g(v.W))), g(v.cs)))),
      set(v.dxn, i32.add(g(v.dx), i32.mul(i32.mul(g(v.n), i32.mul(g(v.H), g(v.W))), g(v.cs)))),
      loop(v.u, c(0), g(v.OH), 1, [
        set(v.r0, i32.sub(i32.mul(g(v.u), g(v.sh)), g(v.pt))), set(v.r1, i32.add(g(v.r0), g(v.fh))),
        set(v.r0, i32.max(g(v.r0), c(0))), set(v.r1, i32.min(g(v.r1), g(v.H))),
        loop(v.w, c(0), g(v.OW), 1, [
          set(v.c0, i32.sub(i32.mul(g(v.w), g(v.sw)), g(v.pl))), set(v.c1, i32.add(g(v.c0), g(v.fw))),
          set(v.c0, i32.max(g(v.c0), c(0))), set(v.c1, i32.min(g(v.c1), g(v.W))),
          loop(v.ch, c(0), g(v.C), 4, [
            set(v.o, i32.shl(g(v.ch), c(2))),
            set(v.best, f32x4.splat(f32c(-Infinity))), set(v.pos, i32x4.splat(c(-1))),
            overWindow([
              set(v.val, v128.load(pix(v.xn))), set(v.gt, f32x4.gt(g(v.val), g(v.best))),
              set(v.best, v128.bitselect(g(v.val), g(v.best), g(v.gt))),
              set(v.pos, v128.bitselect(i32x4.splat(g(v.idx)), g(v.pos), g(v.gt))),
            ]),
            set(v.gv, v128.load(i32.add(g(v.dyp), g(v.o)))),
            // + 0 turns a selected -0 into +0, as the cpu backend's 0 + dy does.
            overWindow(v128.store(pix(v.dxn), f32x4.add(v128.and(g(v.gv), i32x4.eq(g(v.pos), i32x4.splat(g(v.idx)))), v128.zero()))),
          ]),
          bump(v.dyp, g(v.cs)),
        ]),
      ]),
    ]),
  ];
});
