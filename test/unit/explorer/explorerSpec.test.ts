import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildExplorerSpec, curveNames, DF_DASH, DF_LABEL, explorerSpecShape, DEFAULT_SIMPLIFY, F_DASH, F_LABEL } from '../../../src/core/charts/explorerSpec';
import { getActivation, resolveParams } from '../../../src/core/activations/catalogue';
import type { ActivationDef } from '../../../src/core/activations/types';

function curve(id: string, params: Record<string, number> = {}) {
  const def = getActivation(id)!;
  return { def, params: resolveParams(def, params) };
}
type Layer = { data: { name: string }; mark: { type: string } | string; encoding: Record<string, any>; transform?: unknown[] };
const layers = (spec: unknown) => (spec as { layer: Layer[] }).layer;
const opts = { range: { min: -6, max: 6 }, samples: 1001 };

test('datasets: straight runs collapse to their ends, corners and jumps are kept exactly', () => {
  const { data, spec } = buildExplorerSpec([curve('relu')], opts);
  // Marker vertices (m) are exact samples added on top; the rest are the simplified line.
  const pts = (series: string) => data.rows.filter((r) => r.series === series && !r.m).map((r) => [r.seg, r.x, r.y]);
  assert.deepEqual(pts(F_LABEL), [['0|f(x)|0', -6, 0], ['0|f(x)|0', 0, 0], ['0|f(x)|0', 6, 6]]);
  assert.deepEqual(pts(DF_LABEL), [['0|f′(x)|0', -6, 0], ['0|f′(x)|0', 0, 0], ['0|f′(x)|1', 0, 1], ['0|f′(x)|1', 6, 1]]);
  assert.deepEqual(data.kinks, [{ name: 'ReLU', series: DF_LABEL, x: 0, y: 0, left: 0, right: 1 }]);
  const ds = (spec as { datasets: Record<string, unknown[]> }).datasets;
  assert.deepEqual(Object.keys(ds).sort(), ['cursor', 'kinks', 'rows']);
  assert.equal(ds.rows?.length, data.rows.length);
});

test('simplify: 0 keeps every sample (n grid points + kink points per series)', () => {
  const { data } = buildExplorerSpec([curve('relu'), curve('sigmoid')], { ...opts, simplify: 0 });
  const count = (name: string, series: string) => data.rows.filter((r) => r.name === name && r.series === series).length;
  assert.equal(count('ReLU', F_LABEL), 1001);
  assert.equal(count('ReLU', DF_LABEL), 1002, "left and right limit at the jump of f' at 0");
  assert.equal(count('Sigmoid', F_LABEL), 1001);
  assert.equal(count('Sigmoid', DF_LABEL), 1001);
});

test('simplified smooth curves stay within the tolerance of every sample', () => {
  const full = buildExplorerSpec([curve('gelu'), curve('sigmoid')], { ...opts, simplify: 0 }).data.rows;
  const slim = buildExplorerSpec([curve('gelu'), curve('sigmoid')], opts).data.rows;
  assert.ok(slim.length < full.length / 4, `${slim.length} of ${full.length} vertices kept`);
  const ys = full.map((r) => r.y);
  const ySpan = Math.max(...ys) - Math.min(...ys);
  for (const seg of new Set(full.map((r) => r.seg))) {
    const a = full.filter((r) => r.seg === seg);
    const b = slim.filter((r) => r.seg === seg);
    for (const p of a) {
      const k = b.findIndex((q) => q.x >= p.x);
      const q0 = b[Math.max(0, k - 1)]!;
      const q1 = b[k]!;
      // Perpendicular distance to the kept segment, x scaled by 1/12 (range) and y by 1/ySpan.
      const [dx, dy] = [(q1.x - q0.x) / 12, (q1.y - q0.y) / ySpan];
      const d = Math.abs(((p.x - q0.x) / 12) * dy - ((p.y - q0.y) / ySpan) * dx) / (Math.hypot(dx, dy) || 1);
      assert.ok(d <= DEFAULT_SIMPLIFY + 1e-12, `${seg} at ${p.x}: off by ${d}`);
    }
  }
});

