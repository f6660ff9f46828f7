/**
 * `activation-lab render` end to end: the CLI is bundled from the current sources the way
 * esbuild.mjs bundles out/cli.js (node, cjs, vega-canvas aliased), then run with node.
 */
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

const ROOT = join(__dirname, '..', '..', '..');
const FIXTURE = join(__dirname, 'fixtures', 'sample-results.json');
let dir = '';
let cli = '';

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'al-render-'));
  cli = join(dir, 'cli.js');
  await build({
    entryPoints: [join(ROOT, 'src/cli/main.ts')], outfile: cli, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent',
    alias: { 'vega-canvas': join(ROOT, 'node_modules/vega-canvas/build/vega-canvas.browser.js') },
  });
});
after(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, 'render', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('renders the five charts of a results file to one SVG', () => {
  const out = join(dir, 'charts.svg');
  const r = run(FIXTURE, `--out=${out}`);
  assert.equal(r.code, 0, r.stderr);
  const svg = readFileSync(out, 'utf8');
  assert.match(svg, /^<svg[^>]+xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  for (const title of ['Validation accuracy per epoch', 'Validation loss per epoch', 'Training curves', 'Final test accuracy', 'Training speed']) {
    assert.ok(svg.includes(title), `title '${title}'`);
  }
  for (const s of ['leaky_relu(alpha=0.2)', 'sigmoid [diverged]', 'relu [cancelled]']) assert.ok(svg.includes(s), `series '${s}'`);
  // Distinct dash patterns reach the SVG (lines distinguishable without colour).
  assert.ok(svg.includes('stroke-dasharray="6,3"') && svg.includes('stroke-dasharray="2,2"'));
  // Bar labels: 0.968 -> "96.80%", 2040.5 samples/s -> "2,041".
  assert.ok(svg.includes('96.80%') && svg.includes('2,041'));
});

test('--compare overlays a second file, series named by file', () => {
  const out = join(dir, 'compare.svg');
  const r = run(FIXTURE, `--compare=${FIXTURE}`, `--out=${out}`);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(readFileSync(out, 'utf8').includes('relu · sample-results #2'));
});

test('bad input: exit 2, one stderr line, no file written', () => {
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ schemaVersion: 1, createdAt: 'now' }));
  const cases: Array<[string[], RegExp]> = [
    [[FIXTURE], /--out=<file\.svg> is required/],
    [[`--out=${join(dir, 'x.svg')}`], /expected one results file, got 0/],
    [[FIXTURE, `--out=${join(dir, 'x.png')}`], /must end in \.svg/],
    [[join(dir, 'missing.json'), `--out=${join(dir, 'x.svg')}`], /missing\.json: cannot read \(ENOENT\)/],
    [[bad, `--out=${join(dir, 'x.svg')}`], /bad\.json: not an Activation Lab results file: \/createdAt/],
    [[FIXTURE, '--width=abc', `--out=${join(dir, 'x.svg')}`], /--width: "abc" is not a finite number/],
    [[FIXTURE, '--colour=red', `--out=${join(dir, 'x.svg')}`], /unknown option "--colour"/],
  ];
  for (const [args, msg] of cases) {
    const r = run(...args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, msg);
    assert.match(r.stderr, /^activation-lab render: /);
  }
  assert.equal(existsSync(join(dir, 'x.svg')), false);
  assert.equal(existsSync(join(dir, 'x.png')), false);
});

test('an --out it cannot write: exit 2, one line naming --out and the reason, no stack, no folder created', () => {
  mkdirSync(join(dir, 'taken.svg'));
  writeFileSync(join(dir, 'a.svg'), 'not a folder');
  const cases: Array<[string, RegExp]> = [
    [join(dir, 'taken.svg'), /--out: ".*taken\.svg": is a folder$/],
    [join(dir, 'a.svg', 'x.svg'), /--out: ".*x\.svg": ".*a\.svg" is not a folder$/],
    [join(dir, 'no-such-folder', 'x.svg'), /--out: ".*x\.svg": folder ".*no-such-folder" does not exist$/],
  ];
  for (const [out, msg] of cases) {
    const r = run(FIXTURE, `--out=${out}`);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
    assert.match(r.stderr.trimEnd(), msg);
  }
  assert.equal(existsSync(join(dir, 'no-such-folder')), false);
  assert.equal(readFileSync(join(dir, 'a.svg'), 'utf8'), 'not a folder');
});

