import type * as vscode from 'vscode';
import { registerExplorer } from './panels/explorerPanel';
import { registerGradientFlow } from './panels/gradientPanel';
import { registerMnist } from './panels/mnistPanel';
import { registerCompanions } from './companions/register';

/** Entry point: only wires features; each feature registers its own commands and views. */
export function activate(context: vscode.ExtensionContext): void {
  registerExplorer(context);
  registerGradientFlow(context);
  registerMnist(context);
  registerCompanions(context);
}

export function deactivate(): void {
  // Disposables are owned by context.subscriptions.
}
