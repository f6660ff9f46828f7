/** N gradient-descent steps: cost and parameters over steps, and the stop message. */
import { runDescent } from '../../src/core/gradient/descent';
import type { ParsedChain } from '../../src/core/gradient/input';
import { pickLayers, stepsSpec } from '../../src/core/charts/gradientSpecs';
import type { ChartBox } from './chartBox';
import { h } from '../shared/dom';
import { num } from './dom';

/** Runs the steps of `p` (when it asks for any) and draws them; clears the area otherwise. */
export function renderSteps(note: HTMLElement, chart: ChartBox, p: ParsedChain): void {
  if (p.steps === undefined) {
    note.replaceChildren(h('p', { class: 'muted' }, 'Enter a number of steps N to run gradient descent.'));
    chart.root.hidden = true;
    return;
  }
  const r = runDescent(p.spec, p.eta, p.clip, p.steps);
  chart.root.hidden = false;
  const first = r.cost[0];
  const last = r.cost.at(-1);
  const summary = first !== undefined && last !== undefined ? `Cost ${num(first)} → ${num(last)} after ${r.completed} step${r.completed === 1 ? '' : 's'} (η = ${p.eta}, ${p.clip.method === 'none' ? 'no clipping' : `clipping ${p.clip.method} c = ${p.clip.threshold}`}).` : '';
  note.replaceChildren(
    ...(r.stopped ? [h('p', { class: 'stop-message', role: 'alert' }, `⚠ ${r.stopped}`)] : []),
    h('p', { class: 'muted' }, summary),
  );
  const L = p.spec.weights.length;
  if (L > 8) note.append(h('p', { class: 'muted small' }, `Parameters drawn for layers ${pickLayers(L).map((j) => j + 1).join(', ')} (8 of ${L}); the cost uses all.`));
  const width = Math.max(180, Math.min(300, ((note.clientWidth || 900) - 240) / 3));
  if (r.cost.length > 0) chart.show(stepsSpec(r, width, 200));
}
