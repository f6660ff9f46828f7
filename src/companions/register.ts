import type * as vscode from 'vscode';

/** Registers hovers and the side view. Scaffold: replaced by the feature's implementation. */
export function registerCompanions(_context: vscode.ExtensionContext): void {}
