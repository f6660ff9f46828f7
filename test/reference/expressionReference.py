#!/usr/bin/env python3
"""Reference values for user-defined activation expressions (test/unit/expression).

Independent of our TypeScript: every value is computed here with mpmath at 50 significant
digits (f directly, f' with mpmath.diff, i.e. high-precision numerical differentiation of the
mpmath function), then rounded to the nearest double by repr(float(...)).

Formulas:
  swish / SiLU  x * sigmoid(x)                  Ramachandran et al. 2017, eq. 1 (beta = 1)
  GELU (sigmoid approx.) x * sigmoid(1.702 x)   Hendrycks & Gimpel 2016, sec. 2
  mish          x * tanh(ln(1 + e^x))           Misra 2019, eq. 1
  GELU (erf)    0.5 x (1 + erf(x / sqrt 2))     Hendrycks & Gimpel 2016, sec. 2
  GELU (tanh)   0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))   same paper
  ELU           x if x > 0 else a (e^x - 1), a = 0.5   Clevert et al. 2016, eq. 15
  leaky ReLU    max(0, x) + 0.1 min(0, x)       Maas et al. 2013
  erf           the error function itself       (A&S 7.1.1)

Run: python3 test/reference/expressionReference.py > test/reference/expressionReference.json
"""
import json
import mpmath as mp

mp.mp.dps = 50

def sig(x):
    return 1 / (1 + mp.exp(-x))

A = mp.mpf('0.5')
CORPUS = [
    ('swish', 'x * sigmoid(x)', {}, lambda x: x * sig(x)),
    ('swish_explicit', 'x / (1 + exp(-x))', {}, lambda x: x * sig(x)),
    ('gelu_sigmoid', 'x * sigmoid(1.702 * x)', {}, lambda x: x * sig(mp.mpf('1.702') * x)),
    ('mish', 'x * tanh(log(1 + exp(x)))', {}, lambda x: x * mp.tanh(mp.log(1 + mp.exp(x)))),
    ('gelu_erf', '0.5 * x * (1 + erf(x / sqrt(2)))', {}, lambda x: x / 2 * (1 + mp.erf(x / mp.sqrt(2)))),
    ('gelu_tanh', '0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))', {},
     lambda x: x / 2 * (1 + mp.tanh(mp.sqrt(2 / mp.pi) * (x + mp.mpf('0.044715') * x ** 3)))),
    ('elu', 'x > 0 ? x : a * (exp(x) - 1)', {'a': 0.5}, lambda x: x if x > 0 else A * (mp.exp(x) - 1)),
    ('leaky_maxmin', 'max(0, x) + 0.1 * min(0, x)', {}, lambda x: max(0, x) + mp.mpf('0.1') * min(0, x)),
    ('erf', 'erf(x)', {}, mp.erf),
]
# Kinks (x = 0 for elu/leaky) are left out: there f' is a convention, tested separately.
XS = ['-8', '-6', '-3.5', '-2', '-1', '-0.5', '-0.1', '-1e-6', '1e-6', '0.1', '0.5', '1', '2', '3.5', '6', '8']

def entry(name, expr, params, fn):
    points = []
    for s in XS:
        x = mp.mpf(float(s))  # the double our code sees
        points.append({'x': float(x), 'f': repr(float(fn(x))), 'df': repr(float(mp.diff(fn, x)))})
    return {'name': name, 'expression': expr, 'params': params, 'points': points}

print(json.dumps({
    'source': 'test/reference/expressionReference.py (mpmath %s, 50 digits); values as decimal strings of the nearest double' % mp.__version__,
    'corpus': [entry(*c) for c in CORPUS],
}, indent=1))
