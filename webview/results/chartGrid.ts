/**
 * The result charts (validation accuracy, validation loss, training curves, test accuracy,
 * samples/s, then the diagnostics: gradient norm per layer, dead and saturated units, clipped
 * fraction, z histograms, confusion matrix, misclassified digits) in cards with SVG/PNG
 * export; shared by the results panel and the live view of the MNIST panel. A card whose
 * chart has no data in the files shown is hidden. Re-renders on theme change.
 */
import type { Result } from 'vega-embed';
import { chartFile, renderChart } from '../shared/chart';
import { onThemeChange } from '../shared/theme';
import type { LabelledResults, ResultsFigure } from '../../src/core/charts/resultsCharts';
import { RESULTS_FIGURES } from '../../src/core/charts/diagnosticsCharts';

/** What an export button posts (the host saves it with saveChartExport). */
export interface ChartExport {
  readonly format: 'svg' | 'png';
  readonly data: string;
  readonly name: string;
}

interface Figure extends ResultsFigure {
  /** Card width not available to the plot area (axes, bar labels, padding), px. */
  readonly margin: number;
}

/** Card width not available to each plot (axes, bar labels, facet headers), px. */
const MARGINS: Readonly<Record<string, number>> = { 'train-curves': 190, 'test-accuracy': 260, 'samples-per-second': 260, 'dead-saturated': 160, 'z-histograms': 160, misclassified: 180 };

const FIGURES: readonly Figure[] = RESULTS_FIGURES.map((f) => ({ ...f, margin: MARGINS[f.id] ?? 100 }));

/** A grid of chart cards inside `host`; call `update` with new data (e.g. after each epoch). */
export class ChartGrid {
  private readonly views = new Map<string, Result>();
  private readonly slots = new Map<string, HTMLElement>();
  private files: readonly LabelledResults[] = [];
  private pending: Promise<void> = Promise.resolve();

  constructor(host: HTMLElement, private readonly onExport: (e: ChartExport) => void, ids?: readonly string[]) {
    for (const f of FIGURES.filter((fig) => !ids || ids.includes(fig.id))) host.append(this.card(f));
    onThemeChange(() => this.update(this.files));
    // Plot widths follow the cards: redraw when the panel is resized noticeably.
    let lastWidth = host.clientWidth;
    new ResizeObserver(() => {
      if (Math.abs(host.clientWidth - lastWidth) < 40) return;
      lastWidth = host.clientWidth;
      void this.update(this.files);
    }).observe(host);
  }

  private card(f: Figure): HTMLElement {
    const card = document.createElement('section');
    card.className = 'card chart-card';
    card.setAttribute('aria-label', f.title);
    const bar = document.createElement('div');
    bar.className = 'chart-actions';
    for (const format of ['svg', 'png'] as const) {
      const b = document.createElement('button');
      b.className = 'secondary';
      b.textContent = format.toUpperCase();
      b.title = `Export "${f.title}" as ${format.toUpperCase()}`;
      b.setAttribute('aria-label', b.title);
      b.addEventListener('click', () => void this.export(f.id, format));
      bar.append(b);
    }
    const slot = document.createElement('div');
    slot.className = 'chart';
    slot.setAttribute('role', 'img');
    slot.setAttribute('aria-label', f.title);
    this.slots.set(f.id, slot);
    card.append(bar, slot);
    return card;
  }

  private async export(id: string, format: 'svg' | 'png'): Promise<void> {
    const view = this.views.get(id)?.view;
    if (!view) return;
    const file = await chartFile(view, format);
    this.onExport({ ...file, name: `mnist-${id}` });
  }

  /** Redraws every chart for `files`; calls are serialised so views never interleave. */
  update(files: readonly LabelledResults[]): Promise<void> {
    this.files = files;
    this.pending = this.pending.then(() => this.draw(files)).catch((e) => console.error('Activation Lab: chart failed', e));
    return this.pending;
  }

  private async draw(files: readonly LabelledResults[]): Promise<void> {
    if (files !== this.files) return;
    for (const [id, slot] of this.slots) {
      const fig = FIGURES.find((f) => f.id === id)!;
      const card = slot.parentElement ?? slot;
      card.hidden = !fig.applies(files);
      if (card.hidden) continue;
      // The card, not the slot: vega-embed makes the slot inline-block (as wide as its chart).
      const width = Math.max(240, Math.min(900, card.clientWidth - 24 - fig.margin));
      this.views.set(id, await renderChart(slot, fig.build(files, { width }), this.views.get(id)));
    }
  }
}
