/** Comment and string regions (lexical.ts) and call-argument reading (callArgs.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { languageFamily, regionAt, scanRegions } from '../../../src/core/recognise/lexical';
import { parseLiteral, readCallArgs } from '../../../src/core/recognise/callArgs';

function kindAt(text: string, needle: string, family: 'js' | 'py'): string | undefined {
  return regionAt(scanRegions(text, family), text.indexOf(needle))?.kind;
}

test('Python: comments, prefixed and triple-quoted strings, quotes inside other quotes', () => {
  const py = `x = 1  # a 'comment'\ns = rb"raw"\nd = """multi\nline 'q' """\nafter = 2\nf"{a}" + 'it''s'`;
  assert.equal(kindAt(py, 'comment', 'py'), 'comment');
  assert.equal(kindAt(py, 'raw', 'py'), 'string');
  assert.equal(kindAt(py, 'line', 'py'), 'string');
  assert.equal(kindAt(py, 'after', 'py'), undefined);
  const s = scanRegions(py, 'py').find((r) => py.slice(r.contentStart, r.contentEnd) === 'raw');
  assert.ok(s, 'content offsets exclude the rb prefix and quotes');
});

test('JS: line and block comments, template literals, regex literals with quotes, division', () => {
  const js = "a = b / c / d; const r = /it's/g; // note\n/* block 'x' */ const t = `tpl ${x}`; const s = 'str';";
  assert.equal(kindAt(js, 'c / d', 'js'), undefined, 'division is not a regex');
  assert.equal(kindAt(js, 'note', 'js'), 'comment');
  assert.equal(kindAt(js, 'block', 'js'), 'comment');
  assert.equal(kindAt(js, 'tpl', 'js'), 'string');
  assert.equal(kindAt(js, 'str', 'js'), 'string');
  assert.equal(kindAt(js, 'const s', 'js'), undefined);
});

test('unterminated strings end at the line end (JS, Python single quotes)', () => {
  const py = "s = 'open\nnext = 1";
  assert.equal(kindAt(py, 'next', 'py'), undefined);
});

test('languageFamily maps VS Code language ids', () => {
  assert.equal(languageFamily('typescriptreact'), 'js');
  assert.equal(languageFamily('python'), 'py');
  assert.equal(languageFamily('rust'), undefined);
});

test('parseLiteral: numbers (incl. exponents, underscores), strings, booleans, None, expressions', () => {
  assert.deepEqual(parseLiteral('1e-2'), { kind: 'number', value: 0.01 });
  assert.deepEqual(parseLiteral('.5'), { kind: 'number', value: 0.5 });
  assert.deepEqual(parseLiteral('-0.2'), { kind: 'number', value: -0.2 });
  assert.deepEqual(parseLiteral('1_000'), { kind: 'number', value: 1000 });
  assert.deepEqual(parseLiteral("'tanh'"), { kind: 'string', value: 'tanh' });
  assert.deepEqual(parseLiteral('True'), { kind: 'bool', value: true });
  assert.deepEqual(parseLiteral('None'), { kind: 'none' });
  assert.deepEqual(parseLiteral('cfg.slope'), { kind: 'expr', raw: 'cfg.slope' });
  assert.deepEqual(parseLiteral('0.1 * 2'), { kind: 'expr', raw: '0.1 * 2' });
});

test('readCallArgs: positional, keyword, JS object config, nesting, strings with commas', () => {
  const py = "F.leaky_relu(f(x, y), 0.1, inplace=True, note='a, b')";
  const a = readCallArgs(py, py.indexOf('('))!;
  assert.equal(a.positional.length, 2);
  assert.deepEqual(a.positional[1], { kind: 'number', value: 0.1 });
  assert.deepEqual(a.keyword.get('inplace'), { kind: 'bool', value: true });
  assert.deepEqual(a.keyword.get('note'), { kind: 'string', value: 'a, b' });
  assert.equal(a.end, py.length);
  const js = "tf.layers.leakyReLU({ alpha: 0.25, name: 'lr' })";
  assert.deepEqual(readCallArgs(js, js.indexOf('('))!.keyword.get('alpha'), { kind: 'number', value: 0.25 });
  assert.equal(readCallArgs('nn.GELU', 7), undefined, 'no call');
  assert.equal(readCallArgs('nn.GELU(approximate=', 7), undefined, 'unbalanced');
});
