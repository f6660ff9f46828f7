/**
 * A minimal WebAssembly assembler: enough of the binary format (WebAssembly Core
 * Specification 2.0, chapter 5 "Binary Format", with the fixed-width SIMD instructions of
 * sec. 5.4.8 and the bulk-memory instructions of sec. 5.4.6) to build small SIMD kernels at
 * run time, so the kernels need no toolchain, no build step and no binary file. Code is
 * written as nested arrays of bytes: every helper returns the bytes of one instruction with
 * its operands' code in front (stack order), so `i32.add(get(a), c(4))` reads as an
 * expression. Only what src/core/training/simdKernels.ts uses is here.
 */

/** Encoded instruction bytes; nested arrays are flattened when a function is assembled. */
export type Code = number | Code[];

/** Unsigned LEB128 (spec sec. 5.2.2). */
function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 for i32 immediates (spec sec. 5.2.2). */
function sleb(n: number): number[] {
  const out: number[] = [];
  n |= 0;
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

function flat(code: Code, out: number[] = []): number[] {
  if (typeof code === 'number') out.push(code);
  else for (const c of code) flat(c, out);
  return out;
}

const T = { i32: 0x7f, f32: 0x7d, f64: 0x7c, v128: 0x7b } as const;
/** Value types a local can have. */
export type ValType = keyof typeof T;
const simd = (op: number, ...imm: number[]): number[] => [0xfd, ...uleb(op), ...imm];
/** memarg: alignment exponent 0 (unaligned access is allowed and what SIMD rows need) and a byte offset. */
const mem = (offset: number): number[] => [0, ...uleb(offset)];

/** local.get l (opcode 0x20, spec sec. 5.4.4): the value of local (or parameter) index l. */
export const get = (l: number): Code => [0x20, ...uleb(l)];
/** local.set l (0x21): stores the value of `v` in local index l. */
export const set = (l: number, v: Code): Code => [v, 0x21, ...uleb(l)];
/** i32.const n (0x41, signed LEB128 immediate); n is truncated to 32 bits. */
export const c = (n: number): Code => [0x41, ...sleb(n)];
/** f32.const x (0x43, 4 little-endian IEEE 754 bytes); x is rounded to float32. */
export const f32c = (x: number): Code => {
  const b = new Uint8Array(new Float32Array([x]).buffer);
  return [0x43, ...b];
};

/** i32 arithmetic and comparisons (signed). */
export const i32 = {
  add: (a: Code, b: Code): Code => [a, b, 0x6a],
  sub: (a: Code, b: Code): Code => [a, b, 0x6b],
  mul: (a: Code, b: Code): Code => [a, b, 0x6c],
  shl: (a: Code, b: Code): Code => [a, b, 0x74],
  shr: (a: Code, b: Code): Code => [a, b, 0x76],
  or: (a: Code, b: Code): Code => [a, b, 0x72],
  div: (a: Code, b: Code): Code => [a, b, 0x6d],
  rem: (a: Code, b: Code): Code => [a, b, 0x6f],
  lt: (a: Code, b: Code): Code => [a, b, 0x48],
  gt: (a: Code, b: Code): Code => [a, b, 0x4a],
  le: (a: Code, b: Code): Code => [a, b, 0x4c],
  ge: (a: Code, b: Code): Code => [a, b, 0x4e],
  eq: (a: Code, b: Code): Code => [a, b, 0x46],
  and: (a: Code, b: Code): Code => [a, b, 0x71],
  /** max / min emit their operands twice: pass only local reads and constants. */
  max: (a: Code, b: Code): Code => [a, b, a, b, 0x4a, 0x1b],
  min: (a: Code, b: Code): Code => [a, b, a, b, 0x48, 0x1b],
};

/** f32 scalar loads, stores and arithmetic. */
export const f32 = {
  load: (addr: Code, off = 0): Code => [addr, 0x2a, ...mem(off)],
  store: (addr: Code, v: Code, off = 0): Code => [addr, v, 0x38, ...mem(off)],
  add: (a: Code, b: Code): Code => [a, b, 0x92],
  demote: (a: Code): Code => [a, 0xb6],
};

/** f64 scalar loads, stores and arithmetic. */
export const f64 = {
  load: (addr: Code, off = 0): Code => [addr, 0x2b, ...mem(off)],
  store: (addr: Code, v: Code, off = 0): Code => [addr, v, 0x39, ...mem(off)],
  add: (a: Code, b: Code): Code => [a, b, 0xa0],
  promote: (a: Code): Code => [a, 0xbb],
};

/** 128-bit SIMD (f32x4 / i32x4 lanes). */
export const v128 = {
  load: (addr: Code, off = 0): Code => [addr, simd(0x00, ...mem(off))],
  store: (addr: Code, v: Code, off = 0): Code => [addr, v, simd(0x0b, ...mem(off))],
  /** One float32 from memory in all four lanes (v128.load32_splat). */
  loadSplat: (addr: Code, off = 0): Code => [addr, simd(0x09, ...mem(off))],
  zero: (): Code => simd(0x0c, ...new Array<number>(16).fill(0)),
  /** i8x16.shuffle of 32-bit lanes: lanes 0-3 from a, 4-7 from b. */
  shuffle32: (a: Code, b: Code, lanes: [number, number, number, number]): Code =>
    [a, b, simd(0x0d, ...lanes.flatMap((l) => [4 * l, 4 * l + 1, 4 * l + 2, 4 * l + 3]))],
  and: (a: Code, b: Code): Code => [a, b, simd(0x4e)],
  bitselect: (a: Code, b: Code, mask: Code): Code => [a, b, mask, simd(0x52)],
};
/** f32x4 lane-wise arithmetic and comparison (spec sec. 5.4.8, opcodes 0xfd 0x13-0xe6). */
export const f32x4 = {
  splat: (x: Code): Code => [x, simd(0x13)],
  /** v128.const with x in all four lanes. */
  const: (x: number): Code => {
    const b = new Uint8Array(new Float32Array([x, x, x, x]).buffer);
    return simd(0x0c, ...b);
  },
  add: (a: Code, b: Code): Code => [a, b, simd(0xe4)],
  sub: (a: Code, b: Code): Code => [a, b, simd(0xe5)],
  neg: (a: Code): Code => [a, simd(0xe1)],
  mul: (a: Code, b: Code): Code => [a, b, simd(0xe6)],
  lane: (a: Code, l: number): Code => [a, simd(0x1f, l)],
  gt: (a: Code, b: Code): Code => [a, b, simd(0x44)],
};
/** f64x2 addition and widening from f32x4 (spec sec. 5.4.8). */
export const f64x2 = {
  add: (a: Code, b: Code): Code => [a, b, simd(0xf0)],
  /** Lanes 0 and 1 of an f32x4, widened. */
  promoteLow: (a: Code): Code => [a, simd(0x5f)],
};
/** i32x4 splat and lane-wise equality (spec sec. 5.4.8), for masks and positions. */
export const i32x4 = {
  splat: (x: Code): Code => [x, simd(0x11)],
  eq: (a: Code, b: Code): Code => [a, b, simd(0x37)],
};

/**
 * Bulk memory: fill `len` bytes at `addr` with zero (memory.fill, sec. 5.4.6), skipped when
 * `len` is 0 (engines call out of line for it). `len` is emitted twice: pass a cheap expression.
 */
export const zeroFill = (addr: Code, len: Code): Code => [len, 0x04, 0x40, addr, c(0), len, 0xfc, ...uleb(11), 0, 0x0b];

/** Structured control: `if` without a result, `for (l = from; l < to; l += step)`. */
export const when = (cond: Code, then: Code, otherwise?: Code): Code =>
  otherwise === undefined ? [cond, 0x04, 0x40, then, 0x0b] : [cond, 0x04, 0x40, then, 0x05, otherwise, 0x0b];
/** `while (cond) body`. */
export const repeatWhile = (cond: Code, body: Code): Code => [0x02, 0x40, 0x03, 0x40, cond, 0x45, 0x0d, 1, body, 0x0c, 0, 0x0b, 0x0b];
/** `for (l = from; l < to; l += step) body`; step 0: the body advances l itself. */
export function loop(l: number, from: Code, to: Code, step: number, body: Code): Code {
  // block { l = from; loop { if (l >= to) break; body; l += step; continue } }
  const next = step === 0 ? [] : set(l, i32.add(get(l), c(step)));
  return [set(l, from), 0x02, 0x40, 0x03, 0x40, i32.ge(get(l), to), 0x0d, 1, body, next, 0x0c, 0, 0x0b, 0x0b];
}

/** One function: i32 parameters (pointers are byte offsets into the imported memory), no result. */
export interface FnDef {
  readonly name: string;
  readonly params: number;
  /** Extra locals after the parameters, by type, in index order. */
  readonly locals: readonly ValType[];
  readonly body: Code;
}

/**
 * Builds a FnDef from named i32 parameters and typed locals (indices follow the names). With
 * literal names `body` sees each as a `number` index; with computed ones (locals(...) of
 * generated names) as `number | undefined`.
 * @throws Error if a name is both a parameter and a local.
 */
export function fn<const P extends readonly string[], L extends Record<string, ValType>>(name: string, params: P, locals: L, body: (v: Readonly<Record<P[number] | Extract<keyof L, string>, number>>) => Code): FnDef {
  const clash = params.find((p) => p in locals);
  if (clash !== undefined) throw new Error(`${name}: '${clash}' is both a parameter and a local`);
  const v = {} as Record<P[number] | Extract<keyof L, string>, number>;
  params.forEach((p: P[number], i) => (v[p] = i));
  Object.keys(locals).forEach((l, i) => (v[l as Extract<keyof L, string>] = params.length + i));
  return { name, params: params.length, locals: Object.values(locals), body: body(v) };
}

/** Merges groups of locals, rejecting a name two groups define (which would silently retype it). */
export function locals(...groups: ReadonlyArray<Record<string, ValType>>): Record<string, ValType> {
  const out: Record<string, ValType> = {};
  for (const grp of groups) for (const [k, t] of Object.entries(grp)) {
    if (k in out) throw new Error(`local '${k}' defined twice`);
    out[k] = t;
  }
  return out;
}

/** Address of float32 element `index` of the array at byte offset `base`. */
export const at = (base: Code, index: Code): Code => i32.add(base, i32.shl(index, c(2)));
/** local += bytes. */
export const bump = (l: number, bytes: Code): Code => set(l, i32.add(get(l), bytes));

/**
 * Assembles a module that imports its memory as env.memory and exports every function by
 * name. The import declares no minimum, and no maximum for a non-shared memory, so it links
 * to any; a shared memory (the threaded tfjs build) must be declared shared with a maximum,
 * here the largest a 32-bit memory allows (65,536 pages), above any real one's.
 */
export function assemble(fns: readonly FnDef[], sharedMemory = false): Uint8Array<ArrayBuffer> {
  const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
  const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
  const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (ch) => ch.charCodeAt(0))];
  const types = fns.map((f) => [0x60, ...uleb(f.params), ...new Array<number>(f.params).fill(T.i32), 0]);
  const limits = sharedMemory ? [0x03, 0x00, ...uleb(65536)] : [0x00, 0x00];
  const importSec = vec([[...name('env'), ...name('memory'), 0x02, ...limits]]);
  const funcSec = vec(fns.map((_, i) => uleb(i)));
  const exportSec = vec(fns.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]));
  const bodies = fns.map((f) => {
    const locals = vec(f.locals.map((t) => [1, T[t]]));
    const code = [...locals, ...flat(f.body), 0x0b];
    return [...uleb(code.length), ...code];
  });
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)),
    ...section(2, importSec),
    ...section(3, funcSec),
    ...section(7, exportSec),
    ...section(10, vec(bodies)),
  ]);
}
