import * as vscode from 'vscode';
import { buildWebviewHtml, makeNonce } from './html';

/**
 * Webview options shared by every panel and view: scripts on, resources only from the
 * built webview folder (`out/webview`) and `media/`.
 */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [
      vscode.Uri.joinPath(extensionUri, 'out', 'webview'),
      vscode.Uri.joinPath(extensionUri, 'media'),
    ],
  };
}

/**
 * Sets `webview.html` for the bundle `out/webview/<entry>.js` (+ `<entry>.css` and the
 * shared `media/webview.css`), with a fresh nonce and the strict CSP of buildWebviewHtml.
 */
export function setWebviewHtml(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  entry: string,
  title: string,
  extra: { allowWasm?: boolean; initialData?: unknown } = {},
): void {
  const out = vscode.Uri.joinPath(extensionUri, 'out', 'webview');
  const uri = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(out, ...p)).toString();
  webview.html = buildWebviewHtml({
    cspSource: webview.cspSource,
    nonce: makeNonce(),
    title,
    scriptUri: uri(`${entry}.js`),
    styleUris: [
      webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'webview.css')).toString(),
      uri(`${entry}.css`),
    ],
    allowWasm: extra.allowWasm,
    // With a trailing '/': pages append relative paths (`${baseUri}data/...`, `wasm/`), as
    // the browser harness does; found by the real-VS-Code suite (HTTP 401 on out/webviewdata).
    initialData: { ...(extra.initialData as object | undefined), baseUri: uri('').replace(/\/?$/, '/') },
  });
}

/**
 * Ready handshake (after vscode-pull-request-github's `_waitForReady`): messages posted
 * before the webview said `{type: 'ready'}` are queued, then flushed in order.
 */
export class ReadyGate<M> {
  private ready = false;
  private queue: M[] = [];
  private waiters: Array<() => void> = [];

  constructor(private readonly webview: vscode.Webview) {}

  /** Call when the webview posts its ready message (also after a reload: resets first). */
  markReady(): void {
    this.ready = true;
    const q = this.queue;
    this.queue = [];
    for (const m of q) void this.webview.postMessage(m);
    for (const w of this.waiters.splice(0)) w();
  }

  /** Call when the webview's html is (re)set: later posts wait for the next ready. */
  reset(): void {
    this.ready = false;
  }

  get isReady(): boolean {
    return this.ready;
  }

  /** Resolves once the webview is ready. */
  whenReady(): Promise<void> {
    return this.ready ? Promise.resolve() : new Promise((r) => this.waiters.push(r));
  }

  post(message: M): void {
    if (this.ready) void this.webview.postMessage(message);
    else this.queue.push(message);
  }
}

/**
 * Wiring shared by the panels that are not retained when hidden (explorer, gradient flow):
 * icon and options, the message listener, a ready-gate reset when the panel is hidden (the
 * page reloads on show and says ready again), and `onDispose`. Returns the disposables
 * the panel must dispose, plus any `extra` ones it passed.
 */
export function wireTransientPanel(
  panel: vscode.WebviewPanel,
  extensionUri: vscode.Uri,
  gate: Pick<ReadyGate<unknown>, 'reset'>,
  onMessage: (raw: unknown) => void,
  onDispose: () => void,
  extra: vscode.Disposable[] = [],
): vscode.Disposable[] {
  panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.svg');
  panel.webview.options = webviewOptions(extensionUri);
  return [
    panel.webview.onDidReceiveMessage(onMessage),
    panel.onDidChangeViewState(() => { if (!panel.visible) gate.reset(); }),
    ...extra,
    panel.onDidDispose(onDispose),
  ];
}

/** A new panel of `viewType` in the active column, not retained when hidden. */
export function createTransientPanel(viewType: string, title: string, extensionUri: vscode.Uri): vscode.WebviewPanel {
  return vscode.window.createWebviewPanel(viewType, title, vscode.ViewColumn.Active, {
    ...webviewOptions(extensionUri),
    retainContextWhenHidden: false,
  });
}
