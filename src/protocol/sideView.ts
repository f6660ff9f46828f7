/**
 * Messages between the extension host and the "Activation at Cursor" webview view
 * (`activationLab.sideView`). Both directions are checked on arrival: webview -> host with
 * {@link SIDE_TO_HOST}, host -> webview with {@link HOST_TO_SIDE}; the state restored after
 * a reload with {@link isSideActivation} / {@link isSideResults}.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { LibraryConvention } from '../core/activations/types';
import { isFiniteNumber, isParamRecord, isRecord, isShortString, isShortStringArray } from '../core/guards';
import type { Checks } from './channel';
import { WEBVIEW_TO_HOST, type WebviewToHost } from './shared';

/** How one parameter got its value (see src/core/recognise/params.ts). */
export interface SideParamReading {
  readonly lib: string;
  readonly ours?: string;
  readonly value: number | string | boolean;
  readonly from: 'code' | 'default';
}

/** The activation at the cursor, everything the view shows about it. */
export interface SideActivation {
  readonly id: string;
  readonly name: string;
  /** `PyTorch`, `Keras`, `TensorFlow`, `TensorFlow.js`, `user` (own function) or undefined (name only). */
  readonly library?: string;
  /** Canonical API, e.g. `torch.nn.LeakyReLU`. */
  readonly api: string;
  /** Source text matched, e.g. `nn.LeakyReLU(0.1)`. */
  readonly matched: string;
  /** File name and 1-based line of the match, e.g. `model.py:12`. */
  readonly where: string;
  readonly params: Readonly<Record<string, number>>;
  readonly readings: readonly SideParamReading[];
  readonly latex: { readonly f: string; readonly df: string };
  readonly conventions: readonly LibraryConvention[];
  readonly source: string;
  readonly notes: readonly string[];
  /** Mini plot of f and f' (src/core/charts/miniPlot.ts), themed by the webview. */
  readonly spec: TopLevelSpec;
}

/** One run of the latest MNIST results file, reduced to what the compact chart needs. */
export interface SideRun {
  readonly activation: string;
  readonly status: string;
  /** Validation accuracy per epoch (0..1; null where the run produced NaN). */
  readonly valAccuracy: ReadonlyArray<number | null>;
  readonly testAccuracy: number | null;
}

/** The newest readable results file in the workspace, or why there is none to show. */
export interface SideResults {
  /** Workspace-relative path, e.g. `.activation-lab/runs/2026-11-29T12-00-00.json`. */
  readonly file?: string;
  readonly createdAt?: string;
  readonly runs: readonly SideRun[];
  /** E.g. "2 files skipped (not results files): a.json, b.json". */
  readonly notes: readonly string[];
}

/** Host -> webview. */
export type HostToSide =
  /** Show this activation (the cursor moved onto it, or it is the pinned one). */
  | { readonly type: 'side/activation'; readonly activation: SideActivation; readonly pinned: boolean }
  /** The pin was toggled (by the button or the `activationLab.togglePin` command). */
  | { readonly type: 'side/pin'; readonly pinned: boolean }
  /** The latest MNIST results changed (or there are none: `runs` empty). */
  | { readonly type: 'side/results'; readonly results: SideResults };

/** Webview -> host. */
export type SideToHost =
  | WebviewToHost
  /** The pin button was pressed. */
  | { readonly type: 'side/togglePin' }
  /** Open the Activation Explorer on this activation. */
  | { readonly type: 'side/openExplorer'; readonly id: string; readonly params: Readonly<Record<string, number>> }
  /** Open the MNIST comparison with this activation. */
  | { readonly type: 'side/compareMnist'; readonly id: string; readonly params: Readonly<Record<string, number>> };

/** A catalogue id or alias (`leaky_relu`) or a custom/user function name (`my_swish`, `mish2`). */
const ACTIVATION_ID = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;

/** Checks of {@link SideToHost} (untrusted): exact `type`, fields of the right type and size. */
export const SIDE_TO_HOST: Checks<SideToHost> = {
  ...WEBVIEW_TO_HOST,
  'side/togglePin': () => true,
  'side/openExplorer': (m) => isShortString(m.id, 100) && ACTIVATION_ID.test(m.id) && isParamRecord(m.params),
  'side/compareMnist': (m) => isShortString(m.id, 100) && ACTIVATION_ID.test(m.id) && isParamRecord(m.params),
};

function isReading(x: unknown): x is SideParamReading {
  return isRecord(x) && isShortString(x.lib, 200) && (x.ours === undefined || isShortString(x.ours, 200))
    && (isFiniteNumber(x.value) || isShortString(x.value, 1000) || typeof x.value === 'boolean')
    && (x.from === 'code' || x.from === 'default');
}

function isConvention(x: unknown): x is LibraryConvention {
  return isRecord(x) && isShortString(x.library, 100) && isShortString(x.api, 1000) && isShortString(x.note, 5000);
}

/** Everything {@link SideActivation} promises, checked at run time (the spec only as a record). Never throws. */
export function isSideActivation(x: unknown): x is SideActivation {
  return isRecord(x) && isShortString(x.id, 100) && x.id !== '' && isShortString(x.name, 200)
    && (x.library === undefined || isShortString(x.library, 100))
    && isShortString(x.api, 1000) && isShortString(x.matched, 10_000) && isShortString(x.where, 1000)
    && isParamRecord(x.params) && Array.isArray(x.readings) && x.readings.length <= 100 && x.readings.every(isReading)
    && isRecord(x.latex) && isShortString(x.latex.f) && isShortString(x.latex.df)
    && Array.isArray(x.conventions) && x.conventions.length <= 20 && x.conventions.every(isConvention)
    && isShortString(x.source) && isShortStringArray(x.notes, 100) && isRecord(x.spec);
}

function isSideRun(x: unknown): x is SideRun {
  return isRecord(x) && isShortString(x.activation, 200) && isShortString(x.status, 100)
    && Array.isArray(x.valAccuracy) && x.valAccuracy.length <= 100_000 && x.valAccuracy.every((v) => v === null || isFiniteNumber(v))
    && (x.testAccuracy === null || isFiniteNumber(x.testAccuracy));
}

/** Everything {@link SideResults} promises, checked at run time. Never throws. */
export function isSideResults(x: unknown): x is SideResults {
  return isRecord(x) && (x.file === undefined || isShortString(x.file, 4096)) && (x.createdAt === undefined || isShortString(x.createdAt, 100))
    && Array.isArray(x.runs) && x.runs.length <= 1000 && x.runs.every(isSideRun) && isShortStringArray(x.notes, 100);
}

/** Checks of {@link HostToSide}. */
export const HOST_TO_SIDE: Checks<HostToSide> = {
  'side/activation': (m) => isSideActivation(m.activation) && typeof m.pinned === 'boolean',
  'side/pin': (m) => typeof m.pinned === 'boolean',
  'side/results': (m) => isSideResults(m.results),
};
