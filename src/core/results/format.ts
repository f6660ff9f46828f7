/**
 * The parts of the MNIST results format (media/results.schema.json, schemaVersion 2;
 * types in src/core/training/types.ts) as run-time checks: the status words, the backend
 * names and one guard per part, shared by the results validator, the host-webview
 * protocol and the command arguments. Pure; never throws.
 */
import { MAX_EXPRESSION_LENGTH_CHARS } from '../expression/limits';
import { MAX_REPEATS } from '../training/grid';
import { isFiniteNumber, isInt, isParamRecord, isRecord, isShortString } from '../guards';
import type { ActivationChoice, BackendName, EnvironmentInfo, LayerDiagnostics, Misclassified, ResultsFile, RunDiagnostics, RunResult, RunStatus, TrainConfig } from '../training/types';

/** `status` of one run (schema `runs[].status`). */
export const RUN_STATUS: readonly RunStatus[] = ['completed', 'cancelled', 'diverged', 'failed'];

/** `status` of the whole file (schema `status`). */
export const FILE_STATUS: readonly ResultsFile['status'][] = ['completed', 'cancelled', 'failed'];

/** The four per-epoch series of a run's `history`, Keras `History.history` names. */
export const HISTORY_KEYS = ['loss', 'accuracy', 'val_loss', 'val_accuracy'] as const;

/** tfjs backends in fallback order (webgpu -> webgl -> wasm -> cpu). */
const BACKENDS: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** Sanity bound on sample counts and batch counts (not a recommendation). */
export const MAX_SAMPLES = 1_000_000;

/** A backend name (`webgpu`, `webgl`, `wasm`, `cpu`). */
export function isBackendName(x: unknown): x is BackendName {
  return typeof x === 'string' && (BACKENDS as readonly string[]).includes(x);
}

/** A run status word ({@link RUN_STATUS}). */
export function isRunStatus(x: unknown): x is RunStatus {
  return typeof x === 'string' && (RUN_STATUS as readonly string[]).includes(x);
}

/** A file status word ({@link FILE_STATUS}). */
export function isFileStatus(x: unknown): x is ResultsFile['status'] {
  return typeof x === 'string' && (FILE_STATUS as readonly string[]).includes(x);
}

/**
 * An activation choice: short id, finite params, optional expression source (a saved custom
 * activation; at most MAX_EXPRESSION_LENGTH_CHARS, non-empty; compiled by the webview).
 */
export function isActivationChoice(x: unknown): x is ActivationChoice {
  return isRecord(x) && isShortString(x.activation, 64) && x.activation.length > 0 && isParamRecord(x.params)
    && (x.expression === undefined || (isShortString(x.expression, MAX_EXPRESSION_LENGTH_CHARS) && x.expression.trim() !== ''));
}

/**
 * A training configuration within the ranges the panel allows: 1..1000 epochs, batch
 * 1..4096, 1..1e6 samples, learning rate in (0, 1], clip value > 0, integer seed >= 0,
 * `minActivations`..32 activations (default 1; the form's starting values may have none).
 * Ranges are sanity bounds, not recommendations.
 */
export function isTrainConfig(x: unknown, minActivations = 1): x is TrainConfig {
  return isRecord(x) && isShortString(x.dataset, 500)
    && isInt(x.epochs, 1, 1000) && isInt(x.batchSize, 1, 4096)
    && isInt(x.trainSamples, 1, MAX_SAMPLES) && isInt(x.testSamples, 1, MAX_SAMPLES)
    && isFiniteNumber(x.learningRate) && x.learningRate > 0 && x.learningRate <= 1
    && isFiniteNumber(x.clipValue) && x.clipValue > 0
    && (x.loss === 'categorical_crossentropy' || x.loss === 'binary_crossentropy')
    && isInt(x.seed, 0, 2 ** 32 - 1)
    && Array.isArray(x.activations) && x.activations.length >= minActivations && x.activations.length <= 32
    && x.activations.every(isActivationChoice)
    && (x.repeats === undefined || isInt(x.repeats, 1, MAX_REPEATS))
    && (x.diagnostics === undefined || typeof x.diagnostics === 'boolean');
}

/** The most runs in one comparison: 32 activations times MAX_REPEATS. */
export const MAX_RUNS = 32 * MAX_REPEATS;

/** Sanity bounds of the diagnostics: hidden layers, histogram bins. */
const MAX_LAYERS = 16;
const MAX_BINS = 1000;

function isNumOrNullArray(x: unknown, max = 100_000): boolean {
  return Array.isArray(x) && x.length <= max && x.every((v) => v === null || isFiniteNumber(v));
}

/** A histogram: increasing edges, one row of non-negative integer counts per epoch, one per bin. */
function isHistogram(x: unknown): x is LayerDiagnostics['histogram'] {
  if (!isRecord(x) || !Array.isArray(x.edges) || x.edges.length < 2 || x.edges.length > MAX_BINS + 1) return false;
  const e = x.edges as unknown[];
  if (!e.every((v, i) => isFiniteNumber(v) && (i === 0 || v > (e[i - 1] as number)))) return false;
  return Array.isArray(x.counts) && x.counts.length <= 100_000 && x.counts.every((row) => Array.isArray(row)
    && row.length === e.length - 1 && row.every((c) => isInt(c, 0, Number.MAX_SAFE_INTEGER)));
}

