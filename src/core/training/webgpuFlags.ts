/**
 * tfjs-backend-webgpu flags the trainer sets before it trains on webgpu (CLI through Dawn,
 * the MNIST webview). Pure: takes the tfjs namespace, imports nothing.
 */

/** The part of `tf.env()` this module uses. */
interface FlagEnv {
  getFlags(): Record<string, unknown>;
  set(flag: string, value: boolean): void;
}

/**
 * Turns off `WEBGPU_CPU_FORWARD` (tfjs-backend-webgpu 4.22 `flags_webgpu.ts`, default true:
 * ops whose inputs are small and still on the CPU run on the CPU backend instead of the GPU).
 * With it on, one training step of the comparison CNN on webgpu depended on which other ops
 * were queued in the same deferred submit batch (`WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE`, 15):
 * the same seed gave losses 1.88181 or 1.89303 after three Adam steps where wasm and cpu give
 * 1.88190, as soon as the per-layer diagnostics' reductions ran beside the step. With it off
 * (as tfjs's own webgpu test registry runs, `backend_webgpu_test_registry.ts`), or with every
 * command submitted alone, webgpu agrees with cpu to float32 rounding (1e-7 relative).
 * Call after `@tensorflow/tfjs-backend-webgpu` is imported (it registers the flag); a no-op
 * when the flag is not registered (the webgpu backend is not loaded).
 * @param env `tf.env()` of the tfjs instance that trains.
 */
export function configureWebGpuTraining(env: FlagEnv): void {
  try {
    env.set('WEBGPU_CPU_FORWARD', false);
  } catch {
    // Not registered: the webgpu backend is not loaded in this tfjs instance.
  }
}
