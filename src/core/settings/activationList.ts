/**
 * The one grammar of activation lists, shared by the `activationLab.mnist.activations`
 * setting (one entry per array item) and the CLI's `--activations` (entries on one line,
 * split by {@link splitActivationList}). An entry is a catalogue id (or saved custom name),
 * optionally followed by `:` and `name=value` pairs joined by `,` or `:` —
 * `leaky_relu:alpha=0.2`, `my_act:a=0.5,b=2` and `my_act:a=0.5:b=2` (a saved custom) are
 * all accepted; {@link formatActivationEntry} prints the last form, which reads the same in
 * a setting and inside a comma-separated list. Values are decimal numbers (`parseFinite`:
 * no hex, no Infinity). Pure.
 */
import { parseFinite } from '../gradient/input';
import { isParamName } from '../guards';
import type { ActivationChoice } from '../training/types';

/** The id part: a letter or `_`, then letters, digits, `_` or `-` (`leaky_relu`, `leaky-relu`). */
const ENTRY_ID = /^[A-Za-z_][\w-]*$/;

/** A `name=value` piece as the list splitter sees it (continues the entry before it). */
const PAIR_START = /^\s*[A-Za-z_]\w*\s*=(?!=)/;

/**
 * The id of `entry` when it has the shape `id` or `id:...`, else undefined (e.g. an
 * expression in x such as `x > 0 ? x : 0`, whose text before `:` is not an id).
 */
export function activationEntryId(entry: string): string | undefined {
  const colon = entry.indexOf(':');
  const id = (colon < 0 ? entry : entry.slice(0, colon)).trim();
  return ENTRY_ID.test(id) ? id : undefined;
}

/**
 * Parses one entry (see the file comment). The parameters are in the order written; empty
 * pieces (`elu:alpha=1,`) are skipped.
 * @throws RangeError `activation '<entry>': ...` for an id that is not one, a piece without
 *   `=` or with a value that is not a decimal number (`'<piece>' is not name=number`), a
 *   name that is not an identifier, or a name given twice.
 */
export function parseActivationEntry(entry: string): ActivationChoice {
  const fail = (what: string): never => {
    throw new RangeError(`activation '${entry}': ${what}`);
  };
  const activation = activationEntryId(entry);
  if (activation === undefined) return fail('expected an id such as relu or leaky_relu:alpha=0.2');
  const colon = entry.indexOf(':');
  // A plain object is safe: isParamName refuses __proto__, constructor and prototype.
  const params: Record<string, number> = {};
  for (const piece of (colon < 0 ? '' : entry.slice(colon + 1)).split(/[,:]/).map((p) => p.trim()).filter(Boolean)) {
    const eq = piece.indexOf('=');
    const name = piece.slice(0, eq).trim();
    let value = NaN;
    try {
      if (eq > 0) value = parseFinite(piece.slice(eq + 1));
    } catch {
      // reported below with the piece
    }
    if (eq <= 0 || Number.isNaN(value)) fail(`'${piece}' is not name=number`);
    if (!isParamName(name)) fail(`'${name}' is not a parameter name (letters, digits, _)`);
    if (Object.hasOwn(params, name)) fail(`'${name}' is given twice`);
    params[name] = value;
  }
  return { activation, params };
}

/** The printed form `id` or `id:a=1:b=2` (parameters in their order); parses back to `c`. */
export function formatActivationEntry(c: ActivationChoice): string {
  const p = Object.entries(c.params);
  return p.length ? `${c.activation}:${p.map(([k, v]) => `${k}=${v}`).join(':')}` : c.activation;
}

/**
 * Splits a list written on one line (the CLI's `--activations`) into trimmed entries: at
 * commas outside parentheses and brackets (`relu,max(0, x)` is two entries), except that a
 * piece `name=value` right after an entry with parameters continues it
 * (`my_act:a=0.5,b=2,relu` is two entries). Empty entries are kept, so the caller
 * can name their position.
 */
export function splitActivationList(text: string): string[] {
  const pieces: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    else if (c === ',' && depth === 0) {
      pieces.push(text.slice(start, i));
      start = i + 1;
    }
  }
  pieces.push(text.slice(start));
  const entries: string[] = [];
  for (const piece of pieces) {
    const prev = entries[entries.length - 1];
    if (prev !== undefined && PAIR_START.test(piece) && activationEntryId(prev) !== undefined && prev.includes(':')) entries[entries.length - 1] = `${prev},${piece.trim()}`;
    else entries.push(piece.trim());
  }
  return entries;
}
