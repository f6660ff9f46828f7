/**
 * `activation-lab compare --backend=webgpu` as a child process on SwiftShader: a tiny run
 * (GELU, 4 bundled digits, batch 4, 3 epochs) trains (finite, falling loss), records the
 * adapter and Dawn version, warns about the software adapter, and repeats the wasm run of the
 * same seed (initial weights, dropout masks and batch order are drawn in JavaScript, so only
 * float32 rounding differs). Without a Vulkan driver it exits 2 with one line naming what to
 * install. Also: the backend loads in a worker thread.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Ajv from 'ajv';
import type { ResultsFile } from '../../src/core/training/types';
import { bundledDigits, ROOT } from '../unit/training/fixtures';
import { useSwiftShader } from './swiftshader';

const validate = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(join(ROOT, 'media', 'results.schema.json'), 'utf8')));
const RUN = ['--activations=gelu', '--train-samples=4', '--test-samples=4', '--batch-size=4', '--epochs=3', '--seed=3'];
/** Relative difference of losses allowed between webgpu and wasm: ~170 float32 ulps after 3 Adam steps (measured: 1.2e-7). */
const LOSS_BOUND = 1e-5;

/** Runs the CLI asynchronously (the two runs overlap) and resolves with its exit code and output. */
function cli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string; ms: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts'), 'compare', ...args], { cwd: ROOT, env });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr, ms: performance.now() - t0 })));
}

function read(path: string): ResultsFile {
  const f = JSON.parse(readFileSync(path, 'utf8')) as ResultsFile;
  assert.ok(validate(f), JSON.stringify(validate.errors));
  return f;
}

describe('compare --backend=webgpu (CLI, SwiftShader)', () => {
  let dir: string;
  let gpu: ResultsFile, wasm: ResultsFile, gpuStderr: string;
  before(async () => {
    const env = useSwiftShader();
    await bundledDigits();
    dir = mkdtempSync(join(tmpdir(), 'webgpu-cli-'));
    const [g, w] = await Promise.all([cli([...RUN, '--backend=webgpu', `--out=${join(dir, 'gpu.json')}`], env), cli([...RUN, '--backend=wasm', `--out=${join(dir, 'wasm.json')}`], env)]);
    assert.equal(g.code, 0, g.stderr);
    assert.equal(w.code, 0, w.stderr);
    process.stdout.write(`# webgpu run ${(g.ms / 1000).toFixed(1)} s, wasm run ${(w.ms / 1000).toFixed(1)} s\n`);
    gpu = read(join(dir, 'gpu.json'));
    wasm = read(join(dir, 'wasm.json'));
    gpuStderr = g.stderr;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('trains on webgpu: finite, falling loss', () => {
    assert.equal(gpu.status, 'completed');
    const h = gpu.runs[0]!.history;
    for (const k of ['loss', 'accuracy', 'val_loss', 'val_accuracy'] as const) assert.ok(h[k].length === 3 && h[k].every((v) => v !== null && Number.isFinite(v)), `${k}: ${h[k]}`);
    assert.ok(h.loss[2]! < h.loss[0]!, `loss did not fall: ${h.loss}`);
    assert.ok(h.val_loss[2]! < h.val_loss[0]!, `val_loss did not fall: ${h.val_loss}`);
  });

  it('records the adapter and the Dawn version, and warns about the software adapter', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'webgpu', 'package.json'), 'utf8')) as { version: string };
    assert.equal(gpu.environment.backend, 'webgpu');
    assert.equal(gpu.environment.dawnVersion, `webgpu@${pkg.version}`);
    assert.deepEqual({ ...gpu.environment.adapter, description: undefined, device: undefined }, { vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true, description: undefined, device: undefined });
    assert.match(gpu.environment.adapter!.description!, /SwiftShader/);
    assert.match(gpuStderr, /^warning: WebGPU runs on a fallback adapter \(google swiftshader, software rendering\)/m);
    assert.ok(gpu.warnings!.some((w) => /fallback adapter/.test(w)));
    assert.doesNotMatch(gpuStderr, /Warning: |performance of synchronously reading/, 'Dawn warnings or a synchronous read reached stderr');
  });

  it('gives the same run as wasm for the same seed (losses within float32 noise, same accuracies)', () => {
    const [a, b] = [gpu.runs[0]!.history, wasm.runs[0]!.history];
    for (const k of ['loss', 'val_loss'] as const) {
      a[k].forEach((v, i) => assert.ok(Math.abs(v! - b[k][i]!) <= LOSS_BOUND * Math.abs(b[k][i]!), `${k}[${i}]: webgpu ${v} vs wasm ${b[k][i]}`));
    }
    assert.deepEqual(a.accuracy, b.accuracy);
    assert.deepEqual(a.val_accuracy, b.val_accuracy);
    assert.equal(gpu.runs[0]!.testAccuracy, wasm.runs[0]!.testAccuracy);
  });

  it('exits 2 with one line naming the Vulkan driver to install when none is found, and writes nothing', async () => {
    const out = join(dir, 'none.json');
    const r = await cli([...RUN, '--backend=webgpu', `--out=${out}`], { ...process.env, VK_ICD_FILENAMES: join(dir, 'no-such-icd.json') });
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /^activation-lab compare: --backend: webgpu is not available here: no Vulkan driver \(ICD\) found: install the GPU's Vulkan driver/);
    assert.ok(!existsSync(out));
  });

  it('loads in a worker thread (loadNodeWebGpu there, a 64x64 matMul on webgpu)', async () => {
    const worker = new Worker(join(__dirname, 'webgpuWorker.cjs'), { workerData: { module: join(ROOT, 'src', 'node', 'webgpu.ts') } });
    const msg = await new Promise<{ ok: boolean; backend?: string; product?: number[]; reason?: string }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    assert.ok(msg.ok, msg.reason);
    assert.equal(msg.backend, 'webgpu');
    // The same integer matrices multiplied here in double precision (exact: sums < 2^24).
    const n = 64, want: number[] = [];
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += ((i + 2 * k) % 7) * ((3 * k + j) % 5);
      want.push(s);
    }
    assert.deepEqual(msg.product, want);
  });
});
