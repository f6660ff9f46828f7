/**
 * Results panels (host side): read and validate results files through `workspace.fs`, show
 * one or two in a panel, pick others. Messages: src/protocol/results.ts.
 */
import * as vscode from 'vscode';
import { parseComparisonFile } from '../../core/results/loadFile';
import type { Handlers } from '../../protocol/channel';
import { RESULTS_TO_HOST, type HostToResults, type ResultsToHost, type ShownResults } from '../../protocol/results';
import type { WebviewToHost } from '../../protocol/shared';
import { CommandId, type ShowActivationArgs } from '../../protocol/commands';
import { resultsFolderUri } from '../config';
import { createPanel, PanelBase, type PanelSpec } from '../webview/panel';

/**
 * Reads and validates a results file, or a training history from Python (Keras
 * `history.history` JSON, a CSVLogger `.csv`, a PyTorch dict of lists), through
 * `workspace.fs` (works on remote workspaces).
 * @throws ResultsFileError / Error with the file named in the message and its first problem.
 */
async function loadResults(uri: vscode.Uri): Promise<ShownResults> {
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (e) {
    throw new Error(`${uri.fsPath}: cannot read (${(e as Error).message})`, { cause: e });
  }
  const label = uri.path.split('/').pop()!.replace(/\.(json|csv)$/i, '');
  const path = vscode.workspace.asRelativePath(uri);
  const loaded = parseComparisonFile(new TextDecoder().decode(bytes), path);
  return loaded.kind === 'results' ? { label, path, results: loaded.results } : { label, path, history: loaded.history };
}

async function pickResultsFile(title: string): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title,
    canSelectMany: false,
    defaultUri: resultsFolderUri(),
    filters: { 'Activation Lab results, Keras or PyTorch histories': ['json', 'csv'] },
  });
  return picked?.[0];
}

const SPEC: PanelSpec = { viewType: 'activationLab.results', title: 'Activation Lab Results', entry: 'results', name: 'results', retain: false };

/**
 * One results panel: shows a results file, optionally a second one to compare. Restores
 * from the host's copy when the webview reloads (no retainContextWhenHidden); any number
 * may be open.
 */
class ResultsPanel extends PanelBase<ResultsToHost, HostToResults> {
  private files: ShownResults[];

  constructor(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, first: ShownResults) {
    super(panel, extensionUri, SPEC, RESULTS_TO_HOST);
    this.files = [first];
    this.render();
  }

  protected override onReady(): void {
    this.show();
  }

  protected override handlers(): Handlers<Exclude<ResultsToHost, WebviewToHost>> {
    return {
      'results/compare': () => this.pick(false),
      'results/open': () => this.pick(true),
      'results/openGradientFlow': (m) => void vscode.commands.executeCommand(CommandId.OpenGradientFlow, { id: m.activation, params: m.params } satisfies ShowActivationArgs),
      'results/clearCompare': () => {
        this.files = this.files.slice(0, 1);
        this.show();
      },
    };
  }

  private show(): void {
    this.panel.title = `Results: ${this.files.map((f) => f.label).join(' vs ')}`;
    this.post({ type: 'results/show', files: this.files });
  }

  private async pick(replaceAll: boolean): Promise<void> {
    const uri = await pickResultsFile(replaceAll ? 'Open Activation Lab results' : 'Compare with results file');
    if (!uri) return;
    try {
      const loaded = await loadResults(uri);
      this.files = replaceAll ? [loaded] : [this.files[0]!, loaded];
      this.show();
    } catch (e) {
      this.post({ type: 'results/error', message: (e as Error).message });
      void vscode.window.showErrorMessage((e as Error).message);
    }
  }
}

/**
 * Opens a results panel on `uri`, or asks for a file when `uri` is missing. A bad file
 * gets an error message naming it and no panel.
 */
export async function openResults(extensionUri: vscode.Uri, uri?: vscode.Uri): Promise<void> {
  const target = uri ?? (await pickResultsFile('Open Activation Lab results'));
  if (!target) return;
  let first: ShownResults;
  try {
    first = await loadResults(target);
  } catch (e) {
    void vscode.window.showErrorMessage((e as Error).message);
    return;
  }
  const panel = createPanel({ ...SPEC, title: `Results: ${first.label}` }, extensionUri);
  new ResultsPanel(panel, extensionUri, first);
}
