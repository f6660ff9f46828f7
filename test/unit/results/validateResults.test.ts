/**
 * The hand-written validator (used by the host and the CLI, no code generation) agrees with
 * the JSON Schema in media/results.schema.json, checked by ajv, on the sample file and on
 * mutations of it; it adds checks the schema cannot express (equal history lengths).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { validateResults } from '../../../src/core/results/validate';

const ROOT = join(__dirname, '..', '..', '..');
const schema = JSON.parse(readFileSync(join(ROOT, 'media', 'results.schema.json'), 'utf8')) as object;
const ajvValidate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const sample = (): Record<string, any> => JSON.parse(readFileSync(join(__dirname, 'fixtures', 'sample-results.json'), 'utf8'));

const MUTATIONS: Array<[string, (r: Record<string, any>) => void]> = [
  ['unknown top-level key', (r) => { r.extra = 1; }],
  ['status "running"', (r) => { r.status = 'running'; }],
  ['createdAt not a date-time', (r) => { r.createdAt = 'yesterday'; }],
  ['epochs 0', (r) => { r.config.epochs = 0; }],
  ['batchSize 1.5', (r) => { r.config.batchSize = 1.5; }],
  ['loss mse', (r) => { r.config.loss = 'mse'; }],
  ['no activations', (r) => { r.config.activations = []; }],
  ['activation param a string', (r) => { r.config.activations[0].params = { alpha: '0.2' }; }],
  ['backend metal', (r) => { r.environment.backend = 'metal'; }],
  ['adapter without isFallbackAdapter', (r) => { delete r.environment.adapter.isFallbackAdapter; }],
  ['run status unknown', (r) => { r.runs[0].status = 'ok'; }],
  ['history value a string', (r) => { r.runs[0].history.loss[1] = '0.2'; }],
  ['history key missing', (r) => { delete r.runs[0].history.val_loss; }],
  ['unknown run key', (r) => { r.runs[0].speed = 3; }],
  ['testAccuracy above 1', (r) => { r.runs[0].testAccuracy = 1.2; }],
  ['negative samplesPerSecond', (r) => { r.runs[1].samplesPerSecond = -1; }],
  ['negative epoch time', (r) => { r.runs[1].epochTimesMs[0] = -5; }],
  ['warnings not strings', (r) => { r.warnings = [1]; }],
];

test('the sample file is valid for both', () => {
  assert.equal(ajvValidate(sample()), true, JSON.stringify(ajvValidate.errors));
  assert.deepEqual(validateResults(sample()), []);
});

for (const [name, mutate] of MUTATIONS) {
  test(`both reject: ${name}`, () => {
    const r = sample();
    mutate(r);
    assert.equal(ajvValidate(r), false, 'schema accepts it: the mutation is not a real error');
    assert.notDeepEqual(validateResults(r), [], 'validator accepts it');
  });
}

test('null (NaN) history values and a null adapter are valid for both', () => {
  const r = sample();
  r.environment.adapter = null;
  r.runs[0].history.val_loss[2] = null;
  assert.equal(ajvValidate(r), true, JSON.stringify(ajvValidate.errors));
  assert.deepEqual(validateResults(r), []);
});

test('beyond the schema: history arrays of different lengths, or more epochs than configured', () => {
  const r = sample();
  r.runs[0].history.loss.push(0.1);
  assert.match(validateResults(r).join('\n'), /\/runs\/0\/history: arrays of different lengths \(4, 3, 3, 3\)/);
  const s = sample();
  for (const k of ['loss', 'accuracy', 'val_loss', 'val_accuracy']) s.runs[1].history[k].push(0.5);
  assert.match(validateResults(s).join('\n'), /\/runs\/1\/history: more epochs than config\.epochs \(3\)/);
});
