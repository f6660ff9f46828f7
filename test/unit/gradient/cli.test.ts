import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');

/** Runs `activation-lab gradients ...` from source (no build needed). */
function cli(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'gradients', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const NIELSEN = ['--activation', 'sigmoid', '--weights=100,100,100', '--biases=-100,-50,-50', '--input=1', '--target=0', '--lr=0.5'];

test('--json prints the issue\'s shape with exact Nielsen numbers', () => {
  const r = cli(...NIELSEN, '--json');
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  assert.equal(j.cost, 0.25);
  // dC/db = 0.25*25^2, 0.25*25, 0.25; dC/dw = a_{j-1} dC/db with a_0 = 1, a_1 = a_2 = 0.5
  assert.deepEqual(j.layers.map((l: { dCdb: number }) => l.dCdb), [156.25, 6.25, 0.25]);
  assert.deepEqual(j.layers.map((l: { dCdw: number }) => l.dCdw), [156.25, 3.125, 0.125]);
  assert.equal(j.layers[0].wNext, 100 - 0.5 * 156.25);
  for (const k of ['z', 'a', 'dadz', 'dCdb', 'dCdw', 'w', 'b', 'wNext', 'bNext']) assert.ok(k in j.layers[0], k);
  assert.ok(Math.abs(j.gradientNorm - Math.hypot(156.25, 6.25, 0.25, 156.25, 3.125, 0.125)) < 1e-12);
  assert.deepEqual(j.verdict.layers, ['healthy', 'healthy', 'healthy']);
  assert.equal(j.verdict.overall, 'healthy');
});

test('clipped updates: wNext/bNext use clipped gradients while dCdb/dCdw stay raw', () => {
  const j = JSON.parse(cli(...NIELSEN, '--clip-value=1', '--json').out);
  assert.equal(j.layers[0].dCdb, 156.25);
  assert.equal(j.layers[0].wNext, 99.5);
  assert.equal(j.layers[0].bNext, -100.5);
});

test('--steps adds the history; divergence stops with a message', () => {
  const j = JSON.parse(cli('--activation', 'linear', '--weights=1', '--biases=0', '--input=1', '--target=0', '--lr=10', '--steps=1000', '--json').out);
  assert.ok(j.steps.completed < 1000);
  assert.match(j.steps.stopped, /Stopped at step/);
});

test('bad input: exit 2 and one stderr line naming it', () => {
  const cases: Array<[string[], RegExp]> = [
    [['--activation', 'sigmoid', '--weights=1,2', '--biases=1', '--input=1', '--target=0', '--lr=1'], /--biases: 1 biases for 2 weights/],
    [['--activation', 'sigmoid', '--weights=1', '--biases=1', '--input=1', '--target=0', '--lr=0'], /--lr: .*must be > 0/],
    [['--activation', 'sigmoid', '--weights=1', '--biases=1', '--input=NaN', '--target=0', '--lr=1'], /--input: 'NaN' is not a finite number/],
    [['--activation', 'nope', '--weights=1', '--biases=1', '--input=1', '--target=0', '--lr=1'], /unknown activation 'nope'/],
    [['--activation', 'sigmoid', '--weights=1*1001', '--biases=1*1001', '--input=1', '--target=0', '--lr=1'], /--weights: has more than 1000/],
    [[...NIELSEN, '--clip-value=1', '--clip-norm=1'], /at most one of/],
    [['--weights=1', '--biases=1', '--input=1', '--target=0', '--lr=1'], /missing --activation/],
    [['--activation', 'sigmoid', '--biases=1', '--input=1', '--target=0', '--lr=1'], /missing --weights/],
    [[...NIELSEN, '--bogus=1'], /unknown option '--bogus'/],
  ];
  for (const [args, re] of cases) {
    const r = cli(...args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, re);
    assert.equal(r.err.trim().split('\n').length, 1, r.err);
  }
});
