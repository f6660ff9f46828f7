/** Results panel: draws one results file, or two compared, sent by the host. */
import './style.css';
import { connectToHost } from '../shared/channel';
import { vscodeApi } from '../shared/vscodeApi';
import { HOST_TO_RESULTS, isShownResultsList, type HostToResults, type ResultsToHost, type ShownResults } from '../../src/protocol/results';
import { ChartGrid } from './chartGrid';
import { labelledOf } from '../../src/core/results/loadFile';
import { activationLabel } from '../../src/core/charts/resultsCharts';
import { historyCard, repeatsTable, runsTable, summaryCard } from './summary';

const api = vscodeApi<{ files: ShownResults[] } | undefined>();
function post(m: ResultsToHost): void {
  host.post(m);
}

function button(text: string, title: string, onClick: () => void, secondary = true): HTMLButtonElement {
  const b = document.createElement('button');
  b.textContent = text;
  b.title = title;
  if (secondary) b.className = 'secondary';
  b.addEventListener('click', onClick);
  return b;
}

const app = document.getElementById('app')!;
const header = document.createElement('header');
const h1 = document.createElement('h1');
h1.textContent = 'MNIST comparison results';
const actions = document.createElement('div');
actions.className = 'toolbar';
const clear = button('Clear comparison', 'Show only the first file', () => post({ type: 'results/clearCompare' }));
actions.append(
  button('Open…', 'Open another results file', () => post({ type: 'results/open' })),
  button('Compare with…', 'Overlay a second results file, or a Keras / PyTorch history', () => post({ type: 'results/compare' })),
  clear,
);
header.append(h1, actions);
const error = document.createElement('p');
error.className = 'field-error';
error.setAttribute('role', 'alert');
const summaries = document.createElement('div');
summaries.className = 'summaries';
const table = document.createElement('div');
const links = document.createElement('p');
links.className = 'gradient-links';
const charts = document.createElement('div');
charts.className = 'charts';
app.append(header, error, summaries, table, links, charts);

/** "Open in Gradient Flow" buttons, one per activation with diagnostics (the gradient-norm chart's lines). */
function gradientLinks(files: ShownResults[]): void {
  const seen = new Map<string, { activation: string; params: Record<string, number> }>();
  for (const f of files) for (const r of f.results?.runs ?? []) if (r.diagnostics) seen.set(activationLabel(r), { activation: r.activation, params: { ...r.params } });
  links.replaceChildren(...(seen.size ? [document.createTextNode('Open in Gradient Flow: ')] : []), ...[...seen].map(([label, a]) =>
    button(label, `Open the Gradient Flow panel on a chain of ${label}`, () => post({ type: 'results/openGradientFlow', ...a }))));
}
const grid = new ChartGrid(charts, (e) => post({ type: 'webview/exportChart', ...e }));

function show(files: ShownResults[]): void {
  error.textContent = '';
  clear.hidden = files.length < 2;
  summaries.replaceChildren(...files.map((f) => (f.results ? summaryCard(f.label, f.results) : historyCard(f.label, f.history))));
  gradientLinks(files);
  table.replaceChildren(...files.flatMap((f) => (f.results ? [repeatsTable(f.label, f.results)] : [])).filter((x) => x !== undefined), runsTable(files));
  void grid.update(files.map((f) => labelledOf(f.label, f))).then(() => document.body.setAttribute('data-rendered', String(files.length)));
  api.setState({ files });
}

const host = connectToHost<HostToResults, ResultsToHost>('results', HOST_TO_RESULTS, {
  'results/show': (m) => show(m.files),
  'results/error': (m) => {
    error.textContent = m.message;
  },
});

// State saved by an earlier version of the page (or damaged) is dropped, not drawn.
const saved: unknown = api.getState();
if (saved !== undefined && saved !== null) {
  const files = (saved as { files?: unknown }).files;
  if (isShownResultsList(files)) show(files);
  else api.setState(undefined);
}
post({ type: 'webview/ready' });
