#!/usr/bin/env python3
"""PyTorch reference for the training diagnostics (src/core/training/diagnostics.ts).

The comparison CNN (Conv 32 3x3 -> act -> Conv 64 3x3 -> act -> MaxPool 2 -> Flatten ->
Dense 128 -> act -> Dense 10 softmax; dropout left out: the TypeScript test sets its rates
to 0) on 12 x 12 inputs, weights and a batch drawn from Mulberry32 (the same generator as
test/reference/mulberry32.py) so the test can build the same network without copying
numbers. One step: the mean categorical cross-entropy on probabilities clipped to
[1e-7, 1 - 1e-7] (Keras), raw gradients, `clip_grad_value_` (Keras clipvalue), then
`torch.optim.Adam(eps=1e-7)`: m_hat / (sqrt(v_hat) + eps), Kingma & Ba 2015 Algorithm 1, the
form tfjs's AdamOptimizer uses with its float32 epsilon 1e-7. The probe (the same batch, before the step) gives per
hidden layer: mean and population std of z, dead channels/units (f'(z) = 0 for every image
and position), saturated pairs (0 < |f'(z)| < 0.01 max |f'|; max |f'| = 1 for relu and tanh)
and a histogram of z on the edges -8, -7.75, ..., 8 (end bins take what lies beyond).

Run:  /usr/bin/python3 test/reference/diagnostics_torch.py > test/reference/diagnostics_torch.json
"""
import json
import math

import numpy as np
import torch

from mulberry32 import mulberry32  # the generator of src/core/data/random.ts, checked there

SEED = 2024
SIZE = 12
BATCH = 16
LR = 0.01
CLIP = 0.01
EPS_LOSS = 1e-7
EPS_ADAM = 1e-7


def draw(rand, n, scale, offset=0.0):
    """n values (2u - 1) * scale + offset, float32, in the order the test draws them."""
    return np.array([(2 * rand() - 1) * scale + offset for _ in range(n)], dtype=np.float32)


def glorot_limit(fan_in, fan_out):
    return math.sqrt(6 / (fan_in + fan_out))


def build(rand):
    """Weights in tfjs layouts: conv [kh, kw, in, out], dense [in, out]; biases [out]."""
    w = {}
    w['conv1/kernel'] = draw(rand, 3 * 3 * 1 * 32, glorot_limit(9, 9 * 32)).reshape(3, 3, 1, 32)
    w['conv1/bias'] = draw(rand, 32, 0.1)
    w['conv2/kernel'] = draw(rand, 3 * 3 * 32 * 64, glorot_limit(9 * 32, 9 * 64)).reshape(3, 3, 32, 64)
    b2 = draw(rand, 64, 0.1)
    b2[0:8] = -20.0  # channels that never open (dead)
    b2[8:16] = -3.0  # channels mostly on the flat side
    w['conv2/bias'] = b2
    flat = (SIZE - 4) // 2
    w['dense1/kernel'] = draw(rand, flat * flat * 64 * 128, glorot_limit(flat * flat * 64, 128)).reshape(flat * flat * 64, 128)
    w['dense1/bias'] = draw(rand, 128, 0.1)
    w['output/kernel'] = draw(rand, 128 * 10, glorot_limit(128, 10)).reshape(128, 10)
    w['output/bias'] = draw(rand, 10, 0.1)
    x = np.array([rand() for _ in range(BATCH * SIZE * SIZE)], dtype=np.float32).reshape(BATCH, SIZE, SIZE, 1)
    labels = [math.floor(10 * rand()) for _ in range(BATCH)]
    return w, x, labels


ACTS = {'relu': torch.relu, 'tanh': torch.tanh}


