/**
 * Plain gradient descent on the chain of `chain.ts`: one step
 *   w'_j = w_j - eta g_w_j,   b'_j = b_j - eta g_b_j
 * where g are the gradients after clipping (Keras applies clipping before `update_step`,
 * keras/optimizers/base_optimizer.py `apply`), and N steps with a stop at the first value
 * that is NaN or +-Infinity.
 */
import { backprop, type ChainGradients, type ChainSpec } from './chain';
import { clipGradients, type ClipResult, type ClipSpec } from './clipping';

/** Largest N accepted for an N-step run. */
export const MAX_STEPS = 10_000;

/** Largest N x L recorded (the history keeps every parameter of every step: 16 MB). */
export const MAX_STEP_VALUES = 2_000_000;

/** One analysed step: gradients, clipping and the updated parameters. */
export interface StepResult {
  readonly gradients: ChainGradients;
  readonly clip: ClipResult;
  /** w'_j and b'_j (length L). */
  readonly wNext: readonly number[];
  readonly bNext: readonly number[];
}

/**
 * Checks the learning rate.
 * @throws RangeError unless 0 < eta and eta is finite.
 */
function checkLearningRate(eta: number): void {
  if (!(eta > 0) || !Number.isFinite(eta)) throw new RangeError(`learning rate must be a finite number > 0, got ${eta}`);
}

/**
 * One gradient-descent step from `spec` with learning rate `eta` and clipping `clip`.
 * @throws RangeError for a bad chain shape, eta <= 0 or a bad clipping threshold.
 */
export function descentStep(spec: ChainSpec, eta: number, clip: ClipSpec): StepResult {
  checkLearningRate(eta);
  const gradients = backprop(spec);
  const c = clipGradients({ dw: gradients.layers.map((l) => l.dCdw), db: gradients.layers.map((l) => l.dCdb) }, clip);
  return {
    gradients,
    clip: c,
    wNext: spec.weights.map((w, j) => w - eta * c.dw[j]!),
    bNext: spec.biases.map((b, j) => b - eta * c.db[j]!),
  };
}

/** History of an N-step run; arrays indexed by step 0..completed. */
export interface DescentHistory {
  /** Cost C at the parameters of each step (entry 0: the initial parameters). */
  readonly cost: readonly number[];
  /** weights[s][j] = w_j after s steps; same for biases. */
  readonly weights: readonly (readonly number[])[];
  readonly biases: readonly (readonly number[])[];
  /** Steps completed (<= requested). */
  readonly completed: number;
  /** Why the run stopped early (first NaN/Infinity), or undefined if all N steps ran. */
  readonly stopped?: string;
}

function firstNonFinite(g: ChainGradients, s: StepResult): string | undefined {
  if (!Number.isFinite(g.cost)) return `the cost C became ${g.cost}`;
  for (let j = 0; j < g.layers.length; j++) {
    const l = g.layers[j]!;
    for (const [name, v] of [['z', l.z], ['a', l.a], ['dC/db', l.dCdb], ['dC/dw', l.dCdw]] as const) {
      if (!Number.isFinite(v)) return `${name} of layer ${j + 1} became ${v}`;
    }
    if (!Number.isFinite(s.wNext[j]!)) return `w of layer ${j + 1} became ${s.wNext[j]}`;
    if (!Number.isFinite(s.bNext[j]!)) return `b of layer ${j + 1} became ${s.bNext[j]}`;
  }
  return undefined;
}

/**
 * Runs `steps` gradient-descent steps (each clipped with `clip`), recording cost and
 * parameters. Stops with a message naming the value and layer when a forward value, a
 * gradient or an updated parameter is NaN or +-Infinity; the history keeps the last
 * finite parameters.
 * @throws RangeError for a bad chain, eta, clipping, steps not an integer in 1..MAX_STEPS,
 *   or steps × L over MAX_STEP_VALUES.
 */
export function runDescent(spec: ChainSpec, eta: number, clip: ClipSpec, steps: number): DescentHistory {
  if (!Number.isInteger(steps) || steps < 1 || steps > MAX_STEPS) throw new RangeError(`steps must be an integer from 1 to ${MAX_STEPS}, got ${steps}`);
  if (steps * spec.weights.length > MAX_STEP_VALUES) throw new RangeError(`steps × layers must be at most ${MAX_STEP_VALUES.toLocaleString('en')}, got ${steps} × ${spec.weights.length}`);
  const cost: number[] = [];
  const weights: number[][] = [spec.weights.slice()];
  const biases: number[][] = [spec.biases.slice()];
  let cur: ChainSpec = spec;
  for (let s = 0; s < steps; s++) {
    const r = descentStep(cur, eta, clip);
    const bad = firstNonFinite(r.gradients, r);
    if (bad) {
      if (Number.isFinite(r.gradients.cost)) cost.push(r.gradients.cost);
      return { cost, weights, biases, completed: s, stopped: `Stopped at step ${s + 1} of ${steps}: ${bad} (float64 overflow or 0·∞). Lower the learning rate or clip.` };
    }
    cost.push(r.gradients.cost);
    weights.push(r.wNext.slice());
    biases.push(r.bNext.slice());
    cur = { ...cur, weights: r.wNext, biases: r.bNext };
  }
  const last = backprop(cur).cost;
  if (!Number.isFinite(last)) return { cost, weights, biases, completed: steps, stopped: `After step ${steps} the cost C became ${last}.` };
  cost.push(last);
  return { cost, weights, biases, completed: steps };
}
