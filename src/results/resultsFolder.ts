import * as path from 'node:path';
import * as vscode from 'vscode';
import { setting } from '../config';

/** Default of `activationLab.mnist.resultsFolder` (relative to the first workspace folder). */
export const DEFAULT_RESULTS_FOLDER = '.activation-lab/runs';

/**
 * Folder for results files: the `activationLab.mnist.resultsFolder` setting, relative to
 * the first workspace folder unless absolute; without a workspace, `fallback` (the
 * extension's global storage) when given.
 * @returns undefined when there is neither a workspace nor a fallback.
 */
export function resultsFolderUri(fallback?: vscode.Uri): vscode.Uri | undefined {
  const configured = setting<string>('mnist.resultsFolder', DEFAULT_RESULTS_FOLDER).trim() || DEFAULT_RESULTS_FOLDER;
  if (path.isAbsolute(configured)) return vscode.Uri.file(configured);
  const ws = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (ws) return vscode.Uri.joinPath(ws, ...configured.split(/[\\/]+/).filter(Boolean));
  return fallback ? vscode.Uri.joinPath(fallback, 'runs') : undefined;
}
