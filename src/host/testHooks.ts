import { EventEmitter } from 'node:events';

/**
 * Observable facts for the integration tests that run inside the extension host: which
 * webviews have completed the ready handshake. Returned from `activate` as the
 * extension's API; harmless in normal use.
 */
export class TestHooks {
  private readonly ready = new Set<string>();
  private readonly events = new EventEmitter();

  /** Panels call this when their webview posted `{type: 'ready'}`; `name` e.g. 'explorer'. */
  markReady(name: string): void {
    this.ready.add(name);
    this.events.emit('ready', name);
  }

  /** Names of webviews that have reported ready at least once. */
  readyPanels(): string[] {
    return [...this.ready];
  }

  /** Resolves when `name` has reported ready; rejects after `timeoutMs`. */
  waitForReady(name: string, timeoutMs = 30_000): Promise<void> {
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
}

/** The single instance shared by all panels. */
export const testHooks = new TestHooks();
