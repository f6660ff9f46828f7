/**
 * `activation-lab merge A.json B.json ... --out=ALL.json`: joins the results files of
 * `compare --shard=i/n` runs (src/core/training/shardMerge.ts). Everything is read and checked
 * before anything is written; a refusal is one line on stderr, exit 2, and no file.
 */
import { ShardMergeError, mergeShards } from '../core/training/shardMerge';
import { readResultsFile, ResultsFileError } from '../node/resultsFile';
import { parseArgs, quote, UsageError } from './args';
import { checkOutPath, writeOut } from './output';
import { existsSync } from 'node:fs';

const HELP = `Usage: activation-lab merge <shard.json> <shard.json> ... --out=<new file.json>
Joins the results files of 'compare --shard=i/n' runs into one results file with the runs in
grid order. Refuses (exit 2, nothing written) files whose config, seed or data differ, that
overlap, that are incomplete, or that leave runs of the comparison uncovered. Never overwrites.`;

/**
 * Runs `merge`.
 * @throws UsageError (exit 2, one line, no file) for bad arguments, an unreadable or invalid
 *   file, or shards that cannot be merged.
 */
export async function runMerge(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['out'], ['help']);
  if (args.flags.has('help')) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  const out = args.options.get('out');
  if (!out) throw new UsageError('--out=<file.json> is required');
  if (!out.toLowerCase().endsWith('.json')) throw new UsageError(`--out: ${quote(out)} must end in .json`);
  checkOutPath(out);
  if (existsSync(out)) throw new UsageError(`--out: ${quote(out)} exists; results files are never overwritten`);
  if (args.positionals.length === 0) throw new UsageError('expected the shard files to merge');
  const twice = args.positionals.find((p, i) => args.positionals.indexOf(p) !== i);
  if (twice !== undefined) throw new UsageError(`${quote(twice)} is given twice`);
  const parts = [];
  for (const name of args.positionals) {
    try {
      parts.push({ name, file: await readResultsFile(name) });
    } catch (e) {
      if (e instanceof ResultsFileError) throw new UsageError(e.message);
      throw e;
    }
  }
  let merged;
  try {
    merged = mergeShards(parts);
  } catch (e) {
    if (e instanceof ShardMergeError) throw new UsageError(e.message);
    throw e;
  }
  await writeOut(out, JSON.stringify(merged, null, 2) + '\n', { overwrite: false });
  process.stderr.write(`wrote ${out} (${merged.runs.length} runs from ${parts.length} file${parts.length === 1 ? '' : 's'})\n`);
  return 0;
}
