/**
 * Inside the extension host: a short MNIST comparison started through the command writes a
 * results file in the workspace that the contributed JSON Schema accepts, and "Open
 * Results" shows it.
 *
 * Contract with the MNIST panel (src/protocol/commands.ts `CompareMnistArgs`):
 * `activationLab.compareMnist` with `{ start: { config: TrainConfig, backend: BackendChoice } }`
 * starts that run as soon as the webview is ready, as if Start was pressed.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { describe, it } from 'mocha';
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import * as vscode from 'vscode';
import { CommandId, type CompareMnistArgs } from '../../../src/protocol/commands';
import { SHORT_MNIST_CONFIG } from '../panels';
import { api, extension, poll, READY_MS, workspaceRoot } from './helpers';

/** Names of the .json files in `dir` (none while it does not exist yet). */
function jsonFiles(dir: vscode.Uri): string[] {
  // node:fs, not workspace.fs: the latter logs every ENOENT while the folder is absent.
  return existsSync(dir.fsPath) ? readdirSync(dir.fsPath).filter((n) => n.endsWith('.json')).sort() : [];
}

async function readJson(uri: vscode.Uri): Promise<unknown> {
  return JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
}

/** Validates `data` against media/results.schema.json with ajv (draft-07 or 2020-12). */
async function schemaErrors(data: unknown): Promise<string> {
  const schema = (await readJson(vscode.Uri.joinPath(extension().extensionUri, 'media', 'results.schema.json'))) as Record<string, unknown>;
  const draft2020 = String(schema.$schema ?? '').includes('2020-12');
  const ajv = draft2020 ? new Ajv2020({ allErrors: true, strict: false }) : new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  return validate(data) ? '' : ajv.errorsText(validate.errors);
}

/** Declares the tests (called from index.ts after mocha's pre-require). */
export function defineMnistTests(): void {
  describe('MNIST comparison', () => {
    let written: vscode.Uri | undefined;

    it('a short run with the default backend (auto) chooses wasm here and writes a schema-valid results file in .activation-lab/runs/', async function () {
      this.timeout(READY_MS + 240_000);
      const lab = await api();
      const runs = vscode.Uri.joinPath(workspaceRoot(), '.activation-lab', 'runs');
      const before = new Set(jsonFiles(runs));
      await vscode.commands.executeCommand(CommandId.CompareMnist, { start: { config: SHORT_MNIST_CONFIG } } satisfies CompareMnistArgs);
      await lab.testHooks.waitForReady('mnist', READY_MS);
      const name = await poll(async () => jsonFiles(runs).find((n) => !before.has(n)), 200_000, 'a new results file', 1000);
      written = vscode.Uri.joinPath(runs, name);
      const data = (await readJson(written)) as {
        status: string; runs: Array<{ status: string; history: { val_accuracy: number[] }; testAccuracy: number }>;
        environment: { backend: string; workers?: number; selection?: { summary: string; candidates: Array<{ backend: string; software?: string; samplesPerSecond?: number }> } };
      };
      assert.equal(await schemaErrors(data), '');
      // No GPU here: WebGPU has no adapter and WebGL is SwiftShader (software, ranked last), so wasm wins the timing.
      assert.equal(data.environment.backend, 'wasm', JSON.stringify(data.environment.selection));
      assert.match(data.environment.selection?.summary ?? '', /^wasm chosen: \d+ samples\/s/);
      assert.ok((data.environment.selection?.candidates.find((c) => c.backend === 'wasm')?.samplesPerSecond ?? 0) > 0);
      assert.ok((data.environment.workers ?? 0) >= 1);
      assert.equal(data.status, 'completed');
      assert.equal(data.runs.length, 1);
      const run = data.runs[0]!;
      assert.equal(run.status, 'completed');
      assert.equal(run.history.val_accuracy.length, SHORT_MNIST_CONFIG.epochs);
      // 10 classes: chance is 0.1; 8 Adam steps on 1,024 real digits land well above it.
      assert.ok(run.testAccuracy > 0.2, `test accuracy ${run.testAccuracy}`);
    });

    it('Open Results shows that file', async function () {
      this.timeout(READY_MS + 10_000);
      assert.ok(written, 'needs the file of the previous test');
      const lab = await api();
      await vscode.commands.executeCommand(CommandId.OpenResults, written);
      await lab.testHooks.waitForReady('results', READY_MS);
    });
  });
}
