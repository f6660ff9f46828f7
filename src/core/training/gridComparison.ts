/**
 * A whole comparison on the worker pool: the cells of the grid trained by ./scheduler.ts,
 * assembled into a results file (schemaVersion 2, media/results.schema.json) with the runs
 * in run order and the summary over repeats. The parallel counterpart of `runComparison` (./comparison.ts), with the same
 * statuses and the same results for the same seed.
 */
import { newResultsFile, validateConfig } from './comparison';
import type { GridCell } from './grid';
import { trainGrid } from './scheduler';
import { summarizeRuns } from '../results/summary';
import type { CellOutcome, GridInput } from './scheduler';
import type { BackendName, DigitSet, EnvironmentInfo, ResultsFile, TrainConfig } from './types';

/** Inputs of {@link runGridComparison}. */
export interface GridComparisonInput extends Pick<GridInput, 'workers' | 'createWorker' | 'callbacks' | 'signal' | 'cancelGraceMs' | 'workerOptions'> {
  readonly config: TrainConfig;
  readonly cells: readonly GridCell[];
  readonly train: DigitSet;
  readonly test: DigitSet;
  readonly environment: EnvironmentInfo;
}

/** The results file and each run's cell (for shards and repeats). */
export interface GridComparison {
  readonly file: ResultsFile;
  readonly outcomes: CellOutcome[];
}

/**
 * Trains the cells on `workers` workers running `environment.backend` and returns the
 * results file: runs in run order (cells never started after a cancel are left out), each
 * with its seed and repeat, and `summary` computed from them (../results/summary.ts); file
 * status `cancelled` after an abort, `failed` when every run failed, else `completed`.
 * @throws RangeError with the joined `validateConfig` messages, when the sets' sizes differ
 *   from the config, or from `trainGrid` (bad worker count or cells).
 */
export async function runGridComparison(input: GridComparisonInput): Promise<GridComparison> {
  const bad = validateConfig(input.config);
  if (input.train.count !== input.config.trainSamples) bad.push(`the train set has ${input.train.count} samples but config.trainSamples is ${input.config.trainSamples}`);
  if (input.test.count !== input.config.testSamples) bad.push(`the test set has ${input.test.count} samples but config.testSamples is ${input.config.testSamples}`);
  if (bad.length) throw new RangeError(bad.join('; '));
  const file = newResultsFile(input.config, input.environment);
  const backend: BackendName = input.environment.backend;
  const outcomes = await trainGrid({ ...input, backend });
  file.runs = outcomes.map((o) => o.run);
  if (input.signal?.aborted) file.status = 'cancelled';
  else if (file.runs.length > 0 && file.runs.every((r) => r.status === 'failed')) file.status = 'failed';
  file.summary = summarizeRuns(file.runs);
  return { file, outcomes };
}
