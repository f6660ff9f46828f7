import { EventEmitter } from 'node:events';

/** The webviews, by the names the tests use (test/vscode/panels.ts). */
export type WebviewName = 'explorer' | 'gradient' | 'mnist' | 'results' | 'sideView';

/** What a webview connection offers the tests: its incoming end. */
export interface MessageSink {
  /** Takes a message as if the page had posted it (checked and dispatched as usual). */
  receive(raw: unknown): void;
}

/** Lines kept per webview (oldest dropped first). */
const MAX_LOG_LINES = 1000;

/**
 * Observable facts for the integration tests that run inside the extension host: which
 * webviews have completed the ready handshake, what each connection logged (malformed
 * messages, refused requests), and a way to hand a connection a message as if its page had
 * sent it. Returned from `activate` as the extension's API; harmless in normal use (a
 * delivered message passes the same checks as one from the page).
 */
export class TestHooks {
  private readonly ready = new Set<string>();
  private readonly events = new EventEmitter();
  private readonly sinks = new Map<WebviewName, MessageSink>();
  private readonly logs = new Map<WebviewName, string[]>();

  /** Connections call this when their webview posted `webview/ready`. */
  markReady(name: WebviewName): void {
    this.ready.add(name);
    this.events.emit('ready', name);
  }

  /** Names of webviews that have reported ready at least once. */
  readyPanels(): string[] {
    return [...this.ready];
  }

  /** Resolves when `name` has reported ready; rejects after `timeoutMs`. */
  waitForReady(name: WebviewName, timeoutMs = 30_000): Promise<void> {
    if (this.ready.has(name)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`webview '${name}' not ready after ${timeoutMs} ms`)), timeoutMs);
      const on = (n: string) => {
        if (n !== name) return;
        clearTimeout(t);
        this.events.off('ready', on);
        resolve();
      };
      this.events.on('ready', on);
    });
  }

  /** A connection registers its incoming end (the newest of a name wins); call the result to unregister. */
  attach(name: WebviewName, sink: MessageSink): () => void {
    this.sinks.set(name, sink);
    return () => {
      if (this.sinks.get(name) === sink) this.sinks.delete(name);
    };
  }

  /**
   * Hands `raw` to the open webview connection `name` as if its page had posted it.
   * @returns false when no such webview is open.
   */
  deliver(name: WebviewName, raw: unknown): boolean {
    const sink = this.sinks.get(name);
    sink?.receive(raw);
    return sink !== undefined;
  }

  /** Connections call this for every line they write to the log. */
  recordLog(name: WebviewName, line: string): void {
    const lines = this.logs.get(name) ?? [];
    lines.push(line);
    if (lines.length > MAX_LOG_LINES) lines.splice(0, lines.length - MAX_LOG_LINES);
    this.logs.set(name, lines);
  }

  /** What the connections of webview `name` logged (the "Activation Lab" log's lines), oldest first. */
  logged(name: WebviewName): readonly string[] {
    return [...(this.logs.get(name) ?? [])];
  }
}

/** The single instance shared by all webviews. */
export const testHooks = new TestHooks();
