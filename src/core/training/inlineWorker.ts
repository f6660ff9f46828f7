/**
 * A training "worker" that runs in the calling thread, behind the same {@link WorkerPort} as
 * a real one: for backends that must stay where they were started (a GPU device in the
 * webview page, a native WebGPU addon in the CLI's main thread), so they go through the same
 * scheduler, events and results as the CPU workers. Pure (tfjs through ./cellWorker.ts).
 * Use one at a time: it shares this thread's tfjs and its active backend.
 */
import { serveTraining } from './cellWorker';
import type { ServeOptions } from './cellWorker';
import type { WorkerPort } from './workerProtocol';

/**
 * A port whose messages are structured-cloned (as postMessage does, so no object is shared
 * between the two sides) and delivered asynchronously. `terminate` stops the cell in flight
 * before its next batch and disposes the uploaded digits; it never reports `exit`.
 */
export function inlineWorker(opts: ServeOptions): WorkerPort {
  let toScheduler: ((data: unknown) => void) | undefined;
  let toWorker: ((data: unknown) => void) | undefined;
  let dead = false;
  const deliver = (to: ((data: unknown) => void) | undefined, m: unknown): void => {
    const copy = structuredClone(m);
    void Promise.resolve().then(() => {
      if (!dead) to?.(copy);
    });
  };
  const server = serveTraining({ post: (m) => deliver(toScheduler, m), onMessage: (h) => (toWorker = h) }, opts);
  return {
    post: (m) => deliver(toWorker, m),
    listen: (h) => (toScheduler = h.message),
    terminate: async () => {
      dead = true;
      await server.close();
    },
  };
}
