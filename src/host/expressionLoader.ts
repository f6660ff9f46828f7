/**
 * Lazy access to the expression compiler on the extension host: `out/expressionHost.js`
 * (mathjs) is `require`d on first use, never at activation (see esbuild.mjs).
 */
import { join } from 'node:path';

/** What `out/expressionHost.js` exports (src/host/expressionHost.ts). */
export type ExpressionHost = typeof import('./expressionHost');

let loaded: ExpressionHost | undefined;

/**
 * The compiler module, loaded once. The computed path keeps esbuild from bundling mathjs
 * into extension.js: bundled, `__dirname` is `out/` and this loads `out/expressionHost.js`;
 * run from source (tsx, unit tests) it loads `src/host/expressionHost.ts`.
 * @throws Error when the bundle is missing (the extension was not built).
 */
export function loadExpressionHost(): ExpressionHost {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a computed path keeps esbuild from bundling mathjs here
  loaded ??= require(join(__dirname, 'expressionHost')) as ExpressionHost;
  return loaded;
}
