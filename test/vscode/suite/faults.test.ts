/**
 * Inside the extension host: faults in the middle of an MNIST comparison, each of which
 * must leave a schema-valid results file (or results kept for "Save As...") with every
 * finished epoch, the progress notification closed and nothing half-written:
 * - a second comparison while one runs is refused (by command and by the page), and the one
 *   run writes one file;
 * - the results folder disappears mid-run: it is made again and the file written;
 * - the results folder turns into a file mid-run: a clear error, nothing written, the
 *   results kept (the Save As path itself is clicked in the UI tests);
 * - the panel is closed mid-run: `cancelled`, the finished epochs kept.
 * After each, nothing is left running: no session, no progress notification (the host's
 * `liveWork()`), and the page's training loop ended (its last message `training/finished`, or
 * the page is gone).
 * Cancel in the progress notification and Reload Window need the workbench: test/vscode/ui.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import type { TrainConfig } from '../../../src/core/training/types';
import type { TestHooks } from '../../../src/host/testHooks';
import { CommandId, type CompareMnistArgs } from '../../../src/protocol/commands';
import { SHORT_MNIST_CONFIG } from '../panels';
import { api, READY_MS, workspaceRoot } from './helpers';
import { schemaErrors } from './schema';

/** Three epochs of 512 digits: a fault after the first epoch lands mid-run. */
const FAULT_CONFIG: TrainConfig = { ...SHORT_MNIST_CONFIG, epochs: 3, trainSamples: 512, testSamples: 256 };
const RUN_MS = 240_000;

/** A results file as the tests read it. */
interface Results {
  status: string;
  config: { seed: number; epochs: number };
  runs: Array<{ activation: string; status: string; history: { loss: number[]; val_accuracy: number[] } }>;
  warnings?: string[];
}

function jsonFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.json')).sort() : [];
}

/** Starts `config` through the command, as a link or a script would. */
async function start(config: TrainConfig): Promise<void> {
  await vscode.commands.executeCommand(CommandId.CompareMnist, { start: { config, backend: 'wasm' } } satisfies CompareMnistArgs);
}

/** The first message of `type` that the MNIST page posted after index `mark` of the trace. */
function fromPage(hooks: TestHooks, mark: number, type: string, what = type): Promise<unknown> {
  return hooks.until('mnist', () => hooks.messages('mnist').slice(mark).find((m) => m.dir === 'in' && m.type === type)?.message, what, RUN_MS);
}

/** The first note of the MNIST panel after index `mark` that starts with `prefix` (without it). */
function note(hooks: TestHooks, mark: number, prefix: string): Promise<string> {
  return hooks.until('mnist', () => hooks.noted('mnist').slice(mark).find((n) => n.startsWith(prefix))?.slice(prefix.length), prefix, RUN_MS);
}

/**
 * Nothing of the run since `mark` is left: the progress notification closed (note since
 * `notes`), no session or notification counted by the host, and the page either gone or
 * done (its last training message `training/finished`, no batch after it).
 */
async function nothingLeft(hooks: TestHooks, mark: number, notes: number, page: 'open' | 'closed'): Promise<void> {
  await note(hooks, notes, 'progress closed');
  assert.deepEqual(hooks.liveWork(), {}, 'no session or progress notification left');
  if (page === 'closed') return assert.equal(hooks.isOpen('mnist'), false, 'the page is gone');
  const fromPageNow = hooks.messages('mnist').slice(mark).filter((m) => m.dir === 'in' && m.type.startsWith('training/') && m.type !== 'training/request');
  assert.equal(fromPageNow.at(-1)?.type, 'training/finished', 'the page reported the end of its training loop last');
}

/** Points `activationLab.mnist.resultsFolder` at `rel` (workspace settings); undefined restores the default. */
async function resultsFolder(rel: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('activationLab').update('mnist.resultsFolder', rel, vscode.ConfigurationTarget.Workspace);
}

