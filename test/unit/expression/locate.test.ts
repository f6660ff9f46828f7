/**
 * Caret positions when a name or call occurs more than once, parameter text parsing.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compileUserActivation } from '../../../src/core/expression/compile';
import { parseParamText } from '../../../src/core/expression/params';

function errorSpan(src: string, params: Record<string, number> = {}): string {
  const r = compileUserActivation(src, params);
  assert.equal(r.ok, false, src);
  return r.ok ? '' : `${r.error.start}:${src.slice(r.error.start, r.error.end)}`;
}

describe('caret positions', () => {
  it('the second of two calls of the same function', () => {
    assert.equal(errorSpan('exp(x) + exp(x, 2)'), '9:exp(x, 2)');
    assert.equal(errorSpan('sigmoid(x) * sigmoid()'), '13:sigmoid()');
  });
  it('names inside numbers and longer names do not confuse the locator', () => {
    assert.equal(errorSpan('1e5 * x + e5'), '10:e5');
    assert.equal(errorSpan('exp(x) * expx'), '9:expx');
    assert.equal(errorSpan('a * x + a2', { a: 1 }), '8:a2');
  });
  it('not-real results point at the call that produced them', () => {
    assert.equal(errorSpan('sqrt(x^2) + sqrt(x)'), '12:sqrt(x)');
    assert.equal(errorSpan('log(exp(x)) + log((x))'), '14:log((x))');
  });
  it('unicode before the error keeps UTF-16 offsets', () => {
    assert.equal(errorSpan('α * x + β', { α: 1 }), '8:β');
  });
});

describe('parseParamText', () => {
  it('name = value pairs separated by commas or semicolons', () => {
    assert.deepEqual(parseParamText('a = 0.5, b=1; gamma = -2e-3'), { a: 0.5, b: 1, gamma: -0.002 });
    assert.deepEqual(parseParamText('  '), {});
  });
  it('rejects what is not name = finite number, naming the part', () => {
    assert.throws(() => parseParamText('a = 1, b'), /'b' is not name = number/);
    assert.throws(() => parseParamText('a = Infinity'), /not name = number/);
    assert.throws(() => parseParamText('a = '), /not name = number/);
  });
  it('__proto__ becomes an own key (then refused by the name check), not a prototype', () => {
    const p = parseParamText('__proto__ = 1');
    assert.equal(Object.getPrototypeOf(p), Object.prototype);
    assert.deepEqual(Object.keys(p), ['__proto__']);
    const r = compileUserActivation('x', p);
    assert.ok(!r.ok && r.error.param === '__proto__');
  });
});
