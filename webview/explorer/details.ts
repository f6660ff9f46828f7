/**
 * One card per plotted activation: f and f' in KaTeX, the kink convention, the seed
 * correction, library conventions (PyTorch / Keras / TensorFlow.js), pros and cons, source.
 */
import type { ActivationDef } from '../../src/core/activations/types';
import { renderMath } from '../shared/math';
import { h } from '../shared/dom';

function formula(label: string, tex: string): HTMLElement {
  const box = h('div', { class: 'formula', role: 'math', 'aria-label': `${label}: ${tex}` });
  renderMath(box, tex);
  return box;
}

function conventions(def: ActivationDef): HTMLElement | undefined {
  if (!def.conventions.length) return undefined;
  return h('table', { class: 'conventions' },
    h('caption', { class: 'muted' }, 'Library conventions'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Library'), h('th', { scope: 'col' }, 'API'), h('th', { scope: 'col' }, 'Defaults and differences'))),
    h('tbody', {}, ...def.conventions.map((c) => h('tr', {}, h('th', { scope: 'row' }, c.library), h('td', {}, h('code', {}, c.api)), h('td', {}, c.note)))));
}

function list(title: string, items: readonly string[], cls: string): HTMLElement | undefined {
  if (!items.length) return undefined;
  return h('div', { class: cls }, h('h4', {}, title), h('ul', {}, ...items.map((t) => h('li', {}, t))));
}

function card(def: ActivationDef, jumpNote: string | undefined): HTMLElement {
  const kink = def.kinkNote ?? jumpNote;
  return h('section', { class: 'card detail', id: `detail-${def.id}`, 'aria-label': def.name },
    h('h3', {}, def.name, ' ', h('code', { class: 'muted' }, def.id), ...def.aliases.map((a) => h('code', { class: 'muted alias' }, a))),
    h('div', { class: 'formulas' }, formula('f', def.latex.f), formula("f'", def.latex.df)),
    kink && h('p', { class: 'note kink' }, h('strong', {}, 'Kink: '), kink),
    def.seedCorrection && h('p', { class: 'note seed' }, h('strong', {}, 'Seed article: '), def.seedCorrection),
    conventions(def),
    h('div', { class: 'proscons' }, list('Pros', def.pros, 'pros'), list('Cons', def.cons, 'cons')),
    h('p', { class: 'muted small source' }, h('strong', {}, 'Source: '), def.source));
}

/**
 * Renders the cards for `defs` into `root` (replacing its content). `jumpNotes` gives a
 * note for definitions without `kinkNote` whose derivative was found to jump (custom ones).
 */
export function renderDetails(root: HTMLElement, defs: readonly ActivationDef[], jumpNotes: ReadonlyMap<string, string> = new Map()): void {
  root.replaceChildren(...defs.map((d) => card(d, jumpNotes.get(d.id))));
}
