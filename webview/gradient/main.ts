/**
 * Gradient Flow page: the chain form with presets, verdicts, Nielsen's product, the
 * |dC/db_j| chart, the per-layer table, clipping before/after, N steps and the depth
 * sweep. Everything is computed here with the pure src/core/gradient modules; bad input is
 * marked at its field and the last valid result stays. Messages: src/protocol/gradient.ts.
 */
import './gradient.css';
import { lookupWithCustoms } from '../../src/core/expression/resolve';
import { descentStep } from '../../src/core/gradient/descent';
import { expandList, parseChainForm, parseFinite, type ChainForm } from '../../src/core/gradient/input';
import { clipTrapPreset, deadReluPreset, nielsenPreset, vanishingPreset, type Preset } from '../../src/core/gradient/presets';
import { judgeChain } from '../../src/core/gradient/verdict';
import { HOST_TO_GRADIENT, sanitizeGradientSettings, type GradientInitialData, type GradientSettings, type GradientToHost, type HostToGradient } from '../../src/protocol/gradient';
import { connectToHost } from '../shared/channel';
import { renderMath } from '../shared/math';
import { onThemeChange } from '../shared/theme';
import { initialData } from '../shared/vscodeApi';
import { ChartBox } from './chartBox';
import { renderChain } from './chainView';
import { renderClipping } from './clipView';
import { h } from '../shared/dom';
import { mountChainForm } from './form';
import { defaultState, loadState, sanitizeState, saveState, type GradientState } from './state';
import { renderSteps } from './stepsView';
import { SweepView } from './sweepView';

let settings: GradientSettings = sanitizeGradientSettings({ ...initialData<Partial<GradientInitialData>>().settings });
/** Catalogue ids, then saved custom activations by name (issue 7). */
const lookup = lookupWithCustoms(initialData<Partial<GradientInitialData>>().customActivations ?? []);
let state: GradientState = sanitizeState(loadState(), defaultState(settings.sweepWidth, settings.sweepDepth));

const sink = (format: 'svg' | 'png', data: string, name: string) => host.post({ type: 'webview/exportChart', format, data, name });
const magnitudeChart = new ChartBox('Magnitude of dC/db per layer, logarithmic axis', 'gradient-magnitude', sink);
const stepsChart = new ChartBox('Cost and parameters over gradient-descent steps', 'gradient-steps', sink);
const sweepChart = new ChartBox('Depth sweep: gradient norm, mean and variance per layer', 'depth-sweep', sink);

const app = document.getElementById('app') ?? document.body;
const model = h('span', { class: 'model' });
renderMath(model, 'z_j = w_j a_{j-1} + b_j,\\; a_j = f(z_j),\\; a_0 = x,\\; C = (a_L - y)^2,\\; \\tfrac{\\partial C}{\\partial a_L} = 2(a_L - y)', false);
const section = (title: string, ...children: Node[]) => h('section', { class: 'card' }, h('h2', {}, title), ...children);
const presetBar = h('div', { class: 'presets', role: 'group', 'aria-label': 'Presets' });
const formHost = h('div');
const status = h('p', { class: 'status', 'aria-live': 'polite' });
const els = { verdict: h('div', { class: 'verdict', 'aria-live': 'polite' }), product: h('div', { class: 'product' }), table: h('div', { class: 'table-scroll' }), chart: magnitudeChart };
const clipEl = h('div', { class: 'table-scroll' });
const stepsNote = h('div');
const sweepHost = h('div');
app.append(
  h('header', {}, h('h1', {}, 'Gradient Flow'), h('p', { class: 'muted' },
    'A chain of L single neurons (Nielsen, Neural Networks and Deep Learning, ch. 5): ', model)),
  h('section', { class: 'card' }, presetBar, formHost, status),
  section('Verdict', els.verdict, h('h3', {}, 'Chain rule for ∂C/∂b₁'), els.product),
  section('|∂C/∂b_j| per layer (log scale)', magnitudeChart.root),
  section('Per layer', els.table),
  section('Clipping: before and after', clipEl),
  section('Gradient descent over N steps', stepsNote, stepsChart.root),
  section('Depth sweep: an MLP of width W and depth D', h('p', { class: 'muted' },
    'Six activations on the same seeded weights (biases 0), inputs and targets N(0, 1), loss C = mean squared error over the batch. Left: ‖∂C/∂K_l‖ per layer; right: mean and variance of the activations per layer. SELU with LeCun normal stays at mean 0, variance 1 (Klambauer et al. 2017); other initialisations lose that fixed point.'), sweepHost),
);

const form = mountChainForm(formHost, () => schedule());
form.write(state.chain);

function paramHint(f: ChainForm): string {
  try {
    const defs = [...new Set(expandList(f.activations, 1000).map((id) => lookup(id)).filter((d) => d !== undefined))];
    const ps = defs.flatMap((d) => d.params.map((p) => `${d.id}.${p.name} = ${p.default} [${p.min}, ${p.max}]`));
    return ps.length ? `Available: ${ps.join('; ')}` : 'These activations have no parameters.';
  } catch {
    return 'name=value, e.g. alpha=0.1';
  }
}

let timer: ReturnType<typeof setTimeout> | undefined;

/** Parses the form; on success redraws everything, else marks fields and keeps the last result. */
function recompute(): void {
  clearTimeout(timer);
  timer = undefined;
  try {
    recomputeNow();
  } finally {
    // Observable idle state: tests wait for it instead of sleeping past the debounce.
    document.body.dataset.pending = 'false';
  }
}

