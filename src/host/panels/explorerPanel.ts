/**
 * The Activation Explorer panel (host side): one webview panel, restored after a reload
 * by a serializer; the page itself keeps its state with `setState` (it is not retained
 * when hidden). Messages: src/protocol/explorer.ts.
 */
import * as vscode from 'vscode';
import { getActivation, resolveParams } from '../../core/activations/catalogue';
import type { Handlers } from '../../protocol/channel';
import { CommandId, parseShowArgs } from '../../protocol/commands';
import {
  EXPLORER_TO_HOST, EXPLORER_VIEW_TYPE,
  type ExplorerInitialData, type ExplorerToHost, type HostToExplorer,
} from '../../protocol/explorer';
import type { WebviewToHost } from '../../protocol/shared';
import { explorerConfig } from '../config';
import { affectsSavedCustoms, readSavedCustoms } from '../customActivations';
import { createPanel, PanelBase, PanelSlot, panelSerializer, type PanelSpec } from '../webview/panel';

const SPEC: PanelSpec = { viewType: EXPLORER_VIEW_TYPE, title: 'Activation Explorer', entry: 'explorer', name: 'explorer', retain: false };

/** The explorer panel: settings and saved customs follow the configuration. */
class ExplorerPanel extends PanelBase<ExplorerToHost, HostToExplorer> {
  constructor(panel: vscode.WebviewPanel, extensionUri: vscode.Uri) {
    super(panel, extensionUri, SPEC, EXPLORER_TO_HOST);
    this.register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('activationLab.explorer')) this.post({ type: 'explorer/settings', settings: explorerConfig() });
      if (affectsSavedCustoms(e)) this.post({ type: 'explorer/customs', customs: readSavedCustoms() });
    }));
    this.render();
  }

  /** The page sends only the shared `webview/*` scope. */
  protected override handlers(): Handlers<Exclude<ExplorerToHost, WebviewToHost>> {
    return {};
  }

  /** Every ready is answered with the current settings (as the MNIST panel does): the page skips them when unchanged. */
  protected override onReady(): void {
    this.post({ type: 'explorer/settings', settings: explorerConfig() });
  }

  protected override initialData(): ExplorerInitialData {
    return { settings: explorerConfig(), customActivations: readSavedCustoms() };
  }
}

const explorer = new PanelSlot<ExplorerPanel>();

/** Opens the explorer (or reveals the open one). */
function showExplorer(extensionUri: vscode.Uri): ExplorerPanel {
  return explorer.show(() => new ExplorerPanel(createPanel(SPEC, extensionUri), extensionUri));
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
    showExplorer(extensionUri).post({ type: 'explorer/show', id: parsed.id, params: parsed.params });
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
  showExplorer(extensionUri).post({ type: 'explorer/show', id: def.id, params });
}

/**
 * Registers `activationLab.openExplorer`, `activationLab.showActivation` (args
 * `{id, params?}`) and the serializer that restores the panel after a window reload.
 */
export function registerExplorer(context: vscode.ExtensionContext): void {
  const uri = context.extensionUri;
  context.subscriptions.push(
    vscode.commands.registerCommand(CommandId.OpenExplorer, () => { showExplorer(uri); }),
    vscode.commands.registerCommand(CommandId.ShowActivation, (args: unknown) => showActivation(uri, args)),
    vscode.window.registerWebviewPanelSerializer(EXPLORER_VIEW_TYPE, panelSerializer((panel) => explorer.replace(new ExplorerPanel(panel, uri)))),
  );
}
