/**
 * Recogniser corpus: PyTorch model code. Expected defaults come from torch itself
 * (test/reference/library_defaults.json, generated with inspect.signature on torch 1.13).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { at, DEFAULTS, expectMatch, reading } from './corpusHelpers';

const CODE = `import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn import GELU as TorchGELU


class Block(nn.Module):
    """A residual block; relu is applied after the sum."""

    def __init__(self, dim, slope):
        super().__init__()
        self.fc = nn.Linear(dim, dim)
        self.act = nn.LeakyReLU(0.1)
        self.act2 = nn.LeakyReLU(negative_slope=slope)
        self.act3 = nn.LeakyReLU()
        self.gelu = nn.GELU(approximate='tanh')
        self.gelu_exact = nn.GELU()
        self.elu = nn.ELU(alpha=0.5, inplace=True)
        self.g = TorchGELU()
        self.relu_count = 0  # relu_count is a look-alike
        self.head = torch.nn.Sequential(
            torch.nn.SiLU(),
            nn.Softplus(beta=2),
        )

    def forward(self, x):
        x = F.silu(self.fc(x))
        x = torch.relu(x)
        x = F.leaky_relu(x, 0.3)
        x = F.gelu(x, approximate="tanh")
        print("relu done")
        return torch.nn.functional.elu(x)
`;

test('nn.LeakyReLU: positional literal, keyword variable, no argument', () => {
  const lit = expectMatch(at(CODE, 'py', 'LeakyReLU(0.1'), 'leaky_relu', 'PyTorch');
  assert.equal(lit.api, 'torch.nn.LeakyReLU');
  assert.equal(lit.matched, 'nn.LeakyReLU(0.1)');
  assert.deepEqual(lit.params, { alpha: 0.1 });
  assert.deepEqual(reading(lit, 'negative_slope'), { value: 0.1, from: 'code' });

  const variable = expectMatch(at(CODE, 'py', 'LeakyReLU(negative'), 'leaky_relu', 'PyTorch');
  assert.deepEqual(variable.params, { alpha: DEFAULTS.pytorch['torch.nn.LeakyReLU.negative_slope'] });
  assert.match(variable.notes.join(' '), /`slope` is not a literal.*PyTorch default 0\.01/);

  const bare = expectMatch(at(CODE, 'py', 'LeakyReLU()'), 'leaky_relu', 'PyTorch');
  assert.deepEqual(reading(bare, 'negative_slope'), { value: DEFAULTS.pytorch['torch.nn.LeakyReLU.negative_slope'], from: 'default' });
});

test('nn.GELU: approximate selects exact or tanh GELU; default is exact', () => {
  assert.equal(DEFAULTS.pytorch['torch.nn.GELU.approximate'], 'none');
  expectMatch(at(CODE, 'py', "GELU(approximate='tanh'"), 'gelu_tanh', 'PyTorch');
  const exact = expectMatch(at(CODE, 'py', 'GELU()', { nth: 0 }), 'gelu', 'PyTorch');
  assert.deepEqual(reading(exact, 'approximate'), { value: 'none', from: 'default' });
  expectMatch(at(CODE, 'py', 'gelu(x, approximate="tanh")'), 'gelu_tanh', 'PyTorch');
});

test('keyword parameters, functional forms, torch.* and nested torch.nn', () => {
  assert.deepEqual(expectMatch(at(CODE, 'py', 'ELU(alpha'), 'elu', 'PyTorch').params, { alpha: 0.5 });
  const leaky = expectMatch(at(CODE, 'py', 'leaky_relu(x, 0.3)'), 'leaky_relu', 'PyTorch');
  assert.equal(leaky.api, 'torch.nn.functional.leaky_relu');
  assert.deepEqual(leaky.params, { alpha: 0.3 });
  assert.equal(expectMatch(at(CODE, 'py', 'silu(self'), 'swish', 'PyTorch').api, 'torch.nn.functional.silu');
  assert.equal(expectMatch(at(CODE, 'py', 'torch.relu'), 'relu', 'PyTorch').api, 'torch.relu');
  assert.equal(expectMatch(at(CODE, 'py', 'SiLU()'), 'swish', 'PyTorch').api, 'torch.nn.SiLU');
  assert.deepEqual(reading(expectMatch(at(CODE, 'py', 'Softplus(beta'), 'softplus', 'PyTorch'), 'beta'), { value: 2, from: 'code' });
  const elu = expectMatch(at(CODE, 'py', 'functional.elu'), 'elu', 'PyTorch');
  assert.deepEqual(elu.params, { alpha: DEFAULTS.pytorch['torch.nn.ELU.alpha'] });
  // Hovering the qualifier of a call still names the call.
  assert.equal(expectMatch(at(CODE, 'py', 'torch.nn.functional.elu', { nth: 0 }), 'elu', 'PyTorch').start, CODE.indexOf('torch.nn.functional.elu'));
});

test('a bare name imported from torch.nn is recognised unless strict', () => {
  const m = expectMatch(at(CODE, 'py', 'TorchGELU()'), 'gelu', 'PyTorch');
  assert.equal(m.api, 'torch.nn.GELU');
  assert.equal(at(CODE, 'py', 'TorchGELU()', { strictness: 'strict' }), undefined);
});

test('look-alikes, comments, docstrings and other strings do not match', () => {
  for (const needle of ['relu_count = 0', 'relu_count is', 'relu is applied', 'relu done', 'Linear(dim', 'nn.Module', 'fc(x)']) {
    assert.equal(at(CODE, 'py', needle), undefined, needle);
  }
  assert.equal(at(CODE, 'py', 'relu_count = 0', { strictness: 'loose' }), undefined, 'look-alike never matches');
});

test('loose strictness matches activation words in comments and strings', () => {
  expectMatch(at(CODE, 'py', 'relu is applied', { strictness: 'loose' }), 'relu', undefined);
  expectMatch(at(CODE, 'py', 'relu done', { strictness: 'loose' }), 'relu', undefined);
});
