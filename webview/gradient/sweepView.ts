/**
 * Depth sweep controls and chart: width, depth, batch, seed and initialiser fields with
 * inline errors, a Run button, and the chart of src/core/charts/gradientSpecs.ts.
 */
import { getActivation, resolveParams } from '../../src/core/activations/catalogue';
import type { LayerActivation } from '../../src/core/gradient/chain';
import { checkSweep, drawSweepData, SweepRangeError, sweepOne, type DepthSeries } from '../../src/core/gradient/depthSweep';
import { INIT_LABELS, type InitName } from '../../src/core/gradient/init';
import { parseFinite } from '../../src/core/gradient/input';
import { depthSweepSpec } from '../../src/core/charts/gradientSpecs';
import type { SweepForm } from './state';
import type { ChartBox } from './chartBox';
import { h } from '../shared/dom';
import { num } from './dom';

/** The seed article's six activations, catalogue defaults. */
const SWEEP_ACTIVATIONS = ['sigmoid', 'relu', 'elu', 'leaky_relu', 'selu', 'gelu'];

type Key = Exclude<keyof SweepForm, 'init'>;
const LABELS: Record<Key, string> = { width: 'Width W', depth: 'Depth D', batch: 'Batch B', seed: 'Seed' };

function activations(): LayerActivation[] {
  return SWEEP_ACTIVATIONS.flatMap((id) => {
    const def = getActivation(id);
    return def ? [{ def, params: resolveParams(def, {}) }] : [];
  });
}

function summary(spec: Parameters<typeof drawSweepData>[0], series: readonly DepthSeries[], ms: number): string {
  const stopped = series.filter((s) => s.stopped).map((s) => `${s.name}: ${s.stopped}`);
  const selu = series.find((s) => s.id === 'selu');
  const seluLast = selu && selu.mean.length ? ` SELU at layer ${selu.mean.length}: mean ${num(selu.mean.at(-1)!, 3)}, variance ${num(selu.variance.at(-1)!, 3)}.` : '';
  return `W = ${spec.width}, D = ${spec.depth}, B = ${spec.batch}, ${INIT_LABELS[spec.init]}, seed ${spec.seed}; ${Math.round(ms)} ms.${seluLast}${stopped.length ? ' ' + stopped.join('; ') : ''}`;
}

/** Depth-sweep controls; `run()` validates and sweeps, keeping the last chart on bad input. */
export class SweepView {
  private readonly inputs = new Map<Key, HTMLInputElement>();
  private readonly errs = new Map<Key, HTMLElement>();
  private readonly init: HTMLSelectElement;
  private readonly button: HTMLButtonElement;
  private readonly status = h('p', { class: 'muted sweep-status', 'aria-live': 'polite' });
  private readonly sizeErr = h('div', { id: 's-size-err', class: 'field-error', role: 'alert' });
  private running = false;

  constructor(private readonly parent: HTMLElement, private readonly chart: ChartBox, initial: SweepForm, onEdit: (f: SweepForm) => void) {
    const fields = (Object.keys(LABELS) as Key[]).map((k) => {
      const input = h('input', { id: `s-${k}`, type: 'text', inputmode: 'numeric', value: initial[k], 'aria-describedby': `s-${k}-err` });
      const err = h('div', { id: `s-${k}-err`, class: 'field-error', role: 'alert' });
      this.inputs.set(k, input);
      this.errs.set(k, err);
      input.addEventListener('input', () => onEdit(this.read()));
      return h('div', { class: 'field' }, h('label', { for: `s-${k}` }, LABELS[k]), input, err);
    });
    this.init = h('select', { id: 's-init' }, ...(Object.keys(INIT_LABELS) as InitName[]).map((k) => h('option', { value: k }, INIT_LABELS[k])));
    this.init.value = initial.init;
    this.init.addEventListener('change', () => { onEdit(this.read()); this.run(); });
    this.button = h('button', { type: 'button', id: 's-run' }, 'Run sweep');
    this.button.addEventListener('click', () => this.run());
    const initField = h('div', { class: 'field wide' }, h('label', { for: 's-init' }, 'Initialisation (seeded)'), this.init);
    parent.append(h('div', { class: 'form-grid sweep' }, initField, ...fields, h('div', { class: 'field' }, h('span', {}, ' '), this.button)), this.sizeErr, this.status, chart.root);
  }

  /** The fields as typed. */
  read(): SweepForm {
    const v = (k: Key) => this.inputs.get(k)!.value;
    return { width: v('width'), depth: v('depth'), batch: v('batch'), seed: v('seed'), init: this.init.value as InitName };
  }

  /**
   * Marks bad fields; returns the sweep sizes when all are valid. Every message from the last
   * run is cleared first; a parse error shows under its field, a range error under its field
   * too (B·W²·D over the limit: below the form, with width, depth and batch marked).
   */
  private validate(): Parameters<typeof drawSweepData>[0] | undefined {
    const f = this.read();
    this.sizeErr.textContent = '';
    for (const k of this.inputs.keys()) this.mark(k, '');
    const vals: Partial<Record<Key, number>> = {};
    for (const k of this.inputs.keys()) {
      try {
        vals[k] = parseFinite(f[k]);
      } catch (e) {
        this.mark(k, (e as Error).message);
      }
    }
    if (Object.keys(vals).length < this.inputs.size) return undefined;
    const spec = { width: vals.width!, depth: vals.depth!, batch: vals.batch!, seed: vals.seed!, init: f.init };
    try {
      checkSweep(spec);
      return spec;
    } catch (e) {
      const fields = e instanceof SweepRangeError ? e.fields : [];
      const message = (e as Error).message;
      if (fields.length === 1) this.mark(fields[0]!, message);
      else {
        for (const k of fields) this.mark(k, '', true);
        this.sizeErr.textContent = `${message}. The last valid sweep stays on screen.`;
      }
      return undefined;
    }
  }

  /** Shows `message` under field `k` and sets aria-invalid when there is one (or `invalid`). */
  private mark(k: Key, message: string, invalid = message !== ''): void {
    this.errs.get(k)!.textContent = message;
    if (invalid) this.inputs.get(k)!.setAttribute('aria-invalid', 'true');
    else this.inputs.get(k)!.removeAttribute('aria-invalid');
  }

  /** Validates and runs (ignored while a sweep is running). */
  run(): void {
    if (this.running) return;
    const spec = this.validate();
    if (spec) this.execute(spec);
  }

  /** One activation per task, so the page stays responsive and shows progress. */
  private execute(spec: Parameters<typeof drawSweepData>[0]): void {
    this.running = true;
    this.button.disabled = true;
    const acts = activations();
    const series: DepthSeries[] = [];
    const t0 = performance.now();
    const data = drawSweepData(spec);
    const next = () => {
      if (series.length < acts.length) {
        this.status.textContent = `Running ${acts[series.length]!.def.name} (${series.length + 1} of ${acts.length})…`;
        setTimeout(() => { series.push(sweepOne(spec, data, acts[series.length]!)); next(); }, 0);
        return;
      }
      this.status.textContent = summary(spec, series, performance.now() - t0);
      this.chart.show(depthSweepSpec(series, Math.max(180, Math.min(300, ((this.parent.clientWidth || 1000) - 260) / 3)), 230));
      this.button.disabled = false;
      this.running = false;
    };
    next();
  }
}
