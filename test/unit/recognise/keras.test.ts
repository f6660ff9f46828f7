/**
 * Recogniser corpus: Keras / TensorFlow (Python). Expected defaults are the documented
 * Keras and tf.nn values in test/reference/library_defaults.json (pages cited there).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { at, DEFAULTS, expectMatch, reading } from './corpusHelpers';

const CODE = `import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

# activation='tanh' would saturate here
model = keras.Sequential([
    layers.Dense(128, activation='gelu'),
    layers.Dense(64, activation="relu", name="relu_block"),
    layers.LeakyReLU(),
    layers.LeakyReLU(alpha=0.1),
    layers.LeakyReLU(negative_slope=0.05),
    layers.Activation('selu'),
    layers.Dense(10, activation=keras.activations.softmax),
])
y = keras.activations.selu(x)
z = tf.keras.activations.leaky_relu(x)
w = tf.nn.leaky_relu(x)
v = keras.activations.gelu(x, approximate=True)
config = {'units': 32, 'activation': 'swish'}
rnn = layers.LSTM(32, recurrent_activation='hard_sigmoid')
`;

test("activation='...' strings: Keras activation functions with Keras defaults", () => {
  const gelu = expectMatch(at(CODE, 'py', "'gelu'"), 'gelu', 'Keras');
  assert.equal(gelu.matched, "activation='gelu'");
  assert.deepEqual(reading(gelu, 'approximate'), { value: DEFAULTS.keras['keras.activations.gelu.approximate'], from: 'default' });
  expectMatch(at(CODE, 'py', '"relu"'), 'relu', 'Keras');
  expectMatch(at(CODE, 'py', "'selu'"), 'selu', 'Keras');
  expectMatch(at(CODE, 'py', "'swish'"), 'swish', 'Keras');
  const hs = expectMatch(at(CODE, 'py', "'hard_sigmoid'"), 'hard_sigmoid', 'Keras');
  assert.match(hs.notes.join(' '), /Keras 2 used clip\(0\.2x \+ 0\.5, 0, 1\)/);
});

test('layers.LeakyReLU: Keras layer default 0.3; alpha (Keras 2) and negative_slope (Keras 3)', () => {
  const bare = expectMatch(at(CODE, 'py', 'LeakyReLU()'), 'leaky_relu', 'Keras');
  assert.deepEqual(bare.params, { alpha: DEFAULTS.keras['keras.layers.LeakyReLU.negative_slope'] });
  assert.equal(reading(bare, 'negative_slope').from, 'default');
  assert.deepEqual(expectMatch(at(CODE, 'py', 'LeakyReLU(alpha'), 'leaky_relu', 'Keras').params, { alpha: 0.1 });
  assert.deepEqual(expectMatch(at(CODE, 'py', 'LeakyReLU(negative'), 'leaky_relu', 'Keras').params, { alpha: 0.05 });
});

test('keras.activations.* and tf.nn.*: function defaults differ from the layer', () => {
  expectMatch(at(CODE, 'py', 'activations.selu'), 'selu', 'Keras');
  const fn = expectMatch(at(CODE, 'py', 'activations.leaky_relu'), 'leaky_relu', 'Keras');
  assert.equal(fn.api, 'keras.activations.leaky_relu');
  assert.deepEqual(fn.params, { alpha: DEFAULTS.keras['keras.activations.leaky_relu.negative_slope'] });
  const nn = expectMatch(at(CODE, 'py', 'nn.leaky_relu'), 'leaky_relu', 'TensorFlow');
  assert.deepEqual(nn.params, { alpha: DEFAULTS.keras['tf.nn.leaky_relu.alpha'] });
  expectMatch(at(CODE, 'py', 'activations.gelu(x, approximate=True)'), 'gelu_tanh', 'Keras');
  expectMatch(at(CODE, 'py', 'activations.softmax'), 'softmax', 'Keras');
});

test('non-activation strings, comments and layer names do not match', () => {
  for (const needle of ['tanh', 'relu_block', 'Dense(128', "'units'", 'Sequential', 'LSTM']) {
    assert.equal(at(CODE, 'py', needle), undefined, needle);
  }
});
