/**
 * MNIST comparison panel: the form, Start/Stop, and training inside this webview (tfjs on
 * the GPU where there is one). The host validates requests, shows the progress
 * notification and writes the results file.
 */
import './style.css';
import '../results/style.css';
import { initialData, vscodeApi } from '../shared/vscodeApi';
import { isHostToMnist, type HostToMnist, type IdxData, type MnistInitialData, type MnistToHost } from '../../src/protocol/mnist';
import { parseSavedShape } from '../../src/core/expression/saved';
import { LiveView } from './liveView';
import { SettingsForm } from './settingsForm';
import { runTraining } from './training';

const api = vscodeApi<unknown>();
const { baseUri, customActivations } = initialData<MnistInitialData>();
const app = document.getElementById('app')!;

const title = document.createElement('h1');
title.textContent = 'Compare activations on MNIST';
const intro = document.createElement('p');
intro.className = 'muted';
intro.textContent = 'The same CNN (conv 32 → conv 64 → max-pool → dropout → dense 128 → dropout → softmax) is trained once per activation, with the activation in every hidden layer. Validation on the held-out test split after every epoch.';
const formHost = document.createElement('form');
formHost.className = 'card settings';
// Our own checks show a message where the value was typed (native bubbles would block submit silently).
formHost.noValidate = true;
const form = new SettingsForm(formHost, () => post({ type: 'data/chooseFolder' }));
form.activations.setCustoms(parseSavedShape(customActivations).customs);
const actions = document.createElement('div');
actions.className = 'actions';
const start = Object.assign(document.createElement('button'), { type: 'submit', textContent: 'Start' });
const stop = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Stop', className: 'secondary', disabled: true });
const formError = Object.assign(document.createElement('p'), { className: 'field-error' });
formError.setAttribute('role', 'alert');
const saved = document.createElement('p');
saved.className = 'saved';
actions.append(start, stop, formError);
formHost.append(actions);
const live = new LiveView((e) => post({ type: 'chart/export', ...e }));
app.append(title, intro, formHost, saved, live.element);

let idx: IdxData | undefined;
let controller: AbortController | undefined;

function post(m: MnistToHost): void {
  live.onMessage(m);
  api.postMessage(m);
  if (m.type === 'training/finished') {
    document.body.dataset.lastStatus = m.status;
    setRunning(false);
  }
}

function setRunning(running: boolean): void {
  start.disabled = running;
  stop.disabled = !running;
  document.body.dataset.training = String(running);
}

formHost.addEventListener('submit', (e) => {
  e.preventDefault();
  const v = form.read();
  if ('error' in v) {
    formError.textContent = v.error;
    return;
  }
  formError.textContent = '';
  post({ type: 'training/request', config: v.config, backend: v.backend, source: v.source });
});

stop.addEventListener('click', () => {
  controller?.abort();
  live.status('Stopping after the current batch…');
});

function begin(m: Extract<HostToMnist, { type: 'training/begin' }>): void {
  controller = new AbortController();
  saved.replaceChildren();
  setRunning(true);
  live.start(m.config);
  void runTraining(m, baseUri, idx, controller.signal, post, {
    onSelected: (sel) => (document.body.dataset.backend = sel.environment.backend),
    onTensors: (before, after) => {
      document.body.dataset.tensorsBefore = String(before);
      document.body.dataset.tensorsAfter = String(after);
    },
  });
}

function showSaved(path: string): void {
  const open = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Open Results', className: 'secondary' });
  open.addEventListener('click', () => post({ type: 'results/open', path }));
  saved.className = 'saved';
  saved.replaceChildren(`Saved to ${path} `, open);
  live.status(document.body.dataset.lastStatus === 'completed' ? 'Finished.' : `Finished (${document.body.dataset.lastStatus}); what finished is saved.`);
}

window.addEventListener('message', (e: MessageEvent) => {
  const m: unknown = e.data;
  if (!isHostToMnist(m)) return void console.warn('Activation Lab: ignored a malformed message from the host', m);
  switch (m.type) {
    case 'init': return form.load(m.settings);
    case 'customs': return form.activations.setCustoms(parseSavedShape(m.customs).customs);
    case 'data/idx':
      idx = m.data;
      form.useSource('idx');
      form.dataStatus.className = 'muted';
      form.dataStatus.textContent = `${m.data.label}: ${m.data.train.count.toLocaleString()} train / ${m.data.test.count.toLocaleString()} test images, ${m.data.train.rows}×${m.data.train.cols}`;
      return;
    case 'data/error':
      idx = undefined;
      form.useSource('bundled');
      form.dataStatus.textContent = m.message;
      form.dataStatus.className = 'field-error';
      return;
    case 'training/begin': return begin(m);
    case 'training/rejected':
      formError.textContent = m.message;
      return;
    case 'training/cancel':
      controller?.abort();
      live.status('Stopping after the current batch…');
      return;
    case 'training/saved': return showSaved(m.path);
    case 'training/saveFailed':
      saved.textContent = `Not saved: ${m.message}`;
      saved.className = 'field-error';
      return;
  }
});

post({ type: 'ready' });
