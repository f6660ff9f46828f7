/**
 * The MNIST panel's live view: progress bar and text, backend and warnings, the per-batch
 * loss chart and the per-epoch curves, all driven by the same `training/*` messages the
 * host receives.
 */
import type { Result } from 'vega-embed';
import { chartFile, renderChart } from '../shared/chart';
import { h } from '../shared/dom';
import { onThemeChange } from '../shared/theme';
import { activationLabel, batchLossSpec, type BatchRow } from '../../src/core/charts/resultsCharts';
import { cellOfRun, runName } from '../../src/core/training/grid';
import type { RunResult, TrainConfig } from '../../src/core/training/types';
import { assertNever } from '../../src/protocol/channel';
import type { MnistToHost } from '../../src/protocol/mnist';
import { formatDuration } from '../../src/core/training/timeLeft';
import { ChartGrid, type ChartExport } from '../results/chartGrid';

const BATCH_REDRAW_MS = 400;

/** Progress, environment and charts of the running (or last) comparison. */
export class LiveView {
  readonly element = h('section', { class: 'live' });
  private readonly bar = h('progress');
  private readonly text = h('p', { class: 'progress-text' });
  private readonly env = h('p', { class: 'muted' });
  /** `auto`'s outcome, e.g. `wasm chosen: 260 samples/s; webgl: SwiftShader, software, not timed`. */
  private readonly selection = h('p', { class: 'selection' });
  /** Speed and time left of the whole comparison. */
  private speed = '';
  /** The last batch line of every running activation, by run index. */
  private readonly running = new Map<number, string>();
  private readonly notes = h('ul', { class: 'notes' });
  private readonly batchSlot = h('div', { class: 'chart' });
  private readonly grid: ChartGrid;
  private config: TrainConfig | undefined;
  private runs: RunResult[] = [];
  private batches: BatchRow[] = [];
  private batchView: Result | undefined;
  private redraw: ReturnType<typeof setTimeout> | undefined;

  constructor(onExport: (e: ChartExport) => void) {
    this.bar.max = 1;
    this.bar.value = 0;
    this.bar.setAttribute('aria-label', 'Training progress');
    this.text.setAttribute('role', 'status');
    this.text.setAttribute('aria-live', 'polite');
    const batchCard = h('section', { class: 'card chart-card' });
    batchCard.setAttribute('aria-label', 'Training loss per batch');
    this.batchSlot.setAttribute('role', 'img');
    this.batchSlot.setAttribute('aria-label', 'Training loss per batch, live');
    const actions = h('div', { class: 'chart-actions' });
    for (const format of ['svg', 'png'] as const) {
      const b = h('button', { class: 'secondary' }, format.toUpperCase());
      b.title = `Export "Training loss per batch" as ${format.toUpperCase()}`;
      b.setAttribute('aria-label', b.title);
      b.addEventListener('click', () => {
        if (this.batchView) void chartFile(this.batchView.view, format).then((f) => onExport({ ...f, name: 'mnist-batch-loss' }));
      });
      actions.append(b);
    }
    batchCard.append(actions, this.batchSlot);
    const charts = h('div', { class: 'charts' });
    charts.append(batchCard);
    this.grid = new ChartGrid(charts, onExport, ['val-accuracy', 'val-loss', 'train-curves']);
    this.element.append(this.bar, this.text, this.env, this.selection, this.notes, charts);
    this.element.hidden = true;
    onThemeChange(() => this.scheduleBatchChart(0));
  }

  private series(): string[] {
    return (this.config?.activations ?? []).map((c) => activationLabel(c));
  }

  /** A new comparison starts: clears the charts. */
  start(config: TrainConfig): void {
    this.element.hidden = false;
    this.config = config;
    this.runs = [];
    this.batches = [];
    this.bar.value = 0;
    this.env.textContent = '';
    this.selection.textContent = '';
    this.speed = '';
    this.running.clear();
    this.notes.replaceChildren();
    this.text.textContent = 'Loading data and choosing a backend (timing a few training steps)…';
    void this.grid.update([]);
    this.scheduleBatchChart(0);
  }

  /** Adds a note (warning or error) under the progress bar. */
  note(text: string, cls = 'warning'): void {
    this.notes.append(h('li', { class: cls }, text));
  }

  /** Sets the status line. */
  status(text: string): void {
    this.text.textContent = text;
  }

