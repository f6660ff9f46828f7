import * as vscode from 'vscode';
import { registerCustomActivations } from './host/customActivations';
import { registerCompanions } from './host/editor/register';
import { setLogChannel } from './host/log';
import { registerExplorer } from './host/panels/explorerPanel';
import { registerGradientFlow } from './host/panels/gradientPanel';
import { registerMnist } from './host/panels/mnistPanel';
import { testHooks, type TestHooks } from './host/testHooks';

/** The extension's API (used by the integration tests). */
export interface ActivationLabApi {
  readonly testHooks: TestHooks;
}

/** Entry point: only wires features; each feature registers its own commands and views. */
export function activate(context: vscode.ExtensionContext): ActivationLabApi {
  const log = vscode.window.createOutputChannel('Activation Lab', { log: true });
  context.subscriptions.push(log);
  setLogChannel(log);
  registerExplorer(context);
  registerGradientFlow(context);
  registerMnist(context);
  registerCompanions(context);
  registerCustomActivations(context);
  return { testHooks };
}

/**
 * Called by VS Code when the extension is deactivated. Nothing to do: every listener,
 * panel and provider is registered in `context.subscriptions`, which VS Code disposes.
 */
export function deactivate(): void {
  // Intentionally empty (see above).
}
