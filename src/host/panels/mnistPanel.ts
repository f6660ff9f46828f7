/**
 * The MNIST comparison panel (host side): the form's settings, the IDX folder, requests
 * checked before training starts, and the session that writes the results file. Training
 * itself runs in the webview. Messages: src/protocol/mnist.ts; command arguments:
 * src/protocol/commands.ts.
 */
import * as vscode from 'vscode';
import { getActivation, resolveParams } from '../../core/activations/catalogue';
import { loadIdxFolder } from '../../core/data/idxFolder';
import { parseActivationEntry } from '../../core/settings/activationList';
import { DEFAULT_CONFIG } from '../../core/training/defaults';
import type { ActivationChoice, TrainConfig } from '../../core/training/types';
import type { Handlers } from '../../protocol/channel';
import { CommandId, parseCompareMnistArgs } from '../../protocol/commands';
import { MNIST_TO_HOST, type BackendChoice, type HostToMnist, type IdxData, type MnistInitialData, type MnistSettings, type MnistToHost } from '../../protocol/mnist';
import type { WebviewToHost } from '../../protocol/shared';
import { mnistConfig } from '../config';
import { affectsSavedCustoms, readSavedCustoms } from '../customActivations';
import { createPanel, PanelBase, PanelSlot, type PanelSpec } from '../webview/panel';
import { TrainingSession } from './mnistSession';
import { openResults } from './resultsPanel';

/**
 * The form's starting values from `activationLab.mnist.*` (validated by src/host/config.ts);
 * `problems` names activation entries that do not parse (they are left out).
 */
function readMnistSettings(): { settings: MnistSettings; problems: string[] } {
  const problems: string[] = [];
  const m = mnistConfig();
  const activations = m.activations.flatMap((s) => {
    try {
      return [parseActivationEntry(s)];
    } catch (e) {
      problems.push(`activationLab.mnist.activations: ${(e as Error).message}`);
      return [];
    }
  });
  const config: TrainConfig = {
    ...DEFAULT_CONFIG,
    epochs: m.epochs,
    batchSize: m.batchSize,
    trainSamples: m.trainSamples,
    testSamples: m.testSamples,
    learningRate: m.learningRate,
    seed: m.seed,
    repeats: m.repeats,
    diagnostics: m.diagnostics,
    activations,
  };
  return { settings: { config, backend: m.backend }, problems };
}

const SPEC: PanelSpec = { viewType: 'activationLab.mnist', title: 'MNIST comparison', entry: 'mnist', name: 'mnist', retain: true, allowWasm: true, allowWorkers: true };

/** The single MNIST panel; keeps its context when hidden because training runs inside it. */
class MnistPanel extends PanelBase<MnistToHost, HostToMnist> {
  private idx: IdxData | undefined;
  private session: TrainingSession | undefined;
  /** Results files this panel reported as saved (`training/saved` path -> file): the only ones `results/open` opens. */
  private readonly reported = new Map<string, vscode.Uri>();

