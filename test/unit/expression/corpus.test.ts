/**
 * Real activations typed as expressions, against mpmath reference values
 * (test/reference/expressionReference.py -> .json), f' against finite differences, and the
 * symbolic f' (mathjs) against forward-mode AD.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { compileUserActivation, type UserActivationDef } from '../../../src/core/expression/compile';

interface RefPoint { x: number; f: string; df: string }
interface RefEntry { name: string; expression: string; params: Record<string, number>; points: RefPoint[] }
const REF = JSON.parse(readFileSync(new URL('../../reference/expressionReference.json', import.meta.url), 'utf8')) as { corpus: RefEntry[] };

function compiled(src: string, params: Record<string, number> = {}): UserActivationDef {
  const r = compileUserActivation(src, params);
  if (!r.ok) assert.fail(`${src}: ${r.error.message}`);
  return r.def;
}

/**
 * The expression is evaluated as typed, in doubles; the reference is exact. Relative 1e-13
 * plus absolute 2e-15 covers rounding in a formula that cancels as written (1 + erf(x/sqrt 2)
 * near x = -8 loses everything but its absolute accuracy, ~1e-16).
 */
function close(actual: number, expected: number, what: string): void {
  const tol = 1e-13 * Math.abs(expected) + 2e-15;
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: got ${actual}, want ${expected} (diff ${actual - expected})`);
}

describe('expression corpus vs mpmath', () => {
  assert.ok(REF.corpus.length >= 8);
  for (const entry of REF.corpus) {
    it(`${entry.name}: ${entry.expression}`, () => {
      const def = compiled(entry.expression, entry.params);
      for (const p of entry.points) {
        close(def.f(p.x, {}), Number(p.f), `f(${p.x})`);
        close(def.df(p.x, {}), Number(p.df), `f'(${p.x})`);
      }
    });
  }
});

const FD_CASES: [string, Record<string, number>][] = [
  ['x * sigmoid(1.702 * x)', {}],
  ['max(0, x) + 0.1 * min(0, x)', {}],
  ['x * tanh(log(1 + exp(x)))', {}],
  ['x > 0 ? x : a * (exp(x) - 1)', { a: 0.5 }],
  ['relu(x) - 0.5 * gelu(x)', {}],
  ['abs(x) ^ 1.5 + sin(3 * x) / (1 + x^2)', {}],
  ['x ^ a + log(1 + x^2, 2) + atan(x) * cosh(x / 4)', { a: 2 }],
  ['leaky_relu(x, b) + expm1(x / 5) - log1p(x^2)', { b: 0.3 }],
  ['x < -1 ? -1 : (x <= 1 ? x : 1) ', {}],
  ['erf(x) * sqrt(1 + x^2) + cbrt(x) + square(x) / 10', {}],
];
const FD_XS = [-4.3, -2.2, -0.7, -0.3, 0.35, 0.8, 1.7, 3.1];

describe("f' by AD vs central finite differences", () => {
  for (const [src, params] of FD_CASES) {
    it(src, () => {
      const def = compiled(src, params);
      for (const x of FD_XS) {
        const h = 1e-6 * Math.max(1, Math.abs(x));
        const fd = (def.f(x + h, {}) - def.f(x - h, {})) / (2 * h);
        const ad = def.df(x, {});
        assert.ok(Math.abs(fd - ad) <= 1e-6 * Math.max(1, Math.abs(ad)), `x=${x}: AD ${ad}, FD ${fd}`);
      }
    });
  }
});

