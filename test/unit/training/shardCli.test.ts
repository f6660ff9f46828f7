/**
 * `compare --shard=i/n` and `merge` on the wasm backend: the shards 1/n..n/n merged give the
 * unsharded run (same histories and test accuracies, same seed), for n = 2 and 3; parts with
 * another seed, other data (two IDX folders of the same name), or overlapping cells are
 * refused with one line and no file. The runs are made in this process (runCompare, as the CLI
 * calls it) to keep the suite fast; the CLI itself is spawned for the exit code and stderr.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { UsageError } from '../../../src/cli/args';
import { runCompare } from '../../../src/cli/compare';
import { runMerge } from '../../../src/cli/merge';
import type { ResultsFile } from '../../../src/core/training/types';
import { bundledDigits, ROOT } from './fixtures';

const validate = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(join(ROOT, 'media', 'results.schema.json'), 'utf8')));
const FASHION = '/usr/share/datasets/fashion-mnist';
const SIZES = ['--train-samples=96', '--test-samples=32', '--batch-size=32', '--epochs=1', '--backend=wasm'];
const RUN = ['--activations=relu,gelu,x > 0 ? x : a * (exp(x) - 1)', '--param', 'a=0.5', ...SIZES];

function cli(cmd: string, args: string[]): { code: number | null; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts'), cmd, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  return { code: r.status, stderr: r.stderr };
}

/**
 * Runs a CLI command function in this process with stderr muted, as main() would:
 * 0 on success, 2 with the UsageError's message for bad input.
 */
async function inProcess(fn: (argv: string[]) => Promise<number>, args: string[]): Promise<{ code: number | null; stderr: string }> {
  const write = process.stderr.write;
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    return { code: await fn(args), stderr: '' };
  } catch (e) {
    if (e instanceof UsageError) return { code: 2, stderr: `${e.message}\n` };
    throw e;
  } finally {
    process.stderr.write = write;
  }
}

function read(path: string): ResultsFile {
  const f = JSON.parse(readFileSync(path, 'utf8')) as ResultsFile;
  assert.ok(validate(f), JSON.stringify(validate.errors));
  return f;
}

/** The parts of a run that must not depend on how it was split (timings do). */
function outcome(f: ResultsFile): unknown {
  return { config: f.config, runs: f.runs.map((r) => ({ activation: r.activation, params: r.params, status: r.status, history: r.history, testAccuracy: r.testAccuracy })) };
}

/** Writes `n` bundled digits from `start` as an uncompressed IDX pair (LeCun's format). */
function writeIdx(dir: string, prefix: string, images: Uint8Array, labels: Uint8Array, n: number, start: number): void {
  const img = Buffer.alloc(16 + n * 784);
  img.writeUInt32BE(0x00000803, 0);
  img.writeUInt32BE(n, 4);
  img.writeUInt32BE(28, 8);
  img.writeUInt32BE(28, 12);
  img.set(images.subarray(start * 784, (start + n) * 784), 16);
  const lab = Buffer.alloc(8 + n);
  lab.writeUInt32BE(0x00000801, 0);
  lab.writeUInt32BE(n, 4);
  lab.set(labels.subarray(start, start + n), 8);
  writeFileSync(join(dir, `${prefix}-images-idx3-ubyte`), img);
  writeFileSync(join(dir, `${prefix}-labels-idx1-ubyte`), lab);
}

function refused(r: { code: number | null; stderr: string }, out: string, message: RegExp): void {
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, message);
  assert.ok(!existsSync(out), `${out} was written`);
}

