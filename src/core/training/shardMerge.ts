/**
 * Joins the results files of `compare --shard=i/n` runs into one results file, by grid cell
 * (./grid.ts): the merged `runs[cell.run]` is the run of that cell. Refuses parts whose
 * config (seed included), data or grid differ, that are incomplete, that overlap, or that
 * leave runs uncovered. Pure: files are parsed and validated by the caller.
 */
import { comparisonGrid, shardCells } from './grid';
import type { GridCell } from './grid';
import type { MergedPart, ResultsFile, RunResult, ShardInfo } from './types';
import { summarizeRuns } from '../results/summary';

/** A part that cannot be merged; `message` is one line naming the file(s) and the problem. */
export class ShardMergeError extends Error {
  override readonly name = 'ShardMergeError';
}

/** One input: a display name (the path as typed) and its parsed, validated results. */
export interface NamedResults {
  readonly name: string;
  readonly file: ResultsFile;
}

type Sharded = NamedResults & { readonly shard: ShardInfo };

/** The first path at which `a` and `b` differ (`seed`, `activations[1].params.alpha`), or undefined. */
function firstDifference(a: unknown, b: unknown, path = ''): string | undefined {
  if (Object.is(a, b)) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return path || '(root)';
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const k of keys) {
    const sub = Array.isArray(a) ? `${path}[${k}]` : path ? `${path}.${k}` : k;
    const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], sub);
    if (d !== undefined) return d;
  }
  return undefined;
}

/** The value at a dotted/indexed `path` of `o`, as JSON for a message. */
function valueAt(o: unknown, path: string): string {
  const v = path.split(/\.|\[|\]/).filter(Boolean).reduce<unknown>((x, k) => (x as Record<string, unknown> | undefined)?.[k], o);
  return v === undefined ? 'missing' : JSON.stringify(v);
}

function cellLabel(file: ResultsFile, c: GridCell): string {
  const a = file.config.activations[c.activation]?.activation ?? `activation ${c.activation}`;
  return `run ${c.run} (${a}${c.repeat > 0 ? `, repeat ${c.repeat}` : ''})`;
}

/** Every part is a shard of the same config, data and grid. @throws ShardMergeError */
function checkSameRun(parts: readonly Sharded[]): void {
  const [first, ...rest] = parts;
  for (const p of rest) {
    const d = firstDifference(first!.file.config, p.file.config);
    if (d !== undefined) {
      const what = d === 'seed' ? 'seed' : `config.${d}`;
      throw new ShardMergeError(`${p.name} and ${first!.name} differ in ${what} (${valueAt(p.file.config, d)} vs ${valueAt(first!.file.config, d)}): they are not parts of one comparison`);
    }
    if (p.shard.dataSha256 !== first!.shard.dataSha256) {
      throw new ShardMergeError(`${p.name} and ${first!.name} were trained on different data (digits SHA-256 ${p.shard.dataSha256.slice(0, 12)}... vs ${first!.shard.dataSha256.slice(0, 12)}...)`);
    }
    if (p.shard.repeats !== first!.shard.repeats) throw new ShardMergeError(`${p.name} and ${first!.name} split grids of ${p.shard.repeats} and ${first!.shard.repeats} repeats`);
  }
}

/** The part holds exactly the cells of its shard, one finished run each. @throws ShardMergeError */
function checkPart(p: Sharded, grid: readonly GridCell[]): void {
  const { index, count, cells } = p.shard;
  const expected = shardCells(grid, { index, count });
  if (firstDifference(expected, cells) !== undefined) throw new ShardMergeError(`${p.name}: its cells are not those of shard ${index}/${count} of this comparison's grid`);
  if (p.file.status === 'cancelled' || p.file.runs.length !== cells.length) {
    throw new ShardMergeError(`${p.name}: shard ${index}/${count} is incomplete (status ${p.file.status}, ${p.file.runs.length} of ${cells.length} runs): run it again`);
  }
  p.file.runs.forEach((r, k) => {
    const want = p.file.config.activations[cells[k]!.activation]!.activation;
    if (r.activation !== want) throw new ShardMergeError(`${p.name}: runs[${k}] is ${r.activation} but its cell is ${cellLabel(p.file, cells[k]!)}`);
  });
}

