/** Text parts of the results panel: one summary card per file and the table of runs. */
import type { ResultsFile, RunResult } from '../../src/core/training/types';
import { activationLabel } from '../../src/core/charts/resultsCharts';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function pct(v: number | null | undefined): string {
  return typeof v === 'number' && Number.isFinite(v) ? `${(v * 100).toFixed(2)} %` : '—';
}

function lastFinite(xs: ReadonlyArray<number | null>): number | null {
  for (let i = xs.length - 1; i >= 0; i--) if (typeof xs[i] === 'number') return xs[i]!;
  return null;
}

/** A definition list describing one file: status, configuration, environment, warnings. */
export function summaryCard(label: string, r: ResultsFile): HTMLElement {
  const card = el('section', undefined, 'card summary');
  card.setAttribute('aria-label', `Summary of ${label}`);
  const h = el('h2', label);
  h.append(' ', el('span', r.status, `badge status-${r.status}`));
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
  const dl = el('dl');
  for (const [k, v] of rows) dl.append(el('dt', k), el('dd', v));
  card.append(h, dl);
  const warnings = [...(r.warnings ?? [])];
  if (c.loss === 'binary_crossentropy') warnings.unshift('Trained with binary cross-entropy to reproduce the seed: its "accuracy" is not the 10-class accuracy.');
  for (const w of warnings) card.append(el('p', w, 'warning'));
  return card;
}

/** One row per run of every file: status, final test accuracy, last validation values, speed. */
export function runsTable(files: ReadonlyArray<{ label: string; results: ResultsFile }>): HTMLTableElement {
  const t = el('table', undefined, 'runs');
  const cap = el('caption', 'Runs');
  const head = el('tr');
  const cols = ['Activation', ...(files.length > 1 ? ['File'] : []), 'Status', 'Epochs', 'Test accuracy', 'Last val. accuracy', 'Last val. loss', 'Samples/s'];
  for (const c of cols) head.append(Object.assign(el('th', c), { scope: 'col' }));
  t.append(cap, el('thead'), el('tbody'));
  t.tHead!.append(head);
  for (const f of files) for (const r of f.results.runs) t.tBodies[0]!.append(runRow(r, files.length > 1 ? f.label : undefined));
  return t;
}

function runRow(r: RunResult, file?: string): HTMLTableRowElement {
  const tr = el('tr');
  const loss = lastFinite(r.history.val_loss as Array<number | null>);
  const cells = [
    activationLabel(r), ...(file ? [file] : []), r.status, String(r.history.loss.length), pct(r.testAccuracy),
    pct(lastFinite(r.history.val_accuracy as Array<number | null>)), loss === null ? '—' : loss.toFixed(4),
    r.samplesPerSecond === null ? '—' : Math.round(r.samplesPerSecond).toLocaleString(),
  ];
  cells.forEach((c, i) => {
    const td = el('td', c, i >= (file ? 3 : 2) ? 'num' : undefined);
    if (c === r.status) td.className = `status-${r.status}`;
    tr.append(td);
  });
  if (r.error) tr.title = r.error;
  return tr;
}
