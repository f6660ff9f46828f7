/**
 * Helpers for the suite that runs inside the extension host (see index.ts).
 */
import * as vscode from 'vscode';
import type { ActivationLabApi } from '../../../src/extension';

/** `publisher.name` from package.json. */
export const EXTENSION_ID = 'activation-lab.activation-lab';

/** The extension under test; throws when VS Code did not load it. */
export function extension(): vscode.Extension<ActivationLabApi> {
  const ext = vscode.extensions.getExtension<ActivationLabApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded (extensionDevelopmentPath?)`);
  return ext;
}

/** Activates the extension (idempotent) and returns its API. */
export async function api(): Promise<ActivationLabApi> {
  return extension().activate();
}

/** How long a webview may take to report ready (generous: CI machines may be busy). */
export const READY_MS = 150_000;

/** A command as contributed in package.json. */
export interface ContributedCommand {
  readonly command: string;
  readonly title: string;
  readonly category?: string;
}

/** `contributes.commands` of the extension under test. */
export function contributedCommands(): ContributedCommand[] {
  const pkg = extension().packageJSON as { contributes?: { commands?: ContributedCommand[] } };
  return pkg.contributes?.commands ?? [];
}

/** The first (only) workspace folder: a scratch copy of demo/ made by the runner. */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the suite needs a workspace folder (the runner opens a copy of demo/)');
  return folder.uri;
}

/** Resolves to `value` or rejects after `ms` with a message naming `what`. */
export function withTimeout<T>(value: Thenable<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what}: no answer after ${ms} ms`)), ms);
    value.then((v) => { clearTimeout(t); resolve(v); }, (e: unknown) => { clearTimeout(t); reject(e); });
  });
}

/** Polls `probe` every `everyMs` until it returns a value other than undefined. */
export async function poll<T>(probe: () => Promise<T | undefined>, ms: number, what: string, everyMs = 250): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`${what}: not seen after ${ms} ms`);
    await sleep(everyMs);
  }
}

/** Promise-based delay. */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Runs a command that may open a quick pick, input box or (simple) file dialog: while it
 * has not settled, the quick input is closed every `everyMs` (as Escape would), for at
 * most `ms`; the command must settle by then.
 * @throws whatever the command threw, or a timeout error.
 */
export async function runDismissingPrompts(id: string, args: unknown[], ms = 60_000, everyMs = 1000): Promise<unknown> {
  const pending = Promise.resolve(vscode.commands.executeCommand(id, ...args));
  let settled = false;
  void pending.then(() => { settled = true; }, () => { settled = true; });
  const end = Date.now() + ms;
  while (!settled && Date.now() < end) {
    await Promise.race([pending.catch(() => undefined), sleep(everyMs)]);
    if (!settled) await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  }
  return withTimeout(pending, 1000, `command ${id}`);
}

/** Opens `relPath` of the workspace in an editor and returns the editor. */
export async function openWorkspaceFile(relPath: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceRoot(), relPath));
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** Position of the first character of the `occurrence`-th `needle` in `doc` (0-based). */
export function positionOf(doc: vscode.TextDocument, needle: string, occurrence = 0): vscode.Position {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = doc.getText().indexOf(needle, at + 1);
    if (at < 0) throw new Error(`'${needle}' (#${occurrence}) not found in ${doc.uri.fsPath}`);
  }
  return doc.positionAt(at);
}

/** Plain text of hover contents (markdown or marked strings). */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}
