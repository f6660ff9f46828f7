/**
 * A chart with SVG/PNG export buttons: renders the latest spec only (requests made while a
 * render runs are coalesced), re-renders on theme change, reports failures in the page.
 */
import type { Result } from 'vega-embed';
import type { TopLevelSpec } from 'vega-lite';
import { chartFile, renderChart } from '../shared/chart';
import { h } from '../shared/dom';

/** Posts an export to the host (webviews cannot download). */
export type ExportSink = (format: 'svg' | 'png', data: string, name: string) => void;

/** One chart area; `renders` counts finished renders (also in `data-renders`). */
export class ChartBox {
  readonly root: HTMLElement;
  private readonly el: HTMLElement;
  private readonly error: HTMLElement;
  private result: Result | undefined;
  private spec: TopLevelSpec | undefined;
  private pending: TopLevelSpec | undefined;
  private running = false;
  renders = 0;

  /** `baseName` is also the chart element's id and the suggested export file name. */
  constructor(label: string, private readonly baseName: string, sink: ExportSink) {
    this.el = h('div', { class: 'chart', id: baseName, role: 'img', 'aria-label': label });
    this.error = h('p', { class: 'field-error', role: 'alert' });
    const button = (format: 'svg' | 'png') => {
      const b = h('button', { class: 'secondary small', type: 'button', title: `Save this chart as ${format.toUpperCase()}` }, format.toUpperCase());
      b.addEventListener('click', () => void this.exportAs(format, sink));
      return b;
    };
    this.root = h('div', { class: 'chart-box' }, h('div', { class: 'chart-tools' }, button('svg'), button('png')), this.el, this.error);
  }

  /** Draws `spec` (the latest request wins). */
  show(spec: TopLevelSpec): void {
    this.pending = spec;
    if (!this.running) void this.drain();
  }

  /** Redraws the last spec with fresh theme colours. */
  refresh(): void {
    if (this.spec) this.show(this.spec);
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (this.pending) {
      const spec = this.pending;
      this.pending = undefined;
      try {
        this.result = await renderChart(this.el, spec, this.result);
        this.spec = spec;
        this.error.textContent = '';
        this.renders++;
        this.el.dataset.renders = String(this.renders);
      } catch (e) {
        this.error.textContent = `Could not draw the chart: ${(e as Error).message}`;
      }
    }
    this.running = false;
  }

  private async exportAs(format: 'svg' | 'png', sink: ExportSink): Promise<void> {
    if (!this.result) return;
    const f = await chartFile(this.result.view, format);
    sink(f.format, f.data, this.baseName);
  }
}
