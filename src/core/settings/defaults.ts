/**
 * The single definition of every `activationLab.*` setting's default and constraints, as
 * declared in package.json `contributes.configuration.properties` (test/unit/config.test.ts
 * checks the defaults against package.json). Pure, no `vscode`: src/host/config.ts reads VS Code's
 * configuration through it, and the webviews' settings sanitizers in src/protocol/ reuse it.
 */
import { DEFAULT_THRESHOLDS } from '../gradient/verdict';
import { DEFAULT_CONFIG } from '../training/defaults';
import type { Strictness } from '../recognise/recognise';
import type { BackendName } from '../training/types';

/** `activationLab.hover.strictness`. */
export type StrictnessSetting = Strictness;
/** `activationLab.mnist.backend`: a tfjs backend, or `auto` (the fastest that trains, by measurement). */
export type BackendSetting = BackendName | 'auto';

/** Setting key (without the `activationLab.` prefix) -> type of its validated value. */
export interface SettingValues {
  /** Raw entries; parsed and checked by src/host/customActivations.ts. */
  readonly customActivations: readonly unknown[];
  readonly 'hover.languages': Readonly<Record<string, boolean>>;
  readonly 'hover.strictness': StrictnessSetting;
  readonly 'hover.plotXMin': number;
  readonly 'hover.plotXMax': number;
  readonly 'sideView.followCursor': boolean;
  /** Milliseconds. */
  readonly 'sideView.debounceMs': number;
  readonly 'gradient.vanishingBelow': number;
  readonly 'gradient.explodingAbove': number;
  readonly 'gradient.sweepWidth': number;
  readonly 'gradient.sweepDepth': number;
  /** `id` or `id:name=value,...` (the grammar of src/core/settings/activationList.ts). */
  readonly 'mnist.activations': readonly string[];
  readonly 'mnist.epochs': number;
  readonly 'mnist.trainSamples': number;
  readonly 'mnist.testSamples': number;
  readonly 'mnist.batchSize': number;
  /** Adam learning rate eta. */
  readonly 'mnist.learningRate': number;
  readonly 'mnist.seed': number;
  readonly 'mnist.repeats': number;
  readonly 'mnist.diagnostics': boolean;
  readonly 'mnist.backend': BackendSetting;
  /** Web Workers for wasm and cpu training; 0 = the webview's cores less one. */
  readonly 'mnist.workers': number;
  /** Relative to the first workspace folder unless absolute; trimmed, never empty. */
  readonly 'mnist.resultsFolder': string;
  readonly 'explorer.samples': number;
  readonly 'explorer.defaultRange': readonly [number, number];
  readonly 'explorer.defaultActivations': readonly string[];
}

/** A setting key without the `activationLab.` prefix. */
export type SettingKey = keyof SettingValues;

const HOVER_LANGUAGES = ['typescript', 'javascript', 'typescriptreact', 'javascriptreact', 'python'] as const;

/**
 * The package.json defaults, defined here once; those the pure core and the CLI share come from
 * there (thresholds: src/core/gradient/verdict.ts; training: src/core/training/comparison.ts).
 */
export const SETTING_DEFAULTS: SettingValues = {
  customActivations: [],
  'hover.languages': Object.fromEntries(HOVER_LANGUAGES.map((l) => [l, true])),
  'hover.strictness': 'normal',
  'hover.plotXMin': -5,
  'hover.plotXMax': 5,
  'sideView.followCursor': true,
  'sideView.debounceMs': 200,
  'gradient.vanishingBelow': DEFAULT_THRESHOLDS.vanishingBelow,
  'gradient.explodingAbove': DEFAULT_THRESHOLDS.explodingAbove,
  'gradient.sweepWidth': 64,
  'gradient.sweepDepth': 30,
  'mnist.activations': ['sigmoid', 'relu', 'elu', 'leaky_relu:alpha=0.2', 'selu', 'gelu_tanh'],
  'mnist.epochs': DEFAULT_CONFIG.epochs,
  'mnist.trainSamples': DEFAULT_CONFIG.trainSamples,
  'mnist.testSamples': DEFAULT_CONFIG.testSamples,
  'mnist.batchSize': DEFAULT_CONFIG.batchSize,
  'mnist.learningRate': DEFAULT_CONFIG.learningRate,
  'mnist.seed': DEFAULT_CONFIG.seed,
  'mnist.repeats': 1,
  'mnist.diagnostics': true,
  'mnist.backend': 'auto',
  'mnist.workers': 0,
  'mnist.resultsFolder': '.activation-lab/runs',
  'explorer.samples': 1000,
  'explorer.defaultRange': [-6, 6],
  'explorer.defaultActivations': ['relu', 'gelu'],
};

