/**
 * The Activation Explorer panel (host side): one webview panel, restored after a reload
 * by a serializer; the page itself keeps its state with `setState` (it is not retained
 * when hidden). Messages: src/protocol/explorer.ts.
 */
import * as vscode from 'vscode';
import { getActivation, resolveParams } from '../../core/activations/catalogue';
import { explorerConfig } from '../config';
import { saveChartExport } from '../webview/chartExport';
import { createTransientPanel, ReadyGate, setWebviewHtml, wireTransientPanel } from '../webview/panelHost';
import { assertNever } from '../../core/guards';
import {
  EXPLORER_VIEW_TYPE, isExplorerToHost, parseShowArgs,
  type ExplorerInitialData, type ExplorerToWebview,
} from '../../protocol/explorer';
import { testHooks } from '../testHooks';
import { affectsSavedCustoms, handleCustomMessage, readSavedCustoms } from '../customActivations';
import { isCustomToHost } from '../../protocol/shared';

const TITLE = 'Activation Explorer';

/** The single explorer panel, if open. */
class ExplorerPanel {
  static current: ExplorerPanel | undefined;
  private readonly gate: ReadyGate<ExplorerToWebview>;
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(private readonly panel: vscode.WebviewPanel, private readonly extensionUri: vscode.Uri) {
    this.gate = new ReadyGate(panel.webview);
    this.disposables.push(...wireTransientPanel(panel, extensionUri, this.gate, (m) => this.onMessage(m), () => this.dispose(), [
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('activationLab.explorer')) this.gate.post({ type: 'explorer/settings', settings: explorerConfig() });
        if (affectsSavedCustoms(e)) this.gate.post({ type: 'explorer/customs', customs: readSavedCustoms() });
      }),
    ]));
    this.render();
  }

  /** Opens the panel (or reveals the open one). */
  static show(extensionUri: vscode.Uri): ExplorerPanel {
    if (ExplorerPanel.current) {
      ExplorerPanel.current.panel.reveal(undefined, false);
      return ExplorerPanel.current;
    }
    const panel = createTransientPanel(EXPLORER_VIEW_TYPE, TITLE, extensionUri);
    ExplorerPanel.current = new ExplorerPanel(panel, extensionUri);
    return ExplorerPanel.current;
  }

  /** Takes over a panel VS Code restored after a reload (its page restores its own state). */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri): void {
    ExplorerPanel.current?.panel.dispose();
    ExplorerPanel.current = new ExplorerPanel(panel, extensionUri);
  }

  /** Queues a message until the page is ready. */
  post(message: ExplorerToWebview): void {
    this.gate.post(message);
  }

  private render(): void {
    this.gate.reset();
    const initialData: ExplorerInitialData = { settings: explorerConfig(), customActivations: readSavedCustoms() };
    setWebviewHtml(this.panel.webview, this.extensionUri, 'explorer', TITLE, { initialData });
  }

  private onMessage(raw: unknown): void {
    if (isCustomToHost(raw)) return void handleCustomMessage(raw, (m) => this.panel.webview.postMessage(m));
    if (!isExplorerToHost(raw)) {
      console.warn('Activation Lab: ignored malformed message from the explorer webview');
      return;
    }
    switch (raw.type) {
      case 'ready':
        this.gate.markReady();
        testHooks.markReady('explorer');
        return;
      case 'explorer/export':
        void saveChartExport(raw.format, raw.data, raw.baseName);
        return;
      default:
        assertNever(raw);
    }
  }

  private dispose(): void {
    if (ExplorerPanel.current === this) ExplorerPanel.current = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/**
 * `activationLab.showActivation` handler: validates `{id, params?}` against the catalogue
 * (errors shown to the user, never thrown) and shows that activation in the explorer.
 */
function showActivation(extensionUri: vscode.Uri, args: unknown): void {
  const parsed = parseShowArgs(args);
  if (!parsed) {
    void vscode.window.showErrorMessage('Activation Lab: showActivation expects {id, params?} with numeric params.');
    return;
  }
  const def = getActivation(parsed.id);
  if (!def && readSavedCustoms().some((c) => c.name === parsed.id)) {
    // A saved custom activation (hover link): the page compiles it and checks the params.
    ExplorerPanel.show(extensionUri).post({ type: 'explorer/show', id: parsed.id, params: parsed.params });
    return;
  }
  if (!def) {
    void vscode.window.showErrorMessage(`Activation Lab: unknown activation '${parsed.id}'.`);
    return;
  }
  let params: Record<string, number> | undefined;
  try {
    params = parsed.params ? { ...resolveParams(def, parsed.params) } : undefined;
  } catch (e) {
    void vscode.window.showErrorMessage(`Activation Lab: ${(e as Error).message}`);
    return;
  }
  ExplorerPanel.show(extensionUri).post({ type: 'explorer/show', id: def.id, params });
}

/**
 * Registers `activationLab.openExplorer`, `activationLab.showActivation` (args
 * `{id, params?}`) and the serializer that restores the panel after a window reload.
 */
export function registerExplorer(context: vscode.ExtensionContext): void {
  const uri = context.extensionUri;
  context.subscriptions.push(
    vscode.commands.registerCommand('activationLab.openExplorer', () => { ExplorerPanel.show(uri); }),
    vscode.commands.registerCommand('activationLab.showActivation', (args: unknown) => showActivation(uri, args)),
    vscode.window.registerWebviewPanelSerializer(EXPLORER_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel) => { ExplorerPanel.revive(panel, uri); },
    }),
  );
}
