/**
 * Matrix-multiply kernels in WebAssembly SIMD (assembled by wasmAsm.ts, run on the tfjs wasm
 * backend's memory) for the shapes where XNNPACK's fully-connected kernel is slow: long
 * reductions into small outputs (filter gradients, dense layers with a large input). Each
 * keeps a register tile of 2 rows x 16 columns (8 accumulators of 4 lanes) over the whole
 * reduction: per step two float32 of A, broadcast (v128.load32_splat), times 16 floats of B.
 * Pointers are byte offsets; float32 throughout.
 */
import type { Code, FnDef } from './wasmAsm';
import { at, bump, c, f32, f32x4, fn, get, i32, locals, loop, set, v128, when } from './wasmAsm';

/** Local indices by name, as `fn` passes them. */
export type Locals = Record<string, number>;
const g = get;

/** Accumulator, splat and B-vector locals of a `rows` x 16 tile (rows 1 or 2). */
export function tileLocals(rows: number, prefix: string): Record<string, 'v128'> {
  const out: Record<string, 'v128'> = {};
  for (let r = 0; r < rows; r++) {
    out[`${prefix}s${r}`] = 'v128';
    for (let k = 0; k < 4; k++) out[`${prefix}q${r}${k}`] = 'v128';
  }
  for (let k = 0; k < 4; k++) out[`${prefix}b${k}`] = 'v128';
  return out;
}

/** One reduction step: acc[r][k] += A[r] * B[4k .. 4k + 3], A rows `aRow` bytes apart. */
export function mac(v: Locals, rows: number, p: string, pa: Code, aRow: Code, pb: Code): Code {
  const out: Code[] = [];
  for (let r = 0; r < rows; r++) out.push(set(v[`${p}s${r}`]!, v128.loadSplat(r === 0 ? pa : i32.add(pa, aRow))));
  for (let k = 0; k < 4; k++) out.push(set(v[`${p}b${k}`]!, v128.load(pb, 16 * k)));
  for (let r = 0; r < rows; r++) for (let k = 0; k < 4; k++) {
    const q = v[`${p}q${r}${k}`]!;
    out.push(set(q, f32x4.add(g(q), f32x4.mul(g(v[`${p}s${r}`]!), g(v[`${p}b${k}`]!)))));
  }
  return out;
}

/**
 * The reduction loop of a tile: `count` (a local) steps of acc[r][k] += A[r] * B[4k .. 4k + 3].
 * A's row 0 is at local a0, row 1 at local a1 (or 4 bytes after row 0 when a1 is null); a
 * step moves A by aStep bytes (a constant, or { local } holding it) and B by bStep bytes.
 * Not unrolled: unrolling by 2 or 4 measured slower here (V8 spills the tile's registers).
 */
export function reduce(v: Locals, rows: 1 | 2, p: string, a0: number, a1: number | null, aStep: number | { local: number }, pb: number, bStep: number, count: number, kk: number): Code {
  const step = typeof aStep === 'number' ? c(aStep) : g(aStep.local);
  const body: Code[] = [set(v[`${p}s0`]!, v128.loadSplat(g(a0)))];
  if (rows === 2) body.push(set(v[`${p}s1`]!, a1 === null ? v128.loadSplat(g(a0), 4) : v128.loadSplat(g(a1))));
  for (let k = 0; k < 4; k++) body.push(set(v[`${p}b${k}`]!, v128.load(g(pb), 16 * k)));
  for (let r = 0; r < rows; r++) for (let k = 0; k < 4; k++) {
    const q = v[`${p}q${r}${k}`]!;
    body.push(set(q, f32x4.add(g(q), f32x4.mul(g(v[`${p}s${r}`]!), g(v[`${p}b${k}`]!)))));
  }
  body.push(bump(a0, step), ...(a1 === null ? [] : [bump(a1, step)]), bump(pb, c(bStep)));
  return loop(kk, c(0), g(count), 1, body);
}

/** acc = 0, or acc = the 16 floats per row at `addr` (rows `rowBytes` apart). */
export function loadTile(v: Locals, rows: number, p: string, addr: Code, rowBytes: Code, fromMemory: Code | false): Code {
  const out: Code[] = [];
  for (let r = 0; r < rows; r++) for (let k = 0; k < 4; k++) {
    const a = r === 0 ? addr : i32.add(addr, rowBytes);
    out.push(set(v[`${p}q${r}${k}`]!, v128.zero()));
    if (fromMemory !== false) out.push(when(fromMemory, set(v[`${p}q${r}${k}`]!, v128.load(a, 16 * k))));
  }
  return out;
}

