#!/usr/bin/env python3
"""PyTorch reference: f and autograd f' (float64, CPU) on a grid and at every kink.

Run:  /usr/bin/python3 test/reference/gen_activation_torch.py > test/reference/activations_torch.json
Needs torch (Debian python3-torch; generated with the version recorded in the output).
The kink values document what PyTorch's backward kernels return where f is not
differentiable; the catalogue follows them (see kinkNote in src/core/activations/defs).
"""
import inspect
import json
import sys

import torch
import torch.nn.functional as F

SQRT1_2 = 0.5 ** 0.5

# id -> (params, function of a float64 tensor, kink points)
DEFS = [
    ('sigmoid', {}, torch.sigmoid, []),
    ('tanh', {}, torch.tanh, []),
    ('relu', {}, F.relu, [0.0]),
    ('leaky_relu', {'alpha': 0.2}, lambda t: F.leaky_relu(t, 0.2), [0.0]),
    ('leaky_relu', {'alpha': 0.01}, lambda t: F.leaky_relu(t, 0.01), [0.0]),
    ('elu', {'alpha': 1.0}, lambda t: F.elu(t, 1.0), [0.0]),
    ('elu', {'alpha': 0.5}, lambda t: F.elu(t, 0.5), [0.0]),
    ('selu', {}, F.selu, [0.0]),
    ('gelu', {}, lambda t: F.gelu(t, approximate='none'), []),
    ('gelu_tanh', {}, lambda t: F.gelu(t, approximate='tanh'), []),
    ('softplus', {}, F.softplus, []),  # threshold=20: grid stays below it
    ('softsign', {}, F.softsign, []),
    ('swish', {'beta': 1.0}, F.silu, []),
    ('mish', {}, F.mish, []),
    ('hard_sigmoid', {}, F.hardsigmoid, [-3.0, 3.0]),
    ('hard_swish', {}, F.hardswish, [-3.0, 3.0]),
    ('relu6', {}, F.relu6, [0.0, 6.0]),
    ('celu', {'alpha': 1.0}, lambda t: F.celu(t, 1.0), [0.0]),
    ('celu', {'alpha': 0.5}, lambda t: F.celu(t, 0.5), [0.0]),
    ('linear', {}, lambda t: t * 1.0, []),
    ('exponential', {}, torch.exp, []),
]

GRID = [round(-8 + 0.37 * i, 2) for i in range(44)] + [-0.5, 0.5, 2.5, 5.5]


def evaluate(fn, xs):
    t = torch.tensor(xs, dtype=torch.float64, requires_grad=True)
    y = fn(t)
    (g,) = torch.autograd.grad(y.sum(), t)
    return y.detach().tolist(), g.tolist()


def defaults():
    """Constructor defaults, read from the installed torch by introspection."""
    sig = lambda cls, name: inspect.signature(cls.__init__).parameters[name].default
    return {
        'torch.nn.LeakyReLU.negative_slope': sig(torch.nn.LeakyReLU, 'negative_slope'),
        'torch.nn.ELU.alpha': sig(torch.nn.ELU, 'alpha'),
        'torch.nn.CELU.alpha': sig(torch.nn.CELU, 'alpha'),
        'torch.nn.GELU.approximate': sig(torch.nn.GELU, 'approximate'),
        'torch.nn.Softplus.beta': sig(torch.nn.Softplus, 'beta'),
        'torch.nn.Softplus.threshold': sig(torch.nn.Softplus, 'threshold'),
    }


def main():
    cases = []
    for fid, params, fn, kinks in DEFS:
        xs = sorted(set(GRID) - set(kinks))
        y, dy = evaluate(fn, xs)
        ky, kdy = evaluate(fn, kinks) if kinks else ([], [])
        cases.append({'id': fid, 'params': params,
                      'grid': [list(p) for p in zip(xs, y, dy)],
                      'kinks': [list(p) for p in zip(kinks, ky, kdy)]})
    doc = {'source': 'PyTorch %s autograd, float64 CPU' % torch.__version__,
           'generator': 'test/reference/gen_activation_torch.py',
           'columns': ['x', 'f', 'df'], 'defaults': defaults(), 'cases': cases}
    json.dump(doc, sys.stdout, separators=(',', ':'))
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
