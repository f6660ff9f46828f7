/**
 * Scratch workspaces for the real-VS-Code tests: a fresh copy of demo/ per run, inside the
 * repository (.vscode-test/workspaces/) so that `import '@tensorflow/tfjs'` in the demo
 * resolves through the repository's node_modules, as it does for `npm run demo`.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './codeServer';

/** A copy of demo/; `dispose()` removes it. */
export interface ScratchWorkspace {
  readonly path: string;
  dispose(): void;
}

/** Copies demo/ to a new folder under .vscode-test/workspaces/. */
export function scratchWorkspace(): ScratchWorkspace {
  const parent = join(ROOT, '.vscode-test', 'workspaces');
  mkdirSync(parent, { recursive: true });
  const path = mkdtempSync(join(parent, 'demo-'));
  cpSync(join(ROOT, 'demo'), path, { recursive: true });
  return { path, dispose: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * User settings for test runs: no welcome page, tips, telemetry or update checks; file
 * dialogs as quick inputs (dismissable from a test); `theme` picks light or dark.
 */
export function testSettings(theme: 'light' | 'dark' = 'dark'): Record<string, unknown> {
  return {
    'workbench.colorTheme': theme === 'dark' ? 'Default Dark Modern' : 'Default Light Modern',
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'files.simpleDialog.enable': true,
    'security.workspace.trust.enabled': false,
    'chat.commandCenter.enabled': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'window.commandCenter': false,
    'editor.hover.delay': 200,
    'editor.stickyScroll.enabled': false, // its overlay covers tokens the UI tests click
    'editor.minimap.enabled': false,
    'git.enabled': false,
  };
}
