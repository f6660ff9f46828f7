/**
 * Where one training step of the comparison CNN (ReLU, batch 128, Adam, clipvalue 0.5) spends
 * its time on the wasm backend (one thread, SIMD: what one worker runs), kernel by kernel,
 * so the next bottleneck is visible; the step against the wasm SIMD limit measured by the
 * forward conv2; and the backend's own kernels (or the previous mappings) against ours on the
 * CNN's shapes. Times are CPU time of this process (process.cpuUsage), medians of several
 * steps, so other load on a shared machine inflates them less than wall time; every ratio is
 * measured in this run.
 */
import * as tf from '@tensorflow/tfjs';
import type { BenchRow } from './run';
import { initNodeBackend } from '../src/cli/compare';
import { stratifiedSplit } from '../src/core/data/split';
import { DEFAULT_CONFIG } from '../src/core/training/comparison';
import { uploadDigits } from '../src/core/training/deviceData';
import { buildModel } from '../src/core/training/model';
import { trainStep } from '../src/core/training/trainLoop';
import type { TrainConfig } from '../src/core/training/types';
import { wasmBackendKernel } from '../src/core/training/wasmKernels';
import { bundledDigits } from '../test/unit/training/fixtures';

const BATCH = 128;
const STEPS = 7;
const TOP = 12;
const cfg: TrainConfig = { ...DEFAULT_CONFIG, activations: [{ activation: 'relu', params: {} }] };

