/**
 * `npm run bench`: runs every bench/*.bench.ts (each exports `bench(): Promise<BenchRow[]>`)
 * and prints one table. Figures that compare two things are ratios measured in the same run.
 * Needs a build (`node esbuild.mjs`) for the browser benches.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** One line of the report; `value` in `unit`. */
export interface BenchRow {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly note?: string;
}

async function main(): Promise<void> {
  const only = process.argv[2];
  const files = readdirSync(__dirname).filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only))).sort();
  let failed = 0;
  for (const f of files) {
    process.stdout.write(`\n## ${f}\n`);
    try {
      const mod = (await import(pathToFileURL(join(__dirname, f)).href)) as { bench(): Promise<BenchRow[]> };
      for (const r of await mod.bench()) {
        const v = Math.abs(r.value) >= 100 ? r.value.toFixed(0) : r.value.toPrecision(3);
        process.stdout.write(`${r.name.padEnd(58)} ${v.padStart(10)} ${r.unit}${r.note ? `  (${r.note})` : ''}\n`);
      }
    } catch (e) {
      failed++;
      process.stdout.write(`FAILED: ${(e as Error).stack ?? String(e)}\n`);
    }
  }
  process.exitCode = failed ? 1 : 0;
}

void main();
