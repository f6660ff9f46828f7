/**
 * The comparison grid: cell order, repeat seeds (reference values from Python integer
 * arithmetic, (seed + r * 0x9E3779B9) mod 2^32), shards that partition the grid.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { comparisonGrid, parseShard, repeatSeed, shardCells } from '../../../src/core/training/grid';

const config = { seed: 42, activations: [{ activation: 'relu', params: {} }, { activation: 'gelu', params: {} }, { activation: 'selu', params: {} }] };

describe('comparison grid', () => {
  it('repeat seeds: repeat 0 keeps the seed, later ones step by 0x9E3779B9 modulo 2^32', () => {
    // python3: [(s + r * 0x9E3779B9) % 2**32 for s, r in ...]
    assert.equal(repeatSeed(42, 0), 42);
    assert.equal(repeatSeed(42, 1), 2654435811);
    assert.equal(repeatSeed(42, 2), 1013904284);
    assert.equal(repeatSeed(4294967295, 3), 3668340010);
    assert.equal(repeatSeed(0, 100), 3450571844);
  });

  it('cells are activation-major with run = activation * repeats + repeat', () => {
    const cells = comparisonGrid(config, 2);
    assert.deepEqual(cells.map((c) => [c.run, c.activation, c.repeat]), [[0, 0, 0], [1, 0, 1], [2, 1, 0], [3, 1, 1], [4, 2, 0], [5, 2, 1]]);
    assert.deepEqual(cells.map((c) => c.seed), [42, 2654435811, 42, 2654435811, 42, 2654435811]);
    assert.deepEqual(comparisonGrid(config).map((c) => c.seed), [42, 42, 42]);
  });

  it('rejects a repeat count outside 1..100', () => {
    for (const r of [0, -1, 1.5, 101, Number.NaN]) assert.throws(() => comparisonGrid(config, r), RangeError);
  });

  it('shards partition the grid, differ in size by at most one, and are stable', () => {
    const cells = comparisonGrid(config, 3);
    for (const n of [1, 2, 4, 9, 10]) {
      const parts = Array.from({ length: n }, (_, i) => shardCells(cells, { index: i + 1, count: n }));
      const runs = parts.flat().map((c) => c.run).sort((a, b) => a - b);
      assert.deepEqual(runs, cells.map((c) => c.run), `n = ${n}: every cell exactly once`);
      const sizes = parts.map((p) => p.length);
      assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `n = ${n}: sizes ${sizes.join(',')}`);
    }
    assert.deepEqual(shardCells(cells, { index: 2, count: 4 }).map((c) => c.run), [1, 5]);
  });

  it('parses i/n and names what is wrong', () => {
    assert.deepEqual(parseShard('2/4'), { index: 2, count: 4 });
    assert.deepEqual(parseShard(' 1 / 1 '), { index: 1, count: 1 });
    assert.throws(() => parseShard('0/4'), /i must be in 1\.\.4/);
    assert.throws(() => parseShard('5/4'), /i must be in 1\.\.4/);
    assert.throws(() => parseShard('1/0'), /n must be in 1\.\.1000/);
    assert.throws(() => parseShard('2of4'), /is not i\/n/);
    assert.throws(() => parseShard('1.5/4'), /is not i\/n/);
  });
});
