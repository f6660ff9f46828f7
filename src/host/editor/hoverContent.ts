/**
 * The hover's content as a pure function of (document text, offset, settings): recognise,
 * resolve against the catalogue, and build Markdown with f, f', parameters (and which
 * library default), a data-URI SVG plot and command links. No vscode import, so the bench
 * and unit tests run it in plain Node; hoverProvider.ts wraps it in a vscode.Hover.
 */
import type { TopLevelSpec } from 'vega-lite';
import { getActivation, resolveParams } from '../../core/activations/catalogue';
import type { ActivationDef, Params } from '../../core/activations/types';
import type { LanguageFamily, Region } from '../../core/recognise/lexical';
import { recogniseAt, type ActivationMatch, type Strictness } from '../../core/recognise/recognise';
import { MINI_PLOT_THEMES, miniPlotSpec } from '../../core/charts/miniPlot';
import { CommandId, commandLink } from '../../protocol/commands';
import type { HoverImageCache } from './imageCache';

/** Settings the hover depends on (mirrors `activationLab.hover.*`). */
export interface HoverSettings {
  readonly strictness: Strictness;
  /** Plot x-range (pre-activation z). */
  readonly xMin: number;
  readonly xMax: number;
  /** Colour set for the plot image (hovers cannot read the theme's CSS variables). */
  readonly theme: 'light' | 'dark';
}

/** Renders a vega-lite spec to SVG text (src/node/svgRenderer.ts, loaded lazily). */
export type SvgRenderer = (spec: TopLevelSpec) => Promise<string>;

/** What the hover shows, with the range it applies to (UTF-16 offsets). */
export interface HoverContent {
  readonly markdown: string;
  readonly start: number;
  readonly end: number;
  readonly match: ActivationMatch;
  /** Undefined when the catalogue has no entry for the recognised id. */
  readonly def: ActivationDef | undefined;
  readonly params: Params;
}

/**
 * Saved custom activations for the hover and side view: their names (cheap, for
 * `recogniseAt`), and a look-up by name that compiles them (`lookupWithCustoms`, mathjs),
 * called only when a saved name was matched.
 */
export interface SavedActivations {
  readonly names: readonly string[];
  readonly lookup: () => (id: string) => ActivationDef | undefined;
}

/**
 * Catalogue entry (or, for a `saved` match, the compiled saved custom from `saved.lookup`)
 * and complete parameters for a match; notes explain any fallback.
 */
export function resolveMatch(m: ActivationMatch, saved?: SavedActivations): { def: ActivationDef | undefined; params: Params; notes: string[] } {
  const notes: string[] = [];
  if (m.kind === 'saved') {
    const def = saved?.lookup()(m.id);
    if (!def) notes.push(`The saved expression of '${m.id}' does not compile; see the activationLab.customActivations warning.`);
    return { def, params: def ? Object.fromEntries(def.params.map((p) => [p.name, p.default])) : {}, notes };
  }
  const def = getActivation(m.id);
  if (!def) return { def, params: {}, notes };
  const has = (k: string) => def.params.some((p) => p.name === k);
  const known = Object.fromEntries(Object.entries(m.params).filter(([k]) => has(k)));
  for (const r of m.readings) {
    if (r.from === 'code' && r.ours && !has(r.ours)) notes.push(`${r.lib} = ${r.value} is not a parameter of the catalogue's ${def.name}; the plot ignores it.`);
  }
  try {
    return { def, params: resolveParams(def, known), notes };
  } catch (e) {
    notes.push(`${(e as Error).message}; plotted as written.`);
    return { def, params: { ...resolveParams(def, {}), ...known }, notes };
  }
}

