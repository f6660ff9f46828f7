/**
 * Results for one chain: overall verdict with its thresholds, Nielsen's product for
 * dC/db_1 in KaTeX, the |dC/db_j| chart and the per-layer table.
 */
import { chainProductTex } from '../../src/core/gradient/chainProduct';
import type { StepResult } from '../../src/core/gradient/descent';
import type { ParsedChain } from '../../src/core/gradient/input';
import type { ChainVerdict, LayerVerdict, Verdict } from '../../src/core/gradient/verdict';
import { magnitudeSpec } from '../../src/core/charts/gradientSpecs';
import { renderMath } from '../shared/math';
import { readTheme } from '../shared/theme';
import type { ChartBox } from './chartBox';
import { h } from '../shared/dom';
import { num, pow10 } from './dom';

const VERDICT_TEXT: Record<Verdict, string> = {
  healthy: 'Healthy',
  vanishing: 'Vanishing',
  exploding: 'Exploding',
  dead: 'Dead',
};

const VERDICT_ICON: Record<Verdict, string> = { healthy: '●', vanishing: '▼', exploding: '▲', dead: '✕' };

/** Elements the chain results are drawn into. */
export interface ChainViewEls {
  readonly verdict: HTMLElement;
  readonly product: HTMLElement;
  readonly table: HTMLElement;
  readonly chart: ChartBox;
}

function badge(v: Verdict): HTMLElement {
  return h('span', { class: `badge v-${v}` }, `${VERDICT_ICON[v]} ${VERDICT_TEXT[v]}`);
}

function deadSummary(v: ChainVerdict): string[] {
  return v.deadLayers.map((d) => {
    const silenced = v.layers.flatMap((l, j) => (l.silencedBy === d && !l.isDead ? [j + 1] : []));
    const range = silenced.length === 0 ? 'no layers below it' : silenced.length === 1 ? `layer ${silenced[0]}` : `layers ${silenced[0]}–${silenced.at(-1)}`;
    return `Layer ${d} is dead: f′(z_${d}) = 0 multiplies every gradient below it by 0, silencing ${range}.`;
  });
}

function gainSummary(v: ChainVerdict): string {
  const worst = v.layers.reduce((a, l, j) => (Math.abs(l.log10Gain) > Math.abs(a.lg) && Number.isFinite(l.log10Gain) ? { lg: l.log10Gain, j } : a), { lg: 0, j: -1 });
  if (worst.j < 0 || Math.abs(worst.lg) < 1) return '';
  return `Largest change: layer ${worst.j + 1} receives ${pow10(worst.lg)} × ∂C/∂a_L.`;
}

/** Draws the overall verdict with the thresholds it used and a link to change them. */
function renderVerdict(el: HTMLElement, v: ChainVerdict, onSettings: () => void): void {
  const link = h('a', { href: '#', role: 'button' }, 'Change thresholds');
  link.addEventListener('click', (e) => { e.preventDefault(); onSettings(); });
  const counts = (['vanishing', 'exploding', 'dead', 'healthy'] as const).map((k) => [k, v.layers.filter((l) => l.verdict === k).length] as const).filter(([, n]) => n > 0);
  el.replaceChildren(
    h('div', { class: 'verdict-head' }, h('span', { class: 'muted' }, 'Overall: '), badge(v.overall), h('span', { class: 'muted counts' }, counts.map(([k, n]) => `${n} ${k}`).join(' · '))),
    h('p', { class: 'muted thresholds' },
      `Verdict per layer from the backward gain G_j = |∂C/∂b_j| / |∂C/∂a_L|: vanishing if G_j < ${v.thresholds.vanishingBelow}, exploding if G_j > ${v.thresholds.explodingAbove}; dead if a ReLU-family f′(z_j) = 0. `, link),
    ...deadSummary(v).map((t) => h('p', { class: 'dead-note' }, t)),
    h('p', { class: 'muted' }, gainSummary(v)),
  );
}

function verdictCell(l: LayerVerdict): HTMLElement {
  const td = h('td', {}, badge(l.verdict));
  if (l.silencedBy && !l.isDead) td.append(h('div', { class: 'muted small' }, `silenced by layer ${l.silencedBy}`));
  if (l.isDead) td.append(h('div', { class: 'muted small' }, 'f′(z) = 0'));
  return td;
}

/** The per-layer table of the issue: z, a, f'(z), w f'(z), dC/db, dC/dw, gain, verdict, update. */
function renderTable(el: HTMLElement, step: StepResult, v: ChainVerdict): void {
  const head = ['j', 'z_j', 'a_j', 'f′(z_j)', 'w_j f′(z_j)', '∂C/∂b_j', '∂C/∂w_j', 'gain G_j', 'verdict', 'w_j → w′_j', 'b_j → b′_j'];
  const rows = step.gradients.layers.map((l, j) => {
    const tr = h('tr', { class: `row-${v.layers[j]!.verdict}` },
      h('th', { scope: 'row' }, String(j + 1)),
      ...[l.z, l.a, l.dadz, l.factor, l.dCdb, l.dCdw].map((x) => h('td', { class: 'num' }, num(x))),
      h('td', { class: 'num', title: `log10 G = ${l.log10Gain}` }, pow10(l.log10Gain)),
      verdictCell(v.layers[j]!),
      h('td', { class: 'num' }, `${num(l.w)} → ${num(step.wNext[j]!, 10)}`),
      h('td', { class: 'num' }, `${num(l.b)} → ${num(step.bNext[j]!, 10)}`),
    );
    return tr;
  });
  el.replaceChildren(h('table', { class: 'layers' },
    h('caption', {}, `Per layer (cost C = ${num(step.gradients.cost)}, ∂C/∂a_L = ${num(step.gradients.dCdaL)}; updates use the ${step.clip.changed ? 'clipped' : 'raw'} gradients)`),
    h('thead', {}, h('tr', {}, ...head.map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, ...rows)));
}

/** Draws every chain result for `p` after one step `step` with verdict `v`. */
export function renderChain(els: ChainViewEls, p: ParsedChain, step: StepResult, v: ChainVerdict, onSettings: () => void): void {
  renderVerdict(els.verdict, v, onSettings);
  renderMath(els.product, chainProductTex(step.gradients, p.spec.activations, p.spec.y));
  const width = Math.max(320, Math.min(900, (els.table.clientWidth || 700) - 140));
  const t = readTheme().series;
  els.chart.show(magnitudeSpec(step.gradients, v, width, 240, { healthy: t[0]!, vanishing: t[1]!, exploding: t[3]!, dead: t[4]! }));
  renderTable(els.table, step, v);
}
