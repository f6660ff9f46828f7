/**
 * Self-gated activations x g(x): Swish/SiLU (g = sigma(beta x)), Mish (g = tanh(softplus x))
 * and Hard Swish (g = hard sigmoid). Derivatives are rearranged so that no term cancels in
 * either tail.
 */
import type { ActivationDef } from '../types';
import { sigmoid, sigmoidDerivative } from '../../math/stable';

/** Swish / SiLU, Ramachandran, Zoph & Le 2017; Elfwing, Uchibe & Doya 2018. */
export const SWISH: ActivationDef = {
  id: 'swish',
  aliases: ['silu'],
  name: 'Swish (SiLU)',
  params: [{ name: 'beta', default: 1, min: 0, max: 10, step: 0.1, description: 'Gate sharpness: beta = 1 is SiLU (all three libraries), beta -> inf approaches ReLU, beta = 0 gives x/2.' }],
  f: (x, p) => x * sigmoid(p['beta']! * x),
  df: (x, p) => {
    const bx = p['beta']! * x;
    return sigmoid(bx) + (bx === 0 ? 0 : bx * sigmoidDerivative(bx));
  },
  latex: {
    f: '\\operatorname{swish}(x) = x\\,\\sigma(\\beta x)',
    df: "\\operatorname{swish}'(x) = \\sigma(\\beta x) + \\beta x\\,\\sigma(\\beta x)\\bigl(1 - \\sigma(\\beta x)\\bigr)",
  },
  text: { f: 'x * sigmoid(beta * x)', df: 'sigmoid(beta x) + beta x sigmoid(beta x) (1 - sigmoid(beta x))' },
  source: 'Ramachandran, Zoph & Le 2017, "Searching for Activation Functions" (arXiv:1710.05941): f(x) = x sigma(beta x); SiLU (beta = 1): Elfwing, Uchibe & Doya 2018, "Sigmoid-weighted linear units for neural network function approximation in reinforcement learning" (Neural Networks 107), and Hendrycks & Gimpel 2016, Sec. 2',
  conventions: [
    { library: 'PyTorch', api: 'torch.nn.SiLU()', note: 'beta fixed at 1' },
    { library: 'Keras', api: "keras.activations.silu(x) (alias keras.activations.swish) / activation='silu'", note: 'beta fixed at 1' },
    { library: 'TensorFlow.js', api: "activation: 'swish'", note: 'beta fixed at 1; no tf.swish op' },
  ],
  pros: [
    'Smooth, non-monotonic, unbounded above and bounded below: matched or beat ReLU on ImageNet in the paper search; used in EfficientNet.',
    'No dead units: the gradient is small but non-zero for z < 0.',
  ],
  cons: ['Needs an exp per unit.', 'Non-monotonic (minimum -0.278 at z = -1.278 for beta = 1).'],
  canDie: false,
};

/** tanh(softplus(x)) = n / (n + 2) with n = e^x (e^x + 2), evaluated without overflow. */
function tanhSoftplus(x: number): number {
  if (x > 0) {
    const e = Math.exp(-x);
    return (1 + 2 * e) / (1 + 2 * e + 2 * e * e);
  }
  const e = Math.exp(x);
  const n = e * (e + 2);
  return n / (n + 2);
}

/** sech^2(softplus(x)) = 4 a^2 / (a^2 + 1)^2 with a = 1 + e^x, rescaled by e^-x for x > 0. */
function sech2Softplus(x: number): number {
  if (x > 0) {
    const e = Math.exp(-x);
    const b = (1 + e) * (1 + e);
    const d = b + e * e;
    return (4 * e * e * b) / (d * d);
  }
  const a = 1 + Math.exp(x);
  const d = a * a + 1;
  return (4 * a * a) / (d * d);
}

