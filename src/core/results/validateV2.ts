/**
 * Checks of the parts schemaVersion 2 added to a results file (media/results.schema.json):
 * a run's seed, repeat, diagnostics, confusion matrix and misclassified digits, the config's
 * repeats and diagnostics switch, and the top-level summary. Problems as
 * `<JSON pointer>: <what is wrong>`, appended to `p`.
 */
import { isFiniteNumber, isInt, isParamRecord, isRecord } from '../guards';
import { MAX_REPEATS } from '../training/grid';
import { isMisclassified } from './format';

type Problems = string[];

const DIAG_KEYS = ['probeSamples', 'gradGlobalNorm', 'clippedFraction', 'layers'];
const LAYER_KEYS = ['name', 'kind', 'units', 'gradNorm', 'weightNorm', 'updateRatio', 'deadFraction', 'saturatedFraction', 'z', 'histogram'];
const SUMMARY_KEYS = ['activation', 'params', 'repeats', 'testAccuracy', 'valLoss'];

function unknownKey(o: Record<string, unknown>, allowed: readonly string[], at: string, p: Problems): void {
  const extra = Object.keys(o).find((k) => !allowed.includes(k));
  if (extra !== undefined) p.push(`${at}/${extra}: unknown property`);
}

/** One value per finished epoch (`epochs` of them), each null or within [lo, hi]. */
function series(x: unknown, at: string, epochs: number, p: Problems, lo = 0, hi = Infinity): void {
  if (!Array.isArray(x) || !x.every((v) => v === null || (isFiniteNumber(v) && v >= lo && v <= hi))) {
    p.push(`${at}: expected an array of numbers in [${lo}, ${hi === Infinity ? '∞' : hi}] (null for NaN)`);
  } else if (x.length !== epochs) {
    p.push(`${at}: ${x.length} values for ${epochs} finished epochs`);
  }
}

function checkHistogram(h: unknown, at: string, epochs: number, p: Problems): void {
  if (!isRecord(h) || !Array.isArray(h.edges) || !Array.isArray(h.counts)) {
    p.push(`${at}: expected {edges, counts}`);
    return;
  }
  unknownKey(h, ['edges', 'counts'], at, p);
  const e = h.edges as unknown[];
  if (e.length < 2 || !e.every((v, i) => isFiniteNumber(v) && (i === 0 || v > (e[i - 1] as number)))) p.push(`${at}/edges: expected at least 2 increasing numbers`);
  if (h.counts.length !== epochs) p.push(`${at}/counts: ${h.counts.length} rows for ${epochs} finished epochs`);
  const bad = h.counts.findIndex((row) => !Array.isArray(row) || row.length !== e.length - 1 || !row.every((c) => isInt(c, 0, Number.MAX_SAFE_INTEGER)));
  if (bad >= 0) p.push(`${at}/counts/${bad}: expected ${e.length - 1} non-negative integer counts (one per bin)`);
}

function checkLayer(l: unknown, at: string, epochs: number, p: Problems): void {
  if (!isRecord(l)) {
    p.push(`${at}: expected an object`);
    return;
  }
  unknownKey(l, LAYER_KEYS, at, p);
  if (typeof l.name !== 'string' || l.name === '') p.push(`${at}/name: expected a layer name`);
  if (l.kind !== 'conv' && l.kind !== 'dense') p.push(`${at}/kind: expected conv or dense`);
  if (!isInt(l.units, 1, 1_000_000)) p.push(`${at}/units: expected a positive integer`);
  for (const k of ['gradNorm', 'weightNorm', 'updateRatio'] as const) series(l[k], `${at}/${k}`, epochs, p);
  for (const k of ['deadFraction', 'saturatedFraction'] as const) series(l[k], `${at}/${k}`, epochs, p, 0, 1);
  const z = l.z;
  if (!isRecord(z)) p.push(`${at}/z: expected {mean, std}`);
  else {
    unknownKey(z, ['mean', 'std'], `${at}/z`, p);
    series(z.mean, `${at}/z/mean`, epochs, p, -Infinity);
    series(z.std, `${at}/z/std`, epochs, p);
  }
  checkHistogram(l.histogram, `${at}/histogram`, epochs, p);
}

