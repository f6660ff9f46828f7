#!/usr/bin/env python3
"""Independent high-precision reference values for the activation catalogue and erf/erfc.

Run:  python3 test/reference/gen_activations.py > test/reference/activations.json
Needs mpmath (>= 1.2). Every function is evaluated from its textbook/paper definition (not from
the rearranged, overflow-safe forms in src/core) at 400 significant digits, so that even
cancellations like 1 - tanh(x)^2 at x = 700 are resolved, and written with 25 significant
digits. Inputs are the exact binary values of the listed doubles (mpf(float)).

Per point: [x, f(x), f'(x), kf, kdf] where f, f' are decimal strings (null at a kink, where
the derivative is a library convention tested separately) and kf = |x f'(x) / f(x)|,
kdf = |x f''(x) / f'(x)| are condition numbers (3 digits; null where the value is 0) used by
the tests as the allowed amplification of a few-ulp perturbation of x.
"""
import json
import sys

import mpmath as mp

mp.mp.dps = 400
DIGITS = 25

# Klambauer et al. 2017, "Self-Normalizing Neural Networks": the 32 digits quoted for the fixed
# point (mean 0, variance 1), and the closed forms they come from (checked below, 31 digits).
SELU_ALPHA_TEXT = '1.6732632423543772848170429916717'
SELU_LAMBDA_TEXT = '1.0507009873554804934193349852946'
SELU_ALPHA = mp.mpf(SELU_ALPHA_TEXT)
SELU_LAMBDA = mp.mpf(SELU_LAMBDA_TEXT)


def selu_closed_forms():
    """alpha_01 = -sqrt(2/pi) / (erfc(1/sqrt 2) e^(1/2) - 1),
    lambda_01 = (1 - erfc(1/sqrt 2) sqrt e) sqrt(2 pi)
                (2 erfc(sqrt 2) e^2 + pi erfc(1/sqrt 2)^2 e - 2 (2 + pi) erfc(1/sqrt 2) sqrt e + pi + 2)^(-1/2)."""
    e1 = mp.erfc(1 / mp.sqrt(2))
    alpha = -mp.sqrt(2 / mp.pi) / (e1 * mp.exp(mp.mpf(1) / 2) - 1)
    lam = (1 - e1 * mp.sqrt(mp.e)) * mp.sqrt(2 * mp.pi) / mp.sqrt(
        2 * mp.erfc(mp.sqrt(2)) * mp.e ** 2 + mp.pi * e1 ** 2 * mp.e - 2 * (2 + mp.pi) * e1 * mp.sqrt(mp.e) + mp.pi + 2)
    return alpha, lam
C_GELU = mp.mpf('0.044715')  # Hendrycks & Gimpel 2016, Sec. 2


def sig(x):
    return 1 / (1 + mp.exp(-x))


def ncdf(x):
    """Normal CDF; mpmath's erfc overflows for huge |x|, where Phi is 0 or 1 - e^(-5e17):
    there the leading asymptotic term (relative error 1/x^2, and the value underflows a
    double by a factor e^(-5e9) anyway) is used."""
    if abs(x) < 1e4:
        return mp.ncdf(x)
    tail = mp.npdf(x) / abs(x)
    return tail if x < 0 else 1 - tail


def gelu_tanh(x):
    u = mp.sqrt(2 / mp.pi) * (x + C_GELU * x ** 3)
    return x / 2 * (1 + mp.tanh(u))


def gelu_tanh_d(x):
    u = mp.sqrt(2 / mp.pi) * (x + C_GELU * x ** 3)
    du = mp.sqrt(2 / mp.pi) * (1 + 3 * C_GELU * x ** 2)
    return (1 + mp.tanh(u)) / 2 + x / 2 * mp.sech(u) ** 2 * du


def mish(x):
    return x * mp.tanh(mp.log1p(mp.exp(x)))


def mish_d(x):
    sp = mp.log1p(mp.exp(x))
    return mp.tanh(sp) + x * mp.sech(sp) ** 2 * sig(x)


def hard_sigmoid(x):
    return min(max(x / 6 + mp.mpf(1) / 2, 0), 1)


def hard_swish(x):
    return x * min(max(x + 3, 0), 6) / 6


