"""Reference gradients for the Gradient Flow chain (src/core/gradient/chain.ts).

Independent of our TypeScript: PyTorch autograd in float64 (python3-torch 1.13, Debian),
on the chain of Nielsen ch. 5: z_j = w_j a_{j-1} + b_j, a_j = f_j(z_j), a_0 = x,
C = (a_L - y)^2. Also clip_grad_value_ for Keras-style clipvalue, and log10 of the
gradient of a 1000-layer w = 100 sigmoid chain with every z = 0 by mpmath (50 digits).

Run: /usr/bin/python3 test/reference/gradientChain.py > test/reference/gradientChain.json
"""
import json

import mpmath
import torch

torch.set_default_dtype(torch.float64)

ACT = {
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "relu": torch.relu,
    "elu": lambda z: torch.nn.functional.elu(z, alpha=1.0),
    "selu": torch.selu,
    "gelu": lambda z: torch.nn.functional.gelu(z),  # exact erf form
    "leaky_relu": lambda z: torch.nn.functional.leaky_relu(z, negative_slope=0.2),
    "softplus": torch.nn.functional.softplus,
}

CASES = [
    {"name": "sigmoid4", "acts": ["sigmoid"] * 4, "w": [0.5, -1.2, 2.0, 0.3], "b": [0.1, 0.4, -0.3, 0.2], "x": 0.7, "y": 0.25},
    {"name": "tanh3", "acts": ["tanh"] * 3, "w": [1.5, -0.8, 1.1], "b": [-0.2, 0.3, 0.05], "x": -0.4, "y": 0.6},
    {"name": "mixed5", "acts": ["elu", "selu", "gelu", "leaky_relu", "softplus"], "w": [0.9, -1.3, 1.7, -0.6, 1.2],
     "b": [-0.5, 0.2, -0.1, 0.3, -0.4], "x": 0.8, "y": -0.3},
    {"name": "deadRelu5", "acts": ["relu"] * 5, "w": [0.8, 1.2, -1.0, 0.9, 1.1], "b": [0.1] * 5, "x": 1.0, "y": 2.0},
]


def run(case, clip_value=None):
    w = [torch.tensor(v, requires_grad=True) for v in case["w"]]
    b = [torch.tensor(v, requires_grad=True) for v in case["b"]]
    a = torch.tensor(case["x"])
    zs, As = [], []
    for j, name in enumerate(case["acts"]):
        z = w[j] * a + b[j]
        a = ACT[name](z)
        zs.append(z.item())
        As.append(a.item())
    cost = (a - case["y"]) ** 2
    cost.backward()
    params = w + b
    if clip_value is not None:
        torch.nn.utils.clip_grad_value_(params, clip_value)
    return {
        "z": zs, "a": As, "cost": cost.item(),
        "dCdw": [p.grad.item() for p in w], "dCdb": [p.grad.item() for p in b],
    }


out = {"source": "PyTorch %s autograd, float64; see gradientChain.py" % torch.__version__, "cases": []}
for c in CASES:
    r = run(c)
    r.update(c)
    out["cases"].append(r)
clipped = run(CASES[2], clip_value=0.05)
out["clipValue"] = {"case": "mixed5", "c": 0.05, "dCdw": clipped["dCdw"], "dCdb": clipped["dCdb"]}
mpmath.mp.dps = 50
# dC/db_1 = sigma'(0) * 25^(L-1) * 2(sigma(0) - y) with L = 1000, y = 0: 0.25 * 25^999 * 1.
out["nielsen1000"] = {"L": 1000, "y": 0, "log10AbsDCdb1": float(mpmath.log10(mpmath.mpf("0.25") * mpmath.mpf(25) ** 999))}
print(json.dumps(out, indent=1))
