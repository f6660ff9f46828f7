/**
 * Which library calls are activations, and the defaults *each library* uses for their
 * parameters. The defaults differ between libraries (Leaky ReLU: PyTorch 0.01, Keras layer
 * 0.3, Keras/tf.nn function 0.2, tfjs op 0.2, tfjs layer 0.3), so they are kept per call.
 *
 * Sources, checked for this table:
 * - PyTorch 1.13 signatures (`inspect.signature` with Debian's python3-torch) and
 *   https://pytorch.org/docs/stable/nn.html: LeakyReLU(negative_slope=0.01), ELU(alpha=1.0),
 *   CELU(alpha=1.0), GELU(approximate='none'), Softplus(beta=1, threshold=20),
 *   F.leaky_relu(input, negative_slope=0.01), F.gelu(input, approximate='none').
 * - Keras 3, https://keras.io/api/layers/activation_layers/leaky_relu/: LeakyReLU(negative_slope=0.3)
 *   (Keras 2: `alpha=0.3`, tensorflow.org r2.14 tf.keras.layers.LeakyReLU); ELU(alpha=1.0);
 *   https://www.tensorflow.org/api_docs/python/tf/keras/activations/leaky_relu:
 *   leaky_relu(x, negative_slope=0.2); keras.activations.gelu(x, approximate=False).
 * - TensorFlow (Python) tf.nn: leaky_relu(features, alpha=0.2), gelu(features, approximate=False).
 * - TensorFlow.js 4.22 source: tfjs-core `ops/leaky_relu.js` `leakyRelu_(x, alpha = 0.2)`;
 *   tfjs-layers `layers/advanced_activations.js` LeakyReLU `DEFAULT_ALPHA = 0.3`, ELU
 *   `DEFAULT_ALPHA = 1.0` (any other alpha throws NotImplementedError).
 */
import type { LanguageFamily } from './lexical';

/** Library a call belongs to (`user` for a function defined in the file itself). */
export type Library = 'PyTorch' | 'Keras' | 'TensorFlow' | 'TensorFlow.js' | 'user';

/** One parameter of a library call and how it maps to the catalogue. */
export interface ParamRule {
  /** The library's name, e.g. `negative_slope`. */
  readonly lib: string;
  /** Other accepted spellings, e.g. Keras 2 `alpha` for `negative_slope`. */
  readonly alt?: readonly string[];
  /** Catalogue parameter it sets, e.g. `alpha`; absent for variant selectors. */
  readonly ours?: string;
  /** The library's default. */
  readonly def: number | string | boolean;
  /** Positional index in the call (the input tensor of functional forms counts as 0). */
  readonly pos?: number;
  /** For variant selectors (GELU `approximate`): literal value -> activation id. */
  readonly selects?: Readonly<Record<string, string>>;
}

/** One recognised call: its activation id, parameters and an optional caveat. */
export interface CallRule {
  readonly id: string;
  readonly params?: readonly ParamRule[];
  /** One line shown in the hover, e.g. how this library's variant differs. */
  readonly note?: string;
}

/** A namespace of calls: `nn` in `nn.GELU`, `tf.layers` in `tf.layers.elu`. */
export interface Namespace {
  readonly library: Exclude<Library, 'user'>;
  /** Canonical dotted prefix shown in the hover, e.g. `torch.nn`. */
  readonly api: string;
  readonly family: LanguageFamily;
  /** Qualifiers as written in code (`tensorflow.` is normalised to `tf.` first). */
  readonly qualifiers: readonly string[];
  readonly calls: Readonly<Record<string, CallRule>>;
}

const GELU_TORCH: ParamRule = { lib: 'approximate', def: 'none', selects: { none: 'gelu', tanh: 'gelu_tanh' } };
const GELU_TF: ParamRule = { lib: 'approximate', def: false, selects: { false: 'gelu', true: 'gelu_tanh' } };
const HARD_SIGMOID_K3 = 'Keras 3 hard_sigmoid is relu6(x + 3) / 6 as plotted; Keras 2 used clip(0.2x + 0.5, 0, 1).';

