/**
 * `activation-lab list` / `eval` end to end: runs the built bundle `node out/cli.js` in a child
 * process. When out/cli.js is missing or older than src/cli or src/core, `node esbuild.mjs`
 * rebuilds it first.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');
const CLI = join(ROOT, 'out/cli.js');

/** Latest modification time (ms) of any .ts file under `dir`, recursively. */
function newestMtime(dir: string): number {
  return Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return newestMtime(path);
    return e.name.endsWith('.ts') ? statSync(path).mtimeMs : 0;
  }));
}

before(() => {
  const src = Math.max(newestMtime(join(ROOT, 'src/cli')), newestMtime(join(ROOT, 'src/core')));
  if (existsSync(CLI) && statSync(CLI).mtimeMs >= src) return;
  const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  assert.equal(r.status, 0, `node esbuild.mjs failed:\n${r.stderr}`);
}, { timeout: 300_000 });

interface Run { code: number | null; stdout: string; stderr: string }
function cli(...args: string[]): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('list --json prints every entry with its default parameters', () => {
  const r = cli('list', '--json');
  assert.equal(r.code, 0, r.stderr);
  const list = JSON.parse(r.stdout) as { id: string; name: string; params: Record<string, number> }[];
  assert.equal(list.length, 18);
  assert.deepEqual(list.find((e) => e.id === 'leaky_relu'), { id: 'leaky_relu', name: 'Leaky ReLU', params: { alpha: 0.2 } });
  assert.deepEqual(list.find((e) => e.id === 'relu'), { id: 'relu', name: 'ReLU', params: {} });
});

test('list without --json prints a table with a header and one line per entry', () => {
  const r = cli('list');
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.match(lines[0]!, /^ID\s+NAME\s+PARAMS\s+ALIASES$/);
  assert.equal(lines.length, 19);
  assert.match(r.stdout, /^leaky_relu\s+Leaky ReLU\s+alpha=0\.2/m);
});

test('eval --json: negative list in the --x=-3,-1,0.5 form, parameters, full double precision', () => {
  const r = cli('eval', 'leaky_relu', '--x=-3,-1,0.5,5', '--param', 'alpha=0.1', '--json');
  assert.equal(r.code, 0, r.stderr);
  // alpha * x in IEEE doubles: 0.1 * -3 = -0.30000000000000004 (shortest round-trip form)
  assert.deepEqual(JSON.parse(r.stdout), {
    activation: 'leaky_relu', params: { alpha: 0.1 }, x: [-3, -1, 0.5, 5], y: [-0.30000000000000004, -0.1, 0.5, 5], dy: [0.1, 0.1, 1, 1],
  });
});

test('eval --json round-trips doubles: sigmoid(1) and SELU\'s lambda to the last bit', () => {
  const r = cli('eval', 'sigmoid', '--x=1', '--json');
  // mpmath: 1/(1+e^-1) = 0.7310585786300048792511592418218362743651446401650565192763659...
  assert.equal(JSON.parse(r.stdout).y[0], 0.7310585786300049);
  const s = cli('eval', 'selu', '--x=2', '--json');
  assert.equal(JSON.parse(s.stdout).dy[0], Number('1.0507009873554804934193349852946'));
});

test('eval accepts aliases and the space-separated --x form; overflow is the string "Infinity", not null', () => {
  const r = cli('eval', 'exp', '--x', '-1000,710', '--json');
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.activation, 'exponential');
  assert.deepEqual(out.y, [0, 'Infinity']);
  assert.equal(cli('eval', 'silu', '--x=0', '--json').stdout.includes('"activation":"swish"'), true);
});

test('eval without --json prints x, f(x), f\'(x) in full precision', () => {
  const r = cli('eval', 'tanh', '--x=0.5');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^tanh\n/);
  assert.match(r.stdout, /0\.5\s+0\.46211715726000974\s+0\.7864477329659275/); // mpmath: tanh(0.5), sech^2(0.5)
});

const BAD: [string[], RegExp][] = [
  [['eval', 'nosuch', '--x=1'], /'nosuch'/],
  [['eval', 'relu', '--x=1', '--param', 'alpha=0.1'], /'alpha'/],
  [['eval', 'leaky_relu', '--x=1', '--param', 'alpha=abc'], /'abc'/],
  [['eval', 'leaky_relu', '--x=1', '--param', 'alpha=7'], /'alpha' = 7/],
  [['eval', 'relu', '--x=1,two,3'], /'two'/],
  [['eval', 'relu', '--x='], /empty list/],
  [['eval', 'relu'], /--x/],
  [['eval', 'relu', '--x=1', '--bogus'], /'--bogus'/],
  [['list', 'extra'], /'extra'/],
];
for (const [args, named] of BAD) {
  test(`bad input exits 2 with one stderr line: ${args.join(' ')}`, () => {
    const r = cli(...args);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0]!, named);
  });
}
