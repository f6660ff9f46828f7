/**
 * Histories written by Python (test/reference/python_histories.py: a real PyTorch loop, Keras'
 * history.history through json.dump with its NaN / Infinity tokens, Keras' CSVLogger format)
 * read the way Python reads them back (expected.json, made by json.loads / csv.DictReader).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isExternalHistory } from '../../../src/core/results/history';
import { labelledOf, parseComparisonFile, parseResults, ResultsFileError } from '../../../src/core/results/loadFile';
import { isShownResultsList } from '../../../src/protocol/results';

const DIR = join(__dirname, '..', '..', 'reference', 'histories');
const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as Record<string, Record<string, Array<number | null>>>;
const load = (name: string) => parseComparisonFile(readFileSync(join(DIR, name), 'utf8'), name);

test('PyTorch dict of lists (train_loss, train_acc, val_loss, val_acc) gives the four series as Python reads them', () => {
  const f = load('torch_history.json');
  assert.equal(f.kind, 'history');
  if (f.kind !== 'history') return;
  const e = expected['torch_history.json']!;
  assert.deepEqual(f.history.history, { loss: e.train_loss, accuracy: e.train_acc, val_loss: e.val_loss, val_accuracy: e.val_acc });
  assert.deepEqual(f.history.keys, { loss: 'train_loss', accuracy: 'train_acc', val_loss: 'val_loss', val_accuracy: 'val_acc' });
  assert.equal(f.history.epochs, 5);
});

test('Keras json.dump with NaN, Infinity, -Infinity and the old names acc / val_acc; lr left out', () => {
  const text = readFileSync(join(DIR, 'keras_history.json'), 'utf8');
  assert.match(text, /NaN/);
  assert.match(text, /-Infinity/);
  assert.throws(() => JSON.parse(text), 'plain JSON.parse rejects the file');
  const f = load('keras_history.json');
  if (f.kind !== 'history') return assert.fail('not a history');
  const e = expected['keras_history.json']!;
  assert.deepEqual(f.history.history, { loss: e.loss, accuracy: e.acc, val_loss: e.val_loss, val_accuracy: e.val_acc });
  assert.equal(f.history.history.loss[4], null, 'Infinity is a gap');
  assert.deepEqual(f.history.keys, { loss: 'loss', accuracy: 'acc', val_loss: 'val_loss', val_accuracy: 'val_acc' });
  assert.deepEqual(f.history.ignored, ['lr']);
});

test('Keras CSVLogger: CRLF, sorted keys, NA for epochs without validation', () => {
  const f = load('keras_csvlogger.csv');
  if (f.kind !== 'history') return assert.fail('not a history');
  const e = expected['keras_csvlogger.csv']!;
  assert.deepEqual(f.history.history, { loss: e.loss, accuracy: e.accuracy, val_loss: e.val_loss, val_accuracy: e.val_accuracy });
  assert.equal(f.history.history.val_loss[0], null);
  assert.equal(f.history.source, 'csv');
});

test('a history is one run in the charts and passes the results panel guard; a damaged one does not', () => {
  const f = load('keras_history.json');
  if (f.kind !== 'history') return assert.fail('not a history');
  const l = labelledOf('keras_history', { history: f.history });
  assert.equal(l.results.runs.length, 1);
  assert.equal(l.results.runs[0]!.testAccuracy, null);
  assert.ok(isExternalHistory(f.history));
  assert.ok(isShownResultsList([{ label: 'k', path: 'k.json', history: f.history }]));
  assert.ok(!isShownResultsList([{ label: 'k', path: 'k.json', history: { ...f.history, epochs: 9 } }]), 'lengths disagree with epochs');
  assert.ok(!isShownResultsList([{ label: 'k', path: 'k.json', history: { ...f.history, history: { ...f.history.history, loss: ['x'] } } }]));
});

test('a bad file gets one message naming it and its first problem', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['cut.json', readFileSync(join(DIR, 'keras_history.json'), 'utf8').slice(0, 50), /^cut\.json: not valid JSON at line 1, column 51: the text ends too early \(a truncated file\?\)$/],
    ['hand.json', '{\n  "loss": [0.5, 0.4],\n  "accuracy": [0.8 0.9]\n}', /^hand\.json: not valid JSON at line 3, column 20: /],
    ['pct.json', '{"loss": [0.5, 0.4], "accuracy": [80.5, 90.1]}', /^pct\.json: not a training history: accuracy\[0\]: accuracy 80\.5 is outside 0\.\.1 \(a percentage\? divide by 100\)$/],
    ['len.json', '{"loss": [0.5, 0.4], "val_loss": [0.6]}', /^len\.json: not a training history: series of different lengths \(loss 2, val_loss 1\)$/],
    ['str.json', '{"loss": [0.5, "0.4"]}', /^str\.json: not a training history: loss\[1\]: expected a number, found "0\.4"$/],
    ['other.json', '{"weights": 3}', /^other\.json: neither an Activation Lab results file/],
    ['rows.csv', 'epoch,loss\r\n0,0.5,0.1\r\n', /^rows\.csv: not a Keras CSVLogger history: line 2: 3 cells, the header has 2$/],
    ['none.csv', 'epoch,lr\r\n0,0.1\r\n', /^none\.csv: not a Keras CSVLogger history: no loss or accuracy series/],
  ];
  for (const [name, text, msg] of cases) {
    assert.throws(() => parseComparisonFile(text, name), (e: Error) => e instanceof ResultsFileError && msg.test(e.message), name);
  }
});

test('our own results file with Python NaN tokens (e.g. rewritten by a Python script) opens, NaN as a gap', () => {
  const fixture = readFileSync(join(__dirname, 'fixtures', 'sample-results.json'), 'utf8');
  const r = JSON.parse(fixture);
  const withNaN = JSON.stringify(r, null, 1).replace(/"val_loss": \[\n?\s*([-\d.e]+)/, '"val_loss": [NaN');
  assert.match(withNaN, /NaN/);
  const parsed = parseResults(withNaN, 'py.json');
  assert.equal(parsed.runs[0]!.history.val_loss[0], null);
});
