/**
 * The `activationLab.*` settings grouped per feature, as typed sections built from validated
 * values (src/core/settings/defaults.ts), plus the rules that tie two settings together (a range's
 * min < max, vanishing < exploding). Pure, no `vscode`: src/host/config.ts supplies VS Code's
 * values; the webviews' sanitizers in src/protocol/ supply the host's message. Never throws.
 */
import type { BackendSetting, SettingLookup, SettingProblem, StrictnessSetting } from './defaults';
import { SETTING_DEFAULTS } from './defaults';

/** `activationLab.explorer.*`. */
export interface ExplorerConfig {
  /** Grid points per curve (uniform in x, kinks added on top), 50..20000. */
  readonly samples: number;
  /** x-range of a fresh panel, `[min, max]`, min < max. */
  readonly defaultRange: readonly [number, number];
  /** Catalogue ids selected in a fresh panel (unknown ids are dropped by the panel). */
  readonly defaultActivations: readonly string[];
}

/** `activationLab.gradient.*`. */
export interface GradientConfig {
  /** Backward gain below which a layer is vanishing (> 0). */
  readonly vanishingBelow: number;
  /** Backward gain above which a layer is exploding (> vanishingBelow). */
  readonly explodingAbove: number;
  /** Default depth-sweep width W (1..512) and depth D (1..200). */
  readonly sweepWidth: number;
  readonly sweepDepth: number;
}

/** `activationLab.hover.*`. */
export interface HoverConfig {
  /** Hover on/off per VS Code language id (every known language present). */
  readonly languages: Readonly<Record<string, boolean>>;
  readonly strictness: StrictnessSetting;
  /** Plot x-range (pre-activation z) of the hover image and side view chart; xMin < xMax. */
  readonly plotXMin: number;
  readonly plotXMax: number;
}

/** `activationLab.sideView.*`. */
export interface SideViewConfig {
  /** Follow the cursor (else only the pin / last activation shows). */
  readonly followCursor: boolean;
  /** Delay after the last cursor move before updating, in ms (0..2000). */
  readonly debounceMs: number;
}

/** `activationLab.mnist.*` (the form's starting values and where results go). */
export interface MnistConfig {
  /** Unparsed entries `id` or `id:name=value,...`. */
  readonly activations: readonly string[];
  readonly epochs: number;
  readonly trainSamples: number;
  readonly testSamples: number;
  readonly batchSize: number;
  /** Adam learning rate eta, in (0, 1]. */
  readonly learningRate: number;
  readonly seed: number;
  /** Runs per activation, each with its own seed (1..100). */
  readonly repeats: number;
  /** Per-layer diagnostics in every run. */
  readonly diagnostics: boolean;
  readonly backend: BackendSetting;
  /** Web Workers for wasm and cpu training (0..64; 0 = cores less one). */
  readonly workers: number;
  /** Trimmed, non-empty; relative to the first workspace folder unless absolute. */
  readonly resultsFolder: string;
}

/** The explorer section. */
export function explorerSection(get: SettingLookup): ExplorerConfig {
  return { samples: get('explorer.samples'), defaultRange: get('explorer.defaultRange'), defaultActivations: get('explorer.defaultActivations') };
}

/** The gradient section; vanishingBelow >= explodingAbove resets both to their defaults. */
export function gradientSection(get: SettingLookup, problem?: SettingProblem): GradientConfig {
  let vanishingBelow = get('gradient.vanishingBelow');
  let explodingAbove = get('gradient.explodingAbove');
  if (vanishingBelow >= explodingAbove) {
    [vanishingBelow, explodingAbove] = [SETTING_DEFAULTS['gradient.vanishingBelow'], SETTING_DEFAULTS['gradient.explodingAbove']];
    problem?.('gradient.explodingAbove', `activationLab.gradient.vanishingBelow must be below activationLab.gradient.explodingAbove; using the defaults ${vanishingBelow} and ${explodingAbove}.`);
  }
  return { vanishingBelow, explodingAbove, sweepWidth: get('gradient.sweepWidth'), sweepDepth: get('gradient.sweepDepth') };
}

/** The hover section; languages not set are on; plotXMin >= plotXMax resets both to [-5, 5]. */
export function hoverSection(get: SettingLookup, problem?: SettingProblem): HoverConfig {
  let plotXMin = get('hover.plotXMin');
  let plotXMax = get('hover.plotXMax');
  if (plotXMin >= plotXMax) {
    [plotXMin, plotXMax] = [SETTING_DEFAULTS['hover.plotXMin'], SETTING_DEFAULTS['hover.plotXMax']];
    problem?.('hover.plotXMax', `activationLab.hover.plotXMin must be below activationLab.hover.plotXMax; using [${plotXMin}, ${plotXMax}].`);
  }
  const languages = { ...SETTING_DEFAULTS['hover.languages'], ...get('hover.languages') };
  return { languages, strictness: get('hover.strictness'), plotXMin, plotXMax };
}

/** The side view section. */
export function sideViewSection(get: SettingLookup): SideViewConfig {
  return { followCursor: get('sideView.followCursor'), debounceMs: get('sideView.debounceMs') };
}

/** The MNIST section. */
export function mnistSection(get: SettingLookup): MnistConfig {
  return {
    activations: get('mnist.activations'),
    epochs: get('mnist.epochs'),
    trainSamples: get('mnist.trainSamples'),
    testSamples: get('mnist.testSamples'),
    batchSize: get('mnist.batchSize'),
    learningRate: get('mnist.learningRate'),
    seed: get('mnist.seed'),
    repeats: get('mnist.repeats'),
    diagnostics: get('mnist.diagnostics'),
    backend: get('mnist.backend'),
    workers: get('mnist.workers'),
    resultsFolder: get('mnist.resultsFolder'),
  };
}
