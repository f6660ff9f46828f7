/**
 * Presets that rebuild the seed article's two stories from the formulas (nothing typed in
 * from the article's results), plus a dead-ReLU chain and a clipping comparison.
 */
import { getActivation } from '../activations/catalogue';
import type { ChainForm } from './input';

/** A named preset: the form it fills and one line on what it shows. */
export interface Preset {
  readonly id: 'vanishing' | 'nielsen' | 'deadRelu' | 'clipTrap';
  readonly title: string;
  readonly story: string;
  readonly form: ChainForm;
}

const BASE: Omit<ChainForm, 'weights' | 'biases' | 'activations'> = {
  input: '1', target: '0', lr: '0.5', params: '', clipMethod: 'none', clipThreshold: '1', steps: '',
};

function sigmoidAt(z: number): number {
  const s = getActivation('sigmoid');
  if (!s) throw new Error('catalogue has no sigmoid');
  return s.f(z, {});
}

/**
 * Small-weight sigmoid chain (the seed's "w = 0.2 barely moves" story): w_j = 0.2, b_j = 0,
 * x = 1, y = 0, eta = 0.5. Each layer multiplies the gradient by w sigma'(z) <= 0.2 * 1/4
 * = 0.05, so dC/dw_1 ~ 0.05^(L-1) and w_1 moves in the 8th decimal for L = 6.
 * @param L number of layers, 1..1000.
 */
export function vanishingPreset(L = 6): Preset {
  return {
    id: 'vanishing',
    title: `Small-weight sigmoid chain (L = ${L})`,
    story: 'Every layer multiplies the gradient by w·σ′(z) ≤ 0.2 · ¼ = 0.05: the first weight barely moves.',
    form: { ...BASE, weights: `0.2*${L}`, biases: `0*${L}`, activations: 'sigmoid' },
  };
}

/**
 * Nielsen's exploding chain (ch. 5): w_j = 100 and b_j = -w_j a_{j-1}, so every z_j = 0,
 * sigma'(0) = 1/4 and each factor w_j sigma'(z_j) = 100/4 = 25 exactly. b_1 = -100 x and, since
 * a_{j-1} = sigma(0) = 1/2, b_j = -50 for j > 1.
 */
export function nielsenPreset(L = 5, x = 1): Preset {
  const w = 100;
  const b1 = -w * x;
  const bRest = -w * sigmoidAt(0);
  const biases = L === 1 ? String(b1) : L === 2 ? `${b1}, ${bRest}` : `${b1}, ${bRest}*${L - 1}`;
  return {
    id: 'nielsen',
    title: `Nielsen's w = 100 chain (L = ${L})`,
    story: 'b is chosen so that every z = 0: σ′(0) = ¼, so each layer multiplies the gradient by 100 · ¼ = 25.',
    form: { ...BASE, input: String(x), weights: `${w}*${L}`, biases, activations: 'sigmoid' },
  };
}

/**
 * The seed's dead ReLU (R'(z_3) = 0): a ReLU chain whose third weight is negative, so
 * z_3 = -a_2 + 0.1 < 0 and layers 1-3 get exactly zero gradient.
 */
export function deadReluPreset(): Preset {
  return {
    id: 'deadRelu',
    title: 'Dead ReLU at layer 3',
    story: 'w₃ < 0 makes z₃ < 0, so R′(z₃) = 0 and every gradient below layer 3 is exactly 0.',
    form: { ...BASE, target: '2', lr: '0.1', weights: '0.8, 1.2, -1, 0.9, 1.1', biases: '0.1*5', activations: 'relu' },
  };
}

/**
 * Nielsen's chain with per-layer norm clipping at c = 1: layer 1's huge gradient is
 * squashed to norm 1 while the output layer's small one is untouched, so the direction
 * changes (compare global-norm clipping, which keeps it).
 */
export function clipTrapPreset(): Preset {
  const n = nielsenPreset(4);
  return {
    id: 'clipTrap',
    title: 'Clipping trap: per-layer vs global norm',
    story: 'Per-layer norms (Keras clipnorm) rescale each layer on its own and turn the gradient; the global norm (global_clipnorm) keeps its direction.',
    form: { ...n.form, clipMethod: 'layerNorm', clipThreshold: '1' },
  };
}

/** All presets with their default sizes, in menu order. */
export function allPresets(): Preset[] {
  return [vanishingPreset(), nielsenPreset(), deadReluPreset(), clipTrapPreset()];
}
