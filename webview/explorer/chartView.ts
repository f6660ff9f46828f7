/**
 * The explorer chart: renders the spec of src/core/charts/explorerSpec.ts, swaps only the
 * datasets when nothing else changed (a slider move), coalesces requests to one render per
 * animation frame, re-embeds on theme change, drives the hover cursor and read-out
 * (pointer or arrow keys), and exports SVG/PNG.
 */
import type { Result } from 'vega-embed';
import type { TopLevelSpec } from 'vega-lite';
import { chartFile, renderChart } from '../shared/chart';
import { readTheme } from '../shared/theme';
import { curveNames, explorerData, explorerSpecShape, type CurveInput, type ExplorerChartOptions } from '../../src/core/charts/explorerSpec';
import { renderReadout } from './readout';

interface Request {
  readonly curves: readonly CurveInput[];
  readonly options: ExplorerChartOptions;
}

/** Owns one chart element; `renders` counts finished renders (exposed as `data-renders`). */
export class ExplorerChart {
  private result: Result | undefined;
  private shapeKey = '';
  private pending: Request | undefined;
  private shown: Request | undefined;
  private running = false;
  private frame = 0;
  private renders = 0;
  private cursor: number | undefined;

  /** `onError` receives render failures (shown in the page, never thrown). */
  constructor(private readonly el: HTMLElement, private readonly readout: HTMLElement, private readonly onError: (message: string) => void) {
    el.tabIndex = 0;
    el.addEventListener('pointermove', (e) => this.setCursor(this.pointerX(e)));
    el.addEventListener('pointerleave', () => this.setCursor(undefined));
    el.addEventListener('keydown', (e) => this.onKey(e));
    el.addEventListener('blur', () => this.setCursor(undefined));
  }

  /** Asks for a render of these curves; only the latest request per frame is drawn. */
  request(curves: readonly CurveInput[], options: ExplorerChartOptions): void {
    this.pending = { curves, options };
    if (!this.frame && !this.running) this.frame = requestAnimationFrame(() => { this.frame = 0; void this.drain(); });
  }

  /** Forces a full re-embed on the next render (theme colours changed). */
  invalidate(): void {
    this.shapeKey = '';
  }

  /** The rendered chart as SVG text or base64 PNG; undefined when nothing is drawn. */
  async file(format: 'svg' | 'png'): Promise<{ format: 'svg' | 'png'; data: string } | undefined> {
    return this.result ? chartFile(this.result.view, format) : undefined;
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.pending) {
        const r = this.pending;
        this.pending = undefined;
        await this.draw(r);
      }
    } finally {
      this.running = false;
    }
  }

  private async draw(r: Request): Promise<void> {
    const { curves, options } = r;
    try {
      if (!curves.length) {
        this.result?.finalize();
        this.result = undefined;
        this.shapeKey = '';
        this.el.replaceChildren(Object.assign(document.createElement('p'), { className: 'muted empty', textContent: 'Select an activation to plot it.' }));
      } else {
        const data = explorerData(curves, options);
        const shape = explorerSpecShape(curveNames(curves), options);
        const key = JSON.stringify(shape);
        const cursor = this.cursorRows(options);
        if (this.result && key === this.shapeKey) {
          await this.result.view.data('rows', data.rows).data('kinks', data.kinks).data('cursor', cursor).runAsync();
        } else {
          const t = readTheme();
          const spec = { ...shape, datasets: { ...data, cursor }, config: { background: t.background, rule: { color: t.foreground } } } as TopLevelSpec;
          this.result = await renderChart(this.el, spec, this.result);
          this.shapeKey = key;
        }
      }
      this.shown = r;
      renderReadout(this.readout, curves, this.cursor);
      this.renders++;
      this.el.dataset.renders = String(this.renders);
    } catch (e) {
      this.shapeKey = '';
      this.onError(`Could not draw the chart: ${(e as Error).message}`);
    }
  }

  private cursorRows(o: ExplorerChartOptions): Array<{ x: number }> {
    const x = this.cursor;
    return x !== undefined && x >= o.range.min && x <= o.range.max ? [{ x }] : [];
  }

  /** Data x under the pointer, or undefined outside the plot area. */
  private pointerX(e: PointerEvent): number | undefined {
    const view = this.result?.view;
    const svg = this.el.querySelector('svg');
    if (!view || !svg) return undefined;
    const px = e.clientX - svg.getBoundingClientRect().left - view.origin()[0];
    if (px < 0 || px > view.width()) return undefined;
    return view.scale('x').invert(px) as number;
  }

  /** Arrow keys move the cursor by 1/100 of the range (Shift: 1/10); Escape hides it. */
  private onKey(e: KeyboardEvent): void {
    const range = this.shown?.options.range;
    if (!range) return;
    const step = ((range.max - range.min) / 100) * (e.shiftKey ? 10 : 1);
    const at = this.cursor ?? (range.min + range.max) / 2;
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      e.preventDefault();
      const next = this.cursor === undefined ? at : at + (e.key === 'ArrowRight' ? step : -step);
      this.setCursor(Math.min(range.max, Math.max(range.min, next)));
    } else if (e.key === 'Escape') {
      this.setCursor(undefined);
    }
  }

  private setCursor(x: number | undefined): void {
    if (x === this.cursor) return;
    this.cursor = x;
    if (!this.shown) return;
    renderReadout(this.readout, this.shown.curves, x);
    const view = this.result?.view;
    if (view) void view.data('cursor', this.cursorRows(this.shown.options)).runAsync();
  }
}
