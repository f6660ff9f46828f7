/**
 * Builds src/node/svgRenderer.ts the way esbuild.mjs builds out/hostRender.js (node,
 * cjs, vega-canvas's browser build) into a temporary folder, so unit tests exercise the
 * real vega renderer and the lazy loader without needing `npm run build` first.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const ROOT = resolve(__dirname, '../../..');

/** Path of the freshly built bundle (built once per test process). */
let built: Promise<string> | undefined;
export function buildHostRender(): Promise<string> {
  built ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'al-host-render-'));
    await build({
      entryPoints: { hostRender: join(ROOT, 'src/node/svgRenderer.ts') },
      outdir: dir, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent',
      alias: { 'vega-canvas': join(ROOT, 'node_modules/vega-canvas/build/vega-canvas.browser.js') },
    });
    return join(dir, 'hostRender.js');
  })();
  return built;
}
