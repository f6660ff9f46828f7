import * as vscode from 'vscode';
import { mnistConfig } from '../config';
import { loadIdxFolder } from '../../core/data/idxFolder';
import { DEFAULT_CONFIG } from '../../core/training/defaults';
import { saveChartExport } from '../webview/chartExport';
import { ReadyGate, setWebviewHtml, webviewOptions } from '../webview/panelHost';
import { assertNever, isRecord } from '../../core/guards';
import { isBackendName, isMnistToHost, isTrainConfig, type BackendChoice, type HostToMnist, type IdxData, type MnistInitialData, type MnistSettings, type MnistToHost } from '../../protocol/mnist';
import { affectsSavedCustoms, readSavedCustoms } from '../customActivations';
import { parseActivationSetting } from '../../core/settings/activationList';
import { testHooks } from '../testHooks';
import type { TrainConfig } from '../../core/training/types';
import { TrainingSession } from './mnistSession';
import { openResults } from './resultsPanel';

/**
 * The form's starting values from `activationLab.mnist.*` (validated by src/host/config.ts);
 * `problems` names activation entries that do not parse (they are left out).
 */
export function readMnistSettings(): { settings: MnistSettings; problems: string[] } {
  const problems: string[] = [];
  const m = mnistConfig();
  const activations = m.activations.flatMap((s) => {
    try {
      return [parseActivationSetting(s)];
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
    activations,
  };
  return { settings: { config, backend: m.backend }, problems };
}

/** The single MNIST panel; keeps its context when hidden because training runs inside it. */
class MnistPanel {
  static current: MnistPanel | undefined;
  private readonly gate: ReadyGate<HostToMnist>;
  private idx: IdxData | undefined;
  private session: TrainingSession | undefined;
  private disposed = false;
  /** Results files this panel reported as saved (`training/saved` path -> file): the only ones `results/open` opens. */
  private readonly reported = new Map<string, vscode.Uri>();

  constructor(readonly panel: vscode.WebviewPanel, private readonly context: vscode.ExtensionContext) {
    this.gate = new ReadyGate(panel.webview);
    panel.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m));
    panel.onDidDispose(() => {
      this.disposed = true;
      MnistPanel.current = undefined;
      void this.session?.abandon();
    });
    const initialData: MnistInitialData = { customActivations: readSavedCustoms() };
    setWebviewHtml(panel.webview, context.extensionUri, 'mnist', 'MNIST comparison', { allowWasm: true, initialData });
    const watch = vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsSavedCustoms(e)) this.gate.post({ type: 'customs', customs: readSavedCustoms() });
    });
    panel.onDidDispose(() => watch.dispose());
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
      this.gate.post({ type: 'data/idx', data: this.idx });
    } catch (e) {
      const message = `${folder.fsPath}: ${(e as Error).message}`;
      this.idx = undefined;
      this.gate.post({ type: 'data/error', message });
      void vscode.window.showErrorMessage(message);
    }
  }

  /**
   * Starts `config` on the bundled digits as soon as the webview is ready, as if Start had
   * been pressed (the form shows the same values).
   */
  startWhenReady(config: TrainConfig, backend: BackendChoice): void {
    void this.gate.whenReady().then(() => {
      this.gate.post({ type: 'init', settings: { config, backend } });
      this.request({ type: 'training/request', config, backend, source: 'bundled' });
    });
  }

  private request(m: Extract<MnistToHost, { type: 'training/request' }>): void {
    const reject = (message: string) => this.gate.post({ type: 'training/rejected', message });
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
    this.session = new TrainingSession(config, () => this.gate.post({ type: 'training/cancel' }), this.context.globalStorageUri, (uri, error) => this.saved(uri, error));
    this.gate.post({ type: 'training/begin', config, backend: m.backend, source: m.source });
  }

  private saved(uri: vscode.Uri | undefined, error?: string): void {
    const post = (m: HostToMnist) => {
      if (!this.disposed) this.gate.post(m);
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
      if (pick) void openResults(this.context.extensionUri, uri);
    });
  }

  private async onMessage(raw: unknown): Promise<void> {
    if (!isMnistToHost(raw)) {
      console.warn('Activation Lab: ignored a malformed message from the MNIST webview');
      return;
    }
    const m: MnistToHost = raw;
    switch (m.type) {
      case 'ready': {
        this.gate.reset();
        this.gate.markReady();
        testHooks.markReady('mnist');
        const { settings, problems } = readMnistSettings();
        for (const p of problems) void vscode.window.showWarningMessage(p);
        return this.gate.post({ type: 'init', settings });
      }
      case 'data/chooseFolder': return this.chooseFolder();
      case 'training/request': return this.request(m);
      case 'training/backend': case 'training/runStarted': case 'training/batch': case 'training/epoch':
      case 'training/runEnded': case 'training/finished':
        return this.session?.handle(m);
      case 'chart/export': return saveChartExport(m.format, m.data, m.name);
      case 'results/open': {
        // Only a file this panel saved and reported: the webview cannot name arbitrary paths.
        const uri = this.reported.get(m.path);
        if (!uri) return void console.warn('Activation Lab: ignored results/open for a path the MNIST panel did not report');
        return openResults(this.context.extensionUri, uri);
      }
      default: return assertNever(m);
    }
  }
}

/**
 * The optional argument of `activationLab.compareMnist`: `{ start: { config, backend } }`
 * (tests, other extensions). @returns undefined without `start`, null when it is malformed.
 */
function startArg(arg: unknown): { config: TrainConfig; backend: BackendChoice } | undefined | null {
  if (!isRecord(arg) || arg.start === undefined) return undefined;
  const s = arg.start;
  if (!isRecord(s) || !isTrainConfig(s.config)) return null;
  const backend = s.backend ?? 'auto';
  return backend === 'auto' || isBackendName(backend) ? { config: s.config, backend } : null;
}

/**
 * Registers `activationLab.compareMnist` (optional `{ start: { config, backend } }` starts
 * that run once the webview is ready) and `activationLab.openResults` (optional file Uri).
 */
export function registerMnist(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('activationLab.compareMnist', (arg?: unknown) => {
      const start = startArg(arg);
      if (start === null) return void vscode.window.showErrorMessage('Compare Activations on MNIST: the start argument is not a valid { config, backend }');
      if (!MnistPanel.current) {
        const panel = vscode.window.createWebviewPanel('activationLab.mnist', 'MNIST comparison', vscode.ViewColumn.Active, {
          ...webviewOptions(context.extensionUri),
          retainContextWhenHidden: true,
        });
        MnistPanel.current = new MnistPanel(panel, context);
      } else {
        MnistPanel.current.panel.reveal();
      }
      if (start) MnistPanel.current.startWhenReady(start.config, start.backend);
    }),
    vscode.commands.registerCommand('activationLab.openResults', (uri?: vscode.Uri) =>
      openResults(context.extensionUri, uri instanceof vscode.Uri ? uri : undefined)),
  );
}
