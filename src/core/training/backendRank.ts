/**
 * How `auto` picks the tfjs backend, shared by the MNIST webview and the CLI: software
 * renderers are recognised and ranked last, every remaining candidate is timed on a few real
 * training steps (./probe.ts), and the fastest that trains correctly wins. Pure (no tfjs, no
 * DOM): the platform probes the candidates and supplies the measurement.
 */
import type { BackendName } from './types';

/** Preference order among equals (and the order candidates are timed in). */
export const BACKEND_PREFERENCE: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/**
 * Renderer names that mean "rendered on the CPU", as they appear in WebGL's
 * `WEBGL_debug_renderer_info` UNMASKED_RENDERER_WEBGL string: Chromium's SwiftShader
 * (`ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)`,
 * or `Google SwiftShader` in older builds), Mesa's llvmpipe (`llvmpipe (LLVM 15.0.6, 256 bits)`)
 * and softpipe, Windows' WARP (`ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0
 * ps_5_0, D3D11)`), and any renderer calling itself software (`Software Rasterizer`).
 */
const SOFTWARE_RENDERERS: ReadonlyArray<readonly [RegExp, string]> = [
  [/swiftshader/i, 'SwiftShader'],
  [/llvmpipe/i, 'llvmpipe'],
  [/softpipe/i, 'softpipe'],
  [/microsoft basic render driver/i, 'Microsoft Basic Render Driver'],
  [/\bsoftware\b/i, 'software renderer'],
];

/**
 * The software renderer a WebGL renderer string names (`SwiftShader`, `llvmpipe`, `softpipe`,
 * `Microsoft Basic Render Driver`, `software renderer`), or undefined for a GPU.
 */
export function softwareWebGlRenderer(renderer: string): string | undefined {
  return SOFTWARE_RENDERERS.find(([re]) => re.test(renderer))?.[1];
}

/** The WebGPU `GPUAdapterInfo` fields we read (W3C WebGPU, sec. "GPUAdapterInfo"). */
export interface GpuAdapterInfoLike {
  readonly vendor?: string;
  readonly architecture?: string;
  readonly device?: string;
  readonly description?: string;
  /** `GPUAdapterInfo.isFallbackAdapter` (older Chromium: `GPUAdapter.isFallbackAdapter`). */
  readonly isFallbackAdapter?: boolean;
}

/**
 * Why a WebGPU adapter is a software one: a fallback adapter (the spec's term for an adapter
 * that may be much slower, typically a CPU implementation) or one whose info names a software
 * renderer (Chromium's SwiftShader adapter reports vendor `google`, architecture
 * `swiftshader`). undefined for a hardware adapter.
 */
export function softwareWebGpuAdapter(info: GpuAdapterInfoLike): string | undefined {
  const named = softwareWebGlRenderer([info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' '));
  if (info.isFallbackAdapter) return named ? `${named} fallback adapter` : 'fallback adapter';
  return named;
}

/** A backend `auto` may use, as the platform found it. */
export interface Candidate {
  readonly backend: BackendName;
  /** Why it cannot be used here (no adapter, failed to start, a kernel missing); unset = usable. */
  readonly unavailable?: string;
  /** The software renderer it runs on (from the two functions above), if any. */
  readonly software?: string;
}

/** What happened to one candidate; recorded in the results file's `environment.selection`. */
export interface CandidateReport {
  readonly backend: BackendName;
  /** Training samples/s measured on a few real steps (one model), when it was timed and trained. */
  readonly samplesPerSecond?: number;
  /** Why it was not timed, not usable, or failed the probe. */
  readonly reason?: string;
  readonly software?: string;
}

/** Outcome of {@link chooseBackend}. */
export interface BackendSelection {
  /** The winner; undefined when no candidate can train here. */
  readonly backend: BackendName | undefined;
  /** Every candidate in rank order. */
  readonly candidates: CandidateReport[];
  /** One line, e.g. `wasm chosen: 260 samples/s; webgl: SwiftShader, software, not timed`. */
  readonly summary: string;
}

