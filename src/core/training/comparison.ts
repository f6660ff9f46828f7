/**
 * Runs the whole comparison (one CNN per activation and repeat, same data) and assembles the
 * results file (schemaVersion 2, media/results.schema.json). Used by the webview and the CLI.
 */
import * as tf from '@tensorflow/tfjs';
import type { DigitSet, EnvironmentInfo, ResultsFile, TrainCallbacks, TrainConfig } from './types';
import { uploadDigits } from './deviceData';
import type { GridCell } from './grid';
import { trainActivation } from './trainLoop';
import type { ModelOptions } from './model';
import { comparisonGrid, MAX_REPEATS } from './grid';
import { summarizeRuns } from '../results/summary';

// Defined in the tfjs-free ./defaults (the extension's settings use it); the CLI imports it from here.
export { DEFAULT_CONFIG } from './defaults';

/** The optimizer as recorded in results files (Keras Adam defaults, Kingma & Ba 2015). */
export function optimizerLabel(cfg: TrainConfig): string {
  return `Adam(learning_rate=${cfg.learningRate}, beta_1=0.9, beta_2=0.999, epsilon=1e-7, clipvalue=${cfg.clipValue})`;
}

/**
 * Problems with a config, one message each (empty when valid): positive integer sizes,
 * learning rate in (0, 1], clip value > 0, at least one activation, known loss, repeats in
 * 1..MAX_REPEATS.
 */
export function validateConfig(cfg: TrainConfig): string[] {
  const bad: string[] = [];
  const posInt = (v: number, what: string): void => {
    if (!Number.isInteger(v) || v < 1) bad.push(`${what} must be a positive integer (got ${v})`);
  };
  posInt(cfg.epochs, 'epochs');
  posInt(cfg.batchSize, 'batchSize');
  posInt(cfg.trainSamples, 'trainSamples');
  posInt(cfg.testSamples, 'testSamples');
  if (!Number.isInteger(cfg.seed)) bad.push(`seed must be an integer (got ${cfg.seed})`);
  if (!(cfg.learningRate > 0 && cfg.learningRate <= 1)) bad.push(`learningRate must be in (0, 1] (got ${cfg.learningRate})`);
  if (!(cfg.clipValue > 0)) bad.push(`clipValue must be > 0 (got ${cfg.clipValue})`);
  if (cfg.loss !== 'categorical_crossentropy' && cfg.loss !== 'binary_crossentropy') bad.push(`loss must be categorical_crossentropy or binary_crossentropy (got ${String(cfg.loss)})`);
  if (cfg.activations.length === 0) bad.push('choose at least one activation');
  if (cfg.repeats !== undefined && !(Number.isInteger(cfg.repeats) && cfg.repeats >= 1 && cfg.repeats <= MAX_REPEATS)) bad.push(`repeats must be an integer in 1..${MAX_REPEATS} (got ${cfg.repeats})`);
  return bad;
}

/** Warnings recorded in the results file for a valid config (e.g. the seed's wrong loss). */
export function configWarnings(cfg: TrainConfig): string[] {
  const w: string[] = [];
  if (cfg.loss === 'binary_crossentropy') {
    w.push(
      'loss binary_crossentropy reproduces the seed article: it treats the 10 classes as 10 independent yes/no outputs, ' +
        "so history 'accuracy'/'val_accuracy' are Keras's binary_accuracy (about 0.9 even for a model that always answers 'no'). " +
        'testAccuracy is the argmax (categorical) accuracy. Use categorical_crossentropy for a fair comparison.',
    );
  }
  return w;
}

/** A results file with no runs yet (status `completed` until a run says otherwise). */
export function newResultsFile(cfg: TrainConfig, environment: EnvironmentInfo, createdAt = new Date()): ResultsFile {
  return {
    schemaVersion: 2,
    createdAt: createdAt.toISOString(),
    status: 'completed',
    config: { ...cfg, optimizer: optimizerLabel(cfg), activations: cfg.activations.map((a) => ({ ...a, params: { ...a.params } })) },
    environment,
    runs: [],
    warnings: configWarnings(cfg),
  };
}

/** Inputs of `runComparison`. */
export interface ComparisonInput {
  readonly config: TrainConfig;
  readonly train: DigitSet;
  readonly test: DigitSet;
  readonly environment: EnvironmentInfo;
  readonly callbacks?: TrainCallbacks;
  readonly signal?: AbortSignal;
  readonly resolveOp?: ModelOptions['resolveOp'];
  /**
   * The grid cells to train, in this order (default: `comparisonGrid(config, config.repeats)`,
   * every activation `config.repeats` times). `runs[k]` of the result is the run of `cells[k]`; each cell trains
   * with its own seed (initialisation, dropout masks, batch order).
   */
  readonly cells?: readonly GridCell[];
}

/**
 * Trains the grid cells `input.cells` (default: every cell of `comparisonGrid(config,
 * config.repeats)`, ./grid.ts: each activation `config.repeats` times, repeat r with seed
 * `repeatSeed(config.seed, r)`) in order on the active tfjs backend (call `tf.setBackend`
 * first) and returns the results file with its `summary`; `runs[k]` is the run of `cells[k]`.
 * The digit sets are uploaded once and disposed at the end; `tf.memory().numTensors` is the
 * same before and after. A diverged or failed run does not stop the others; an abort stops at
 * the next batch with file status `cancelled` (finished epochs kept; runs not started are left out).
 * @throws RangeError with the joined `validateConfig` messages for an invalid config, when
 *   the sets' sizes differ from config.trainSamples / testSamples (the file records the config),
 *   or when a cell names an activation outside config.activations.
 */
export async function runComparison(input: ComparisonInput): Promise<ResultsFile> {
  const bad = validateConfig(input.config);
  if (input.train.count !== input.config.trainSamples) bad.push(`the train set has ${input.train.count} samples but config.trainSamples is ${input.config.trainSamples}`);
  if (input.test.count !== input.config.testSamples) bad.push(`the test set has ${input.test.count} samples but config.testSamples is ${input.config.testSamples}`);
  const cells = input.cells ?? comparisonGrid(input.config, input.config.repeats ?? 1);
  const outside = cells.find((c) => !(c.activation >= 0 && c.activation < input.config.activations.length));
  if (outside) bad.push(`cell ${outside.run} names activation ${outside.activation}, outside config.activations`);
  if (bad.length) throw new RangeError(bad.join('; '));
  const file = newResultsFile(input.config, input.environment);
  const train = uploadDigits(input.train);
  const test = uploadDigits(input.test);
  try {
    for (const cell of cells) {
      if (input.signal?.aborted) break;
      const ctx = { train, test, callbacks: input.callbacks, signal: input.signal, resolveOp: input.resolveOp, repeat: cell.repeat };
      const cfg = cell.seed === input.config.seed ? input.config : { ...input.config, seed: cell.seed };
      const run = await trainActivation(cell.run, input.config.activations[cell.activation]!, cfg, ctx);
      file.runs.push(run);
      if (run.status === 'cancelled') break;
    }
  } finally {
    train.dispose();
    test.dispose();
  }
  if (input.signal?.aborted) file.status = 'cancelled';
  else if (file.runs.length > 0 && file.runs.every((r) => r.status === 'failed')) file.status = 'failed';
  file.summary = summarizeRuns(file.runs);
  return file;
}

/** tfjs version string for `environment.tfjsVersion`. */
export function tfjsVersion(): string {
  return tf.version_core;
}
