/**
 * What the side view shows for a recognised activation, as a protocol payload. Pure (no
 * vscode): the host adds only the file name and line.
 */
import type { ActivationDef, Params } from '../../core/activations/types';
import type { ActivationMatch } from '../../core/recognise/recognise';
import { miniPlotSpec } from '../../core/charts/miniPlot';
import type { SideActivation } from '../../protocol/sideView';

/**
 * The payload for `side/activation`. The chart spec carries no colours: the webview themes
 * it from the --vscode-* variables.
 * @param where e.g. `model.py:12` (file name and 1-based line).
 * @throws RangeError when the x-range is invalid (settings are sanitised before this).
 */
export function sideActivation(
  m: ActivationMatch, def: ActivationDef, params: Params, notes: readonly string[], where: string,
  range: { xMin: number; xMax: number },
): SideActivation {
  return {
    id: def.id,
    name: def.name,
    ...(m.library ? { library: m.library } : {}),
    api: m.api,
    matched: m.matched,
    where,
    params: { ...params },
    readings: m.readings.map((r) => ({ ...r })),
    latex: { ...def.latex },
    conventions: def.conventions.map((c) => ({ ...c })),
    source: def.source,
    notes: [...m.notes, ...notes],
    spec: miniPlotSpec(def, params, { xMin: range.xMin, xMax: range.xMax, width: 240, height: 150 }),
  };
}
