/**
 * Piecewise-linear rectifiers: ReLU, Leaky ReLU, ReLU6. Kink derivatives follow PyTorch
 * autograd (checked with torch 1.13, test/reference/activations_kinks.json), which agrees
 * with TensorFlow's ReluGrad / LeakyReluGrad / Relu6Grad kernels for these three.
 */
import type { ActivationDef } from '../types';

/** ReLU, Nair & Hinton 2010; Glorot, Bordes & Bengio 2011. */
export const RELU: ActivationDef = {
  id: 'relu',
  aliases: [],
  name: 'ReLU',
  params: [],
  f: (x) => (x > 0 ? x : x <= 0 ? 0 : NaN),
  df: (x) => (x > 0 ? 1 : x <= 0 ? 0 : NaN),
  latex: {
    f: '\\operatorname{ReLU}(x) = \\max(0, x)',
    df: "\\operatorname{ReLU}'(x) = \\begin{cases} 1 & x > 0 \\\\ 0 & x \\le 0 \\end{cases}",
  },
  text: { f: 'max(0, x)', df: '1 if x > 0, else 0' },
  source: 'Nair & Hinton 2010, "Rectified Linear Units Improve Restricted Boltzmann Machines" (ICML); Glorot, Bordes & Bengio 2011, "Deep Sparse Rectifier Neural Networks" (AISTATS): rectifier max(0, x)',
  conventions: [
    { library: 'PyTorch', api: 'torch.nn.ReLU() / torch.nn.functional.relu(x)', note: "no parameters; autograd gives relu'(0) = 0" },
    { library: 'Keras', api: "keras.activations.relu(x) / keras.layers.ReLU() / activation='relu'", note: 'optional negative_slope, max_value, threshold (all off by default)' },
    { library: 'TensorFlow.js', api: "tf.relu(x) / tf.layers.reLU() / activation: 'relu'", note: "no parameters; tf.grad gives relu'(0) = 0" },
  ],
  pros: [
    'No saturation for z > 0: the gradient passes through unchanged, so deep stacks do not suffer vanishing gradients there.',
    'Cheap: a comparison, no exp; outputs exactly 0 for half the inputs, which gives sparse activations.',
  ],
  cons: [
    "Dead ReLU: a unit whose pre-activation z stays negative gets f'(z) = 0 and never updates again.",
    'Unbounded above and not zero-centred; does nothing against exploding gradients.',
  ],
  kinkNote: "Not differentiable at 0; PyTorch and TensorFlow both use relu'(0) = 0, and so do we.",
  canDie: true,
};

/** Leaky ReLU, Maas, Hannun & Ng 2013. */
export const LEAKY_RELU: ActivationDef = {
  id: 'leaky_relu',
  aliases: ['leakyrelu'],
  name: 'Leaky ReLU',
  params: [
    {
      name: 'alpha',
      default: 0.2,
      min: 0,
      max: 1,
      step: 0.01,
      description: 'Slope for z < 0 (paper: 0.01; PyTorch 0.01, Keras layer 0.3, Keras function and tfjs 0.2).',
    },
  ],
  f: (x, p) => (x > 0 ? x : x * p['alpha']!),
  df: (x, p) => (x > 0 ? 1 : x <= 0 ? p['alpha']! : NaN),
  latex: {
    f: '\\operatorname{LeakyReLU}(x) = \\begin{cases} x & x > 0 \\\\ \\alpha x & x \\le 0 \\end{cases}',
    df: "\\operatorname{LeakyReLU}'(x) = \\begin{cases} 1 & x > 0 \\\\ \\alpha & x \\le 0 \\end{cases}",
  },
  text: { f: 'x if x > 0, else alpha * x', df: '1 if x > 0, else alpha' },
  source: 'Maas, Hannun & Ng 2013, "Rectifier Nonlinearities Improve Neural Network Acoustic Models" (ICML WDLASL): max(x, 0.01 x)',
  conventions: [
    { library: 'PyTorch', api: 'torch.nn.LeakyReLU(negative_slope=0.01)', note: 'default slope 0.01; autograd at 0 gives negative_slope' },
    { library: 'Keras', api: 'keras.layers.LeakyReLU(negative_slope=0.3) / keras.activations.leaky_relu(x, negative_slope=0.2)', note: 'layer default 0.3 (Keras 2 called it alpha), function default 0.2' },
    { library: 'TensorFlow.js', api: 'tf.leakyRelu(x, alpha=0.2) / tf.layers.leakyReLU({alpha: 0.3})', note: 'op default 0.2, layer default 0.3' },
  ],
  pros: [
    'Never dead: the gradient for z < 0 is alpha, not 0, so every unit keeps learning.',
    'As cheap as ReLU (no exp).',
  ],
  cons: [
    'alpha is a fixed hyperparameter, not learned (PReLU learns it); the libraries disagree on its default.',
    'Unbounded above; does nothing against exploding gradients.',
  ],
  kinkNote: "Not differentiable at 0; PyTorch and TensorFlow give f'(0) = alpha (the negative branch), and so do we.",
  seedCorrection: 'The seed says that with alpha = 0.2 the input x = 5 maps to 1; for x > 0 the output is x itself, so f(5) = 5 (only x = -5 maps to -1).',
  canDie: false,
};

/** ReLU6, Krizhevsky 2010 (CIFAR-10 convolutional DBN); MobileNets (Howard et al. 2017). */
export const RELU6: ActivationDef = {
  id: 'relu6',
  aliases: [],
  name: 'ReLU6',
  params: [],
  f: (x) => (x > 0 ? Math.min(x, 6) : x <= 0 ? 0 : NaN),
  df: (x) => (x > 0 && x < 6 ? 1 : Number.isNaN(x) ? NaN : 0),
  latex: {
    f: '\\operatorname{ReLU6}(x) = \\min\\bigl(\\max(0, x), 6\\bigr)',
    df: "\\operatorname{ReLU6}'(x) = \\begin{cases} 1 & 0 < x < 6 \\\\ 0 & \\text{otherwise} \\end{cases}",
  },
  text: { f: 'min(max(0, x), 6)', df: '1 if 0 < x < 6, else 0' },
  source: 'Krizhevsky 2010, "Convolutional Deep Belief Networks on CIFAR-10" (tech. report): min(max(x, 0), 6); popularised by Howard et al. 2017, "MobileNets" (arXiv:1704.04861)',
  conventions: [
    { library: 'PyTorch', api: 'torch.nn.ReLU6() / torch.nn.functional.relu6(x)', note: 'no parameters (Hardtanh(0, 6)); gradient 0 at 0 and at 6' },
    { library: 'Keras', api: "keras.activations.relu6(x) / activation='relu6' / keras.layers.ReLU(max_value=6)", note: 'no parameters' },
    { library: 'TensorFlow.js', api: "tf.relu6(x) / activation: 'relu6'", note: 'no parameters' },
  ],
  pros: [
    'Bounded output [0, 6]: robust in low-precision (fixed-point, float16) inference, the reason MobileNets use it.',
    'As cheap as ReLU.',
  ],
  cons: [
    'Two flat regions: the gradient is 0 for z < 0 and for z > 6, so units can die on both sides.',
    'The cap 6 is arbitrary, not learned.',
  ],
  kinkNote: "Kinks at 0 and 6; PyTorch (Hardtanh backward) and TensorFlow (Relu6Grad) give f' = 0 at both, and so do we (TensorFlow.js's tf.grad gives 1 at 6).",
  canDie: true,
};
