/**
 * code-server 4.100.3 (a real VS Code 1.100.3 server + workbench) for the tests and the demo:
 * installed on demand into .vscode-test/code-server/ (scripts/installCodeServer.sh),
 * bound to 127.0.0.1 only, started in its own process group and always stopped with it.
 * Why these flags (offline, unattended): `--auth none` skips the password page, and
 * `--bind-addr 127.0.0.1:<port>` keeps that unauthenticated server off the network;
 * `--disable-telemetry` and `--disable-update-check` stop calls home that fail offline;
 * `--disable-workspace-trust` and `--disable-getting-started-override` keep trust and welcome
 * pages from covering the workbench; per-run `--user-data-dir`, `--extensions-dir` and XDG
 * folders keep runs independent. The install (scripts/installCodeServer.sh) needs Debian's
 * `libkrb5-dev` (a native module includes gssapi.h) and `ripgrep` (offline stand-in for the
 * rg binary that @vscode/ripgrep would otherwise download from GitHub).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

/** Repository root (this file is test/vscode/lib/). */
export const ROOT = resolve(__dirname, '..', '..', '..');

/** A running code-server. */
export interface CodeServer {
  /** e.g. `http://127.0.0.1:41234`. */
  readonly origin: string;
  readonly port: number;
  /** Folder with this run's user data, extensions and logs (removed by `stop` unless kept). */
  readonly home: string;
  /** Server stdout+stderr file. */
  readonly logFile: string;
  /** Kills the whole process group (server, extension hosts, pty hosts); idempotent. */
  stop(): Promise<void>;
}

/** Options of {@link startCodeServer}. */
export interface StartOptions {
  /** User settings (`settings.json`) for this run. */
  readonly settings?: Record<string, unknown>;
  /** Keep the run's home folder (logs) after stop. */
  readonly keepHome?: boolean;
  /** Port to bind on 127.0.0.1; default: a free one. */
  readonly port?: number;
}

/** Runs scripts/installCodeServer.sh (idempotent, ~40 s the first time); returns the binary. */
export function installCodeServer(): string {
  const out = execFileSync('bash', [join(ROOT, 'scripts', 'installCodeServer.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = out.trim().split('\n');
  return lines[lines.length - 1]!;
}

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

/** Running servers and their `stop`, so that a dying runner still stops them. */
const live = new Map<ChildProcess, () => Promise<void>>();
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: the group is gone already.
  }
}
// Ctrl-C, kill or an uncaught error in the runner must not leave servers behind.
process.once('exit', () => { for (const c of live.keys()) killGroup(c, 'SIGKILL'); });
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(sig, () => {
    void Promise.allSettled([...live.values()].map((stop) => stop())).then(() => process.exit(130));
  });
}

/**
 * Starts code-server on 127.0.0.1 in a new process group (`detached`, i.e. setsid) with
 * its own user-data, extensions and XDG folders under `.vscode-test/runs/`; resolves when
 * `/healthz` answers. The caller must `stop()` it (use try/finally).
 * @throws Error with the log tail when the server exits or is not healthy within 30 s.
 */
export async function startCodeServer(bin: string, opts: StartOptions = {}): Promise<CodeServer> {
  const runs = join(ROOT, '.vscode-test', 'runs');
  mkdirSync(runs, { recursive: true });
  const home = mkdtempSync(join(runs, 'cs-'));
  const dirs = { user: join(home, 'user-data'), ext: join(home, 'extensions'), xdg: join(home, 'xdg') };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  mkdirSync(join(dirs.user, 'User'), { recursive: true });
  writeFileSync(join(dirs.user, 'User', 'settings.json'), JSON.stringify(opts.settings ?? {}, null, 2));
  const port = opts.port ?? (await freePort());
  const logFile = join(home, 'server.log');
  const log = createWriteStream(logFile);
  const child = spawn(bin, [
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--extensions-dir', dirs.ext, '--user-data-dir', dirs.user,
  ], {
    detached: true, // new session and process group: kill(-pid) reaches every extension host
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, XDG_CONFIG_HOME: join(dirs.xdg, 'config'), XDG_DATA_HOME: join(dirs.xdg, 'data'), XDG_CACHE_HOME: join(dirs.xdg, 'cache') },
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let exited = false;
  child.once('exit', () => { exited = true; }); // stays in `live`: its extension hosts may not have exited
  const stop = async (): Promise<void> => {
    if (!exited) {
      killGroup(child, 'SIGTERM');
      const gone = await Promise.race([new Promise<boolean>((r) => child.once('exit', () => r(true))), sleep(5000).then(() => false)]);
      if (!gone) killGroup(child, 'SIGKILL');
    }
    killGroup(child, 'SIGKILL'); // extension hosts left in the group after the server exited
    live.delete(child);
    log.end();
    if (!opts.keepHome) rmSync(home, { recursive: true, force: true });
  };
  live.set(child, stop);
  const origin = `http://127.0.0.1:${port}`;
  const end = Date.now() + 30_000;
  for (;;) {
    if (exited) { await stop(); throw new Error(`code-server exited at start; log: ${logFile}`); }
    try {
      if ((await fetch(`${origin}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) { await stop(); throw new Error(`code-server not healthy after 30 s; log: ${logFile}`); }
    await sleep(200);
  }
  return { origin, port, home, logFile, stop };
}

/**
 * The workbench URL that opens `folder` with the extension at `extensionPath` loaded from
 * source (no install) and, when given, runs the mocha suite at `testsPath` in its host.
 * The extension is passed through a symlink in the run's home (`<home>/dev-extension`):
 * VS Code 1.100 treats every theme whose location lies under `extensionDevelopmentPath` as
 * the developed extension's own and applies it instead of `workbench.colorTheme`
 * (WorkbenchThemeService `findThemeByExtensionLocation`); code-server's built-in themes lie
 * under ROOT (.vscode-test/code-server/), so without the link the workbench shows
 * Default Light+ (web default type: light) and the first built-in file icon theme.
 */
export function workbenchUrl(server: CodeServer, folder: string, extensionPath = ROOT, testsPath?: string): string {
  const remote = (p: string) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const link = join(server.home, 'dev-extension');
  if (!existsSync(link)) symlinkSync(extensionPath, link, 'dir'); // rmSync in stop() removes the link only
  const payload: string[][] = [['extensionDevelopmentPath', remote(link)]];
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  return `${server.origin}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** Promise-based delay. */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
