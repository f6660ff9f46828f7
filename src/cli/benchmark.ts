/**
 * `activation-lab benchmark`: training speed of the comparison CNN (ReLU) on WebGPU (Dawn),
 * on wasm and, with --torch, in PyTorch on CUDA, for a fixed number of batches. Progress on
 * stderr, then one JSON line on stdout. The portable GPU bundle's run.sh runs this
 * (scripts/bundleGpu.mjs).
 */
import * as tf from '@tensorflow/tfjs';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { stratifiedSplit } from '../core/data/split';
import { DEFAULT_CONFIG } from '../core/training/comparison';
import { uploadDigits } from '../core/training/deviceData';
import { buildModel } from '../core/training/model';
import { trainStep } from '../core/training/trainLoop';
import type { BackendName, EnvironmentInfo, TrainConfig } from '../core/training/types';
import { parseArgs, parseNumber, quote, UsageError } from './args';
import { loadBundled, startNodeBackend } from './compare';

const HELP = `Usage: activation-lab benchmark [--quick] [--batches=N] [--batch-size=N] [--warmup=N] [--torch]
Trains the comparison CNN (ReLU, Adam, bundled digits) on webgpu, then on wasm, for a fixed
number of batches after --warmup untimed ones (webgpu compiles its shaders then), and with
--torch the same CNN in PyTorch on CUDA where python3 has torch with a GPU. Prints progress on
stderr, then one JSON line: backend, adapter, samplesPerSecond (webgpu), wasmSamplesPerSecond,
torchCudaSamplesPerSecond (or null), batchSize, batches.
Defaults: --batches=${50} --batch-size=${DEFAULT_CONFIG.batchSize} --warmup=2; --quick: 2 batches of 8 after 1 warm-up.`;

/** What one backend measured. */
export interface Speed { readonly samplesPerSecond: number; readonly firstBatchMs: number }

/** The benchmark's final line (key order as printed). */
export interface BenchmarkLine {
  backend: 'webgpu';
  adapter: EnvironmentInfo['adapter'];
  samplesPerSecond: number;
  wasmSamplesPerSecond: number;
  torchCudaSamplesPerSecond: number | null;
  batchSize: number;
  batches: number;
}

interface Options { batches: number; batchSize: number; warmup: number; torch: boolean }

function intFlag(v: string | undefined, what: string, fallback: number, min: number): number {
  if (v === undefined) return fallback;
  const n = parseNumber(v, what);
  if (!Number.isInteger(n) || n < min || n > 100_000) throw new UsageError(`${what}: ${quote(v)} is not an integer in ${min}..100000`);
  return n;
}

function options(argv: string[]): Options {
  const a = parseArgs(argv, ['batches', 'batch-size', 'warmup'], ['help', 'quick', 'torch']);
  if (a.positionals.length) throw new UsageError(`unexpected argument ${quote(a.positionals[0]!)}`);
  const quick = a.flags.has('quick');
  return {
    batches: intFlag(a.options.get('batches'), '--batches', quick ? 2 : 50, 1),
    batchSize: intFlag(a.options.get('batch-size'), '--batch-size', quick ? 8 : DEFAULT_CONFIG.batchSize, 1),
    warmup: intFlag(a.options.get('warmup'), '--warmup', quick ? 1 : 2, 0),
    torch: a.flags.has('torch'),
  };
}

/**
 * Trains a fresh ReLU CNN on the active backend for `warmup + batches` steps of `batchSize`
 * rows of `digits` (cycling through them), reading each step's loss with `await data()`.
 * @returns samples/s over the timed steps and the first step's time (shader compilation on webgpu).
 */
export async function timeTraining(digits: ReturnType<typeof uploadDigits>, o: Options, onBatch: (b: number, ms: number) => void): Promise<Speed> {
  const cfg: TrainConfig = { ...DEFAULT_CONFIG, batchSize: o.batchSize, activations: [{ activation: 'relu', params: {} }] };
  const model = buildModel(cfg.activations[0]!, { seed: cfg.seed });
  const opt = tf.train.adam(cfg.learningRate);
  let first = 0, t1 = performance.now();
  try {
    for (let b = 0; b < o.warmup + o.batches; b++) {
      if (b === o.warmup) t1 = performance.now();
      const t = performance.now();
      const idx = Int32Array.from({ length: o.batchSize }, (_, k) => (b * o.batchSize + k) % digits.count);
      const stats = trainStep(model, opt, cfg, digits, idx);
      await stats.data();
      stats.dispose();
      const ms = performance.now() - t;
      if (b === 0) first = ms;
      onBatch(b, ms);
    }
    return { samplesPerSecond: (o.batches * o.batchSize) / ((performance.now() - t1) / 1000), firstBatchMs: first };
  } finally {
    model.dispose();
    opt.dispose();
  }
}

