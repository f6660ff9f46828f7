/**
 * The WebAssembly SIMD kernels of the wasm training kernels (simdData.ts, simdGemm.ts),
 * assembled at run time and linked to the tfjs wasm backend's own memory, so they read and
 * write tensors in place. Pointers are byte offsets into that memory; float32 throughout.
 */
import { assemble } from './wasmAsm';
import { addInto, col2im, colSum, im2colT, maxPoolGrad, transpose } from './simdData';
import { GEMM_FNS } from './simdGemm';

/** The kernels' exports, bound to one memory. */
export interface SimdKernels {
  transpose(src: number, dst: number, rows: number, cols: number): void;
  im2colT(dst: number, src: number, C: number, nC: number, cStride: number, H: number, W: number, OH: number, OW: number, sh: number, sw: number, oy: number, ox: number, ylo: number, yhi: number, xlo: number, xhi: number): void;
  col2im(dx: number, cols: number, N: number, H: number, W: number, C: number, OH: number, OW: number, kh: number, kw: number, sh: number, sw: number, pt: number, pl: number): void;
  /** scratch: 8 * cols bytes. */
  colSum(dst: number, src: number, rows: number, cols: number, scratch: number): void;
  addInto(dst: number, src: number, n: number): void;
  maxPoolGrad(dx: number, dy: number, x: number, N: number, H: number, W: number, C: number, OH: number, OW: number, fh: number, fw: number, sh: number, sw: number, pt: number, pl: number): void;
  filterGrad2(dw: number, xp: number, dy: number, C: number, F: number, N: number, Hp: number, Wp: number, OH: number, OW: number, kh: number, kw: number, sh: number, sw: number, cBegin: number, cEnd: number): void;
  filterGrad1(dw: number, xp: number, dy: number, C: number, F: number, N: number, Hp: number, Wp: number, OH: number, OW: number, kh: number, kw: number, sh: number, sw: number, cBegin: number, cEnd: number): void;
  packB(bp: number, b: number, K: number, N: number, bk: number, bn: number): void;
  gemm(out: number, a: number, bp: number, M: number, N: number, K: number, am: number, ak: number, accumulate: number, KB: number, NT: number): void;
  dotInput(dx: number, dy: number, w: number, N: number, H: number, W: number, C: number, OH: number, OW: number, F: number, kh: number, kw: number, sh: number, sw: number, pt: number, pl: number): void;
}

let compiled: WebAssembly.Module | null | undefined;

/**
 * Instantiates the kernels on `memory` (the tfjs wasm backend's). Compiled once per realm.
 * @returns undefined where WebAssembly SIMD or bulk memory is unavailable (callers then use
 *   their plain-JS or backend fallbacks).
 */
export function instantiateSimdKernels(memory: WebAssembly.Memory): SimdKernels | undefined {
  if (compiled === undefined) {
    const bytes = assemble([transpose, im2colT, col2im, colSum, addInto, maxPoolGrad, ...GEMM_FNS]);
    compiled = WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  }
  if (!compiled) return undefined;
  return new WebAssembly.Instance(compiled, { env: { memory } }).exports as unknown as SimdKernels;
}