  constructor(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, private readonly globalStorage: vscode.Uri) {
    super(panel, extensionUri, SPEC, MNIST_TO_HOST);
    this.register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsSavedCustoms(e)) this.post({ type: 'mnist/customs', customs: readSavedCustoms() });
    }));
    this.render();
  }

  protected override initialData(): MnistInitialData {
    return { customActivations: readSavedCustoms() };
  }

  protected override onReady(): void {
    const { settings, problems } = readMnistSettings();
    for (const p of problems) void vscode.window.showWarningMessage(p);
    this.post({ type: 'mnist/init', settings });
  }

  protected override onDispose(): void {
    void this.session?.abandon();
  }

  protected override handlers(): Handlers<Exclude<MnistToHost, WebviewToHost>> {
    const progress = (m: Parameters<TrainingSession['handle']>[0]) => this.session?.handle(m);
    return {
      'data/chooseFolder': () => this.chooseFolder(),
      'training/request': (m) => this.request(m),
      'training/backend': progress,
      'training/runStarted': progress,
      'training/batch': progress,
      'training/progress': progress,
      'training/epoch': progress,
      'training/runEnded': progress,
      'training/finished': progress,
      'results/open': (m) => {
        // Only a file this panel saved and reported: the webview cannot name arbitrary paths.
        const uri = this.reported.get(m.path);
        if (!uri) return this.warn(`mnist webview: ignored results/open for ${JSON.stringify(m.path.slice(0, 200))}, a path the panel did not report`);
        return openResults(this.extensionUri, uri);
      },
    };
  }

  private async chooseFolder(): Promise<void> {
    const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, title: 'Folder with the four MNIST IDX files' });
    const folder = picked?.[0];
    if (!folder) return;
    const read = async (name: string) => {
      try {
        return await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, name));
      } catch (e) {
        if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') return undefined;
        throw e;
      }
    };
    try {
      const { train, test } = await loadIdxFolder(read);
      this.idx = { label: folder.path.split('/').filter(Boolean).pop() ?? folder.fsPath, train, test };
      this.post({ type: 'data/idx', data: this.idx });
    } catch (e) {
      const message = `${folder.fsPath}: ${(e as Error).message}`;
      this.idx = undefined;
      this.post({ type: 'data/error', message });
      void vscode.window.showErrorMessage(message);
    }
  }

  /**
   * Starts `config` on the bundled digits as soon as the webview is ready, as if Start had
   * been pressed (the form shows the same values).
   */
  startWhenReady(config: TrainConfig, backend: BackendChoice): void {
    void this.whenReady().then(() => {
      this.post({ type: 'mnist/init', settings: { config, backend } });
      this.request({ type: 'training/request', config, backend, source: 'bundled' });
    });
  }

  /**
   * Shows `choice` in the form once the webview is ready (after the settings it gets on
   * ready): the row of that activation takes its parameters, else a row is added.
   */
  selectWhenReady(choice: ActivationChoice): void {
    void this.whenReady().then(() => this.post({ type: 'mnist/select', choice }));
  }

  private request(m: Extract<MnistToHost, { type: 'training/request' }>): void {
    const reject = (message: string) => this.post({ type: 'training/rejected', message });
    if (this.session?.active) return reject('a comparison is already running');
    const c = m.config;
    if (m.source === 'idx') {
      if (!this.idx) return reject('choose an IDX folder first (or switch to the bundled digits)');
      if (c.trainSamples > this.idx.train.count) return reject(`train samples: ${c.trainSamples} > ${this.idx.train.count} in the folder`);
      if (c.testSamples > this.idx.test.count) return reject(`test samples: ${c.testSamples} > ${this.idx.test.count} in the folder`);
    } else if (c.trainSamples + c.testSamples > 10_000) {
      return reject(`train + test samples: ${c.trainSamples + c.testSamples} > 10,000 bundled digits`);
    }
    const config = { ...c, dataset: m.source === 'idx' ? `idx:${this.idx!.label}` : 'bundled' };
    this.session = new TrainingSession(config, () => this.post({ type: 'training/cancel' }), this.globalStorage, (uri, error) => this.saved(uri, error));
    this.post({ type: 'training/begin', config, backend: m.backend, source: m.source, workers: mnistConfig().workers });
  }

  private saved(uri: vscode.Uri | undefined, error?: string): void {
    const post = (m: HostToMnist) => {
      if (!this.disposed) this.post(m);
    };
    if (!uri) {
      post({ type: 'training/saveFailed', message: error ?? 'not saved' });
      void vscode.window.showErrorMessage(`MNIST comparison: ${error}`);
      return;
    }
    const rel = vscode.workspace.asRelativePath(uri);
    this.reported.set(rel, uri);
    post({ type: 'training/saved', path: rel });
    void vscode.window.showInformationMessage(`MNIST comparison saved to ${rel}`, 'Open Results').then((pick) => {
      if (pick) void openResults(this.extensionUri, uri);
    });
  }
}

/**
 * A link's activation checked against the catalogue (canonical id, parameters completed
 * and range-checked by `resolveParams`) or the saved custom activations (by name; the form
 * compiles it with the parameters).
 * @returns the choice, or what is wrong, for the user.
 */
function linkChoice(c: ActivationChoice): ActivationChoice | string {
  const def = getActivation(c.activation);
  if (def) {
    try {
      return { activation: def.id, params: { ...resolveParams(def, c.params) } };
    } catch (e) {
      return (e as Error).message;
    }
  }
  const saved = readSavedCustoms().find((x) => x.name === c.activation);
  return saved ? { activation: saved.name, params: { ...saved.params, ...c.params } } : `unknown activation '${c.activation}'`;
}

const mnist = new PanelSlot<MnistPanel>();

/**
 * Registers `activationLab.compareMnist` (`CompareMnistArgs`: `{ activation, params? }`
 * selects that activation in the form, `{ start: { config, backend? } }` starts that run once
 * the webview is ready) and `activationLab.openResults` (optional file Uri).
 */
export function registerMnist(context: vscode.ExtensionContext): void {
  const uri = context.extensionUri;
  const open = () => mnist.show(() => new MnistPanel(createPanel(SPEC, uri), uri, context.globalStorageUri));
  context.subscriptions.push(
    vscode.commands.registerCommand(CommandId.CompareMnist, (arg?: unknown) => {
      const req = parseCompareMnistArgs(arg);
      if (!req) return void vscode.window.showErrorMessage('Compare Activations on MNIST: expected { activation, params? } or { start: { config, backend? } } as the argument.');
      if (req.kind === 'start') return open().startWhenReady(req.config, req.backend);
      if (req.kind === 'open') return void open();
      const choice = linkChoice(req.choice);
      if (typeof choice === 'string') return void vscode.window.showErrorMessage(`Compare Activations on MNIST: ${choice}`);
      open().selectWhenReady(choice);
    }),
    vscode.commands.registerCommand(CommandId.OpenResults, (file?: unknown) => openResults(uri, file instanceof vscode.Uri ? file : undefined)),
  );
}
