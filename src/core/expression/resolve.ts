/**
 * One entry point for "an activation the user named": a catalogue id or alias, the name of a
 * saved custom activation (workspace setting `activationLab.customActivations`), or an
 * expression typed in place (`x * sigmoid(x)`). Pure: no vscode, no DOM.
 */
import { getActivation } from '../activations/catalogue';
import type { ActivationDef } from '../activations/types';
import type { ExpressionError } from './ast';
import { compileUserActivation } from './compile';
import { parseSavedShape, type SavedCustom } from './saved';

export type { SavedCustom } from './saved';
export { customNameProblem } from './saved';

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

/**
 * Validates the raw setting value (any JSON): keeps every well-formed entry whose expression
 * compiles, and explains each dropped one (for a warning; never throws).
 */
export function parseSavedCustoms(raw: unknown): { customs: SavedCustom[]; problems: string[] } {
  const shape = parseSavedShape(raw);
  const customs: SavedCustom[] = [];
  const problems = [...shape.problems];
  for (const c of shape.customs) {
    const r = compileUserActivation(c.expression, c.params, { name: c.name });
    if (r.ok) customs.push(c);
    else problems.push(`activationLab.customActivations (${c.name}): ${r.error.message}`);
  }
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
