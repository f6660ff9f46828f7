/**
 * The portable GPU benchmark bundle (scripts/bundleGpu.mjs, `npm run bundle:gpu`): built here,
 * it is at most 60 MiB and holds the Node binary, the CLI with its assets and only the
 * linux-x64 dawn.node; `bash run.sh --quick`, run with a PATH that has no node and no python3
 * (bash, gzip, tar and core tools only) on SwiftShader, prints progress and then one JSON line
 * with backend webgpu, and leaves no temporary folder behind; `run.sh compare ...` runs the
 * bundled CLI. Without a Vulkan driver it exits 2 with the CLI's one-line reason.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResultsFile } from '../../src/core/training/types';
import { ROOT } from '../unit/training/fixtures';
import { useSwiftShader } from './swiftshader';

const TOOLS = ['bash', 'gzip', 'tar', 'mktemp', 'uname', 'rm', 'chmod', 'mkdir', 'dirname'];

function folderBytes(dir: string): number {
  return readdirSync(dir).reduce((n, f) => n + (statSync(join(dir, f)).isDirectory() ? folderBytes(join(dir, f)) : statSync(join(dir, f)).size), 0);
}

/** A PATH folder with only the tools run.sh may use, linked from this machine. */
function barePath(dir: string): string {
  mkdirSync(dir);
  for (const t of TOOLS) symlinkSync(execFileSync('bash', ['-c', `command -v ${t}`], { encoding: 'utf8' }).trim(), join(dir, t));
  return dir;
}

function runSh(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn('/bin/bash', [script, ...args], { cwd: tmpdir(), env });
  let stdout = '', stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('portable GPU bundle (npm run bundle:gpu)', () => {
  let dir: string, bundle: string, env: NodeJS.ProcessEnv, scratch: string;
  before(() => {
    const swift = useSwiftShader();
    dir = mkdtempSync(join(tmpdir(), 'gpu-bundle-'));
    bundle = join(dir, 'bundle');
    scratch = join(dir, 'tmp');
    mkdirSync(scratch);
    const t0 = performance.now();
    execFileSync('npm', ['run', '--silent', 'bundle:gpu', '--', `--out=${bundle}`], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    process.stdout.write(`# bundle built in ${((performance.now() - t0) / 1000).toFixed(1)} s, ${(folderBytes(bundle) / 2 ** 20).toFixed(1)} MiB\n`);
    env = { PATH: barePath(join(dir, 'bin')), HOME: dir, TMPDIR: scratch, VK_ICD_FILENAMES: swift['VK_ICD_FILENAMES'] };
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is at most 60 MiB and holds the Node binary, the CLI and only the linux-x64 dawn.node', () => {
    assert.ok(folderBytes(bundle) <= 60 * 2 ** 20, `${folderBytes(bundle)} bytes`);
    assert.deepEqual(readdirSync(bundle).sort(), ['LICENSES', 'NOTICE.txt', 'app.tar.gz', 'node.gz', 'run.sh']);
    const listing = execFileSync('tar', ['-tzf', join(bundle, 'app.tar.gz')], { encoding: 'utf8' }).split('\n');
    assert.deepEqual(listing.filter((f) => f.endsWith('dawn.node')), ['app/node_modules/webgpu/dist/linux-x64/dawn.node']);
    for (const f of ['app/cli.js', 'app/cli/main.mjs', 'app/webview/data/mnist-bundled.bin', 'app/webview/wasm/tfjs-backend-wasm-simd.wasm', 'app/torch_cnn.py']) assert.ok(listing.includes(f), f);
  });

  it('run.sh --quick trains on webgpu and wasm without a system Node and prints the JSON line', async () => {
    const t0 = performance.now();
    const r = await runSh(join(bundle, 'run.sh'), ['--quick'], env);
    process.stdout.write(`# run.sh --quick took ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 1, r.stdout);
    const out = JSON.parse(lines[0]!) as Record<string, unknown>;
    assert.deepEqual(Object.keys(out), ['backend', 'adapter', 'samplesPerSecond', 'wasmSamplesPerSecond', 'torchCudaSamplesPerSecond', 'batchSize', 'batches']);
    assert.equal(out['backend'], 'webgpu');
    assert.equal((out['adapter'] as { architecture: string }).architecture, 'swiftshader');
    assert.ok((out['samplesPerSecond'] as number) > 0 && (out['wasmSamplesPerSecond'] as number) > 0);
    assert.equal(out['torchCudaSamplesPerSecond'], null);
    assert.deepEqual([out['batchSize'], out['batches']], [8, 2]);
    assert.match(r.stderr, /^webgpu: batch 3\/3 /m);
    assert.match(r.stderr, /^wasm: batch 3\/3 /m);
    assert.match(r.stderr, /^torch: no python3 on PATH/m);
    assert.deepEqual(readdirSync(scratch), [], 'run.sh left its temporary folder');
  });

  it('run.sh <command> runs the CLI from the bundle (a one-run shard on wasm, written where run.sh was started)', async () => {
    const out = join(dir, 'shard.json');
    const r = await runSh(join(bundle, 'run.sh'), ['compare', '--backend=wasm', '--activations=relu', '--train-samples=32', '--test-samples=16', '--batch-size=16', '--epochs=1', '--shard=1/1', `--out=${out}`], env);
    assert.equal(r.code, 0, r.stderr);
    const file = JSON.parse(readFileSync(out, 'utf8')) as ResultsFile;
    assert.deepEqual([file.status, file.shard?.index, file.shard?.count, file.runs.length], ['completed', 1, 1, 1]);
  });

  it('run.sh exits 2 with the one-line reason when there is no Vulkan driver', async () => {
    const r = await runSh(join(bundle, 'run.sh'), ['--quick'], { ...env, VK_ICD_FILENAMES: join(dir, 'no-such-icd.json') });
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stdout, '');
    const last = r.stderr.trim().split('\n');
    assert.equal(last.length, 2, r.stderr); // "run.sh: unpacking into ..." and the reason
    assert.match(last[1]!, /^activation-lab benchmark: --backend: webgpu is not available here: no Vulkan driver \(ICD\) found/);
    assert.deepEqual(readdirSync(scratch), []);
  });
});
