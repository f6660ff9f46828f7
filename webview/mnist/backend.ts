/**
 * Picks the tfjs backend for training in the webview: webgpu -> webgl -> wasm -> cpu, or
 * only the one the user forced. A backend is skipped, with the reason recorded, when its
 * adapter is null, when `tf.setBackend` does not leave it active (tfjs falls back to the
 * next backend without an error), when it lacks a kernel training needs, or when a
 * one-batch smoke step fails. Records backend, adapter info and tfjs version.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../../src/core/training/wasmKernels';
import { registerWasmMaxPoolGrad } from '../../src/core/training/wasmMaxPoolGrad';
import type { BackendName, EnvironmentInfo } from '../../src/core/training/types';
import type { BackendChoice } from '../../src/protocol/mnist';

/** Fallback order (issue 4). */
export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/**
 * Kernels the comparison CNN needs on every backend (forward, gradients, Adam, metrics),
 * by tfjs kernel name. Activation-specific kernels are exercised by the smoke step.
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

/** Step that trains one batch on the active backend; rejects (with a reason) on failure. */
export type SmokeStep = (backend: BackendName) => Promise<void>;

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

/** Tries one backend; returns null when usable, else the reason to skip it. */
async function tryBackend(name: BackendName, baseUri: string, adapter: AdapterInfo | null, smoke?: SmokeStep): Promise<string | null> {
  if (name === 'wasm') {
    setWasmPaths(`${baseUri}wasm/`);
  }
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
      registerWasmMaxPoolGrad(tf);
    } catch (e) {
      return `could not register the wasm training kernels: ${(e as Error).message}`;
    }
  }
  const missing = missingKernels(name);
  if (missing.length) return `lacks training kernel${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`;
  if (name === 'webgpu' && adapter === null) return 'no adapter';
  if (smoke) {
    try {
      await smoke(name);
    } catch (e) {
      return `one-batch smoke step failed: ${(e as Error).message}`;
    }
  }
  return null;
}

/**
 * Activates the first usable backend of `choice` ('auto': BACKEND_ORDER). The smoke step
 * runs only where another backend could still be tried (never on the last candidate).
 * @throws Error listing every skipped backend and its reason when none is usable.
 */
export async function selectBackend(choice: BackendChoice, baseUri: string, smoke?: SmokeStep): Promise<BackendSelection> {
  const candidates = choice === 'auto' ? BACKEND_ORDER : [choice];
  const skipped: Array<{ backend: BackendName; reason: string }> = [];
  for (let i = 0; i < candidates.length; i++) {
    const name = candidates[i]!;
    let adapter: AdapterInfo | null = null;
    if (name === 'webgpu') {
      const probe = await probeWebGpu();
      if (!probe.adapter) {
        skipped.push({ backend: name, reason: probe.reason! });
        continue;
      }
      adapter = probe.adapter;
    }
    const reason = await tryBackend(name, baseUri, adapter, i < candidates.length - 1 ? smoke : undefined);
    if (reason) {
      skipped.push({ backend: name, reason });
      continue;
    }
    const warnings: string[] = [];
    if (adapter?.isFallbackAdapter) {
      warnings.push(`WebGPU runs on a fallback adapter (${adapter.vendor || 'unknown'} ${adapter.architecture || ''}, software rendering): training will be slow; the wasm backend is likely faster (set Backend to wasm).`);
    }
    if (name === 'cpu') warnings.push('Training on the plain JavaScript cpu backend is very slow; use a handful of samples.');
    return { environment: { backend: name, adapter, tfjsVersion: tf.version_core, host: webviewHost(), skipped }, warnings };
  }
  throw new Error(`no usable tfjs backend: ${skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ')}`);
}