/** Declares the tests (called from index.ts after mocha's pre-require). */
export function defineFaultTests(): void {
  describe('MNIST comparison faults', () => {
    let hooks: TestHooks;
    const root = () => workspaceRoot().fsPath;

    before(async () => {
      hooks = (await api()).testHooks;
      hooks.startTracing();
    });
    after(async () => {
      await resultsFolder(undefined);
      rmSync(join(root(), 'fault-runs'), { recursive: true, force: true });
    });

    it('a second comparison while one runs is refused; the one run writes one file', async function () {
      this.timeout(READY_MS + RUN_MS);
      await resultsFolder('fault-runs/second');
      const dir = join(root(), 'fault-runs', 'second');
      const [mark, notes, logs] = [hooks.messages('mnist').length, hooks.noted('mnist').length, hooks.logged('mnist').length];
      await start(FAULT_CONFIG);
      await fromPage(hooks, mark, 'training/batch', 'the first batch');
      await start({ ...FAULT_CONFIG, seed: 2 });
      await hooks.until('mnist', () => hooks.logged('mnist').slice(logs).find((l) => /refused a comparison started by command \(a comparison is already running\)/.test(l)), 'the command refused');
      const out = hooks.messages('mnist').length;
      hooks.deliver('mnist', { type: 'training/request', config: { ...FAULT_CONFIG, seed: 3 }, backend: 'wasm', source: 'bundled' });
      const rejected = await hooks.until('mnist', () => hooks.messages('mnist').slice(out).find((m) => m.dir === 'out' && m.type === 'training/rejected')?.message, 'training/rejected');
      assert.match((rejected as { message: string }).message, /already running/);
      const saved = await note(hooks, notes, 'saved: ');
      assert.deepEqual(jsonFiles(dir), [saved.split('/').pop()]);
      const data = JSON.parse(readFileSync(saved, 'utf8')) as Results;
      assert.equal(await schemaErrors(data), '');
      assert.equal(data.status, 'completed');
      assert.equal(data.config.seed, FAULT_CONFIG.seed);
      await nothingLeft(hooks, mark, notes, 'open');
      assert.equal(hooks.messages('mnist').slice(mark).filter((m) => m.type === 'training/begin').length, 1, 'one run began');
    });

    it('the results folder disappears mid-run: made again, the file written', async function () {
      this.timeout(READY_MS + RUN_MS);
      await resultsFolder('fault-runs/gone/runs');
      const dir = join(root(), 'fault-runs', 'gone', 'runs');
      mkdirSync(dir, { recursive: true });
      const [mark, notes] = [hooks.messages('mnist').length, hooks.noted('mnist').length];
      await start(FAULT_CONFIG);
      await fromPage(hooks, mark, 'training/epoch', 'the first epoch');
      rmSync(join(root(), 'fault-runs', 'gone'), { recursive: true });
      const saved = await note(hooks, notes, 'saved: ');
      assert.equal(saved, join(dir, jsonFiles(dir)[0]!));
      const data = JSON.parse(readFileSync(saved, 'utf8')) as Results;
      assert.equal(await schemaErrors(data), '');
      assert.equal(data.runs[0]!.history.loss.length, FAULT_CONFIG.epochs);
      await nothingLeft(hooks, mark, notes, 'open');
    });

    it('the results folder turns into a file mid-run: a clear error, nothing written, results kept for Save As', async function () {
      this.timeout(READY_MS + RUN_MS);
      await resultsFolder('fault-runs/file');
      const parent = join(root(), 'fault-runs');
      const [mark, notes] = [hooks.messages('mnist').length, hooks.noted('mnist').length];
      await start(FAULT_CONFIG);
      await fromPage(hooks, mark, 'training/epoch', 'the first epoch');
      rmSync(join(parent, 'file'), { recursive: true, force: true });
      writeFileSync(join(parent, 'file'), 'not a folder');
      const error = await note(hooks, notes, 'save failed: ');
      assert.match(error, /could not save the results in fault-runs\/file: it is a file, not a folder/);
      const failed = hooks.messages('mnist').slice(mark).find((m) => m.dir === 'out' && m.type === 'training/saveFailed')?.message as { canSaveAs?: boolean } | undefined;
      assert.equal(failed?.canSaveAs, true, 'the page offers Save As');
      assert.equal(readFileSync(join(parent, 'file'), 'utf8'), 'not a folder', 'the file in the way is untouched');
      assert.deepEqual(readdirSync(parent).filter((n) => n !== 'second' && n !== 'gone'), ['file'], 'no temp or results file beside it');
      await nothingLeft(hooks, mark, notes, 'open');
    });

    it('closing the panel mid-run leaves a cancelled file with every finished epoch', async function () {
      this.timeout(READY_MS + RUN_MS);
      await resultsFolder('fault-runs/closed');
      const dir = join(root(), 'fault-runs', 'closed');
      const [mark, notes] = [hooks.messages('mnist').length, hooks.noted('mnist').length];
      // 30 epochs: training on the page's main thread slows the workbench, so the close may take a few epochs to land.
      const epochs = 30;
      await start({ ...FAULT_CONFIG, epochs });
      const epoch = (await fromPage(hooks, mark, 'training/epoch', 'the first epoch')) as { epoch: number };
      assert.equal(epoch.epoch, 0);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const saved = await note(hooks, notes, 'saved: ');
      assert.equal(saved, join(dir, jsonFiles(dir)[0]!));
      const data = JSON.parse(readFileSync(saved, 'utf8')) as Results;
      assert.equal(await schemaErrors(data), '');
      assert.equal(data.status, 'cancelled');
      const finished = hooks.messages('mnist').slice(mark).filter((m) => m.dir === 'in' && m.type === 'training/epoch').length;
      const run = data.runs[0]!;
      assert.equal(run.status, 'cancelled');
      assert.equal(run.history.loss.length, finished, 'every epoch the page reported');
      assert.ok(finished >= 1 && finished < epochs, `${finished} epochs`);
      assert.ok(data.warnings?.includes('training stopped: the MNIST panel was closed mid-run'), String(data.warnings));
      await nothingLeft(hooks, mark, notes, 'closed');
    });
  });
}
