/**
 * Statistics over the repeats of each activation (results file `summary`, schemaVersion 2)
 * and what they allow one to say. Pure; never throws.
 */
import type { Params } from '../activations/types';
import type { RunResult, SummaryEntry, SummaryStats } from '../training/types';

/**
 * mean, standard deviation, min and max of `xs`, null for an empty list. The standard
 * deviation is the population one, sqrt(sum (x - mean)^2 / n): numpy's `np.std(x)` default
 * (ddof=0) and Python's `statistics.pstdev`; 0 for a single value. Two-pass in float64.
 */
export function summaryStats(xs: readonly number[]): SummaryStats | null {
  if (xs.length === 0) return null;
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const ss = xs.reduce((a, x) => a + (x - mean) ** 2, 0);
  return { mean, std: Math.sqrt(ss / xs.length), min: Math.min(...xs), max: Math.max(...xs) };
}

/** The key runs of one activation share: id and parameters (sorted by name). */
export function activationKey(r: { readonly activation: string; readonly params: Params }): string {
  return `${r.activation}${JSON.stringify(Object.entries(r.params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))}`;
}

function lastFinite(xs: ReadonlyArray<number | null>): number | undefined {
  const v = xs[xs.length - 1];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/**
 * One entry per activation (id and parameters), in the order of first appearance in `runs`:
 * test accuracy and the last epoch's val_loss over the completed runs that have a finite
 * value (`repeats` counts those runs; cancelled, diverged and failed runs are left out).
 */
export function summarizeRuns(runs: readonly RunResult[]): SummaryEntry[] {
  const groups = new Map<string, RunResult[]>();
  for (const r of runs) {
    const k = activationKey(r);
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  }
  return [...groups.values()].map((g) => {
    const done = g.filter((r) => r.status === 'completed');
    const acc = done.map((r) => r.testAccuracy).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    const loss = done.map((r) => lastFinite(r.history.val_loss)).filter((v): v is number => v !== undefined);
    return { activation: g[0]!.activation, params: { ...g[0]!.params }, repeats: done.length, testAccuracy: summaryStats(acc), valLoss: summaryStats(loss) };
  });
}

/** Two activations whose test-accuracy ranges [min, max] over their repeats overlap. */
export interface Overlap {
  readonly a: SummaryEntry;
  readonly b: SummaryEntry;
}

/**
 * Pairs of entries (each with at least 2 repeats) whose test-accuracy ranges overlap: with
 * that many repeats the data do not establish which is better. In entry order.
 */
export function overlappingRanges(summary: readonly SummaryEntry[]): Overlap[] {
  const out: Overlap[] = [];
  const ok = summary.filter((s) => s.repeats >= 2 && s.testAccuracy !== null);
  for (let i = 0; i < ok.length; i++) {
    for (let j = i + 1; j < ok.length; j++) {
      const x = ok[i]!.testAccuracy!, y = ok[j]!.testAccuracy!;
      if (x.min <= y.max && y.min <= x.max) out.push({ a: ok[i]!, b: ok[j]! });
    }
  }
  return out;
}

/** `name(a=1)`: an entry's activation with its parameters, as the charts label it. */
function entryLabel(e: SummaryEntry): string {
  const p = Object.entries(e.params);
  return p.length === 0 ? e.activation : `${e.activation}(${p.map(([k, v]) => `${k}=${v}`).join(', ')})`;
}

/**
 * One sentence per pair of activations whose test-accuracy ranges overlap
 * ({@link overlappingRanges}): "relu vs sigmoid: difference not established with 3 repeats
 * (test accuracy ranges overlap)"; "with 3 and 2 repeats" when the counts differ.
 */
export function notEstablished(summary: readonly SummaryEntry[]): string[] {
  return overlappingRanges(summary).map(({ a, b }) => {
    const n = a.repeats === b.repeats ? `${a.repeats}` : `${a.repeats} and ${b.repeats}`;
    return `${entryLabel(a)} vs ${entryLabel(b)}: difference not established with ${n} repeats (test accuracy ranges overlap)`;
  });
}

/** `mean ± std` of a statistic, as a percentage with `digits` decimals ('—' when null). */
export function meanStdPercent(s: SummaryStats | null, digits = 2): string {
  return s === null ? '—' : `${(s.mean * 100).toFixed(digits)} ± ${(s.std * 100).toFixed(digits)} %`;
}
