/**
 * Contract between the training core (src/core/training), the MNIST webview, the host
 * and the CLI. Results file layout: media/results.schema.json (schemaVersion 1).
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

/** The whole results file (schemaVersion 1). */
export interface ResultsFile {
  readonly schemaVersion: 1;
  readonly createdAt: string;
  status: 'completed' | 'cancelled' | 'failed';
  readonly config: Omit<TrainConfig, 'activations'> & { readonly optimizer: string; readonly activations: readonly ActivationChoice[] };
  readonly environment: EnvironmentInfo;
  runs: RunResult[];
  warnings?: string[];
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
