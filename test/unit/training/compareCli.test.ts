/**
 * `activation-lab compare` end to end, as a child process: a tiny real run on the bundled
 * digits and on Debian's Fashion-MNIST IDX files (wasm backend), each file checked against
 * media/results.schema.json with ajv; bad input exits 2 with one stderr line and no file.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import type { ResultsFile } from '../../../src/core/training/types';
import { bundledDigits, ROOT } from './fixtures';

const validate = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(join(ROOT, 'media', 'results.schema.json'), 'utf8')));

function cli(args: string[]): { code: number | null; stderr: string; stdout: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts'), 'compare', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  return { code: r.status, stderr: r.stderr, stdout: r.stdout };
}

function readResults(path: string): ResultsFile {
  const data = JSON.parse(readFileSync(path, 'utf8')) as ResultsFile;
  assert.ok(validate(data), JSON.stringify(validate.errors));
  return data;
}

describe('activation-lab compare (CLI)', () => {
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'compare-cli-'));
    await bundledDigits(); // makes sure the build step's asset exists
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('trains relu and gelu on 1,024 bundled digits to test accuracy well above chance', () => {
    const out = join(dir, 'bundled.json');
    const r = cli(['--train-samples=1024', '--test-samples=512', '--epochs=1', '--activations=relu,gelu', '--backend=wasm', `--out=${out}`]);
    assert.equal(r.code, 0, r.stderr);
    const file = readResults(out);
    assert.equal(file.status, 'completed');
    assert.equal(file.environment.backend, 'wasm');
    assert.deepEqual(file.runs.map((x) => x.activation), ['relu', 'gelu']);
    for (const run of file.runs) {
      assert.equal(run.status, 'completed');
      assert.ok(run.testAccuracy! > 0.5, `${run.activation}: test accuracy ${run.testAccuracy} (chance 0.1)`);
      assert.equal(run.history.val_accuracy.length, 1);
    }
    assert.match(r.stderr, /\[2\/2\] gelu/);
    assert.equal(r.stdout, '');
  });

  it('trains on an IDX folder (Fashion-MNIST) with parameters in --activations', () => {
    const out = join(dir, 'fashion.json');
    const r = cli(['--data=/usr/share/datasets/fashion-mnist', '--train-samples=256', '--test-samples=128', '--epochs=1', '--activations=leaky_relu:alpha=0.1', `--out=${out}`]);
    assert.equal(r.code, 0, r.stderr);
    const file = readResults(out);
    assert.equal(file.config.dataset, 'idx:fashion-mnist');
    assert.deepEqual(file.runs[0]!.params, { alpha: 0.1 });
    assert.ok(file.runs[0]!.testAccuracy! > 0.2);
  });

  const bad: Array<[string, string[], RegExp]> = [
    ['an unknown activation', ['--activations=relu,nope'], /unknown activation "nope"/],
    ['an out-of-range parameter', ['--activations=elu:alpha=-1'], /alpha/],
    ['a non-integer epoch count', ['--epochs=1.5'], /--epochs: "1\.5" is not an integer/],
    ['a missing --out', [], /--out=<file\.json> is required/],
    ['a data folder that does not exist', ['--data=/nonexistent/folder'], /is not 'bundled' or a folder/],
    ['more samples than the bundled set holds', ['--train-samples=9000', '--test-samples=2000'], /^activation-lab compare: --train-samples \+ --test-samples: 9000 \+ 2000 samples are more than the 10000 in the bundled digits$/m],
    ['a train size the bundled set cannot hold (named, not blamed on --data)', ['--train-samples=1e12'], /^activation-lab compare: --train-samples: 1000000000000 samples are more than/m],
    ['more test samples than an IDX test set holds', ['--data=/usr/share/datasets/fashion-mnist', '--test-samples=20000'], /^activation-lab compare: --test-samples: 20000 samples are more than the 10000 in the test set/m],
    ['zero epochs (the message names --epochs)', ['--epochs=0'], /^activation-lab compare: --epochs: must be a positive integer \(got 0\)$/m],
    ['zero train samples (names --train-samples)', ['--train-samples=0'], /^activation-lab compare: --train-samples: must be a positive integer/m],
    ['a learning rate above 1 (names --lr)', ['--lr=2'], /^activation-lab compare: --lr: must be in \(0, 1\] \(got 2\)$/m],
    ['an unknown backend', ['--backend=tpu'], /--backend: "tpu" is not auto, wasm, cpu or webgpu/],
    ['zero workers', ['--workers=0'], /^activation-lab compare: --workers: 0 is not in 1\.\.256$/m],
    ['a fractional worker count', ['--workers=1.5'], /--workers: "1\.5" is not an integer/],
  ];
  for (const [what, args, message] of bad) {
    it(`exits 2 with one line and no file for ${what}`, () => {
      const out = join(dir, `bad-${what.replace(/\W+/g, '-')}.json`);
      const r = cli([...args, ...(what === 'a missing --out' ? [] : [`--out=${out}`])]);
      assert.equal(r.code, 2);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, message);
      assert.ok(!existsSync(out));
    });
  }

  it('exits 2 with one line naming --out, before training, for an --out it cannot write; creates no folder', () => {
    mkdirSync(join(dir, 'taken.json'));
    writeFileSync(join(dir, 'plain.json'), '{}');
    const cases: Array<[string, RegExp]> = [
      [join(dir, 'taken.json'), /--out: ".*taken\.json": is a folder/],
      [join(dir, 'plain.json', 'x.json'), /--out: ".*plain\.json[/\\]+x\.json": ".*plain\.json" is not a folder/],
      [join(dir, 'no-such-folder', 'x.json'), /--out: ".*x\.json": folder ".*no-such-folder" does not exist/],
    ];
    for (const [out, message] of cases) {
      const r = cli(['--epochs=1', `--out=${out}`]);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stderr, /\[1\//); // no training started
    }
    assert.ok(!existsSync(join(dir, 'no-such-folder')));
  });

  it('exits 2 naming the position of an empty --activations entry', () => {
    const r = cli(['--activations=relu,,gelu', `--out=${join(dir, 'empty-entry.json')}`]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /--activations: entry 2 is empty/);
  });

  it('on SIGINT with two workers stops both runs within a batch, keeps their finished epochs, status cancelled (exit 130)', async () => {
    const out = join(dir, 'cancelled.json');
    // 20 epochs: once both runs reported their first, the signal always lands mid-run.
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts'), 'compare', '--train-samples=512', '--test-samples=128', '--epochs=20', '--activations=relu,tanh,elu', '--backend=wasm', '--workers=2', `--out=${out}`], { cwd: ROOT });
    let stderr = '';
    const inEpoch2 = new Promise<void>((resolve) => child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (stderr.includes('relu epoch 1/20:') && stderr.includes('tanh epoch 1/20:')) resolve();
    }));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await inEpoch2;
    child.kill('SIGINT');
    assert.equal(await exited, 130, stderr);
    const file = readResults(out);
    assert.equal(file.status, 'cancelled');
    assert.equal(file.environment.workers, 2);
    assert.deepEqual(file.runs.map((r) => [r.activation, r.status]), [['relu', 'cancelled'], ['tanh', 'cancelled']]);
    for (const r of file.runs) assert.ok(r.history.loss.length >= 1 && r.history.loss.length < 20, `${r.activation}: finished epochs kept: ${r.history.loss.length}`);
  });

  it('auto (the default) chooses wasm by measurement and records why; --workers=1 and --workers=2 give identical histories', () => {
    const runs = [1, 2].map((w) => {
      const out = join(dir, `workers-${w}.json`);
      const r = cli(['--train-samples=256', '--test-samples=128', '--epochs=2', '--activations=relu,selu', `--workers=${w}`, `--out=${out}`]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /^backend: wasm chosen: \d+ samples\/s; /m);
      assert.match(r.stderr, new RegExp(`^training 2 runs on ${w} workers? \\(wasm\\)$`, 'm'));
      assert.match(r.stderr, /selu epoch 2\/2: .*; all: \d+ samples\/s, (\d+ s|\d+ min \d\d s) left$/m);
      return readResults(out);
    });
    const [one, two] = runs as [ResultsFile, ResultsFile];
    assert.deepEqual(two.runs.map((r) => r.history), one.runs.map((r) => r.history));
    assert.deepEqual([one.environment.workers, two.environment.workers], [1, 2]);
    const sel = one.environment.selection!;
    assert.equal(one.environment.backend, 'wasm');
    assert.ok(sel.candidates.find((c) => c.backend === 'wasm')!.samplesPerSecond! > 0);
    assert.deepEqual(sel.candidates.find((c) => c.backend === 'cpu'), { backend: 'cpu', reason: 'plain JavaScript, not timed' });
    const gpu = sel.candidates.find((c) => c.backend === 'webgpu')!;
    assert.ok(gpu.reason && gpu.samplesPerSecond === undefined, JSON.stringify(gpu));
    assert.match(sel.summary, /^wasm chosen: \d+ samples\/s; webgpu: .+; cpu: plain JavaScript, not timed$/);
  });

  it('exits 2 naming the bad IDX file, and never overwrites an existing results file', () => {
    const idx = join(dir, 'idx');
    mkdirSync(idx);
    for (const f of ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte']) {
      writeFileSync(join(idx, f), new Uint8Array([0, 0, 8, 3, 0, 0]));
    }
    const r = cli([`--data=${idx}`, `--out=${join(dir, 'x.json')}`]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /images-idx3-ubyte: truncated: 6 bytes/);
    const existing = join(dir, 'existing.json');
    writeFileSync(existing, 'keep me');
    const r2 = cli([`--out=${existing}`]);
    assert.equal(r2.code, 2);
    assert.match(r2.stderr, /exists; results files are never overwritten/);
    assert.equal(readFileSync(existing, 'utf8'), 'keep me');
  });
});
