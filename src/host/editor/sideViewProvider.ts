/**
 * The "Activation at Cursor" webview view (`activationLab.sideView`): shows the activation
 * under the cursor (or the last one seen, or the pinned one) and, below it, the latest
 * MNIST results file of the workspace. Posts only after the webview's ready handshake.
 */
import * as vscode from 'vscode';
import { basename } from 'node:path';
import { getActivation } from '../../core/activations/catalogue';
import { languageFamily } from '../../core/recognise/lexical';
import { recogniseAt } from '../../core/recognise/recognise';
import { CommandId } from '../../protocol/commands';
import { SIDE_TO_HOST, type HostToSide, type SideActivation, type SideToHost } from '../../protocol/sideView';
import { runCommand } from '../commands';
import { savedActivations } from '../customActivations';
import { setWebviewHtml, WebviewConnection, webviewOptions } from '../webview/connection';
import type { CompanionSettings } from './companionSettings';
import { resolveMatch } from './hoverContent';
import { findLatestResults } from './resultsFinder';
import type { RegionCache } from './regionCache';
import { sideActivation } from './sideContent';

/** The view id contributed in package.json. */
export const SIDE_VIEW_ID = 'activationLab.sideView';

/** WebviewViewProvider plus the cursor-following logic. */
export class SideViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private connection: WebviewConnection<SideToHost, HostToSide> | undefined;
  private pinned = false;
  private last: SideActivation | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subs: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly settings: () => CompanionSettings,
    private readonly regions: RegionCache,
    /** The extension's `context.globalStorageUri`: where results go without a workspace. */
    private readonly globalStorage: vscode.Uri,
  ) {
    this.subs.push(
      vscode.window.onDidChangeTextEditorSelection((e) => this.schedule(e.textEditor)),
      vscode.window.onDidChangeActiveTextEditor((e) => e && this.schedule(e)),
    );
  }

  /** Called by VS Code when the view is first shown (and again after it was disposed). */
  resolveWebviewView(view: vscode.WebviewView): void {
    view.webview.options = webviewOptions(this.extensionUri);
    const connection = new WebviewConnection<SideToHost, HostToSide>(view.webview, {
      name: 'sideView',
      checks: SIDE_TO_HOST,
      handlers: {
        'side/togglePin': () => this.togglePin(),
        'side/openExplorer': (m) => this.known(m) && runCommand(CommandId.ShowActivation, { id: m.id, params: m.params }),
        'side/compareMnist': (m) => this.known(m) && runCommand(CommandId.CompareMnist, { activation: m.id, params: m.params }),
      },
      onReady: () => {
        if (this.last) connection.post({ type: 'side/activation', activation: this.last, pinned: this.pinned });
        void this.refreshResults();
      },
    });
    this.connection = connection;
    this.subs.push(connection);
    setWebviewHtml(view.webview, this.extensionUri, 'side', 'Activation at Cursor');
    // A hidden view's page is destroyed; it posts `webview/ready` again when shown.
    view.onDidChangeVisibility(() => {
      if (!view.visible) connection.reset();
    }, undefined, this.subs);
    view.onDidDispose(() => {
      connection.dispose();
      if (this.connection === connection) this.connection = undefined;
    }, undefined, this.subs);
    const w = vscode.window.activeTextEditor;
    if (w) this.update(w);
  }

  /**
   * True when the page names a catalogue activation or a saved custom one (what the view can
   * show); logs and refuses any other id rather than open a panel on an error.
   */
  private known(m: { readonly type: string; readonly id: string }): boolean {
    if (getActivation(m.id) || savedActivations().names.includes(m.id)) return true;
    this.connection?.warn(`sideView webview: ignored ${m.type} for ${JSON.stringify(m.id)}, not a known activation`);
    return false;
  }

  /** `activationLab.togglePin`: freeze the view on its activation, or follow the cursor again. */
  togglePin(): void {
    this.pinned = !this.pinned;
    this.connection?.post({ type: 'side/pin', pinned: this.pinned });
    if (!this.pinned && vscode.window.activeTextEditor) this.update(vscode.window.activeTextEditor);
  }

  /** Whether the view is pinned (does not follow the cursor). */
  get isPinned(): boolean {
    return this.pinned;
  }

  private schedule(editor: vscode.TextEditor): void {
    if (this.pinned || !this.connection || !this.settings().followCursor) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.update(editor), this.settings().debounceMs);
  }

  /** Recognises at the editor's cursor and shows the result; keeps the last one otherwise. */
  private update(editor: vscode.TextEditor): void {
    const doc = editor.document;
    const family = languageFamily(doc.languageId);
    if (!family || this.pinned) return;
    const s = this.settings();
    const text = doc.getText();
    const regions = this.regions.get(doc.uri.toString(), doc.version, text, family);
    const saved = savedActivations();
    const match = recogniseAt(text, doc.offsetAt(editor.selection.active), { family, strictness: s.strictness, regions, savedNames: saved.names });
    if (!match) return;
    const { def, params, notes } = resolveMatch(match, saved);
    if (!def) return;
    const where = `${basename(doc.uri.path)}:${doc.positionAt(match.start).line + 1}`;
    this.last = sideActivation(match, def, params, notes, where, s);
    this.connection?.post({ type: 'side/activation', activation: this.last, pinned: this.pinned });
  }

  /** Reads the newest results file and posts its summary (or why there is none). */
  async refreshResults(): Promise<void> {
    if (!this.connection) return;
    const results = await findLatestResults(this.globalStorage);
    this.connection?.post({ type: 'side/results', results });
  }

  /** Stops following the cursor. */
  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.subs.splice(0)) d.dispose();
  }
}
