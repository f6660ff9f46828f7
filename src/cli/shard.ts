/**
 * `compare --shard=i/n`: which grid cells this process trains, and the record a shard's
 * results file carries so `activation-lab merge` can check coverage, overlap and data.
 */
import { createHash } from 'node:crypto';
import { comparisonGrid, parseShard, shardCells } from '../core/training/grid';
import type { GridCell, Shard } from '../core/training/grid';
import type { DigitSet, ShardInfo, TrainConfig } from '../core/training/types';
import { UsageError } from './args';

/** The cells to train and the shard they form (undefined: the whole grid, no shard record). */
export interface ShardPlan {
  readonly shard?: Shard;
  readonly repeats: number;
  readonly cells: readonly GridCell[];
}

/**
 * Cells of `--shard=<token>` (or the whole grid when `token` is undefined) for `config` with
 * `repeats` runs per activation.
 * @throws UsageError `--shard: ...` for a malformed or out-of-range token, or a shard that
 *   would hold no cell (more shards than runs).
 */
export function planShard(config: TrainConfig, token: string | undefined, repeats = 1): ShardPlan {
  const grid = comparisonGrid(config, repeats);
  if (token === undefined) return { repeats, cells: grid };
  let shard: Shard;
  try {
    shard = parseShard(token);
  } catch (e) {
    throw new UsageError(`--shard: ${(e as Error).message}`);
  }
  const cells = shardCells(grid, shard);
  if (cells.length === 0) throw new UsageError(`--shard: shard ${shard.index}/${shard.count} holds no run: the grid has only ${grid.length} run${grid.length === 1 ? '' : 's'}`);
  return { shard, repeats, cells };
}

/**
 * SHA-256 (hex) of the digits as trained on: train images, train labels, test images, test
 * labels, each preceded by its length as a 64-bit little-endian integer (FIPS 180-4 SHA-256;
 * the lengths keep two different splits from hashing alike).
 */
export function digitsSha256(train: DigitSet, test: DigitSet): string {
  const h = createHash('sha256');
  for (const part of [train.images, train.labels, test.images, test.labels]) {
    const len = Buffer.alloc(8);
    len.writeBigUInt64LE(BigInt(part.length));
    h.update(len);
    h.update(part);
  }
  return h.digest('hex');
}

/** The `shard` record of a results file for `plan` (undefined when the plan is the whole grid). */
export function shardRecord(plan: ShardPlan, train: DigitSet, test: DigitSet): ShardInfo | undefined {
  if (!plan.shard) return undefined;
  return { index: plan.shard.index, count: plan.shard.count, repeats: plan.repeats, cells: plan.cells.map((c) => ({ ...c })), dataSha256: digitsSha256(train, test) };
}
