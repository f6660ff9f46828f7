/**
 * `environment.selection` and `environment.workers` (how auto chose, how many workers
 * trained) in results files: accepted by the JSON Schema (ajv), the hand-written validator
 * and the webview message guard alike, and malformed ones rejected by all three.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { isEnvironmentInfo } from '../../../src/core/results/format';
import { validateResults } from '../../../src/core/results/validate';
import { ROOT } from './fixtures';

const schema = JSON.parse(readFileSync(join(ROOT, 'media', 'results.schema.json'), 'utf8')) as object;
const ajvValidate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const sample = (): Record<string, any> => {
  const r = JSON.parse(readFileSync(join(ROOT, 'test', 'unit', 'results', 'fixtures', 'sample-results.json'), 'utf8'));
  r.environment.selection = {
    summary: 'wasm chosen: 260 samples/s; webgl: SwiftShader, software, not timed; cpu: plain JavaScript, not timed',
    candidates: [
      { backend: 'wasm', samplesPerSecond: 260.4 },
      { backend: 'cpu', reason: 'plain JavaScript, not timed' },
      { backend: 'webgl', reason: 'SwiftShader, software, not timed', software: 'SwiftShader' },
    ],
  };
  r.environment.workers = 2;
  return r;
};
const verdicts = (r: Record<string, any>): [boolean, boolean, boolean] => [ajvValidate(r) as boolean, validateResults(r).length === 0, isEnvironmentInfo(r.environment)];

describe('environment.selection and workers', () => {
  it('a file with them is valid for the schema, the validator and the guard', () => {
    assert.deepEqual(verdicts(sample()), [true, true, true], JSON.stringify(ajvValidate.errors));
  });

  const bad: Array<[string, (r: Record<string, any>) => void]> = [
    ['workers 0', (r) => { r.environment.workers = 0; }],
    ['workers 1.5', (r) => { r.environment.workers = 1.5; }],
    ['selection without a summary', (r) => { delete r.environment.selection.summary; }],
    ['a candidate with an unknown backend', (r) => { r.environment.selection.candidates[0].backend = 'metal'; }],
    ['a candidate with an unknown key', (r) => { r.environment.selection.candidates[0].chosen = true; }],
    ['negative samples/s', (r) => { r.environment.selection.candidates[0].samplesPerSecond = -1; }],
    ['an unknown key in selection', (r) => { r.environment.selection.winner = 'wasm'; }],
  ];
  for (const [what, mutate] of bad) {
    it(`rejects ${what} in all three`, () => {
      const r = sample();
      mutate(r);
      assert.deepEqual(verdicts(r), [false, false, false]);
    });
  }
});
