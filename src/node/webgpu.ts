/**
 * WebGPU for tfjs in Node through the npm package `webgpu` (Dawn, the WebGPU implementation
 * inside Chromium, as a Node addon with a prebuilt dawn.node per platform). Loaded lazily:
 * nothing here runs until WebGPU is asked for. Works in the main thread and in worker_threads
 * (each thread registers its own tfjs backend).
 *
 * Dawn reports a missing Vulkan loader or driver only as warnings on stderr, so the adapter is
 * first requested in a short-lived child process whose stderr is captured and explained
 * (./webgpuDiagnosis.ts); the CLI then prints one line instead of Dawn's warnings.
 */
import * as tf from '@tensorflow/tfjs';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EnvironmentInfo } from '../core/training/types';
import { explainAddonError, explainNoAdapter } from './webgpuDiagnosis';

/** Adapter info as recorded in results files (GPUAdapterInfo fields). */
export type NodeAdapterInfo = NonNullable<EnvironmentInfo['adapter']>;

/** WebGPU is usable: the adapter tfjs will get and the Dawn build. */
export interface NodeWebGpu {
  readonly ok: true;
  readonly adapter: NodeAdapterInfo;
  /** The npm package whose dawn.node runs, e.g. `webgpu@0.6.2` (it records no Dawn commit). */
  readonly dawnVersion: string;
  /** User-facing warnings (the software-adapter one). */
  readonly warnings: string[];
}

/** WebGPU is not usable; `reason` is one line naming what to install. */
export interface NoNodeWebGpu { readonly ok: false; readonly reason: string }

/** Seconds a probe may take (Dawn enumerating the GPUs of a large server takes a few). */
const PROBE_TIMEOUT_MS = 60_000;

/** Runs in the probe process: request an adapter and a device, print what happened as JSON. */
const PROBE_SCRIPT = `
let out;
try {
  const { create } = await import(process.argv[1]);
  const gpu = create([]);
  const a = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!a) out = { adapter: null };
  else {
    const i = a.info ?? {};
    const device = await a.requestDevice();
    device.destroy();
    out = { adapter: { vendor: i.vendor ?? '', architecture: i.architecture ?? '', device: i.device ?? '', description: i.description ?? '', isFallbackAdapter: i.isFallbackAdapter ?? a.isFallbackAdapter ?? false } };
  }
} catch (e) {
  out = { error: String(e && e.message || e) };
}
process.stdout.write(JSON.stringify(out));
process.exit(0);
`;

/**
 * Path of the `webgpu` package's index.js, resolved from this module (NODE_PATH applies).
 * @returns a reason string instead when the package is not installed.
 */
function resolveWebGpu(): { index: string } | { reason: string } {
  try {
    return { index: createRequire(__filename).resolve('webgpu') };
  } catch (e) {
    return { reason: explainAddonError((e as Error).message, process.platform, process.arch) };
  }
}

/** `webgpu@<version>` from the package.json beside `index`. */
function dawnVersionOf(index: string): string {
  const pkg = JSON.parse(readFileSync(join(dirname(index), 'package.json'), 'utf8')) as { version?: string };
  return `webgpu@${pkg.version ?? 'unknown'}`;
}

/** The software-adapter warning, as the webview words it. */
export function fallbackWarning(a: NodeAdapterInfo): string {
  return `WebGPU runs on a fallback adapter (${a.vendor || 'unknown'} ${a.architecture || ''}, software rendering): training will be slow; the wasm backend is likely faster (--backend=wasm).`;
}

/**
 * Requests an adapter and a device in a child process (same Node binary, same environment),
 * so Dawn's warnings never reach this process's stderr. No side effects here.
 * @returns the adapter and Dawn version, or one line saying why WebGPU is unavailable
 *   (missing package, dawn.node for this platform, Vulkan loader, Vulkan driver, ...).
 */