/** A probe's result: measured speed, or why the backend did not train correctly. */
export type Measurement = { readonly ok: true; readonly samplesPerSecond: number } | { readonly ok: false; readonly reason: string };

/**
 * Rank order: hardware candidates by {@link BACKEND_PREFERENCE}, then software renderers
 * (same order among themselves). Unusable candidates keep their place (they are reported).
 */
export function rankCandidates(candidates: readonly Candidate[]): Candidate[] {
  const pref = (c: Candidate): number => BACKEND_PREFERENCE.indexOf(c.backend) + (c.software ? BACKEND_PREFERENCE.length : 0);
  return [...candidates].sort((a, b) => pref(a) - pref(b));
}

/**
 * Whether `auto` times a candidate. Not timed: software renderers (a CPU behind a GPU API;
 * the first step compiles shaders for about a minute on SwiftShader, then ~2.5 samples/s) and
 * `cpu` (plain JavaScript: several hundred times slower than one wasm worker in `npm run bench
 * -- engine`, so one step at batch 128 takes minutes and no time box of a few seconds finishes it). Both
 * remain fallbacks when nothing timed trains.
 */
export function isTimed(c: Candidate): boolean {
  return !c.unavailable && !c.software && c.backend !== 'cpu';
}

/** Why an untimed usable candidate was not timed. */
function untimedReason(c: Candidate): string {
  return c.software ? `${c.software}, software, not timed` : 'plain JavaScript, not timed';
}

/**
 * Picks the fastest candidate that trains correctly: every timed candidate (see
 * {@link isTimed}) is measured in rank order and the highest samples/s wins (ties: rank
 * order). When none trains, the first usable untimed one is chosen (cpu before software
 * renderers). `measure` is called only for timed candidates, one at a time.
 */
export async function chooseBackend(candidates: readonly Candidate[], measure: (backend: BackendName) => Promise<Measurement>): Promise<BackendSelection> {
  const ranked = rankCandidates(candidates);
  const reports = new Map<Candidate, CandidateReport>();
  let best: { c: Candidate; sps: number } | undefined;
  for (const c of ranked) {
    if (c.unavailable) reports.set(c, { backend: c.backend, reason: c.unavailable, ...(c.software ? { software: c.software } : {}) });
    if (!isTimed(c)) continue;
    let m: Measurement;
    try {
      m = await measure(c.backend);
    } catch (e) {
      m = { ok: false, reason: (e as Error).message };
    }
    if (m.ok) {
      reports.set(c, { backend: c.backend, samplesPerSecond: m.samplesPerSecond });
      if (!best || m.samplesPerSecond > best.sps) best = { c, sps: m.samplesPerSecond };
    } else reports.set(c, { backend: c.backend, reason: `failed the training probe: ${m.reason}` });
  }
  const fallback = best ? undefined : ranked.find((c) => !c.unavailable && !isTimed(c));
  for (const c of ranked) if (!reports.has(c)) reports.set(c, { backend: c.backend, reason: untimedReason(c), ...(c.software ? { software: c.software } : {}) });
  const chosen = best?.c ?? fallback;
  const list = ranked.map((c) => reports.get(c)!);
  return { backend: chosen?.backend, candidates: list, summary: summarize(chosen && reports.get(chosen), list) };
}

/** The one-line summary: the winner first, then every other candidate with its figure or reason. */
export function summarize(chosen: CandidateReport | undefined, all: readonly CandidateReport[]): string {
  const figure = (r: CandidateReport): string => (r.samplesPerSecond !== undefined ? `${Math.round(r.samplesPerSecond)} samples/s` : r.reason ?? '');
  const others = all.filter((r) => r !== chosen).map((r) => `${r.backend}: ${figure(r)}`);
  const head = chosen ? `${chosen.backend} chosen: ${figure(chosen)}` : 'no backend can train here';
  return [head, ...others].join('; ');
}
