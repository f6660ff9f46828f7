/**
 * Structural and semantic checks of a parsed results file (schemaVersion 1 or 2, see
 * media/results.schema.json). Returns problems as `<JSON pointer>: <what is wrong>` so a
 * user can find them; an empty list means the file can be shown and rendered.
 */
import { isFiniteNumber, isRecord } from '../guards';
import { FILE_STATUS, HISTORY_KEYS, isActivationChoice, isEnvironmentInfo, isFileStatus, isRunStatus, RUN_STATUS } from './format';
import { checkConfigV2, checkConfusion, checkDiagnostics, checkMisclassified, checkSeedRepeat, checkSummary } from './validateV2';

type Problems = string[];

/** Keys of each part per schemaVersion (the schema sets additionalProperties: false). */
const TOP_V1 = ['schemaVersion', 'createdAt', 'status', 'config', 'environment', 'runs', 'warnings', 'shard', 'mergedFrom'];
const TOP_KEYS = { 1: TOP_V1, 2: [...TOP_V1, 'summary'] };
const CONFIG_V1 = ['dataset', 'epochs', 'batchSize', 'trainSamples', 'testSamples', 'learningRate', 'clipValue', 'optimizer', 'loss', 'seed', 'activations'];
const CONFIG_KEYS = { 1: CONFIG_V1, 2: [...CONFIG_V1, 'repeats', 'diagnostics'] };
const ENV_KEYS = ['backend', 'adapter', 'tfjsVersion', 'host', 'skipped', 'dawnVersion', 'selection', 'workers'];
const SHARD_KEYS = ['index', 'count', 'repeats', 'cells', 'dataSha256'];
const CELL_KEYS = ['run', 'activation', 'repeat', 'seed'];
const PART_KEYS = ['index', 'count', 'createdAt', 'environment', 'runs'];
const RUN_V1 = ['activation', 'params', 'status', 'history', 'epochTimesMs', 'samplesPerSecond', 'testAccuracy', 'error'];
const RUN_KEYS = { 1: RUN_V1, 2: [...RUN_V1, 'seed', 'repeat', 'diagnostics', 'confusionMatrix', 'misclassified'] };

type Version = 1 | 2;
/** RFC 3339 date-time as the schema's `createdAt` pattern. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** The schema sets additionalProperties: false everywhere: report the first unknown key. */
function unknownKeys(o: Record<string, unknown>, allowed: readonly string[], at: string, p: Problems): void {
  const extra = Object.keys(o).find((k) => !allowed.includes(k));
  if (extra !== undefined) p.push(`${at}/${extra}: unknown property`);
}

function numOrNullArray(x: unknown, at: string, p: Problems): x is Array<number | null> {
  if (Array.isArray(x) && x.every((v) => v === null || isFiniteNumber(v))) return true;
  p.push(`${at}: expected an array of numbers (null for NaN)`);
  return false;
}

function checkConfig(c: unknown, v: Version, p: Problems): { epochs?: number; testSamples?: number } {
  if (!isRecord(c)) {
    p.push('/config: expected an object');
    return {};
  }
  unknownKeys(c, CONFIG_KEYS[v], '/config', p);
  checkConfigV2(c, p);
  for (const k of ['epochs', 'batchSize', 'trainSamples', 'testSamples'] as const) {
    if (!Number.isInteger(c[k]) || (c[k] as number) < 1) p.push(`/config/${k}: expected a positive integer`);
  }
  if (!Number.isInteger(c.seed)) p.push('/config/seed: expected an integer');
  for (const k of ['dataset', 'optimizer'] as const) {
    if (typeof c[k] !== 'string' || c[k] === '') p.push(`/config/${k}: expected a non-empty string`);
  }
  if (c.loss !== 'categorical_crossentropy' && c.loss !== 'binary_crossentropy') p.push('/config/loss: expected categorical_crossentropy or binary_crossentropy');
  if (c.learningRate !== undefined && !(isFiniteNumber(c.learningRate) && c.learningRate > 0 && c.learningRate <= 1)) p.push('/config/learningRate: expected a number in (0, 1]');
  if (c.clipValue !== undefined && !(isFiniteNumber(c.clipValue) && c.clipValue > 0)) p.push('/config/clipValue: expected a number > 0');
  const choiceOk = (a: unknown) => isActivationChoice(a) && Object.keys(a).every((k) => ['activation', 'params', 'expression'].includes(k));
  if (!Array.isArray(c.activations) || c.activations.length === 0 || !c.activations.every(choiceOk)) {
    p.push('/config/activations: expected a list of {activation, params}');
  }
  const int = (x: unknown) => (Number.isInteger(x) ? (x as number) : undefined);
  return { epochs: int(c.epochs), testSamples: int(c.testSamples) };
}