/** Calls shared by torch.nn.functional and the `torch.*` top level (input first). */
function torchFunctional(): Record<string, CallRule> {
  return {
    relu: { id: 'relu' }, relu6: { id: 'relu6' }, selu: { id: 'selu' }, silu: { id: 'swish' },
    mish: { id: 'mish' }, sigmoid: { id: 'sigmoid' }, tanh: { id: 'tanh' }, softsign: { id: 'softsign' },
    hardswish: { id: 'hard_swish' }, hardsigmoid: { id: 'hard_sigmoid' },
    leaky_relu: { id: 'leaky_relu', params: [{ lib: 'negative_slope', ours: 'alpha', def: 0.01, pos: 1 }] },
    elu: { id: 'elu', params: [{ lib: 'alpha', ours: 'alpha', def: 1.0, pos: 1 }] },
    celu: { id: 'celu', params: [{ lib: 'alpha', ours: 'alpha', def: 1.0, pos: 1 }] },
    gelu: { id: 'gelu', params: [{ ...GELU_TORCH, pos: 1 }] },
    softplus: { id: 'softplus', params: [{ lib: 'beta', ours: 'beta', def: 1, pos: 1 }, { lib: 'threshold', def: 20, pos: 2 }] },
  };
}

/** Keras activation functions (also the meaning of `activation='name'` strings). */
export const KERAS_ACTIVATIONS: Readonly<Record<string, CallRule>> = {
  relu: { id: 'relu' }, relu6: { id: 'relu6' }, selu: { id: 'selu' }, silu: { id: 'swish' }, swish: { id: 'swish' },
  mish: { id: 'mish' }, sigmoid: { id: 'sigmoid' }, tanh: { id: 'tanh' }, softsign: { id: 'softsign' },
  softplus: { id: 'softplus' }, linear: { id: 'linear' }, softmax: { id: 'softmax' },
  hard_sigmoid: { id: 'hard_sigmoid', note: HARD_SIGMOID_K3 }, hard_silu: { id: 'hard_swish' }, hard_swish: { id: 'hard_swish' },
  leaky_relu: { id: 'leaky_relu', params: [{ lib: 'negative_slope', alt: ['alpha'], ours: 'alpha', def: 0.2, pos: 1 }] },
  elu: { id: 'elu', params: [{ lib: 'alpha', ours: 'alpha', def: 1.0, pos: 1 }] },
  celu: { id: 'celu', params: [{ lib: 'alpha', ours: 'alpha', def: 1.0, pos: 1 }] },
  gelu: { id: 'gelu', params: [{ ...GELU_TF, pos: 1 }] },
};

/** tfjs activation identifiers accepted by `activation: '...'` (tfjs-layers 4.22 activations.js). */
export const TFJS_ACTIVATIONS: Readonly<Record<string, CallRule>> = {
  relu: { id: 'relu' }, relu6: { id: 'relu6' }, elu: { id: 'elu' }, selu: { id: 'selu' }, sigmoid: { id: 'sigmoid' },
  tanh: { id: 'tanh' }, softplus: { id: 'softplus' }, softsign: { id: 'softsign' }, linear: { id: 'linear' },
  softmax: { id: 'softmax' }, swish: { id: 'swish' }, mish: { id: 'mish' },
  hardSigmoid: { id: 'hard_sigmoid', note: 'tfjs hardSigmoid is clip(0.2x + 0.5, 0, 1) (tfjs-layers backend), not the relu6(x + 3) / 6 plotted here.' },
  gelu: { id: 'gelu' }, gelu_new: { id: 'gelu_tanh', note: "tfjs 'gelu_new' is the tanh approximation of GELU." },
};