/** Stores (or, with `add`, adds into memory) the tile at `addr`. */
export function storeTile(v: Locals, rows: number, p: string, addr: Code, rowBytes: Code, add: boolean): Code {
  const out: Code[] = [];
  for (let r = 0; r < rows; r++) for (let k = 0; k < 4; k++) {
    const a = r === 0 ? addr : i32.add(addr, rowBytes);
    const q = g(v[`${p}q${r}${k}`]!);
    out.push(v128.store(a, add ? f32x4.add(v128.load(a, 16 * k), q) : q, 16 * k));
  }
  return out;
}

/**
 * filterGrad{rows}(dw, xp, dy, C, F, N, Hp, Wp, OH, OW, kh, kw, sh, sw, cBegin, cEnd),
 * F % 16 == 0: for channels c in [cBegin, cEnd) in steps of `rows`,
 * dw[i, j, c, f] += sum over n, y, x of xp[c, n, y*sh+i, x*sw+j] * dy[n, y, x, f], with xp the
 * input transposed to [C, N, Hp, Wp] and zero-padded; one image at a time, so its rows stay
 * in cache. Conv2DBackpropFilter without an im2col matrix.
 */
function filterGrad(rows: 1 | 2): FnDef {
  return fn(`filterGrad${rows}`, ['dw', 'xp', 'dy', 'C', 'F', 'N', 'Hp', 'Wp', 'OH', 'OW', 'kh', 'kw', 'sh', 'sw', 'cBegin', 'cEnd'], locals(
    { n: 'i32', f0: 'i32', c0: 'i32', i: 'i32', j: 'i32', y: 'i32', x: 'i32', a0: 'i32', pa: 'i32', pb: 'i32', b: 'i32', cst: 'i32', fb: 'i32', sx: 'i32', ry: 'i32', d: 'i32' },
    tileLocals(rows, 't'),
  ), (v) => [
    set(v.cst!, i32.shl(i32.mul(g(v.N!), i32.mul(g(v.Hp!), g(v.Wp!))), c(2))),
    set(v.fb!, i32.shl(g(v.F!), c(2))), set(v.sx!, i32.shl(g(v.sw!), c(2))),
    set(v.ry!, i32.shl(i32.mul(g(v.sh!), g(v.Wp!)), c(2))),
    loop(v.n!, c(0), g(v.N!), 1, loop(v.f0!, c(0), g(v.F!), 16, loop(v.c0!, g(v.cBegin!), g(v.cEnd!), rows,
      loop(v.i!, c(0), g(v.kh!), 1, loop(v.j!, c(0), g(v.kw!), 1, [
        set(v.a0!, at(g(v.xp!), i32.add(i32.mul(i32.add(i32.mul(i32.add(i32.mul(g(v.c0!), g(v.N!)), g(v.n!)), g(v.Hp!)), g(v.i!)), g(v.Wp!)), g(v.j!)))),
        set(v.b!, at(g(v.dy!), i32.add(i32.mul(i32.mul(g(v.n!), i32.mul(g(v.OH!), g(v.OW!))), g(v.F!)), g(v.f0!)))),
        loadTile(v, rows, 't', c(0), c(0), false),
        loop(v.y!, c(0), g(v.OH!), 1, [
          set(v.pa!, i32.add(g(v.a0!), i32.mul(g(v.y!), g(v.ry!)))),
          set(v.pb!, i32.add(g(v.b!), i32.shl(i32.mul(i32.mul(g(v.y!), g(v.OW!)), g(v.F!)), c(2)))),
          loop(v.x!, c(0), g(v.OW!), 1, [mac(v, rows, 't', g(v.pa!), g(v.cst!), g(v.pb!)), bump(v.pa!, g(v.sx!)), bump(v.pb!, g(v.fb!))]),
        ]),
        set(v.d!, at(g(v.dw!), i32.add(i32.mul(i32.add(i32.mul(i32.add(i32.mul(g(v.i!), g(v.kw!)), g(v.j!)), g(v.C!)), g(v.c0!)), g(v.F!)), g(v.f0!)))),
        storeTile(v, rows, 't', g(v.d!), g(v.fb!), true),
      ]))))),
  ]);
}

/**
 * packB(bp, b, K, N, bk, bn), N % 16 == 0: panels of 16 columns, bp[((t * K) + k) * 16 + l] =
 * b[k * bk + (16 t + l) * bn], so gemm reads B sequentially whatever its layout.
 */
