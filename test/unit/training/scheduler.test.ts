/**
 * The grid scheduler's rules with scripted test workers (no tfjs): results in run order
 * whatever finishes first, a crashed worker fails only its cell (finished epochs kept) and is
 * replaced, a worker that cannot start fails nothing while others run, cancel ends cells in
 * flight and keeps their epochs, and every worker made is terminated when trainGrid settles.
 * Real worker threads training real models: parallel.test.ts.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { comparisonGrid } from '../../../src/core/training/grid';
import { trainGrid } from '../../../src/core/training/scheduler';
import type { GridInput } from '../../../src/core/training/scheduler';
import type { DigitSet, RunResult, TrainConfig } from '../../../src/core/training/types';
import type { FromWorker, ToWorker, WorkerPort } from '../../../src/core/training/workerProtocol';
import { DEFAULT_CONFIG } from '../../../src/core/training/defaults';

const config: TrainConfig = {
  ...DEFAULT_CONFIG, epochs: 2, trainSamples: 4, testSamples: 2, batchSize: 2,
  activations: ['relu', 'gelu', 'elu', 'selu'].map((activation) => ({ activation, params: {} })),
};
const digits = (n: number): DigitSet => ({ images: new Uint8Array(n * 4), labels: new Uint8Array(n), count: n, rows: 2, cols: 2 });

/** A run with `epochs` finished epochs whose loss is the run index plus the epoch (so results are traceable). */
function result(run: number, epochs: number, status: RunResult['status'] = 'completed'): RunResult {
  const h = Array.from({ length: epochs }, (_, e) => run + e / 10);
  return { activation: config.activations[run % 4]!.activation, params: {}, status, history: { loss: h, accuracy: h, val_loss: h, val_accuracy: h }, epochTimesMs: h.map(() => 1), samplesPerSecond: 1, testAccuracy: 0.5 };
}

/** How a scripted worker handles one cell: the messages it sends, or a crash after some of them. */
type Script = (run: number) => { events: FromWorker[]; crashAfter?: number; hang?: boolean };

/** Normal behaviour: started, 2 batches and an epoch per epoch, ended. */
const normal: Script = (run) => ({
  events: [
    { type: 'cell/started', run },
    ...[0, 1].flatMap((e): FromWorker[] => [
      { type: 'cell/batch', run, epoch: e, batch: 0, batches: 2, loss: 1, samples: 2 },
      { type: 'cell/batch', run, epoch: e, batch: 1, batches: 2, loss: 1, samples: 2 },
      { type: 'cell/epoch', run, epoch: e, result: result(run, e + 1) },
    ]),
    { type: 'cell/ended', run, result: result(run, 2) },
  ],
});

/** Test workers driven by a script; records what they were sent and whether they were terminated. */
class Fleet {
  readonly made: Array<{ sent: ToWorker[]; terminated: boolean; transfers: number }> = [];
  constructor(private readonly script: Script, private readonly initFails: (slot: number) => boolean = () => false, private readonly delay: (run: number) => number = () => 0) {}

  readonly factory = (slot: number): WorkerPort => {
    const rec = { sent: [] as ToWorker[], terminated: false, transfers: 0 };
    this.made.push(rec);
    let h: { message(d: unknown): void; exit(r: string): void } | undefined;
    let cancelled = false;
    const later = (ms: number, f: () => void): void => void setTimeout(() => !rec.terminated && f(), ms);
    return {
      listen: (handlers) => (h = handlers),
      terminate: async () => void (rec.terminated = true),
      post: (m, transfer) => {
        rec.sent.push(m);
        rec.transfers += transfer?.length ?? 0;
        if (m.type === 'worker/init') later(1, () => h!.message(this.initFails(slot) ? { type: 'worker/initFailed', error: 'no wasm here' } : { type: 'worker/ready' }));
        if (m.type === 'worker/cancel') cancelled = true;
        if (m.type !== 'worker/train') return;
        const s = this.script(m.cell.run);
        const step = (i: number): void => {
          if (s.crashAfter === i) return h!.exit('exited with code 7');
          if (cancelled && i > 0 && !s.hang) return h!.message({ type: 'cell/ended', run: m.cell.run, result: { ...result(m.cell.run, 1), status: 'cancelled' } });
          if (i >= s.events.length) return;
          h!.message(s.events[i]);
          later(this.delay(m.cell.run), () => step(i + 1));
        };
        later(this.delay(m.cell.run), () => step(0));
      },
    };
  };

