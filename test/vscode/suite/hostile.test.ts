/**
 * Inside the extension host: every panel's host (explorer, gradient flow, MNIST, results,
 * side view) gets at least 40 malformed or hostile messages (hostile.ts) as if its page had
 * posted them (`testHooks.deliver`). The host refuses each, logs each exactly once (in
 * `testHooks.logged` and in the "Activation Lab" output channel's file), writes nothing into
 * the workspace (the export dialog's default folder too), and answers the valid
 * `webview/ready` that follows.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import type { TestHooks } from '../../../src/host/testHooks';
import { CommandId } from '../../../src/protocol/commands';
import { PANELS, type PanelCase } from '../panels';
import { hostileMessages } from './hostile';
import { api, extension, READY_MS, workspaceRoot } from './helpers';

/** What the host posts in answer to `webview/ready`, per panel. */
const ANSWER: Record<PanelCase['name'], string> = {
  explorer: 'explorer/settings', gradient: 'gradient/settings', mnist: 'mnist/init', results: 'results/show', sideView: 'side/results',
};

/** Every file under `dir` with its size and modification time (`path -> size:mtime`). */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const s = statSync(p);
        out.set(p, `${s.size}:${s.mtimeMs}`);
      }
    }
  };
  walk(dir);
  return out;
}

/** Lines of the output channel's file that contain `needle`. */
function fileLines(hooks: TestHooks, needle: string): number {
  const f = hooks.logFile;
  if (!f || !existsSync(f)) return 0;
  return readFileSync(f, 'utf8').split('\n').filter((l) => l.includes(needle)).length;
}

/**
 * Delivers a unique malformed message and waits until VS Code has written its log line to
 * the channel's file: every line logged before it is then in the file too (one writer, in order).
 */
async function flushLog(hooks: TestHooks, name: PanelCase['name']): Promise<void> {
  const marker = `flush/${Date.now()}-${Math.random().toString(36).slice(2)}`;
  assert.equal(hooks.deliver(name, { type: marker }), true);
  const end = Date.now() + 30_000;
  while (fileLines(hooks, marker) === 0) {
    if (Date.now() > end) throw new Error(`the output channel file ${hooks.logFile} never showed ${marker}`);
    await new Promise((r) => setTimeout(r, 100)); // the file is written by VS Code; no event to wait for
  }
}

/** Opens panel `p` and resolves once its page (a new one) has said ready. */
async function openPanel(hooks: TestHooks, p: PanelCase): Promise<void> {
  const mark = hooks.messages(p.name).length;
  if (p.name === 'results') {
    const fixture = vscode.Uri.joinPath(extension().extensionUri, 'test', 'unit', 'results', 'fixtures', 'sample-results.json');
    await vscode.commands.executeCommand(CommandId.OpenResults, fixture);
    await hooks.until(p.name, () => hooks.messages(p.name).slice(mark).find((m) => m.dir === 'in' && m.type === 'webview/ready'), 'webview/ready', READY_MS);
    return;
  }
  await vscode.commands.executeCommand(p.command);
  await hooks.waitForReady(p.name, READY_MS);
}

/** Declares the tests (called from index.ts after mocha's pre-require). */
export function defineHostileTests(): void {
  describe('each panel host refuses 40+ hostile messages: logs each once, writes nothing, stays responsive', () => {
    before(async () => {
      (await api()).testHooks.startTracing();
    });
    for (const p of PANELS) {
      it(p.name, async function () {
        this.timeout(READY_MS + 120_000);
        const hooks = (await api()).testHooks;
        await openPanel(hooks, p);
        const messages = hostileMessages(p.name);
        assert.ok(messages.length >= 40, `${messages.length} messages`);
        await flushLog(hooks, p.name);
        const files = snapshot(workspaceRoot().fsPath);
        const logged = hooks.logged(p.name).length;
        const inFile = fileLines(hooks, `${p.name} webview`);
        const traced = hooks.messages(p.name).length;

        for (const m of messages) assert.equal(hooks.deliver(p.name, m), true, `${p.name} is open`);
        const lines = await hooks.until(p.name, () => {
          const l = hooks.logged(p.name).slice(logged);
          return l.length >= messages.length ? l : undefined;
        }, `${messages.length} log lines`);
        assert.equal(lines.length, messages.length, lines.join('\n'));
        for (const l of lines) assert.match(l, new RegExp(`^${p.name} webview:? (ignored|refused) `), l);
        // The well-formed ones that reached a handler were each refused there (one line each), none acted on.
        const handled = hooks.messages(p.name).slice(traced).filter((m) => m.dir === 'in');
        assert.equal(handled.length, lines.filter((l) => l.startsWith(`${p.name} webview: `)).length, handled.map((m) => m.type).join(', '));

        // Responsive: a valid ready right after is answered.
        const mark = hooks.messages(p.name).length;
        hooks.deliver(p.name, { type: 'webview/ready' });
        await hooks.until(p.name, () => hooks.messages(p.name).slice(mark).find((m) => m.dir === 'out' && m.type === ANSWER[p.name]), ANSWER[p.name], 30_000);

        // Logged once each in the output channel's file too (plus the flush marker).
        await flushLog(hooks, p.name);
        assert.equal(fileLines(hooks, `${p.name} webview`) - inFile, messages.length + 1);
        assert.deepEqual([...snapshot(workspaceRoot().fsPath)], [...files], 'no file appeared or changed in the workspace');
      });
    }
  });
}