function checkRun(r: unknown, at: string, v: Version, cfg: { epochs?: number; testSamples?: number }, p: Problems): void {
  const epochs = cfg.epochs;
  if (!isRecord(r)) {
    p.push(`${at}: expected an object`);
    return;
  }
  unknownKeys(r, RUN_KEYS[v], at, p);
  checkSeedRepeat(r, at, p);
  if (typeof r.activation !== 'string' || r.activation === '') p.push(`${at}/activation: expected a name`);
  if (r.error !== undefined && typeof r.error !== 'string') p.push(`${at}/error: expected a string`);
  if (!isRecord(r.params) || !Object.values(r.params).every(isFiniteNumber)) p.push(`${at}/params: expected numbers by name`);
  if (!isRunStatus(r.status)) p.push(`${at}/status: expected one of ${RUN_STATUS.join(', ')}`);
  const h = r.history;
  if (!isRecord(h)) {
    p.push(`${at}/history: expected {loss, accuracy, val_loss, val_accuracy}`);
  } else {
    unknownKeys(h, HISTORY_KEYS, `${at}/history`, p);
    const lengths = HISTORY_KEYS.filter((k) => numOrNullArray(h[k], `${at}/history/${k}`, p)).map((k) => (h[k] as unknown[]).length);
    if (lengths.length === 4 && new Set(lengths).size > 1) p.push(`${at}/history: arrays of different lengths (${lengths.join(', ')})`);
    if (epochs !== undefined && lengths.some((n) => n > epochs)) p.push(`${at}/history: more epochs than config.epochs (${epochs})`);
  }
  if (!Array.isArray(r.epochTimesMs) || !r.epochTimesMs.every((t) => isFiniteNumber(t) && t >= 0)) p.push(`${at}/epochTimesMs: expected non-negative numbers`);
  for (const k of ['samplesPerSecond', 'testAccuracy'] as const) {
    if (r[k] !== null && !(isFiniteNumber(r[k]) && r[k] >= 0)) p.push(`${at}/${k}: expected a non-negative number or null`);
  }
  if (isFiniteNumber(r.testAccuracy) && (r.testAccuracy < 0 || r.testAccuracy > 1)) p.push(`${at}/testAccuracy: outside 0..1`);
  const finished = isRecord(h) && Array.isArray(h.loss) ? h.loss.length : 0;
  if (r.diagnostics !== undefined) checkDiagnostics(r.diagnostics, `${at}/diagnostics`, finished, p);
  if (r.confusionMatrix !== undefined) checkConfusion(r.confusionMatrix, `${at}/confusionMatrix`, cfg.testSamples, p);
  if (r.misclassified !== undefined) checkMisclassified(r.misclassified, `${at}/misclassified`, cfg.testSamples, p);
}

const isNat = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

/** `i/n` with integers 1 <= i <= n. */
function checkIndexCount(o: Record<string, unknown>, at: string, p: Problems): void {
  if (!(Number.isInteger(o.count) && (o.count as number) >= 1 && Number.isInteger(o.index) && (o.index as number) >= 1 && (o.index as number) <= (o.count as number))) {
    p.push(`${at}: expected index and count with 1 <= index <= count`);
  }
}

