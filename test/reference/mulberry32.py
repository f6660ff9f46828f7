"""Reference values for src/core/data/random.ts, computed independently of our code.

Mulberry32 after Tommy Ettinger's C reference (public domain):
    z = (state += 0x6D2B79F5); z = (z ^ z >> 15) * (z | 1); z ^= z + (z ^ z >> 7) * (z | 61);
    return z ^ z >> 14;   # uint32 arithmetic, here divided by 2^32 for a float in [0, 1)
Normals by the Marsaglia polar method (Marsaglia & Bray 1964), two per accepted pair.
Run: python3 test/reference/mulberry32.py
"""
import json
import math

M = 0xFFFFFFFF


def mulberry32(seed):
    state = seed & M

    def nxt():
        nonlocal state
        state = (state + 0x6D2B79F5) & M
        z = state
        z = ((z ^ (z >> 15)) * (z | 1)) & M
        z ^= (z + ((z ^ (z >> 7)) * (z | 61))) & M
        return ((z ^ (z >> 14)) & M) / 4294967296

    return nxt


def polar(uniform):
    spare = None
    while True:
        if spare is not None:
            v, spare = spare, None
            yield v
            continue
        u = 2 * uniform() - 1
        v = 2 * uniform() - 1
        q = u * u + v * v
        if 0 < q < 1:
            m = math.sqrt(-2 * math.log(q) / q)
            spare = v * m
            yield u * m


if __name__ == '__main__':
    out = {}
    for seed in (0, 42, 4294967295):
        r = mulberry32(seed)
        out[f'uniform_{seed}'] = [r() for _ in range(5)]
        g = polar(mulberry32(seed))
        out[f'normal_{seed}'] = [next(g) for _ in range(5)]
    print(json.dumps(out, indent=1))
