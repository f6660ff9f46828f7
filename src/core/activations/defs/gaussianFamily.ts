/**
 * Gaussian error linear units: the exact GELU x Phi(x) (with our fdlibm erfc) and its tanh
 * approximation, both from Hendrycks & Gimpel 2016, Sec. 2. Accuracy (tested against mpmath):
 * GELU f within ~1 ulp everywhere; f' within a few ulps except next to its zero at x = -0.7518,
 * where Phi(x) + x phi(x) cancels by nature. The tanh form is backward stable: its error is a few
 * ulps times the condition number |x f'/f| (~ 3 u(x) in the lower tail), because sqrt(2/pi) and
 * 0.044715 are themselves rounded to doubles.
 */
import type { ActivationDef } from '../types';
import { normalCdf, normalPdf } from '../../math/normal';
import { sigmoid, sigmoidDerivative } from '../../math/stable';

/** sqrt(2/pi) of the tanh form of GELU (Hendrycks & Gimpel 2016, Sec. 2), correctly rounded to a double. */
export const SQRT_2_OVER_PI = 0.7978845608028654;
/** The cubic coefficient 0.044715 of the tanh form of GELU (Hendrycks & Gimpel 2016, Sec. 2). */
export const GELU_CUBIC = 0.044715;

const GELU_SOURCE = 'Hendrycks & Gimpel 2016, "Gaussian Error Linear Units (GELUs)" (arXiv:1606.08415), Sec. 2';

/** Exact GELU. */
export const GELU: ActivationDef = {
  id: 'gelu',
  aliases: [],
  name: 'GELU',
  params: [],
  f: (x) => x * normalCdf(x),
  df: (x) => normalCdf(x) + x * normalPdf(x),
  latex: {
    f: '\\operatorname{GELU}(x) = x\\,\\Phi(x) = \\frac{x}{2}\\Bigl(1 + \\operatorname{erf}\\bigl(x/\\sqrt{2}\\bigr)\\Bigr)',
    df: "\\operatorname{GELU}'(x) = \\Phi(x) + x\\,\\varphi(x), \\quad \\varphi(x) = \\frac{e^{-x^2/2}}{\\sqrt{2\\pi}}",
  },
  text: { f: 'x * Phi(x) = x/2 * (1 + erf(x / sqrt 2))', df: 'Phi(x) + x * exp(-x^2/2) / sqrt(2 pi)' },
  source: `${GELU_SOURCE}, GELU(x) = x Phi(x); Phi via erfc (fdlibm s_erf.c)`,
  conventions: [
    { library: 'PyTorch', api: "torch.nn.GELU(approximate='none')", note: "default exact (erf); approximate='tanh' gives gelu_tanh" },
    { library: 'Keras', api: "keras.activations.gelu(x, approximate=False) / activation='gelu'", note: 'activation default exact; keras.ops.gelu defaults to approximate=True' },
    { library: 'TensorFlow.js', api: "activation: 'gelu'", note: "exact form via tf.erf (a float32 erf approximation, ~1e-7); no tf.gelu op; 'gelu_new' is the tanh form" },
  ],
  pros: [
    'Smooth everywhere and never exactly flat, so no dead units; the default in BERT, GPT-2 and most Transformers.',
    'Weights inputs by how likely they are to be kept under a standard normal (a smooth, deterministic dropout-like gate).',
  ],
  cons: [
    'Costs an erf (or tanh) per unit; not monotonic (minimum -0.17 at z = -0.75).',
    'Two variants in use (exact and tanh); libraries disagree on the default.',
  ],
  seedCorrection: "The seed's GELU formula is the tanh approximation (our gelu_tanh); GELU itself is x Phi(x), with the short derivative Phi(x) + x phi(x).",
  canDie: false,
};

/** u(x) = sqrt(2/pi) (x + 0.044715 x^3), the argument of tanh in the approximation. */
function tanhArg(x: number): number {
  return SQRT_2_OVER_PI * (x + GELU_CUBIC * x * x * x);
}

/** GELU, tanh approximation: 0.5 x (1 + tanh u) = x sigma(2u), which has no cancellation for x << 0. */
export const GELU_TANH: ActivationDef = {
  id: 'gelu_tanh',
  aliases: ['gelu_new', 'gelu_approximate'],
  name: 'GELU (tanh approx.)',
  params: [],
  f: (x) => x * sigmoid(2 * tanhArg(x)),
  df: (x) => {
    if (Math.abs(x) > 100) return x > 0 ? 1 : 0; // u' x overflows; the true value is 1 or 0 to 1e-30000
    const du = SQRT_2_OVER_PI * (1 + 3 * GELU_CUBIC * x * x);
    const u2 = 2 * tanhArg(x);
    return sigmoid(u2) + 2 * x * du * sigmoidDerivative(u2);
  },
  latex: {
    f: '\\operatorname{GELU}_{\\tanh}(x) = \\tfrac{1}{2}x\\bigl(1 + \\tanh u\\bigr), \\quad u = \\sqrt{2/\\pi}\\,\\bigl(x + 0.044715\\,x^{3}\\bigr)',
    df: "\\operatorname{GELU}_{\\tanh}'(x) = \\tfrac{1}{2}\\bigl(1 + \\tanh u\\bigr) + \\tfrac{1}{2}x\\,\\operatorname{sech}^2(u)\\,\\sqrt{2/\\pi}\\,\\bigl(1 + 0.134145\\,x^{2}\\bigr)",
  },
  text: {
    f: '0.5 * x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3)))',
    df: '0.5 (1 + tanh u) + 0.5 x sech^2(u) sqrt(2/pi) (1 + 0.134145 x^2)',
  },
  source: `${GELU_SOURCE}, tanh approximation (max. deviation from x Phi(x) about 4.7e-4)`,
  conventions: [
    { library: 'PyTorch', api: "torch.nn.GELU(approximate='tanh')", note: 'approximate keyword since PyTorch 1.12' },
    { library: 'Keras', api: 'keras.activations.gelu(x, approximate=True) / keras.ops.gelu(x)', note: 'keras.ops.gelu uses this by default' },
    { library: 'TensorFlow.js', api: "activation: 'gelu_new'", note: 'the Hugging Face name for this form' },
  ],
  pros: ['Close to exact GELU (|difference| < 5e-4) with tanh instead of erf; matches the original BERT / GPT-2 checkpoints.'],
  cons: ['An approximation: mixing it with exact GELU changes a trained model slightly.', 'Needs tanh and a cubic.'],
  canDie: false,
};