/** The `shard` record of a shard's file: i/n, repeats, its grid cells (one per run), data hash. */
function checkShard(s: unknown, runs: unknown, p: Problems): void {
  if (!isRecord(s)) {
    p.push('/shard: expected an object');
    return;
  }
  unknownKeys(s, SHARD_KEYS, '/shard', p);
  checkIndexCount(s, '/shard', p);
  if (!(Number.isInteger(s.repeats) && (s.repeats as number) >= 1)) p.push('/shard/repeats: expected a positive integer');
  if (typeof s.dataSha256 !== 'string' || !/^[0-9a-f]{64}$/.test(s.dataSha256)) p.push('/shard/dataSha256: expected 64 hex digits');
  const cellOk = (c: unknown): boolean => isRecord(c) && Object.keys(c).every((k) => CELL_KEYS.includes(k)) && isNat(c.run) && isNat(c.activation) && isNat(c.repeat) && isNat(c.seed) && (c.seed as number) < 2 ** 32;
  if (!Array.isArray(s.cells) || s.cells.length === 0 || !s.cells.every(cellOk)) p.push('/shard/cells: expected a list of {run, activation, repeat, seed}');
  else if (Array.isArray(runs) && runs.length > s.cells.length) p.push(`/runs: ${runs.length} runs but /shard/cells lists ${s.cells.length}`);
}

/** `mergedFrom` of a merged file: where each part ran. */
function checkMergedFrom(m: unknown, p: Problems): void {
  if (!Array.isArray(m) || m.length === 0) {
    p.push('/mergedFrom: expected a non-empty list');
    return;
  }
  m.forEach((part, i) => {
    const at = `/mergedFrom/${i}`;
    if (!isRecord(part)) return void p.push(`${at}: expected an object`);
    unknownKeys(part, PART_KEYS, at, p);
    checkIndexCount(part, at, p);
    if (typeof part.createdAt !== 'string' || Number.isNaN(Date.parse(part.createdAt))) p.push(`${at}/createdAt: expected an ISO 8601 date-time`);
    if (!isEnvironmentInfo(part.environment)) p.push(`${at}/environment: expected {backend, adapter, tfjsVersion, host}`);
    if (!Array.isArray(part.runs) || !part.runs.every(isNat)) p.push(`${at}/runs: expected run positions`);
  });
}

/** Problems of `x` as a results file (empty when valid). Never throws. */
export function validateResults(x: unknown): string[] {
  const p: Problems = [];
  if (!isRecord(x)) return ['/: expected a JSON object'];
  if (x.schemaVersion !== 1 && x.schemaVersion !== 2) return [`/schemaVersion: expected 1 or 2, found ${JSON.stringify(x.schemaVersion)}`];
  const v: Version = x.schemaVersion;
  unknownKeys(x, TOP_KEYS[v], '', p);
  if (typeof x.createdAt !== 'string' || !DATE_TIME.test(x.createdAt) || Number.isNaN(Date.parse(x.createdAt))) p.push('/createdAt: expected an ISO 8601 date-time');
  if (!isFileStatus(x.status)) p.push(`/status: expected one of ${FILE_STATUS.join(', ')}`);
  const cfg = checkConfig(x.config, v, p);
  if (!isEnvironmentInfo(x.environment)) p.push('/environment: expected {backend, adapter, tfjsVersion, host}');
  else unknownKeys(x.environment as unknown as Record<string, unknown>, ENV_KEYS, '/environment', p);
  if (!Array.isArray(x.runs)) p.push('/runs: expected an array');
  else x.runs.forEach((r, i) => checkRun(r, `/runs/${i}`, v, cfg, p));
  if (x.summary !== undefined) checkSummary(x.summary, p);
  if (x.warnings !== undefined && !(Array.isArray(x.warnings) && x.warnings.every((w) => typeof w === 'string'))) {
    p.push('/warnings: expected a list of strings');
  }
  if (x.shard !== undefined) checkShard(x.shard, x.runs, p);
  if (isRecord(x.shard) && isRecord(x.config) && x.config.repeats !== undefined && x.shard.repeats !== x.config.repeats) {
    p.push(`/shard/repeats: ${JSON.stringify(x.shard.repeats)} differs from config.repeats (${JSON.stringify(x.config.repeats)})`);
  }
  if (x.mergedFrom !== undefined) checkMergedFrom(x.mergedFrom, p);
  if (x.shard !== undefined && x.mergedFrom !== undefined) p.push('/mergedFrom: a shard file cannot also be a merged file');
  return p;
}
