/**
 * Whether a `training/*` progress message that passed the protocol's shape checks belongs to
 * the run the host started: the channel checks each message alone, this checks it against
 * the run's configuration and state, so a confused or hostile page cannot put runs,
 * epochs or a configuration into the results file that were never asked for. Pure (no
 * vscode): unit-tested.
 */
import { cellOfRun } from '../../core/training/grid';
import type { TrainConfig } from '../../core/training/types';
import type { MnistToHost } from '../../protocol/mnist';

/** The progress messages of one run (what TrainingSession.handle takes). */
type Progress = Exclude<Extract<MnistToHost, { type: `training/${string}` }>, { type: 'training/request' | 'training/saveAs' }>;

/** JSON with object keys sorted, so that two equal configurations compare equal whatever their key order. */
function canonical(x: unknown): string {
  return JSON.stringify(x, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : v));
}

/** The fields of `config` that `skeleton` (a results file's `config`) does not repeat exactly; the first one's name. */
function configMismatch(config: TrainConfig, skeleton: Record<string, unknown>): string | undefined {
  return (Object.keys(config) as Array<keyof TrainConfig>).find((k) => canonical(config[k]) !== canonical(skeleton[k]));
}

/**
 * Why `m` does not fit the run of `config` (`started`: a `training/backend` was accepted),
 * or undefined when it does. Checks: `training/backend` once, first, for this configuration;
 * run indexes below activations x repeats (run = activation * repeats + repeat, as in
 * core/training/grid.ts), progress over that many runs; epochs below `config.epochs`; a run's
 * activation that of its index; at most `config.epochs` epochs of history.
 */
export function trainingMisfit(m: Progress, config: TrainConfig, started: boolean): string | undefined {
  if (m.type === 'training/backend') {
    if (started) return 'a second training/backend in one run';
    const k = configMismatch(config, m.skeleton.config as unknown as Record<string, unknown>);
    return k === undefined ? undefined : `its config.${k} is not the one the host started`;
  }
  if (!started) return `${m.type} before training/backend`;
  if (m.type === 'training/finished') return undefined;
  const repeats = config.repeats ?? 1;
  const n = config.activations.length * repeats;
  if (m.type === 'training/progress') return m.cellsTotal === n ? undefined : `progress over ${m.cellsTotal} runs, not the ${n} configured`;
  if (m.index >= n) return `run index ${m.index} outside the ${n} run${n === 1 ? '' : 's'} (${config.activations.length} activation${config.activations.length === 1 ? '' : 's'} x ${repeats} repeat${repeats === 1 ? '' : 's'})`;
  const want = config.activations[cellOfRun(m.index, repeats).activation]!.activation;
  if (m.type === 'training/runStarted') return m.choice.activation === want ? undefined : `run ${m.index} is not ${want}`;
  if ((m.type === 'training/batch' || m.type === 'training/epoch') && m.epoch >= config.epochs) return `epoch ${m.epoch} outside the ${config.epochs} configured`;
  if (m.type === 'training/batch') return undefined;
  if (m.run.activation !== want) return `run ${m.index} is not ${want}`;
  if (m.run.history.loss.length > config.epochs) return `${m.run.history.loss.length} epochs of history, more than the ${config.epochs} configured`;
  return undefined;
}
