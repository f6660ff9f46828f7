/**
 * Clipping before/after: the raw gradients next to all three clipping methods at the same
 * threshold c, with the global norm and the cosine to the raw direction for each, so the
 * trap between per-layer norm (Keras clipnorm) and global norm (global_clipnorm) is seen.
 */
import { clipGradients, type ClipMethod, type ClipResult, type LayerGrads } from '../../src/core/gradient/clipping';
import { pickLayers } from '../../src/core/charts/gradientSpecs';
import { h } from '../shared/dom';
import { num } from './dom';

const METHODS: ReadonlyArray<{ m: Exclude<ClipMethod, 'none'>; title: string; lib: string }> = [
  { m: 'value', title: 'By value', lib: 'clipvalue' },
  { m: 'globalNorm', title: 'Global norm', lib: 'global_clipnorm' },
  { m: 'layerNorm', title: 'Per-layer norm', lib: 'clipnorm' },
];

function degrees(cos: number): string {
  return `${((Math.acos(Math.max(-1, Math.min(1, cos))) * 180) / Math.PI).toFixed(1)}°`;
}

function trapText(raw: LayerGrads, g: ClipResult, l: ClipResult, c: number): string {
  if (g.changed === 0 && l.changed === 0) return `At c = ${c} neither norm method changes anything: every norm is already ≤ c.`;
  const ratios = raw.dw.map((_, j) => (l.layerNormsBefore[j]! > 0 ? l.layerNormsAfter[j]! / l.layerNormsBefore[j]! : 1));
  const lo = Math.min(...ratios);
  const hi = Math.max(...ratios);
  const gs = g.globalNormBefore > 0 ? g.globalNormAfter / g.globalNormBefore : 1;
  return `Global norm multiplies every gradient by the same ${num(gs, 4)}, keeping the direction (angle ${degrees(g.cosine)}). `
    + `Per-layer norm multiplies layers by factors from ${num(lo, 4)} to ${num(hi, 4)}, so small layers gain weight relative to large ones `
    + `and the step turns by ${degrees(l.cosine)}. Keras clipnorm is per variable, PyTorch clip_grad_norm_ is global: porting one as the other changes training.`;
}

/**
 * Draws the comparison into `el`.
 * @param raw the raw dC/dw_j, dC/db_j; `c` the threshold (> 0); `selected` the method in use.
 */
export function renderClipping(el: HTMLElement, raw: LayerGrads, c: number, selected: ClipMethod): void {
  const results = METHODS.map((x) => clipGradients(raw, { method: x.m, threshold: c }));
  const layers = pickLayers(raw.dw.length, 12);
  const head = h('tr', {}, h('th', { scope: 'col' }, 'j'), h('th', { scope: 'col' }, 'raw ∂C/∂w, ∂C/∂b'),
    ...METHODS.map((x) => h('th', { scope: 'col', class: x.m === selected ? 'selected' : undefined }, `${x.title} (Keras ${x.lib}=${c})${x.m === selected ? ' ✓ in use' : ''}`)));
  const pair = (w: number, b: number) => `${num(w, 4)}, ${num(b, 4)}`;
  const rows = layers.map((j) => h('tr', {}, h('th', { scope: 'row' }, String(j + 1)), h('td', { class: 'num' }, pair(raw.dw[j]!, raw.db[j]!)),
    ...results.map((r, i) => h('td', { class: `num${METHODS[i]!.m === selected ? ' selected' : ''}` }, pair(r.dw[j]!, r.db[j]!)))));
  const foot = [
    h('tr', {}, h('th', { scope: 'row' }, '‖g‖'), h('td', { class: 'num' }, num(results[0]!.globalNormBefore, 4)), ...results.map((r) => h('td', { class: 'num' }, num(r.globalNormAfter, 4)))),
    h('tr', {}, h('th', { scope: 'row' }, 'angle to raw'), h('td', { class: 'num' }, '0°'), ...results.map((r) => h('td', { class: 'num' }, degrees(r.cosine)))),
  ];
  const omitted = raw.dw.length > layers.length ? h('p', { class: 'muted small' }, `Showing ${layers.length} of ${raw.dw.length} layers; norms and angles use all of them.`) : null;
  el.replaceChildren(
    h('table', { class: 'clip' }, h('thead', {}, head), h('tbody', {}, ...rows), h('tfoot', {}, ...foot)),
    omitted ?? '',
    h('p', { class: 'trap' }, trapText(raw, results[1]!, results[2]!, c)),
    h('p', { class: 'muted small' }, 'Semantics from keras/optimizers/base_optimizer.py: clipvalue clips each component; global_clipnorm scales all by c·min(1/‖g‖, 1/c); clipnorm scales each variable by c/max(‖g_v‖, c). Keras clipnorm takes one norm per variable (kernel, bias); here a layer\'s (w_j, b_j) is grouped as one, the analogue of a Dense kernel. With scalar variables, clipnorm would equal clipvalue.'),
  );
}
