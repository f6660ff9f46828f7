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
import { mnistConfig, resultsFolderUri } from '../config';
import { affectsSavedCustoms, readSavedCustoms } from '../customActivations';
import { testHooks } from '../testHooks';
import { createPanel, PanelBase, PanelSlot, panelSerializer, type PanelSpec } from '../webview/panel';
import { recoverInterruptedRuns, ResultsSaver, type SaveOutcome } from './mnistSave';
import { TrainingSession, type TrainingMessage } from './mnistSession';
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
  /** The saver of the last run whose results could not be written (for `training/saveAs`). */
  private unsaved: ResultsSaver | undefined;
  /** Results files this panel reported as saved (`training/saved` path -> file): the only ones `results/open` opens. */
  private readonly reported = new Map<string, vscode.Uri>();

  /**
   * @param globalStorage the extension's global storage (results go to `<it>/runs` without a workspace).
   * @param journalDir where running comparisons keep their journal (src/node/runJournal.ts), if anywhere.
   */
  constructor(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, private readonly globalStorage: vscode.Uri, private readonly journalDir: string | undefined) {
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
    const progress = (m: TrainingMessage) => {
      // Checked against the running comparison too: only its own runs and epochs reach the results file.
      const why = this.session ? this.session.refusal(m) : 'no comparison is running';
      if (why) return this.warn(`mnist webview: ignored ${m.type} (${why})`);
      return this.session!.handle(m);
    };
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
      'training/saveAs': () => this.saveAs(),
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
      if (this.session?.active) {
        this.warn('mnist webview: refused a comparison started by command (a comparison is already running)');
        return void vscode.window.showWarningMessage('MNIST comparison: a comparison is already running; stop it first or wait until it has saved.');
      }
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
    const reject = (message: string) => {
      this.warn(`mnist webview: refused training/request (${message})`);
      this.post({ type: 'training/rejected', message });
    };
    // One run at a time: never two runs writing into one results folder at once.
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
    const saver = new ResultsSaver(resultsFolderUri(this.globalStorage), this.journalDir);
    this.session = new TrainingSession(config, () => this.post({ type: 'training/cancel' }), saver, (outcome) => this.saved(saver, outcome));
    this.post({ type: 'training/begin', config, backend: m.backend, source: m.source, workers: mnistConfig().workers });
  }

  private saved(saver: ResultsSaver, outcome: SaveOutcome): void {
    const post = (m: HostToMnist) => {
      if (!this.disposed) this.post(m);
    };
    if ('error' in outcome) {
      this.unsaved = outcome.canSaveAs ? saver : undefined;
      post({ type: 'training/saveFailed', message: outcome.error, canSaveAs: outcome.canSaveAs });
      testHooks.note('mnist', `save failed: ${outcome.error}`);
      const actions = outcome.canSaveAs ? ['Save As...'] : [];
      void vscode.window.showErrorMessage(`MNIST comparison: ${outcome.error}${outcome.canSaveAs ? '. The results are kept: Save As... writes them elsewhere.' : ''}`, ...actions).then((pick) => {
        if (pick) void this.saveAs(saver);
      });
      return;
    }
    if (this.unsaved === saver) this.unsaved = undefined;
    const uri = outcome.uri;
    const rel = vscode.workspace.asRelativePath(uri);
    this.reported.set(rel, uri);
    post({ type: 'training/saved', path: rel });
    testHooks.note('mnist', `saved: ${uri.fsPath}`);
    void vscode.window.showInformationMessage(`MNIST comparison saved to ${rel}`, 'Open Results').then((pick) => {
      if (pick) void openResults(this.extensionUri, uri);
    });
  }

  /** "Save As..." for the kept results (the panel's button or the error notification's). */
  private async saveAs(saver = this.unsaved): Promise<void> {
    if (!saver?.pending) return this.warn('mnist webview: ignored training/saveAs (no unsaved results)');
    const outcome = await saver.saveAs();
    if (outcome) this.saved(saver, outcome);
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
  const storage = context.storageUri ?? context.globalStorageUri;
  const journalDir = storage.scheme === 'file' ? vscode.Uri.joinPath(storage, 'interrupted-runs').fsPath : undefined;
  const make = (panel: vscode.WebviewPanel) => new MnistPanel(panel, uri, context.globalStorageUri, journalDir);
  const open = () => mnist.show(() => make(createPanel(SPEC, uri)));
  // Runs whose extension host ended mid-run (a reload, a crash): saved or announced now.
  if (journalDir) void recoverInterruptedRuns(journalDir, (file) => openResults(uri, file));
  context.subscriptions.push(
    // After a window reload the panel comes back (and activates the extension, which finishes saving).
    vscode.window.registerWebviewPanelSerializer(SPEC.viewType, panelSerializer((panel) => mnist.replace(make(panel)))),
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
