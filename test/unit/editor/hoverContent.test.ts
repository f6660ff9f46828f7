/**
 * Hover content (pure builder): name and call, f and f' text, parameters with the library
 * default they fall back to (values from test/reference/library_defaults.json), the plot as
 * an SVG data URI rendered by the real vega bundle, and the trusted command links.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildHoverContent, type HoverSettings, type SvgRenderer } from '../../../src/host/editor/hoverContent';
import { LINK_COMMANDS } from '../../../src/protocol/commands';
import { HoverImageCache } from '../../../src/host/editor/imageCache';
import { lazyRenderer } from '../../../src/host/rendererLoader';
import { getActivation } from '../../../src/core/activations/catalogue';
import { buildHostRender } from './buildRenderer';

const DEFAULTS = JSON.parse(readFileSync(join(__dirname, '../../reference/library_defaults.json'), 'utf8'));
const S: HoverSettings = { strictness: 'normal', xMin: -5, xMax: 5, theme: 'dark' };
let render: () => Promise<SvgRenderer>;

before(async () => {
  render = lazyRenderer(await buildHostRender());
});

async function hover(code: string, needle: string, family: 'js' | 'py', cache = new HoverImageCache()) {
  return buildHoverContent(code, code.indexOf(needle) + 1, family, S, render, cache);
}

function image(markdown: string): string {
  const m = /!\[[^\]]*\]\(data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)\)/.exec(markdown);
  assert.ok(m, 'markdown embeds an SVG data-URI image');
  return Buffer.from(m[1]!, 'base64').toString('utf8');
}

test('PyTorch LeakyReLU(0.1): name, call, formulas, parameter from code, plot, links', async () => {
  const code = 'import torch.nn as nn\nact = nn.LeakyReLU(0.1)\n';
  const h = (await hover(code, 'LeakyReLU', 'py'))!;
  const def = getActivation('leaky_relu')!;
  assert.match(h.markdown, /^\*\*Leaky ReLU\*\* \u2014 PyTorch `torch\.nn\.LeakyReLU`/);
  assert.ok(h.markdown.includes('Matched: `nn.LeakyReLU(0.1)`'));
  assert.ok(h.markdown.includes(`f(x) = \`${def.text.f}\``));
  assert.ok(h.markdown.includes(`f\u2032(x) = \`${def.text.df}\``));
  assert.ok(h.markdown.includes('| `negative_slope (alpha)` | 0.1 | your code |'));
  assert.equal(code.slice(h.start, h.end), 'nn.LeakyReLU');
  const svg = image(h.markdown);
  assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.match(svg, /<\/svg>$/);
  assert.match(svg, /stroke-dasharray="5,3"/, "f' is dashed");
  const link = /\(command:activationLab\.showActivation\?([^ )]+)/.exec(h.markdown);
  assert.deepEqual(JSON.parse(decodeURIComponent(link![1]!)), [{ id: 'leaky_relu', params: { alpha: 0.1 } }]);
  const mnist = /\(command:activationLab\.compareMnist\?([^ )]+)/.exec(h.markdown);
  assert.deepEqual(JSON.parse(decodeURIComponent(mnist![1]!)), [{ activation: 'leaky_relu', params: { alpha: 0.1 } }]);
  assert.deepEqual([...LINK_COMMANDS], ['activationLab.showActivation', 'activationLab.compareMnist']);
});

test('no literal: the default of the library that was called', async () => {
  const cases: Array<[string, string, 'js' | 'py', string, number]> = [
    ['nn.LeakyReLU()', 'LeakyReLU', 'py', 'PyTorch', DEFAULTS.pytorch['torch.nn.LeakyReLU.negative_slope']],
    ['layers.LeakyReLU()', 'LeakyReLU', 'py', 'Keras', DEFAULTS.keras['keras.layers.LeakyReLU.negative_slope']],
    ['tf.layers.leakyReLU()', 'leakyReLU', 'js', 'TensorFlow.js', DEFAULTS.tfjs['tf.layers.leakyReLU.alpha']],
    ['tf.leakyRelu(x)', 'leakyRelu', 'js', 'TensorFlow.js', DEFAULTS.tfjs['tf.leakyRelu.alpha']],
  ];
  for (const [code, needle, family, lib, value] of cases) {
    const h = (await hover(code, needle, family))!;
    assert.ok(h.markdown.includes(` | ${value} | ${lib} default |`), `${code}: ${h.markdown}`);
    assert.deepEqual(h.params, { alpha: value });
  }
});

test('GELU exact vs tanh approximation follow the approximate argument', async () => {
  const exact = (await hover('nn.GELU()', 'GELU', 'py'))!;
  const tanh = (await hover("nn.GELU(approximate='tanh')", 'GELU', 'py'))!;
  assert.equal(exact.def!.id, 'gelu');
  assert.equal(tanh.def!.id, 'gelu_tanh');
  assert.ok(exact.markdown.includes("| `approximate` | 'none' | PyTorch default |"));
  assert.ok(tanh.markdown.includes("| `approximate` | 'tanh' | your code |"));
});

test('warm hovers reuse the cached image; a failing renderer costs only the image', async () => {
  let calls = 0;
  const counting = async () => async (...a: Parameters<SvgRenderer>) => {
    calls++;
    return (await render())(...a);
  };
  const cache = new HoverImageCache();
  const code = 'x = F.silu(x)';
  const a = await buildHoverContent(code, 6, 'py', S, counting, cache);
  const b = await buildHoverContent(code, 6, 'py', S, counting, cache);
  assert.equal(calls, 1);
  assert.equal(a!.markdown, b!.markdown);
  const broken = await buildHoverContent(code, 6, 'py', S, async () => { throw new Error('bundle missing'); }, new HoverImageCache());
  assert.match(broken!.markdown, /Plot unavailable: bundle missing/);
  assert.doesNotMatch(broken!.markdown, /data:image/);
});

test('recognised but not in the catalogue: no formula, plot or links; nothing recognised: no hover', async () => {
  const h = (await hover('y = keras.activations.softmax(x)', 'softmax', 'py'))!;
  assert.match(h.markdown, /Not in the Activation Lab catalogue/);
  assert.doesNotMatch(h.markdown, /command:/);
  assert.equal(await hover('relu_count = 1', 'relu', 'py'), undefined);
});

test('a literal outside the catalogue range is plotted as written, with a note', async () => {
  const h = (await hover('nn.LeakyReLU(1.5)', 'Leaky', 'py'))!;
  assert.deepEqual(h.params, { alpha: 1.5 });
  assert.match(h.markdown, /outside \[0, 1\]; plotted as written/);
});
