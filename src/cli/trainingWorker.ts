/**
 * Entry of one CLI training worker (a Node worker thread, started by src/node/workerPool.ts):
 * its own tfjs with the backend the scheduler names, serving src/core/training/cellWorker.ts.
 * Built as out/cli/trainingWorker.mjs beside the CLI.
 */
import * as tf from '@tensorflow/tfjs';
import { parentPort } from 'node:worker_threads';
import { expressionResolveOp } from '../core/expression/tfjsActivation';
import { serveTraining } from '../core/training/cellWorker';
import { initNodeBackend } from './compare';

const port = parentPort;
if (!port) throw new Error('trainingWorker must run in a worker thread');
serveTraining(
  { post: (m) => port.postMessage(m), onMessage: (h) => port.on('message', h) },
  { initBackend: async (b) => void (await initNodeBackend(b)), resolveOp: expressionResolveOp(tf) },
);
