/**
 * The grouped checkbox list of catalogue activations. Groups follow the families the seed
 * article discusses; an id missing from the table lands in "Other", so new catalogue
 * entries always appear.
 */
import { CATALOGUE } from '../../src/core/activations/catalogue';
import { h } from './dom';

const GROUPS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['S-shaped (saturating)', ['sigmoid', 'tanh', 'hard_sigmoid', 'softsign']],
  ['ReLU family', ['relu', 'leaky_relu', 'relu6', 'elu', 'selu', 'celu']],
  ['Smooth and gated', ['gelu', 'gelu_tanh', 'swish', 'mish', 'hard_swish', 'softplus']],
  ['Other', ['linear', 'exponential']],
];

/** Catalogue entries by group title, in display order; unknown ids go to "Other". */
function grouped(): Array<[string, typeof CATALOGUE[number][]]> {
  const known = new Set(GROUPS.flatMap(([, ids]) => ids));
  return GROUPS.map(([title, ids]) => {
    const defs = ids.map((id) => CATALOGUE.find((d) => d.id === id)).filter((d) => d !== undefined);
    if (title === 'Other') defs.push(...CATALOGUE.filter((d) => !known.has(d.id)));
    return [title, defs] as [string, typeof CATALOGUE[number][]];
  }).filter(([, defs]) => defs.length > 0);
}

/**
 * Builds the list into `root`; `onToggle(id, checked)` fires on user clicks.
 * @returns a function that syncs the check marks to a selection made elsewhere.
 */
export function mountActivationList(
  root: HTMLElement,
  selected: readonly string[],
  onToggle: (id: string, checked: boolean) => void,
): (selected: readonly string[]) => void {
  const boxes = new Map<string, HTMLInputElement>();
  for (const [title, defs] of grouped()) {
    const list = h('ul', { class: 'checklist', role: 'list' });
    for (const def of defs) {
      const box = h('input', { type: 'checkbox', id: `act-${def.id}`, 'data-id': def.id });
      box.checked = selected.includes(def.id);
      box.addEventListener('change', () => onToggle(def.id, box.checked));
      boxes.set(def.id, box);
      list.append(h('li', {}, box, h('label', { for: box.id, title: def.text.f }, def.name)));
    }
    root.append(h('fieldset', { class: 'group' }, h('legend', {}, title), list));
  }
  return (sel) => { for (const [id, box] of boxes) box.checked = sel.includes(id); };
}
