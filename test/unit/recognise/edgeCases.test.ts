/** Recogniser edge cases: calls over several lines, spacing, offsets at the edges, bad input. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recogniseAt } from '../../../src/core/recognise/recognise';
import { at, expectMatch } from './corpusHelpers';

test('a call spread over lines with a trailing comma and spaces around =', () => {
  const py = 'act = nn.LeakyReLU(\n    negative_slope = 0.05,\n    inplace=False,\n)\n';
  assert.deepEqual(expectMatch(at(py, 'py', 'LeakyReLU'), 'leaky_relu', 'PyTorch').params, { alpha: 0.05 });
  const g = "y = torch.nn.functional.gelu(x, approximate = 'tanh')";
  expectMatch(at(g, 'py', 'gelu'), 'gelu_tanh', 'PyTorch');
  assert.deepEqual(expectMatch(at('tf.keras.layers.LeakyReLU(0.2)', 'py', 'Leaky'), 'leaky_relu', 'Keras').params, { alpha: 0.2 });
});

test('offsets at the first and last character of the name, and just outside', () => {
  const js = 'y = tf.relu(x);';
  const start = js.indexOf('tf');
  const end = js.indexOf('(');
  expectMatch(recogniseAt(js, start, { family: 'js' }), 'relu', 'TensorFlow.js');
  expectMatch(recogniseAt(js, end - 1, { family: 'js' }), 'relu', 'TensorFlow.js');
  assert.equal(recogniseAt(js, start - 1, { family: 'js' }), undefined, 'the space before');
  assert.equal(recogniseAt(js, js.length + 5, { family: 'js' }), undefined, 'past the end');
  assert.equal(recogniseAt(js, -1, { family: 'js' }), undefined);
  assert.equal(recogniseAt('', 0, { family: 'py' }), undefined);
});

test('flax-style lowercase nn.relu in Python is not claimed for PyTorch', () => {
  assert.equal(at('import flax.linen as nn\ny = nn.relu(x)', 'py', 'relu('), undefined);
});

test('unbalanced or huge argument lists fall back to library defaults, never throw', () => {
  const py = 'nn.LeakyReLU(0.1' + ', 0'.repeat(5000);
  assert.deepEqual(expectMatch(at(py, 'py', 'Leaky'), 'leaky_relu', 'PyTorch').params, { alpha: 0.01 });
  const weird = "nn.GELU(approximate='sigmoid')";
  const m = expectMatch(at(weird, 'py', 'GELU'), 'gelu', 'PyTorch');
  assert.match(m.notes.join(' '), /'sigmoid' is not a value PyTorch accepts/);
});
