/**
 * What the wasm training kernels need from tfjs-backend-wasm 4.22: its heap (to run the SIMD
 * kernels of simdKernels.ts on tensors in place), tensor allocation, and its own kernels
 * (captured before ours replace them). The backend fields used here are those of
 * BackendWasm in @tensorflow/tfjs-backend-wasm/dist/backend_wasm.js.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import type { SimdKernels } from './simdKernels';
import { instantiateSimdKernels } from './simdKernels';

/** The tfjs namespace (with the wasm backend imported). */
export type Tf = typeof tfTypes;
/** A tensor as kernels see it. */
export type Info = tfTypes.TensorInfo;
/** Kernel padding attribute as tfjs passes it. */
export type Pad = 'valid' | 'same' | number | [[number, number], [number, number], [number, number], [number, number]];

/** The parts of tfjs-backend-wasm's BackendWasm the kernels use. */
export interface WasmBackend {
  readonly wasm: {
    readonly asm: { readonly memory: WebAssembly.Memory };
    readonly HEAPU8: Uint8Array;
    readonly HEAPF32: Float32Array;
    readonly HEAP32: Int32Array;
    _malloc(bytes: number): number;
    _free(ptr: number): void;
  };
  readonly dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: 'float32' | 'int32' | 'bool'): Info;
  disposeData(dataId: object): boolean;
  incRef(dataId: object): void;
}

/** Arguments tfjs passes to a kernel function. */
export interface KernelArgs {
  readonly inputs: Record<string, Info>;
  readonly backend: WasmBackend;
  readonly attrs: Record<string, unknown>;
}

/** A kernel function as registered with tfjs. */
export type Kernel = (args: KernelArgs) => Info;

const simdByMemory = new WeakMap<WebAssembly.Memory, SimdKernels | null>();

/** Helpers over one backend instance, for one kernel call. */
export class WasmCtx {
  /** SIMD kernels on this backend's memory, or null where WebAssembly SIMD is unavailable. */
  readonly simd: SimdKernels | null;

  constructor(readonly tf: Tf, readonly backend: WasmBackend, private readonly originals: ReadonlyMap<string, Kernel>) {
    const memory = backend.wasm.asm.memory;
    let k = simdByMemory.get(memory);
    if (k === undefined) {
      const wasm = backend.wasm;
      k = instantiateSimdKernels(memory, (n) => wasm._malloc(n) >>> 0, (p) => wasm._free(p)) ?? null;
      simdByMemory.set(memory, k);
    }
    this.simd = k;
  }

  /** Byte offset of a tensor's data in the heap. */
  ptr(t: Info): number {
    const d = this.backend.dataIdMap.get(t.dataId);
    if (!d) throw new Error('wasm training kernels: tensor data is not on the wasm backend');
    return d.memoryOffset;
  }

  /** A new float32 tensor (uninitialised heap memory). */
  out(shape: number[]): Info {
    return this.backend.makeOutput(shape, 'float32');
  }

  /** The same data seen with another shape of the same size (for the backend's own kernels). */
  view(t: Info, shape: number[]): Info {
    return { dataId: t.dataId, shape, dtype: t.dtype };
  }

  free(...ts: Info[]): void {
    for (const t of ts) this.backend.disposeData(t.dataId);
  }

  /** Scratch heap memory; release with `release`. */
  malloc(bytes: number): number {
    return this.backend.wasm._malloc(Math.max(bytes, 16)) >>> 0;
  }

  release(ptr: number): void {
    this.backend.wasm._free(ptr);
  }

  /** The backend's own kernel `name` (as registered before ours). */
  call(name: string, inputs: Record<string, Info>, attrs: Record<string, unknown>): Info {
    const k = this.originals.get(name) ?? (this.tf.getKernel(name, 'wasm')?.kernelFunc as Kernel | undefined);
    if (!k) throw new Error(`wasm backend has no '${name}' kernel (is @tensorflow/tfjs-backend-wasm imported?)`);
    return k({ inputs, backend: this.backend, attrs });
  }

  /** Untransposed a [1, M, K] x b [1, K, N] on XNNPACK (the backend packs b once per tensor). */
  matmul(a: Info, b: Info): Info {
    return this.call('BatchMatMul', { a, b }, { transposeA: false, transposeB: false });
  }

  /**
   * out [M, N] (+)= a [M, K] (rows `lda` floats apart) times the packB-packed bp [K, N] on the
   * SIMD gemm, N % 16 == 0, blocked so 128 KiB of B (a quarter of a 512 KiB L2) serves all rows.
   */
  gemm(out: number, a: number, bp: number, M: number, N: number, K: number, lda: number, accumulate: boolean): void {
    const KB = 256;
    this.simd!.gemm(out, a, bp, M, N, K, lda, accumulate ? 1 : 0, KB, Math.max(1, Math.floor((128 << 10) / (KB * 64))));
  }

  /** Copies `bytes` bytes inside the heap. */
  copy(dst: number, src: number, bytes: number): void {
    this.backend.wasm.HEAPU8.copyWithin(dst, src, src + bytes);
  }

  zero(ptr: number, bytes: number): void {
    this.backend.wasm.HEAPU8.fill(0, ptr, ptr + bytes);
  }
}
