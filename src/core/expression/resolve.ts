/**
 * One entry point for "an activation the user named": a catalogue id or alias, the name of a
 * saved custom activation (workspace setting `activationLab.customActivations`), or an
 * expression typed in place (`x * sigmoid(x)`). Pure: no vscode, no DOM.
 */
import { getActivation } from '../activations/catalogue';
import type { ActivationDef } from '../activations/types';
import type { ExpressionError } from './ast';
import { compileUserActivation } from './compile';
import { paramNameProblem } from './params';

/** A saved custom activation, as stored in the setting. */
export interface SavedCustom {
  /** Identifier, unique among saved customs and not a catalogue id (e.g. `my_swish`). */
  readonly name: string;
  /** Expression in x (see compile.ts for the grammar). */
  readonly expression: string;
  /** Parameter values by name, e.g. `{ "a": 0.5 }`. */
  readonly params: Readonly<Record<string, number>>;
}

/** What `resolveActivation` found. */
export type Resolved =
  | { readonly ok: true; readonly kind: 'catalogue' | 'saved' | 'expression'; readonly def: ActivationDef }
  | { readonly ok: false; readonly error: ExpressionError };

/**
 * Resolves `text` in this order: catalogue id/alias (getActivation), saved custom by exact
 * name, then an expression compiled with `params`. Never throws.
 * @param saved saved customs (e.g. from `parseSavedCustoms`); their defs get id = name.
 * @param params parameter values for an in-place expression (ignored for the other kinds).
 */
export function resolveActivation(text: string, saved: readonly SavedCustom[] = [], params: Readonly<Record<string, number>> = {}): Resolved {
  const t = typeof text === 'string' ? text.trim() : '';
  const cat = t.length <= 100 ? getActivation(t) : undefined;
  if (cat) return { ok: true, kind: 'catalogue', def: cat };
  const s = saved.find((c) => c.name === t);
  if (s) {
    const r = compileUserActivation(s.expression, s.params, { name: s.name });
    return r.ok ? { ok: true, kind: 'saved', def: r.def } : { ok: false, error: { ...r.error, message: `Saved activation '${s.name}': ${r.error.message}` } };
  }
  const r = compileUserActivation(text, params);
  return r.ok ? { ok: true, kind: 'expression', def: r.def } : { ok: false, error: r.error };
}

/** Why `name` cannot name a saved custom activation, or undefined. */
export function customNameProblem(name: string): string | undefined {
  if (typeof name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]{0,39}$/.test(name)) return 'A name is 1-40 letters, digits or _, starting with a letter or _ (e.g. my_swish)';
  if (getActivation(name)) return `'${name}' is already a catalogue activation`;
  if (name !== name.toLowerCase() && getActivation(name.toLowerCase())) return `'${name}' differs from a catalogue id only in case`;
  const p = paramNameProblem(name);
  return p && !/already a constant or function/.test(p) ? p : undefined;
}

/**
 * Validates the raw setting value (any JSON): keeps every well-formed entry whose expression
 * compiles, and explains each dropped one (for a warning; never throws).
 */
export function parseSavedCustoms(raw: unknown): { customs: SavedCustom[]; problems: string[] } {
  const customs: SavedCustom[] = [];
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { customs, problems };
  if (!Array.isArray(raw)) return { customs, problems: ['activationLab.customActivations must be an array'] };
  raw.slice(0, 200).forEach((item: unknown, i) => {
    const where = `activationLab.customActivations[${i}]`;
    if (typeof item !== 'object' || item === null) return void problems.push(`${where}: not an object`);
    const { name, expression, params } = item as Record<string, unknown>;
    const nameProblem = typeof name === 'string' ? customNameProblem(name) : 'name is missing';
    if (nameProblem) return void problems.push(`${where}: ${nameProblem}`);
    if (customs.some((c) => c.name === name)) return void problems.push(`${where}: duplicate name '${String(name)}'`);
    if (typeof expression !== 'string') return void problems.push(`${where}: expression is missing`);
    const p = params === undefined ? {} : params;
    if (typeof p !== 'object' || p === null || Array.isArray(p)) return void problems.push(`${where}: params must be an object of numbers`);
    const r = compileUserActivation(expression, p as Record<string, number>, { name: name as string });
    if (!r.ok) return void problems.push(`${where} (${String(name)}): ${r.error.message}`);
    customs.push({ name: name as string, expression, params: { ...(p as Record<string, number>) } });
  });
  return { customs, problems };
}

/**
 * One line for a terminal or log: `'<source>': column N: message` (parameter errors name the
 * parameter instead). A bare name that is no catalogue id says so first.
 */
export function describeExpressionError(source: string, error: ExpressionError): string {
  const shown = source.length > 60 ? `${source.slice(0, 57)}...` : source;
  if (/^\s*[A-Za-z_][\w-]*\s*$/.test(source) && /^Unknown (name|function)/.test(error.message)) {
    return `unknown activation '${source.trim()}' (see 'activation-lab list'), and not an expression in x`;
  }
  if (error.param !== undefined) return `parameter '${error.param}': ${error.message}`;
  const hint = error.message.startsWith('Unknown name') ? ` (or pass --param ${source.slice(error.start, error.end)}=<value>)` : '';
  return `'${shown}': column ${error.start + 1}: ${error.message}${hint}`;
}

/**
 * A look-up by id for code that takes one (gradient core's `lookup`, explorer lists):
 * catalogue first, then saved customs by name (compiled once, invalid ones skipped).
 */
export function lookupWithCustoms(saved: readonly SavedCustom[]): (id: string) => ActivationDef | undefined {
  const defs = new Map<string, ActivationDef>();
  for (const s of saved) {
    const r = compileUserActivation(s.expression, s.params, { name: s.name });
    if (r.ok) defs.set(s.name, r.def);
  }
  return (id) => getActivation(id) ?? defs.get(typeof id === 'string' ? id.trim() : id);
}
