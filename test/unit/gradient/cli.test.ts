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
    [['--activation', 'sigmoid', '--weights=1*1001', '--biases=1*1001', '--input=1', '--target=0', '--lr=1'], /--weights: '1\*1001' makes 1,001 entries: at most 1000 \(L ≤ 1000 layers\)/],
    [['--activation', 'sigmoid', '--weights=0.5*1e9', '--biases=0', '--input=1', '--target=0', '--lr=1'], /--weights: '0\.5\*1e9' makes 1,000,000,000 entries: at most 1000 \(L ≤ 1000 layers\)/],
    [['--activation', 'x*sigmoid(x)', '--weights=1', '--biases=0', '--input=1', '--target=0', '--lr=1'], /^activation-lab gradients: --activation: unknown activation 'x\*sigmoid\(x\)'; the gradients command takes catalogue ids/],
    [[...NIELSEN, '--clip-value=1', '--clip-norm=1'], /at most one of/],
    [['--weights=1', '--biases=1', '--input=1', '--target=0', '--lr=1'], /missing --activation/],
    [['--activation', 'sigmoid', '--biases=1', '--input=1', '--target=0', '--lr=1'], /missing --weights/],
    [[...NIELSEN, '--bogus=1'], /unknown option "--bogus"/],
    // Empty list entries are errors naming the position, never silently dropped.
    [['--activation', 'relu', '--weights=1,,2', '--biases=0,0', '--input=1', '--target=0', '--lr=1'], /--weights: entry 2 is empty/],
    [['--activations', 'relu,,sigmoid', '--weights=1,2', '--biases=0,0', '--input=1', '--target=0', '--lr=1'], /--activations: entry 2 is empty/],
    // Decimal numbers only; repeated options and parameters are rejected.
    [['--activation', 'relu', '--weights=1', '--biases=0', '--input=0x10', '--target=0', '--lr=1'], /--input: '0x10' is not a finite number/],
    [[...NIELSEN, '--lr=0.1'], /option --lr is given more than once \("0\.5" and "0\.1"\)/],
    [[...NIELSEN, '--json', '--json'], /option --json is given more than once/],
    [['--activation', 'elu', '--weights=1', '--biases=0', '--input=1', '--target=0', '--lr=1', '--param', 'alpha=1', '--param', 'alpha=2'], /--param: "alpha" is given more than once/],
    [['--activation', 'elu', '--weights=1', '--biases=0', '--input=1', '--target=0', '--lr=1', '--param', '__proto__=1'], /--param: '__proto__' is not a parameter name/],
  ];
  for (const [args, re] of cases) {
    const r = cli(...args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, re);
    assert.equal(r.err.trim().split('\n').length, 1, r.err);
  }
});

test('text table: columns never touch, each cell is the JSON value to 6 significant digits', () => {
  // sigmoid(-12) = 6.14417e-6 prints as the 13-character '0.00000614417' (toPrecision(6)
  // switches to exponent form only below 1e-6), wider than the old fixed 13-column pad.
  const args = ['--activation', 'sigmoid', '--weights=1,1', '--biases=-12,0', '--input=0', '--target=0.5', '--lr=0.1'];
  const r = cli(...args);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(cli(...args, '--json').out);
  const lines = r.out.trimEnd().split('\n');
  assert.deepEqual(lines[1]!.trim().split(/\s+/), ['j', 'z', 'a', "f'(z)", 'dC/db', 'dC/dw', "w'", "b'", 'verdict']);
  const rows = lines.slice(2);
  assert.equal(rows.length, 2);
  rows.forEach((row, i) => {
    const cells = row.trim().split(/\s+/);
    assert.equal(cells.length, 9, row);
    const l = j.layers[i];
    const want = [i + 1, l.z, l.a, l.dadz, l.dCdb, l.dCdw, l.wNext, l.bNext];
    want.forEach((v, c) => assert.ok(Math.abs(Number(cells[c]) - v) <= 5e-6 * Math.abs(v), `row ${i + 1} col ${c}: ${cells[c]} vs ${v}`));
    assert.equal(cells[8], j.verdict.layers[i]);
  });
  assert.ok(rows.some((row) => row.includes('0.00000614417')), rows.join('\n'));
});

test('non-finite values are the strings "Infinity"/"-Infinity"/"NaN" (as in eval), with warnings', () => {
  // exp(1000) overflows float64 (max ~1.798e308 = exp(709.78)): a = Infinity, C = (a - 0)^2 = Infinity,
  // dC/db = 2(a - y) f'(z) = Infinity; w' = w - eta dC/dw = -Infinity; cosine of Infinity/Infinity = NaN.
  const r = cli('--activation', 'exponential', '--weights=1000', '--biases=0', '--input=1', '--target=0', '--lr=1', '--json');
  assert.equal(r.code, 0, r.err);
  // The only null left is the clipping threshold of method 'none'.
  assert.doesNotMatch(r.out.replace('"threshold": null', ''), /null/);
  const j = JSON.parse(r.out);
  assert.equal(j.cost, 'Infinity');
  assert.equal(j.layers[0].a, 'Infinity');
  assert.equal(j.layers[0].wNext, '-Infinity');
  assert.equal(j.clipping.cosine, 'NaN');
  assert.equal(Number(j.layers[0].wNext), -Infinity); // Number() reads the strings back
  assert.ok(j.warnings.includes('layers[0].a is not finite (Infinity)'), j.warnings.join('; '));
  assert.match(cli('--help').out, /"Infinity", "-Infinity", "NaN"/);
  // Keras's terms (keras/src/optimizers/base_optimizer.py): clipnorm is per variable, global_clipnorm global.
  assert.match(cli('--help').out, /--clip-norm=c\s+Keras global_clipnorm/);
  assert.match(cli('--help').out, /Keras's clipnorm is\s+per variable/);
});
