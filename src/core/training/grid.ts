/**
 * The grid of a comparison: every run it trains, as (activation, repeat) cells in one fixed
 * order. The scheduler trains cells (in parallel or one by one), `--shard=i/n` picks a
 * deterministic part of them, and `merge` puts shard files back together by cell. The
 * train/test split depends on `config.seed` only; a cell's own seed drives weight
 * initialisation, dropout masks and batch order.
 */
import type { TrainConfig } from './types';

/** One run of the comparison. */
export interface GridCell {
  /** Position of the run in the results file's `runs` (0-based, activation-major). */
  readonly run: number;
  /** Index into `config.activations`. */
  readonly activation: number;
  /** 0-based repeat of that activation. */
  readonly repeat: number;
  /** Seed for initialisation, dropout and shuffles of this run (uint32). */
  readonly seed: number;
}

/** The most repeats of one activation a comparison may ask for. */
export const MAX_REPEATS = 100;

/**
 * Seed of repeat `r` of a comparison seeded with `seed`: repeat 0 keeps `seed` (one repeat is
 * the plain comparison); later repeats step by 0x9E3779B9, the 32-bit golden-ratio increment
 * of SplitMix / Weyl sequences (Steele, Lea & Flood 2014, "Fast splittable pseudorandom number
 * generators", OOPSLA), so neighbouring repeats get well separated seeds. Result in [0, 2^32).
 */
export function repeatSeed(seed: number, r: number): number {
  return (seed + Math.imul(r, 0x9e3779b9)) >>> 0;
}

/**
 * All cells of `config` with `repeats` runs per activation, activation-major:
 * run = activation * repeats + repeat.
 * @throws RangeError when `repeats` is not an integer in 1..MAX_REPEATS.
 */
export function comparisonGrid(config: Pick<TrainConfig, 'activations' | 'seed'>, repeats = 1): GridCell[] {
  if (!Number.isInteger(repeats) || repeats < 1 || repeats > MAX_REPEATS) throw new RangeError(`repeats must be an integer in 1..${MAX_REPEATS} (got ${repeats})`);
  const cells: GridCell[] = [];
  for (let a = 0; a < config.activations.length; a++) {
    for (let r = 0; r < repeats; r++) cells.push({ run: a * repeats + r, activation: a, repeat: r, seed: repeatSeed(config.seed, r) });
  }
  return cells;
}

/** Shard `index` of `count` (1-based index, as typed in `--shard=i/n`). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/**
 * Parses `i/n` with integers 1 <= i <= n <= 1000.
 * @throws RangeError naming the token when it is malformed or out of range.
 */
export function parseShard(token: string): Shard {
  const m = /^\s*(\d{1,4})\s*\/\s*(\d{1,4})\s*$/.exec(token);
  if (!m) throw new RangeError(`'${token}' is not i/n (e.g. 2/4)`);
  const index = Number(m[1]), count = Number(m[2]);
  if (count < 1 || count > 1000) throw new RangeError(`'${token}': n must be in 1..1000`);
  if (index < 1 || index > count) throw new RangeError(`'${token}': i must be in 1..${count}`);
  return { index, count };
}

/**
 * The cells of shard `index`/`count`: cell k (in grid order) belongs to shard (k mod count) + 1,
 * so shards differ in size by at most one cell and every activation is spread over shards.
 * The union of all shards is the grid; shards never overlap.
 */
export function shardCells(cells: readonly GridCell[], shard: Shard): GridCell[] {
  return cells.filter((_, k) => k % shard.count === shard.index - 1);
}

/**
 * Where run `run` sits in the grid of a comparison with `repeats` runs per activation
 * (activation-major, as {@link comparisonGrid} numbers them): its activation and repeat.
 */
export function cellOfRun(run: number, repeats = 1): { readonly activation: number; readonly repeat: number } {
  return { activation: Math.floor(run / repeats), repeat: run % repeats };
}

/**
 * The progress line's name of a run: the activation label, with `repeat r/N` when there are
 * several repeats.
 */
export function runName(label: string, run: number, repeats = 1): string {
  return repeats > 1 ? `${label} · repeat ${cellOfRun(run, repeats).repeat + 1}/${repeats}` : label;
}