function paramTable(m: ActivationMatch, def: ActivationDef | undefined, params: Params): string[] {
  if (m.kind === 'saved') {
    const rows = (def?.params ?? []).map((p) => `| \`${p.name}\` | ${params[p.name]} | saved value |`);
    return rows.length ? ['| parameter | value | from |', '|---|---|---|', ...rows, ''] : [];
  }
  const libName = m.library === 'user' ? 'catalogue' : m.library ?? 'catalogue';
  const rows = m.readings.map((r) => {
    const name = r.ours && r.ours !== r.lib ? `${r.lib} (${r.ours})` : r.lib;
    const value = typeof r.value === 'string' ? `'${r.value}'` : String(r.value);
    return `| \`${name}\` | ${value} | ${r.from === 'code' ? 'your code' : `${libName} default`} |`;
  });
  for (const p of def?.params ?? []) {
    if (m.readings.some((r) => r.ours === p.name)) continue;
    rows.push(`| \`${p.name}\` | ${params[p.name]} | catalogue default |`);
  }
  return rows.length ? ['| parameter | value | from |', '|---|---|---|', ...rows, ''] : [];
}

function conventionLine(m: ActivationMatch, def: ActivationDef): string[] {
  const lib = m.library === 'TensorFlow' ? 'Keras' : m.library;
  const c = def.conventions.find((x) => x.library === lib);
  return c ? [`*${c.library}:* \`${c.api}\` (${c.note})`, ''] : [];
}

/** The Markdown of the hover, with `image` the plot's data URI (or undefined: no plot). */
function hoverMarkdown(m: ActivationMatch, def: ActivationDef | undefined, params: Params, notes: readonly string[], image: string | undefined, s: HoverSettings): string {
  const where = m.kind === 'saved' ? 'saved custom activation' : m.library === 'user' ? 'your function' : m.library ?? 'name only';
  const title = def ? def.name : m.id;
  const lines = [`**${title}** \u2014 ${where} \`${m.api}\``, '', `Matched: \`${m.matched.replace(/`/g, "'")}\``, ''];
  if (def) {
    if (m.kind === 'saved' && 'expression' in def) lines.push(`Expression: \`${String(def.expression).replace(/`/g, "'")}\`  `);
    lines.push(`f(x) = \`${def.text.f}\`  `, `f\u2032(x) = \`${def.text.df}\``, '');
    lines.push(...paramTable(m, def, params), ...conventionLine(m, def));
    if (image) lines.push(`![${def.name}: f (solid) and f\u2032 (dashed) for x from ${s.xMin} to ${s.xMax}](${image})`, '');
  } else {
    lines.push('_Not in the Activation Lab catalogue yet: no formula or plot._', '');
  }
  for (const n of [...m.notes, ...notes]) lines.push(`_${n}_  `);
  if (def) {
    lines.push('', `${commandLink('Open in Explorer', CommandId.ShowActivation, { id: def.id, params })} \u00b7 ${commandLink('Compare on MNIST', CommandId.CompareMnist, { activation: def.id, params })}`);
  }
  return lines.join('\n');
}

/**
 * Recognises the activation at `offset` and builds the hover; the plot image comes from
 * `cache` (rendered with `render` on a miss). Resolves `undefined` when nothing is there.
 * `saved`: saved custom activations, recognised by name (shown with their expression).
 * A failing renderer costs only the image (the hover says so), never the hover.
 */
export async function buildHoverContent(
  text: string, offset: number, family: LanguageFamily, s: HoverSettings,
  render: () => Promise<SvgRenderer>, cache: HoverImageCache, regions?: readonly Region[], saved?: SavedActivations,
): Promise<HoverContent | undefined> {
  const match = recogniseAt(text, offset, { family, strictness: s.strictness, regions, savedNames: saved?.names });
  if (!match) return undefined;
  const { def, params, notes } = resolveMatch(match, saved);
  let image: string | undefined;
  if (def) {
    try {
      const spec = () => miniPlotSpec(def, params, { xMin: s.xMin, xMax: s.xMax, colors: MINI_PLOT_THEMES[s.theme] });
      // A saved name can be re-saved with another expression: key the image by the source too.
      const key = match.kind === 'saved' && 'expression' in def ? `saved:${def.id}=${String(def.expression)}` : def.id;
      image = await cache.get(key, params, s, async () => (await render())(spec()));
    } catch (e) {
      notes.push(`Plot unavailable: ${(e as Error).message}`);
    }
  }
  return { markdown: hoverMarkdown(match, def, params, notes, image, s), start: match.start, end: match.end, match, def, params };
}
