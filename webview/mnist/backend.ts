/**
 * Picks the tfjs backend for training in the webview. `auto`: software renderers (a WebGPU
 * fallback adapter, a WebGL context on SwiftShader, llvmpipe, ...) are ranked last, every
 * other candidate is timed on a few real training steps that also check it learns
 * (src/core/training/probe.ts), and the fastest wins (src/core/training/backendRank.ts);
 * the outcome is `environment.selection`. A forced backend is only started. A backend is
 * unusable, with the reason recorded, when its adapter is null, when `tf.setBackend` does
 * not leave it active (tfjs falls back without an error), or when it lacks a training kernel.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../../src/core/training/wasmKernels';
import { configureWebGpuTraining } from '../../src/core/training/webgpuFlags';
import { chooseBackend, softwareWebGlRenderer, softwareWebGpuAdapter, BACKEND_PREFERENCE } from '../../src/core/training/backendRank';
import type { Candidate } from '../../src/core/training/backendRank';
import { probeTraining } from '../../src/core/training/probe';
import type { BackendName, DigitSet, EnvironmentInfo, TrainConfig } from '../../src/core/training/types';
import type { BackendChoice } from '../../src/protocol/mnist';

/**
 * Kernels the comparison CNN needs on every backend (forward, gradients, Adam, metrics),
 * by tfjs kernel name. Activation-specific kernels are exercised by the run itself (a missing one fails only its run).
 */
export const TRAINING_KERNELS: readonly string[] = [
  'Conv2D', 'Conv2DBackpropFilter', 'Conv2DBackpropInput', 'MaxPool', 'MaxPoolGrad', 'BatchMatMul',
  'Softmax', 'Log', 'Sum', 'Mean', 'Max', 'ArgMax', 'Equal', 'Multiply', 'Add', 'Sub', 'RealDiv',
  'Sqrt', 'Square', 'ClipByValue', 'GatherV2', 'OneHot', 'Reshape', 'Transpose', 'Cast', 'Maximum',
];

/** The adapter fields recorded in results files. */
export type AdapterInfo = NonNullable<EnvironmentInfo['adapter']>;

/** Outcome of {@link selectBackend}: the active backend and what happened on the way. */
export interface BackendSelection {
  readonly environment: EnvironmentInfo;
  /** User-facing warnings, e.g. the software-adapter one. */
  readonly warnings: string[];
}

/** Minimal WebGPU surface we use (the DOM lib of this TS version has no WebGPU types). */
interface GpuAdapterLike {
  readonly info?: { vendor?: string; architecture?: string; isFallbackAdapter?: boolean };
  readonly isFallbackAdapter?: boolean;
  requestAdapterInfo?(): Promise<{ vendor?: string; architecture?: string }>;
}

/**
 * Adapter info via `GPUAdapter.info` (Chrome 127+) or the older `requestAdapterInfo()`.
 * @returns null when WebGPU is absent or `requestAdapter()` gives null; `reason` says which.
 */
export async function probeWebGpu(): Promise<{ adapter: AdapterInfo | null; reason?: string }> {
  const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> } }).gpu;
  if (!gpu) return { adapter: null, reason: 'navigator.gpu is missing: this webview has no WebGPU' };
  let a: GpuAdapterLike | null;
  try {
    a = await gpu.requestAdapter();
  } catch (e) {
    return { adapter: null, reason: `navigator.gpu.requestAdapter() threw: ${(e as Error).message}` };
  }
  if (!a) return { adapter: null, reason: 'navigator.gpu.requestAdapter() returned null: no WebGPU adapter (GPU blocklisted or WebGPU disabled)' };
  const info = a.info ?? (await a.requestAdapterInfo?.().catch(() => undefined)) ?? {};
  const fallback = a.info?.isFallbackAdapter ?? a.isFallbackAdapter ?? false;
  return { adapter: { vendor: info.vendor ?? '', architecture: info.architecture ?? '', isFallbackAdapter: fallback } };
}

/** Training kernels the registry lacks for `backend`. */
export function missingKernels(backend: BackendName): string[] {
  return TRAINING_KERNELS.filter((k) => !tf.getKernel(k, backend));
}

function webviewHost(): string {
  return `vscode-webview; ${navigator.userAgent}`;
}

