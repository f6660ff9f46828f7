/** Softplus, linear and exponential: smooth, unsaturated on at least one side. */
import type { ActivationDef } from '../types';
import { sigmoid, softplus } from '../../math/stable';

/** Softplus, Dugas et al. 2001. */
export const SOFTPLUS: ActivationDef = {
  id: 'softplus',
  aliases: [],
  name: 'Softplus',
  params: [],
  f: (x) => softplus(x),
  df: (x) => sigmoid(x),
  latex: { f: '\\operatorname{softplus}(x) = \\ln\\bigl(1 + e^{x}\\bigr)', df: "\\operatorname{softplus}'(x) = \\sigma(x) = \\frac{1}{1 + e^{-x}}" },
  text: { f: 'ln(1 + exp(x))', df: 'sigmoid(x)' },
  source: 'Dugas, Bengio, Belisle, Nadeau & Garcia 2001, "Incorporating Second-Order Functional Knowledge for Better Option Pricing" (NeurIPS): ln(1 + e^x); computed as max(x, 0) + log1p(e^-|x|)',
  conventions: [
    { library: 'PyTorch', api: 'torch.nn.Softplus(beta=1.0, threshold=20.0)', note: 'returns x itself where beta x > 20 (an absolute deviation below 2.1e-9)' },
    { library: 'Keras', api: "keras.activations.softplus(x) / activation='softplus'", note: 'no parameters' },
    { library: 'TensorFlow.js', api: "tf.softplus(x) / activation: 'softplus'", note: 'no parameters' },
  ],
  pros: ['A smooth ReLU: never exactly flat, so no dead units; its derivative is the sigmoid.', 'Always positive: used for scale and variance outputs.'],
  cons: ['Needs exp and log.', "Saturates for z << 0 (f'(z) = sigma(z) -> 0); not zero-centred."],
  canDie: false,
};

/** Identity. */
export const LINEAR: ActivationDef = {
  id: 'linear',
  aliases: ['identity'],
  name: 'Linear (identity)',
  params: [],
  f: (x) => x,
  df: (x) => (Number.isNaN(x) ? NaN : 1),
  latex: { f: '\\operatorname{linear}(x) = x', df: "\\operatorname{linear}'(x) = 1" },
  text: { f: 'x', df: '1' },
  source: 'Identity map: the default (no) activation of Keras Dense layers; output units for regression',
  conventions: [
    { library: 'PyTorch', api: 'torch.nn.Identity()', note: 'or no activation module' },
    { library: 'Keras', api: "keras.activations.linear(x) / activation='linear' or None", note: 'Dense default' },
    { library: 'TensorFlow.js', api: "activation: 'linear'", note: 'dense layer default' },
  ],
  pros: ['The right output unit for regression; gradient exactly 1.'],
  cons: ['Stacked linear layers collapse into one linear map: a network without a nonlinearity can only learn linear functions.'],
  canDie: false,
};

/** Exponential. */
export const EXPONENTIAL: ActivationDef = {
  id: 'exponential',
  aliases: ['exp'],
  name: 'Exponential',
  params: [],
  f: (x) => Math.exp(x),
  df: (x) => Math.exp(x),
  latex: { f: '\\exp(x) = e^{x}', df: "\\exp'(x) = e^{x}" },
  text: { f: 'exp(x)', df: 'exp(x)' },
  source: 'Exponential function; an output unit for positive rates (Poisson regression, log-link GLMs)',
  conventions: [
    { library: 'PyTorch', api: 'torch.exp(x)', note: 'no activation module' },
    { library: 'Keras', api: "keras.activations.exponential(x) / activation='exponential'", note: 'no parameters' },
    { library: 'TensorFlow.js', api: 'tf.exp(x)', note: 'no activation string' },
  ],
  pros: ['Strictly positive output with a log-linear model: natural for counts and rates.'],
  cons: [
    'Overflows: e^z is +Infinity in double precision for z > 709.78 (the true value exceeds the largest double, so Infinity is the correctly rounded answer), and gradients explode with it.',
    'Never used in hidden layers.',
  ],
  canDie: false,
};
