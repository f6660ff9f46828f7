/**
 * Finds the newest readable MNIST results file for the side view: `*.json` in the folder the
 * MNIST panel writes to (src/host/config.ts `resultsFolderUri`: `activationLab.mnist.resultsFolder`
 * in the workspace, else `<globalStorage>/runs`), newest modification time first;
 * unreadable or foreign files are skipped with a note.
 */
import * as vscode from 'vscode';
import { resultsFolderUri } from '../config';
import type { SideResults } from '../../protocol/sideView';
import { summariseResults } from './latestResults';

/** Files tried before giving up, and the largest file read (results files are ~100 KB). */
const MAX_TRIES = 5;
const MAX_BYTES = 20 * 1024 * 1024;

async function newestFirst(dir: vscode.Uri): Promise<Array<{ uri: vscode.Uri; name: string; size: number }>> {
  let entries: Array<[string, vscode.FileType]>;
  try {
    entries = await vscode.workspace.fs.readDirectory(dir);
  } catch {
    return [];
  }
  const files = await Promise.all(entries
    .filter(([n, t]) => t === vscode.FileType.File && n.endsWith('.json'))
    .map(async ([name]) => {
      const uri = vscode.Uri.joinPath(dir, name);
      const st = await vscode.workspace.fs.stat(uri);
      return { uri, name, size: st.size, mtime: st.mtime };
    }));
  return files.sort((a, b) => b.mtime - a.mtime || b.name.localeCompare(a.name));
}

/**
 * The newest results file that reads as one, summarised; `runs` empty when none does.
 * @param globalStorage the extension's `context.globalStorageUri` (results without a workspace).
 */
export async function findLatestResults(globalStorage: vscode.Uri): Promise<SideResults> {
  const dir = resultsFolderUri(globalStorage);
  if (!dir) return { runs: [], notes: ['Open a folder to see its latest MNIST results here.'] };
  const notes: string[] = [];
  for (const f of (await newestFirst(dir)).slice(0, MAX_TRIES)) {
    if (f.size > MAX_BYTES) {
      notes.push(`${f.name} skipped: larger than 20 MB.`);
      continue;
    }
    try {
      const json: unknown = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(f.uri)));
      const s = summariseResults(json);
      if ('error' in s) {
        notes.push(`${f.name} skipped: ${s.error}.`);
        continue;
      }
      return { file: vscode.workspace.asRelativePath(f.uri), ...s, notes };
    } catch (e) {
      notes.push(`${f.name} skipped: ${(e as Error).message}.`);
    }
  }
  if (notes.length === 0) notes.push('No MNIST results yet: run "Compare Activations on MNIST".');
  return { runs: [], notes };
}

/**
 * Watches `*.json` in the results folder (as {@link findLatestResults}) and calls `onChange`
 * (debounced 300 ms: a run writes its file atomically, which shows as create + change).
 * Re-targets itself when `activationLab.mnist.resultsFolder` or the workspace folders change.
 */
export function watchResults(globalStorage: vscode.Uri, onChange: () => void): vscode.Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fire = () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, 300);
  };
  let watcher: vscode.FileSystemWatcher | undefined;
  const subs: vscode.Disposable[] = [];
  const start = () => {
    watcher?.dispose();
    for (const d of subs.splice(0)) d.dispose();
    const dir = resultsFolderUri(globalStorage);
    watcher = dir && vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(dir, '*.json'));
    if (watcher) subs.push(watcher.onDidCreate(fire), watcher.onDidChange(fire), watcher.onDidDelete(fire));
  };
  start();
  const retarget = () => {
    start();
    fire();
  };
  const config = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('activationLab.mnist.resultsFolder')) retarget();
  });
  const folders = vscode.workspace.onDidChangeWorkspaceFolders(retarget);
  return new vscode.Disposable(() => {
    clearTimeout(timer);
    config.dispose();
    folders.dispose();
    watcher?.dispose();
    for (const d of subs.splice(0)) d.dispose();
  });
}