describe('compare --shard and merge (CLI)', () => {
  let dir: string;
  const path = (name: string): string => join(dir, name);
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shard-cli-'));
    await bundledDigits();
    const runs: Array<[string, string[]]> = [['full.json', []], ['a1of2.json', ['--shard=1/2']], ['a2of2.json', ['--shard=2/2']],
      ['b1of3.json', ['--shard=1/3']], ['b2of3.json', ['--shard=2/3']], ['b3of3.json', ['--shard=3/3']], ['seed7-2of2.json', ['--shard=2/2', '--seed=7']]];
    for (const [name, extra] of runs) {
      const r = await inProcess(runCompare, [...RUN, ...extra, `--out=${path(name)}`]);
      assert.equal(r.code, 0, `${name}: ${r.stderr}`);
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('records the shard and its cells; the unsharded file has no shard record', () => {
    const part = read(path('a2of2.json'));
    assert.deepEqual({ ...part.shard, dataSha256: undefined }, { index: 2, count: 2, repeats: 1, cells: [{ run: 1, activation: 1, repeat: 0, seed: 42 }], dataSha256: undefined });
    assert.match(part.shard!.dataSha256, /^[0-9a-f]{64}$/);
    assert.deepEqual(part.runs.map((r) => r.activation), ['gelu']);
    assert.equal(read(path('full.json')).shard, undefined);
  });

  for (const [n, files] of [[2, ['a2of2.json', 'a1of2.json']], [3, ['b1of3.json', 'b3of3.json', 'b2of3.json']]] as const) {
    it(`shards 1/${n}..${n}/${n} merged equal the unsharded run`, async () => {
      const out = path(`merged${n}.json`);
      const r = n === 2 ? cli('merge', [...files.map(path), `--out=${out}`]) : await inProcess(runMerge, [...files.map(path), `--out=${out}`]);
      assert.equal(r.code, 0, r.stderr);
      const merged = read(out);
      assert.deepEqual(outcome(merged), outcome(read(path('full.json'))));
      assert.deepEqual(merged.runs.map((x) => x.activation), ['relu', 'gelu', 'expression3']);
      assert.equal(merged.mergedFrom!.length, n);
      assert.ok(merged.runs.every((x) => x.status === 'completed' && x.history.loss.length === 1));
    });
  }

  it('refuses a part trained with another seed', () => {
    const out = path('bad-seed.json');
    refused(cli('merge', [path('a1of2.json'), path('seed7-2of2.json'), `--out=${out}`]), out, /^activation-lab merge: .*seed7-2of2\.json and .*a1of2\.json differ in seed \(7 vs 42\)/);
  });

  it('refuses overlapping parts and a missing part', async () => {
    copyFileSync(path('a1of2.json'), path('copy1of2.json'));
    const out = path('bad-overlap.json');
    refused(await inProcess(runMerge, [path('a1of2.json'), path('copy1of2.json'), path('a2of2.json'), `--out=${out}`]), out, /overlaps .*both hold run 0 \(relu\)/);
    refused(await inProcess(runMerge, [path('b1of3.json'), path('b3of3.json'), `--out=${out}`]), out, /no file holds run 1 \(gelu\): a shard is missing/);
    refused(await inProcess(runMerge, [path('full.json'), `--out=${out}`]), out, /full\.json: not a shard file/);
  });

  it('refuses parts trained on different data with the same config (two IDX folders named "digits")', async () => {
    const fashion = path('one/digits'), mnist = path('two/digits');
    mkdirSync(fashion, { recursive: true });
    mkdirSync(mnist, { recursive: true });
    for (const f of ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz']) symlinkSync(join(FASHION, f), join(fashion, f));
    const all = await bundledDigits();
    writeIdx(mnist, 'train', all.images, all.labels, 1000, 0);
    writeIdx(mnist, 't10k', all.images, all.labels, 500, 1000);
    const idxRun = ['--activations=relu,gelu', ...SIZES];
    assert.equal((await inProcess(runCompare, [...idxRun, `--data=${fashion}`, '--shard=1/2', `--out=${path('f1.json')}`])).code, 0);
    assert.equal((await inProcess(runCompare, [...idxRun, `--data=${mnist}`, '--shard=2/2', `--out=${path('m2.json')}`])).code, 0);
    assert.equal(read(path('f1.json')).config.dataset, read(path('m2.json')).config.dataset);
    const out = path('bad-data.json');
    refused(await inProcess(runMerge, [path('f1.json'), path('m2.json'), `--out=${out}`]), out, /were trained on different data \(digits SHA-256/);
  });

  it('exits 2 for a malformed --shard and for a shard that would hold no run', async () => {
    const out = path('never.json');
    refused(cli('compare', [...RUN, '--shard=4/3', `--out=${out}`]), out, /--shard: '4\/3': i must be in 1\.\.3/);
    refused(await inProcess(runCompare, [...RUN, '--shard=4/4', `--out=${out}`]), out, /--shard: shard 4\/4 holds no run: the grid has only 3 runs/);
  });
});