/** A check: undefined when the value is valid, else what is wrong (reads after "must be"). */
type Check = (v: unknown) => string | undefined;

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const integer = (min: number, max: number): Check => (v) =>
  (finite(v) && Number.isInteger(v) && v >= min && v <= max ? undefined : `an integer in [${min}, ${max}]`);
const number = (min: number, max: number, exclusiveMin = false): Check => (v) =>
  (finite(v) && (exclusiveMin ? v > min : v >= min) && v <= max ? undefined : `a number in ${exclusiveMin ? '(' : '['}${min}, ${max}]`);
const oneOf = (...values: readonly string[]): Check => (v) =>
  (typeof v === 'string' && values.includes(v) ? undefined : `one of ${values.join(', ')}`);
const stringList = (maxItems: number): Check => (v) =>
  (Array.isArray(v) && v.length <= maxItems && v.every((s) => typeof s === 'string' && s.length <= 200) ? undefined : `a list of at most ${maxItems} strings`);

/** The package.json constraints (type, enum, minimum/maximum, items) of each setting. */
const CHECKS: { readonly [K in SettingKey]: Check } = {
  customActivations: (v) => (Array.isArray(v) && v.length <= 200 ? undefined : 'a list of at most 200 entries'),
  'hover.languages': (v) => (typeof v === 'object' && v !== null && !Array.isArray(v)
    && Object.entries(v).every(([k, b]) => (HOVER_LANGUAGES as readonly string[]).includes(k) && typeof b === 'boolean')
    ? undefined : `an object of booleans keyed by ${HOVER_LANGUAGES.join(', ')}`),
  'hover.strictness': oneOf('strict', 'normal', 'loose'),
  'hover.plotXMin': number(-1000, 1000),
  'hover.plotXMax': number(-1000, 1000),
  'sideView.followCursor': (v) => (typeof v === 'boolean' ? undefined : 'true or false'),
  'sideView.debounceMs': integer(0, 2000),
  'gradient.vanishingBelow': number(0, Number.MAX_VALUE, true),
  'gradient.explodingAbove': number(0, Number.MAX_VALUE, true),
  'gradient.sweepWidth': integer(1, 512),
  'gradient.sweepDepth': integer(1, 200),
  'mnist.activations': stringList(100),
  'mnist.epochs': integer(1, 1000),
  'mnist.trainSamples': integer(1, 60_000),
  'mnist.testSamples': integer(1, 10_000),
  'mnist.batchSize': integer(1, 4096),
  'mnist.learningRate': number(0, 1, true),
  'mnist.seed': integer(0, 4_294_967_295),
  'mnist.repeats': integer(1, 100),
  'mnist.diagnostics': (v) => (typeof v === 'boolean' ? undefined : 'true or false'),
  'mnist.backend': oneOf('auto', 'webgpu', 'webgl', 'wasm', 'cpu'),
  'mnist.workers': integer(0, 64),
  'mnist.resultsFolder': (v) => (typeof v === 'string' && v.trim() !== '' ? undefined : 'a non-empty folder path'),
  'explorer.samples': integer(50, 20_000),
  'explorer.defaultRange': (v) => (Array.isArray(v) && v.length === 2 && finite(v[0]) && finite(v[1]) && v[0] < v[1] ? undefined : 'a pair [min, max] of numbers with min < max'),
  'explorer.defaultActivations': stringList(100),
};

/** Receives one message per invalid value (the caller decides how often to show it). */
export type SettingProblem = (key: SettingKey, message: string) => void;

/**
 * The validated value of one setting: `raw` when it meets the package.json constraints
 * (`mnist.resultsFolder` trimmed), else the default, reporting why through `problem`.
 * `undefined` (unset) gives the default silently. Never throws.
 */
export function checkedSetting<K extends SettingKey>(key: K, raw: unknown, problem?: SettingProblem): SettingValues[K] {
  if (raw === undefined) return SETTING_DEFAULTS[key];
  const wrong = CHECKS[key](raw);
  if (wrong === undefined) return (typeof raw === 'string' ? raw.trim() : raw) as SettingValues[K];
  problem?.(key, `activationLab.${key} must be ${wrong}; using the default ${JSON.stringify(SETTING_DEFAULTS[key])}.`);
  return SETTING_DEFAULTS[key];
}

/** Looks up one validated setting (src/host/config.ts: VS Code's configuration; tests: a record). */
export type SettingLookup = <K extends SettingKey>(key: K) => SettingValues[K];

/** A lookup over raw values keyed by setting key (webview sanitizers, tests); never throws. */
export function lookupFrom(raw: Partial<Record<SettingKey, unknown>>, problem?: SettingProblem): SettingLookup {
  return (key) => checkedSetting(key, raw[key], problem);
}