describe("symbolic f' (mathjs derivative) agrees with AD", () => {
  const symbolic: [string, Record<string, number>][] = [
    ['x * sigmoid(1.702 * x)', {}], ['x * tanh(log(1 + exp(x)))', {}], ['x > 0 ? x : a * (exp(x) - 1)', { a: 0.5 }],
    ['x / (1 + exp(-x))', {}], ['0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))', {}],
    ['x ^ a + log(1 + x^2, 2) + atan(x) * cosh(x / 4)', { a: 2 }],
    ['x - 3*x^2 + x*x', {}], ['-x^2/2 + 1/x', {}], ['-(2 * x) * -exp(-x) / (1 - -x^2)', {}],
    ['sqrt(1 + x^2) * cbrt(x^2 + 1) + square(x) - cube(x / 2) + log1p(x^2) - expm1(-x)', {}],
  ];
  for (const [src, params] of symbolic) {
    it(src, () => {
      const def = compiled(src, params);
      assert.equal(def.symbolicDf, true, 'mathjs should differentiate this');
      const d = compiled(def.text.df, params);
      for (const x of FD_XS) close(d.f(x, {}), def.df(x, {}), `f'(${x}) from ${def.text.df}`);
    });
  }
  it('falls back to AD (and says so) where mathjs has no rule (max, erf, catalogue ids) or its f\' is not finite where ours is (abs at 0, cbrt)', () => {
    for (const src of ['max(0, x) + 0.1 * min(0, x)', '0.5 * x * (1 + erf(x / sqrt(2)))', 'relu(x) - 0.5 * gelu(x)', 'abs(x)', 'cbrt(x) * x']) {
      const def = compiled(src);
      assert.equal(def.symbolicDf, false, src);
      assert.match(def.text.df, /automatic differentiation/);
      assert.match(def.latex.df, /\\frac\{d\}\{dx\}/);
    }
  });
});

describe('LaTeX', () => {
  it('every f and f\' of the test expressions typesets in KaTeX without an error', async () => {
    const katex = (await import('katex')).default;
    const all = [...REF.corpus.map((e) => [e.expression, e.params] as const), ...FD_CASES];
    for (const [src, params] of all) {
      const def = compiled(src, params);
      for (const tex of [def.latex.f, def.latex.df]) assert.doesNotThrow(() => katex.renderToString(tex, { throwOnError: true }), tex);
    }
  });
  it('names mathjs has no LaTeX for become \\operatorname, with _ escaped', () => {
    assert.match(compiled('leaky_relu(x, 0.2) + erf(x)').latex.f, /\\operatorname\{leaky\\_relu\}.*\\operatorname\{erf\}/);
    assert.equal(compiled('abs(x) + sqrt(x^2 + 1)').latex.f, 'f(x) = \\left| x\\right|+\\sqrt{{ x}^{2}+1}');
  });
});

describe('kink conventions and catalogue ids as functions', () => {
  it("max/min ties take the first argument (TensorFlow.js); ?: takes the branch chosen; |x|' = 0 at 0", () => {
    assert.equal(compiled('max(0, x)').df(0, {}), 0);
    assert.equal(compiled('max(x, 0)').df(0, {}), 1);
    assert.equal(compiled('x > 0 ? x : a * (exp(x) - 1)', { a: 0.5 }).df(0, {}), 0.5);
    assert.equal(compiled('abs(x)').df(0, {}), 0);
    assert.ok(compiled('abs(x)').kinkNote);
  });
  it('relu(x) - 0.5 * gelu(x) uses the catalogue f and df', () => {
    const def = compiled('relu(x) - 0.5 * gelu(x)');
    // gelu(1) = Phi(1) = 0.8413447460685429 (mpmath ncdf(1)); gelu'(1) = Phi(1) + phi(1) = 1.0833154705876864.
    close(def.f(1, {}), 1 - 0.5 * 0.8413447460685429, 'f(1)');
    close(def.df(1, {}), 1 - 0.5 * 1.0833154705876864, "f'(1)");
    close(def.df(-2, {}), -0.5 * -0.0852318010781969, "f'(-2)"); // Phi(-2) - 2 phi(-2), mpmath
  });
  it('parameters: defaults from the rows, overridable per call', () => {
    const def = compiled('x > 0 ? x : a * (exp(x) - 1)', { a: 0.5 });
    assert.deepEqual(def.params.map((p) => [p.name, p.default]), [['a', 0.5]]);
    close(def.f(-1, { a: 2 }), 2 * (Math.exp(-1) - 1), 'f(-1; a=2)');
    close(def.f(-1, {}), 0.5 * (Math.exp(-1) - 1), 'f(-1)');
  });
  it('canDie: ReLU-like expressions are flagged, leaky ones are not', () => {
    assert.equal(compiled('max(0, x)').canDie, true);
    assert.equal(compiled('max(0, x) + 0.1 * min(0, x)').canDie, false);
  });
});
