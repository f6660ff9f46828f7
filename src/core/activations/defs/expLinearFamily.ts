/**
 * Exponential linear units: ELU, SELU, CELU. Linear for x > 0, alpha (e^x - 1) below, computed
 * with expm1 so that f(x) for small negative x keeps full relative accuracy.
 */
import type { ActivationDef } from '../types';

/** SELU alpha_01, Klambauer et al. 2017 (double nearest to its 32 digits; closed form checked with mpmath). */
export const SELU_ALPHA = 1.6732632423543772848170429916717;
/** SELU lambda_01 (scale), Klambauer et al. 2017 (double nearest to its 32 digits; closed form checked with mpmath). */
export const SELU_LAMBDA = 1.0507009873554804934193349852946;

/** ELU, Clevert, Unterthiner & Hochreiter 2016. */
export const ELU: ActivationDef = {
  id: 'elu',
  aliases: [],
  name: 'ELU',
  params: [{ name: 'alpha', default: 1, min: 0, max: 3, step: 0.05, description: 'Saturation value -alpha for z -> -inf (paper and all three libraries: 1.0).' }],
  f: (x, p) => (x > 0 ? x : p['alpha']! * Math.expm1(x)),
  df: (x, p) => (x > 0 ? 1 : p['alpha']! * Math.exp(x)),
  latex: {
    f: '\\operatorname{ELU}(x) = \\begin{cases} x & x > 0 \\\\ \\alpha\\,(e^{x} - 1) & x \\le 0 \\end{cases}',
    df: "\\operatorname{ELU}'(x) = \\begin{cases} 1 & x > 0 \\\\ \\alpha\\, e^{x} = \\operatorname{ELU}(x) + \\alpha & x \\le 0 \\end{cases}",
  },
  text: { f: 'x if x > 0, else alpha * (exp(x) - 1)', df: '1 if x > 0, else alpha * exp(x)' },
  source: 'Clevert, Unterthiner & Hochreiter 2016, "Fast and Accurate Deep Network Learning by Exponential Linear Units (ELUs)" (ICLR), Sec. 3: x for x > 0, alpha (e^x - 1) below',
  conventions: [
    { library: 'PyTorch', api: 'torch.nn.ELU(alpha=1.0)', note: "default alpha 1.0; autograd at 0 gives alpha (negative branch)" },
    { library: 'Keras', api: "keras.activations.elu(x, alpha=1.0) / keras.layers.ELU(alpha=1.0) / activation='elu'", note: 'default alpha 1.0; TF ELU kernel gives gradient 1 at 0' },
    { library: 'TensorFlow.js', api: "tf.elu(x) / tf.layers.elu({alpha}) / activation: 'elu'", note: 'tf.elu has no alpha (fixed 1); tf.layers.elu throws NotImplementedError for alpha != 1' },
  ],
  pros: [
    'Never dead: the gradient for z < 0 is alpha e^z > 0.',
    'Negative outputs push the mean activation towards zero, which Clevert et al. show speeds up learning.',
    'Smooth at 0 when alpha = 1.',
  ],
  cons: [
    'Needs an exp for z < 0: slower than ReLU and Leaky ReLU.',
    'alpha is fixed, not learned; unbounded above, so no help against exploding gradients.',
  ],
  kinkNote: "For alpha != 1 there is a kink at 0. We follow PyTorch (f'(0) = alpha, the negative branch); TensorFlow's EluGrad gives 1 there (tf.elu in TensorFlow.js has alpha = 1). Both agree when alpha = 1.",
  seedCorrection: 'The seed calls 0.1-0.3 a common alpha; the paper and PyTorch, Keras and tfjs all use alpha = 1.0 (tfjs layers accept nothing else).',
  canDie: false,
};

