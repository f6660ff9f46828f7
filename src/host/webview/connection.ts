/**
 * The host's end of one webview (a panel or a view): its HTML with the strict CSP, the
 * ready handshake, the channel that checks and dispatches what the page sends
 * (src/protocol/channel.ts), the shared `webview/*` scope, logging, test hooks and
 * disposal. Panels get one through their base class (panel.ts); the side view creates one
 * per resolved view.
 */
import * as vscode from 'vscode';
import { Channel, type Checks, type Handlers, type Message } from '../../protocol/channel';
import type { HostToWebview, WebviewToHost } from '../../protocol/shared';
import { handleCustomMessage } from '../customActivations';
import { logWarning } from '../log';
import { testHooks, type WebviewName } from '../testHooks';
import { saveChartExport } from './chartExport';
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
  extra: { allowWasm?: boolean; allowWorkers?: boolean; initialData?: object } = {},
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
    allowWorkers: extra.allowWorkers,
    // With a trailing '/': pages append relative paths (`${baseUri}data/...`, `wasm/`), as
    // the browser harness does; found by the real-VS-Code suite (HTTP 401 on out/webviewdata).
    initialData: { ...extra.initialData, baseUri: uri('').replace(/\/?$/, '/') },
  });
}

/**
 * Ready handshake (after vscode-pull-request-github's `_waitForReady`): messages posted
 * before the webview said `webview/ready` are queued, then flushed in order.
 */
class ReadyGate<M> {
  private ready = false;
  private queue: M[] = [];
  private waiters: Array<() => void> = [];

  constructor(private readonly webview: vscode.Webview) {}

  /** Call when the webview posts its ready message (also after a reload). */
  markReady(): void {
    this.ready = true;
    const q = this.queue;
    this.queue = [];
    for (const m of q) void this.webview.postMessage(m);
    for (const w of this.waiters.splice(0)) w();
  }

  /** Call when the webview's html is (re)set or the page is destroyed: later posts wait for the next ready. */
  reset(): void {
    this.ready = false;
  }

  /** Resolves once the webview is ready (at once when it is). */
  whenReady(): Promise<void> {
    return this.ready ? Promise.resolve() : new Promise((r) => this.waiters.push(r));
  }

  /** Posts now when ready, else queues. */
  post(message: M): void {
    if (this.ready) void this.webview.postMessage(message);
    else this.queue.push(message);
  }
}

/** What one webview's connection needs besides the webview. */
export interface ConnectionOptions<In extends Message> {
  /** The test hooks' name of this webview (also names it in log lines). */
  readonly name: WebviewName;
  /** Checks of everything the page may send (its protocol's table, the `webview/*` scope included). */
  readonly checks: Checks<In>;
  /** Handlers of the page's own messages; the connection handles the `webview/*` scope. */
  readonly handlers: Handlers<Exclude<In, WebviewToHost>>;
  /** Called after each `webview/ready`, once queued messages were sent. */
  readonly onReady?: () => void;
}

/**
 * One webview's connection: posts go through the ready gate; what the page posts is checked
 * and dispatched by a {@link Channel}, the `webview/*` scope handled here (ready, chart
 * export, custom-activation save, open settings). Every rejected message is logged once to
 * the "Activation Lab" log and recorded for `testHooks.logged(name)`.
 */
export class WebviewConnection<In extends Message, Out extends Message> implements vscode.Disposable {
  private readonly gate: ReadyGate<Out | HostToWebview>;
  private readonly channel: Channel<In, Out | HostToWebview>;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(webview: vscode.Webview, private readonly o: ConnectionOptions<In>) {
    this.gate = new ReadyGate(webview);
    const shared: Handlers<WebviewToHost> = {
      'webview/ready': () => {
        this.gate.markReady();
        testHooks.markReady(o.name);
        o.onReady?.();
      },
      'webview/exportChart': (m) => saveChartExport(m.format, m.data, m.name),
      'webview/saveCustom': (m) => handleCustomMessage(m, (reply) => this.post(reply)),
      'webview/openSettings': (m) => vscode.commands.executeCommand('workbench.action.openSettings', m.query),
    };
    // Both tables are complete for their part of the union; together they cover `In`.
    const handlers = { ...shared, ...o.handlers } as unknown as Handlers<In>;
    this.channel = new Channel({ name: `${o.name} webview`, checks: o.checks, handlers, post: (m) => this.gate.post(m), log: (line) => this.warn(line) });
    this.disposables.push(webview.onDidReceiveMessage((m: unknown) => this.channel.receive(m)));
    const detach = testHooks.attach(o.name, this.channel);
    this.disposables.push({ dispose: detach });
  }

  /** Posts to the page (queued until it is ready). */
  post(m: Out | HostToWebview): void {
    this.channel.post(m);
  }

  /** Resolves once the page is ready (at once when it is). */
  whenReady(): Promise<void> {
    return this.gate.whenReady();
  }

  /** The page is being reloaded or was destroyed (hidden): later posts wait for its next ready. */
  reset(): void {
    this.gate.reset();
  }

  /** Logs one line about this webview (a refused request): the log and `testHooks.logged`. */
  warn(line: string): void {
    logWarning(line);
    testHooks.recordLog(this.o.name, line);
  }

  /** Stops listening to the page. */
  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
