/**
 * Runner A: runs the same extension-host suite (out/test/suite/index.js) in a desktop VS
 * Code through `@vscode/test-electron`. Uses the executable in VSCODE_EXECUTABLE_PATH when
 * set (no download: works offline), else downloads VS Code 1.100.3 into .vscode-test/
 * (needs internet). Usage: VSCODE_EXECUTABLE_PATH=/usr/bin/code node --import tsx
 * test/vscode/runElectron.ts  (after `node esbuild.mjs`). Exit code: the suite's.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { ROOT } from './lib/codeServer';
import { scratchWorkspace, testSettings } from './lib/workspace';

const SUITE = join(ROOT, 'out', 'test', 'suite', 'index.js');

async function main(): Promise<number> {
  if (!existsSync(SUITE)) {
    process.stderr.write(`${SUITE} is missing: run \`node esbuild.mjs\` first\n`);
    return 1;
  }
  const ws = scratchWorkspace();
  mkdirSync(join(ROOT, '.vscode-test', 'runs'), { recursive: true });
  const userData = mkdtempSync(join(ROOT, '.vscode-test', 'runs', 'electron-'));
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(testSettings('dark'), null, 2));
  const vscodeExecutablePath = process.env.VSCODE_EXECUTABLE_PATH || undefined;
  try {
    return await runTests({
      ...(vscodeExecutablePath ? { vscodeExecutablePath } : { version: '1.100.3' }),
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: SUITE,
      launchArgs: [ws.path, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes',
        '--user-data-dir', userData, '--extensions-dir', join(userData, 'extensions')],
    });
  } finally {
    ws.dispose();
    rmSync(userData, { recursive: true, force: true });
  }
}

main().then((code) => { process.exitCode = code; }, (e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  if (!process.env.VSCODE_EXECUTABLE_PATH) {
    process.stderr.write('No desktop VS Code: set VSCODE_EXECUTABLE_PATH, or use the offline runner: node --import tsx test/vscode/runCodeServer.ts\n');
  }
  process.exitCode = 1;
});
