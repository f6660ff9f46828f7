/**
 * The library conventions in the catalogue against the libraries themselves: PyTorch defaults
 * read by introspection (gen_activation_torch.py -> activations_torch.json `defaults`) and the
 * installed TensorFlow.js 4.22 sources in node_modules. (Keras cannot be installed offline; its
 * values are cited from its documentation in the entries.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getActivation } from '../../../src/core/activations/catalogue';

const ROOT = join(__dirname, '../../..');
const TORCH_DEFAULTS: Record<string, number | string> = JSON.parse(
  readFileSync(join(ROOT, 'test/reference/activations_torch.json'), 'utf8'),
).defaults;

function convention(id: string, library: string): string {
  const c = getActivation(id)!.conventions.find((k) => k.library === library)!;
  return `${c.api} ${c.note}`;
}

function tfjsSource(rel: string): string {
  return readFileSync(join(ROOT, 'node_modules/@tensorflow', rel), 'utf8');
}

test('PyTorch defaults quoted in the catalogue match torch introspection', () => {
  assert.match(convention('leaky_relu', 'PyTorch'), new RegExp(`negative_slope=${TORCH_DEFAULTS['torch.nn.LeakyReLU.negative_slope']}\\b`));
  assert.match(convention('elu', 'PyTorch'), new RegExp(`alpha=${Number(TORCH_DEFAULTS['torch.nn.ELU.alpha']).toFixed(1)}`));
  assert.match(convention('celu', 'PyTorch'), new RegExp(`alpha=${Number(TORCH_DEFAULTS['torch.nn.CELU.alpha']).toFixed(1)}`));
  assert.match(convention('gelu', 'PyTorch'), new RegExp(`approximate='${TORCH_DEFAULTS['torch.nn.GELU.approximate']}'`));
  assert.match(convention('softplus', 'PyTorch'), new RegExp(`threshold=${TORCH_DEFAULTS['torch.nn.Softplus.threshold']}\\.0`));
});

test('TensorFlow.js defaults and restrictions quoted in the catalogue match its sources', () => {
  const op = /function leakyRelu_\(x, alpha = ([\d.]+)\)/.exec(tfjsSource('tfjs-core/dist/ops/leaky_relu.js'));
  assert.ok(op);
  assert.match(convention('leaky_relu', 'TensorFlow.js'), new RegExp(`tf\\.leakyRelu\\(x, alpha=${op[1]}\\)`));
  const layers = tfjsSource('tfjs-layers/dist/layers/advanced_activations.js');
  const layerAlpha = /class LeakyReLU[\s\S]*?this\.DEFAULT_ALPHA = ([\d.]+);/.exec(layers);
  assert.ok(layerAlpha);
  assert.match(convention('leaky_relu', 'TensorFlow.js'), new RegExp(`tf\\.layers\\.leakyReLU\\(\\{alpha: ${layerAlpha[1]}\\}\\)`));
  assert.match(layers, /Non-default alpha value \(\$\{args\.alpha\}\) is not supported/);
  assert.match(convention('elu', 'TensorFlow.js'), /tf\.layers\.elu throws NotImplementedError for alpha != 1/);
  assert.match(tfjsSource('tfjs-layers/dist/backend/tfjs_backend.js'), /tfc\.add\(\.5, tfc\.mul\(\.2, x\)\)/);
  assert.match(convention('hard_sigmoid', 'TensorFlow.js'), /0\.2x \+ 0\.5/);
});

test('TensorFlow.js activation strings quoted in the catalogue are registered by tfjs-layers', () => {
  const registered = new Set([...tfjsSource('tfjs-layers/dist/activations.js').matchAll(/(\w+)\.className = '(\w+)'/g)].map((m) => m[2]));
  for (const id of ['sigmoid', 'tanh', 'relu', 'elu', 'selu', 'gelu', 'gelu_tanh', 'softplus', 'softsign', 'swish', 'mish', 'hard_sigmoid', 'relu6', 'linear']) {
    const quoted = /activation: '(\w+)'/.exec(convention(id, 'TensorFlow.js'));
    assert.ok(quoted, `${id} quotes a tfjs activation string`);
    assert.ok(registered.has(quoted[1]), `${id}: '${quoted[1]}' is registered`);
  }
  for (const id of ['celu', 'hard_swish']) assert.match(convention(id, 'TensorFlow.js'), /no built-in/);
  assert.ok(!registered.has('exponential') && !registered.has('celu'));
  assert.match(convention('exponential', 'TensorFlow.js'), /no activation string/);
});