/** `runs[i].diagnostics`: every per-epoch list as long as the run's history. */
export function checkDiagnostics(d: unknown, at: string, epochs: number, p: Problems): void {
  if (!isRecord(d)) {
    p.push(`${at}: expected an object`);
    return;
  }
  unknownKey(d, DIAG_KEYS, at, p);
  if (!isInt(d.probeSamples, 1, Number.MAX_SAFE_INTEGER)) p.push(`${at}/probeSamples: expected a positive integer`);
  series(d.gradGlobalNorm, `${at}/gradGlobalNorm`, epochs, p);
  series(d.clippedFraction, `${at}/clippedFraction`, epochs, p, 0, 1);
  if (!Array.isArray(d.layers)) p.push(`${at}/layers: expected an array`);
  else d.layers.forEach((l, i) => checkLayer(l, `${at}/layers/${i}`, epochs, p));
}

/** `runs[i].confusionMatrix`: 10 x 10 non-negative integers summing to the test split's size. */
export function checkConfusion(m: unknown, at: string, testSamples: number | undefined, p: Problems): void {
  if (!Array.isArray(m) || m.length !== 10 || !m.every((row) => Array.isArray(row) && row.length === 10 && row.every((c) => isInt(c, 0, Number.MAX_SAFE_INTEGER)))) {
    p.push(`${at}: expected 10 rows of 10 non-negative integers`);
    return;
  }
  const total = (m as number[][]).flat().reduce((a, b) => a + b, 0);
  if (testSamples !== undefined && total !== testSamples) p.push(`${at}: counts sum to ${total}, not config.testSamples (${testSamples})`);
}

/** `runs[i].misclassified`: digits with index < testSamples, true label != prediction. */
export function checkMisclassified(x: unknown, at: string, testSamples: number | undefined, p: Problems): void {
  if (!Array.isArray(x)) {
    p.push(`${at}: expected an array`);
    return;
  }
  const bad = x.findIndex((m) => !isMisclassified(m) || Object.keys(m).some((k) => !['index', 'label', 'predicted', 'pixels'].includes(k))
    || (testSamples !== undefined && m.index >= testSamples));
  if (bad >= 0) p.push(`${at}/${bad}: expected {index < testSamples, label 0-9, predicted 0-9 (not the label), pixels (base64)}`);
}

function checkStats(s: unknown, at: string, p: Problems): void {
  if (s === null) return;
  const ok = isRecord(s) && ['mean', 'std', 'min', 'max'].every((k) => isFiniteNumber(s[k])) && Object.keys(s).length === 4;
  if (!ok) p.push(`${at}: expected {mean, std, min, max} or null`);
  else if (!((s.min as number) <= (s.max as number) && (s.std as number) >= 0)) p.push(`${at}: expected min <= max and std >= 0`);
}

/** The top-level `summary`. */
export function checkSummary(x: unknown, p: Problems): void {
  if (!Array.isArray(x)) {
    p.push('/summary: expected an array');
    return;
  }
  x.forEach((e, i) => {
    const at = `/summary/${i}`;
    if (!isRecord(e)) {
      p.push(`${at}: expected an object`);
      return;
    }
    unknownKey(e, SUMMARY_KEYS, at, p);
    if (typeof e.activation !== 'string' || e.activation === '') p.push(`${at}/activation: expected a name`);
    if (!isParamRecord(e.params)) p.push(`${at}/params: expected numbers by name`);
    if (!isInt(e.repeats, 0, Number.MAX_SAFE_INTEGER)) p.push(`${at}/repeats: expected a non-negative integer`);
    checkStats(e.testAccuracy, `${at}/testAccuracy`, p);
    checkStats(e.valLoss, `${at}/valLoss`, p);
  });
}

/** `config.repeats` and `config.diagnostics`. */
export function checkConfigV2(c: Record<string, unknown>, p: Problems): void {
  if (c.repeats !== undefined && !isInt(c.repeats, 1, MAX_REPEATS)) p.push(`/config/repeats: expected an integer in 1..${MAX_REPEATS}`);
  if (c.diagnostics !== undefined && typeof c.diagnostics !== 'boolean') p.push('/config/diagnostics: expected true or false');
}

/** A run's `seed` (uint32) and `repeat` (0..MAX_REPEATS - 1). */
export function checkSeedRepeat(r: Record<string, unknown>, at: string, p: Problems): void {
  if (r.seed !== undefined && !isInt(r.seed, 0, 2 ** 32 - 1)) p.push(`${at}/seed: expected an integer in 0..2^32 - 1`);
  if (r.repeat !== undefined && !isInt(r.repeat, 0, MAX_REPEATS - 1)) p.push(`${at}/repeat: expected an integer in 0..${MAX_REPEATS - 1}`);
}
