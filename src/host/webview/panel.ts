/**
 * The one base of every webview panel (explorer, gradient flow, MNIST, results): icon and
 * options, the page's HTML, its {@link WebviewConnection} (ready gate, checked channel,
 * test hooks), the reload of a page that is not retained when hidden, and one bag of
 * disposables. Each panel keeps only its feature logic. With {@link PanelSlot} for the
 * panels that exist once, and {@link panelSerializer} for those restored after a reload
 * (after the `createOrShow` / `revive` pair of VS Code's webview-sample).
 */
import * as vscode from 'vscode';
import type { Checks, Handlers, Message } from '../../protocol/channel';
import type { HostToWebview, WebviewToHost } from '../../protocol/shared';
import type { WebviewName } from '../testHooks';
import { setWebviewHtml, WebviewConnection, webviewOptions } from './connection';

/** What distinguishes one kind of panel. */
export interface PanelSpec {
  /** The `createWebviewPanel` viewType (a serializer's key). */
  readonly viewType: string;
  readonly title: string;
  /** Bundle name: the page loads `out/webview/<entry>.js`. */
  readonly entry: string;
  /** The test hooks' name. */
  readonly name: WebviewName;
  /**
   * Keep the page alive while hidden (`retainContextWhenHidden`: training runs in it). Else
   * VS Code destroys the page when hidden and loads it again when shown: it restores itself
   * from `setState`, and the gate waits for its next ready.
   */
  readonly retain: boolean;
  /** Adds `'wasm-unsafe-eval'` to the CSP (tfjs's wasm backend). */
  readonly allowWasm?: boolean;
  /** Adds `worker-src blob:` (and `connect-src blob:`) to the CSP: training Web Workers. */
  readonly allowWorkers?: boolean;
}

/** A new panel of `spec` in the active column. */
export function createPanel(spec: PanelSpec, extensionUri: vscode.Uri): vscode.WebviewPanel {
  return vscode.window.createWebviewPanel(spec.viewType, spec.title, vscode.ViewColumn.Active, {
    ...webviewOptions(extensionUri),
    retainContextWhenHidden: spec.retain,
  });
}

/**
 * Base of a webview panel whose page sends `In` and receives `Out` (each union includes the
 * shared `webview/*` scope its protocol names). Subclasses implement {@link handlers} for
 * their own messages, may override {@link initialData}, {@link onReady} and
 * {@link onDispose}, and call {@link render} once at the end of their constructor.
 */
export abstract class PanelBase<In extends Message, Out extends Message> implements vscode.Disposable {
  private readonly connection: WebviewConnection<In, Out>;
  private readonly bag: vscode.Disposable[] = [];
  private isDisposed = false;

  protected constructor(
    /** The VS Code panel (created by {@link createPanel} or restored by a serializer). */
    readonly panel: vscode.WebviewPanel,
    protected readonly extensionUri: vscode.Uri,
    private readonly spec: PanelSpec,
    checks: Checks<In>,
  ) {
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.svg');
    panel.webview.options = webviewOptions(extensionUri);
    this.connection = this.register(new WebviewConnection<In, Out>(panel.webview, {
      name: spec.name, checks, handlers: this.handlers(), onReady: () => this.onReady(),
    }));
    if (!spec.retain) this.register(panel.onDidChangeViewState(() => { if (!panel.visible) this.connection.reset(); }));
    this.register(panel.onDidDispose(() => this.dispose()));
  }

  /** Handlers of the page's own messages (called once, from the base constructor: read fields only inside the handlers). */
  protected abstract handlers(): Handlers<Exclude<In, WebviewToHost>>;

  /** Data put in the page before its script runs (read when the page is (re)loaded). */
  protected initialData(): object {
    return {};
  }

  /** After each `webview/ready` of the page (queued messages were sent). */
  protected onReady(): void {
    // Nothing by default.
  }

  /** When the panel closes, before the disposables go. */
  protected onDispose(): void {
    // Nothing by default.
  }

  /** (Re)loads the page: later posts wait for its ready. */
  protected render(): void {
    this.connection.reset();
    setWebviewHtml(this.panel.webview, this.extensionUri, this.spec.entry, this.spec.title, { allowWasm: this.spec.allowWasm, allowWorkers: this.spec.allowWorkers, initialData: this.initialData() });
  }

  /** Posts to the page (queued until it is ready). */
  post(m: Out | HostToWebview): void {
    this.connection.post(m);
  }

  /** Resolves once the page is ready. */
  protected whenReady(): Promise<void> {
    return this.connection.whenReady();
  }

  /** Logs a refused request from the page (the "Activation Lab" log, `testHooks.logged`). */
  protected warn(line: string): void {
    this.connection.warn(line);
  }

  /** Adds `d` to the bag disposed with the panel (disposed at once when the panel is gone). */
  protected register<T extends vscode.Disposable>(d: T): T {
    if (this.isDisposed) d.dispose();
    else this.bag.push(d);
    return d;
  }

  /** True once the panel was closed. */
  get disposed(): boolean {
    return this.isDisposed;
  }

  /** Brings the panel to the front (keeps its column). */
  reveal(): void {
    this.panel.reveal(undefined, false);
  }

  /** Closes the panel and disposes everything it registered; idempotent. */
  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    this.onDispose();
    for (const d of this.bag.splice(0).reverse()) d.dispose();
    this.panel.dispose();
  }
}

/** What {@link PanelSlot} needs of a panel (any {@link PanelBase}). */
interface SlotPanel {
  readonly disposed: boolean;
  reveal(): void;
  dispose(): void;
}

/** The one open panel of a kind that exists once (explorer, gradient flow, MNIST). */
export class PanelSlot<P extends SlotPanel> {
  private panel: P | undefined;

  /** The open panel, if any. */
  get current(): P | undefined {
    return this.panel && !this.panel.disposed ? this.panel : undefined;
  }

  /** Reveals the open panel, or makes one with `create`. */
  show(create: () => P): P {
    const open = this.current;
    if (open) {
      open.reveal();
      return open;
    }
    this.panel = create();
    return this.panel;
  }

  /** Takes `p` (a panel VS Code restored after a reload), closing any other. */
  replace(p: P): void {
    if (this.current !== p) this.current?.dispose();
    this.panel = p;
  }
}

/** A serializer that hands each panel VS Code restores after a reload to `revive`. */
export function panelSerializer(revive: (panel: vscode.WebviewPanel) => void): vscode.WebviewPanelSerializer {
  return {
    deserializeWebviewPanel: async (panel: vscode.WebviewPanel) => {
      revive(panel);
    },
  };
}
