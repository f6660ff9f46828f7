/**
 * Hostile and broken input: every case gives a clear error at the right place or a correct
 * non-finite marker; never a throw, never access to anything outside math.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compileUserActivation, type CompileResult } from '../../../src/core/expression/compile';

/** Compiles and requires an error whose caret covers `token` (or starts at `at`). */
function rejects(src: string, message: RegExp, token?: string, params: Record<string, number> = {}): void {
  let r: CompileResult | undefined;
  assert.doesNotThrow(() => { r = compileUserActivation(src, params); }, src);
  if (r!.ok) assert.fail(`${JSON.stringify(src.slice(0, 80))} compiled`);
  const e = r!.error;
  assert.match(e.message, message, src.slice(0, 80));
  assert.ok(e.start >= 0 && e.end >= e.start && e.end <= src.length, `span ${e.start}..${e.end}`);
  if (token !== undefined) assert.equal(src.slice(e.start, e.end), token, `caret of ${src}`);
}

describe('clear errors with a caret', () => {
  it('empty and blank input', () => {
    rejects('', /Type an expression/);
    rejects('   \n ', /Type an expression/);
  });
  it('syntax errors point where the parser stopped', () => {
    rejects('x +', /Syntax error: Unexpected end/);
    assert.equal((compileUserActivation('x +') as { error: { start: number } }).error.start, 3);
    rejects('(x', /Syntax error: Parenthesis \) expected/);
    rejects('x ≤ 3', /Syntax error/, '≤');
    rejects('exp(x))', /Syntax error/, ')');
  });
  it('unknown names and functions, at the name', () => {
    rejects('b * x', /Unknown name 'b'.*add a row 'b = value'/, 'b');
    rejects('x * foo(x)', /Unknown function 'foo'/, 'foo');
    rejects('5 cm', /Unknown name 'cm'/, 'cm');
    rejects('x + é', /Unknown name 'é'/, 'é');
    rejects('exp + x', /'exp' is a function/, 'exp');
  });
  it('forbidden names reach nothing', () => {
    for (const name of ['constructor', '__proto__', 'import', 'evaluate', 'createUnit', 'parse', 'compile', 'simplify', 'eval', 'Function', 'globalThis', 'process', 'require', 'toString', 'hasOwnProperty', 'prototype']) {
      rejects(`${name}`, /is not available|is a function/, name);
      rejects(`1 + ${name}(x)`, /is not available|Unknown function/, name);
    }
    rejects('import({a: 1})', /not available/, 'import');
    rejects('evaluate("1+1")', /not available/, 'evaluate');
    rejects('createUnit("foo")', /not available/, 'createUnit');
  });
  it('property access, assignments, definitions, matrices, strings, ranges, objects, blocks', () => {
    rejects('x.constructor', /Property access/, '.');
    rejects('x["constructor"]', /Property access/, '[');
    rejects('sigmoid.constructor("return process")()', /Property access|Only named functions|Syntax error/);
    rejects('f = x', /Assignments are not allowed/, '=');
    rejects('a = 2; a * x', /Assignments|Only one expression/);
    rejects('f(x) = x^2', /Function definitions are not allowed/, '=');
    rejects('[1, 2] * x', /Matrices/, '[');
    rejects('"x"', /Strings are not allowed/, '"x"');
    rejects('1:3', /Ranges/, ':');
    rejects('{a: x}', /Objects/, '{');
    rejects('x; x', /Only one expression/, ';');
    rejects("x'", /Operator/);
    rejects('x!', /Operator '!'/, '!');
    rejects('true ? x : 1', /'true' is not a number/, 'true');
  });
  it('wrong arity, at the call', () => {
    rejects('exp(x, 2)', /exp\(\) takes 1 argument, got 2/, 'exp(x, 2)');
    rejects('sigmoid()', /takes 1 argument, got 0/);
    rejects('relu(x, 1, 2)', /relu\(\) takes/);
    rejects('max()', /at least 1/);
    rejects('a(x + 1)', /'a' is a parameter, not a function/, 'a', { a: 1 });
  });
  it('results that are not real, at the node that produced them', () => {
    rejects('x + sqrt(x)', /Not real: sqrt\(-10\) is not real at x = -10/, 'sqrt(x)');
    rejects('x ^ (1/3)', /Not real.*use cbrt/, 'x ^ (1/3)');
    rejects('log(x) + 1', /Not real: log\(-10\)/, 'log(x)');
    rejects('asin(x)', /Not real/, 'asin(x)');
  });
  it('bad parameter rows name the row', () => {
    for (const [params, re] of [
      [{ x: 1 }, /'x' is the input/], [{ exp: 1 }, /already a constant or function/], [{ __proto__x: 1 }, /reserved/],
      [{ 'a b': 1 }, /not a parameter name/], [{ a: NaN }, /finite number/], [{ a: Infinity }, /finite number/],
      [JSON.parse('{"__proto__": 1}') as Record<string, number>, /reserved/], [{ constructor: 2 }, /reserved/],
    ] as [Record<string, number>, RegExp][]) {
      const r = compileUserActivation('x', params);
      assert.equal(r.ok, false, JSON.stringify(params));
      if (!r.ok) { assert.match(r.error.message, re); assert.ok(r.error.param !== undefined); }
    }
  });
  it('very long input (100k characters) and deep nesting: an error, quickly', () => {
    const t0 = Date.now();
    rejects('x+'.repeat(50_000) + 'x', /limit is 2000/);
    rejects('('.repeat(990) + 'x' + ')'.repeat(990), /./);
    // Shapes that made mathjs' simplify/toTex exponential (now tidy.ts and latex.ts): a hang guard, not a timing target.
    for (const src of [Array(40).fill('x').join(' + '), 'tanh('.repeat(30) + 'x' + ')'.repeat(30),
      'sin(x)*cos(x)*tan(x/9)*sinh(x/9)*cosh(x/9)*tanh(x)*exp(x/9)*log(2+x^2)*sqrt(1+x^2)*atan(x)*asinh(x)']) {
      assert.equal(compileUserActivation(src).ok, true, src.slice(0, 40));
    }
    assert.ok(Date.now() - t0 < 10_000);
    assert.equal(compileUserActivation('x' + '+x'.repeat(400)).ok, true);
  });
  it('unicode: Greek parameter names work, emoji and odd spaces are errors', () => {
    const r = compileUserActivation('α * x', { α: 0.5 });
    assert.ok(r.ok && r.def.f(2, {}) === 1);
    rejects('x * 😀', /./);
    rejects('x\u0000', /./);
  });
});