/** Mish, Misra 2019. */
export const MISH: ActivationDef = {
  id: 'mish',
  aliases: [],
  name: 'Mish',
  params: [],
  f: (x) => x * tanhSoftplus(x),
  df: (x) => {
    const s = sigmoid(x);
    return tanhSoftplus(x) + (s === 0 ? 0 : x * sech2Softplus(x) * s);
  },
  latex: {
    f: '\\operatorname{mish}(x) = x \\tanh\\bigl(\\operatorname{softplus}(x)\\bigr) = x \\tanh\\bigl(\\ln(1 + e^{x})\\bigr)',
    df: "\\operatorname{mish}'(x) = \\tanh\\bigl(\\operatorname{softplus}(x)\\bigr) + x\\,\\operatorname{sech}^2\\bigl(\\operatorname{softplus}(x)\\bigr)\\,\\sigma(x)",
  },
  text: { f: 'x * tanh(ln(1 + exp(x)))', df: 'tanh(softplus x) + x sech^2(softplus x) sigmoid(x)' },
  source: 'Misra 2019, "Mish: A Self Regularized Non-Monotonic Activation Function" (arXiv:1908.08681; BMVC 2020): x tanh(softplus(x))',
  conventions: [
    { library: 'PyTorch', api: 'torch.nn.Mish()', note: 'since PyTorch 1.9' },
    { library: 'Keras', api: "keras.activations.mish(x) / activation='mish'", note: 'no parameters (tf.keras 2.13+ and Keras 3)' },
    { library: 'TensorFlow.js', api: "activation: 'mish'", note: 'activation string only' },
  ],
  pros: ['Smooth and non-monotonic like Swish, with a slightly smoother loss landscape reported in the paper (YOLOv4 uses it).', 'No dead units.'],
  cons: ['The most expensive entry here: exp, log and tanh per unit.', 'Gains over Swish are small and task-dependent.'],
  canDie: false,
};

/** Hard Swish, Howard et al. 2019. */
export const HARD_SWISH: ActivationDef = {
  id: 'hard_swish',
  aliases: ['hardswish', 'hard_silu'],
  name: 'Hard Swish',
  params: [],
  f: (x) => (x >= 3 ? x : x > -3 ? (x * (x + 3)) / 6 : x <= -3 ? 0 : NaN),
  df: (x) => (x < -3 ? 0 : x <= 3 ? (2 * x + 3) / 6 : x > 3 ? 1 : NaN),
  latex: {
    f: '\\operatorname{hard\\_swish}(x) = x\\,\\frac{\\operatorname{ReLU6}(x + 3)}{6}',
    df: "\\operatorname{hard\\_swish}'(x) = \\begin{cases} 0 & x < -3 \\\\ (2x + 3)/6 & -3 \\le x \\le 3 \\\\ 1 & x > 3 \\end{cases}",
  },
  text: { f: 'x * relu6(x + 3) / 6', df: '0 if x < -3; (2x + 3)/6 if -3 <= x <= 3; 1 if x > 3' },
  source: 'Howard et al. 2019, "Searching for MobileNetV3" (ICCV), Sec. 5.2: h-swish(x) = x ReLU6(x + 3)/6',
  conventions: [
    { library: 'PyTorch', api: 'torch.nn.Hardswish()', note: 'since PyTorch 1.6; gradient -0.5 at -3 and 1.5 at 3 (middle branch)' },
    { library: 'Keras', api: "keras.activations.hard_silu(x) (alias hard_swish) / activation='hard_silu'", note: 'Keras 3; TF autodiff gives 0 at -3 and 1 at 3' },
    { library: 'TensorFlow.js', api: '(none)', note: 'no built-in; compose x * relu6(x + 3) / 6' },
  ],
  pros: ['Swish-like shape with no exp: cheap on mobile CPUs and quantisation-friendly (MobileNetV3).', 'Exactly x for z > 3 and 0 for z < -3.'],
  cons: ['Gradient exactly 0 for z < -3: units can die there.', 'Not smooth at +-3.'],
  kinkNote: "Kinks at -3 and 3. We follow PyTorch (the middle branch: f'(-3) = -1/2, f'(3) = 3/2); TensorFlow autodiff of x relu6(x + 3)/6 gives 0 and 1, TensorFlow.js's tf.grad 0 and 3/2.",
  canDie: true,
};