test("rows hold the exact values: sigmoid(0) = 1/2 and sigmoid'(0) = 1/4 are vertices", () => {
  const { data } = buildExplorerSpec([curve('sigmoid')], { ...opts, simplify: 0 });
  assert.equal(data.rows.find((r) => r.series === F_LABEL && r.x === 0)!.y, 0.5);
  assert.equal(data.rows.find((r) => r.series === DF_LABEL && r.x === 0)!.y, 0.25);
});

test('spec: f solid and f\' dashed, colour and marker shape per activation, tooltip rule', () => {
  const { spec } = buildExplorerSpec([curve('relu'), curve('leaky_relu')], opts);
  const [line, markers, kinks, cursor] = layers(spec) as [Layer, Layer, Layer, Layer];
  assert.equal(layers(spec).length, 4);
  assert.deepEqual(line.encoding.strokeDash.scale, { domain: [F_LABEL, DF_LABEL], range: [F_DASH, DF_DASH] });
  assert.notDeepEqual(F_DASH, DF_DASH);
  assert.deepEqual(line.encoding.color.scale.domain, ['ReLU', 'Leaky ReLU']);
  assert.equal(line.encoding.detail.field, 'seg');
  assert.deepEqual(markers.encoding.shape.scale.range, ['circle', 'square']);
  assert.equal(kinks.data.name, 'kinks');
  assert.equal(cursor.data.name, 'cursor');
  assert.equal(markers.encoding.tooltip.length, 4);
  assert.deepEqual(line.encoding.x.scale.domain, [-6, 6]);
  assert.deepEqual(JSON.parse(JSON.stringify(spec)), spec, 'plain JSON (no functions, no NaN)');
});

test('y-range: fixed domain when both bounds are given, fitted otherwise', () => {
  const fixed = layers(explorerSpecShape(['ReLU'], { ...opts, yMin: -1, yMax: 2 }))[0]!;
  assert.deepEqual(fixed.encoding.y.scale, { domain: [-1, 2], nice: false, zero: false });
  const auto = layers(explorerSpecShape(['ReLU'], opts))[0]!;
  assert.deepEqual(auto.encoding.y.scale, { zero: false });
});

test('the spec shape does not depend on parameter values (slider moves only swap data)', () => {
  const a = buildExplorerSpec([curve('leaky_relu', { alpha: 0.1 })], opts);
  const b = buildExplorerSpec([curve('leaky_relu', { alpha: 0.5 })], opts);
  const strip = (s: object) => JSON.stringify({ ...s, datasets: undefined });
  assert.equal(strip(a.spec), strip(b.spec));
  assert.notDeepEqual(a.data.rows, b.data.rows);
  const neg = (d: typeof a.data) => d.rows.find((r) => r.series === F_LABEL && r.x === -6)!.y; // an end: never simplified away
  assert.equal(neg(a.data), -0.6000000000000001); // -6 * 0.1 in IEEE-754 double
  assert.equal(neg(b.data), -3);
});

test('markers: about 8 per curve and series, offset between activations', () => {
  const { data } = buildExplorerSpec([curve('relu'), curve('tanh')], opts);
  const xs = (name: string) => data.rows.filter((r) => r.m && r.name === name && r.series === F_LABEL).map((r) => r.x);
  assert.ok(xs('ReLU').length >= 7 && xs('ReLU').length <= 9);
  assert.ok(xs('ReLU').every((x) => !xs('Tanh').includes(x)));
});

test('curve names are unique even if a custom definition reuses a name', () => {
  const relu = getActivation('relu')!;
  const custom: ActivationDef = { ...relu, id: 'custom:relu' };
  assert.deepEqual(curveNames([{ def: relu, params: {} }, { def: custom, params: {} }]), ['ReLU', 'ReLU (custom:relu)']);
});
