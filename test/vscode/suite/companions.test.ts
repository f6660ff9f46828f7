/**
 * Inside the extension host: the hover provider on the demo's TypeScript and Python files,
 * and the side view (issue "Coding companions").
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { api, hoverText, READY_MS, openWorkspaceFile, positionOf, poll } from './helpers';

/** A word in a demo file, and text its hover must contain (case-insensitive). */
const HOVER_CASES = [
  { file: 'tfjs/model.ts', needle: "activation: 'relu'", offset: 14, expect: /relu/i },
  { file: 'tfjs/model.ts', needle: 'tf.selu(', offset: 4, expect: /selu/i },
  { file: 'tfjs/model.ts', needle: 'leakyReLU({ alpha: 0.2 })', offset: 2, expect: /0\.2/ },
  { file: 'pytorch/model.py', needle: 'nn.LeakyReLU(0.1)', offset: 5, expect: /0\.1/ },
  { file: 'keras/model.py', needle: 'keras.activations.selu(x)', offset: 19, expect: /selu/i },
] as const;

/** Declares the tests (called from index.ts after mocha's pre-require). */
export function defineCompanionTests(): void {
  describe('hover provider', () => {
    for (const h of HOVER_CASES) {
      it(`answers on ${h.needle} in ${h.file}`, async function () {
        this.timeout(60_000);
        await api();
        const editor = await openWorkspaceFile(h.file);
        const at = positionOf(editor.document, h.needle).translate(0, h.offset);
        // Language features start lazily: ask until our provider has answered.
        const text = await poll(async () => {
          const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at);
          const t = hoverText(hovers ?? []);
          return h.expect.test(t) ? t : undefined;
        }, 45_000, `hover at ${h.needle}`, 500);
        assert.match(text, h.expect);
      });
    }

    it("stays silent on 'relu' in a comment (not an activation argument)", async () => {
      await api();
      const editor = await openWorkspaceFile('tfjs/model.ts');
      // The file's first line comment mentions ('relu', tf.selu, ...).
      const at = positionOf(editor.document, "('relu'").translate(0, 3);
      assert.ok(editor.document.lineAt(at.line).text.trimStart().startsWith('//'));
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at);
      assert.doesNotMatch(hoverText(hovers ?? []), /relu/i);
    });
  });

  describe('side view', () => {
    it('resolves its webview when focused', async function () {
      this.timeout(READY_MS + 10_000);
      const lab = await api();
      await openWorkspaceFile('tfjs/model.ts');
      await vscode.commands.executeCommand('activationLab.sideView.focus');
      await lab.testHooks.waitForReady('sideView', READY_MS);
    });
  });
}
