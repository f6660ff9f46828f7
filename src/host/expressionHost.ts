/**
 * The expression compiler (mathjs, ~800 KiB) for the extension host, built as its own
 * bundle `out/expressionHost.js` (esbuild.mjs) and loaded by `loadExpressionHost`
 * (expressionLoader.ts) the first time the host compiles a user expression (saving a
 * custom activation, a hover over a saved name), so activating the extension never parses
 * mathjs. Only re-exports; see src/core/expression/README.md.
 */
export { compileUserActivation } from '../core/expression/compile';
export { inferParams } from '../core/expression/inferParams';
export { parseParamText } from '../core/expression/params';
export { lookupWithCustoms, parseSavedCustoms } from '../core/expression/resolve';
