/**
 * The WebAssembly SIMD kernels of the wasm training kernels (simdData.ts, simdGemm.ts),
 * assembled at run time and linked to the tfjs wasm backend's own memory, so they read and
 * write tensors in place. Pointers are byte offsets into that memory; float32 throughout.
 */
import { assemble } from './wasmAsm';
import { addInto, col2im, colSum, im2colT, maxPoolGrad, transpose } from './simdData';
import { GEMM_FNS } from './simdGemm';
import { WINOGRAD_FNS } from './simdWinograd';

/** The kernels' exports, bound to one memory. */
export interface SimdKernels {
  transpose(src: number, dst: number, rows: number, cols: number): void;
  im2colT(dst: number, src: number, C: number, nC: number, cStride: number, H: number, W: number, OH: number, OW: number, sh: number, sw: number, oy: number, ox: number, ylo: number, yhi: number, xlo: number, xhi: number): void;
  col2im(dx: number, cols: number, N: number, H: number, W: number, C: number, OH: number, OW: number, kh: number, kw: number, sh: number, sw: number, pt: number, pl: number, stride: number): void;
  /** scratch: 8 * cols bytes. */
  colSum(dst: number, src: number, rows: number, cols: number, scratch: number): void;
  addInto(dst: number, src: number, n: number): void;
  maxPoolGrad(dx: number, dy: number, x: number, N: number, H: number, W: number, C: number, OH: number, OW: number, fh: number, fw: number, sh: number, sw: number, pt: number, pl: number, fill: number): void;
  filterGrad2(dw: number, xp: number, dy: number, C: number, F: number, N: number, Hp: number, Wp: number, OH: number, OW: number, kh: number, kw: number, sh: number, sw: number, cBegin: number, cEnd: number): void;
  filterGrad1(dw: number, xp: number, dy: number, C: number, F: number, N: number, Hp: number, Wp: number, OH: number, OW: number, kh: number, kw: number, sh: number, sw: number, cBegin: number, cEnd: number): void;
  packB(bp: number, b: number, K: number, N: number, bk: number, bn: number): void;
  gemm(out: number, a: number, bp: number, M: number, N: number, K: number, lda: number, accumulate: number, KB: number, NT: number): void;
  winoConv2(y: number, x: number, up: number, bias: number, N: number, TH: number, TW: number, Hs: number, Ws: number, C: number, F: number, OH: number, OW: number, vbuf: number, mbuf: number, TB: number): void;
  winoConv4(y: number, x: number, up: number, bias: number, N: number, TH: number, TW: number, Hs: number, Ws: number, C: number, F: number, OH: number, OW: number, vbuf: number, mbuf: number, TB: number): void;
  winoFilterGrad2(s: number, x: number, dy: number, N: number, TH: number, TW: number, Hs: number, Ws: number, C: number, F: number, vbuf: number, qbuf: number, TB: number): void;
  winoFilterGrad4(s: number, x: number, dy: number, N: number, TH: number, TW: number, Hs: number, Ws: number, C: number, F: number, vbuf: number, qbuf: number, TB: number): void;
}

/**
 * Runs every kernel a few times on small zeroed inputs in `scratch` (1 MiB), so V8 compiles
 * them with its optimising tier before training starts: it begins wasm in a fast baseline
 * compiler and tiers a function up only after about 1.8 MB of its code has executed
 * (--wasm-tiering-budget), and a running call stays in the tier it started in, so without
 * this the first training step would run every kernel in baseline code (several times slower).
 */
function warmUp(k: SimdKernels, memory: WebAssembly.Memory, scratch: number): void {
  new Uint8Array(memory.buffer, scratch, 1 << 20).fill(0);
  const f = (i: number): number => scratch + i * 4;
  const [a, b, d, e] = [f(0), f(65536), f(131072), f(196608)];
  for (let r = 0; r < 16; r++) {
    k.transpose(a, b, 128, 128);
    k.im2colT(b, a, 4, 4, 4 * 16 * 16, 16, 16, 14, 14, 1, 1, 0, 0, 0, 14, 0, 14);
    k.col2im(a, b, 4, 10, 10, 8, 8, 8, 3, 3, 1, 1, 0, 0, 80);
    k.colSum(b, a, 1024, 64, d);
    k.addInto(a, b, 16384);
    k.maxPoolGrad(b, d, a, 4, 16, 16, 16, 8, 8, 2, 2, 2, 2, 0, 0, 1);
    k.filterGrad2(d, a, b, 4, 16, 2, 10, 10, 8, 8, 3, 3, 1, 1, 0, 4);
    k.filterGrad1(d, a, b, 4, 16, 2, 10, 10, 8, 8, 3, 3, 1, 1, 0, 1);
    k.packB(d, a, 64, 64, 64, 1);
    k.packB(d, a, 64, 64, 1, 64);
    k.gemm(e, a, d, 64, 64, 64, 64, 0, 256, 8);
    k.winoConv2(e, a, b, d, 2, 4, 4, 10, 10, 8, 16, 8, 8, f(229376), f(237568), 16);
    k.winoFilterGrad2(e, a, b, 2, 4, 4, 10, 10, 8, 16, f(229376), f(237568), 16);
    k.winoConv4(e, a, b, d, 2, 2, 2, 10, 10, 8, 16, 8, 8, f(229376), f(237568), 8);
    k.winoFilterGrad4(e, a, b, 2, 2, 2, 10, 10, 8, 16, f(229376), f(237568), 8);
  }
}

/** Compiled modules, for non-shared and shared memories (null: this runtime rejected it). */
const compiled = new Map<boolean, WebAssembly.Module | null>();

function compile(shared: boolean): WebAssembly.Module | null {
  if (!compiled.has(shared)) {
    const bytes = assemble([transpose, im2colT, col2im, colSum, addInto, maxPoolGrad, ...GEMM_FNS, ...WINOGRAD_FNS], shared);
    let mod: WebAssembly.Module | null = null;
    try {
      mod = new WebAssembly.Module(bytes);
    } catch {
      // No WebAssembly SIMD (or bulk memory, or shared memory) here.
    }
    compiled.set(shared, mod);
  }
  return compiled.get(shared)!;
}

/**
 * Instantiates the kernels on `memory` (the tfjs wasm backend's, shared or not) and warms
 * them up on 1 MiB of it that `malloc` / `free` lend. Compiled once per realm.
 * @returns undefined where WebAssembly SIMD or bulk memory is unavailable or the memory does
 *   not link (callers then use their plain-JS or backend fallbacks).
 */
export function instantiateSimdKernels(memory: WebAssembly.Memory, malloc: (bytes: number) => number, free: (ptr: number) => void): SimdKernels | undefined {
  const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
  const mod = compile(shared);
  if (!mod) return undefined;
  let k: SimdKernels;
  try {
    k = new WebAssembly.Instance(mod, { env: { memory } }).exports as unknown as SimdKernels;
  } catch {
    return undefined;
  }
  const scratch = malloc(1 << 20);
  try {
    warmUp(k, memory, scratch);
  } finally {
    free(scratch);
  }
  return k;
}
