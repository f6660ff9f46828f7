/**
 * Typed mirror of the `activationLab.*` settings in package.json (`contributes.configuration`):
 * one getter per section. Defaults and constraints live once, in src/core/settings/defaults.ts; the
 * sections and their cross-setting rules in src/core/settings/sections.ts. An invalid value (wrong
 * type, out of range) falls back to its default with a warning shown once per key and value;
 * nothing here throws.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { checkedSetting, type SettingKey, type SettingLookup, type SettingValues } from '../core/settings/defaults';
import {
  explorerSection, gradientSection, hoverSection, mnistSection, sideViewSection,
  type ExplorerConfig, type GradientConfig, type HoverConfig, type MnistConfig, type SideViewConfig,
} from '../core/settings/sections';

export type { ExplorerConfig, GradientConfig, HoverConfig, MnistConfig, SideViewConfig } from '../core/settings/sections';

/** `key + value` pairs already warned about, so a bad value is reported once per session. */
const warned = new Set<string>();

function warnOnce(key: SettingKey, message: string): void {
  const id = `${key}=${JSON.stringify(vscode.workspace.getConfiguration('activationLab').get<unknown>(key)) ?? ''}`;
  if (warned.has(id)) return;
  warned.add(id);
  void vscode.window.showWarningMessage(`Activation Lab: ${message}`);
}

/** One validated setting from VS Code's configuration (the default when unset or invalid). */
const get: SettingLookup = <K extends SettingKey>(key: K): SettingValues[K] =>
  checkedSetting(key, vscode.workspace.getConfiguration('activationLab').get<unknown>(key), warnOnce);

/** `activationLab.explorer.*`. */
export function explorerConfig(): ExplorerConfig {
  return explorerSection(get);
}

/** `activationLab.gradient.*` (vanishingBelow < explodingAbove guaranteed). */
export function gradientConfig(): GradientConfig {
  return gradientSection(get, warnOnce);
}

/** `activationLab.hover.*` (plotXMin < plotXMax guaranteed). */
export function hoverConfig(): HoverConfig {
  return hoverSection(get, warnOnce);
}

/** `activationLab.sideView.*`. */
export function sideViewConfig(): SideViewConfig {
  return sideViewSection(get);
}

/** `activationLab.mnist.*`. */
export function mnistConfig(): MnistConfig {
  return mnistSection(get);
}

/**
 * Where MNIST results files are written and read: `activationLab.mnist.resultsFolder`,
 * relative to the first workspace folder unless absolute; without a workspace,
 * `<globalStorage>/runs` when `globalStorage` (the extension's `context.globalStorageUri`) is
 * given. The MNIST panel writes there and the side view watches the same folder.
 * @returns undefined when the folder is relative and there is neither a workspace nor a fallback.
 */
export function resultsFolderUri(globalStorage?: vscode.Uri): vscode.Uri | undefined {
  const folder = mnistConfig().resultsFolder;
  if (path.isAbsolute(folder)) return vscode.Uri.file(folder);
  const ws = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (ws) return vscode.Uri.joinPath(ws, ...folder.split(/[\\/]+/).filter(Boolean));
  return globalStorage && vscode.Uri.joinPath(globalStorage, 'runs');
}
