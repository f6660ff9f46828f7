/**
 * `activation-lab compare` with expressions in x among --activations (issue 7): a tiny real
 * run (256/128 bundled digits, 1 epoch, wasm) trains the expression through tfjs autodiff,
 * and bad expressions or unused --param values exit 2 with one line and no file.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import type { ResultsFile } from '../../../src/core/training/types';
import { parseActivations } from '../../../src/cli/compare';
import { bundledDigits, ROOT } from './fixtures';

const validate = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(join(ROOT, 'media', 'results.schema.json'), 'utf8')));

function cli(args: string[]): { code: number | null; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts'), 'compare', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  return { code: r.status, stderr: r.stderr };
}

describe('compare --activations with expressions', () => {
  it('splits entries only at commas outside parentheses; catalogue ids keep their form', () => {
    const c = parseActivations('relu,max(0, x) + a * min(0, x),leaky_relu:alpha=0.1', { a: 0.1 });
    assert.deepEqual(c, [
      { activation: 'relu', params: {} },
      { activation: 'expression2', params: { a: 0.1 }, expression: 'max(0, x) + a * min(0, x)' },
      { activation: 'leaky_relu', params: { alpha: 0.1 } },
    ]);
  });

  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'compare-expr-'));
    await bundledDigits();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('trains x * sigmoid(1.702 * x) and an ELU expression to completed runs with finite loss', () => {
    const out = join(dir, 'expr.json');
    const r = cli(['--train-samples=256', '--test-samples=128', '--epochs=1', '--activations=x * sigmoid(1.702 * x),x > 0 ? x : a * (exp(x) - 1)', '--param', 'a=0.5', '--backend=wasm', `--out=${out}`]);
    assert.equal(r.code, 0, r.stderr);
    const file = JSON.parse(readFileSync(out, 'utf8')) as ResultsFile;
    assert.ok(validate(file), JSON.stringify(validate.errors));
    assert.equal(file.status, 'completed');
    assert.deepEqual(file.config.activations.map((c) => [c.activation, c.expression, c.params]), [['expression1', 'x * sigmoid(1.702 * x)', {}], ['expression2', 'x > 0 ? x : a * (exp(x) - 1)', { a: 0.5 }]]);
    for (const run of file.runs) {
      assert.equal(run.status, 'completed', run.error);
      assert.ok(Number.isFinite(run.history.loss[0]) && run.history.loss[0]! > 0, `loss ${run.history.loss[0]}`);
    }
  });

  const bad: Array<[string, string[], RegExp]> = [
    ['a syntax error, with its column', ['--activations=relu,x +'], /--activations: 'x \+': column \d+: Syntax error/],
    ['a --param no expression uses', ['--activations=x * sigmoid(x)', '--param', 'b=2'], /--param: "b" is not used/],
    ['a missing parameter value', ['--activations=a * x'], /Unknown name[^\n]*--param a=<value>/],
    ['an unknown id with parameters', ['--activations=nope:alpha=1'], /unknown activation "nope"/],
  ];
  for (const [what, args, message] of bad) {
    it(`exits 2 with one line and no file for ${what}`, () => {
      const out = join(dir, `bad-${what.replace(/\W+/g, '-')}.json`);
      const r = cli([...args, `--out=${out}`]);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, message);
      assert.ok(!existsSync(out));
    });
  }
});
