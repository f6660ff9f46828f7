/**
 * Saturating S-shaped activations: sigmoid, tanh, softsign, hard sigmoid. All bounded, all
 * with f' -> 0 in both tails (the vanishing-gradient family of the seed article).
 */
import type { ActivationDef } from '../types';
import { sigmoid, sigmoidDerivative, tanhDerivative } from '../../math/stable';

/** Logistic sigmoid. */
export const SIGMOID: ActivationDef = {
  id: 'sigmoid',
  aliases: ['logistic'],
  name: 'Sigmoid',
  params: [],
  f: (x) => sigmoid(x),
  df: (x) => sigmoidDerivative(x),
  latex: {
    f: '\\sigma(x) = \\frac{1}{1 + e^{-x}}',
    df: "\\sigma'(x) = \\sigma(x)\\,\\bigl(1 - \\sigma(x)\\bigr)",
  },
  text: { f: '1 / (1 + exp(-x))', df: 'sigmoid(x) * (1 - sigmoid(x))' },
  source: 'Logistic function (Verhulst 1845); as a unit nonlinearity in Rumelhart, Hinton & Williams 1986, "Learning representations by back-propagating errors" (Nature 323), Eq. 2',
  conventions: [
    { library: 'PyTorch', api: 'torch.nn.Sigmoid() / torch.sigmoid(x)', note: 'no parameters' },
    { library: 'Keras', api: "keras.activations.sigmoid(x) / activation='sigmoid'", note: 'no parameters' },
    { library: 'TensorFlow.js', api: "tf.sigmoid(x) / activation: 'sigmoid'", note: 'no parameters' },
  ],
  pros: [
    'Output in (0, 1): reads as a probability, the natural output unit for binary classification.',
    'Smooth everywhere, with a simple derivative sigma (1 - sigma).',
  ],
  cons: [
    "Vanishing gradients: sigma'(z) <= 1/4 everywhere and -> 0 for large |z|, so stacked sigmoid layers shrink the gradient layer by layer.",
    'Not zero-centred (outputs always positive) and needs an exp.',
  ],
  seedCorrection: 'The seed says large inputs give outputs near 0; only large negative z gives sigma near 0 (large positive gives near 1): it is the derivative that is near 0 in both tails, and sigma never reaches exactly 0 or 1.',
  canDie: false,
};

/** Hyperbolic tangent. */
export const TANH: ActivationDef = {
  id: 'tanh',
  aliases: [],
  name: 'Tanh',
  params: [],
  f: (x) => Math.tanh(x),
  df: (x) => tanhDerivative(x),
  latex: {
    f: '\\tanh(x) = \\frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}',
    df: "\\tanh'(x) = 1 - \\tanh^2(x) = \\operatorname{sech}^2(x)",
  },
  text: { f: 'tanh(x)', df: '1 - tanh(x)^2' },
  source: 'Hyperbolic tangent; recommended over the logistic sigmoid by LeCun, Bottou, Orr & Mueller 1998, "Efficient BackProp" (Neural Networks: Tricks of the Trade), Sec. 4.4',
  conventions: [
    { library: 'PyTorch', api: 'torch.nn.Tanh() / torch.tanh(x)', note: 'no parameters' },
    { library: 'Keras', api: "keras.activations.tanh(x) / activation='tanh'", note: 'no parameters' },
    { library: 'TensorFlow.js', api: "tf.tanh(x) / activation: 'tanh'", note: 'no parameters' },
  ],
  pros: [
    'Zero-centred output in (-1, 1), so the next layer sees inputs of both signs.',
    "Steeper than sigmoid: tanh'(0) = 1 versus 1/4; tanh(x) = 2 sigma(2x) - 1.",
  ],
  cons: [
    "Still saturates: tanh'(z) -> 0 for large |z|, so deep tanh stacks suffer vanishing gradients.",
    'Needs exp.',
  ],
  canDie: false,
};

