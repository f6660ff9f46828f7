/**
 * Messages between the host and the MNIST comparison webview (webview/mnist). Training runs
 * in the webview (tfjs on the GPU); the host owns settings, the IDX files, the VS Code
 * progress notification and the results file, which it assembles from the streamed
 * `training/*` messages so that a closed panel still leaves what finished on disk.
 * Numbers that may be NaN travel as `null` (VS Code serialises messages as JSON). Typed
 * arrays do not go through the JSON: VS Code (for `engines.vscode` >= 1.57) lifts each
 * ArrayBuffer or typed array out of a posted message and carries it as a binary buffer beside
 * the text, so a full IDX folder (`data/idx`, 60,000 + 10,000 images: 55 MB) reaches the
 * page as Uint8Arrays, not as a JSON object of 55 million numbers; the page's check accepts
 * only real Uint8Arrays.
 */
import type { ActivationChoice, BackendName, DigitSet, ResultsFile, RunResult, TrainConfig } from '../core/training/types';
import type { SavedCustom } from '../core/expression/saved';
import { isFiniteNumber, isInt, isRecord, isShortString } from '../core/guards';
import { isActivationChoice, isBackendName, isRunResult, isTrainConfig, MAX_RUNS, MAX_SAMPLES } from '../core/results/format';
import { validateResults } from '../core/results/validate';
import type { Checks } from './channel';
import { WEBVIEW_TO_HOST, type WebviewToHost } from './shared';

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
  /** Settings for the form (replacing what it shows); sent after every `webview/ready`. */
  | { type: 'mnist/init'; settings: MnistSettings }
  /**
   * Show this activation with these parameters in the form (the "Compare on MNIST" link of a
   * hover or the side view): the first row of the same activation takes the parameters, else
   * a row is added.
   */
  | { type: 'mnist/select'; choice: ActivationChoice }
  /** `activationLab.customActivations` changed: the new list (replaces the "Custom" group). */
  | { type: 'mnist/customs'; customs: readonly SavedCustom[] }
  /** The IDX folder was read and parsed; the webview now trains on it when asked. */
  | { type: 'data/idx'; data: IdxData }
  /** The IDX folder could not be used; `message` names the file and the problem. */
  | { type: 'data/error'; message: string }
  /**
   * Start training with this (validated) configuration. `workers`: Web Workers for the wasm
   * and cpu backends (`activationLab.mnist.workers`; 0 or absent: the page's cores less one).
   */
  | { type: 'training/begin'; config: TrainConfig; backend: BackendChoice; source: DataSource; workers?: number }
  /** The request was refused (bad settings or no data); nothing started. */
  | { type: 'training/rejected'; message: string }
  /** Stop within one batch (Cancel in the progress notification). */
  | { type: 'training/cancel' }
  /** The results file was written (`path` relative to the workspace when inside it). */
  | { type: 'training/saved'; path: string }
  /**
   * The results file could not be written; `canSaveAs`: the host keeps the results and
   * writes them where the user picks on `training/saveAs`.
   */
  | { type: 'training/saveFailed'; message: string; canSaveAs?: boolean };

/** Messages the MNIST webview posts to the host. */
export type MnistToHost =
  | WebviewToHost
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
  /**
   * Speed and time left of the whole comparison (src/core/training/timeLeft.ts), at most
   * twice a second and after every epoch: training samples/s of all workers and seconds
   * left (null until measured), the share of the work done (0..1) and runs ended.
   */
  | { type: 'training/progress'; samplesPerSecond: number | null; secondsLeft: number | null; fraction: number; cellsDone: number; cellsTotal: number }
  /** One epoch ended: the run so far. */
  | { type: 'training/epoch'; index: number; epoch: number; run: RunResult }
  /** One activation's run ended (completed, cancelled, diverged or failed). */
  | { type: 'training/runEnded'; index: number; run: RunResult }
  /** The whole comparison ended. */
  | { type: 'training/finished'; status: 'completed' | 'cancelled' | 'failed'; error?: string }
  /** Open the results panel on the file just saved. */
  | { type: 'results/open'; path: string }
  /** "Save As..." for results the host kept after `training/saveFailed` with `canSaveAs`. */
  | { type: 'training/saveAs' };

/** A backend choice: `auto` or a backend name. */
export function isBackendChoice(x: unknown): x is BackendChoice {
  return x === 'auto' || isBackendName(x);
}

