/**
 * Inside the extension host: a full-size IDX folder (Debian's Fashion-MNIST, 60,000 train +
 * 10,000 test images, gzipped) reaches the MNIST page and trains there. The host reads the
 * folder (the folder dialog answered with it), posts `data/idx` with the images as
 * Uint8Arrays, which VS Code (engines >= 1.57) carries as binary buffers beside the JSON
 * rather than inside it; the page's check accepts only real Uint8Arrays, so a run that trains
 * on `idx` proves the arrays arrived as arrays. The whole 60,000 are trained (not a sample)
 * for a few batches, then the panel is closed: a cancelled results file naming the folder.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import type { TrainConfig } from '../../../src/core/training/types';
import type { TestHooks } from '../../../src/host/testHooks';
import { CommandId } from '../../../src/protocol/commands';
import { SHORT_MNIST_CONFIG } from '../panels';
import { api, READY_MS, workspaceRoot } from './helpers';
import { schemaErrors } from './schema';

/** Debian's dataset-fashion-mnist (installed by .ci/run). */
const FOLDER = '/usr/share/datasets/fashion-mnist';
const FULL: TrainConfig = { ...SHORT_MNIST_CONFIG, epochs: 1, trainSamples: 60_000, testSamples: 10_000 };
const RUN_MS = 300_000;
const BATCHES = 3;

/** Declares the tests (called from index.ts after mocha's pre-require). */
export function defineFullDataTests(): void {
  describe('MNIST comparison on a full IDX folder', () => {
    let hooks: TestHooks;
    const dir = () => join(workspaceRoot().fsPath, 'full-idx-runs');
    const showOpenDialog = vscode.window.showOpenDialog;

    before(async () => {
      hooks = (await api()).testHooks;
      hooks.startTracing();
      await vscode.workspace.getConfiguration('activationLab').update('mnist.resultsFolder', 'full-idx-runs', vscode.ConfigurationTarget.Workspace);
    });
    after(async () => {
      (vscode.window as { showOpenDialog: typeof showOpenDialog }).showOpenDialog = showOpenDialog;
      await vscode.workspace.getConfiguration('activationLab').update('mnist.resultsFolder', undefined, vscode.ConfigurationTarget.Workspace);
      rmSync(dir(), { recursive: true, force: true });
    });

    it('60,000 + 10,000 images reach the page as binary arrays and the whole set trains a few batches', async function () {
      this.timeout(READY_MS + RUN_MS);
      assert.ok(existsSync(join(FOLDER, 'train-images-idx3-ubyte.gz')), `${FOLDER} (Debian dataset-fashion-mnist) is installed`);
      const [mark, notes] = [hooks.messages('mnist').length, hooks.noted('mnist').length];
      const seen = (dir: 'in' | 'out', type: string, what: string, ok: (m: Record<string, unknown>) => boolean = () => true) =>
        hooks.until('mnist', () => hooks.messages('mnist').slice(mark).find((m) => m.dir === dir && m.type === type && ok(m.message as Record<string, unknown>))?.message as Record<string, unknown> | undefined, what, RUN_MS);
      await vscode.commands.executeCommand(CommandId.CompareMnist);
      await seen('in', 'webview/ready', 'the page ready');
      // The folder dialog, answered as a user picking the folder (the page's "Choose folder…" posts data/chooseFolder).
      (vscode.window as { showOpenDialog: typeof showOpenDialog }).showOpenDialog = async () => [vscode.Uri.file(FOLDER)];
      assert.ok(hooks.deliver('mnist', { type: 'data/chooseFolder' }));
      const data = (await seen('out', 'data/idx', 'data/idx')).data as { label: string; train: { count: number; images: Uint8Array }; test: { count: number } };
      assert.deepEqual([data.label, data.train.count, data.test.count], ['fashion-mnist', 60_000, 10_000]);
      assert.ok(data.train.images instanceof Uint8Array && data.train.images.length === 60_000 * 28 * 28);

      hooks.deliver('mnist', { type: 'training/request', config: FULL, backend: 'wasm', source: 'idx' });
      await seen('out', 'training/begin', 'training/begin');
      const batch = await seen('in', 'training/batch', `batch ${BATCHES}`, (m) => m.index === 0 && m.epoch === 0 && (m.batch as number) >= BATCHES - 1);
      assert.equal(batch.batches, Math.ceil(60_000 / FULL.batchSize), 'batches of the whole 60,000');
      assert.equal(typeof batch.loss, 'number');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');

      const saved = await hooks.until('mnist', () => hooks.noted('mnist').slice(notes).find((n) => n.startsWith('saved: '))?.slice(7), 'saved', RUN_MS);
      assert.deepEqual(readdirSync(dir()), [saved.split('/').pop()]);
      const file = JSON.parse(readFileSync(saved, 'utf8')) as { status: string; config: { dataset: string; trainSamples: number; testSamples: number } };
      assert.equal(await schemaErrors(file), '');
      assert.equal(file.status, 'cancelled');
      assert.deepEqual([file.config.dataset, file.config.trainSamples, file.config.testSamples], ['idx:fashion-mnist', 60_000, 10_000]);
      assert.equal(hooks.messages('mnist').slice(mark).some((m) => m.dir === 'in' && m.type === 'training/finished' && (m.message as { status: string }).status === 'failed'), false, 'the page did not fail (no IDX data would)');
      await hooks.until('mnist', () => (hooks.noted('mnist').slice(notes).includes('progress closed') ? true : undefined), 'progress closed', RUN_MS);
      assert.deepEqual(hooks.liveWork(), {});
    });
  });
}
