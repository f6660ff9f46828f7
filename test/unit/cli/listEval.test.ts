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
  const list = JSON.parse(r.stdout) as { id: string; name: string; params: Record<string, number>; aliases: string[] }[];
  assert.equal(list.length, 18);
  assert.deepEqual(list.find((e) => e.id === 'leaky_relu'), { id: 'leaky_relu', name: 'Leaky ReLU', params: { alpha: 0.2 }, aliases: ['leakyrelu'] });
  assert.deepEqual(list.find((e) => e.id === 'relu'), { id: 'relu', name: 'ReLU', params: {}, aliases: [] });
  // PyTorch calls swish nn.SiLU (Elfwing et al. 2018), so `silu` must be listed as its alias.
  assert.ok(list.find((e) => e.id === 'swish')!.aliases.includes('silu'));
  // The JSON lists the same aliases as the text table's ALIASES column.
  const text = cli('list').stdout.trim().split('\n').slice(1);
  for (const e of list) {
    const row = text.find((l) => l.startsWith(`${e.id} `))!;
    assert.ok(row.endsWith(`  ${e.aliases.join(', ') || '-'}`), `${e.id}: ${row}`);
  }
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
  [['eval', 'leaky_relu', '--x=1', '--param', 'alpha=abc'], /--param alpha: "abc"/],
  [['eval', 'leaky_relu', '--x=1', '--param', 'alpha=7'], /'alpha' = 7/],
  [['eval', 'relu', '--x=1,two,3'], /--x: "two"/],
  [['eval', 'relu', '--x='], /empty list/],
  [['eval', 'relu'], /--x/],
  [['eval', 'relu', '--x=1', '--bogus'], /"--bogus"/],
  [['list', 'extra'], /"extra"/],
  // Decimal numbers only, no silent rounding to 0 or Infinity.
  [['eval', 'relu', '--x=0x10'], /--x: "0x10" is not a finite number/],
  [['eval', 'relu', '--x=0b11'], /--x: "0b11" is not a finite number/],
  [['eval', 'relu', '--x=Infinity'], /--x: "Infinity" is not a finite number/],
  [['eval', 'relu', '--x=1e-400'], /--x: "1e-400" is too small: it rounds to 0/],
  [['eval', 'relu', '--x=1e400'], /--x: "1e400" is not a finite number \(it overflows/],
  [['eval', 'relu', '--x=1,,2'], /--x: entry 2 is empty/],
  // Repeated options and parameter names, and names that are not identifiers.
  [['eval', 'relu', '--x=1', '--x=2'], /option --x is given more than once \("1" and "2"\)/],
  [['eval', 'relu', '--x=1', '--json', '--json'], /option --json is given more than once/],
  [['eval', 'relu', '--x=1', '--json=1'], /option --json takes no value/],
  [['eval', 'leaky_relu', '--x=1', '--param', '__proto__=1'], /--param: "__proto__" is not a parameter name/],
  [['eval', 'leaky_relu', '--x=1', '--param', 'constructor=1'], /constructor/],
  [['eval', 'leaky_relu', '--x=1', '--param', 'al pha=1'], /--param: "al pha" is not a parameter name/],
  [['eval', 'leaky_relu', '--x=1', '--param', 'alpha=0.1', '--param', 'alpha=0.2'], /--param: "alpha" is given more than once/],
  // A token with a line break is still reported on one line.
  [['eval', 'foo\nbar', '--x=1'], /foo bar/],
  [['eval', 'relu', 'a\nb', '--x=1'], /unexpected argument "a\\nb"/],
  [['list\nx'], /unknown command "list\\nx"/],
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

test('no arguments: usage on stderr, nothing on stdout, exit 2; --help: usage on stdout, exit 0', () => {
  const none = cli();
  assert.equal(none.code, 2);
  assert.equal(none.stdout, '');
  assert.match(none.stderr, /^Usage: activation-lab <command>/);
  const help = cli('--help');
  assert.equal(help.code, 0);
  assert.equal(help.stderr, '');
  assert.match(help.stdout, /^Usage: activation-lab <command>/);
});

test('eval --help documents ids and expressions, and the non-finite strings', () => {
  const r = cli('eval', '--help');
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^Usage: activation-lab eval <id\|expression> /);
  assert.match(r.stdout, /"Infinity", "-Infinity", "NaN"/);
});

test('eval of an expression in x with a --param', () => {
  // max(a*x, x) at x = -2 with a = 0.5: max(-1, -2) = -1, slope a = 0.5.
  const r = cli('eval', 'max(a*x, x)', '--x=-2', '--param', 'a=0.5', '--json');
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.deepEqual([j.y, j.dy], [[-1], [0.5]]);
});
