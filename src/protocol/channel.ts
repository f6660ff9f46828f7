/**
 * The one message channel between the extension host and a webview, used on both sides
 * (src/host/webview/connection.ts, webview/shared/channel.ts). What arrives is checked by
 * its type's guard from a {@link Checks} table, then dispatched to its handler from a
 * {@link Handlers} table; both tables are mapped types over the message union, so the
 * compiler refuses a table that misses a type (the exhaustiveness check, written here once).
 * A message that fails is logged once, as one line, and dropped; nothing here throws on bad
 * input. After vscode-hexeditor's `MessageHandler` (one class for both sides) and GitLens's
 * IPC names (`<scope>/<verb>`).
 */
import { isRecord } from '../core/guards';

/** A message: one member of a discriminated union on `type`, named `<scope>/<verb>`. */
export interface Message {
  readonly type: string;
}

/**
 * One payload check per message type of `M`. Each receives the message as a record whose
 * `type` already matched its key, and returns whether the other fields have the right
 * shape and size. Extra fields are ignored. Must not throw (the channel catches anyway).
 */
export type Checks<M extends Message> = { readonly [K in M['type']]: (m: Record<string, unknown>) => boolean };

/** One handler per message type of `M`, given the checked message; may return a promise. */
export type Handlers<M extends Message> = { readonly [K in M['type']]: (m: Extract<M, { readonly type: K }>) => unknown };

/** Longest excerpt of a rejected message that goes into the log line. */
const PREVIEW_CHARS = 200;

/** A short, single-line JSON excerpt of any value (never throws: cycles, BigInt, getters). */
export function preview(x: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(x) ?? String(x);
  } catch {
    s = `<${typeof x}>`;
  }
  return s.length > PREVIEW_CHARS ? `${s.slice(0, PREVIEW_CHARS)}…` : s;
}

/**
 * Why `x` is not a message of the union `checks` describes: not an object, no string
 * `type`, a type with no entry (own keys only, so `toString` or `__proto__` never match),
 * or fields that fail the type's check.
 * @returns the reason, or undefined when `x` is such a message.
 */
function rejection<M extends Message>(checks: Checks<M>, x: unknown): string | undefined {
  let type: unknown;
  try {
    if (!isRecord(x)) return 'not an object';
    // Own `type` only: an inherited one (a prototype chain) is not what the page posted.
    if (!Object.hasOwn(x, 'type')) return 'no string type';
    type = x.type;
  } catch {
    return 'unreadable object'; // a throwing getter or proxy trap (never from postMessage, but never a crash either)
  }
  if (typeof type !== 'string') return 'no string type';
  if (!Object.hasOwn(checks, type)) return `unknown type ${preview(type)}`;
  try {
    return checks[type as M['type']](x) ? undefined : `bad fields for ${type}`;
  } catch {
    return `bad fields for ${type}`;
  }
}

/** The type guard of a {@link Checks} table: true exactly when {@link rejection} finds nothing. */
export function guardOf<M extends Message>(checks: Checks<M>): (x: unknown) => x is M {
  return (x: unknown): x is M => rejection(checks, x) === undefined;
}

/** What a {@link Channel} needs; `log` receives one line per rejected message or failed handler. */
export interface ChannelOptions<In extends Message, Out extends Message> {
  /** Names the receiving side in log lines, e.g. `explorer webview` or `MNIST panel`. */
  readonly name: string;
  readonly checks: Checks<In>;
  readonly handlers: Handlers<In>;
  readonly post: (m: Out) => void;
  readonly log: (line: string) => void;
}

/**
 * One side of a host-webview connection: `receive` checks and dispatches what the other side
 * posted, `post` sends (typed; the other side checks again on arrival).
 */
export class Channel<In extends Message, Out extends Message> {
  constructor(private readonly o: ChannelOptions<In, Out>) {}

  /**
   * Checks `raw` and calls its handler; a rejected message is logged once as
   * `<name> ignored a malformed message (<why>): <excerpt>`, and a handler that throws or
   * rejects is logged as well. Never throws.
   */
  receive(raw: unknown): void {
    const why = rejection(this.o.checks, raw);
    if (why !== undefined) {
      this.o.log(`${this.o.name} ignored a malformed message (${why}): ${preview(raw)}`);
      return;
    }
    const m = raw as In;
    const failed = (e: unknown) => this.o.log(`${this.o.name} could not handle ${m.type}: ${e instanceof Error ? e.message : preview(e)}`);
    try {
      const handler = this.o.handlers[m.type as In['type']] as (m: In) => unknown;
      const r = handler(m);
      if (r instanceof Promise) r.catch(failed);
    } catch (e) {
      failed(e);
    }
  }

  /** Sends a message to the other side. */
  post(m: Out): void {
    this.o.post(m);
  }
}

/**
 * Compile-time exhaustiveness check for a `switch` over a union that is not dispatched by a
 * channel (e.g. the `training/*` messages a session handles); logs at run time.
 */
export function assertNever(x: never): void {
  console.error(`Activation Lab: unhandled case ${preview(x)}`);
}
