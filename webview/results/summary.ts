/** Text parts of the results panel: one summary card per file and the table of runs. */
import type { ResultsFile, RunResult } from '../../src/core/training/types';
import { historyRun, type ExternalHistory } from '../../src/core/results/history';
import { meanStdPercent, notEstablished } from '../../src/core/results/summary';
import { activationLabel } from '../../src/core/charts/resultsCharts';
import { h } from '../shared/dom';

function pct(v: number | null | undefined): string {
  return typeof v === 'number' && Number.isFinite(v) ? `${(v * 100).toFixed(2)} %` : '—';
}

function lastFinite(xs: ReadonlyArray<number | null>): number | null {
  for (let i = xs.length - 1; i >= 0; i--) if (typeof xs[i] === 'number') return xs[i]!;
  return null;
}

/** A definition list describing one file: status, configuration, environment, warnings. */
export function summaryCard(label: string, r: ResultsFile): HTMLElement {
  const card = h('section', { class: 'card summary' });
  card.setAttribute('aria-label', `Summary of ${label}`);
  const heading = h('h2', {}, label);
  heading.append(' ', h('span', { class: `badge status-${r.status}` }, r.status));
  const c = r.config;
  const env = r.environment;
  const adapter = env.adapter
    ? `${env.adapter.vendor || '?'} / ${env.adapter.architecture || '?'}${env.adapter.isFallbackAdapter ? ' (fallback adapter: software)' : ''}`
    : 'none';
  const rows: Array<[string, string]> = [
    ['Created', new Date(r.createdAt).toLocaleString()],
    ['Data', `${c.dataset}: ${c.trainSamples.toLocaleString()} train / ${c.testSamples.toLocaleString()} test`],
    ['Training', `${c.epochs} epochs, batch ${c.batchSize}, ${c.optimizer} (η = ${c.learningRate}, clip ${c.clipValue}), ${c.loss}, seed ${c.seed}`],
    ['Backend', `${env.backend} · adapter ${adapter} · tfjs ${env.tfjsVersion}`],
    ['Host', env.host],
  ];
  if (env.skipped?.length) rows.push(['Skipped', env.skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ')]);
  const dl = h('dl');
  for (const [k, v] of rows) dl.append(h('dt', {}, k), h('dd', {}, v));
  card.append(heading, dl);
  const warnings = [...(r.warnings ?? [])];
  if (c.loss === 'binary_crossentropy') warnings.unshift('Trained with binary cross-entropy to reproduce the seed: its "accuracy" is not the 10-class accuracy.');
  for (const w of warnings) card.append(h('p', { class: 'warning' }, w));
  return card;
}

/** A card for a history from Python: where it came from, its epochs, which keys became which series. */
export function historyCard(label: string, x: ExternalHistory): HTMLElement {
  const card = h('section', { class: 'card summary' });
  card.setAttribute('aria-label', `Summary of ${label}`);
  const heading = h('h2', {}, label);
  heading.append(' ', h('span', { class: 'badge' }, x.source === 'csv' ? 'Keras CSVLogger' : 'Python history'));
  const keys = Object.entries(x.keys).map(([series, key]) => (series === key ? series : `${key} → ${series}`)).join(', ');
  const dl = h('dl');
  const rows: Array<[string, string]> = [['Epochs', String(x.epochs)], ['Series', keys]];
  if (x.ignored.length) rows.push(['Not shown', x.ignored.join(', ')]);
  for (const [k, v] of rows) dl.append(h('dt', {}, k), h('dd', {}, v));
  card.append(heading, dl, h('p', {}, 'Trained outside Activation Lab: no test accuracy or speed is recorded; the curves overlay ours.'));
  return card;
}

/** One row per run of every file: status, final test accuracy, last validation values, speed. */
export function runsTable(files: ReadonlyArray<{ label: string; results?: ResultsFile; history?: ExternalHistory }>): HTMLTableElement {
  const t = h('table', { class: 'runs' });
  const cap = h('caption', {}, 'Runs');
  const head = h('tr');
  const cols = ['Activation', ...(files.length > 1 ? ['File'] : []), 'Status', 'Epochs', 'Test accuracy', 'Last val. accuracy', 'Last val. loss', 'Samples/s'];
  for (const c of cols) head.append(Object.assign(h('th', {}, c), { scope: 'col' }));
  t.append(cap, h('thead'), h('tbody'));
  t.tHead!.append(head);
  for (const f of files) {
    const runs = f.results ? f.results.runs : f.history ? [historyRun(f.history)] : [];
    for (const r of runs) t.tBodies[0]!.append(runRow(r, files.length > 1 ? f.label : undefined));
  }
  return t;
}

function runRow(r: RunResult, file?: string): HTMLTableRowElement {
  const tr = h('tr');
  const loss = lastFinite(r.history.val_loss);
  const cells = [
    activationLabel(r), ...(file ? [file] : []), r.status, String(r.history.loss.length), pct(r.testAccuracy),
    pct(lastFinite(r.history.val_accuracy)), loss === null ? '—' : loss.toFixed(4),
    r.samplesPerSecond === null ? '—' : Math.round(r.samplesPerSecond).toLocaleString(),
  ];
  cells.forEach((c, i) => {
    const td = h('td', { class: i >= (file ? 3 : 2) ? 'num' : undefined }, c);
    if (c === r.status) td.className = `status-${r.status}`;
    tr.append(td);
  });
  if (r.error) tr.title = r.error;
  return tr;
}

/**
 * The summary over repeats of one file (schemaVersion 2 with repeats > 1): per activation
 * test accuracy mean ± std with its range and the last val_loss mean ± std, then one line per
 * pair whose ranges overlap ("difference not established with N repeats"). Undefined when
 * no activation has two or more runs.
 */
export function repeatsTable(label: string, r: ResultsFile): HTMLElement | undefined {
  const entries = r.summary ?? [];
  if (!entries.some((e) => e.repeats > 1)) return undefined;
  const wrap = h('div');
  const t = h('table', { class: 'repeats' });
  t.append(h('caption', {}, `Over repeats: ${label}`), h('thead'), h('tbody'));
  const head = h('tr');
  for (const c of ['Activation', 'Runs', 'Test accuracy (mean ± std)', 'Range', 'Last val. loss (mean ± std)']) head.append(Object.assign(h('th', {}, c), { scope: 'col' }));
  t.tHead!.append(head);
  for (const e of entries) {
    const tr = h('tr');
    const acc = e.testAccuracy;
    const range = acc ? `${(acc.min * 100).toFixed(2)} – ${(acc.max * 100).toFixed(2)} %` : '—';
    const loss = e.valLoss ? `${e.valLoss.mean.toFixed(4)} ± ${e.valLoss.std.toFixed(4)}` : '—';
    [activationLabel(e), String(e.repeats), meanStdPercent(acc), range, loss].forEach((c, i) => tr.append(h('td', { class: i > 0 ? 'num' : undefined }, c)));
    t.tBodies[0]!.append(tr);
  }
  wrap.append(t);
  for (const line of notEstablished(entries)) wrap.append(h('p', { class: 'not-established', role: 'note' }, line));
  return wrap;
}
