/**
 * MNIST comparison panel: the form, Start/Stop, and training inside this webview (tfjs on
 * the GPU in the page where one wins the backend timing, else wasm on Web Workers). The host validates requests, shows the progress
 * notification and writes the results file.
 */
import './style.css';
import '../results/style.css';
import { connectToHost } from '../shared/channel';
import { initialData } from '../shared/vscodeApi';
import { HOST_TO_MNIST, type HostToMnist, type IdxData, type MnistInitialData, type MnistToHost } from '../../src/protocol/mnist';
import { parseSavedShape } from '../../src/core/expression/saved';
import { LiveView } from './liveView';
import { SettingsForm } from './settingsForm';
import { runTraining } from './training';

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
const live = new LiveView((e) => post({ type: 'webview/exportChart', ...e }));
app.append(title, intro, formHost, saved, live.element);

let idx: IdxData | undefined;
let controller: AbortController | undefined;

function post(m: MnistToHost): void {
  live.onMessage(m);
  host.post(m);
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

/** Stop button and `training/cancel`: the run stops within one batch. */
function stopTraining(): void {
  controller?.abort();
  live.status('Stopping after the current batch…');
}
stop.addEventListener('click', () => stopTraining());

function begin(m: Extract<HostToMnist, { type: 'training/begin' }>): void {
  controller = new AbortController();
  saved.replaceChildren();
  setRunning(true);
  live.start(m.config);
  void runTraining(m, baseUri, idx, controller.signal, post, {
    onSelected: (sel) => {
      document.body.dataset.backend = sel.environment.backend;
      document.body.dataset.workers = String(sel.environment.workers ?? 1);
    },
    onTensors: (before, after) => {
      document.body.dataset.tensorsBefore = String(before);
      document.body.dataset.tensorsAfter = String(after);
    },
    onWorkerLost: (text) => live.note(text),
    onWorkersLeft: (n) => (document.body.dataset.workersLeft = String(n)),
  });
}

function showSaved(path: string): void {
  const open = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Open Results', className: 'secondary' });
  open.addEventListener('click', () => post({ type: 'results/open', path }));
  saved.className = 'saved';
  saved.replaceChildren(`Saved to ${path} `, open);
  live.status(document.body.dataset.lastStatus === 'completed' ? 'Finished.' : `Finished (${document.body.dataset.lastStatus}); what finished is saved.`);
}

const host = connectToHost<HostToMnist, MnistToHost>('mnist', HOST_TO_MNIST, {
  'mnist/init': (m) => form.load(m.settings),
  'mnist/select': (m) => form.activations.select(m.choice),
  'mnist/customs': (m) => form.activations.setCustoms(parseSavedShape(m.customs).customs),
  'data/idx': (m) => {
    idx = m.data;
    form.useSource('idx');
    form.dataStatus.className = 'muted';
    form.dataStatus.textContent = `${m.data.label}: ${m.data.train.count.toLocaleString()} train / ${m.data.test.count.toLocaleString()} test images, ${m.data.train.rows}×${m.data.train.cols}`;
  },
  'data/error': (m) => {
    idx = undefined;
    form.useSource('bundled');
    form.dataStatus.textContent = m.message;
    form.dataStatus.className = 'field-error';
  },
  'training/begin': (m) => begin(m),
  'training/rejected': (m) => {
    formError.textContent = m.message;
  },
  'training/cancel': () => stopTraining(),
  'training/saved': (m) => showSaved(m.path),
  'training/saveFailed': (m) => {
    saved.textContent = `Not saved: ${m.message}`;
    saved.className = 'field-error';
  },
});

post({ type: 'webview/ready' });
