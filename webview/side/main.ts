/**
 * "Activation at Cursor" view: the activation the host recognised at the cursor (chart,
 * KaTeX formulas, parameters, library conventions, pin) and the latest MNIST results.
 * Messages: src/protocol/sideView.ts. State survives a reload via setState.
 */
import './side.css';
import type { Result } from 'vega-embed';
import type { TopLevelSpec } from 'vega-lite';
import type { HostToSide, SideActivation, SideResults, SideToHost } from '../../src/protocol/sideView';
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
const state: SideState = { pinned: false, ...(api.getState() ?? {}) };
const ui = layout(document.getElementById('app') ?? document.body);
let activationView: Result | undefined;
let resultsView: Result | undefined;

function post(m: SideToHost): void {
  api.postMessage(m);
}

function chartWidth(): number {
  return Math.max(160, Math.min(420, document.body.clientWidth - 60));
}

async function drawActivation(): Promise<void> {
  const a = state.activation;
  if (!a) return;
  fillActivation(ui, a, state.pinned);
  renderMath(ui.formulaF, a.latex.f);
  renderMath(ui.formulaDf, a.latex.df);
  const spec = { ...a.spec, width: chartWidth() } as TopLevelSpec;
  try {
    activationView = await renderChart(ui.chart, spec, activationView);
  } catch (e) {
    ui.chart.textContent = `Chart failed: ${(e as Error).message}`;
  }
}

async function drawResults(): Promise<void> {
  const r = state.results;
  if (!r || !fillResults(ui, r)) return;
  try {
    resultsView = await renderChart(ui.resultsChart, resultsSpec(r.runs, chartWidth()), resultsView);
  } catch (e) {
    ui.resultsChart.textContent = `Chart failed: ${(e as Error).message}`;
  }
}

function onMessage(m: HostToSide): void {
  switch (m.type) {
    case 'side/activation':
      state.activation = m.activation;
      state.pinned = m.pinned;
      void drawActivation();
      break;
    case 'side/pin':
      state.pinned = m.pinned;
      setPinned(ui, m.pinned);
      break;
    case 'side/results':
      state.results = m.results;
      void drawResults();
      break;
    default:
      return;
  }
  api.setState(state);
}

window.addEventListener('message', (e: MessageEvent) => {
  const m = e.data as HostToSide | undefined;
  if (m && typeof m === 'object' && typeof m.type === 'string') onMessage(m);
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
post({ type: 'ready' });
