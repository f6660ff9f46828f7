/**
 * The one vega-lite -> SVG renderer in Node: the host's hover images and the CLI's
 * `render`. For the host it is built as its own bundle (`out/hostRender.js`, see
 * esbuild.mjs) and loaded with `require` on the first hover, so activating the extension
 * never parses vega or vega-lite; the CLI bundles it.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * `<svg ...>...</svg>` for `spec`, drawn headless (`renderer: 'none'`); no network, no DOM.
 * @throws Error from vega-lite compile or vega parse when the spec is invalid.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