  allTerminated(): boolean {
    return this.made.every((w) => w.terminated);
  }
}

const input = (fleet: Fleet, over: Partial<GridInput> = {}): GridInput => ({
  config, cells: comparisonGrid(config), train: digits(4), test: digits(2), backend: 'wasm', workers: 2, createWorker: fleet.factory, ...over,
});

describe('grid scheduler (scripted workers)', () => {
  it('returns results in run order when later cells finish first, and terminates every worker', async () => {
    const fleet = new Fleet(normal, undefined, (run) => (run === 0 ? 15 : 1));
    const ended: number[] = [];
    const out = await trainGrid(input(fleet, { callbacks: { onCellEnd: (c) => ended.push(c.run) } }));
    assert.deepEqual(out.map((o) => o.cell.run), [0, 1, 2, 3]);
    assert.deepEqual(out.map((o) => o.run.history.loss), [0, 1, 2, 3].map((r) => [r, r + 0.1]));
    assert.notEqual(ended[0], 0, `run 0 was made slow, so another cell ends first (order ${ended})`);
    assert.equal(fleet.made.length, 2);
    assert.ok(fleet.allTerminated());
  });

  it('sends each worker the config, the platform options and its own transferred copy of both digit sets, then one cell at a time', async () => {
    const fleet = new Fleet(normal);
    const workerOptions = { 'tfjs-backend-wasm-simd.wasm': 'blob:vscode-webview://x/1' };
    await trainGrid(input(fleet, { workerOptions }));
    for (const w of fleet.made) {
      assert.equal(w.sent[0]!.type, 'worker/init');
      assert.deepEqual((w.sent[0] as { options?: unknown }).options, workerOptions);
      assert.equal(w.transfers, 4);
      assert.ok(w.sent.slice(1).every((m) => m.type === 'worker/train'));
    }
    const trained = fleet.made.flatMap((w) => w.sent.filter((m) => m.type === 'worker/train').map((m) => (m as { cell: { run: number } }).cell.run));
    assert.deepEqual(trained.sort(), [0, 1, 2, 3]);
  });

  it('never starts more workers than cells, and none for an empty cell list', async () => {
    const fleet = new Fleet(normal);
    await trainGrid(input(fleet, { workers: 8, cells: comparisonGrid(config).slice(0, 3) }));
    assert.equal(fleet.made.length, 3);
    const none = new Fleet(normal);
    assert.deepEqual(await trainGrid(input(none, { cells: [] })), []);
    assert.equal(none.made.length, 0);
  });

  it('a worker crash fails only its cell, keeps its finished epoch, and a replacement trains the rest', async () => {
    // Cell 1 crashes after started, batch, batch, epoch 0 (4 events).
    const fleet = new Fleet((run) => (run === 1 ? { ...normal(run), crashAfter: 4 } : normal(run)));
    const lost: string[] = [];
    const out = await trainGrid(input(fleet, { callbacks: { onWorkerLost: (_s, reason, c) => lost.push(`${c?.run}: ${reason}`) } }));
    assert.deepEqual(out.map((o) => o.run.status), ['completed', 'failed', 'completed', 'completed']);
    assert.deepEqual(out[1]!.run.history.loss, [1]);
    assert.match(out[1]!.run.error!, /worker stopped: exited with code 7/);
    assert.deepEqual(lost, ['1: worker stopped: exited with code 7']);
    assert.equal(fleet.made.length, 3, 'one replacement worker');
    assert.ok(fleet.allTerminated());
  });

  it('a worker that cannot start leaves the cells to the others; when none can, every cell fails with the reason', async () => {
    const half = new Fleet(normal, (slot) => slot === 0);
    const out = await trainGrid(input(half));
    assert.deepEqual(out.map((o) => o.run.status), ['completed', 'completed', 'completed', 'completed']);
    const none = new Fleet(normal, () => true);
    const failed = await trainGrid(input(none));
    assert.deepEqual(failed.map((o) => o.run.status), ['failed', 'failed', 'failed', 'failed']);
    assert.ok(failed.every((o) => o.run.error === 'no training worker could start: no wasm here'));
    assert.equal(none.made.length, 2, 'no replacements for workers that cannot start');
    assert.ok(half.allTerminated() && none.allTerminated());
  });

  it('cancel: cells in flight end cancelled with their epochs, later cells are left out, workers stop', async () => {
    const abort = new AbortController();
    const fleet = new Fleet(normal, undefined, () => 5);
    const out = await trainGrid(input(fleet, {
      signal: abort.signal,
      callbacks: { onEpoch: (c, e) => { if (c.run === 0 && e === 0) abort.abort(); } },
    }));
    assert.deepEqual(out.map((o) => [o.cell.run, o.run.status]), [[0, 'cancelled'], [1, 'cancelled']]);
    assert.ok(out.every((o) => o.run.history.loss.length === 1));
    for (const w of fleet.made) assert.deepEqual(w.sent.map((m) => m.type), ['worker/init', 'worker/train', 'worker/cancel']);
    assert.ok(fleet.allTerminated());
  });

  it('cancel: a worker that does not stop within the grace time is terminated and its cell kept as cancelled', async () => {
    const abort = new AbortController();
    const fleet = new Fleet((run) => ({ ...normal(run), hang: true, events: normal(run).events.slice(0, 4) }), undefined, () => 2);
    const out = await trainGrid(input(fleet, {
      signal: abort.signal, cancelGraceMs: 20, cells: comparisonGrid(config).slice(0, 1), workers: 1,
      callbacks: { onEpoch: () => abort.abort() },
    }));
    assert.deepEqual(out.map((o) => [o.run.status, o.run.history.loss]), [['cancelled', [0]]]);
    assert.ok(fleet.allTerminated());
  });

  it('an already aborted signal trains nothing and starts no worker', async () => {
    const abort = new AbortController();
    abort.abort();
    const fleet = new Fleet(normal);
    assert.deepEqual(await trainGrid(input(fleet, { signal: abort.signal })), []);
    assert.equal(fleet.made.length, 0);
  });

  it('a worker reporting a run it was not given is dropped; its cell fails and the rest still train', async () => {
    const fleet = new Fleet((run) => (run === 2 ? { events: [{ type: 'cell/started', run: 9 }] } : normal(run)));
    const out = await trainGrid(input(fleet));
    assert.deepEqual(out.map((o) => o.run.status), ['completed', 'completed', 'failed', 'completed']);
    assert.match(out[2]!.run.error!, /reported run 9 while training 2/);
    assert.ok(fleet.allTerminated());
  });

  it('a callback that throws cancels the grid and trainGrid rejects with its error after stopping every worker', async () => {
    const fleet = new Fleet(normal, undefined, () => 2);
    const bug = new Error('bug in a progress callback');
    await assert.rejects(trainGrid(input(fleet, { callbacks: { onBatch: () => { throw bug; } } })), (e) => e === bug);
    assert.ok(fleet.allTerminated());
    assert.ok(fleet.made.every((w) => w.sent.some((m) => m.type === 'worker/cancel')));
  });

  it('rejects a bad worker count, a cell outside the config and duplicate runs', async () => {
    const fleet = new Fleet(normal);
    await assert.rejects(trainGrid(input(fleet, { workers: 0 })), /workers must be an integer >= 1/);
    await assert.rejects(trainGrid(input(fleet, { cells: [{ run: 0, activation: 7, repeat: 0, seed: 1 }] })), /names activation 7/);
    await assert.rejects(trainGrid(input(fleet, { cells: [{ run: 0, activation: 0, repeat: 0, seed: 1 }, { run: 0, activation: 1, repeat: 0, seed: 1 }] })), /two cells have run 0/);
  });
});
