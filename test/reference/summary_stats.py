#!/usr/bin/env python3
"""Reference statistics for src/core/results/summary.ts `summaryStats`, from Python's own
statistics module (mean, pstdev: population standard deviation, divisor n) and numpy
(np.std with its default ddof=0, which is what numpy and Keras users compute by hand).
The sample standard deviation (statistics.stdev, divisor n - 1) is recorded too, to show
which one the summary does not use.

Run:  /usr/bin/python3 test/reference/summary_stats.py > test/reference/summary_stats.json
"""
import json
import statistics

import numpy as np

CASES = [
    [0.9812, 0.9799, 0.9825],
    [0.1],
    [0.97, 0.99],
    [0.5, 0.5, 0.5, 0.5],
    [1e9 + 1, 1e9 + 2, 1e9 + 3],  # catastrophic cancellation for a one-pass formula
    [0.123456789, 0.987654321, 0.555555555, 0.111111111, 0.999999999],
    [0.2401, 0.0813, 0.1130, 0.0953, 0.3312, 0.0421, 0.0766],
]

out = {'generator': 'test/reference/summary_stats.py', 'numpy': np.__version__, 'cases': []}
for xs in CASES:
    out['cases'].append({
        'values': xs,
        'mean': statistics.fmean(xs),
        'pstdev': statistics.pstdev(xs),
        'numpyStd': float(np.std(np.array(xs, dtype=np.float64))),
        'stdev': statistics.stdev(xs) if len(xs) > 1 else None,
        'min': min(xs),
        'max': max(xs),
    })
print(json.dumps(out, indent=1))
