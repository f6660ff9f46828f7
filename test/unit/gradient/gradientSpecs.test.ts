import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backprop } from '../../../src/core/gradient/chain';
import { depthSweep } from '../../../src/core/gradient/depthSweep';
import { runDescent } from '../../../src/core/gradient/descent';
import { judgeChain } from '../../../src/core/gradient/verdict';
import { depthSweepSpec, magnitudeRows, magnitudeSpec, pickLayers, stepsSpec } from '../../../src/core/charts/gradientSpecs';
import { act, chain } from './helpers';

const dead = chain(Array(5).fill('relu'), [0.8, 1.2, -1, 0.9, 1.1], Array(5).fill(0.1), 1, 2);

test('zero gradients are kept on a floor one decade below the smallest and flagged', () => {
  const g = backprop(dead);
  const { rows, floor } = magnitudeRows(g, judgeChain(g, dead.activations));
  assert.equal(rows.length, 5);
  assert.deepEqual(rows.map((r) => r.zero), [true, true, true, false, false]);
  // smallest nonzero |dC/db| is 3.58 (log10 0.55) -> floor = floor(0.55) - 1 = -1
  assert.equal(floor, -1);
  assert.ok(rows.filter((r) => r.zero).every((r) => r.log10 === floor && r.verdict === 'dead'));
});

test('magnitude chart: log values beyond float64 range stay finite (1000-layer chain)', () => {
  const L = 1000;
  const s = chain(Array(L).fill('sigmoid'), Array(L).fill(100), [-100, ...Array(L - 1).fill(-50)], 1, 0);
  const g = backprop(s);
  const { rows } = magnitudeRows(g, judgeChain(g, s.activations));
  assert.ok(rows.every((r) => Number.isFinite(r.log10) && !r.zero));
  assert.ok(rows[0]!.log10 > 1395);
});

/** Compiles with vega-lite; any warning or error fails (a bad encoding only warns). */
async function compileStrict(spec: unknown): Promise<void> {
  // Dynamic import: vega-lite is ESM-only (a static import would be transpiled to require).
  const { compile } = await import('vega-lite');
  const warnings: string[] = [];
  const logger = { level: () => logger, error: (...m: unknown[]) => { throw new Error(m.join(' ')); }, warn: (...m: unknown[]) => { warnings.push(m.join(' ')); return logger; }, info: () => logger, debug: () => logger } as never;
  compile(spec as never, { logger });
  assert.deepEqual(warnings, []);
}

test('every spec compiles with vega-lite without warnings', async () => {
  const g = backprop(dead);
  const v = judgeChain(g, dead.activations);
  await compileStrict(magnitudeSpec(g, v));
  await compileStrict(magnitudeSpec(g, v, 400, 200, { healthy: '#00f', vanishing: '#f80', exploding: '#808', dead: '#f00' }));
  await compileStrict(stepsSpec(runDescent(dead, 0.1, { method: 'none', threshold: 1 }, 5)));
  await compileStrict(depthSweepSpec(depthSweep({ width: 4, depth: 3, batch: 2, init: 'lecun_normal', seed: 1, activations: [act('relu'), act('selu')] })));
});

test('pickLayers keeps first and last and at most max', () => {
  assert.deepEqual(pickLayers(5), [0, 1, 2, 3, 4]);
  const p = pickLayers(1000, 8);
  assert.equal(p.length, 8);
  assert.equal(p[0], 0);
  assert.equal(p.at(-1), 999);
});
