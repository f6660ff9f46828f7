import * as vscode from 'vscode';
import { saveChartExport } from '../webview/chartExport';
import { ReadyGate, setWebviewHtml, webviewOptions } from '../webview/panelHost';
import { assertNever } from '../../core/guards';
import { isResultsToHost, type HostToResults, type ResultsToHost, type ShownResults } from '../../protocol/results';
import { parseResults } from '../../node/resultsFile';
import { testHooks } from '../testHooks';
import { resultsFolderUri } from '../config';

/**
 * Reads and validates a results file through `workspace.fs` (works on remote workspaces).
 * @throws ResultsFileError / FileSystemError with the file named in the message.
 */
export async function loadResults(uri: vscode.Uri): Promise<ShownResults> {
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (e) {
    throw new Error(`${uri.fsPath}: cannot read (${(e as Error).message})`);
  }
  const label = uri.path.split('/').pop()!.replace(/\.json$/i, '');
  return { label, path: vscode.workspace.asRelativePath(uri), results: parseResults(new TextDecoder().decode(bytes), vscode.workspace.asRelativePath(uri)) };
}

async function pickResultsFile(title: string): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title,
    canSelectMany: false,
    defaultUri: resultsFolderUri(),
    filters: { 'Activation Lab results': ['json'] },
  });
  return picked?.[0];
}

/**
 * One results panel: shows a results file, optionally a second one to compare. Restores
 * from the host's copy when the webview reloads (no retainContextWhenHidden).
 */
class ResultsPanel {
  private files: ShownResults[] = [];
  private readonly gate: ReadyGate<HostToResults>;

  constructor(private readonly panel: vscode.WebviewPanel, extensionUri: vscode.Uri, first: ShownResults) {
    this.files = [first];
    this.gate = new ReadyGate(panel.webview);
    panel.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m));
    setWebviewHtml(panel.webview, extensionUri, 'results', 'Activation Lab Results');
  }

  private post(): void {
    this.panel.title = `Results: ${this.files.map((f) => f.label).join(' vs ')}`;
    this.gate.post({ type: 'results/show', files: this.files });
  }

  private async pick(replaceAll: boolean): Promise<void> {
    const uri = await pickResultsFile(replaceAll ? 'Open Activation Lab results' : 'Compare with results file');
    if (!uri) return;
    try {
      const loaded = await loadResults(uri);
      this.files = replaceAll ? [loaded] : [this.files[0]!, loaded];
      this.post();
    } catch (e) {
      this.gate.post({ type: 'results/error', message: (e as Error).message });
      void vscode.window.showErrorMessage((e as Error).message);
    }
  }

  private async onMessage(raw: unknown): Promise<void> {
    if (!isResultsToHost(raw)) {
      console.warn('Activation Lab: ignored a malformed message from the results webview');
      return;
    }
    const m: ResultsToHost = raw;
    switch (m.type) {
      case 'ready':
        this.gate.reset();
        this.gate.markReady();
        testHooks.markReady('results');
        return this.post();
      case 'results/compare': return this.pick(false);
      case 'results/open': return this.pick(true);
      case 'results/clearCompare':
        this.files = this.files.slice(0, 1);
        return this.post();
      case 'chart/export': return saveChartExport(m.format, m.data, m.name);
      default: return assertNever(m);
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
  const panel = vscode.window.createWebviewPanel('activationLab.results', `Results: ${first.label}`, vscode.ViewColumn.Active, webviewOptions(extensionUri));
  new ResultsPanel(panel, extensionUri, first);
}
