/**
 * The grouped checkbox list of catalogue activations. Groups follow the families the seed
 * article discusses; an id missing from the table lands in "Other", so new catalogue
 * entries always appear.
 */
import { CATALOGUE } from '../../src/core/activations/catalogue';
import { h } from '../shared/dom';

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

/**
 * The "Saved custom" group (setting `activationLab.customActivations`) appended to `root`,
 * hidden while there are none. Saved customs whose expression does not compile are listed
 * disabled with the compile error as their title.
 * @returns `render(entries, selected)`, to call again when the setting changes.
 */
export function mountSavedList(
  root: HTMLElement,
  onToggle: (name: string, checked: boolean) => void,
): (entries: ReadonlyArray<{ name: string; expression: string; error?: string }>, selected: readonly string[]) => void {
  const list = h('ul', { class: 'checklist', role: 'list' });
  const group = h('fieldset', { class: 'group saved-customs' }, h('legend', {}, 'Saved custom'), list);
  root.append(group);
  return (entries, selected) => {
    group.hidden = entries.length === 0;
    list.replaceChildren(...entries.map((e) => {
      const box = h('input', { type: 'checkbox', id: `saved-${e.name}`, 'data-id': e.name });
      box.checked = !e.error && selected.includes(e.name);
      box.disabled = !!e.error;
      box.addEventListener('change', () => onToggle(e.name, box.checked));
      const title = e.error ? `Does not compile: ${e.error}` : e.expression;
      return h('li', {}, box, h('label', { for: box.id, title }, e.name, e.error ? ' (invalid)' : ''));
    }));
  };
}
