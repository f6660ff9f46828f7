import * as vscode from 'vscode';

/**
 * Typed mirror of the `activationLab.*` settings in package.json
 * (`contributes.configuration`). Each feature reads its section through here.
 */
function section(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('activationLab');
}

/** Reads one setting with its package.json default as fallback. */
export function setting<T>(key: string, fallback: T): T {
  return section().get<T>(key, fallback);
}