/**
 * Merges shard files into one results file: runs in grid order (repeats included), the
 * summary over repeats recomputed from all of them (schemaVersion 2), `createdAt` the earliest
 * part's, environment the first shard's (a warning says so when the parts ran on different
 * backends or adapters), warnings joined without repeats, `mergedFrom` listing each part,
 * status `failed` only when every run failed. Parts may come from different splits
 * (1/2 with 3/4 and 4/4) as long as their cells cover the grid exactly once.
 * @throws ShardMergeError (one line) for no parts, a file without `shard`, a different
 *   config/seed/data/grid, an incomplete part, an overlap, or runs no part holds.
 */
export function mergeShards(inputs: readonly NamedResults[]): ResultsFile {
  if (inputs.length === 0) throw new ShardMergeError('no shard files given');
  const unsharded = inputs.find((p) => !p.file.shard);
  if (unsharded) throw new ShardMergeError(`${unsharded.name}: not a shard file (it has no "shard" record; make shards with compare --shard=i/n)`);
  const parts = [...(inputs as Sharded[]).map((p) => ({ ...p, shard: p.file.shard! }))].sort((a, b) => a.shard.index / a.shard.count - b.shard.index / b.shard.count);
  checkSameRun(parts);
  const base = parts[0]!.file;
  const grid = comparisonGrid(base.config, parts[0]!.shard.repeats);
  const owner = new Map<number, { name: string; run: RunResult }>();
  for (const p of parts) {
    checkPart(p, grid);
    p.shard.cells.forEach((c, k) => {
      const seen = owner.get(c.run);
      if (seen) throw new ShardMergeError(`${p.name} overlaps ${seen.name}: both hold ${cellLabel(base, c)}`);
      owner.set(c.run, { name: p.name, run: p.file.runs[k]! });
    });
  }
  const missing = grid.filter((c) => !owner.has(c.run));
  if (missing.length) {
    const list = missing.slice(0, 5).map((c) => cellLabel(base, c)).join(', ');
    throw new ShardMergeError(`no file holds ${missing.length === 1 ? '' : `${missing.length} runs: `}${list}${missing.length > 5 ? ', ...' : ''}: a shard is missing`);
  }
  return assemble(parts, grid.map((c) => owner.get(c.run)!.run));
}

function assemble(parts: readonly Sharded[], runs: RunResult[]): ResultsFile {
  const base = parts[0]!.file;
  const envKey = (p: Sharded): string => JSON.stringify([p.file.environment.backend, p.file.environment.adapter, p.file.environment.host]);
  const warnings = [...new Set(parts.flatMap((p) => p.file.warnings ?? []))];
  if (new Set(parts.map(envKey)).size > 1) {
    warnings.push('the shards ran on different backends, adapters or hosts (see mergedFrom): samples/s are not comparable across them; environment is that of the first shard');
  }
  const mergedFrom: MergedPart[] = parts.map((p) => ({ index: p.shard.index, count: p.shard.count, createdAt: p.file.createdAt, environment: p.file.environment, runs: p.shard.cells.map((c) => c.run) }));
  const createdAt = parts.map((p) => p.file.createdAt).sort((a, b) => Date.parse(a) - Date.parse(b))[0]!;
  return {
    schemaVersion: base.schemaVersion,
    createdAt,
    status: runs.every((r) => r.status === 'failed') ? 'failed' : 'completed',
    config: base.config,
    environment: base.environment,
    runs,
    warnings,
    mergedFrom,
    // The summary over repeats is the whole grid's, not any shard's part of it.
    ...(base.schemaVersion === 2 ? { summary: summarizeRuns(runs) } : {}),
  };
}
