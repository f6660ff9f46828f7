/** Recogniser: functions the user defines after an activation, in Python and JavaScript. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { at, expectMatch, reading } from './corpusHelpers';

const PY = `import numpy as np

def swish(x, beta=1.5):
    return x / (1 + np.exp(-beta * x))

def leaky_relu(x, alpha=0.1):
    return np.where(x > 0, x, alpha * x)

def linear(a, b):
    return a + b

h = swish(leaky_relu(z))
total = linear(1, 2)
`;

test('def swish(x, beta=1.5): literal defaults of the signature become parameters', () => {
  const m = expectMatch(at(PY, 'py', 'swish(x'), 'swish', 'user');
  assert.equal(m.api, 'def swish(x, beta=1.5)');
  assert.deepEqual(m.params, { beta: 1.5 });
  assert.deepEqual(reading(m, 'beta'), { value: 1.5, from: 'code' });
  expectMatch(at(PY, 'py', 'swish(leaky'), 'swish', 'user');
  assert.deepEqual(expectMatch(at(PY, 'py', 'leaky_relu(z'), 'leaky_relu', 'user').params, { alpha: 0.1 });
});

test('common words that are also activation names are not taken for user activations', () => {
  assert.equal(at(PY, 'py', 'linear(a'), undefined);
  assert.equal(at(PY, 'py', 'linear(1'), undefined);
});

test('JS arrow functions and const function expressions', () => {
  const JS = 'const mish = (x) => x * Math.tanh(Math.log1p(Math.exp(x)));\nconst hardSwish = function (x) { return x; };\nmish(2); hardSwish(1);';
  expectMatch(at(JS, 'js', 'mish(2)'), 'mish', 'user');
  expectMatch(at(JS, 'js', 'hardSwish(1)'), 'hard_swish', 'user');
  assert.equal(at('const y = mish(2);', 'js', 'mish'), undefined, 'a call with no definition or import is not claimed');
});
