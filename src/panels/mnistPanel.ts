import type * as vscode from 'vscode';

/** Registers this feature's commands. Scaffold: replaced by the feature's implementation. */
export function registerMnist(_context: vscode.ExtensionContext): void {}
