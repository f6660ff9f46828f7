// A small MNIST classifier in TensorFlow.js. Hover an activation ('relu', tf.selu,
// tf.layers.leakyReLU, gelu below) to see its formula, derivative and a plot; the
// "Activation at Cursor" view follows the cursor.
import * as tf from '@tensorflow/tfjs';

/** GELU, tanh approximation (Hendrycks & Gimpel 2016, eq. 2). */
export function gelu(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const inner = x.add(x.pow(3).mul(0.044715)).mul(Math.sqrt(2 / Math.PI));
    return x.mul(0.5).mul(inner.tanh().add(1));
  });
}

/** The seed's CNN: two convolutions, max-pooling, dropout, two dense layers. */
export function buildModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'elu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.dropout({ rate: 0.25 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 128 }));
  model.add(tf.layers.leakyReLU({ alpha: 0.2 }));
  model.add(tf.layers.dropout({ rate: 0.5 }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

/** Self-normalising features: SELU keeps mean 0 and variance 1 with lecun_normal weights. */
export function selfNormalise(x: tf.Tensor): tf.Tensor {
  return tf.selu(x);
}

/** Squashes logits to probabilities for a binary head. */
export function probability(logit: tf.Tensor): tf.Tensor {
  return tf.sigmoid(logit);
}
