/**
 * Coding companions: hover latency (cold = first hover, loads out/hostRender.js; warm =
 * cached image, target < 30 ms) on the pure provider path, recogniser cost on a large file,
 * and extension activation time with a stub `vscode` (target: vega/tfjs not loaded).
 * Needs a build (`node esbuild.mjs`) for out/extension.js and out/hostRender.js.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BenchRow } from './run';
import { buildHoverContent, type HoverSettings } from '../src/host/editor/hoverContent';
import { HoverImageCache } from '../src/host/editor/imageCache';
import { lazyRenderer } from '../src/host/rendererLoader';
import { recogniseAt } from '../src/core/recognise/recognise';

const ROOT = resolve(__dirname, '..');
const S: HoverSettings = { strictness: 'normal', xMin: -5, xMax: 5, theme: 'dark' };

const BLOCK = `import torch
import torch.nn as nn
import torch.nn.functional as F

class Block(nn.Module):
    """Residual block."""
    def __init__(self, dim):
        super().__init__()
        self.fc = nn.Linear(dim, dim)  # projection
        self.act = nn.LeakyReLU(0.1)
        self.gelu = nn.GELU(approximate='tanh')

    def forward(self, x):
        return F.silu(self.fc(x)) + self.act(x)
`;
/** ~1,500 lines of model code; the hover is on the last LeakyReLU. */
const FILE = BLOCK.repeat(100);
const OFFSET = FILE.lastIndexOf('LeakyReLU') + 2;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function hoverRows(): Promise<BenchRow[]> {
  const render = lazyRenderer(join(ROOT, 'out', 'hostRender.js'));
  const cache = new HoverImageCache();
  let t = performance.now();
  const first = await buildHoverContent(FILE, OFFSET, 'py', S, render, cache);
  const cold = performance.now() - t;
  if (!first?.markdown.includes('data:image/svg+xml;base64,')) throw new Error('hover has no image');
  const warm: number[] = [];
  for (let i = 0; i < 200; i++) {
    t = performance.now();
    await buildHoverContent(FILE, OFFSET, 'py', S, render, cache);
    warm.push(performance.now() - t);
  }
  const miss: number[] = [];
  for (let i = 0; i < 20; i++) {
    const code = FILE + `\nx = nn.LeakyReLU(${(0.01 * (i + 1)).toFixed(2)})\n`;
    t = performance.now();
    await buildHoverContent(code, code.length - 8, 'py', S, render, cache);
    miss.push(performance.now() - t);
  }
  const recog: number[] = [];
  for (let i = 0; i < 50; i++) {
    t = performance.now();
    recogniseAt(FILE, OFFSET, { family: 'py' });
    recog.push(performance.now() - t);
  }
  return [
    { name: 'hover: cold (loads hostRender.js + first render)', value: cold, unit: 'ms', note: `${FILE.split('\n').length} lines` },
    { name: 'hover: warm (cached image), median of 200', value: median(warm), unit: 'ms', note: 'target < 30 ms' },
    { name: 'hover: warm / target ratio', value: median(warm) / 30, unit: 'x', note: '< 1 meets the target' },
    { name: 'hover: new parameters (cache miss, renderer loaded), median', value: median(miss), unit: 'ms' },
    { name: 'recogniser incl. region scan, uncached, median', value: median(recog), unit: 'ms' },
  ];
}

/**
 * Runs in a clean `node` child (no tsx hooks): stubs `vscode` through
 * Module._resolveFilename (every member a callable, constructible proxy; esbuild's __toESM
 * copies own keys, so namespaces are real properties), requires out/extension.js, calls
 * activate() and lists heavy modules that got loaded. Prints one JSON line.
 */
const ACTIVATION_PROBE = `
const Module = require('module');
const { performance } = require('perf_hooks');
const anyStub = () => { const p = new Proxy(function () {}, { get: (_t, k) => (k === 'then' ? undefined : k === Symbol.toPrimitive ? () => 'stub' : p), apply: () => p, construct: () => p }); return p; };
const names = ['commands', 'window', 'workspace', 'languages', 'env', 'extensions', 'Uri', 'Range', 'Position', 'Hover', 'MarkdownString', 'ColorThemeKind', 'ConfigurationTarget', 'FileSystemError', 'FileType', 'ViewColumn', 'ProgressLocation', 'InputBoxValidationSeverity', 'EventEmitter', 'Disposable', 'RelativePattern', 'ThemeIcon'];
const stubPath = require('path').join(process.argv[1], 'vscode-stub.js');
require.cache[stubPath] = { id: stubPath, filename: stubPath, loaded: true, exports: Object.fromEntries(names.map((n) => [n, anyStub()])) };
const orig = Module._resolveFilename;
Module._resolveFilename = function (r, ...a) { return r === 'vscode' ? stubPath : orig.call(this, r, ...a); };
let t = performance.now();
const ext = require(require('path').join(process.argv[1], 'out', 'extension.js'));
const load = performance.now() - t;
const ctx = { subscriptions: [], extensionUri: anyStub(), extensionPath: process.argv[1], globalState: anyStub(), workspaceState: anyStub() };
t = performance.now();
ext.activate(ctx);
const activate = performance.now() - t;
const heavy = Object.keys(require.cache).filter((k) => /hostRender|expressionHost|mathjs|vega|tfjs/.test(k));
t = performance.now();
require(require('path').join(process.argv[1], 'out', 'hostRender.js'));
const render = performance.now() - t;
console.log(JSON.stringify({ load, activate, heavy, render, disposables: ctx.subscriptions.length }));
`;

function activationRows(): BenchRow[] {
  if (!existsSync(join(ROOT, 'out', 'extension.js'))) throw new Error('out/extension.js missing: run node esbuild.mjs first');
  const out = execFileSync(process.execPath, ['-e', ACTIVATION_PROBE, ROOT], { encoding: 'utf8' });
  const r = JSON.parse(out.trim().split('\n').pop()!) as { load: number; activate: number; heavy: string[]; render: number; disposables: number };
  return [
    { name: 'activation: require out/extension.js (clean node)', value: r.load, unit: 'ms', note: `${(statSync(join(ROOT, 'out', 'extension.js')).size / 1024).toFixed(0)} KiB bundle` },
    { name: 'activation: activate() with stub vscode', value: r.activate, unit: 'ms', note: `${r.disposables} disposables` },
    { name: 'activation: heavy modules loaded (vega, tfjs, hostRender, mathjs/expressionHost)', value: r.heavy.length, unit: 'modules', note: r.heavy.join(', ') || 'none: lazy' },
    { name: 'deferred to first hover: require out/hostRender.js', value: r.render, unit: 'ms' },
  ];
}

/** Entry point for bench/run.ts. */
export async function bench(): Promise<BenchRow[]> {
  const activation = activationRows();
  return [...activation, ...(await hoverRows())];
}
