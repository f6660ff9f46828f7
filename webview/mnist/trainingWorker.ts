/**
 * Entry of one MNIST training Web Worker (built as out/webview/mnistWorker.js, one
 * self-contained IIFE: a webview worker can neither `importScripts` nor fetch the
 * extension's files itself). It runs its own tfjs with the wasm (or cpu) backend and serves
 * the comparison scheduler's messages (src/core/training/cellWorker.ts). The wasm binaries
 * come as Blob URLs the page made (`worker/init` options: file name -> URL).
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { expressionResolveOp } from '../../src/core/expression/tfjsActivation';
import { serveTraining } from '../../src/core/training/cellWorker';
import { registerWasmTrainingKernels } from '../../src/core/training/wasmKernels';
import type { BackendName } from '../../src/core/training/types';
import type { FromWorker, WorkerOptions } from '../../src/core/training/workerProtocol';
import { WASM_FILES } from './workerAssets';

/** The worker global scope, typed by hand (the webview tsconfig has the DOM lib, not WebWorker). */
const scope = self as unknown as { postMessage(m: FromWorker): void; addEventListener(t: 'message', h: (e: MessageEvent) => void): void };

/**
 * Starts `backend` in this worker: wasm from the page's Blob URLs (every binary in
 * {@link WASM_FILES} must be there), or cpu.
 * @throws Error naming the missing binary, or when tfjs does not end up on `backend`.
 */
async function initBackend(backend: BackendName, options: WorkerOptions): Promise<void> {
  if (backend !== 'wasm' && backend !== 'cpu') throw new Error(`a training worker runs wasm or cpu, not ${backend}`);
  if (backend === 'wasm') {
    const missing = WASM_FILES.filter((f) => !options[f]);
    if (missing.length) throw new Error(`the page sent no Blob URL for ${missing.join(', ')}`);
    setWasmPaths(Object.fromEntries(WASM_FILES.map((f) => [f, options[f]!])));
  }
  const ok = await tf.setBackend(backend);
  if (!ok || tf.getBackend() !== backend) throw new Error(`tf.setBackend('${backend}') failed in the worker (active: ${tf.getBackend() ?? 'none'})`);
  if (backend === 'wasm') {
    registerWasmTrainingKernels(tf);
  }
}

serveTraining(
  { post: (m) => scope.postMessage(m), onMessage: (h) => scope.addEventListener('message', (e) => h(e.data)) },
  { initBackend, resolveOp: expressionResolveOp(tf) },
);
