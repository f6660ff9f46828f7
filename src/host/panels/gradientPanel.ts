/**
 * The Gradient Flow panel (host side): one webview panel, restored after a reload by a
 * serializer; the page computes everything itself (pure src/core) and keeps its inputs
 * with `setState`. The host passes the `activationLab.gradient.*` settings; chart exports
 * and opening the settings are the shared `webview/*` scope. Messages: src/protocol/gradient.ts.
 */
import * as vscode from 'vscode';
import type { Handlers } from '../../protocol/channel';
import { CommandId, parseShowArgs } from '../../protocol/commands';
import {
  GRADIENT_TO_HOST, GRADIENT_VIEW_TYPE,
  type GradientInitialData, type GradientToHost, type HostToGradient,
} from '../../protocol/gradient';
import type { WebviewToHost } from '../../protocol/shared';
import { gradientConfig } from '../config';
import { affectsSavedCustoms, readSavedCustoms } from '../customActivations';
import { createPanel, PanelBase, PanelSlot, panelSerializer, type PanelSpec } from '../webview/panel';

const SPEC: PanelSpec = { viewType: GRADIENT_VIEW_TYPE, title: 'Gradient Flow', entry: 'gradient', name: 'gradient', retain: false };

/** The Gradient Flow panel. */
class GradientPanel extends PanelBase<GradientToHost, HostToGradient> {
  constructor(panel: vscode.WebviewPanel, extensionUri: vscode.Uri) {
    super(panel, extensionUri, SPEC, GRADIENT_TO_HOST);
    this.register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('activationLab.gradient')) this.post({ type: 'gradient/settings', settings: gradientConfig() });
      // Saved customs are resolved when the page loads: reload it (its inputs come back from setState).
      if (affectsSavedCustoms(e)) this.render();
    }));
    this.render();
  }

  /** The page sends only the shared `webview/*` scope. */
  protected override handlers(): Handlers<Exclude<GradientToHost, WebviewToHost>> {
    return {};
  }

  /** Every ready is answered with the current settings (as the MNIST panel does): the page skips them when unchanged. */
  protected override onReady(): void {
    this.post({ type: 'gradient/settings', settings: gradientConfig() });
  }

  protected override initialData(): GradientInitialData {
    return { settings: gradientConfig(), customActivations: readSavedCustoms() };
  }
}

const gradient = new PanelSlot<GradientPanel>();

/** Registers `activationLab.openGradientFlow` and the panel's serializer. */
export function registerGradientFlow(context: vscode.ExtensionContext): void {
  const uri = context.extensionUri;
  context.subscriptions.push(
    vscode.commands.registerCommand(CommandId.OpenGradientFlow, (args?: unknown) => {
      const panel = gradient.show(() => new GradientPanel(createPanel(SPEC, uri), uri));
      // Arguments come from links and other extensions: malformed ones open the panel as it is.
      const chain = args === undefined ? undefined : parseShowArgs(args);
      if (chain) panel.post({ type: 'gradient/chain', activation: chain.id, params: chain.params ?? {} });
    }),
    vscode.window.registerWebviewPanelSerializer(GRADIENT_VIEW_TYPE, panelSerializer((panel) => gradient.replace(new GradientPanel(panel, uri)))),
  );
}
