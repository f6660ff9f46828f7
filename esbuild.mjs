// Build: extension host (node/cjs), CLI (node/cjs), one browser bundle per webview panel.
// Usage: node esbuild.mjs [--watch] [--production]
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildMnistAsset } from './scripts/buildMnistAsset.mjs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
  legalComments: 'none',
};

/** Node bundles: the extension host and the headless CLI share src/core. */
const hostOptions = {
  ...common,
  entryPoints: { extension: 'src/extension.ts' },
  outdir: 'out',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
};

/**
 * Hover plot renderer (vega + vega-lite, ~1.7 MB): its own bundle, `require`d on the first
 * hover so activation never parses it. vega-canvas's node build uses top-level await (not
 * allowed in cjs) to try the optional `canvas` package; the browser build needs neither.
 */
const hostRenderOptions = {
  ...common,
  entryPoints: { hostRender: 'src/node/svgRenderer.ts' },
  outdir: 'out',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  alias: { 'vega-canvas': './node_modules/vega-canvas/build/vega-canvas.browser.js' },
};

/**
 * Expression compiler for the host (mathjs, ~800 KB): its own bundle, `require`d by
 * src/host/expressionLoader.ts on first use (saving a custom activation, a hover over a saved
 * name), so activation never parses mathjs.
 */
const expressionHostOptions = {
  ...common,
  entryPoints: { expressionHost: 'src/host/expressionHost.ts' },
  outdir: 'out',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
};

/**
 * The CLI as split ESM (out/cli/*.mjs): `list`/`eval` load only the catalogue, not tfjs or
 * vega, so they start fast. `out/cli.js` is a tiny CommonJS launcher (package.json `bin`).
 * The banner gives the ESM chunks the `require`/`__dirname` that bundled CJS code expects.
 */
const cliOptions = {
  ...common,
  // trainingWorker: the worker thread of `compare` (src/node/workerPool.ts), sharing the tfjs chunk.
  entryPoints: { main: 'src/cli/main.ts', trainingWorker: 'src/cli/trainingWorker.ts' },
  // One-off builds go to CLI_TMP and replace out/cli by rename (swapCli) so that a CLI run
  // during a rebuild never finds out/cli half-deleted; watch mode writes out/cli directly.
  outdir: watch ? 'out/cli' : 'out/.cli-tmp',
  outExtension: { '.js': '.mjs' },
  splitting: true,
  chunkNames: '[name]-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  banner: {
    js: [
      "import { createRequire as __alCreateRequire } from 'node:module';",
      "import { fileURLToPath as __alFileURLToPath } from 'node:url';",
      "import { dirname as __alDirname } from 'node:path';",
      'const require = __alCreateRequire(import.meta.url);',
      'const __filename = __alFileURLToPath(import.meta.url);',
      'const __dirname = __alDirname(__filename);',
    ].join(' '),
  },
  // vega-canvas's node build top-level-awaits the optional `canvas` package;
  // its browser build returns no canvas in Node, and `render` only needs View.toSVG.
  alias: { 'vega-canvas': './node_modules/vega-canvas/build/vega-canvas.browser.js' },
  // Dawn's addon (dawn.node, ~21 MB per platform) is loaded from node_modules at run time,
  // only for --backend=webgpu (src/node/webgpu.ts).
  external: ['webgpu'],
};

/** One browser bundle per folder in webview/ that has a main.ts (shared/ is a library). */
const panels = readdirSync('webview', { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'shared' && existsSync(join('webview', d.name, 'main.ts')))
  .map((d) => d.name);

const webviewOptions = {
  ...common,
  entryPoints: Object.fromEntries(panels.map((p) => [p, `webview/${p}/main.ts`])),
  outdir: 'out/webview',
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  assetNames: 'assets/[name]-[hash]',
  loader: { '.woff2': 'file', '.woff': 'file', '.ttf': 'file' },
  // tfjs-backend-wasm references node built-ins behind runtime checks; never used in a webview.
  external: ['fs', 'path', 'worker_threads', 'perf_hooks', 'os', 'crypto'],
  define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
};

/**
 * The MNIST panel's training Web Worker (webview/mnist/trainingWorker.ts): one
 * self-contained IIFE with tfjs, tfjs-backend-wasm and the engine's cell worker, because a
 * webview worker can neither `importScripts` nor `import()`; the page fetches its text and
 * starts it from a Blob URL (webview/mnist/workerAssets.ts).
 */
const webviewWorkerOptions = {
  ...webviewOptions,
  entryPoints: { mnistWorker: 'webview/mnist/trainingWorker.ts' },
};

/** Static files the webviews load at run time (tfjs wasm binaries). */
function copyStatic() {
  const wasmDir = 'node_modules/@tensorflow/tfjs-backend-wasm/dist';
  mkdirSync('out/webview/wasm', { recursive: true });
  for (const f of readdirSync(wasmDir).filter((n) => n.endsWith('.wasm'))) {
    cpSync(join(wasmDir, f), join('out/webview/wasm', f));
  }
  mkdirSync('out', { recursive: true });
  // Written beside and renamed over, so a concurrent `node out/cli.js` never reads half a file.
  writeFileSync('out/.cli.js.tmp', "#!/usr/bin/env node\n'use strict';\n// Launcher: the CLI itself is split ESM in out/cli/.\nimport('./cli/main.mjs');\n", { mode: 0o755 });
  renameSync('out/.cli.js.tmp', 'out/cli.js');
  buildMnistAsset('out/webview/data/mnist-bundled.bin'); // bundled digits (src/core/data/bundled.ts)
}

/** The mocha suite that runs inside a real VS Code's extension host (test/vscode/). */
const vscodeSuiteOptions = {
  ...common,
  sourcemap: true,
  minify: false,
  entryPoints: { index: 'test/vscode/suite/index.ts' },
  outdir: 'out/test/suite',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode', 'mocha'],
};

/**
 * Replaces out/cli with the fresh build in out/.cli-tmp: two renames (the gap between them
 * is microseconds, where deleting first left out/cli missing for the whole build), then the
 * old folder is removed.
 */
function swapCli() {
  const old = `out/.cli-old-${process.pid}`;
  if (existsSync('out/cli')) renameSync('out/cli', old);
  renameSync('out/.cli-tmp', 'out/cli');
  rmSync(old, { recursive: true, force: true });
}

rmSync(watch ? 'out/cli' : 'out/.cli-tmp', { recursive: true, force: true });
const all = [hostOptions, hostRenderOptions, expressionHostOptions, cliOptions, webviewOptions, webviewWorkerOptions, ...(production ? [] : [vscodeSuiteOptions])];
copyStatic();
if (watch) {
  for (const o of all) await (await esbuild.context(o)).watch();
} else {
  // The CLI is swapped in as soon as its own build succeeds.
  await Promise.all(all.map((o) => esbuild.build(o).then(() => (o === cliOptions ? swapCli() : undefined))));
}
