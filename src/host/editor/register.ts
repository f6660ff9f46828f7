import * as vscode from 'vscode';
import { CommandId } from '../../protocol/commands';
import { hoverConfig, sideViewConfig } from '../config';
import { companionSettings, type CompanionSettings } from './companionSettings';
import { ActivationHoverProvider } from './hoverProvider';
import { RegionCache } from './regionCache';
import { watchResults } from './resultsFinder';
import { lazyRenderer } from '../rendererLoader';
import { SIDE_VIEW_ID, SideViewProvider } from './sideViewProvider';

/** Languages the hover is registered for (each can be switched off in settings). */
const HOVER_SELECTOR: vscode.DocumentSelector = ['typescript', 'javascript', 'typescriptreact', 'javascriptreact', 'python']
  .flatMap((language) => [{ language, scheme: 'file' }, { language, scheme: 'untitled' }]);

/** Current hover and side view settings (validated; invalid values warned about once). */
function readSettings(): CompanionSettings {
  return companionSettings(hoverConfig(), sideViewConfig());
}

/**
 * Registers the coding companions: the activation hover, the "Activation at Cursor" side
 * view and `activationLab.togglePin`. Loads nothing heavy: the plot renderer
 * (out/hostRender.js, vega) is required on the first hover that needs an image.
 */
export function registerCompanions(context: vscode.ExtensionContext): void {
  const regions = new RegionCache();
  const renderer = lazyRenderer(vscode.Uri.joinPath(context.extensionUri, 'out', 'hostRender.js').fsPath);
  const hover = new ActivationHoverProvider(readSettings, renderer, regions);
  const side = new SideViewProvider(context.extensionUri, readSettings, regions, context.globalStorageUri);
  context.subscriptions.push(
    vscode.languages.registerHoverProvider(HOVER_SELECTOR, hover),
    vscode.window.registerWebviewViewProvider(SIDE_VIEW_ID, side),
    vscode.commands.registerCommand(CommandId.TogglePin, () => side.togglePin()),
    side,
    watchResults(context.globalStorageUri, () => void side.refreshResults()),
    vscode.workspace.onDidCloseTextDocument((d) => regions.delete(d.uri.toString())),
    vscode.window.onDidChangeActiveColorTheme(() => hover.images.clear()),
  );
}
