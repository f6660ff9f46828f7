/** The side view payload built from a recognised activation (pure part of the view). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveMatch } from '../../../src/host/editor/hoverContent';
import { sideActivation } from '../../../src/host/editor/sideContent';
import { recogniseAt } from '../../../src/core/recognise/recognise';

test('payload: catalogue facts, parameters as read, an uncoloured spec the webview themes', () => {
  const code = "model.add(tf.layers.leakyReLU({ alpha: 0.25 }));";
  const m = recogniseAt(code, code.indexOf('leaky') + 1, { family: 'js' })!;
  const { def, params, notes } = resolveMatch(m);
  const a = sideActivation(m, def!, params, notes, 'model.ts:7', { xMin: -3, xMax: 3 });
  assert.equal(a.id, 'leaky_relu');
  assert.equal(a.library, 'TensorFlow.js');
  assert.equal(a.api, 'tf.layers.leakyReLU');
  assert.equal(a.matched, 'tf.layers.leakyReLU({ alpha: 0.25 })');
  assert.equal(a.where, 'model.ts:7');
  assert.deepEqual(a.params, { alpha: 0.25 });
  assert.deepEqual(a.readings, [{ lib: 'alpha', ours: 'alpha', value: 0.25, from: 'code' }]);
  assert.equal(a.latex.f, def!.latex.f);
  assert.equal(a.conventions.length, def!.conventions.length);
  const spec = a.spec as { config?: unknown; encoding: { x: { scale: { domain: number[] } } } };
  assert.equal(spec.config, undefined, 'no colours or fonts: chart.ts themes it');
  assert.deepEqual(spec.encoding.x.scale.domain, [-3, 3]);
  assert.doesNotThrow(() => JSON.stringify(a), 'postMessage-able');
});
