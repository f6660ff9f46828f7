import * as vscode from 'vscode';
import { setting } from '../config';
import { sanitizeCompanionSettings, type CompanionSettings } from './companionSettings';
import { ActivationHoverProvider } from './hoverProvider';
import { RegionCache } from './regionCache';
import { watchResults } from './resultsFinder';
import { lazyRenderer } from './rendererLoader';
import { SIDE_VIEW_ID, SideViewProvider } from './sideViewProvider';

/** Languages the hover is registered for (each can be switched off in settings). */
const HOVER_SELECTOR: vscode.DocumentSelector = ['typescript', 'javascript', 'typescriptreact', 'javascriptreact', 'python']
  .flatMap((language) => [{ language, scheme: 'file' }, { language, scheme: 'untitled' }]);

function readSettings(): CompanionSettings {
  return sanitizeCompanionSettings({
    hoverLanguages: setting<unknown>('hover.languages', undefined),
    strictness: setting<unknown>('hover.strictness', undefined),
    xMin: setting<unknown>('hover.plotXMin', undefined),
    xMax: setting<unknown>('hover.plotXMax', undefined),
    followCursor: setting<unknown>('sideView.followCursor', undefined),
    debounceMs: setting<unknown>('sideView.debounceMs', undefined),
  });
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
  const side = new SideViewProvider(context.extensionUri, readSettings, regions);
  context.subscriptions.push(
    vscode.languages.registerHoverProvider(HOVER_SELECTOR, hover),
    vscode.window.registerWebviewViewProvider(SIDE_VIEW_ID, side),
    vscode.commands.registerCommand('activationLab.togglePin', () => side.togglePin()),
    side,
    watchResults(() => void side.refreshResults()),
    vscode.workspace.onDidCloseTextDocument((d) => regions.delete(d.uri.toString())),
    vscode.window.onDidChangeActiveColorTheme(() => hover.images.clear()),
  );
}