/** CPU milliseconds of this process while `f` runs. */
function cpuMs(f: () => void): number {
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const size = (s: number[]): number => s.reduce((a, b) => a * b, 1);

/** Multiply-add FLOPs (2 per MAC) of the matrix kernels, from their shapes; 0 for others. */
function flops(name: string, ins: number[][], outs: number[][]): number {
  const out = outs[0] ?? [];
  switch (name) {
    case 'Conv2D': case 'FusedConv2D': { const w = ins[1]!; return 2 * size(out) * (size(w) / w[3]!); }
    case 'Conv2DBackpropFilter': return 2 * size(ins[1]!) * (size(out) / out[3]!);
    case 'Conv2DBackpropInput': { const w = ins[1]!; return 2 * size(ins[0]!) * (size(w) / w[3]!); }
    case 'BatchMatMul': case '_FusedMatMul': return 2 * size(ins[0]!) * out[out.length - 1]!;
    default: return 0;
  }
}

interface KernelTotal { ms: number; calls: number; flops: number; each: number[] }
interface StepProfile { byKernel: Map<string, KernelTotal>; totalMs: number }

/** One step under tf.profile, kernel times as CPU time (the backend's timer patched). */
async function profileStep(step: () => Promise<void>): Promise<StepProfile> {
  const backend = tf.backend() as unknown as { time(f: () => void): Promise<{ kernelMs: number }> };
  const own = backend.time;
  backend.time = async (f) => ({ kernelMs: cpuMs(f) });
  const c0 = process.cpuUsage();
  let prof: Awaited<ReturnType<typeof tf.profile>>;
  try {
    prof = await tf.profile(step);
  } finally {
    backend.time = own;
  }
  const c = process.cpuUsage(c0);
  const byKernel = new Map<string, KernelTotal>();
  for (const k of prof.kernels) {
    if (k.name.endsWith('__op')) continue; // op wrappers (customGrad) contain the kernels they run
    const e = byKernel.get(k.name) ?? { ms: 0, calls: 0, flops: 0, each: [] };
    e.ms += k.kernelTimeMs as number;
    e.calls++;
    e.each.push(k.kernelTimeMs as number);
    e.flops += flops(k.name, k.inputShapes, k.outputShapes);
    byKernel.set(k.name, e);
  }
  return { byKernel, totalMs: (c.user + c.system) / 1000 };
}

/** Median CPU ms of `f` over `reps` runs after one warm-up run. */
function timeMs(f: () => void, reps = 5): number {
  f();
  return median(Array.from({ length: reps }, () => cpuMs(f)));
}

/** Old kernels (the backend's own, or the previous conv mappings) against ours, on the CNN's shapes. */
function oldVsNew(): BenchRow[] {
  const run = (name: string, inputs: Record<string, tf.Tensor>, attrs: Record<string, unknown>) => () => tf.dispose(tf.engine().runKernel(name, inputs, attrs as never) as tf.Tensor);
  const own = (name: string, inputs: Record<string, tf.Tensor>, attrs: Record<string, unknown>) => () => {
    const k = wasmBackendKernel(name)!;
    const out = k({ inputs: inputs as never, backend: tf.backend() as never, attrs });
    (tf.backend() as unknown as { disposeData(id: object): void }).disposeData(out.dataId);
  };
  const x2 = tf.randomUniform([BATCH, 26, 26, 32]), w2 = tf.randomUniform([3, 3, 32, 64], -0.1, 0.1), dy2 = tf.randomUniform([BATCH, 24, 24, 64]);
  const x1 = tf.randomUniform([BATCH, 28, 28, 1]), w1 = tf.randomUniform([3, 3, 1, 32], -0.1, 0.1), dy1 = tf.randomUniform([BATCH, 26, 26, 32]);
  const pooled = tf.maxPool(dy2 as tf.Tensor4D, 2, 2, 'valid');
  const dense = tf.randomUniform([BATCH, 9216]), dd = tf.randomUniform([BATCH, 128]), wd = tf.randomUniform([9216, 128]);
  const conv = { strides: 1, pad: 'valid', dataFormat: 'NHWC', dimRoundingMode: undefined };
  // The previous mappings, on the backend's own (XNNPACK) Conv2D: dW as one forward Conv2D of
  // X^T with dY^T as filter, dX as a full correlation with the flipped filter.
  const xnnConv = (x: tf.Tensor, w: tf.Tensor, pad: unknown): tf.Tensor => {
    const info = wasmBackendKernel('Conv2D')!({ inputs: { x, filter: w } as never, backend: tf.backend() as never, attrs: { strides: 1, pad, dataFormat: 'NHWC', dilations: 1 } });
    return tf.engine().makeTensorFromTensorInfo(info);
  };
  const filterViaConv = (x: tf.Tensor4D, dy: tf.Tensor4D) => () => tf.tidy(() => tf.transpose(xnnConv(tf.transpose(x, [3, 1, 2, 0]), tf.transpose(dy, [1, 2, 0, 3]), 'valid'), [1, 2, 0, 3])).dispose();
  const inputViaConv = (dy: tf.Tensor4D, w: tf.Tensor4D) => () => tf.tidy(() => xnnConv(dy, tf.transpose(tf.reverse(w, [0, 1]), [0, 1, 3, 2]), [[0, 0], [2, 2], [2, 2], [0, 0]])).dispose();
  const pairs: Array<[string, () => void, () => void]> = [
    ['Conv2D conv2 forward (XNNPACK)', () => tf.tidy(() => xnnConv(x2, w2, 'valid')).dispose(), () => tf.conv2d(x2 as tf.Tensor4D, w2 as tf.Tensor4D, 1, 'valid').dispose()],
    ['Conv2DBackpropFilter conv2 (dW as one Conv2D)', filterViaConv(x2 as tf.Tensor4D, dy2 as tf.Tensor4D), run('Conv2DBackpropFilter', { x: x2, dy: dy2 }, { ...conv, filterShape: [3, 3, 32, 64] })],
    ['Conv2DBackpropFilter conv1 (dW as one Conv2D)', filterViaConv(x1 as tf.Tensor4D, dy1 as tf.Tensor4D), run('Conv2DBackpropFilter', { x: x1, dy: dy1 }, { ...conv, filterShape: [3, 3, 1, 32] })],
    ['Conv2DBackpropInput conv2 (full correlation)', inputViaConv(dy2 as tf.Tensor4D, w2 as tf.Tensor4D), run('Conv2DBackpropInput', { dy: dy2, filter: w2 }, { ...conv, inputShape: [BATCH, 26, 26, 32] })],
    ['Conv2DBackpropInput conv1 (full correlation)', inputViaConv(dy1 as tf.Tensor4D, w1 as tf.Tensor4D), run('Conv2DBackpropInput', { dy: dy1, filter: w1 }, { ...conv, inputShape: [BATCH, 28, 28, 1] })],
    ['MaxPoolGrad 2x2 (backend)', own('MaxPoolGrad', { dy: pooled, input: dy2, output: pooled }, { filterSize: 2, strides: 2, pad: 'valid' }), run('MaxPoolGrad', { dy: pooled, input: dy2, output: pooled }, { filterSize: 2, strides: 2, pad: 'valid' })],
    ['Sum conv2 bias gradient (backend)', own('Sum', { x: dy2 }, { axis: [0, 1, 2], keepDims: false }), run('Sum', { x: dy2 }, { axis: [0, 1, 2], keepDims: false })],
    ['BatchMatMul dense1 dW, transposeA (backend)', own('BatchMatMul', { a: dense.reshape([1, BATCH, 9216]), b: dd.reshape([1, BATCH, 128]) }, { transposeA: true, transposeB: false }), run('BatchMatMul', { a: dense.reshape([1, BATCH, 9216]), b: dd.reshape([1, BATCH, 128]) }, { transposeA: true, transposeB: false })],
    ['BatchMatMul dense1 dX, transposeB (backend)', own('BatchMatMul', { a: dd.reshape([1, BATCH, 128]), b: wd.reshape([1, 9216, 128]) }, { transposeA: false, transposeB: true }), run('BatchMatMul', { a: dd.reshape([1, BATCH, 128]), b: wd.reshape([1, 9216, 128]) }, { transposeA: false, transposeB: true })],
  ];
  const rows: BenchRow[] = [];
  for (const [name, old, now] of pairs) {
    const [o, n] = [timeMs(old, 3), timeMs(now, 3)];
    rows.push({ name: `kernels: old/new ${name}`, value: o / n, unit: 'x', note: `${o.toFixed(1)} ms -> ${n.toFixed(1)} ms` });
  }
  tf.dispose([x2, w2, dy2, x1, w1, dy1, pooled, dense, dd, wd]);
  return rows;
}

/** Rows: the per-kernel table of one step, the SIMD limit, old against new kernels. */
export async function bench(): Promise<BenchRow[]> {
  await initNodeBackend('wasm');
  const split = stratifiedSplit(await bundledDigits(), 1024, 128, 1);
  const train = uploadDigits(split.train);
  const model = buildModel(cfg.activations[0]!, { seed: cfg.seed });
  const opt = tf.train.adam(cfg.learningRate);
  const idx = Int32Array.from({ length: BATCH }, (_, i) => i);
  const step = async (): Promise<void> => {
    const s = trainStep(model, opt, cfg, train, idx);
    await s.data();
    s.dispose();
  };
  for (let i = 0; i < 3; i++) await step();
  // Plain and profiled steps interleaved, so both see the same load on a shared machine.
  const wall: number[] = [], cpu: number[] = [];
  const profiles: StepProfile[] = [];
  for (let i = 0; i < STEPS; i++) {
    const c0 = process.cpuUsage(), t0 = performance.now();
    await step();
    const c = process.cpuUsage(c0);
    wall.push(performance.now() - t0);
    cpu.push((c.user + c.system) / 1000);
    profiles.push(await profileStep(step));
  }
  const names = [...profiles[0]!.byKernel.keys()];
  const table = names.map((name) => {
    const es = profiles.map((p) => p.byKernel.get(name) ?? { ms: 0, calls: 0, flops: 0, each: [] });
    const each = es[0]!.each.map((_, i) => median(es.map((e) => e.each[i] ?? 0)));
    return { name, ms: median(es.map((e) => e.ms)), calls: es[0]!.calls, flops: es[0]!.flops, each };
  }).sort((a, b) => b.ms - a.ms);
  const stepCpu = median(cpu);
  // Outside kernels: each profiled step's CPU time less its kernels' (includes the profiler's own bookkeeping).
  const outside = median(profiles.map((p) => p.totalMs - [...p.byKernel.values()].reduce((a, e) => a + e.ms, 0)));
  const stepFlops = table.reduce((a, r) => a + r.flops, 0);
  const rows: BenchRow[] = [
    { name: 'kernels: one step, CPU time', value: stepCpu, unit: 'ms', note: `median of ${STEPS}; wall ${median(wall).toFixed(0)} ms; batch ${BATCH}, ReLU` },
  ];
  const pct = (ms: number): string => `${((100 * ms) / stepCpu).toFixed(1)}% of step`;
  for (const r of table.slice(0, TOP)) {
    const rate = r.flops ? `, ${(r.flops / r.ms / 1e6).toFixed(1)} GFLOP/s` : '';
    const calls = r.calls <= 4 ? `calls ${r.each.map((m) => m.toFixed(1)).join(' + ')} ms` : `${r.calls} calls`;
    rows.push({ name: `kernels:   ${r.name}`, value: r.ms, unit: 'ms', note: `${pct(r.ms)}, ${calls}${rate}` });
  }
  const rest = table.slice(TOP).reduce((a, r) => a + r.ms, 0);
  rows.push({ name: `kernels:   ${table.length - TOP} other kernels`, value: rest, unit: 'ms', note: pct(rest) });
  rows.push({ name: 'kernels:   outside kernels (JS: tape, RNG, Adam)', value: outside, unit: 'ms', note: `${pct(outside)}, profiled steps` });
  train.dispose();
  model.dispose();
  opt.dispose();

  // The wasm SIMD limit: the backend's own forward conv2 (XNNPACK, direct) alone; the step's FLOPs at that rate.
  const x = tf.randomUniform([BATCH, 26, 26, 32]), w = tf.randomUniform([3, 3, 32, 64]), b = tf.zeros([64]);
  const xnn = wasmBackendKernel('FusedConv2D')!;
  const be = tf.backend() as unknown as { disposeData(id: object): void };
  const convMs = timeMs(() => be.disposeData(xnn({ inputs: { x, filter: w, bias: b } as never, backend: tf.backend() as never, attrs: { strides: 1, pad: 'valid', dataFormat: 'NHWC', dilations: 1, activation: 'linear' } }).dataId));
  tf.dispose([x, w, b]);
  const limit = (2 * BATCH * 24 * 24 * 64 * 9 * 32) / convMs / 1e6;
  const achieved = stepFlops / stepCpu / 1e6;
  rows.push(
    { name: 'kernels: XNNPACK forward conv2 alone (wasm SIMD limit)', value: limit, unit: 'GFLOP/s', note: `${convMs.toFixed(1)} ms for 2.72 GFLOP (direct)` },
    { name: 'kernels: step FLOPs (convs and matmuls, direct)', value: stepFlops / 1e9, unit: 'GFLOP', note: 'as direct convolutions; all GFLOP/s here count these (Winograd does fewer)' },
    { name: 'kernels: one worker, samples/s (CPU time)', value: (BATCH / stepCpu) * 1000, unit: 'samples/s', note: `the step's FLOPs at ${limit.toFixed(1)} GFLOP/s: ${((limit * 1e9 * BATCH) / stepFlops).toFixed(0)} samples/s` },
    { name: 'kernels: step GFLOP/s / XNNPACK forward-conv GFLOP/s', value: achieved / limit, unit: 'x', note: `${achieved.toFixed(1)} of ${limit.toFixed(1)} GFLOP/s` },
  );
  rows.push(...oldVsNew());
  return rows;
}
