/**
 * The compact "latest MNIST results" under the side view: reads a results file loosely
 * (only what the chart needs), so a file from an older or newer writer still shows, and a
 * bad file is skipped with a note instead of breaking the view. Pure (no vscode).
 */
import { isRecord } from '../../core/guards';
import type { SideRun } from '../../protocol/sideView';

function fraction(x: unknown): number | null {
  return typeof x === 'number' && Number.isFinite(x) && x >= 0 && x <= 1 ? x : null;
}

/**
 * Runs of a parsed results file (schemaVersion 1 or 2, media/results.schema.json), each with its
 * per-epoch validation accuracy and test accuracy.
 * @returns the runs, or an error string saying why this is not a results file.
 */
export function summariseResults(json: unknown): { runs: SideRun[]; createdAt?: string } | { error: string } {
  if (!isRecord(json)) return { error: 'not a JSON object' };
  if (json.schemaVersion !== 1 && json.schemaVersion !== 2) return { error: `schemaVersion ${JSON.stringify(json.schemaVersion)} (expected 1 or 2)` };
  if (!Array.isArray(json.runs)) return { error: 'no "runs" list' };
  const runs: SideRun[] = [];
  for (const r of json.runs) {
    if (!isRecord(r) || typeof r.activation !== 'string' || r.activation === '') continue;
    const h = isRecord(r.history) ? r.history : {};
    const va = Array.isArray(h.val_accuracy) ? h.val_accuracy.slice(0, 10_000).map(fraction) : [];
    runs.push({
      activation: r.activation.slice(0, 100),
      status: typeof r.status === 'string' ? r.status.slice(0, 20) : 'unknown',
      valAccuracy: va,
      testAccuracy: fraction(r.testAccuracy),
    });
  }
  if (runs.length === 0) return { error: 'no runs with an activation name' };
  return { runs, ...(typeof json.createdAt === 'string' ? { createdAt: json.createdAt.slice(0, 40) } : {}) };
}