/** The work of {@link recompute}, without the pending-state bookkeeping. */
function recomputeNow(): void {
  const f = form.read();
  state = { ...state, chain: f };
  saveState(state);
  form.setParamHint(paramHint(f));
  const parsed = parseChainForm(f, lookup);
  if (!parsed.ok) {
    form.showErrors(parsed.errors);
    status.textContent = 'Fix the marked fields; the results below are from the last valid input.';
    status.className = 'status stale';
    return;
  }
  form.showErrors({});
  try {
    const p = parsed.value;
    const step = descentStep(p.spec, p.eta, p.clip);
    const verdict = judgeChain(step.gradients, p.spec.activations, settings);
    renderChain(els, p, step, verdict, () => host.post({ type: 'webview/openSettings', query: 'activationLab.gradient' }));
    const raw = { dw: step.gradients.layers.map((l) => l.dCdw), db: step.gradients.layers.map((l) => l.dCdb) };
    renderClipping(clipEl, raw, p.clip.method === 'none' ? safeThreshold(f.clipThreshold) : p.clip.threshold, p.clip.method);
    renderSteps(stepsNote, stepsChart, p);
    status.textContent = `L = ${p.spec.weights.length} layers.`;
    status.className = 'status';
    document.body.dataset.verdict = verdict.overall;
  } catch (e) {
    status.textContent = `Could not compute: ${(e as Error).message}`;
    status.className = 'status stale';
  }
}

function safeThreshold(text: string): number {
  try {
    const c = parseFinite(text);
    return c > 0 ? c : 1;
  } catch {
    return 1;
  }
}

function schedule(): void {
  clearTimeout(timer);
  document.body.dataset.pending = 'true';
  timer = setTimeout(recompute, 150);
}

const layerField = h('input', { id: 'preset-L', type: 'text', inputmode: 'numeric', value: state.presetLayers, placeholder: 'default', 'aria-describedby': 'preset-L-err', size: 6 });
const layerErr = h('span', { id: 'preset-L-err', class: 'field-error', role: 'alert' });
layerField.addEventListener('input', () => { state = { ...state, presetLayers: layerField.value }; saveState(state); });

/**
 * The preset's L: undefined when the field is empty (the preset's default), else a whole
 * number 1..1000 parsed strictly (decimal only, as every other field: `0x10` is refused);
 * null after marking the field when it is bad. The mark is cleared first in every case.
 */
function presetLayers(): number | undefined | null {
  layerErr.textContent = '';
  layerField.removeAttribute('aria-invalid');
  const t = layerField.value.trim();
  if (t === '') return undefined;
  let message: string | undefined;
  try {
    const n = parseFinite(t);
    if (Number.isInteger(n) && n >= 1 && n <= 1000) return n;
    message = `L must be a whole number from 1 to 1000, got ${n}`;
  } catch (e) {
    message = `L: ${(e as Error).message}`;
  }
  layerErr.textContent = message;
  layerField.setAttribute('aria-invalid', 'true');
  return null;
}

const PRESETS: ReadonlyArray<{ id: Preset['id']; label: string; make: (L?: number) => Preset }> = [
  { id: 'vanishing', label: 'Vanishing: small-weight sigmoid', make: (L) => vanishingPreset(L) },
  { id: 'nielsen', label: 'Exploding: Nielsen w = 100', make: (L) => nielsenPreset(L) },
  { id: 'deadRelu', label: 'Dead ReLU', make: () => deadReluPreset() },
  { id: 'clipTrap', label: 'Clipping trap', make: () => clipTrapPreset() },
];
const story = h('p', { class: 'muted story' });
presetBar.append(h('span', { class: 'label' }, 'Presets'), ...PRESETS.map((p) => {
  const b = h('button', { type: 'button', class: 'secondary', 'data-preset': p.id }, p.label);
  b.addEventListener('click', () => {
    const L = presetLayers();
    if (L === null) return;
    const preset = p.make(L);
    form.write({ ...preset.form, steps: form.read().steps || '20' });
    story.textContent = `${preset.title}: ${preset.story}`;
    recompute();
  });
  return b;
}), h('label', { for: 'preset-L', class: 'label' }, 'L'), layerField, layerErr, story);

const sweep = new SweepView(sweepHost, sweepChart, state.sweep, (f) => { state = { ...state, sweep: f }; saveState(state); });

const host = connectToHost<HostToGradient, GradientToHost>('gradient', HOST_TO_GRADIENT, {
  'gradient/settings': (m) => {
    const next = sanitizeGradientSettings({ ...m.settings });
    if (JSON.stringify(next) === JSON.stringify(settings)) return; // the answer to every ready: usually unchanged
    settings = next;
    recompute();
  },
  'gradient/chain': (m) => {
    form.write({ ...form.read(), activations: m.activation, params: Object.entries(m.params).map(([k, v]) => `${k}=${v}`).join(', ') });
    story.textContent = `${m.activation}: the chain of the MNIST results' gradient-norm chart, with your weights and input.`;
    recompute();
  },
});
// Verdict colours are read from the theme when the spec is built: rebuild, not just re-embed.
onThemeChange(() => { recompute(); sweepChart.refresh(); });

recompute();
sweep.run();
host.post({ type: 'webview/ready' });