/** One hidden layer's diagnostics (types.ts `LayerDiagnostics`; NaN as null). */
export function isLayerDiagnostics(x: unknown): x is LayerDiagnostics {
  if (!isRecord(x) || !isShortString(x.name, 64) || x.name === '' || (x.kind !== 'conv' && x.kind !== 'dense') || !isInt(x.units, 1, 1_000_000)) return false;
  const z = x.z;
  return (['gradNorm', 'weightNorm', 'updateRatio', 'deadFraction', 'saturatedFraction'] as const).every((k) => isNumOrNullArray(x[k]))
    && isRecord(z) && isNumOrNullArray(z.mean) && isNumOrNullArray(z.std) && isHistogram(x.histogram);
}

/** A run's diagnostics (types.ts `RunDiagnostics`). */
export function isRunDiagnostics(x: unknown): x is RunDiagnostics {
  return isRecord(x) && isInt(x.probeSamples, 1, MAX_SAMPLES) && isNumOrNullArray(x.gradGlobalNorm) && isNumOrNullArray(x.clippedFraction)
    && Array.isArray(x.layers) && x.layers.length <= MAX_LAYERS && x.layers.every(isLayerDiagnostics);
}

/** Standard base64 (RFC 4648) of at most 64 x 64 bytes. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A misclassified test digit: index, label and prediction 0..9 (different), pixels in base64. */
export function isMisclassified(x: unknown): x is Misclassified {
  return isRecord(x) && isInt(x.index, 0, MAX_SAMPLES) && isInt(x.label, 0, 9) && isInt(x.predicted, 0, 9) && x.label !== x.predicted
    && isShortString(x.pixels, 5464) && BASE64.test(x.pixels);
}

/** A 10 x 10 matrix of non-negative integer counts. */
export function isConfusionMatrix(x: unknown): x is number[][] {
  return Array.isArray(x) && x.length === 10 && x.every((row) => Array.isArray(row) && row.length === 10 && row.every((c) => isInt(c, 0, MAX_SAMPLES)));
}

/** A run result as the training loop reports it (NaN as null in histories and diagnostics). */
export function isRunResult(x: unknown): x is RunResult {
  if (!isRecord(x) || !isShortString(x.activation, 64) || !isParamRecord(x.params)) return false;
  if (!isRunStatus(x.status)) return false;
  const h = x.history;
  if (!isRecord(h) || !HISTORY_KEYS.every((k) => isNumOrNullArray(h[k]))) return false;
  return isNumOrNullArray(x.epochTimesMs)
    && (x.samplesPerSecond === null || isFiniteNumber(x.samplesPerSecond))
    && (x.testAccuracy === null || isFiniteNumber(x.testAccuracy))
    && (x.error === undefined || isShortString(x.error, 5000))
    && (x.seed === undefined || isInt(x.seed, 0, 2 ** 32 - 1))
    && (x.repeat === undefined || isInt(x.repeat, 0, MAX_REPEATS - 1))
    && (x.diagnostics === undefined || isRunDiagnostics(x.diagnostics))
    && (x.confusionMatrix === undefined || isConfusionMatrix(x.confusionMatrix))
    && (x.misclassified === undefined || (Array.isArray(x.misclassified) && x.misclassified.length <= 100 && x.misclassified.every(isMisclassified)));
}

/** Environment info: backend, adapter (or null), tfjs version, host, skipped backends. */
export function isEnvironmentInfo(x: unknown): x is EnvironmentInfo {
  if (!isRecord(x) || !isBackendName(x.backend) || !isShortString(x.tfjsVersion, 64) || !isShortString(x.host, 500)) return false;
  const a = x.adapter;
  const adapterOk = a === null || (isRecord(a) && isShortString(a.vendor, 200) && isShortString(a.architecture, 200)
    && typeof a.isFallbackAdapter === 'boolean'
    && (a.device === undefined || isShortString(a.device, 200)) && (a.description === undefined || isShortString(a.description, 500)));
  const skippedOk = x.skipped === undefined || (Array.isArray(x.skipped) && x.skipped.length <= 4
    && x.skipped.every((s) => isRecord(s) && isBackendName(s.backend) && isShortString(s.reason, 2000)));
  return adapterOk && skippedOk && (x.dawnVersion === undefined || isShortString(x.dawnVersion, 100))
    && (x.selection === undefined || isSelection(x.selection)) && (x.workers === undefined || isInt(x.workers, 1, 1024));
}

const CANDIDATE_KEYS: readonly string[] = ['backend', 'samplesPerSecond', 'reason', 'software'];

/** `environment.selection`: a summary line and one report per candidate backend (no other keys). */
function isSelection(x: unknown): boolean {
  return isRecord(x) && Object.keys(x).every((k) => k === 'summary' || k === 'candidates') && isShortString(x.summary, 2000)
    && Array.isArray(x.candidates) && x.candidates.length <= 8 && x.candidates.every((c) => isRecord(c) && isBackendName(c.backend)
      && Object.keys(c).every((k) => CANDIDATE_KEYS.includes(k))
      && (c.samplesPerSecond === undefined || (isFiniteNumber(c.samplesPerSecond) && c.samplesPerSecond >= 0))
      && (c.reason === undefined || isShortString(c.reason, 2000)) && (c.software === undefined || isShortString(c.software, 200)));
}
