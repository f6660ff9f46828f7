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
const TOP_KEYS = { 1: ['schemaVersion', 'createdAt', 'status', 'config', 'environment', 'runs', 'warnings'], 2: ['schemaVersion', 'createdAt', 'status', 'config', 'environment', 'runs', 'warnings', 'summary'] };
const CONFIG_V1 = ['dataset', 'epochs', 'batchSize', 'trainSamples', 'testSamples', 'learningRate', 'clipValue', 'optimizer', 'loss', 'seed', 'activations'];
const CONFIG_KEYS = { 1: CONFIG_V1, 2: [...CONFIG_V1, 'repeats', 'diagnostics'] };
const ENV_KEYS = ['backend', 'adapter', 'tfjsVersion', 'host', 'skipped'];
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
  return p;
}