/** Every namespace the recogniser knows, both language families. */
const NAMESPACES: readonly Namespace[] = [
  { library: 'PyTorch', api: 'torch.nn', family: 'py', qualifiers: ['nn', 'torch.nn'], calls: {
    ReLU: { id: 'relu' }, ReLU6: { id: 'relu6' }, SELU: { id: 'selu' }, SiLU: { id: 'swish' }, Mish: { id: 'mish' },
    Sigmoid: { id: 'sigmoid' }, Tanh: { id: 'tanh' }, Softsign: { id: 'softsign' }, Hardswish: { id: 'hard_swish' },
    Hardsigmoid: { id: 'hard_sigmoid' }, Softmax: { id: 'softmax' },
    LeakyReLU: { id: 'leaky_relu', params: [{ lib: 'negative_slope', ours: 'alpha', def: 0.01, pos: 0 }] },
    ELU: { id: 'elu', params: [{ lib: 'alpha', ours: 'alpha', def: 1.0, pos: 0 }] },
    CELU: { id: 'celu', params: [{ lib: 'alpha', ours: 'alpha', def: 1.0, pos: 0 }] },
    GELU: { id: 'gelu', params: [{ ...GELU_TORCH, pos: 0 }] },
    Softplus: { id: 'softplus', params: [{ lib: 'beta', ours: 'beta', def: 1, pos: 0 }, { lib: 'threshold', def: 20, pos: 1 }] },
    PReLU: { id: 'prelu', params: [{ lib: 'init', ours: 'alpha', def: 0.25, pos: 1 }] },
  } },
  { library: 'PyTorch', api: 'torch.nn.functional', family: 'py', qualifiers: ['F', 'nn.functional', 'torch.nn.functional'], calls: torchFunctional() },
  { library: 'PyTorch', api: 'torch', family: 'py', qualifiers: ['torch'], calls: torchFunctional() },
  { library: 'Keras', api: 'keras.activations', family: 'py', qualifiers: ['keras.activations', 'tf.keras.activations', 'activations'], calls: KERAS_ACTIVATIONS },
  { library: 'Keras', api: 'keras.layers', family: 'py', qualifiers: ['keras.layers', 'tf.keras.layers', 'layers'], calls: {
    ReLU: { id: 'relu' }, Softmax: { id: 'softmax' },
    LeakyReLU: { id: 'leaky_relu', params: [{ lib: 'negative_slope', alt: ['alpha'], ours: 'alpha', def: 0.3, pos: 0 }] },
    ELU: { id: 'elu', params: [{ lib: 'alpha', ours: 'alpha', def: 1.0, pos: 0 }] },
    PReLU: { id: 'prelu', note: 'alpha is learned; alpha_initializer defaults to zeros.' },
  } },
  { library: 'TensorFlow', api: 'tf.nn', family: 'py', qualifiers: ['tf.nn'], calls: {
    relu: { id: 'relu' }, relu6: { id: 'relu6' }, selu: { id: 'selu' }, silu: { id: 'swish' }, swish: { id: 'swish' },
    sigmoid: { id: 'sigmoid' }, tanh: { id: 'tanh' }, softsign: { id: 'softsign' }, softplus: { id: 'softplus' },
    elu: { id: 'elu' }, softmax: { id: 'softmax' },
    leaky_relu: { id: 'leaky_relu', params: [{ lib: 'alpha', ours: 'alpha', def: 0.2, pos: 1 }] },
    gelu: { id: 'gelu', params: [{ ...GELU_TF, pos: 1 }] },
  } },
  { library: 'TensorFlow.js', api: 'tf', family: 'js', qualifiers: ['tf'], calls: {
    relu: { id: 'relu' }, relu6: { id: 'relu6' }, elu: { id: 'elu' }, selu: { id: 'selu' }, sigmoid: { id: 'sigmoid' },
    tanh: { id: 'tanh' }, softplus: { id: 'softplus' }, softmax: { id: 'softmax' },
    leakyRelu: { id: 'leaky_relu', params: [{ lib: 'alpha', ours: 'alpha', def: 0.2, pos: 1 }] },
    prelu: { id: 'prelu', note: 'alpha is a tensor argument, learned or fixed by the caller.' },
  } },
  { library: 'TensorFlow.js', api: 'tf.layers', family: 'js', qualifiers: ['tf.layers', 'layers'], calls: {
    reLU: { id: 'relu' }, softmax: { id: 'softmax' },
    leakyReLU: { id: 'leaky_relu', params: [{ lib: 'alpha', ours: 'alpha', def: 0.3 }] },
    elu: { id: 'elu', params: [{ lib: 'alpha', ours: 'alpha', def: 1.0 }], note: 'tfjs-layers 4.22 throws NotImplementedError for any alpha other than 1.0.' },
    prelu: { id: 'prelu', note: 'alpha is learned; alphaInitializer defaults to zeros.' },
  } },
];

/** The namespace for a qualifier as written (`torch.nn`, `F`, `tf.layers`), per family. */
export function findNamespace(qualifier: string, family: LanguageFamily): Namespace | undefined {
  const q = qualifier.replace(/^tensorflow\./, 'tf.');
  return NAMESPACES.find((ns) => ns.family === family && ns.qualifiers.includes(q));
}
