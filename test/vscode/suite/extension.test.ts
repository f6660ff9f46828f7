/**
 * Inside the extension host: activation, every contributed command, every panel's ready
 * handshake (api.testHooks). Loops over package.json and test/vscode/panels.ts, so a new
 * command or panel is covered without editing this file.
 */
import * as assert from 'node:assert/strict';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { CommandId, type CommandArgs } from '../../../src/protocol/commands';
import { PANELS } from '../panels';
import { api, contributedCommands, extension, EXTENSION_ID, openWorkspaceFile, positionOf, READY_MS, runDismissingPrompts } from './helpers';

/**
 * Arguments per command where a user would supply them (a link, a menu, a file). Commands
 * absent here run with none; a quick pick or input box they open is dismissed.
 */
const COMMAND_ARGS: { readonly [C in CommandId]?: CommandArgs[C] } = {
  [CommandId.ShowActivation]: [{ id: 'gelu' }],
};

/** Declares the tests (called from index.ts after mocha's pre-require). */
export function defineExtensionTests(): void {
  describe('extension', () => {
    it('activates and returns its test hooks', async () => {
      const lab = await api();
      assert.equal(extension().isActive, true);
      assert.equal(typeof lab.testHooks.waitForReady, 'function');
    });

    it('registers every contributed command', async () => {
      await api();
      const registered = new Set(await vscode.commands.getCommands(true));
      const missing = contributedCommands().map((c) => c.command).filter((id) => !registered.has(id));
      assert.deepEqual(missing, [], 'contributed but not registered');
    });

    it('contributes a walkthrough whose steps have media and which opens', async () => {
      const pkg = extension().packageJSON as { contributes: { walkthroughs: Array<{ id: string; steps: Array<{ media: { markdown: string } }> }> } };
      const [walk] = pkg.contributes.walkthroughs;
      assert.ok(walk && walk.steps.length >= 3, 'explorer, gradient, MNIST steps');
      for (const step of walk.steps) await vscode.workspace.fs.stat(vscode.Uri.joinPath(extension().extensionUri, step.media.markdown));
      await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#${walk.id}`, false);
    });

    it('gives every contributed command a category and title', () => {
      for (const c of contributedCommands()) {
        assert.equal(c.category, 'Activation Lab', c.command);
        assert.ok(c.title.length > 0, c.command);
      }
    });
  });

  describe('every contributed command runs', () => {
    before(async () => {
      await api();
      // Commands that act on the activation at the cursor need an editor on one.
      const editor = await openWorkspaceFile('tfjs/model.ts');
      const at = positionOf(editor.document, "'relu'").translate(0, 2);
      editor.selection = new vscode.Selection(at, at);
    });
    for (const c of contributedCommands()) {
      it(c.command, async function () {
        this.timeout(90_000);
        await runDismissingPrompts(c.command, COMMAND_ARGS[c.command as CommandId] ?? []);
      });
    }
  });

  describe('each panel opens and its webview reports ready', () => {
    for (const p of PANELS.filter((x) => x.name !== 'results')) {
      it(p.name, async function () {
        this.timeout(READY_MS + 10_000);
        const lab = await api();
        await vscode.commands.executeCommand(p.command);
        await lab.testHooks.waitForReady(p.name, READY_MS);
      });
    }
  });

  describe('each panel host ignores malformed messages, logging each once', () => {
    /** Not messages, unknown or old names, and shared-scope messages with bad fields. */
    const BAD: unknown[] = [null, 7, 'webview/ready', [], {}, { type: 'toString' }, { type: 'ready' }, { type: 'chart/export', format: 'svg', data: '<svg/>', name: 'x' },
      { type: 'webview/exportChart', format: 'gif', data: 'x', name: 'x' }, { type: 'webview/exportChart', format: 'svg', data: '<svg/>', name: '../evil' },
      { type: 'webview/openSettings', query: 'workbench.colorTheme' }, { type: 'webview/saveCustom', name: 'x', expression: 'x', params: JSON.parse('{"__proto__": 1}') }];
    for (const p of PANELS.filter((x) => x.name !== 'results')) {
      it(p.name, async function () {
        this.timeout(READY_MS + 10_000);
        const lab = await api();
        await vscode.commands.executeCommand(p.command);
        await lab.testHooks.waitForReady(p.name, READY_MS);
        const before = lab.testHooks.logged(p.name).length;
        for (const m of BAD) assert.equal(lab.testHooks.deliver(p.name, m), true, `${p.name} is open`);
        const lines = lab.testHooks.logged(p.name).slice(before);
        assert.equal(lines.length, BAD.length, lines.join('\n'));
        for (const l of lines) assert.match(l, /ignored a malformed message/);
      });
    }
  });
}
