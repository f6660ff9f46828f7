/**
 * Contract between the training core (src/core/training), the MNIST webview, the host
 * and the CLI. Results file layout: media/results.schema.json (schemaVersion 2; version 1
 * files, without diagnostics, repeats and summary, stay readable).
 */
import type { Params } from '../activations/types';
import type { GridCell } from './grid';

/** One activation to train, with its parameters (catalogue id or saved custom name). */
export interface ActivationChoice {
  readonly activation: string;
  readonly params: Params;
  /** For user-defined activations: the expression source (issue "User-defined activations"). */
  readonly expression?: string;
}

/** tfjs backend names, in fallback order. */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/** What the user chose; mirrors `config` in the results file. */
export interface TrainConfig {
  /** `bundled` (10,000 digits from the `mnist` package) or a label for an IDX folder. */
  readonly dataset: string;
  readonly epochs: number;
  readonly batchSize: number;
  readonly trainSamples: number;
  readonly testSamples: number;
  readonly learningRate: number;
  /** Adam clipvalue (the seed's 0.5). */
  readonly clipValue: number;
  /** `categorical_crossentropy`; `binary_crossentropy` only to reproduce the seed. */
  readonly loss: 'categorical_crossentropy' | 'binary_crossentropy';
  readonly seed: number;
  readonly activations: readonly ActivationChoice[];
  /**
   * Runs per activation, each with its own seed (`repeatSeed` in ./grid.ts; the train/test
   * split stays on `seed`). Absent means 1.
   */
  readonly repeats?: number;
  /** Per-layer diagnostics in every run (./diagnostics.ts); absent means on. */
  readonly diagnostics?: boolean;
}

/** Images as uint8 [n, 28, 28] row-major, labels uint8 [n] in 0..9. */
export interface DigitSet {
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
}

/** Keras History keys, one value per epoch. */
export interface History {
  loss: number[];
  accuracy: number[];
  val_loss: number[];
  val_accuracy: number[];
}

export type RunStatus = 'completed' | 'cancelled' | 'diverged' | 'failed';

/**
 * One hidden layer's diagnostics, one value per finished epoch (NaN is written as null).
 * Definitions and sources: ./diagnostics.ts.
 */
export interface LayerDiagnostics {
  /** Layer name in the CNN: `conv1`, `conv2`, `dense1`. */
  readonly name: string;
  readonly kind: 'conv' | 'dense';
  /** Output channels (conv) or units (dense). */
  readonly units: number;
  /** Mean over the epoch's batches of ||dC/dK||_2, the raw (unclipped) kernel gradient. */
  gradNorm: number[];
  /** ||K||_2 (Frobenius) at the end of the epoch. */
  weightNorm: number[];
  /** Mean over the epoch's batches of ||K_after - K_before||_2 / ||K_before||_2. */
  updateRatio: number[];
  /** Share of units (conv: channels) with f'(z) = 0 for every probe image and position. */
  deadFraction: number[];
  /** Share of (image, unit) pairs (conv: every position) with 0 < |f'(z)| < 1% of max |f'|. */
  saturatedFraction: number[];
  /** Mean and population standard deviation of z over the probe (all images, positions, units). */
  z: { mean: number[]; std: number[] };
  /** Counts of z per bin [edges[k], edges[k+1]); the end bins also take values beyond them. */
  histogram: { edges: number[]; counts: number[][] };
}

/** Diagnostics of one run (absent when turned off). */
export interface RunDiagnostics {
  /** Validation images in the probe batch (the first ones of the test split, every epoch). */
  readonly probeSamples: number;
  /** Mean over the epoch's batches of the global L2 norm of all raw gradients (every variable). */
  gradGlobalNorm: number[];
  /** Share of gradient components (every variable, every batch) that clipvalue clipped. */
  clippedFraction: number[];
  layers: LayerDiagnostics[];
}

/** A misclassified test digit, for the strip in the results panel. */
export interface Misclassified {
  /** Position in the test split (0-based). */
  readonly index: number;
  readonly label: number;
  readonly predicted: number;
  /** The 28 x 28 image as base64 of its bytes (row-major, 0 = background). */
  readonly pixels: string;
}

