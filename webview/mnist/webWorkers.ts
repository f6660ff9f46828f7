/**
 * Web Workers behind the scheduler's {@link WorkerPort} (src/core/training/workerProtocol.ts),
 * and how many to run. Each worker has its own tfjs and wasm instance: VS Code webviews are
 * not cross-origin isolated, so there is no SharedArrayBuffer and no wasm threads, and
 * separate workers are how a comparison uses several cores.
 */
import type { WorkerFactory, WorkerPort } from '../../src/core/training/workerProtocol';

/**
 * Default worker count: one per logical core (`navigator.hardwareConcurrency`) less one for
 * the page and the UI, at least 1, at most `cells`. `setting` (`activationLab.mnist.workers`)
 * overrides it when >= 1 (0 = this default).
 */
export function workerCount(setting: number, cells: number, cores = navigator.hardwareConcurrency || 1): number {
  const n = setting >= 1 ? setting : Math.max(1, cores - 1);
  return Math.max(1, Math.min(n, cells));
}

/**
 * A factory of Web Workers started from the Blob URL `script`. A worker's uncaught error or
 * a message that cannot be cloned is its `exit` (reported once); `terminate` stops it at once.
 * `live` counts the workers not yet terminated (for tests and the panel's state).
 */
export function webWorkerFactory(script: string, live: { count: number }): WorkerFactory {
  return (slot) => {
    const w = new Worker(script, { name: `activation-lab-training-${slot + 1}` });
    live.count++;
    let ended = false;
    let exit: ((reason: string) => void) | undefined;
    const end = (reason: string): void => {
      if (ended) return;
      ended = true;
      exit?.(reason);
    };
    w.addEventListener('error', (e) => {
      e.preventDefault();
      end(e.message || 'the worker threw an uncaught error');
    });
    w.addEventListener('messageerror', () => end('a message from the worker could not be read'));
    let stopped = false;
    const port: WorkerPort = {
      post: (m, transfer) => w.postMessage(m, transfer ?? []),
      listen: (h) => {
        exit = h.exit;
        w.addEventListener('message', (e: MessageEvent) => {
          if (!ended) h.message(e.data);
        });
      },
      terminate: () => {
        ended = true;
        if (!stopped) {
          stopped = true;
          w.terminate();
          live.count--;
        }
        return Promise.resolve();
      },
    };
    return port;
  };
}