export async function probeNodeWebGpu(): Promise<NodeWebGpu | NoNodeWebGpu> {
  const found = resolveWebGpu();
  if ('reason' in found) return { ok: false, reason: found.reason };
  const url = pathToFileURL(found.index).href;
  const r = await new Promise<{ stdout: string; stderr: string; error: Error | null }>((resolve) => {
    execFile(process.execPath, ['--input-type=module', '-e', PROBE_SCRIPT, url], { timeout: PROBE_TIMEOUT_MS, maxBuffer: 4 << 20, env: process.env },
      (error, stdout, stderr) => resolve({ stdout, stderr, error }));
  });
  let out: { adapter?: NodeAdapterInfo | null; error?: string };
  try {
    out = JSON.parse(r.stdout) as typeof out;
  } catch {
    const last = r.stderr.trim().split('\n').pop() ?? '';
    const how = r.error && 'killed' in r.error && r.error.killed ? `timed out after ${PROBE_TIMEOUT_MS / 1000} s` : `crashed (${r.error?.message.split('\n')[0] ?? 'no output'})`;
    return { ok: false, reason: `the WebGPU probe ${how}${last ? `: ${last}` : ''}` };
  }
  if (out.error !== undefined) {
    const reason = /dawn\.node|webgpu/.test(out.error) ? explainAddonError(out.error, process.platform, process.arch) : `WebGPU device creation failed: ${out.error.split('\n')[0]}`;
    return { ok: false, reason };
  }
  if (!out.adapter) return { ok: false, reason: explainNoAdapter(process.platform, r.stderr) };
  return { ok: true, adapter: out.adapter, dawnVersion: dawnVersionOf(found.index), warnings: out.adapter.isFallbackAdapter ? [fallbackWarning(out.adapter)] : [] };
}

interface DawnModule { create(flags: string[]): { requestAdapter(o?: object): Promise<unknown> }; globals: Record<string, unknown> }

/** Sets `navigator.gpu` (Node 21+ has a `navigator` without `gpu`; Node 20 has none). */
function installNavigatorGpu(gpu: unknown): void {
  const g = globalThis as { navigator?: object };
  if (g.navigator) Object.defineProperty(g.navigator, 'gpu', { value: gpu, configurable: true, writable: true });
  else Object.defineProperty(globalThis, 'navigator', { value: { gpu, userAgent: `Node.js/${process.version}` }, configurable: true, writable: true });
}

/** Loads dawn.node here, installs the WebGPU globals and registers tfjs's 'webgpu' backend. */
async function loadInProcess(index: string): Promise<void> {
  const dawn = (await import(pathToFileURL(index).href)) as DawnModule;
  // GPUBufferUsage, GPUMapMode, ...: tfjs-backend-webgpu reads them as globals.
  for (const [k, v] of Object.entries(dawn.globals)) if (!(k in globalThis)) Object.defineProperty(globalThis, k, { value: v, configurable: true, writable: true });
  installNavigatorGpu(dawn.create([]));
  // The package registers its backend factory on import, only if navigator.gpu exists by then.
  await import('@tensorflow/tfjs-backend-webgpu');
  if (!tf.findBackendFactory('webgpu')) throw new Error("'@tensorflow/tfjs-backend-webgpu' was imported before navigator.gpu existed, so it registered no 'webgpu' backend");
}

let loading: Promise<NodeWebGpu | NoNodeWebGpu> | undefined;

/**
 * Makes `tf.setBackend('webgpu')` work in this thread: probes (see probeNodeWebGpu), then
 * loads dawn.node, sets `navigator.gpu` and the `GPU*` globals, and registers the tfjs
 * webgpu backend. Idempotent per thread (the first call's promise is shared). Read tensors
 * with `await t.data()` on this backend, not `dataSync()`.
 * @returns the adapter and Dawn version with warnings, or `{ ok: false, reason }` (one line).
 * @throws Error only for a programming error (tfjs-backend-webgpu imported too early).
 */
export function loadNodeWebGpu(): Promise<NodeWebGpu | NoNodeWebGpu> {
  loading ??= (async () => {
    const probe = await probeNodeWebGpu();
    if (!probe.ok) return probe;
    const found = resolveWebGpu();
    if ('reason' in found) return { ok: false as const, reason: found.reason };
    await loadInProcess(found.index);
    return probe;
  })();
  return loading;
}