/** Most Web Workers a comparison may ask for (`activationLab.mnist.workers`). */
export const MAX_WORKERS = 64;

function isRunIndex(x: unknown): x is number {
  return isInt(x, 0, MAX_RUNS - 1);
}

/** Checks of {@link MnistToHost} (untrusted input). */
export const MNIST_TO_HOST: Checks<MnistToHost> = {
  ...WEBVIEW_TO_HOST,
  'data/chooseFolder': () => true,
  'training/request': (m) => isTrainConfig(m.config) && isBackendChoice(m.backend) && (m.source === 'bundled' || m.source === 'idx'),
  'training/backend': (m) => validateResults(m.skeleton).length === 0 && (m.skeleton as { runs: unknown[] }).runs.length === 0
    && Array.isArray(m.warnings) && m.warnings.every((w) => isShortString(w, 2000)),
  'training/runStarted': (m) => isRunIndex(m.index) && isActivationChoice(m.choice),
  'training/batch': (m) => isRunIndex(m.index) && isInt(m.epoch, 0, 1000) && isInt(m.batches, 1, MAX_SAMPLES)
    && isInt(m.batch, 0, m.batches) && (m.loss === null || isFiniteNumber(m.loss)),
  'training/progress': (m) => (m.samplesPerSecond === null || (isFiniteNumber(m.samplesPerSecond) && m.samplesPerSecond >= 0))
    && (m.secondsLeft === null || (isFiniteNumber(m.secondsLeft) && m.secondsLeft >= 0))
    && isFiniteNumber(m.fraction) && m.fraction >= 0 && m.fraction <= 1 && isInt(m.cellsTotal, 1, MAX_RUNS) && isInt(m.cellsDone, 0, m.cellsTotal),
  'training/epoch': (m) => isRunIndex(m.index) && isInt(m.epoch, 0, 1000) && isRunResult(m.run),
  'training/runEnded': (m) => isRunIndex(m.index) && isRunResult(m.run),
  'training/finished': (m) => (m.status === 'completed' || m.status === 'cancelled' || m.status === 'failed')
    && (m.error === undefined || isShortString(m.error, 5000)),
  // The host also checks that the path is one it reported (mnistPanel.ts `reported`).
  'results/open': (m) => isShortString(m.path, 4096) && m.path.endsWith('.json') && !m.path.includes('\0'),
  'training/saveAs': () => true,
};

/** A digit set: `count` images of rows x cols bytes (1..10^6 images, 1..64 pixels a side). */
function isDigitSet(x: unknown): x is DigitSet {
  return isRecord(x) && isInt(x.count, 1, MAX_SAMPLES) && isInt(x.rows, 1, 64) && isInt(x.cols, 1, 64)
    && x.images instanceof Uint8Array && x.labels instanceof Uint8Array
    && x.images.length === x.count * x.rows * x.cols && x.labels.length === x.count;
}

/** The form's starting values: a {@link TrainConfig} that may list no activations, and a backend choice. */
function isMnistSettings(x: unknown): x is MnistSettings {
  return isRecord(x) && isBackendChoice(x.backend) && isTrainConfig(x.config, 0);
}

/**
 * Checks of {@link HostToMnist}: exact `type`, fields of the right shape (the webview ignores
 * anything else rather than failing).
 */
export const HOST_TO_MNIST: Checks<HostToMnist> = {
  'mnist/init': (m) => isMnistSettings(m.settings),
  'mnist/select': (m) => isActivationChoice(m.choice),
  // Entries are checked one by one with `parseSavedShape` (bad ones dropped) by the webview.
  'mnist/customs': (m) => Array.isArray(m.customs),
  'data/idx': (m) => isRecord(m.data) && isShortString(m.data.label, 500) && isDigitSet(m.data.train) && isDigitSet(m.data.test),
  'data/error': (m) => isShortString(m.message),
  'training/begin': (m) => isTrainConfig(m.config) && isBackendChoice(m.backend) && (m.source === 'bundled' || m.source === 'idx')
    && (m.workers === undefined || isInt(m.workers, 0, MAX_WORKERS)),
  'training/rejected': (m) => isShortString(m.message),
  'training/cancel': () => true,
  'training/saved': (m) => isShortString(m.path, 4096) && m.path !== '',
  'training/saveFailed': (m) => isShortString(m.message) && (m.canSaveAs === undefined || typeof m.canSaveAs === 'boolean'),
};
