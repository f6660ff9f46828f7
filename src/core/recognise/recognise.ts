/**
 * The recogniser: given source text and an offset, says whether an activation is written
 * there, which library call it is, and its parameters (literals from the code, else that
 * library's defaults). Pure: no vscode; the hover, the side view and the bench call it.
 */
import { readCallArgs } from './callArgs';
import { regionAt, scanRegions, type LanguageFamily, type Region } from './lexical';
import { findNamespace, KERAS_ACTIVATIONS, TFJS_ACTIVATIONS, type Library } from './libraryTable';
import { readParams, type ParamResult } from './params';
import { importedName, userDefinition, wordActivationId } from './userCode';

/**
 * How eagerly to match. `strict`: library calls and activation string arguments only;
 * `normal` (default): also functions the file defines or imports by an activation's name;
 * `loose`: also any whole word that names an activation, even in comments and strings.
 */
export type Strictness = 'strict' | 'normal' | 'loose';

/** Options of {@link recogniseAt}. */
export interface RecogniseOptions {
  readonly family: LanguageFamily;
  readonly strictness?: Strictness;
  /** `scanRegions(text, family)` if the caller caches it per document version. */
  readonly regions?: readonly Region[];
  /**
   * Names of saved custom activations (`activationLab.customActivations`): a bare call
   * `name(...)` or reference to one is a `saved` match (not in `strict`), before functions
   * the file defines or imports.
   */
  readonly savedNames?: readonly string[];
}

/** What was recognised at the offset. Offsets are UTF-16 indices into the text. */
export interface ActivationMatch extends ParamResult {
  /**
   * `call`: library call or reference; `string`: activation argument; `user`: own function;
   * `saved`: a saved custom activation by name (id = the name); `word`: loose.
   */
  readonly kind: 'call' | 'string' | 'user' | 'saved' | 'word';
  readonly library: Library | undefined;
  /** Canonical library API, e.g. `torch.nn.LeakyReLU` or `keras.activations.gelu`. */
  readonly api: string;
  /** The source text matched, whitespace collapsed, at most 80 characters. */
  readonly matched: string;
  /** Range to highlight: the dotted name or the string literal. */
  readonly start: number;
  readonly end: number;
}