/** SELU, Klambauer, Unterthiner, Mayr & Hochreiter 2017. */
export const SELU: ActivationDef = {
  id: 'selu',
  aliases: [],
  name: 'SELU',
  params: [],
  f: (x) => SELU_LAMBDA * (x > 0 ? x : SELU_ALPHA * Math.expm1(x)),
  df: (x) => (x > 0 ? SELU_LAMBDA : SELU_LAMBDA * SELU_ALPHA * Math.exp(x)),
  latex: {
    f: '\\operatorname{SELU}(x) = \\lambda \\begin{cases} x & x > 0 \\\\ \\alpha\\,(e^{x} - 1) & x \\le 0 \\end{cases}',
    df: "\\operatorname{SELU}'(x) = \\lambda \\begin{cases} 1 & x > 0 \\\\ \\alpha\\, e^{x} & x \\le 0 \\end{cases}, \\quad \\alpha \\approx 1.6733,\\ \\lambda \\approx 1.0507",
  },
  text: {
    f: 'lambda * x if x > 0, else lambda * alpha * (exp(x) - 1); alpha = 1.6732632423543772, lambda = 1.0507009873554805',
    df: 'lambda if x > 0, else lambda * alpha * exp(x)',
  },
  source: 'Klambauer, Unterthiner, Mayr & Hochreiter 2017, "Self-Normalizing Neural Networks" (NeurIPS): selu(x) = lambda x for x > 0, lambda alpha (e^x - 1) below; alpha_01 = 1.6732632423543772848170429916717 and lambda_01 = 1.0507009873554804934193349852946 are the closed forms for the fixed point (mean 0, variance 1) given there, to 32 digits',
  conventions: [
    { library: 'PyTorch', api: 'torch.nn.SELU()', note: "fixed constants; pair with nn.init kaiming_normal_(nonlinearity='linear') (= LeCun normal) and nn.AlphaDropout" },
    { library: 'Keras', api: "keras.activations.selu(x) / activation='selu'", note: "fixed constants; use kernel_initializer='lecun_normal' and keras.layers.AlphaDropout" },
    { library: 'TensorFlow.js', api: "tf.selu(x) / activation: 'selu'", note: "fixed constants. tfjs's 'leCunNormal' truncates without Keras's correction (variance 0.774 / fan_in): use tf.initializers.varianceScaling({scale: 1 / 0.8796256610342398 ** 2, mode: 'fanIn', distribution: 'normal'}). Avoid tf.layers.alphaDropout: in tfjs-layers 4.22 it sets dropped units to +alpha' instead of -alpha' (output mean 0.76 at rate 0.25 on N(0, 1) input, not 0); write it as a * (x * keep + alpha' * (1 - keep)) + b with alpha' = -lambda alpha (Klambauer et al. 2017, 'New Dropout Technique')" },
  ],
  pros: [
    'Self-normalising: with LeCun-normal weights, activations converge to mean 0 and variance 1 layer after layer, without batch normalisation (paper, Theorem 1).',
    'Theorems 2 and 3 bound the variance from above and below, so under the paper\'s assumptions gradients neither vanish nor explode (the seed\'s "impossible" holds only under them).',
  ],
  cons: [
    'The guarantee needs lecun_normal initialisation, AlphaDropout instead of Dropout, and a plain feed-forward stack; with other choices the fixed point is lost.',
    'Needs an exp for z < 0; less explored for convolutional and recurrent nets.',
  ],
  kinkNote: "Kink at 0 (left slope lambda alpha = 1.7581, right slope lambda). We follow PyTorch (f'(0) = lambda alpha); TensorFlow's SeluGrad gives lambda there, TensorFlow.js's tf.grad lambda alpha.",
  seedCorrection: 'The seed says the SELU derivative is "y" for x > 0; it is the constant lambda = 1.0507. (It also says SELU is about 0.0848 at x = 0; SELU(0) = 0.)',
  canDie: false,
};

/** CELU, Barron 2017. */
export const CELU: ActivationDef = {
  id: 'celu',
  aliases: [],
  name: 'CELU',
  params: [{ name: 'alpha', default: 1, min: 0.05, max: 3, step: 0.05, description: 'Saturation value -alpha and scale of the exponential (paper, PyTorch, Keras: 1.0); must be > 0.' }],
  f: (x, p) => (x > 0 ? x : p['alpha']! * Math.expm1(x / p['alpha']!)),
  df: (x, p) => (x > 0 ? 1 : Math.exp(x / p['alpha']!)),
  latex: {
    f: '\\operatorname{CELU}(x) = \\begin{cases} x & x > 0 \\\\ \\alpha\\,(e^{x/\\alpha} - 1) & x \\le 0 \\end{cases}',
    df: "\\operatorname{CELU}'(x) = \\begin{cases} 1 & x > 0 \\\\ e^{x/\\alpha} & x \\le 0 \\end{cases}",
  },
  text: { f: 'x if x > 0, else alpha * (exp(x / alpha) - 1)', df: '1 if x > 0, else exp(x / alpha)' },
  source: 'Barron 2017, "Continuously Differentiable Exponential Linear Units" (arXiv:1704.07483): alpha (e^(x/alpha) - 1) for x <= 0',
  conventions: [
    { library: 'PyTorch', api: 'torch.nn.CELU(alpha=1.0)', note: 'default alpha 1.0' },
    { library: 'Keras', api: 'keras.activations.celu(x, alpha=1.0)', note: 'default alpha 1.0; recent Keras 3 releases only (not in tf.keras 2)' },
    { library: 'TensorFlow.js', api: '(none)', note: 'no built-in; compose tf.where(x > 0, x, alpha * (exp(x / alpha) - 1))' },
  ],
  pros: [
    "C1 for every alpha: f'(0) = 1 from both sides, unlike ELU with alpha != 1.",
    'Never dead; negative outputs centre activations like ELU.',
  ],
  cons: ['Needs an exp for z < 0.', 'Rarely used; only PyTorch and Keras 3 ship it.'],
  canDie: false,
};
