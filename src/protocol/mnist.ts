/**
 * Messages between the host and the MNIST comparison webview (webview/mnist). Training runs
 * in the webview (tfjs on the GPU); the host owns settings, the IDX files, the VS Code
 * progress notification and the results file, which it assembles from the streamed
 * `training/*` messages so that a closed panel still leaves what finished on disk.
 * Numbers that may be NaN travel as `null` (VS Code serialises messages as JSON).
 */
import type { ActivationChoice, BackendName, DigitSet, EnvironmentInfo, ResultsFile, RunResult, TrainConfig } from '../core/training/types';
import type { SavedCustom } from '../core/expression/saved';
import { MAX_EXPRESSION_LENGTH_CHARS } from '../core/expression/limits';
import { EXPORT_NAME, isFiniteNumber, isParamRecord, isRecord, isShortString } from './guards';
import { validateResults } from './resultsValidation';

/** A backend the user may force, or `auto` (webgpu -> webgl -> wasm -> cpu). */
export type BackendChoice = BackendName | 'auto';

/** Where the digits come from: the bundled 10,000 or an IDX folder the host has read. */
export type DataSource = 'bundled' | 'idx';

/** The form's starting values, from the `activationLab.mnist.*` settings. */
export interface MnistSettings {
  readonly config: TrainConfig;
  readonly backend: BackendChoice;
}

/** A train/test pair of digit sets read by the host from an IDX folder. */
export interface IdxData {
  /** Folder name shown to the user; recorded as `config.dataset` = `idx:<label>`. */
  readonly label: string;
  readonly train: DigitSet;
  readonly test: DigitSet;
}

/** Data the host puts in the page before its script runs (see `initialData()`). */
export interface MnistInitialData {
  /** Saved custom activations (`activationLab.customActivations`), listed under "Custom". */
  readonly customActivations?: readonly SavedCustom[];
}

/** Messages the host posts to the MNIST webview. */
export type HostToMnist =
  /** Settings for the form; sent once after `ready`. */
  | { type: 'init'; settings: MnistSettings }
  /** `activationLab.customActivations` changed: the new list (replaces the "Custom" group). */
  | { type: 'customs'; customs: readonly SavedCustom[] }
  /** The IDX folder was read and parsed; the webview now trains on it when asked. */
  | { type: 'data/idx'; data: IdxData }
  /** The IDX folder could not be used; `message` names the file and the problem. */
  | { type: 'data/error'; message: string }
  /** Start training with this (validated) configuration. */
  | { type: 'training/begin'; config: TrainConfig; backend: BackendChoice; source: DataSource }
  /** The request was refused (bad settings or no data); nothing started. */
  | { type: 'training/rejected'; message: string }
  /** Stop within one batch (Cancel in the progress notification). */
  | { type: 'training/cancel' }
  /** The results file was written (`path` relative to the workspace when inside it). */
  | { type: 'training/saved'; path: string }
  /** The results file could not be written. */
  | { type: 'training/saveFailed'; message: string };

/** Messages the MNIST webview posts to the host. */
export type MnistToHost =
  /** The page has loaded and listens. */
  | { type: 'ready' }
  /** Show a folder dialog, read the four IDX files and answer `data/idx` or `data/error`. */
  | { type: 'data/chooseFolder' }
  /** Start button: the host validates and answers `training/begin` or `training/rejected`. */
  | { type: 'training/request'; config: TrainConfig; backend: BackendChoice; source: DataSource }
  /**
   * A backend was chosen (skips recorded in `environment.skipped`): the results file so far
   * (no runs yet), which the host completes from the messages that follow.
   */
  | { type: 'training/backend'; skeleton: ResultsFile; warnings: string[] }
  /** One activation's run started. */
  | { type: 'training/runStarted'; index: number; choice: ActivationChoice }
  /** One batch ended; `loss` is null when it was NaN. */
  | { type: 'training/batch'; index: number; epoch: number; batch: number; batches: number; loss: number | null }
  /** One epoch ended: the run so far. */
  | { type: 'training/epoch'; index: number; epoch: number; run: RunResult }
  /** One activation's run ended (completed, cancelled, diverged or failed). */
  | { type: 'training/runEnded'; index: number; run: RunResult }
  /** The whole comparison ended. */
  | { type: 'training/finished'; status: 'completed' | 'cancelled' | 'failed'; error?: string }
  /** Save an exported chart (see src/exportChart.ts). */
  | { type: 'chart/export'; format: 'svg' | 'png'; data: string; name: string }
  /** Open the results panel on the file just saved. */
  | { type: 'results/open'; path: string };

const BACKENDS: readonly string[] = ['webgpu', 'webgl', 'wasm', 'cpu'];
const RUN_STATUS: readonly string[] = ['completed', 'cancelled', 'diverged', 'failed'];
const MAX_SAMPLES = 1_000_000;

function isInt(x: unknown, min: number, max: number): x is number {
  return Number.isInteger(x) && (x as number) >= min && (x as number) <= max;
}

function isNumOrNullArray(x: unknown, max = 100_000): boolean {
  return Array.isArray(x) && x.length <= max && x.every((v) => v === null || isFiniteNumber(v));
}

/** A backend name (`webgpu`, `webgl`, `wasm`, `cpu`). */
export function isBackendName(x: unknown): x is BackendName {
  return typeof x === 'string' && BACKENDS.includes(x);
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
    && x.activations.every(isActivationChoice);
}

