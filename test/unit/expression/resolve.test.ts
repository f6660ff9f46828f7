/**
 * Name/expression resolution (resolve.ts), the saved-customs setting validator, parameter
 * inference, and the CLI's `eval` fallback to expressions (src/cli/listEval.ts).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { customNameProblem, describeExpressionError, lookupWithCustoms, parseSavedCustoms, resolveActivation } from '../../../src/core/expression/resolve';
import { inferParams } from '../../../src/core/expression/inferParams';
import { resolveEvalTarget } from '../../../src/cli/listEval';
import { UsageError } from '../../../src/cli/args';

const SAVED = [{ name: 'my_elu', expression: 'x > 0 ? x : a * (exp(x) - 1)', params: { a: 0.5 } }];

describe('resolveActivation', () => {
  it('catalogue id first, then saved name, then expression', () => {
    const cat = resolveActivation('silu', SAVED);
    assert.ok(cat.ok && cat.kind === 'catalogue' && cat.def.id === 'swish');
    const saved = resolveActivation('my_elu', SAVED);
    assert.ok(saved.ok && saved.kind === 'saved' && saved.def.id === 'my_elu');
    // ELU(-1; a = 0.5) = 0.5 (e^-1 - 1) = -0.31606027941427883 (mpmath).
    assert.equal(saved.def.f(-1, {}), -0.31606027941427883);
    const expr = resolveActivation('b * x', SAVED, { b: 3 });
    assert.ok(expr.ok && expr.kind === 'expression' && expr.def.f(2, {}) === 6);
  });
  it('errors carry a position and never throw', () => {
    const r = resolveActivation('x +', SAVED);
    assert.ok(!r.ok && r.error.start === 3);
    assert.doesNotThrow(() => resolveActivation(undefined as unknown as string));
  });
});

describe('lookupWithCustoms', () => {
  it('catalogue ids and aliases first, then saved names', () => {
    const lookup = lookupWithCustoms([...SAVED, { name: 'broken', expression: 'x +', params: {} }]);
    assert.equal(lookup('silu')?.id, 'swish');
    assert.equal(lookup('my_elu')?.id, 'my_elu');
    assert.equal(lookup('broken'), undefined);
    assert.equal(lookup('constructor'), undefined);
    assert.equal(lookup('__proto__'), undefined);
  });
});

describe('saved customs setting', () => {
  it('keeps valid entries, explains the rest', () => {
    const { customs, problems } = parseSavedCustoms([
      ...SAVED, { name: 'relu', expression: 'x' }, { name: 'bad name', expression: 'x' }, { name: 'my_elu', expression: 'x' },
      { name: 'broken', expression: 'x +' }, { name: 'noexpr' }, 42, { name: 'p', expression: 'x', params: [1] },
    ]);
    assert.deepEqual(customs.map((c) => c.name), ['my_elu']);
    assert.equal(problems.length, 7);
    assert.match(problems.join('\n'), /already a catalogue activation[\s\S]*letters, digits[\s\S]*duplicate[\s\S]*Syntax error/);
    assert.deepEqual(parseSavedCustoms('nope').problems, ['activationLab.customActivations must be an array']);
  });
  it('names: identifiers that are not catalogue ids', () => {
    assert.equal(customNameProblem('my_swish'), undefined);
    assert.match(customNameProblem('GELU') ?? '', /catalogue/);
    assert.match(customNameProblem('__proto__') ?? '', /reserved/);
  });
});

describe('inferParams', () => {
  it('every free name becomes a parameter (value 1 unless known)', () => {
    assert.deepEqual(inferParams('x > 0 ? x : a * (exp(x) - 1)'), { a: 1 });
    assert.deepEqual(inferParams('alpha * x + beta', { beta: 2 }), { alpha: 1, beta: 2 });
    assert.deepEqual(inferParams('constructor * x'), {});
  });
});

describe('CLI eval falls back to expressions', () => {
  it('"x * sigmoid(x)" at -1, 0, 1', () => {
    const t = resolveEvalTarget('x * sigmoid(x)', {});
    // x sigma(x) and sigma(x) (1 + x (1 - sigma(x))) from mpmath: see test/reference/expressionReference.json (swish).
    assert.equal(t.id, 'x * sigmoid(x)');
    assert.equal(t.f(0), 0);
    assert.equal(t.df(0), 0.5);
    assert.ok(Math.abs(t.f(1) - 0.7310585786300049) < 1e-16);
  });
  it('--param sets expression parameters; errors are one-line UsageErrors', () => {
    assert.equal(resolveEvalTarget('x > 0 ? x : a * (exp(x) - 1)', { a: 0.5 }).f(-1), -0.31606027941427883);
    assert.throws(() => resolveEvalTarget('a * x', {}), (e: unknown) => e instanceof UsageError && /--param a=/.test(e.message) && !e.message.includes('\n'));
    assert.throws(() => resolveEvalTarget('relux', {}), /unknown activation 'relux'/);
    assert.throws(() => resolveEvalTarget('constructor', {}), /not available/);
    assert.throws(() => resolveEvalTarget('x +', {}), /column 4: Syntax error/);
  });
  it('describeExpressionError names parameters', () => {
    assert.equal(describeExpressionError('x', { message: 'bad', start: 0, end: 0, param: 'a' }), "parameter 'a': bad");
  });
});
