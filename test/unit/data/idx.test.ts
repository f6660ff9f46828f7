/**
 * IDX parsing on Debian's real Fashion-MNIST files (facts from
 * test/reference/fashion_mnist_idx.py, Python gzip + struct) and on corrupted or truncated
 * copies written to a temp folder: each error names the file and the problem.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { IdxError, parseIdxImages, parseIdxLabels } from '../../../src/core/data/idx';
import { loadIdxFolder } from '../../../src/core/data/idxFolder';
import type { FileReader } from '../../../src/core/data/idxFolder';

const FASHION = '/usr/share/datasets/fashion-mnist';
const REF = JSON.parse(readFileSync(join(__dirname, '..', '..', 'reference', 'fashion_mnist_idx.json'), 'utf8')) as {
  files: Record<'train' | 't10k', { count: number; rows: number; cols: number; firstLabels: number[]; classCounts: number[]; pixelSum: number; firstImagePixelSum: number; lastImagePixelSum: number }>;
};

const folderReader = (dir: string): FileReader => async (name) => {
  const f = join(dir, name);
  return existsSync(f) ? new Uint8Array(readFileSync(f)) : undefined;
};

const sum = (a: Uint8Array): number => a.reduce((s, v) => s + v, 0);

describe('IDX parser on real Fashion-MNIST (Debian dataset-fashion-mnist)', () => {
  it('loads train and t10k with the reference counts, labels and pixel sums', async () => {
    const { train, test } = await loadIdxFolder(folderReader(FASHION));
    for (const [set, ref] of [[train, REF.files.train], [test, REF.files.t10k]] as const) {
      assert.equal(set.count, ref.count);
      assert.equal(set.rows, ref.rows);
      assert.equal(set.cols, ref.cols);
      assert.deepEqual(Array.from(set.labels.subarray(0, 10)), ref.firstLabels);
      assert.deepEqual(Array.from({ length: 10 }, (_, k) => set.labels.filter((l) => l === k).length), ref.classCounts);
      assert.equal(sum(set.images), ref.pixelSum);
      assert.equal(sum(set.images.subarray(0, 784)), ref.firstImagePixelSum);
      assert.equal(sum(set.images.subarray(set.images.length - 784)), ref.lastImagePixelSum);
    }
  });
});

describe('IDX parser on corrupted copies', () => {
  let dir: string;
  let images: Uint8Array, labels: Uint8Array;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'idx-test-'));
    images = new Uint8Array(gunzipSync(readFileSync(join(FASHION, 't10k-images-idx3-ubyte.gz'))));
    labels = new Uint8Array(gunzipSync(readFileSync(join(FASHION, 't10k-labels-idx1-ubyte.gz'))));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Writes a folder whose train pair is the real t10k pair, with `over` replacing files. */
  async function loadWith(over: Record<string, Uint8Array | null>): Promise<unknown> {
    const sub = mkdtempSync(join(dir, 'case-'));
    const files: Record<string, Uint8Array | null> = {
      'train-images-idx3-ubyte': images, 'train-labels-idx1-ubyte': labels,
      't10k-images-idx3-ubyte': images, 't10k-labels-idx1-ubyte': labels, ...over,
    };
    for (const [name, bytes] of Object.entries(files)) if (bytes) writeFileSync(join(sub, name), bytes);
    return loadIdxFolder(folderReader(sub));
  }
  const withHeaderWord = (bytes: Uint8Array, offset: number, value: number): Uint8Array => {
    const copy = bytes.slice();
    new DataView(copy.buffer).setUint32(offset, value, false);
    return copy;
  };

  const cases: Array<[string, Record<string, Uint8Array | null>, RegExp]> = [];
  before(() => {
    cases.push(
      ['wrong magic number', { 't10k-images-idx3-ubyte': withHeaderWord(images, 0, 0x00000801) }, /^t10k-images-idx3-ubyte: magic number 0x00000801 is not 0x00000803/],
      ['truncated image data', { 'train-images-idx3-ubyte': images.subarray(0, images.length - 100) }, /^train-images-idx3-ubyte: truncated: header \[10000, 28, 28\] needs 7840000 data bytes, file has 7839900/],
      ['truncated header', { 't10k-labels-idx1-ubyte': labels.subarray(0, 6) }, /^t10k-labels-idx1-ubyte: truncated: 6 bytes, shorter than the 8-byte IDX header/],
      ['extra bytes', { 't10k-labels-idx1-ubyte': new Uint8Array([...labels, 1, 2]) }, /^t10k-labels-idx1-ubyte: 2 unexpected bytes after/],
      ['count disagreement', { 't10k-labels-idx1-ubyte': withHeaderWord(labels, 4, 9999).subarray(0, labels.length - 1) }, /^t10k-labels-idx1-ubyte: 9999 labels but t10k-images-idx3-ubyte has 10000 images/],
      ['label outside 0..9', { 'train-labels-idx1-ubyte': Object.assign(labels.slice(), { [8 + 5]: 10 }) }, /^train-labels-idx1-ubyte: label 10 at index 5 is outside 0\.\.9/],
      ['missing file', { 't10k-labels-idx1-ubyte': null }, /^t10k-labels-idx1-ubyte: missing: neither t10k-labels-idx1-ubyte nor t10k-labels-idx1-ubyte\.gz/],
    );
  });

  it('names the file and the problem for each corruption', async () => {
    for (const [what, over, message] of cases) {
      await assert.rejects(loadWith(over), (e: unknown) => e instanceof IdxError && message.test(e.message), what);
    }
  });

  it('reads .gz copies and rejects a truncated .gz naming it', async () => {
    const gz = gzipSync(labels);
    const ok = (await loadWith({ 't10k-labels-idx1-ubyte': null, 't10k-labels-idx1-ubyte.gz': gz })) as { test: { count: number } };
    assert.equal(ok.test.count, 10000);
    await assert.rejects(
      loadWith({ 't10k-labels-idx1-ubyte': null, 't10k-labels-idx1-ubyte.gz': gz.subarray(0, gz.length >> 1) }),
      /^IdxError: t10k-labels-idx1-ubyte\.gz: corrupt gzip data/,
    );
  });

  it('rejects zero dimensions and unknown magic in the pure parsers', () => {
    assert.throws(() => parseIdxImages(withHeaderWord(images.subarray(0, 16), 4, 0), 'x'), /x: empty dimensions \[0, 28, 28\]/);
    assert.throws(() => parseIdxLabels(new Uint8Array([0, 0, 8, 3, 0, 0, 0, 0]), 'y'), /y: magic number 0x00000803 is not 0x00000801/);
  });
});
