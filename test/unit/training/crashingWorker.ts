/**
 * A training worker for parallel.test.ts that really crashes: the normal worker
 * (src/cli/trainingWorker.ts), except that the thread exits with code 7 right after it
 * reported the first finished epoch of an activation named `crash_me`.
 */
import * as tf from '@tensorflow/tfjs';
import { parentPort } from 'node:worker_threads';
import { initNodeBackend } from '../../../src/cli/compare';
import { expressionResolveOp } from '../../../src/core/expression/tfjsActivation';
import { serveTraining } from '../../../src/core/training/cellWorker';

const port = parentPort!;
serveTraining(
  {
    post: (m) => {
      port.postMessage(m);
      if (m.type === 'cell/epoch' && m.result.activation === 'crash_me') process.exit(7);
    },
    onMessage: (h) => port.on('message', h),
  },
  { initBackend: async (b) => void (await initNodeBackend(b)), resolveOp: expressionResolveOp(tf) },
);
