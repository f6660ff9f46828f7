/**
 * Default training configuration, shared by the CLI (`activation-lab compare`), the MNIST
 * panel's settings (`activationLab.mnist.*` defaults in src/core/settings/defaults.ts, checked against
 * package.json by test/unit/config.test.ts) and the tests. Pure: no tfjs import, so the
 * extension host and the webviews can read it without loading TensorFlow.js.
 */
import type { TrainConfig } from './types';

/**
 * Default settings: finish in a few minutes on a laptop GPU (and ~1 min on wasm). Batch size
 * 128, Adam eta = 0.001 and element-wise clipping to +-0.5 follow the seed article's Keras
 * script (Keras Adam default learning rate, Kingma & Ba 2015).
 */
export const DEFAULT_CONFIG: Omit<TrainConfig, 'activations'> = {
  dataset: 'bundled',
  epochs: 3,
  batchSize: 128,
  trainSamples: 8000,
  testSamples: 2000,
  learningRate: 0.001,
  clipValue: 0.5,
  loss: 'categorical_crossentropy',
  seed: 42,
};
