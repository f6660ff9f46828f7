/**
 * Saved custom activations (workspace setting `activationLab.customActivations`): the entry
 * type, name rules and a structural check of the raw setting that does not compile anything,
 * so the extension host can read the list without loading mathjs (compile.ts); webviews
 * and `parseSavedCustoms` (resolve.ts) compile the entries. Pure: no vscode, no DOM.
 */
import { getActivation } from '../activations/catalogue';
import { MAX_EXPRESSION_LENGTH_CHARS } from './limits';
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

/** Most entries read from the setting (later ones are ignored). */
const MAX_SAVED_CUSTOMS = 200;

/** Why `name` cannot name a saved custom activation, or undefined. */
export function customNameProblem(name: string): string | undefined {
  if (typeof name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]{0,39}$/.test(name)) return 'A name is 1-40 letters, digits or _, starting with a letter or _ (e.g. my_swish)';
  if (getActivation(name)) return `'${name}' is already a catalogue activation`;
  if (name !== name.toLowerCase() && getActivation(name.toLowerCase())) return `'${name}' differs from a catalogue id only in case`;
  const p = paramNameProblem(name);
  return p && !/already a constant or function/.test(p) ? p : undefined;
}

/**
 * The well-formed entries of the raw setting value (any JSON): a valid unique name, an
 * expression string of at most MAX_EXPRESSION_LENGTH_CHARS, params an object of finite
 * numbers. Expressions are NOT compiled (see `parseSavedCustoms` in resolve.ts). Never throws.
 * @returns the entries (copies) and one message per dropped entry.
 */
export function parseSavedShape(raw: unknown): { customs: SavedCustom[]; problems: string[] } {
  const customs: SavedCustom[] = [];
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { customs, problems };
  if (!Array.isArray(raw)) return { customs, problems: ['activationLab.customActivations must be an array'] };
  raw.slice(0, MAX_SAVED_CUSTOMS).forEach((item: unknown, i) => {
    const where = `activationLab.customActivations[${i}]`;
    if (typeof item !== 'object' || item === null) return void problems.push(`${where}: not an object`);
    const { name, expression, params } = item as Record<string, unknown>;
    const nameProblem = typeof name === 'string' ? customNameProblem(name) : 'name is missing';
    if (nameProblem) return void problems.push(`${where}: ${nameProblem}`);
    if (customs.some((c) => c.name === name)) return void problems.push(`${where}: duplicate name '${String(name)}'`);
    if (typeof expression !== 'string') return void problems.push(`${where}: expression is missing`);
    if (expression.length > MAX_EXPRESSION_LENGTH_CHARS) return void problems.push(`${where} (${String(name)}): the expression has ${expression.length} characters; the limit is ${MAX_EXPRESSION_LENGTH_CHARS}`);
    const p = params === undefined ? {} : params;
    if (typeof p !== 'object' || p === null || Array.isArray(p)) return void problems.push(`${where}: params must be an object of numbers`);
    const values = Object.entries(p as Record<string, unknown>);
    if (values.some(([, v]) => typeof v !== 'number' || !Number.isFinite(v))) return void problems.push(`${where} (${String(name)}): params must be finite numbers`);
    customs.push({ name: name as string, expression, params: Object.fromEntries(values) as Record<string, number> });
  });
  return { customs, problems };
}