test('a results file without runs: exit 2 "no runs to render", no file written', () => {
  const empty = join(dir, 'empty.json');
  writeFileSync(empty, JSON.stringify({ ...JSON.parse(readFileSync(FIXTURE, 'utf8')), runs: [] }));
  const out = join(dir, 'empty.svg');
  const r = run(empty, `--out=${out}`);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /empty\.json": no runs to render/);
  assert.equal(existsSync(out), false);
});

test('a results file that starts with a UTF-8 byte order mark renders like one without', () => {
  const bom = join(dir, 'bom.json');
  writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(FIXTURE)]));
  const out = join(dir, 'bom.svg');
  const r = run(bom, `--out=${out}`);
  assert.equal(r.code, 0, r.stderr);
  assert.match(readFileSync(out, 'utf8'), /^<svg/);
});

test('tokens with line breaks or repeated options still give exactly one stderr line', () => {
  const cases: Array<[string[], RegExp]> = [
    [[FIXTURE, 'extra\nline', `--out=${join(dir, 'y.svg')}`], /expected one results file, got 2 \(".*", "extra\\nline"\)/],
    [[FIXTURE, `--out=${join(dir, 'y.svg')}`, `--out=${join(dir, 'z.svg')}`], /option --out is given more than once/],
    [[FIXTURE, '--width=0x200', `--out=${join(dir, 'y.svg')}`], /--width: "0x200" is not a finite number/],
  ];
  for (const [args, msg] of cases) {
    const r = run(...args);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, msg);
  }
});

const HISTORIES = join(ROOT, 'test', 'reference', 'histories');

test('Python histories overlay a results file: Keras CSVLogger, Keras json.dump with NaN/Infinity, a PyTorch dict', () => {
  for (const [file, series] of [['keras_csvlogger.csv', 'Keras CSVLogger · keras_csvlogger'], ['keras_history.json', 'Python history · keras_history'], ['torch_history.json', 'Python history · torch_history']] as const) {
    const out = join(dir, `${file}.svg`);
    const r = run(FIXTURE, `--compare=${join(HISTORIES, file)}`, `--out=${out}`);
    assert.equal(r.code, 0, r.stderr);
    const svg = readFileSync(out, 'utf8');
    assert.ok(svg.includes(series), `series '${series}' in the SVG`);
    assert.ok(svg.includes('relu · sample-results'), 'our runs are there too');
  }
});

test('a truncated results file and a broken history: exit 2, one line naming the file and where it breaks', () => {
  const cut = join(dir, 'cut.json');
  writeFileSync(cut, readFileSync(FIXTURE, 'utf8').slice(0, 120));
  const csv = join(dir, 'broken.csv');
  writeFileSync(csv, 'epoch,accuracy,loss\r\n0,0.5,0.7\r\n1,0.6,oops\r\n');
  const cases: Array<[string, RegExp]> = [
    [cut, /cut\.json: not valid JSON at line \d+, column \d+: the text ends too early \(a truncated file\?\)$/],
    [csv, /broken\.csv: not a Keras CSVLogger history: line 3, column 7: "oops" is not a number \(loss\)$/],
  ];
  for (const [file, msg] of cases) {
    const r = run(FIXTURE, `--compare=${file}`, `--out=${join(dir, 'never.svg')}`);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
    assert.match(r.stderr.trimEnd(), msg);
  }
  assert.equal(existsSync(join(dir, 'never.svg')), false);
});

test('a schemaVersion 2 file with repeats and diagnostics renders the diagnostics charts too', () => {
  const out = join(dir, 'diag.svg');
  const r = run(join(__dirname, 'fixtures', 'diagnostics-results.json'), `--out=${out}`);
  assert.equal(r.code, 0, r.stderr);
  const svg = readFileSync(out, 'utf8');
  for (const title of ['mean over repeats; band: min to max', 'Gradient norm per layer', 'Dead and saturated units per layer', 'Clipped gradient components', 'Pre-activation z on the probe batch', 'Confusion matrix (test split)', 'Per-class accuracy (test split)', 'Misclassified test digits']) {
    assert.ok(svg.includes(title), `title '${title}'`);
  }
  assert.match(svg, /1: true \d → \d/);
});
