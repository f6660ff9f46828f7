"""Library defaults of activation parameters, from the libraries themselves (not from our code).

Run with Debian's python3 (has torch): /usr/bin/python3 test/reference/gen_library_defaults.py
Writes test/reference/library_defaults.json.

- PyTorch: inspect.signature / __text_signature__ docs of torch 1.13 (python3-torch).
- TensorFlow.js: regex over the installed tfjs 4.22 sources in node_modules.
- Keras (not installable offline): values as documented, with the page cited per value.
"""
import inspect, json, re, pathlib
import torch, torch.nn as nn, torch.nn.functional as F

ROOT = pathlib.Path(__file__).resolve().parents[2]

def sig_default(fn, name):
    return inspect.signature(fn).parameters[name].default

def doc_default(fn, name):
    # builtins without a signature (F.gelu): "gelu(input, approximate = 'none') -> Tensor"
    m = re.search(name + r"\s*=\s*'?([\w.]+)'?", fn.__doc__)
    return m.group(1)

torch_defaults = {
    "torch.nn.LeakyReLU.negative_slope": sig_default(nn.LeakyReLU.__init__, "negative_slope"),
    "torch.nn.functional.leaky_relu.negative_slope": sig_default(F.leaky_relu, "negative_slope"),
    "torch.nn.ELU.alpha": sig_default(nn.ELU.__init__, "alpha"),
    "torch.nn.CELU.alpha": sig_default(nn.CELU.__init__, "alpha"),
    "torch.nn.GELU.approximate": sig_default(nn.GELU.__init__, "approximate"),
    "torch.nn.functional.gelu.approximate": doc_default(F.gelu, "approximate"),
    "torch.nn.PReLU.init": sig_default(nn.PReLU.__init__, "init"),
}

def tfjs(path, pattern):
    text = (ROOT / "node_modules/@tensorflow" / path).read_text()
    return float(re.search(pattern, text).group(1))

tfjs_defaults = {
    "tf.leakyRelu.alpha": tfjs("tfjs-core/dist/ops/leaky_relu.js", r"function leakyRelu_\(x, alpha = ([\d.]+)\)"),
    "tf.layers.leakyReLU.alpha": tfjs("tfjs-layers/dist/layers/advanced_activations.js", r"class LeakyReLU[\s\S]*?DEFAULT_ALPHA = ([\d.]+)"),
    "tf.layers.elu.alpha": tfjs("tfjs-layers/dist/layers/advanced_activations.js", r"class ELU[\s\S]*?DEFAULT_ALPHA = ([\d.]+)"),
}

keras_documented = {
    "keras.layers.LeakyReLU.negative_slope": [0.3, "https://keras.io/api/layers/activation_layers/leaky_relu/"],
    "keras.activations.leaky_relu.negative_slope": [0.2, "https://www.tensorflow.org/api_docs/python/tf/keras/activations/leaky_relu"],
    "keras.activations.gelu.approximate": [False, "https://www.tensorflow.org/versions/r2.15/api_docs/python/tf/keras/activations/gelu"],
    "keras.layers.ELU.alpha": [1.0, "https://keras.io/api/layers/activation_layers/elu/"],
    "tf.nn.leaky_relu.alpha": [0.2, "https://www.tensorflow.org/api_docs/python/tf/nn/leaky_relu"],
}

out = {
    "source": "test/reference/gen_library_defaults.py (torch %s via inspect; tfjs 4.22 sources; Keras docs as cited)" % torch.__version__,
    "pytorch": torch_defaults,
    "tfjs": tfjs_defaults,
    "keras": {k: v[0] for k, v in keras_documented.items()},
    "keras_sources": {k: v[1] for k, v in keras_documented.items()},
}
(ROOT / "test/reference/library_defaults.json").write_text(json.dumps(out, indent=2) + "\n")
print(json.dumps(out, indent=2))
