// Worker-thread half of test/webgpu/cli.test.ts: loads the TypeScript module through tsx's
// require hook, makes tfjs's webgpu backend in this thread, multiplies two 64x64 integer
// matrices on it (large enough that tfjs does not hand them to its cpu backend) and posts
// the product.
const { parentPort, workerData } = require('node:worker_threads');
require('tsx/cjs/api').register();

(async () => {
  const { loadNodeWebGpu } = require(workerData.module);
  const tf = require('@tensorflow/tfjs');
  const gpu = await loadNodeWebGpu();
  if (!gpu.ok) throw new Error(gpu.reason);
  await tf.setBackend('webgpu');
  const n = 64;
  const a = tf.tensor2d(Float32Array.from({ length: n * n }, (_, i) => (Math.floor(i / n) + 2 * (i % n)) % 7), [n, n]);
  const b = tf.tensor2d(Float32Array.from({ length: n * n }, (_, i) => (3 * Math.floor(i / n) + (i % n)) % 5), [n, n]);
  const c = tf.matMul(a, b);
  parentPort.postMessage({ ok: true, backend: tf.getBackend(), product: Array.from(await c.data()) });
})().catch((e) => parentPort.postMessage({ ok: false, reason: String((e && e.stack) || e) }));
