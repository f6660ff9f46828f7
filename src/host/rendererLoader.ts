/**
 * Lazy access to the hover plot renderer: `out/hostRender.js` (vega + vega-lite) is
 * `require`d on the first hover that needs an image, never at activation.
 */
import type { SvgRenderer } from './editor/hoverContent';

/**
 * A function that loads the renderer bundle at `bundlePath` once and returns its
 * `renderSvg`. A failed load is not remembered, so a later hover retries.
 * @throws (from the returned promise) Error when the bundle is missing or malformed.
 */
export function lazyRenderer(bundlePath: string): () => Promise<SvgRenderer> {
  let loaded: Promise<SvgRenderer> | undefined;
  return () => {
    loaded ??= Promise.resolve().then(() => {
      // A computed path keeps esbuild from bundling vega into extension.js.
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- see the line above
      const mod = require(bundlePath) as { renderSvg?: SvgRenderer };
      if (typeof mod.renderSvg !== 'function') throw new Error(`${bundlePath} has no renderSvg export`);
      return mod.renderSvg;
    });
    loaded.catch(() => {
      loaded = undefined;
    });
    return loaded;
  };
}