/** Starts one backend; returns null when usable, else the reason not to use it. */
async function tryBackend(name: BackendName, baseUri: string): Promise<string | null> {
  if (name === 'wasm') setWasmPaths(`${baseUri}wasm/`);
  if (name === 'webgpu') configureWebGpuTraining(tf.env());
  let ok: boolean;
  try {
    ok = await tf.setBackend(name);
  } catch (e) {
    return `tf.setBackend('${name}') threw: ${(e as Error).message}`;
  }
  if (!ok || tf.getBackend() !== name) return `tf.setBackend('${name}') failed to initialise (active backend: ${tf.getBackend() ?? 'none'})`;
  if (name === 'wasm') {
    try {
      registerWasmTrainingKernels(tf);
    } catch (e) {
      return `could not register the wasm training kernels: ${(e as Error).message}`;
    }
  }
  const missing = missingKernels(name);
  if (missing.length) return `lacks training kernel${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`;
  return null;
}

/**
 * The renderer of a fresh WebGL2 (else WebGL) context: `WEBGL_debug_renderer_info`'s
 * UNMASKED_RENDERER_WEBGL, else RENDERER. null when no context can be made.
 */
export function webGlRenderer(): string | null {
  const canvas = document.createElement('canvas');
  const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
  if (!gl) return null;
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return renderer;
}

/** Each backend as an `auto` candidate: unavailable (and why), or on which software renderer. */
async function candidates(): Promise<{ list: Candidate[]; adapter: AdapterInfo | null }> {
  const list: Candidate[] = [];
  let adapter: AdapterInfo | null = null;
  for (const backend of BACKEND_PREFERENCE) {
    if (backend === 'webgpu') {
      const p = await probeWebGpu();
      adapter = p.adapter;
      const software = p.adapter ? softwareWebGpuAdapter(p.adapter) : undefined;
      list.push({ backend, ...(p.adapter ? {} : { unavailable: p.reason! }), ...(software ? { software } : {}) });
    } else if (backend === 'webgl') {
      const r = webGlRenderer();
      const software = r === null ? undefined : softwareWebGlRenderer(r);
      list.push({ backend, ...(r === null ? { unavailable: 'no WebGL context' } : {}), ...(software ? { software } : {}) });
    } else list.push({ backend });
  }
  return { list, adapter };
}

function environmentOf(name: BackendName, adapter: AdapterInfo | null, extra: Partial<EnvironmentInfo> = {}): BackendSelection {
  const warnings: string[] = [];
  const a = name === 'webgpu' ? adapter : null;
  if (a?.isFallbackAdapter) {
    warnings.push(`WebGPU runs on a fallback adapter (${a.vendor || 'unknown'} ${a.architecture || ''}, software rendering): training will be slow; the wasm backend is likely faster (set Backend to wasm).`);
  }
  if (name === 'cpu') warnings.push('Training on the plain JavaScript cpu backend is very slow; use a handful of samples.');
  return { environment: { backend: name, adapter: a, tfjsVersion: tf.version_core, host: webviewHost(), ...extra }, warnings };
}

/**
 * Activates the backend to train on and describes it. A forced `choice` is started as is;
 * `auto` ranks, times and picks as the module comment says, timing on the first
 * `config.batchSize` digits of `train`, and leaves the winner active.
 * @throws Error with the reason (forced) or every candidate's figure or reason (`auto`) when
 *   nothing can train here.
 */
export async function selectBackend(choice: BackendChoice, baseUri: string, train: DigitSet, config: TrainConfig): Promise<BackendSelection> {
  if (choice !== 'auto') {
    const probe = choice === 'webgpu' ? await probeWebGpu() : { adapter: null };
    const reason = probe.adapter === null && choice === 'webgpu' ? probe.reason! : await tryBackend(choice, baseUri);
    if (reason) throw new Error(`no usable tfjs backend: ${choice}: ${reason}`);
    return environmentOf(choice, probe.adapter);
  }
  const { list, adapter } = await candidates();
  const sel = await chooseBackend(list, async (b) => {
    const reason = await tryBackend(b, baseUri);
    return reason ? { ok: false, reason } : probeTraining(train, config);
  });
  const chosen = sel.backend;
  const reason = chosen ? await tryBackend(chosen, baseUri) : sel.summary;
  if (!chosen || reason) throw new Error(`no usable tfjs backend: ${reason}`);
  const skipped = sel.candidates.filter((c) => c.backend !== chosen && c.samplesPerSecond === undefined).map((c) => ({ backend: c.backend, reason: c.reason ?? '' }));
  return environmentOf(chosen, adapter, { skipped, selection: { summary: sel.summary, candidates: sel.candidates } });
}
