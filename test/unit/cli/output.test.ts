/**
 * CLI plumbing: `--out` writing (src/cli/output.ts, src/node/atomicWrite.ts createParents),
 * argument parsing (src/cli/args.ts) and main.ts's handling of unexpected errors.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../../src/node/atomicWrite';
import { oneLine, parseArgs, parseNumber, parseParams, UsageError } from '../../../src/cli/args';
import { toJson } from '../../../src/cli/jsonOut';
import { writeOut } from '../../../src/cli/output';

const ROOT = join(__dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'al-out-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('writeFileAtomic creates missing parents by default (host results folder), not with createParents: false', async () => {
  const deep = join(dir, 'a', 'b', 'x.json');
  await writeFileAtomic(deep, '1');
  assert.equal(readFileSync(deep, 'utf8'), '1');
  await assert.rejects(writeFileAtomic(join(dir, 'c', 'x.json'), '1', { createParents: false }), { code: 'ENOENT' });
  assert.equal(existsSync(join(dir, 'c')), false);
});

test('writeOut turns fs errors into one UsageError line naming --out and leaves no temp file', async () => {
  mkdirSync(join(dir, 'folder.svg'));
  writeFileSync(join(dir, 'file.svg'), 'keep');
  await assert.rejects(writeOut(join(dir, 'folder.svg'), 'x'), (e: unknown) => e instanceof UsageError && /^--out: ".*folder\.svg": is a folder$/.test(e.message));
  await assert.rejects(writeOut(join(dir, 'file.svg', 'x.svg'), 'x'), (e: unknown) => e instanceof UsageError && /^--out: ".*x\.svg": a part of the path is a file, not a folder$/.test(e.message));
  await assert.rejects(writeOut(join(dir, 'nope', 'x.svg'), 'x'), (e: unknown) => e instanceof UsageError && /folder ".*nope" does not exist$/.test(e.message));
  await assert.rejects(writeOut(join(dir, 'file.svg'), 'x', { overwrite: false }), (e: unknown) => e instanceof UsageError && /exists; it is never overwritten$/.test(e.message));
  assert.equal(readFileSync(join(dir, 'file.svg'), 'utf8'), 'keep');
  assert.equal(existsSync(join(dir, 'nope')), false);
});

test('UsageError messages are one line; oneLine collapses CR/LF runs', () => {
  assert.equal(new UsageError('a\nb\r\n  c').message, 'a b c');
  assert.equal(oneLine('x\u2028y'), 'x y');
});

test('parseArgs rejects repeated options and flags, keeps repeated --param', () => {
  assert.throws(() => parseArgs(['--x=1', '--x', '2'], ['x'], []), /option --x is given more than once \("1" and "2"\)/);
  assert.throws(() => parseArgs(['--json', '--json'], [], ['json']), /--json is given more than once/);
  assert.deepEqual(parseArgs(['--param', 'a=1', '--param=b=2'], [], []).params, ['a=1', 'b=2']);
});

test('parseParams: prototype-free record, identifier names, no duplicates', () => {
  const p = parseParams(['alpha=0.5', 'beta_1=2']);
  assert.equal(Object.getPrototypeOf(p), null);
  assert.deepEqual({ ...p }, { alpha: 0.5, beta_1: 2 });
  assert.throws(() => parseParams(['__proto__=1']), /"__proto__" is not a parameter name/);
  assert.throws(() => parseParams(['1a=1']), /"1a" is not a parameter name/);
  assert.throws(() => parseParams(['a=1', 'a=2']), /"a" is given more than once/);
});

test('parseNumber: decimal only; reports overflow and underflow to 0', () => {
  assert.equal(parseNumber(' -.5e1 ', 'v'), -5);
  assert.throws(() => parseNumber('0x10', '--v'), /^UsageError: --v: "0x10" is not a finite number$/);
  assert.throws(() => parseNumber('1e-400', '--v'), /--v: "1e-400" is too small: it rounds to 0/);
  assert.throws(() => parseNumber('', '--v'), /--v: empty value/);
});

test('toJson writes non-finite numbers as strings that Number() reads back', () => {
  const text = toJson({ a: [Infinity, -Infinity, NaN, 0.1] });
  assert.equal(text, '{"a":["Infinity","-Infinity","NaN",0.1]}');
  assert.deepEqual(JSON.parse(text).a.map(Number), [Infinity, -Infinity, NaN, 0.1]);
});

test('an unexpected error: one stderr line with a hint, exit 1; ACTIVATION_LAB_DEBUG=1 prints the stack', () => {
  // A preload makes stdout writes throw a plain Error, as a broken pipe or a bug would.
  const boom = 'data:text/javascript,process.stdout.write=()=>{throw new Error("boom\\nsecond line")}';
  const run = (env: NodeJS.ProcessEnv) => spawnSync(process.execPath, ['--import', 'tsx', '--import', boom, 'src/cli/main.ts', 'list'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  const plain = run({ ACTIVATION_LAB_DEBUG: '' });
  assert.equal(plain.status, 1);
  assert.equal(plain.stderr, 'activation-lab list: internal error: Error: boom second line (re-run with ACTIVATION_LAB_DEBUG=1 for the stack)\n');
  const debug = run({ ACTIVATION_LAB_DEBUG: '1' });
  assert.equal(debug.status, 1);
  assert.match(debug.stderr, /boom\nsecond line\n\s+at /);
});
