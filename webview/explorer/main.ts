/**
 * Activation Explorer page: wires the activation list, axis ranges, parameter sliders,
 * custom expressions, chart and detail cards to one persistent state. Messages:
 * src/protocol/explorer.ts.
 */
import './explorer.css';
import { getActivation, resolveParams } from '../../src/core/activations/catalogue';
import type { ActivationDef } from '../../src/core/activations/types';
import { checkOptionalRange, checkRange } from '../../src/core/charts/explorerInput';
import { sampleCurve } from '../../src/core/charts/explorerSampling';
import type { CurveInput } from '../../src/core/charts/explorerSpec';
import { HOST_TO_EXPLORER, sanitizeSettings, type ExplorerInitialData, type ExplorerSettings, type ExplorerToHost, type HostToExplorer } from '../../src/protocol/explorer';
import { connectToHost } from '../shared/channel';
import { onThemeChange } from '../shared/theme';
import { initialData } from '../shared/vscodeApi';
import { mountActivationList, mountSavedList } from './activationList';
import { compileUserActivation } from '../../src/core/expression/compile';
import { parseSavedShape, type SavedCustom } from '../../src/core/expression/saved';
import { ExplorerChart } from './chartView';
import { fmt } from './dom';
import { mountCustomExpression } from './customExpression';
import { renderDetails } from './details';
import { layout } from './layout';
import { renderParams } from './params';
import { mountRangeFields } from './rangeFields';
import { defaultState, sanitizeState, type ExplorerState } from './pageState';
import { loadSlot, loadState, saveSlot, saveState } from './state';

let settings: ExplorerSettings = sanitizeSettings(initialData<Partial<ExplorerInitialData>>().settings ?? {});
let state: ExplorerState = sanitizeState(loadState(), defaultState(settings));
let custom: ActivationDef[] = [];

/** Saved customs, compiled here (the host does not load the compiler); errors listed disabled. */
type SavedEntry = { name: string; expression: string; def?: ActivationDef; error?: string };
let saved: SavedEntry[] = [];
/** Selection and slider values of saved customs: own state slot (catalogue state drops unknown ids). */
const SAVED_SLOT = 'savedCustoms';
type SavedSlot = { selected: string[]; params: Record<string, Record<string, number>> };
let savedState: SavedSlot = readSavedSlot();

function readSavedSlot(): SavedSlot {
  const raw = loadSlot(SAVED_SLOT) as Partial<SavedSlot> | undefined;
  const selected = Array.isArray(raw?.selected) ? raw.selected.filter((n): n is string => typeof n === 'string').slice(0, 200) : [];
  const params = raw?.params && typeof raw.params === 'object' ? raw.params : {};
  return { selected, params };
}

function compileSaved(list: readonly SavedCustom[]): SavedEntry[] {
  return list.map((c) => {
    const r = compileUserActivation(c.expression, c.params, { name: c.name });
    return r.ok ? { name: c.name, expression: c.expression, def: r.def } : { name: c.name, expression: c.expression, error: r.error.message };
  });
}

function savedDef(name: string): ActivationDef | undefined {
  return saved.find((e) => e.name === name)?.def;
}

function setSavedState(next: SavedSlot): void {
  savedState = next;
  saveSlot(SAVED_SLOT, savedState);
}
const ui = layout(document.getElementById('app') ?? document.body);
const chart = new ExplorerChart(ui.chart, ui.readout, (m) => { ui.status.textContent = m; });

/** The last valid x-range typed, else the settings' default. */
function xRange(): { min: number; max: number } {
  const r = checkRange(state.xMin, state.xMax);
  return r.ok ? { min: r.min, max: r.max } : { min: settings.defaultRange[0], max: settings.defaultRange[1] };
}

function yRange(): { yMin?: number; yMax?: number } {
  const r = checkOptionalRange(state.yMin, state.yMax);
  return r.ok && !('auto' in r) ? { yMin: r.min, yMax: r.max } : {};
}

/** Plotted curves: selected catalogue entries, saved customs, then typed ones, with resolved params. */
function curves(): CurveInput[] {
  const savedDefs = savedState.selected.map(savedDef).filter((d) => d !== undefined);
  const defs = [...state.selected.map((id) => getActivation(id)).filter((d) => d !== undefined), ...savedDefs, ...custom];
  return defs.map((def) => {
    try {
      const given = savedDef(def.id) === def ? savedState.params[def.id] : state.params[def.id];
      return { def, params: resolveParams(def, given ?? {}) };
    } catch {
      return { def, params: resolveParams(def, {}) };
    }
  });
}

/** Saves the state and redraws the chart (cheap: datasets are swapped when possible). */
function update(): void {
  saveState(state);
  ui.status.textContent = '';
  chart.request(curves(), { range: xRange(), samples: settings.samples, height: ui.chartHeight(), ...yRange() });
}

