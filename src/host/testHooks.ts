import { EventEmitter } from 'node:events';

/** The webviews, by the names the tests use (test/vscode/panels.ts). */
export type WebviewName = 'explorer' | 'gradient' | 'mnist' | 'results' | 'sideView';

/** What a webview connection offers the tests: its incoming end. */
export interface MessageSink {
  /** Takes a message as if the page had posted it (checked and dispatched as usual). */
  receive(raw: unknown): void;
}

/** Lines, messages and events kept per webview (oldest dropped first). */
const MAX_LOG_LINES = 1000;

/** One message between a host and its page, as the tests see it: its direction and type. */
export interface TracedMessage {
  /** `in`: the page posted it and it passed the checks; `out`: the host posted it. */
  readonly dir: 'in' | 'out';
  readonly type: string;
  /** The message itself (host-side objects: read, never change). */
  readonly message: unknown;
}

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
  private readonly traces = new Map<WebviewName, TracedMessage[]>();
  private readonly notes = new Map<WebviewName, string[]>();
  private readonly counts = new Map<string, () => number>();
  private logPath: string | undefined;
  private tracing = false;

  /** Connections call this when their webview posted `webview/ready`. */
  markReady(name: WebviewName): void {
    this.ready.add(name);
    this.events.emit('ready', name);
    this.events.emit('change', name);
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

  /** True while a connection of webview `name` is open (registered and not disposed). */
  isOpen(name: WebviewName): boolean {
    return this.sinks.has(name);
  }

  /**
   * Features register a count of work they have running (sessions, progress notifications,
   * timers), under a name such as `mnist sessions`; the newest registration of a name wins.
   */
  registerLive(what: string, count: () => number): void {
    this.counts.set(what, count);
  }

  /** Every registered count that is not zero, by name: `{}` when nothing is left running. */
  liveWork(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [what, count] of this.counts) {
      const n = count();
      if (n !== 0) out[what] = n;
    }
    return out;
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
    push(this.logs, name, line);
    this.events.emit('change', name);
  }

  /** What the connections of webview `name` logged (the "Activation Lab" log's lines), oldest first. */
  logged(name: WebviewName): readonly string[] {
    return [...(this.logs.get(name) ?? [])];
  }

  /**
   * Connections call this for each message they accepted from the page (`in`) or posted to
   * it (`out`); kept only after {@link startTracing} (messages may hold whole data sets).
   */
  recordMessage(name: WebviewName, dir: 'in' | 'out', message: { readonly type: string }): void {
    if (!this.tracing) return;
    push(this.traces, name, { dir, type: message.type, message });
    this.events.emit('change', name);
  }

  /** From now on, keep every message for {@link messages} (the integration suite calls this once). */
  startTracing(): void {
    this.tracing = true;
  }

  /** The messages of webview `name` since {@link startTracing}, oldest first (at most the last 1,000). */
  messages(name: WebviewName): readonly TracedMessage[] {
    return [...(this.traces.get(name) ?? [])];
  }

  /** Features call this for a fact the tests wait for, e.g. `mnist` `progress closed`. */
  note(name: WebviewName, fact: string): void {
    push(this.notes, name, fact);
    this.events.emit('change', name);
  }

  /** The facts noted for `name`, oldest first. */
  noted(name: WebviewName): readonly string[] {
    return [...(this.notes.get(name) ?? [])];
  }

  /**
   * Resolves with the first value `probe` returns other than undefined, asking again after
   * every message, log line or note of `name`; rejects after `timeoutMs` naming `what`.
   */
  until<T>(name: WebviewName, probe: () => T | undefined, what: string, timeoutMs = 60_000): Promise<T> {
    const now = probe();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const done = (): void => {
        clearTimeout(t);
        this.events.off('change', on);
      };
      const t = setTimeout(() => {
        done();
        reject(new Error(`${name}: ${what} not seen after ${timeoutMs} ms`));
      }, timeoutMs);
      const on = (n: string): void => {
        if (n !== name) return;
        const v = probe();
        if (v === undefined) return;
        done();
        resolve(v);
      };
      this.events.on('change', on);
    });
  }

  /** Sets the file the "Activation Lab" log channel writes (extension.ts, at activation). */
  setLogFile(path: string): void {
    this.logPath = path;
  }

  /** The file behind the "Activation Lab" output channel (VS Code writes it asynchronously). */
  get logFile(): string | undefined {
    return this.logPath;
  }
}

/** Appends `item` to the list of `name`, keeping the last {@link MAX_LOG_LINES}. */
function push<T>(map: Map<WebviewName, T[]>, name: WebviewName, item: T): void {
  const list = map.get(name) ?? [];
  list.push(item);
  if (list.length > MAX_LOG_LINES) list.splice(0, list.length - MAX_LOG_LINES);
  map.set(name, list);
}

/** The single instance shared by all webviews. */
export const testHooks = new TestHooks();