/** Softsign, Bergstra et al. 2009; Glorot & Bengio 2010. */
export const SOFTSIGN: ActivationDef = {
  id: 'softsign',
  aliases: [],
  name: 'Softsign',
  params: [],
  f: (x) => x / (1 + Math.abs(x)),
  df: (x) => {
    const d = 1 + Math.abs(x);
    return 1 / (d * d);
  },
  latex: { f: '\\operatorname{softsign}(x) = \\frac{x}{1 + |x|}', df: "\\operatorname{softsign}'(x) = \\frac{1}{(1 + |x|)^2}" },
  text: { f: 'x / (1 + |x|)', df: '1 / (1 + |x|)^2' },
  source: 'Bergstra, Desjardins, Lamblin & Bengio 2009, "Quadratic polynomials learn better image features" (tech. report 1337, U. Montreal); Glorot & Bengio 2010, "Understanding the difficulty of training deep feedforward neural networks" (AISTATS): x / (1 + |x|)',
  conventions: [
    { library: 'PyTorch', api: 'torch.nn.Softsign()', note: 'no parameters' },
    { library: 'Keras', api: "keras.activations.softsign(x) / activation='softsign'", note: 'no parameters' },
    { library: 'TensorFlow.js', api: "tf.layers.dense({activation: 'softsign'})", note: 'activation string only; no tf.softsign op' },
  ],
  pros: ['Zero-centred like tanh, but saturates polynomially (1/z^2), not exponentially, so gradients fade more slowly.', 'No exp.'],
  cons: ["Still saturating: f'(z) -> 0 for large |z|.", 'Rarely used; little evidence it beats tanh.'],
  canDie: false,
};

/** Hard sigmoid in the PyTorch / Keras 3 form relu6(x + 3) / 6 (Howard et al. 2019). */
export const HARD_SIGMOID: ActivationDef = {
  id: 'hard_sigmoid',
  aliases: ['hardsigmoid'],
  name: 'Hard Sigmoid',
  params: [],
  f: (x) => (x > -3 ? Math.min(x + 3, 6) / 6 : x <= -3 ? 0 : NaN),
  df: (x) => (x > -3 && x < 3 ? 1 / 6 : Number.isNaN(x) ? NaN : 0),
  latex: {
    f: '\\operatorname{hard\\_sigmoid}(x) = \\frac{\\operatorname{ReLU6}(x + 3)}{6} = \\max\\Bigl(0, \\min\\Bigl(1, \\frac{x}{6} + \\frac{1}{2}\\Bigr)\\Bigr)',
    df: "\\operatorname{hard\\_sigmoid}'(x) = \\begin{cases} 1/6 & -3 < x < 3 \\\\ 0 & \\text{otherwise} \\end{cases}",
  },
  text: { f: 'relu6(x + 3) / 6 = clip(x / 6 + 1/2, 0, 1)', df: '1/6 if -3 < x < 3, else 0' },
  source: 'Howard et al. 2019, "Searching for MobileNetV3" (ICCV), Sec. 5.2, h-sigmoid = ReLU6(x + 3)/6; the 0.2x + 0.5 variant of tf.keras 2 and tfjs comes from Theano\'s hard_sigmoid',
  conventions: [
    { library: 'PyTorch', api: 'torch.nn.Hardsigmoid()', note: 'x/6 + 1/2 clipped to [0, 1] (same as ours); gradient 0 at +-3' },
    { library: 'Keras', api: "keras.activations.hard_sigmoid(x) / activation='hard_sigmoid'", note: 'Keras 3: relu6(x + 3)/6 (ours); tf.keras 2 used 0.2x + 0.5 clipped, saturating at +-2.5' },
    { library: 'TensorFlow.js', api: "activation: 'hardSigmoid'", note: 'DIFFERENT: 0.2x + 0.5 clipped to [0, 1] (the tf.keras 2 form); no tf.hardSigmoid op' },
  ],
  pros: ['Piecewise linear: no exp, cheap on mobile and in fixed-point arithmetic.', 'Exact 0 and 1 outside [-3, 3], which makes gating cheap.'],
  cons: [
    "Gradient exactly 0 outside (-3, 3): saturated units stop learning (worse than sigmoid's small gradient).",
    'Two incompatible definitions in use (slope 1/6 vs 0.2): a model ported between libraries changes.',
  ],
  kinkNote: "Kinks at -3 and 3; PyTorch autograd gives f' = 0 at both (and TensorFlow's Relu6Grad through relu6(x + 3)), and so do we; TensorFlow.js's tf.grad of relu6(x + 3)/6 gives 1/6 at 3.",
  canDie: true,
};
