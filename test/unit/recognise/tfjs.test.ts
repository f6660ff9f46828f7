/**
 * Recogniser corpus: TensorFlow.js in TypeScript/TSX. Expected defaults are read from the
 * installed tfjs 4.22 sources (test/reference/library_defaults.json).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { at, DEFAULTS, expectMatch, reading } from './corpusHelpers';

const CODE = `import * as tf from '@tensorflow/tfjs';
import { relu as reluOp } from '@tensorflow/tfjs';

// Build a small CNN; relu after each conv.
export function buildModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }));
  model.add(tf.layers.leakyReLU({ alpha: 0.2 }));
  model.add(tf.layers.leakyReLU());
  model.add(tf.layers.elu());
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  const label = 'relu';
  return model;
}
const y = tf.relu(x);
const s = tf.sigmoid;
const z = tf.selu(x);
const l = tf.leakyRelu(x);
const r = reluOp(x);
function gelu(x: number): number {
  return 0.5 * x * (1 + Math.tanh(0.7978845608 * (x + 0.044715 * x ** 3)));
}
const out = gelu(1.5);
const relu_count = 3;
const re = /relu'/; const after = tf.tanh(x);
const view = <Chart activation="selu" title="relu" />;
`;

test("activation: '...' in a layer config: tfjs identifiers", () => {
  const m = expectMatch(at(CODE, 'js', "'relu', input"), 'relu', 'TensorFlow.js');
  assert.equal(m.matched, "activation: 'relu'");
  expectMatch(at(CODE, 'js', "'softmax'"), 'softmax', 'TensorFlow.js');
  expectMatch(at(CODE, 'js', '"selu"'), 'selu', 'TensorFlow.js');
});

test('tf.layers.leakyReLU: literal from the config object, else the layer default 0.3', () => {
  const lit = expectMatch(at(CODE, 'js', 'leakyReLU({'), 'leaky_relu', 'TensorFlow.js');
  assert.deepEqual(reading(lit, 'alpha'), { value: 0.2, from: 'code' });
  const bare = expectMatch(at(CODE, 'js', 'leakyReLU()'), 'leaky_relu', 'TensorFlow.js');
  assert.deepEqual(reading(bare, 'alpha'), { value: DEFAULTS.tfjs['tf.layers.leakyReLU.alpha'], from: 'default' });
  const elu = expectMatch(at(CODE, 'js', 'elu()'), 'elu', 'TensorFlow.js');
  assert.deepEqual(elu.params, { alpha: DEFAULTS.tfjs['tf.layers.elu.alpha'] });
  assert.match(elu.notes.join(' '), /NotImplementedError/);
});

test('tf ops: tf.relu, tf.sigmoid (a reference), tf.selu, tf.leakyRelu with the op default 0.2', () => {
  assert.equal(expectMatch(at(CODE, 'js', 'tf.relu'), 'relu', 'TensorFlow.js').api, 'tf.relu');
  assert.equal(expectMatch(at(CODE, 'js', 'sigmoid;'), 'sigmoid', 'TensorFlow.js').matched, 'tf.sigmoid');
  expectMatch(at(CODE, 'js', 'selu(x)'), 'selu', 'TensorFlow.js');
  const op = expectMatch(at(CODE, 'js', 'leakyRelu(x)'), 'leaky_relu', 'TensorFlow.js');
  assert.deepEqual(op.params, { alpha: DEFAULTS.tfjs['tf.leakyRelu.alpha'] });
  expectMatch(at(CODE, 'js', 'reluOp(x)'), 'relu', 'TensorFlow.js');
});

test('a function the file defines under an activation name: definition and call sites', () => {
  const def = expectMatch(at(CODE, 'js', 'gelu(x: number)'), 'gelu', 'user');
  assert.equal(def.api, 'function gelu(x: number)');
  expectMatch(at(CODE, 'js', 'gelu(1.5)'), 'gelu', 'user');
  assert.equal(at(CODE, 'js', 'gelu(1.5)', { strictness: 'strict' }), undefined);
});

test('a regex literal holding a quote does not derail string detection', () => {
  expectMatch(at(CODE, 'js', 'tanh(x)'), 'tanh', 'TensorFlow.js');
});

test('look-alikes, comments, other strings, other tf calls do not match', () => {
  for (const needle of ['relu after', "'relu';", 'relu_count', 'sequential()', 'conv2d', '"relu" />', 'Math.tanh']) {
    assert.equal(at(CODE, 'js', needle), undefined, needle);
  }
});