/** For definitions without a kinkNote (custom ones): where f' jumps in the current range. */
function jumpNotes(cs: readonly CurveInput[]): Map<string, string> {
  const notes = new Map<string, string>();
  for (const { def, params } of cs) {
    if (def.kinkNote) continue;
    const jumps = sampleCurve(def, params, xRange(), 200).dfJumps;
    if (!jumps.length) continue;
    const at = jumps.slice(0, 4).map((j) => `x = ${fmt(j.x)} (f\u2032 from ${fmt(j.left)} to ${fmt(j.right)})`).join(', ');
    notes.set(def.id, `f\u2032 jumps at ${at}; the dot on the chart is the value the definition gives exactly there.`);
  }
  return notes;
}

/** Rebuilds sliders and detail cards (selection changed), then redraws. */
function rebuild(): void {
  const cs = curves();
  renderParams(ui.params, cs, (id, name, value) => {
    if (savedDef(id)) setSavedState({ ...savedState, params: { ...savedState.params, [id]: { ...savedState.params[id], [name]: value } } });
    else state = { ...state, params: { ...state.params, [id]: { ...state.params[id], [name]: value } } };
    update();
  }, (id) => {
    if (savedDef(id)) {
      const { [id]: _gone, ...others } = savedState.params;
      setSavedState({ ...savedState, params: others });
    }
    const { [id]: _dropped, ...rest } = state.params;
    state = { ...state, params: rest };
    rebuild();
  });
  renderDetails(ui.details, cs.map((c) => c.def), jumpNotes(cs));
  update();
}

function setSelected(ids: readonly string[]): void {
  state = { ...state, selected: [...new Set(ids)] };
  rebuild();
}

const syncList = mountActivationList(ui.list, state.selected, (id, on) => {
  setSelected(on ? [...state.selected, id] : state.selected.filter((s) => s !== id));
});
const renderSaved = mountSavedList(ui.list, (name, on) => {
  setSavedState({ ...savedState, selected: on ? [...new Set([...savedState.selected, name])] : savedState.selected.filter((n) => n !== name) });
  rebuild();
});

/** Replaces the saved customs (initial data or a setting change) and redraws. */
function setSaved(list: readonly SavedCustom[]): void {
  saved = compileSaved(list);
  renderSaved(saved, savedState.selected);
}
setSaved(parseSavedShape(initialData<Partial<ExplorerInitialData>>().customActivations).customs);

mountRangeFields(ui.ranges, 'x', { min: state.xMin, max: state.xMax }, false,
  () => update(), (xMin, xMax) => { state = { ...state, xMin, xMax }; saveState(state); });
mountRangeFields(ui.ranges, 'y', { min: state.yMin, max: state.yMax }, true,
  () => update(), (yMin, yMax) => { state = { ...state, yMin, yMax }; saveState(state); });
const customWidget = mountCustomExpression(ui.custom, (defs) => { custom = defs; rebuild(); }, (m) => host.post(m));

async function exportChart(format: 'svg' | 'png'): Promise<void> {
  const file = await chart.file(format);
  if (!file) { ui.status.textContent = 'Nothing to export: select an activation first.'; return; }
  const name = `activations-${curves().map((c) => c.def.id.replace(/[^\w.-]/g, '_')).join('-')}`.slice(0, 100);
  host.post({ type: 'webview/exportChart', format: file.format, data: file.data, name });
}
ui.exportSvg.addEventListener('click', () => void exportChart('svg'));
ui.exportPng.addEventListener('click', () => void exportChart('png'));

/** Handlers of the host's messages (checked by the channel first). */
const host = connectToHost<HostToExplorer, ExplorerToHost>('explorer', HOST_TO_EXPLORER, {
  'explorer/show': (m) => {
    const sd = savedDef(m.id);
    if (sd) {
      setSavedState({ selected: [...new Set([...savedState.selected, sd.id])], params: m.params ? { ...savedState.params, [sd.id]: { ...m.params } } : savedState.params });
      renderSaved(saved, savedState.selected);
      rebuild();
      document.getElementById(`detail-${sd.id}`)?.scrollIntoView({ block: 'nearest' });
      return;
    }
    const def = getActivation(m.id);
    if (!def) return;
    if (m.params) state = { ...state, params: { ...state.params, [def.id]: { ...m.params } } };
    setSelected(state.selected.includes(def.id) ? state.selected : [...state.selected, def.id]);
    syncList(state.selected);
    document.getElementById(`detail-${def.id}`)?.scrollIntoView({ block: 'nearest' });
  },
  'explorer/settings': (m) => {
    // Same clamping as at start-up (e.g. `samples` above the setting's maximum falls back).
    const next = sanitizeSettings(m.settings);
    if (JSON.stringify(next) === JSON.stringify(settings)) return; // the answer to every ready: usually unchanged
    settings = next;
    update();
  },
  'explorer/customs': (m) => {
    setSaved(parseSavedShape(m.customs).customs);
    rebuild();
  },
  'webview/customSaved': (m) => customWidget.saved(m),
});
onThemeChange(() => { chart.invalidate(); update(); });
rebuild();
host.post({ type: 'webview/ready' });