const packB = fn('packB', ['bp', 'b', 'K', 'N', 'bk', 'bn'], { t: 'i32', k: 'i32', l: 'i32', d: 'i32', s: 'i32' }, (v) => [
  set(v.d!, g(v.bp!)),
  loop(v.t!, c(0), g(v.N!), 16, loop(v.k!, c(0), g(v.K!), 1, [
    set(v.s!, at(g(v.b!), i32.add(i32.mul(g(v.k!), g(v.bk!)), i32.mul(g(v.t!), g(v.bn!))))),
    when(i32.eq(g(v.bn!), c(1)),
      [0, 1, 2, 3].map((q) => v128.store(g(v.d!), v128.load(g(v.s!), 16 * q), 16 * q)),
      loop(v.l!, c(0), c(16), 1, f32.store(at(g(v.d!), g(v.l!)), f32.load(at(g(v.s!), i32.mul(g(v.l!), g(v.bn!)))))),
    ),
    bump(v.d!, c(64)),
  ])),
]);

/**
 * gemm(out, a, bp, M, N, K, lda, accumulate, KB, NT), N % 16 == 0: out[m, n] (+)= sum over k
 * of a[m * lda + k] * B[k, n], with B packed by packB and out row-major [M, N]. Blocked: K in
 * blocks of KB, columns in groups of NT panels, so a block of B stays in cache while all rows
 * pass over it.
 */
const gemm = fn('gemm', ['out', 'a', 'bp', 'M', 'N', 'K', 'lda', 'accumulate', 'KB', 'NT'], locals(
  { k0: 'i32', kl: 'i32', t0: 'i32', t1: 'i32', nt: 'i32', m: 'i32', t: 'i32', kk: 'i32', pa: 'i32', pa1: 'i32', pb: 'i32', po: 'i32', ob: 'i32', ab: 'i32', init: 'i32', M2: 'i32' },
  tileLocals(2, 'u'), tileLocals(1, 'w'),
), (v) => {
  const tile = (rows: 1 | 2, p: string): Code => [
    set(v.pa!, at(g(v.a!), i32.add(i32.mul(g(v.m!), g(v.lda!)), g(v.k0!)))), set(v.pa1!, i32.add(g(v.pa!), g(v.ab!))),
    set(v.pb!, i32.add(g(v.bp!), i32.shl(i32.add(i32.mul(g(v.t!), g(v.K!)), g(v.k0!)), c(6)))),
    set(v.po!, at(g(v.out!), i32.add(i32.mul(g(v.m!), g(v.N!)), i32.shl(g(v.t!), c(4))))),
    loadTile(v, rows, p, g(v.po!), g(v.ob!), g(v.init!)),
    reduce(v, rows, p, v.pa!, v.pa1!, 4, v.pb!, 64, v.kl!, v.kk!),
    storeTile(v, rows, p, g(v.po!), g(v.ob!), false),
  ];
  return [
    set(v.nt!, i32.shr(g(v.N!), c(4))),
    set(v.ob!, i32.shl(g(v.N!), c(2))), set(v.ab!, i32.shl(g(v.lda!), c(2))),
    set(v.M2!, i32.and(g(v.M!), c(-2))),
    loop(v.k0!, c(0), g(v.K!), 0, [
      set(v.kl!, i32.sub(g(v.K!), g(v.k0!))), set(v.kl!, i32.min(g(v.kl!), g(v.KB!))),
      set(v.init!, i32.or(i32.gt(g(v.k0!), c(0)), g(v.accumulate!))),
      loop(v.t0!, c(0), g(v.nt!), 0, [
        set(v.t1!, i32.add(g(v.t0!), g(v.NT!))), set(v.t1!, i32.min(g(v.t1!), g(v.nt!))),
        loop(v.m!, c(0), g(v.M2!), 2, loop(v.t!, g(v.t0!), g(v.t1!), 1, tile(2, 'u'))),
        when(i32.lt(g(v.M2!), g(v.M!)), [set(v.m!, g(v.M2!)), loop(v.t!, g(v.t0!), g(v.t1!), 1, tile(1, 'w'))]),
        bump(v.t0!, g(v.NT!)),
      ]),
      bump(v.k0!, g(v.KB!)),
    ]),
  ];
});

/** The functions of this file, for the module. */
export const GEMM_FNS: readonly FnDef[] = [filterGrad(2), filterGrad(1), packB, gemm];