def forward(params, x_nhwc, act):
    """Returns (probabilities, [z1, z2, z3]) with z in NHWC / [N, units] as tfjs lays them out."""
    x = x_nhwc.permute(0, 3, 1, 2)
    k1 = params['conv1/kernel'].permute(3, 2, 0, 1)
    z1 = torch.nn.functional.conv2d(x, k1, params['conv1/bias'])
    k2 = params['conv2/kernel'].permute(3, 2, 0, 1)
    z2 = torch.nn.functional.conv2d(act(z1), k2, params['conv2/bias'])
    pooled = torch.nn.functional.max_pool2d(act(z2), 2)
    flat = pooled.permute(0, 2, 3, 1).reshape(x.shape[0], -1)
    z3 = flat @ params['dense1/kernel'] + params['dense1/bias']
    logits = act(z3) @ params['output/kernel'] + params['output/bias']
    p = torch.softmax(logits, dim=1)
    return p, [z1.permute(0, 2, 3, 1), z2.permute(0, 2, 3, 1), z3]


def probe_layer(z, act):
    z = z.detach().clone().requires_grad_(True)
    (d,) = torch.autograd.grad(act(z).sum(), z)
    d = d.abs().numpy().astype(np.float64)
    zf = z.detach().numpy().astype(np.float64)
    units = zf.shape[-1]
    per_unit = d.reshape(-1, units).max(axis=0)
    idx = np.floor((zf.reshape(-1) - (-8.0)) / 0.25)
    idx = np.clip(idx, 0, 63).astype(int)
    return {
        'mean': float(zf.mean()),
        'std': float(zf.std()),  # population (ddof = 0)
        'deadFraction': float((per_unit == 0).sum() / units),
        'saturatedFraction': float(((d > 0) & (d < 0.01)).sum() / d.size),
        'counts': np.bincount(idx, minlength=64).tolist(),
    }


def case(act_name):
    rand = mulberry32(SEED)
    w, x_np, labels = build(rand)
    act = ACTS[act_name]
    params = {k: torch.tensor(v, requires_grad=True) for k, v in w.items()}
    x = torch.tensor(x_np)
    y = torch.nn.functional.one_hot(torch.tensor(labels), 10).float()
    p, zs = forward(params, x, act)
    probe = [probe_layer(z, act) for z in zs]
    per = -(y * torch.log(torch.clamp(p, EPS_LOSS, 1 - EPS_LOSS))).sum(dim=1)
    loss = per.mean()
    names = list(w.keys())
    grads = torch.autograd.grad(loss, [params[n] for n in names])
    g = {n: gr.double() for n, gr in zip(names, grads)}
    global_ss = float(sum((gr ** 2).sum() for gr in g.values()))
    clipped = int(sum((gr.abs() > CLIP).sum() for gr in grads))
    hidden = ['conv1/kernel', 'conv2/kernel', 'dense1/kernel']
    before = {n: params[n].detach().clone() for n in hidden}
    opt = torch.optim.Adam([params[n] for n in names], lr=LR, betas=(0.9, 0.999), eps=EPS_ADAM)
    for n, gr in zip(names, grads):
        params[n].grad = gr.clone()
    torch.nn.utils.clip_grad_value_([params[n] for n in names], CLIP)
    opt.step()
    dw_ss = [float(((params[n].detach() - before[n]).double() ** 2).sum()) for n in hidden]
    w_ss = [float((before[n].double() ** 2).sum()) for n in hidden]
    correct = int((p.argmax(dim=1) == torch.tensor(labels)).sum())
    return {
        'activation': act_name,
        'lossSum': float(per.double().sum()),
        'correct': correct,
        'globalSumSquares': global_ss,
        'clipped': clipped,
        'components': int(sum(gr.numel() for gr in grads)),
        'kernelGradSumSquares': [float((g[n] ** 2).sum()) for n in hidden],
        'updateSumSquares': dw_ss,
        'kernelSumSquares': w_ss,
        'probe': probe,
    }


out = {
    'generator': 'test/reference/diagnostics_torch.py',
    'torch': torch.__version__,
    'seed': SEED, 'size': SIZE, 'batch': BATCH, 'learningRate': LR, 'clipValue': CLIP,
    'cases': [case('relu'), case('tanh')],
}
print(json.dumps(out, indent=1))