  /** Updates the view from a message the page is about to post to the host. */
  onMessage(m: MnistToHost): void {
    const c = this.config;
    if (!c) return;
    switch (m.type) {
      case 'training/backend': {
        const e = m.skeleton.environment;
        const a = e.adapter ? ` · adapter ${e.adapter.vendor || '?'} ${e.adapter.architecture}${e.adapter.isFallbackAdapter ? ' (fallback)' : ''}` : '';
        const w = e.workers ?? 1;
        const where = e.backend === 'wasm' || e.backend === 'cpu' ? ` on ${w} Web Worker${w === 1 ? '' : 's'}` : ' in the panel, one activation at a time';
        this.env.textContent = `Backend ${e.backend}${where}${a} · tfjs ${e.tfjsVersion}`;
        this.selection.textContent = e.selection?.summary ?? '';
        if (!e.selection) for (const s of e.skipped ?? []) this.note(`Skipped ${s.backend}: ${s.reason}`, 'muted');
        for (const w of m.warnings) this.note(w);
        return;
      }
      case 'training/batch': {
        const repeats = c.repeats ?? 1;
        const name = this.series()[cellOfRun(m.index, repeats).activation] ?? '?';
        this.running.set(m.index, `${runName(name, m.index, repeats)} epoch ${m.epoch + 1}/${c.epochs} batch ${m.batch + 1}/${m.batches} loss ${m.loss === null ? 'NaN' : m.loss.toFixed(4)}`);
        this.showStatus();
        if (m.loss !== null) this.batches.push({ series: name, run: m.index, epoch: m.epoch + (m.batch + 1) / m.batches, loss: m.loss });
        this.scheduleBatchChart(BATCH_REDRAW_MS);
        return;
      }
      case 'training/progress':
        this.bar.value = m.fraction;
        this.speed = m.samplesPerSecond === null
          ? `${m.cellsDone}/${m.cellsTotal} done · measuring speed…`
          : `${m.cellsDone}/${m.cellsTotal} done · ${Math.round(m.samplesPerSecond)} samples/s · ${formatDuration(m.secondsLeft ?? undefined)} left`;
        document.body.dataset.timeLeft = m.secondsLeft === null ? '' : String(Math.round(m.secondsLeft));
        this.showStatus();
        return;
      case 'training/epoch':
      case 'training/runEnded':
        if (m.type === 'training/runEnded') this.running.delete(m.index);
        this.runs[m.index] = m.run;
        if (m.type === 'training/runEnded' && m.run.status !== 'completed') this.note(`${runName(this.series()[cellOfRun(m.index, c.repeats ?? 1).activation] ?? '?', m.index, c.repeats ?? 1)}: ${m.run.status}${m.run.error ? ` (${m.run.error})` : ''}`);
        void this.grid.update([{ label: 'live', results: { runs: this.runs.filter(Boolean) } }]);
        return;
      case 'training/finished':
        this.bar.value = m.status === 'completed' ? 1 : this.bar.value;
        this.text.textContent = m.status === 'completed' ? 'Finished. Saving the results file…' : `${m.status === 'cancelled' ? 'Cancelled' : 'Failed'}${m.error ? `: ${m.error}` : ''}. Saving what finished…`;
        this.scheduleBatchChart(0);
        return;
      case 'training/runStarted':
      case 'training/request':
      case 'training/saveAs':
      case 'data/chooseFolder':
      case 'results/open':
      case 'webview/ready':
      case 'webview/exportChart':
      case 'webview/saveCustom':
      case 'webview/openSettings':
        return; // nothing to show
      default:
        return assertNever(m);
    }
  }

  /** Status line: speed and time left, then every running activation's last batch. */
  private showStatus(): void {
    this.text.textContent = [this.speed, ...this.running.values()].filter(Boolean).join(' · ');
  }

  private scheduleBatchChart(delay: number): void {
    if (this.redraw !== undefined) return;
    this.redraw = setTimeout(() => {
      this.redraw = undefined;
      const width = Math.max(240, Math.min(900, (this.batchSlot.parentElement ?? this.batchSlot).clientWidth - 124));
      void renderChart(this.batchSlot, batchLossSpec(this.batches.slice(), this.series(), { width }), this.batchView)
        .then((v) => (this.batchView = v))
        .catch((e) => console.error('Activation Lab: batch chart failed', e));
    }, delay);
  }
}
