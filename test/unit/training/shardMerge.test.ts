/**
 * Merging shard files by grid cell (src/core/training/shardMerge.ts) on hand-made shard
 * files: grid order, coverage, overlap, different config/seed/data/grid, incomplete parts,
 * and that every produced file passes the results validation and media/results.schema.json.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { comparisonGrid, shardCells } from '../../../src/core/training/grid';
import { mergeShards, ShardMergeError } from '../../../src/core/training/shardMerge';
import type { NamedResults } from '../../../src/core/training/shardMerge';
import type { ResultsFile, RunResult } from '../../../src/core/training/types';
import { validateResults } from '../../../src/core/results/validate';
import { ROOT } from './fixtures';

const schema = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(join(ROOT, 'media', 'results.schema.json'), 'utf8')));
const ACTS = ['relu', 'gelu', 'tanh', 'selu', 'elu'];
const SHA = 'ab'.repeat(32);
const config: ResultsFile['config'] = {
  dataset: 'bundled', epochs: 1, batchSize: 64, trainSamples: 128, testSamples: 64, learningRate: 0.001, clipValue: 0.5,
  loss: 'categorical_crossentropy', seed: 42, optimizer: 'Adam', activations: ACTS.map((activation) => ({ activation, params: {} })),
};

/** A finished run whose loss encodes its grid position, so order mistakes show. */
function run(activation: string, pos: number): RunResult {
  return { activation, params: {}, status: 'completed', history: { loss: [pos], accuracy: [0.5], val_loss: [pos], val_accuracy: [0.5] }, epochTimesMs: [10], samplesPerSecond: 100, testAccuracy: 0.5 };
}

function shardFile(index: number, count: number, over: Partial<ResultsFile> = {}, sha = SHA): NamedResults {
  const cfg = over.config ?? config;
  const cells = shardCells(comparisonGrid(cfg), { index, count });
  const file: ResultsFile = {
    schemaVersion: 1, createdAt: `2026-12-01T0${index}:00:00.000Z`, status: 'completed', config: cfg,
    environment: { backend: 'wasm', adapter: null, tfjsVersion: '4.22.0', host: 'node v20 linux-x64' },
    runs: cells.map((c) => run(cfg.activations[c.activation]!.activation, c.run)), warnings: [],
    shard: { index, count, repeats: 1, cells, dataSha256: sha }, ...over,
  };
  return { name: `part${index}of${count}.json`, file };
}

function refuses(parts: NamedResults[], message: RegExp): void {
  assert.throws(() => mergeShards(parts), (e: unknown) => e instanceof ShardMergeError && message.test(e.message) && !e.message.includes('\n'));
}

