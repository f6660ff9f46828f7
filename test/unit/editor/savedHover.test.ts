/**
 * Saved custom activations in the hover (issue 7): `my_elu(x)` is recognised by name when
 * `my_elu` is saved (not in strict mode, not when unsaved), resolved through
 * `lookupWithCustoms`, and shown with its expression, f', saved parameters and the plot.
 * The compiler look-up is called only when a saved name matched.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildHoverContent, type HoverSettings, type SavedActivations, type SvgRenderer } from '../../../src/host/editor/hoverContent';
import { HoverImageCache } from '../../../src/host/editor/imageCache';
import { lazyRenderer } from '../../../src/host/rendererLoader';
import { lookupWithCustoms } from '../../../src/core/expression/resolve';
import type { SavedCustom } from '../../../src/core/expression/saved';
import { recogniseAt } from '../../../src/core/recognise/recognise';
import { buildHostRender } from './buildRenderer';

const S: HoverSettings = { strictness: 'normal', xMin: -5, xMax: 5, theme: 'dark' };
const SAVED: SavedCustom[] = [{ name: 'my_elu', expression: 'x > 0 ? x : a * (exp(x) - 1)', params: { a: 0.5 } }];
const CODE = 'import torch\n\ndef forward(x):\n    return my_elu(x) + relu6(x)\n';
let render: () => Promise<SvgRenderer>;

function saved(calls: { n: number }): SavedActivations {
  return { names: SAVED.map((c) => c.name), lookup: () => { calls.n++; return lookupWithCustoms(SAVED); } };
}

before(async () => {
  render = lazyRenderer(await buildHostRender());
});

test('recogniseAt: a saved name is a saved match in normal and loose, not in strict or when unsaved', () => {
  const at = CODE.indexOf('my_elu') + 2;
  const m = recogniseAt(CODE, at, { family: 'py', savedNames: ['my_elu'] });
  assert.equal(m?.kind, 'saved');
  assert.equal(m?.id, 'my_elu');
  assert.equal(m?.matched, 'my_elu(x)');
  assert.equal(CODE.slice(m.start, m.end), 'my_elu');
  assert.equal(recogniseAt(CODE, at, { family: 'py', strictness: 'loose', savedNames: ['my_elu'] })?.kind, 'saved');
  assert.equal(recogniseAt(CODE, at, { family: 'py', strictness: 'strict', savedNames: ['my_elu'] }), undefined);
  assert.equal(recogniseAt(CODE, at, { family: 'py' }), undefined);
  assert.equal(recogniseAt(CODE, at, { family: 'js', savedNames: ['other'] }), undefined);
});

test('hover over my_elu(x): expression, f and f\', saved parameter, plot image', async () => {
  const calls = { n: 0 };
  const h = await buildHoverContent(CODE, CODE.indexOf('my_elu') + 1, 'py', S, render, new HoverImageCache(), undefined, saved(calls));
  assert.ok(h && h.def, 'hover with a def');
  assert.equal(calls.n, 1);
  assert.match(h.markdown, /^\*\*my_elu\*\* \u2014 saved custom activation `my_elu\(x\)`/);
  assert.ok(h.markdown.includes('Expression: `x > 0 ? x : a * (exp(x) - 1)`'), h.markdown);
  assert.ok(h.markdown.includes(`f\u2032(x) = \`${h.def.text.df}\``));
  assert.ok(h.markdown.includes('| `a` | 0.5 | saved value |'), h.markdown);
  assert.deepEqual(h.params, { a: 0.5 });
  // ELU with a = 0.5 (Clevert et al. 2016, eq. 15): f(-1) = 0.5 (e^-1 - 1), f'(-1) = 0.5 e^-1.
  assert.ok(Math.abs(h.def.f(-1, h.params) - 0.5 * Math.expm1(-1)) < 1e-16);
  assert.ok(Math.abs(h.def.df(-1, h.params) - 0.5 * Math.exp(-1)) < 1e-15);
  assert.match(h.markdown, /!\[my_elu: f \(solid\) and f\u2032 \(dashed\)[^\]]*\]\(data:image\/svg\+xml;base64,/);
});

test('no compile when the hovered name is not saved; an invalid saved expression says so', async () => {
  const calls = { n: 0 };
  const code = 'y = torch.relu(x)\n';
  const h = await buildHoverContent(code, code.indexOf('relu') + 1, 'py', S, render, new HoverImageCache(), undefined, saved(calls));
  assert.ok(h?.def);
  assert.equal(calls.n, 0);
  const broken: SavedActivations = { names: ['my_elu'], lookup: () => lookupWithCustoms([{ name: 'my_elu', expression: 'x +', params: {} }]) };
  const b = await buildHoverContent(CODE, CODE.indexOf('my_elu') + 1, 'py', S, render, new HoverImageCache(), undefined, broken);
  assert.equal(b?.def, undefined);
  assert.match(b!.markdown, /does not compile/);
});
