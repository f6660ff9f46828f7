/**
 * The Gradient Flow panel (host side): one webview panel, restored after a reload by a
 * serializer; the page computes everything itself (pure src/core) and keeps its inputs
 * with `setState`. The host passes the `activationLab.gradient.*` settings and saves chart
 * exports. Messages: src/protocol/gradient.ts.
 */
import * as vscode from 'vscode';
import { gradientConfig } from '../config';
import { saveChartExport } from '../webview/chartExport';
import { createTransientPanel, ReadyGate, setWebviewHtml, wireTransientPanel } from '../webview/panelHost';
import { assertNever } from '../../core/guards';
import {
  GRADIENT_VIEW_TYPE, isGradientToHost,
  type GradientInitialData, type GradientToWebview,
} from '../../protocol/gradient';
import { testHooks } from '../testHooks';
import { affectsSavedCustoms, readSavedCustoms } from '../customActivations';

const TITLE = 'Gradient Flow';

/** The single Gradient Flow panel, if open. */
class GradientPanel {
  static current: GradientPanel | undefined;
  private readonly gate: ReadyGate<GradientToWebview>;
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(private readonly panel: vscode.WebviewPanel, extensionUri: vscode.Uri) {
    this.gate = new ReadyGate(panel.webview);
    this.disposables.push(...wireTransientPanel(panel, extensionUri, this.gate, (m) => this.onMessage(m), () => this.dispose(), [
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('activationLab.gradient')) this.gate.post({ type: 'gradient/settings', settings: gradientConfig() });
        // Saved customs are resolved when the page loads: reload it (its inputs come back from setState).
        if (affectsSavedCustoms(e)) this.render(extensionUri);
      }),
    ]));
    this.render(extensionUri);
  }

  /** (Re)loads the page with the current settings and saved custom activations. */
  private render(extensionUri: vscode.Uri): void {
    this.gate.reset();
    const initialData: GradientInitialData = { settings: gradientConfig(), customActivations: readSavedCustoms() };
    setWebviewHtml(this.panel.webview, extensionUri, 'gradient', TITLE, { initialData });
  }

  /** Opens the panel (or reveals the open one). */
  static show(extensionUri: vscode.Uri): void {
    if (GradientPanel.current) {
      GradientPanel.current.panel.reveal(undefined, false);
      return;
    }
    const panel = createTransientPanel(GRADIENT_VIEW_TYPE, TITLE, extensionUri);
    GradientPanel.current = new GradientPanel(panel, extensionUri);
  }

  /** Takes over a panel VS Code restored after a reload (its page restores its own state). */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri): void {
    GradientPanel.current?.panel.dispose();
    GradientPanel.current = new GradientPanel(panel, extensionUri);
  }

  private onMessage(raw: unknown): void {
    if (!isGradientToHost(raw)) {
      console.warn('Activation Lab: ignored malformed message from the Gradient Flow webview');
      return;
    }
    switch (raw.type) {
      case 'ready':
        this.gate.markReady();
        testHooks.markReady('gradient');
        return;
      case 'gradient/export':
        void saveChartExport(raw.format, raw.data, raw.baseName);
        return;
      case 'gradient/openSettings':
        void vscode.commands.executeCommand('workbench.action.openSettings', 'activationLab.gradient');
        return;
      default:
        assertNever(raw);
    }
  }

  private dispose(): void {
    if (GradientPanel.current === this) GradientPanel.current = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** Registers `activationLab.openGradientFlow` and the panel's serializer. */
export function registerGradientFlow(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('activationLab.openGradientFlow', () => GradientPanel.show(context.extensionUri)),
    vscode.window.registerWebviewPanelSerializer(GRADIENT_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel) => {
        GradientPanel.revive(panel, context.extensionUri);
      },
    }),
  );
}
