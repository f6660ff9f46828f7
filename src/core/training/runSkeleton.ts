/**
 * The empty result of one run, before any epoch finished. Pure (no tfjs), so the scheduler
 * can report a cell that never reached a worker.
 */
import { getActivation, resolveParams } from '../activations/catalogue';
import type { Params } from '../activations/types';
import type { ActivationChoice, RunResult } from './types';

/** Catalogue parameters with defaults filled in; the choice's own for anything else. */
function completeParams(choice: ActivationChoice): Params {
  const def = getActivation(choice.activation);
  try {
    return def ? { ...resolveParams(def, choice.params) } : { ...choice.params };
  } catch {
    return { ...choice.params };
  }
}

/** Result skeleton for one activation (parameters completed with catalogue defaults). */
export function emptyRun(choice: ActivationChoice): RunResult {
  return {
    activation: choice.activation,
    params: completeParams(choice),
    status: 'completed',
    history: { loss: [], accuracy: [], val_loss: [], val_accuracy: [] },
    epochTimesMs: [],
    samplesPerSecond: null,
    testAccuracy: null,
  };
}
