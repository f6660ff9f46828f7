/**
 * Cost of the per-layer diagnostics (issue: why an activation wins; target: at most 10%
 * slower): one epoch of our loop on wasm with diagnostics on and off, interleaved, best of
 * REPS each, measured in one run. Two figures: training samples/s (the per-step gradient and
 * update norms) and the whole epoch's wall time (plus validation, confusion matrix and the
 * probe pass at the epoch's end).
 */
import type { BenchRow } from './run';
import { initNodeBackend } from '../src/cli/compare';
import { stratifiedSplit } from '../src/core/data/split';
import { DEFAULT_CONFIG } from '../src/core/training/comparison';
import { uploadDigits } from '../src/core/training/deviceData';
import { trainActivation } from '../src/core/training/trainLoop';
import type { TrainConfig } from '../src/core/training/types';
import { bundledDigits } from '../test/unit/training/fixtures';

const SAMPLES = 1536;
const TEST = 512;
const REPS = 2;

interface Timing { readonly samplesPerSecond: number; readonly wallMs: number }

async function epoch(cfg: TrainConfig, train: ReturnType<typeof uploadDigits>, test: ReturnType<typeof uploadDigits>): Promise<Timing> {
  const t0 = performance.now();
  const run = await trainActivation(0, cfg.activations[0]!, cfg, { train, test });
  if (run.status !== 'completed') throw new Error(`bench run ${run.status}: ${run.error ?? ''}`);
  return { samplesPerSecond: run.samplesPerSecond!, wallMs: performance.now() - t0 };
}

/** Rows: samples/s and wall time with and without diagnostics, and the two ratios. */
export async function bench(): Promise<BenchRow[]> {
  await initNodeBackend('wasm');
  const split = stratifiedSplit(await bundledDigits(), SAMPLES, TEST, 1);
  const train = uploadDigits(split.train), test = uploadDigits(split.test);
  const base: TrainConfig = { ...DEFAULT_CONFIG, trainSamples: SAMPLES, testSamples: TEST, epochs: 1, activations: [{ activation: 'relu', params: {} }] };
  const on: Timing[] = [], off: Timing[] = [];
  try {
    for (let r = 0; r < REPS; r++) {
      off.push(await epoch({ ...base, diagnostics: false }, train, test));
      on.push(await epoch({ ...base, diagnostics: true }, train, test));
    }
  } finally {
    train.dispose();
    test.dispose();
  }
  const fastest = (xs: Timing[]) => ({ sps: Math.max(...xs.map((x) => x.samplesPerSecond)), wall: Math.min(...xs.map((x) => x.wallMs)) });
  const [a, b] = [fastest(on), fastest(off)];
  return [
    { name: 'diagnostics: training samples/s, on', value: a.sps, unit: 'samples/s', note: `wasm, relu, ${SAMPLES} samples, batch 128, best of ${REPS} interleaved` },
    { name: 'diagnostics: training samples/s, off', value: b.sps, unit: 'samples/s' },
    { name: 'diagnostics: slowdown of training (off / on samples/s)', value: b.sps / a.sps, unit: 'x', note: 'target <= 1.10' },
    { name: 'diagnostics: slowdown of the whole epoch (wall, on / off)', value: a.wall / b.wall, unit: 'x', note: `validation on ${TEST} and the probe pass included; target <= 1.10` },
  ];
}