/** A run result as the training loop reports it (NaN as null in histories). */
export function isRunResult(x: unknown): x is RunResult {
  if (!isRecord(x) || !isShortString(x.activation, 64) || !isParamRecord(x.params)) return false;
  if (typeof x.status !== 'string' || !RUN_STATUS.includes(x.status)) return false;
  const h = x.history;
  if (!isRecord(h) || !['loss', 'accuracy', 'val_loss', 'val_accuracy'].every((k) => isNumOrNullArray(h[k]))) return false;
  return isNumOrNullArray(x.epochTimesMs)
    && (x.samplesPerSecond === null || isFiniteNumber(x.samplesPerSecond))
    && (x.testAccuracy === null || isFiniteNumber(x.testAccuracy))
    && (x.error === undefined || isShortString(x.error, 5000));
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
  return adapterOk && skippedOk && (x.dawnVersion === undefined || isShortString(x.dawnVersion, 100));
}

function isBackendChoice(x: unknown): x is BackendChoice {
  return x === 'auto' || isBackendName(x);
}

function isRunIndex(x: unknown): x is number {
  return isInt(x, 0, 31);
}

/** Per-type payload checks for {@link isMnistToHost}. */
const CHECKS: { [K in MnistToHost['type']]: (m: Record<string, unknown>) => boolean } = {
  'ready': () => true,
  'data/chooseFolder': () => true,
  'training/request': (m) => isTrainConfig(m.config) && isBackendChoice(m.backend) && (m.source === 'bundled' || m.source === 'idx'),
  'training/backend': (m) => validateResults(m.skeleton).length === 0 && (m.skeleton as { runs: unknown[] }).runs.length === 0
    && Array.isArray(m.warnings) && m.warnings.every((w) => isShortString(w, 2000)),
  'training/runStarted': (m) => isRunIndex(m.index) && isActivationChoice(m.choice),
  'training/batch': (m) => isRunIndex(m.index) && isInt(m.epoch, 0, 1000) && isInt(m.batches, 1, MAX_SAMPLES)
    && isInt(m.batch, 0, m.batches) && (m.loss === null || isFiniteNumber(m.loss)),
  'training/epoch': (m) => isRunIndex(m.index) && isInt(m.epoch, 0, 1000) && isRunResult(m.run),
  'training/runEnded': (m) => isRunIndex(m.index) && isRunResult(m.run),
  'training/finished': (m) => (m.status === 'completed' || m.status === 'cancelled' || m.status === 'failed')
    && (m.error === undefined || isShortString(m.error, 5000)),
  'chart/export': (m) => (m.format === 'svg' || m.format === 'png') && isShortString(m.data, 50_000_000)
    && isShortString(m.name, 100) && EXPORT_NAME.test(m.name),
  // The host also checks that the path is one it reported (mnistPanel.ts `resultsUri`).
  'results/open': (m) => isShortString(m.path, 4096) && m.path.endsWith('.json') && !m.path.includes('\0'),
};

/** Runtime guard for every message from the MNIST webview (untrusted input). */
export function isMnistToHost(x: unknown): x is MnistToHost {
  return isRecord(x) && typeof x.type === 'string' && Object.prototype.hasOwnProperty.call(CHECKS, x.type)
    && CHECKS[x.type as MnistToHost['type']](x);
}

/** A digit set: `count` images of rows x cols bytes (1..10^6 images, 1..64 pixels a side). */
function isDigitSet(x: unknown): x is DigitSet {
  return isRecord(x) && isInt(x.count, 1, MAX_SAMPLES) && isInt(x.rows, 1, 64) && isInt(x.cols, 1, 64)
    && x.images instanceof Uint8Array && x.labels instanceof Uint8Array
    && x.images.length === x.count * x.rows * x.cols && x.labels.length === x.count;
}

/** The form's starting values: a {@link TrainConfig} that may list no activations, and a backend choice. */
export function isMnistSettings(x: unknown): x is MnistSettings {
  return isRecord(x) && isBackendChoice(x.backend) && isTrainConfig(x.config, 0);
}

/** Per-type payload checks for {@link isHostToMnist}. */
const HOST_CHECKS: { [K in HostToMnist['type']]: (m: Record<string, unknown>) => boolean } = {
  'init': (m) => isMnistSettings(m.settings),
  // Entries are checked one by one with `parseSavedShape` (bad ones dropped) by the webview.
  'customs': (m) => Array.isArray(m.customs),
  'data/idx': (m) => isRecord(m.data) && isShortString(m.data.label, 500) && isDigitSet(m.data.train) && isDigitSet(m.data.test),
  'data/error': (m) => isShortString(m.message),
  'training/begin': (m) => isTrainConfig(m.config) && isBackendChoice(m.backend) && (m.source === 'bundled' || m.source === 'idx'),
  'training/rejected': (m) => isShortString(m.message),
  'training/cancel': () => true,
  'training/saved': (m) => isShortString(m.path, 4096) && m.path !== '',
  'training/saveFailed': (m) => isShortString(m.message),
};

/**
 * Runtime guard for every message from the host to the MNIST webview: exact `type`, fields
 * of the right shape (the webview ignores anything else rather than failing). Never throws.
 */
export function isHostToMnist(x: unknown): x is HostToMnist {
  return isRecord(x) && typeof x.type === 'string' && Object.prototype.hasOwnProperty.call(HOST_CHECKS, x.type)
    && HOST_CHECKS[x.type as HostToMnist['type']](x);
}
