/**
 * `npm run demo`: starts a real VS Code with this extension loaded from source on the demo
 * workspace (demo/), after `npm run build` (which also writes the bundled MNIST digits).
 * - A desktop VS Code (`code` on PATH, or VSCODE_EXECUTABLE_PATH): opens a new window with
 *   `--extensionDevelopmentPath`.
 * - Otherwise: code-server 4.100.3 (installed on demand into .vscode-test/, offline) on
 *   127.0.0.1:$PORT (default: a free port), printing the URL to open. Ctrl-C stops it.
 * Set DEMO_CODE_SERVER=1 to use code-server even where `code` exists.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { installCodeServer, ROOT, startCodeServer, workbenchUrl } from '../test/vscode/lib/codeServer';

const DEMO = join(ROOT, 'demo');

function desktopCode(): string | undefined {
  if (process.env.DEMO_CODE_SERVER === '1') return undefined;
  if (process.env.VSCODE_EXECUTABLE_PATH) return process.env.VSCODE_EXECUTABLE_PATH;
  const found = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, 'out', 'extension.js')) || !existsSync(join(ROOT, 'out', 'webview', 'data', 'mnist-bundled.bin'))) {
    throw new Error('out/ is incomplete: run `npm run build` first (npm run demo does)');
  }
  const code = desktopCode();
  if (code) {
    const r = spawnSync(code, ['--new-window', `--extensionDevelopmentPath=${ROOT}`, DEMO], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`${code} exited with ${r.status ?? r.signal}`);
    process.stdout.write(`Opened ${DEMO} in VS Code with Activation Lab loaded from ${ROOT}.\n`);
    return;
  }
  const bin = installCodeServer();
  const port = process.env.PORT ? Number(process.env.PORT) : undefined;
  const server = await startCodeServer(bin, { port, settings: { 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'files.simpleDialog.enable': true } });
  const url = workbenchUrl(server, DEMO);
  process.stdout.write([
    '',
    'Activation Lab demo: a real VS Code (code-server 4.100.3 (VS Code 1.100.3)) with the extension loaded from source.',
    `Open this URL in a browser on this machine (bound to 127.0.0.1 only; from elsewhere: ssh -L ${server.port}:127.0.0.1:${server.port}):`,
    '',
    `  ${url}`,
    '',
    'Then: F1 > "Activation Lab: Open Activation Explorer"; hover activations in demo/tfjs/model.ts;',
    'Help > Welcome > "Get started with Activation Lab" for the walkthrough. Ctrl-C stops the server.',
    '',
  ].join('\n'));
  // Ctrl-C: lib/codeServer.ts stops the server (whole process group) and exits.
  await new Promise<never>(() => undefined);
}

main().catch((e: unknown) => {
  process.stderr.write(`demo: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
