import * as vscode from 'vscode';
import { registerCustomActivations } from './host/customActivations';
import { registerCompanions } from './host/editor/register';
import { setLogChannel } from './host/log';
import { registerExplorer } from './host/panels/explorerPanel';
import { registerGradientFlow } from './host/panels/gradientPanel';
import { registerMnist } from './host/panels/mnistPanel';
import { abandonRunningSessions } from './host/panels/mnistSession';
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
  // VS Code writes a log channel to `<logUri>/<name>.log`; the integration tests read it.
  testHooks.setLogFile(vscode.Uri.joinPath(context.logUri, 'Activation Lab.log').fsPath);
  registerExplorer(context);
  registerGradientFlow(context);
  registerMnist(context);
  registerCompanions(context);
  registerCustomActivations(context);
  return { testHooks };
}

/**
 * Called by VS Code when the extension is deactivated (a window reload or close, an update):
 * every listener, panel and provider is in `context.subscriptions`, which VS Code disposes;
 * a running MNIST comparison is saved first, as `cancelled` with every finished epoch
 * (VS Code waits up to about 5 s for the returned promise; the run's journal covers the rest).
 */
export function deactivate(): Promise<void> {
  return abandonRunningSessions('the window was reloaded or closed mid-run');
}
