/**
 * The value read-out under the chart: f and f' of every plotted curve at the cursor x,
 * computed exactly at that x (not interpolated from the drawn samples).
 */
import { curveNames, type CurveInput } from '../../src/core/charts/explorerSpec';
import { h } from '../shared/dom';

/** Six significant digits, trailing zeros trimmed; non-finite values spelled out. */
function num(v: number): string {
  if (Number.isNaN(v)) return 'undefined';
  if (!Number.isFinite(v)) return v > 0 ? '+\u221e' : '\u2212\u221e';
  return Number(v.toPrecision(6)).toString().replace('-', '\u2212');
}

/** Shows the values at `x` in `el`, or a hint when `x` is undefined (pointer outside). */
export function renderReadout(el: HTMLElement, curves: readonly CurveInput[], x: number | undefined): void {
  if (x === undefined || !curves.length) {
    el.replaceChildren(h('span', { class: 'muted' }, 'Point at the chart (or focus it and use \u2190 \u2192) to read f and f\u2032 at any x.'));
    return;
  }
  const names = curveNames(curves);
  el.replaceChildren(
    h('span', { class: 'readout-x' }, h('var', {}, 'x'), ` = ${num(x)}`),
    ...curves.map(({ def, params }, i) => h('span', { class: 'readout-item' },
      h('strong', {}, names[i]), ' ',
      `f = ${num(def.f(x, params))}, f\u2032 = ${num(def.df(x, params))}`)),
  );
}
