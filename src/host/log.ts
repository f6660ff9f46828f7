/**
 * The extension's log: the VS Code LogOutputChannel "Activation Lab" (Output view), created
 * once at activation by extension.ts. Before that (unit tests of host helpers) lines go to
 * the console.
 */
import type * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

/** Makes `c` the log (extension.ts, once; the caller disposes it with the extension). */
export function setLogChannel(c: vscode.LogOutputChannel): void {
  channel = c;
}

/** Writes one warning line (e.g. a malformed webview message that was ignored). */
export function logWarning(line: string): void {
  if (channel) channel.warn(line);
  else console.warn(`Activation Lab: ${line}`);
}
