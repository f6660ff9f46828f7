/** Shared test data: the bundled digits asset, built from the `mnist` package if needed. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBundled } from '../../../src/core/data/bundled';
import type { DigitSet } from '../../../src/core/training/types';

/** Repository root (tests run from anywhere). */
export const ROOT = join(__dirname, '..', '..', '..');
/** Where the build writes the bundled digits. */
export const BUNDLED_PATH = join(ROOT, 'out', 'webview', 'data', 'mnist-bundled.bin');

/** Builds (if missing or stale) and parses out/webview/data/mnist-bundled.bin. */
export async function bundledDigits(): Promise<DigitSet> {
  const { buildMnistAsset } = await import('../../../scripts/buildMnistAsset.mjs');
  buildMnistAsset(BUNDLED_PATH);
  return parseBundled(new Uint8Array(readFileSync(BUNDLED_PATH)));
}