const IDENT = /[A-Za-z_$][\w$]*/y;
const STRING_ARG_CONTEXT = /(?:\b\w*activation\w*["']?\s*[:=]\s*|\bActivation\s*\(\s*)$/i;

function snippet(text: string, start: number, end: number): string {
  const s = text.slice(start, end).replace(/\s+/g, ' ');
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** The dotted chain (`torch.nn.functional.gelu`) containing offset, as segments with offsets. */
function chainAt(text: string, offset: number): { segs: string[]; start: number; end: number; hovered: number } | undefined {
  let s = offset;
  while (s > 0 && /[\w$]/.test(text[s - 1]!)) s--;
  IDENT.lastIndex = s;
  const m = IDENT.exec(text);
  if (!m || offset > s + m[0].length) return undefined;
  const segs = [m[0]];
  let start = s;
  let end = s + m[0].length;
  while (start > 1 && text[start - 1] === '.' && /[\w$]/.test(text[start - 2]!)) {
    let b = start - 1;
    while (b > 0 && /[\w$]/.test(text[b - 1]!)) b--;
    segs.unshift(text.slice(b, start - 1));
    start = b;
  }
  const hovered = segs.length - 1;
  while (text[end] === '.') {
    IDENT.lastIndex = end + 1;
    const n = IDENT.exec(text);
    if (!n) break;
    segs.push(n[0]);
    end = end + 1 + n[0].length;
  }
  return { segs, start, end, hovered };
}

function matchString(text: string, r: Region, o: RecogniseOptions): ActivationMatch | undefined {
  const word = text.slice(r.contentStart, r.contentEnd).trim();
  const before = text.slice(Math.max(0, r.start - 80), r.start);
  if (!STRING_ARG_CONTEXT.test(before)) return undefined;
  const table = o.family === 'py' ? KERAS_ACTIVATIONS : TFJS_ACTIVATIONS;
  const rule = Object.prototype.hasOwnProperty.call(table, word) ? table[word] : undefined;
  if (!rule) return undefined;
  const library: Library = o.family === 'py' ? 'Keras' : 'TensorFlow.js';
  const ctx = /(\w+["']?\s*[:=]\s*|\w+\s*\(\s*)$/.exec(before);
  const start = ctx ? r.start - ctx[0].length : r.start;
  return {
    kind: 'string', library, start: r.start, end: r.end,
    api: o.family === 'py' ? `keras.activations.${word}` : `activation: '${word}' (tf.layers)`,
    matched: snippet(text, start, r.end),
    ...readParams(rule, undefined, library),
  };
}

function matchCall(text: string, offset: number, o: RecogniseOptions): ActivationMatch | undefined {
  const c = chainAt(text, offset);
  if (!c) return undefined;
  for (let k = Math.max(1, c.hovered); k < c.segs.length; k++) {
    const ns = findNamespace(c.segs.slice(0, k).join('.'), o.family);
    const name = c.segs[k]!;
    const rule = ns && Object.prototype.hasOwnProperty.call(ns.calls, name) ? ns.calls[name] : undefined;
    if (!ns || !rule || k !== c.segs.length - 1) continue;
    const args = readCallArgs(text, c.end);
    return {
      kind: 'call', library: ns.library, api: `${ns.api}.${name}`, start: c.start, end: c.end,
      matched: snippet(text, c.start, args?.end ?? c.end),
      ...readParams(rule, args, ns.library),
    };
  }
  if (c.segs.length !== 1 || o.strictness === 'strict') return undefined;
  return matchBareName(text, c.segs[0]!, c.start, c.end, o);
}

function matchBareName(text: string, name: string, start: number, end: number, o: RecogniseOptions): ActivationMatch | undefined {
  if (o.savedNames?.includes(name)) {
    const args = readCallArgs(text, end);
    return {
      kind: 'saved', library: 'user', api: `${name}(x)`, start, end, matched: snippet(text, start, args?.end ?? end),
      id: name, params: {}, readings: [], notes: ['Saved custom activation (activationLab.customActivations); parameters as saved.'],
    };
  }
  const imp = importedName(text, name, o.family);
  if (imp) {
    const ns = findNamespace(imp.module, o.family);
    const rule = ns && Object.prototype.hasOwnProperty.call(ns.calls, imp.original) ? ns.calls[imp.original] : undefined;
    if (ns && rule) {
      const args = readCallArgs(text, end);
      return {
        kind: 'call', library: ns.library, api: `${ns.api}.${imp.original}`, start, end,
        matched: snippet(text, start, args?.end ?? end), ...readParams(rule, args, ns.library),
      };
    }
  }
  const user = userDefinition(text, name, o.family);
  if (user) return { kind: 'user', library: 'user', api: user.signature, start, end, matched: snippet(text, start, end), ...user.result };
  return o.strictness === 'loose' ? matchWord(text, start, end) : undefined;
}

function matchWord(text: string, start: number, end: number): ActivationMatch | undefined {
  const word = text.slice(start, end);
  const id = wordActivationId(word);
  if (!id) return undefined;
  return { kind: 'word', library: undefined, api: word, start, end, matched: word, id, params: {}, readings: [], notes: ['Matched by name only (strictness: loose).'] };
}

/** The whole word at offset inside a comment or string (loose strictness). */
function wordIn(text: string, offset: number, r: Region): ActivationMatch | undefined {
  let s = offset;
  let e = offset;
  while (s > r.contentStart && /\w/.test(text[s - 1]!)) s--;
  while (e < r.contentEnd && /\w/.test(text[e]!)) e++;
  return e > s ? matchWord(text, s, e) : undefined;
}

/**
 * Recognises the activation written at `offset` in `text`.
 * @returns the match, or `undefined` when nothing there is an activation under the
 *   strictness (default `normal`). Never throws on any input text.
 */
export function recogniseAt(text: string, offset: number, o: RecogniseOptions): ActivationMatch | undefined {
  if (offset < 0 || offset > text.length) return undefined;
  const regions = o.regions ?? scanRegions(text, o.family);
  const r = regionAt(regions, offset);
  if (r) {
    const m = r.kind === 'string' ? matchString(text, r, o) : undefined;
    return m ?? (o.strictness === 'loose' ? wordIn(text, offset, r) : undefined);
  }
  return matchCall(text, offset, o);
}