/** One activation's outcome in the results file. */
export interface RunResult {
  readonly activation: string;
  readonly params: Params;
  status: RunStatus;
  history: History;
  epochTimesMs: number[];
  samplesPerSecond: number | null;
  testAccuracy: number | null;
  error?: string;
  /** Seed of this run's initialisation, dropout and batch order (schemaVersion 2). */
  seed?: number;
  /** 0-based repeat of its activation (schemaVersion 2). */
  repeat?: number;
  diagnostics?: RunDiagnostics;
  /**
   * Test-split counts after the last finished epoch: row = true digit, column = predicted
   * (argmax), as sklearn's `confusion_matrix(y_true, y_pred)`; sums to config.testSamples.
   */
  confusionMatrix?: number[][];
  /** The first misclassified test digits (at most MAX_MISCLASSIFIED), in test order. */
  misclassified?: Misclassified[];
}

/** mean, population standard deviation, min and max over the repeats of one activation. */
export interface SummaryStats {
  readonly mean: number;
  readonly std: number;
  readonly min: number;
  readonly max: number;
}

/** One activation over its repeats (completed runs with a value), in config order. */
export interface SummaryEntry {
  readonly activation: string;
  readonly params: Params;
  /** Completed runs that went into the statistics. */
  readonly repeats: number;
  readonly testAccuracy: SummaryStats | null;
  /** Of the last epoch's val_loss. */
  readonly valLoss: SummaryStats | null;
}

/** Where training ran. */
export interface EnvironmentInfo {
  readonly backend: BackendName;
  readonly adapter: {
    vendor: string;
    architecture: string;
    isFallbackAdapter: boolean;
    /** GPUAdapterInfo.device: the GPU's name where the implementation gives it (Dawn does). */
    device?: string;
    /** GPUAdapterInfo.description: driver description, e.g. `SwiftShader driver 5.0.0`. */
    description?: string;
  } | null;
  readonly tfjsVersion: string;
  /** `vscode-webview`, `node` (CLI), ... plus platform details. */
  readonly host: string;
  /** Backends tried before this one and why each was skipped. */
  readonly skipped?: ReadonlyArray<{ backend: BackendName; reason: string }>;
  /** WebGPU in Node: the npm package whose dawn.node ran, e.g. `webgpu@0.6.2`. */
  readonly dawnVersion?: string;
  /**
   * How `auto` chose (./backendRank.ts): every candidate's measured training samples/s or the
   * reason it was not timed, and the one-line summary shown to the user.
   */
  readonly selection?: {
    readonly summary: string;
    readonly candidates: ReadonlyArray<{ backend: BackendName; samplesPerSecond?: number; reason?: string; software?: string }>;
  };
  /** Workers that trained cells at once (./scheduler.ts); absent for a run in one thread. */
  readonly workers?: number;
}

/** Which part of the comparison grid a results file holds (`compare --shard=i/n`). */
export interface ShardInfo {
  /** Shard `index` of `count`, 1-based, as typed in `--shard=i/n`. */
  readonly index: number;
  readonly count: number;
  /** Runs per activation in the grid the shards split (1: the plain comparison). */
  readonly repeats: number;
  /** This shard's grid cells in grid order; `runs[k]` is the run of `cells[k]`. */
  readonly cells: readonly GridCell[];
  /** SHA-256 (hex) of the train and test digits as trained on (images then labels, train then test). */
  readonly dataSha256: string;
}

/** Where one part of a merged file ran (`activation-lab merge`). */
export interface MergedPart {
  readonly index: number;
  readonly count: number;
  readonly createdAt: string;
  readonly environment: EnvironmentInfo;
  /** Grid positions (`GridCell.run`) of the runs that part trained. */
  readonly runs: readonly number[];
}

/** The whole results file (this code writes schemaVersion 2; it reads 1 too). */
export interface ResultsFile {
  readonly schemaVersion: 1 | 2;
  readonly createdAt: string;
  status: 'completed' | 'cancelled' | 'failed';
  readonly config: Omit<TrainConfig, 'activations'> & { readonly optimizer: string; readonly activations: readonly ActivationChoice[] };
  readonly environment: EnvironmentInfo;
  runs: RunResult[];
  warnings?: string[];
  /** Per activation over its repeats (schemaVersion 2). */
  summary?: SummaryEntry[];
  /** Present in the file of one shard: the cells it holds. */
  shard?: ShardInfo;
  /** Present in a file made by `merge`: where each shard ran. */
  mergedFrom?: MergedPart[];
}

/** Progress callbacks from the training loop (all optional). */
export interface TrainCallbacks {
  onRunStart?(index: number, choice: ActivationChoice): void;
  onBatchEnd?(index: number, epoch: number, batch: number, batches: number, loss: number): void;
  onEpochEnd?(index: number, epoch: number, run: RunResult): void;
  onRunEnd?(index: number, run: RunResult): void;
}