describe('nothing outside math is reachable', () => {
  it('classic mathjs escapes neither compile nor run anything', () => {
    const g = globalThis as { pwned?: boolean };
    g.pwned = false;
    const attacks = [
      'constructor.constructor("globalThis.pwned = true")()', 'cos.constructor("globalThis.pwned = true")()',
      '[].map.constructor("globalThis.pwned = true")()', 'parse("1").compile().evaluate()', 'import({pwned: 1}, {override: true})',
      'f = parse; f("x")', 'evaluate("globalThis.pwned = true")', 'x.__proto__.constructor', '"".constructor.fromCharCode(65)',
      'createUnit("pwn")', 'reviver("x")', 'sigmoid["constructor"]', 'exp.apply(1, [x])', 'e.valueOf()', 'pi.toString',
      'x; globalThis', 'simplify("x")', 'derivative("x", "x")', 'config({number: "BigNumber"})',
    ];
    for (const src of attacks) {
      const r = compileUserActivation(src);
      assert.equal(r.ok, false, src);
    }
    assert.equal(g.pwned, false);
    delete g.pwned;
  });
  it('parameter values cannot smuggle objects or names in', () => {
    const r = compileUserActivation('a * x', { a: { valueOf: () => 2 } as unknown as number });
    assert.equal(r.ok, false);
  });
});

describe('non-finite markers instead of crashes', () => {
  const ok = (src: string) => {
    const r = compileUserActivation(src);
    if (!r.ok) assert.fail(`${src}: ${r.error.message}`);
    return r.def;
  };
  it('exp(1000 * x): overflow to +Infinity, located at exp', () => {
    const def = ok('exp(1000 * x)');
    assert.equal(def.f(1, {}), Infinity);
    assert.equal(def.f(-1, {}), 0);
    const o = def.diagnose(1);
    assert.equal(o?.kind, 'overflow');
    assert.equal(def.expression.slice(o.start, o.end), 'exp(1000 * x)');
    assert.equal(def.diagnose(-1), undefined);
  });
  it('log(1 + exp(x)) overflows at large x (reported at exp), softplus(x) does not', () => {
    const def = ok('log(1 + exp(x))');
    assert.equal(def.f(1000, {}), Infinity);
    const o = def.diagnose(1000)!;
    assert.equal(o.kind, 'overflow');
    assert.equal(def.expression.slice(o.start, o.end), 'exp(x)');
    assert.equal(ok('softplus(x)').f(1000, {}), 1000);
  });
  it('1 / x at 0: a pole (IEEE +Infinity for +0), not a crash', () => {
    const def = ok('1 / x');
    assert.equal(def.f(0, {}), Infinity);
    assert.equal(def.f(-0, {}), -Infinity);
    assert.equal(def.diagnose(0)?.kind, 'pole');
    assert.match(def.diagnose(0)!.message, /division by zero at x = 0/);
    assert.equal(def.f(2, {}), 0.5);
  });
  it('0/0-like values are NaN marked undefined; the other branch of ?: is never evaluated', () => {
    assert.equal(ok('x / x').diagnose(0)?.kind, 'undefined');
    assert.ok(Number.isNaN(ok('x / x').f(0, {})));
    const elu = compileUserActivation('x > 0 ? x : a * (exp(x) - 1)', { a: 0.5 });
    assert.ok(elu.ok && elu.def.f(1e6, {}) === 1e6 && elu.def.diagnose(1e6) === undefined);
  });
  it('inputs that are themselves not finite do not throw', () => {
    const def = ok('x * sigmoid(x)');
    assert.ok(Number.isNaN(def.f(NaN, {})));
    assert.equal(def.f(Infinity, {}), Infinity);
    assert.doesNotThrow(() => def.diagnose(NaN));
  });
});