# id -> (f(x, p), f'(x, p), kinks, list of parameter sets)
DEFS = {
    'sigmoid': (lambda x, p: sig(x), lambda x, p: sig(x) * (1 - sig(x)), [], [{}]),
    'tanh': (lambda x, p: mp.tanh(x), lambda x, p: 1 - mp.tanh(x) ** 2, [], [{}]),
    'relu': (lambda x, p: max(x, 0), lambda x, p: 1 if x > 0 else 0, [0], [{}]),
    'leaky_relu': (lambda x, p: x if x > 0 else p['alpha'] * x,
                   lambda x, p: 1 if x > 0 else p['alpha'], [0],
                   [{'alpha': 0.2}, {'alpha': 0.01}, {'alpha': 0.3}]),
    'elu': (lambda x, p: x if x > 0 else p['alpha'] * (mp.exp(x) - 1),
            lambda x, p: 1 if x > 0 else p['alpha'] * mp.exp(x), [0], [{'alpha': 1}, {'alpha': 0.5}]),
    'selu': (lambda x, p: SELU_LAMBDA * (x if x > 0 else SELU_ALPHA * (mp.exp(x) - 1)),
             lambda x, p: SELU_LAMBDA * (1 if x > 0 else SELU_ALPHA * mp.exp(x)), [0], [{}]),
    'gelu': (lambda x, p: x * ncdf(x), lambda x, p: ncdf(x) + x * mp.npdf(x), [], [{}]),
    'gelu_tanh': (lambda x, p: gelu_tanh(x), lambda x, p: gelu_tanh_d(x), [], [{}]),
    'softplus': (lambda x, p: mp.log(1 + mp.exp(x)), lambda x, p: sig(x), [], [{}]),
    'softsign': (lambda x, p: x / (1 + abs(x)), lambda x, p: 1 / (1 + abs(x)) ** 2, [], [{}]),
    'swish': (lambda x, p: x * sig(p['beta'] * x),
              lambda x, p: sig(p['beta'] * x) + p['beta'] * x * sig(p['beta'] * x) * (1 - sig(p['beta'] * x)),
              [], [{'beta': 1}, {'beta': 1.5}]),
    'mish': (lambda x, p: mish(x), lambda x, p: mish_d(x), [], [{}]),
    'hard_sigmoid': (lambda x, p: hard_sigmoid(x), lambda x, p: mp.mpf(1) / 6 if -3 < x < 3 else 0, [-3, 3], [{}]),
    'hard_swish': (lambda x, p: hard_swish(x),
                   lambda x, p: 0 if x < -3 else (1 if x > 3 else (2 * x + 3) / 6), [-3, 3], [{}]),
    'relu6': (lambda x, p: min(max(x, 0), 6), lambda x, p: 1 if 0 < x < 6 else 0, [0, 6], [{}]),
    'celu': (lambda x, p: x if x > 0 else p['alpha'] * (mp.exp(x / p['alpha']) - 1),
             lambda x, p: 1 if x > 0 else mp.exp(x / p['alpha']), [0], [{'alpha': 1}, {'alpha': 0.5}, {'alpha': 2}]),
    'linear': (lambda x, p: x, lambda x, p: 1, [], [{}]),
    'exponential': (lambda x, p: mp.exp(x), lambda x, p: mp.exp(x), [], [{}]),
}

MAGNITUDES = [1e-300, 1e-20, 1e-8, 1e-3, 0.1, 0.25, 0.5, 0.75, 0.84375, 1, 1.25, 1.5, 2, 2.5, 2.9, 3,
              3.5, 4, 5, 5.9, 6, 6.5, 7, 8, 10, 15, 19, 20, 25, 27, 30, 37, 38.5, 40, 50, 100, 300,
              500, 700, 709.7, 709.8, 745, 746, 1000, 1e5, 1e20, 1e154, 1e200, 1e308]
GRID = sorted({0.0} | {s * m for m in MAGNITUDES for s in (1.0, -1.0)})


def dec(v):
    """25-digit decimal; magnitudes far outside the double range are written as JavaScript's
    Number() would round them ('0' below 1e-330, '+-Infinity' above 1e310)."""
    v = mp.mpf(v)
    if abs(v) < mp.mpf('1e-330'):
        return '0'
    if abs(v) > mp.mpf('1e310'):
        return 'Infinity' if v > 0 else '-Infinity'
    return mp.nstr(v, DIGITS, min_fixed=1, max_fixed=0)


def dec50(v):
    return mp.nstr(v, 50)


def cond(x, v, dv):
    """|x dv / v| to 3 digits, capped at 1e300; None where v == 0."""
    if v == 0:
        return None
    return float(mp.nstr(min(abs(x * dv / v), mp.mpf('1e300')), 3))


def second_derivative(d, x, p):
    h = abs(x) * mp.mpf('1e-60') if x != 0 else mp.mpf('1e-60')
    return (mp.mpf(d(x + h, p)) - mp.mpf(d(x - h, p))) / (2 * h)


def points(fid, params):
    f, d, kinks, _ = DEFS[fid]
    p = {k: mp.mpf(v) for k, v in params.items()}
    out = []
    for xf in GRID:
        x = mp.mpf(xf)
        y = mp.mpf(f(x, p))
        if xf in kinks:
            out.append([xf, dec(y), None, cond(x, y, 1), None])
            continue
        dy = mp.mpf(d(x, p))
        out.append([xf, dec(y), dec(dy), cond(x, y, dy), cond(x, dy, second_derivative(d, x, p))])
    return out


def erf_points():
    xs = sorted({0.0} | {s * m for m in MAGNITUDES[:36] + [0.84374999, 1.2499999, 2.857142857, 5.999999, 26.5, 27.2, 28]
                        for s in (1.0, -1.0)} | {i / 64 for i in range(-400, 401)})
    return [[x, dec(mp.erf(mp.mpf(x))), dec(mp.erfc(mp.mpf(x)))] for x in xs]


def main():
    cases = [{'id': fid, 'params': params, 'points': points(fid, params)}
             for fid, (_, _, _, plist) in DEFS.items() for params in plist]
    doc = {
        'source': 'mpmath %s, %d working digits, textbook definitions; see gen_activations.py' % (mp.__version__, mp.mp.dps),
        'generator': 'test/reference/gen_activations.py',
        'columns': ['x', 'f', 'df', 'kf', 'kdf'],
        'selu': {'alpha': SELU_ALPHA_TEXT, 'lambda': SELU_LAMBDA_TEXT,
                 'alphaClosedForm': dec50(selu_closed_forms()[0]), 'lambdaClosedForm': dec50(selu_closed_forms()[1])},
        'cases': cases,
        'erf': {'columns': ['x', 'erf', 'erfc'], 'points': erf_points()},
    }
    json.dump(doc, sys.stdout, indent=None, separators=(',', ':'))
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
