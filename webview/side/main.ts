/**
 * "Activation at Cursor" view: the activation the host recognised at the cursor (chart,
 * KaTeX formulas, parameters, library conventions, pin) and the latest MNIST results.
 * Messages: src/protocol/sideView.ts. State survives a reload via setState.
 */
import './side.css';
import type { Result } from 'vega-embed';
import type { TopLevelSpec } from 'vega-lite';
import { HOST_TO_SIDE, isSideActivation, isSideResults, type HostToSide, type SideActivation, type SideResults, type SideToHost } from '../../src/protocol/sideView';
import { assertNever } from '../../src/protocol/channel';
import { connectToHost } from '../shared/channel';
import { renderChart } from '../shared/chart';
import { renderMath } from '../shared/math';
import { onThemeChange } from '../shared/theme';
import { vscodeApi } from '../shared/vscodeApi';
import { resultsSpec } from './resultsSpec';
import { fillActivation, fillResults, layout, setPinned } from './view';

interface SideState {
  activation?: SideActivation;
  pinned: boolean;
  results?: SideResults;
}

const api = vscodeApi<SideState>();

/** The state saved before a reload, with each part that fails its check dropped. */
function restoredState(raw: unknown): SideState {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const restored: SideState = { pinned: r.pinned === true };
  if (isSideActivation(r.activation)) restored.activation = r.activation;
  if (isSideResults(r.results)) restored.results = r.results;
  return restored;
}
const state: SideState = restoredState(api.getState());
const ui = layout(document.getElementById('app') ?? document.body);
let activationView: Result | undefined;
let resultsView: Result | undefined;

function post(m: SideToHost): void {
  host.post(m);
}

function chartWidth(): number {
  return Math.max(160, Math.min(420, document.body.clientWidth - 60));
}

/** Draws the activation card. @returns false when the chart could not be drawn. Throws when the text parts fail. */
async function drawActivation(): Promise<boolean> {
  const a = state.activation;
  if (!a) return true;
  fillActivation(ui, a, state.pinned);
  renderMath(ui.formulaF, a.latex.f);
  renderMath(ui.formulaDf, a.latex.df);
  const spec = { ...a.spec, width: chartWidth() } as TopLevelSpec;
  try {
    activationView = await renderChart(ui.chart, spec, activationView);
    return true;
  } catch (e) {
    ui.chart.textContent = `Chart failed: ${(e as Error).message}`;
    return false;
  }
}

/** Draws the results chart. @returns false when the chart could not be drawn. */
async function drawResults(): Promise<boolean> {
  const r = state.results;
  if (!r || !fillResults(ui, r)) return true;
  try {
    resultsView = await renderChart(ui.resultsChart, resultsSpec(r.runs, chartWidth()), resultsView);
    return true;
  } catch (e) {
    ui.resultsChart.textContent = `Chart failed: ${(e as Error).message}`;
    return false;
  }
}

/** Applies a (checked) host message; the state is saved only once it has drawn, so a reload cannot break on it. */
async function onMessage(m: HostToSide): Promise<void> {
  const before = { ...state };
  let drawn = true;
  try {
    switch (m.type) {
      case 'side/activation':
        state.activation = m.activation;
        state.pinned = m.pinned;
        drawn = await drawActivation();
        break;
      case 'side/pin':
        state.pinned = m.pinned;
        setPinned(ui, m.pinned);
        break;
      case 'side/results':
        state.results = m.results;
        drawn = await drawResults();
        break;
      default:
        assertNever(m);
    }
  } catch (e) {
    state.activation = before.activation;
    state.results = before.results;
    state.pinned = before.pinned;
    console.warn(`Activation Lab: could not show ${m.type}: ${(e as Error).message}`);
    return;
  }
  if (drawn) api.setState(state);
}

const host = connectToHost<HostToSide, SideToHost>('side', HOST_TO_SIDE, {
  'side/activation': (m) => onMessage(m),
  'side/pin': (m) => onMessage(m),
  'side/results': (m) => onMessage(m),
});
ui.pin.addEventListener('click', () => post({ type: 'side/togglePin' }));
ui.explorer.addEventListener('click', () => {
  if (state.activation) post({ type: 'side/openExplorer', id: state.activation.id, params: state.activation.params });
});
ui.mnist.addEventListener('click', () => {
  if (state.activation) post({ type: 'side/compareMnist', id: state.activation.id, params: state.activation.params });
});
onThemeChange(() => {
  void drawActivation();
  void drawResults();
});
void drawActivation();
void drawResults();
post({ type: 'webview/ready' });