describe('mergeShards', () => {
  it('puts the runs of shards 1/n..n/n back in grid order, for every n, in any file order', () => {
    for (const n of [1, 2, 3, 5]) {
      const parts = Array.from({ length: n }, (_, i) => shardFile(i + 1, n)).reverse();
      const merged = mergeShards(parts);
      assert.deepEqual(merged.runs.map((r) => r.activation), ACTS);
      assert.deepEqual(merged.runs.map((r) => r.history.loss[0]), [0, 1, 2, 3, 4]);
      assert.equal(merged.shard, undefined);
      assert.deepEqual(merged.mergedFrom!.map((m) => `${m.index}/${m.count}`), Array.from({ length: n }, (_, i) => `${i + 1}/${n}`));
      assert.equal(merged.createdAt, '2026-12-01T01:00:00.000Z');
      assert.deepEqual(validateResults(merged), []);
      assert.ok(schema(merged), JSON.stringify(schema.errors));
      for (const p of parts) assert.ok(schema(p.file), JSON.stringify(schema.errors));
    }
  });

  it('accepts parts of different splits that cover the grid once (1/2 with 2/4 and 4/4)', () => {
    const merged = mergeShards([shardFile(1, 2), shardFile(2, 4), shardFile(4, 4)]);
    assert.deepEqual(merged.runs.map((r) => r.history.loss[0]), [0, 1, 2, 3, 4]);
  });

  it('refuses a missing shard, naming the runs no file holds', () => {
    refuses([shardFile(1, 3), shardFile(3, 3)], /no file holds 2 runs: run 1 \(gelu\), run 4 \(elu\): a shard is missing/);
    refuses([shardFile(1, 5), shardFile(2, 5), shardFile(3, 5), shardFile(5, 5)], /no file holds run 3 \(selu\): a shard is missing/);
  });

  it('refuses overlapping parts, naming both files and the run', () => {
    refuses([shardFile(1, 2), shardFile(2, 2), shardFile(1, 4)], /part1of2\.json overlaps part1of4\.json: both hold run 0 \(relu\)/);
  });

  it('refuses parts whose seed, config or data differ', () => {
    refuses([shardFile(1, 2), shardFile(2, 2, { config: { ...config, seed: 7 } })], /differ in seed \(7 vs 42\)/);
    refuses([shardFile(1, 2), shardFile(2, 2, { config: { ...config, epochs: 2 } })], /differ in config\.epochs \(2 vs 1\)/);
    const alpha = { ...config, activations: config.activations.map((a, i) => (i === 1 ? { activation: 'gelu', params: { x: 1 } } : a)) };
    refuses([shardFile(1, 2), shardFile(2, 2, { config: alpha })], /differ in config\.activations\[1\]\.params\.x/);
    refuses([shardFile(1, 2), shardFile(2, 2, {}, 'cd'.repeat(32))], /trained on different data \(digits SHA-256 cdcdcdcdcdcd\.\.\. vs abababababab\.\.\.\)/);
  });

  it('refuses a file without a shard record, an incomplete part, and cells that are not the shard\'s', () => {
    const plain = shardFile(1, 1);
    delete plain.file.shard;
    refuses([plain], /not a shard file/);
    const cut = shardFile(2, 2);
    cut.file.status = 'cancelled';
    cut.file.runs.pop();
    refuses([shardFile(1, 2), cut], /part2of2\.json: shard 2\/2 is incomplete \(status cancelled, 1 of 2 runs\)/);
    const wrong = shardFile(2, 2);
    wrong.file.shard = { ...wrong.file.shard!, cells: shardCells(comparisonGrid(config), { index: 1, count: 2 }) };
    refuses([shardFile(1, 2), wrong], /cells are not those of shard 2\/2/);
    refuses([], /no shard files/);
  });

  it('warns when the parts ran on different environments and records each', () => {
    const gpu = shardFile(2, 2, { environment: { backend: 'webgpu', adapter: { vendor: 'nvidia', architecture: 'hopper', isFallbackAdapter: false, device: 'NVIDIA H100' }, tfjsVersion: '4.22.0', host: 'node v20 linux-x64', dawnVersion: 'webgpu@0.6.2' } });
    const merged = mergeShards([shardFile(1, 2), gpu]);
    assert.equal(merged.environment.backend, 'wasm');
    assert.match(merged.warnings!.join('\n'), /different backends, adapters or hosts/);
    assert.equal(merged.mergedFrom![1]!.environment.adapter!.device, 'NVIDIA H100');
    assert.deepEqual(merged.mergedFrom!.map((m) => m.runs), [[0, 2, 4], [1, 3]]);
    assert.ok(schema(merged), JSON.stringify(schema.errors));
  });

  it('marks the merged file failed only when every run failed', () => {
    const parts = [shardFile(1, 2), shardFile(2, 2)];
    for (const p of parts) for (const r of p.file.runs) r.status = 'failed';
    assert.equal(mergeShards(parts).status, 'failed');
    parts[0]!.file.runs[0]!.status = 'diverged';
    assert.equal(mergeShards(parts).status, 'completed');
  });
});

describe('results validation of shard records', () => {
  it('rejects a malformed shard record or mergedFrom', () => {
    const f = shardFile(1, 2).file;
    assert.match(validateResults({ ...f, shard: { ...f.shard, index: 3 } }).join(), /\/shard: expected index and count/);
    assert.match(validateResults({ ...f, shard: { ...f.shard, dataSha256: 'xyz' } }).join(), /dataSha256/);
    assert.match(validateResults({ ...f, shard: { ...f.shard, cells: [{ run: -1, activation: 0, repeat: 0, seed: 1 }] } }).join(), /\/shard\/cells/);
    assert.match(validateResults({ ...f, shard: { ...f.shard, extra: 1 } }).join(), /\/shard\/extra: unknown property/);
    assert.match(validateResults({ ...f, mergedFrom: [] }).join(), /mergedFrom/);
    assert.ok(!schema({ ...f, shard: { ...f.shard, index: 0 } }));
  });
});