async function measure(backend: BackendName, o: Options): Promise<{ speed: Speed; environment: EnvironmentInfo }> {
  const { environment, warnings } = await startNodeBackend(backend);
  for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
  const all = await loadBundled();
  const n = Math.min(all.count - 1, (o.warmup + o.batches) * o.batchSize);
  const digits = uploadDigits(stratifiedSplit(all, n, 1, DEFAULT_CONFIG.seed).train);
  try {
    const total = o.warmup + o.batches;
    const speed = await timeTraining(digits, o, (b, ms) => process.stderr.write(`${backend}: batch ${b + 1}/${total}${b < o.warmup ? ' (warm-up)' : ''} ${(ms / 1000).toFixed(2)} s\n`));
    process.stderr.write(`${backend}: ${speed.samplesPerSecond.toPrecision(4)} samples/s (batch ${o.batchSize}, ${o.batches} timed batches)\n`);
    return { speed, environment };
  } finally {
    digits.dispose();
  }
}

/** bench/torch_cnn.py beside the CLI bundle (portable bundle) or in the repository. */
function torchScript(): string | undefined {
  return [join(__dirname, '..', 'torch_cnn.py'), join(__dirname, '..', '..', 'bench', 'torch_cnn.py')].find((p) => existsSync(p));
}

/** Runs a command; `code` is its exit status, or the spawn error's code (`ENOENT`: not on PATH). */
function run(cmd: string, args: string[], timeoutMs: number): Promise<{ code: number | string | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: timeoutMs, maxBuffer: 1 << 20 }, (error, stdout, stderr) =>
      resolve({ code: error ? (error.code ?? null) : 0, stdout, stderr }));
  });
}

/**
 * The same CNN in PyTorch on CUDA: `python3` (or $PYTHON) must import torch and see a GPU.
 * @returns samples/s, or null (with a progress line saying why) when there is no such python.
 */
async function torchCuda(o: Options): Promise<number | null> {
  const script = torchScript();
  const python = process.env['PYTHON'] ?? 'python3';
  if (!script) return null;
  const probe = await run(python, ['-c', 'import sys, torch; sys.exit(0 if torch.cuda.is_available() else 3)'], 120_000);
  if (probe.code !== 0) {
    const why = probe.code === 'ENOENT' ? `no ${python} on PATH` : probe.code === 3 ? `${python} has torch but no CUDA device` : `${python} cannot import torch`;
    process.stderr.write(`torch: ${why}: torchCudaSamplesPerSecond is null\n`);
    return null;
  }
  const samples = (o.warmup + o.batches) * o.batchSize;
  const r = await run(python, [script, String(samples), '1', 'cuda', String(o.batchSize), String(o.warmup)], 600_000);
  if (r.code !== 0) {
    process.stderr.write(`torch: CUDA run failed: ${r.stderr.trim().split('\n').pop() ?? ''}\n`);
    return null;
  }
  const out = JSON.parse(r.stdout) as { samplesPerSecond: number; device: string };
  process.stderr.write(`torch: ${out.samplesPerSecond.toPrecision(4)} samples/s on ${out.device}\n`);
  return out.samplesPerSecond;
}

/**
 * Runs `benchmark`. webgpu must be available: otherwise the one-line reason (naming the
 * missing Vulkan loader or driver) and exit 2, before anything trains.
 */
export async function runBenchmark(argv: string[]): Promise<number> {
  if (argv.includes('--help')) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  const o = options(argv);
  const gpu = await measure('webgpu', o);
  const wasm = await measure('wasm', o);
  const torch = o.torch ? await torchCuda(o) : null;
  const line: BenchmarkLine = {
    backend: 'webgpu', adapter: gpu.environment.adapter, samplesPerSecond: gpu.speed.samplesPerSecond,
    wasmSamplesPerSecond: wasm.speed.samplesPerSecond, torchCudaSamplesPerSecond: torch, batchSize: o.batchSize, batches: o.batches,
  };
  process.stdout.write(JSON.stringify(line) + '\n');
  return 0;
}
