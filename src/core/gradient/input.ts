/**
 * Parsing and validation of the Gradient Flow inputs as typed by a user (panel fields or
 * CLI options). Every problem is reported against the field it was typed in, so the panel
 * can show it inline and the CLI can name it on one line.
 *
 * Number lists: numbers separated by commas and/or spaces; `v*n` repeats v n times
 * (`0.2*6` = six layers of 0.2). Activation lists: ids separated the same way, `relu*3`
 * allowed; one id means every layer. Parameters: `name=value` pairs separated by commas;
 * `id.name=value` applies to one activation only (`elu.alpha=0.5`), a bare name applies to
 * every activation of the chain that has that parameter.
 */
import { getActivation, resolveParams } from '../activations/catalogue';
import type { ActivationDef } from '../activations/types';
import { MAX_LAYERS, type ChainSpec, type LayerActivation } from './chain';
import type { ClipMethod, ClipSpec } from './clipping';
import { MAX_STEP_VALUES, MAX_STEPS } from './descent';

/** The raw text of every input field. `steps` may be '' (no N-step run). */
export interface ChainForm {
  readonly weights: string;
  readonly biases: string;
  readonly input: string;
  readonly target: string;
  readonly lr: string;
  readonly activations: string;
  readonly params: string;
  readonly clipMethod: ClipMethod;
  readonly clipThreshold: string;
  readonly steps: string;
}

/** Name of one input field. */
export type ChainField = keyof ChainForm;

/** A validated problem. */
export interface ParsedChain {
  readonly spec: ChainSpec;
  readonly eta: number;
  readonly clip: ClipSpec;
  /** N for an N-step run, or undefined. */
  readonly steps?: number;
}

/** Either the parsed problem or one message per bad field. */
export type ParseOutcome =
  | { readonly ok: true; readonly value: ParsedChain }
  | { readonly ok: false; readonly errors: Partial<Record<ChainField, string>> };

/**
 * Splits on commas/semicolons and whitespace and expands `item*n`. The `*` is a repeat only
 * when n is a number literal (`relu*3`, `0.2*1e2`); otherwise the token is one item as typed
 * (`x*sigmoid(x)` stays whole, so the caller can say it is not an id or a number).
 * @throws RangeError `is empty` for blank text, `entry <k> is empty` for an empty entry
 *   between separators (`1,,2`: entry 2; counted by comma/semicolon, 1-based), a repeat
 *   count that is not a whole number >= 1, or more than `maxItems` items in all.
 */
export function expandList(text: string, maxItems: number): string[] {
  if (text.trim() === '') throw new RangeError('is empty');
  const tokens: string[] = [];
  text.split(/[,;]/).forEach((part, k) => {
    const words = part.split(/\s+/).filter((t) => t !== '');
    if (words.length === 0) throw new RangeError(`entry ${k + 1} is empty`);
    tokens.push(...words);
  });
  const out: string[] = [];
  for (const t of tokens) {
    const star = t.lastIndexOf('*');
    const count = star > 0 ? t.slice(star + 1) : '';
    const repeat = DECIMAL.test(count);
    const item = repeat ? t.slice(0, star) : t;
    const n = repeat ? Number(count) : 1;
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`'${t}': repeat count must be a whole number >= 1`);
    if (out.length + n > maxItems) {
      throw new RangeError(repeat ? `'${t}' makes ${(out.length + n).toLocaleString('en')} entries: at most ${maxItems} (L ≤ ${maxItems} layers)` : `has more than ${maxItems} entries (L ≤ ${maxItems} layers)`);
    }
    for (let i = 0; i < n; i++) out.push(item);
  }
  return out;
}

/** A decimal literal: optional sign, digits with an optional point, optional exponent. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * One finite number from decimal text (`-3`, `0.5`, `.5`, `1e-3`). Hex (`0x10`), binary,
 * `Infinity` and `NaN` are refused, as are literals outside the float64 range: above
 * Number.MAX_VALUE (~1.798e308) they would round to Infinity, and a non-zero literal below
 * half the smallest subnormal (2^-1075, ~2.5e-324) would silently round to 0 (IEEE 754).
 * @throws RangeError `is empty`, `'<text>' is not a finite number`, `'<text>' overflows
 *   float64 ...` or `'<text>' underflows to 0 ...`.
 */
export function parseFinite(text: string): number {
  const t = text.trim();
  if (t === '') throw new RangeError('is empty');
  if (!DECIMAL.test(t)) throw new RangeError(`'${t}' is not a finite number`);
  const v = Number(t);
  if (!Number.isFinite(v)) throw new RangeError(`'${t}' is not a finite number (it overflows float64: largest about 1.8e308)`);
  if (v === 0 && /[1-9]/.test(t.split(/[eE]/)[0]!)) throw new RangeError(`'${t}' is too small: it rounds to 0 (smallest float64 about 4.9e-324)`);
  return v;
}

/** A list of finite numbers (syntax in the file comment). @throws RangeError. */
function parseFiniteList(text: string, maxItems = MAX_LAYERS): number[] {
  return expandList(text, maxItems).map((t) => {
    try {
      return parseFinite(t);
    } catch (e) {
      throw new RangeError((e as Error).message === 'is empty' ? `'${t}' is not a finite number` : (e as Error).message, { cause: e });
    }
  });
}

/** Parses `name=value, id.name=value` into scoped entries. @throws RangeError. */
function parseParamText(text: string): Array<{ scope?: string; name: string; value: number }> {
  const parts = text.split(/[,;\s]+/).filter((p) => p !== '');
  return parts.map((p) => {
    const eq = p.indexOf('=');
    if (eq <= 0) throw new RangeError(`'${p}' is not name=value`);
    const key = p.slice(0, eq);
    if (!/^([A-Za-z_][\w-]*\.)?[A-Za-z_]\w*$/.test(key) || key.endsWith('__proto__')) throw new RangeError(`'${key}' is not a parameter name`);
    const dot = key.lastIndexOf('.');
    const value = parseFinite(p.slice(eq + 1));
    return dot > 0 ? { scope: key.slice(0, dot), name: key.slice(dot + 1), value } : { name: key, value };
  });
}

/** What the panel says after `unknown activation '<text>'` when the text is an expression. */
const PANEL_EXPRESSION_HINT = 'to use an expression, save it as a custom activation (Activation Lab: Define Custom Activation)';

/**
 * True when an unknown name (repeats already expanded) or the whole field holds an operator
 * or parenthesis, which no id has: `x*sigmoid(x)`, `x * sigmoid(x)`.
 */
function looksLikeExpression(name: string, text: string): boolean {
  return /[()+/^<>?!*]/.test(name) || /[()+/^<>?!]|\s\*|\*\s/.test(text);
}

/**
 * Resolves activation ids and parameters to one LayerActivation per layer.
 * @param expressionHint appended to `unknown activation '<text>'` when the text looks like an
 *   expression (the panel and the CLI point to different remedies).
 * @throws RangeError naming an unknown id, a count that is neither 1 nor L, an unknown or
 *   out-of-range parameter (message from `resolveParams`).
 */
function resolveActivations(ids: string, paramText: string, L: number, lookup: (id: string) => ActivationDef | undefined = getActivation, expressionHint = PANEL_EXPRESSION_HINT): { activations: LayerActivation[]; paramError?: string } {
  const names = expandList(ids, MAX_LAYERS);
  const defs = names.map((n) => {
    const d = lookup(n);
    if (!d) throw new RangeError(`unknown activation '${n}'${looksLikeExpression(n, ids) ? `; ${expressionHint}` : ''}`);
    return d;
  });
  if (names.length !== 1 && names.length !== L) throw new RangeError(`give 1 activation or one per layer (${L}), got ${names.length}`);
  let entries: ReturnType<typeof parseParamText>;
  try {
    entries = paramText.trim() === '' ? [] : parseParamText(paramText);
  } catch (e) {
    return { activations: [], paramError: (e as Error).message };
  }
  const unique = [...new Set(defs)];
  const resolved = new Map<ActivationDef, LayerActivation>();
  try {
    for (const e of entries) {
      const targets = unique.filter((d) => (e.scope ? lookup(e.scope) === d : d.params.some((p) => p.name === e.name)));
      if (targets.length === 0) throw new RangeError(e.scope ? `'${e.scope}' is not an activation of this chain` : `no activation of this chain has parameter '${e.name}'`);
    }
    for (const d of unique) {
      const mine = Object.create(null) as Record<string, number>;
      for (const e of entries) if (e.scope ? lookup(e.scope) === d : d.params.some((p) => p.name === e.name)) mine[e.name] = e.value;
      resolved.set(d, { def: d, params: resolveParams(d, mine) });
    }
  } catch (e) {
    return { activations: [], paramError: (e as Error).message };
  }
  const per = defs.map((d) => resolved.get(d)!);
  return { activations: names.length === 1 ? new Array<LayerActivation>(L).fill(per[0]!) : per };
}

type Errors = Partial<Record<ChainField, string>>;

function field<T>(errors: Errors, name: ChainField, parse: () => T): T | undefined {
  try {
    return parse();
  } catch (e) {
    errors[name] = (e as Error).message;
    return undefined;
  }
}

function positive(text: string, what: string): number {
  const v = parseFinite(text);
  if (!(v > 0)) throw new RangeError(`${what} must be > 0, got ${v}`);
  return v;
}

function parseSteps(text: string, L: number): number | undefined {
  if (text.trim() === '') return undefined;
  const n = parseFinite(text);
  if (!Number.isInteger(n) || n < 1 || n > MAX_STEPS) throw new RangeError(`must be a whole number from 1 to ${MAX_STEPS}, got ${n}`);
  if (n * L > MAX_STEP_VALUES) throw new RangeError(`steps × layers must be at most ${MAX_STEP_VALUES.toLocaleString('en')} (${n} × ${L})`);
  return n;
}

/**
 * Validates every field; collects one message per bad field (messages say what is wrong,
 * the caller adds the field's label).
 * @param lookup activation look-up (the catalogue by default; user-defined ones later).
 * @param expressionHint see `resolveActivations`.
 */
export function parseChainForm(form: ChainForm, lookup: (id: string) => ActivationDef | undefined = getActivation, expressionHint = PANEL_EXPRESSION_HINT): ParseOutcome {
  const errors: Errors = {};
  const weights = field(errors, 'weights', () => parseFiniteList(form.weights));
  const biases = field(errors, 'biases', () => parseFiniteList(form.biases));
  if (weights && biases && weights.length !== biases.length) {
    errors.biases = `${biases.length} biases for ${weights.length} weights: give one bias per layer`;
  }
  const x = field(errors, 'input', () => parseFinite(form.input));
  const y = field(errors, 'target', () => parseFinite(form.target));
  const eta = field(errors, 'lr', () => positive(form.lr, 'the learning rate η'));
  const clipThreshold = form.clipMethod === 'none' ? 1 : field(errors, 'clipThreshold', () => positive(form.clipThreshold, 'the clipping threshold c'));
  const L = weights?.length ?? 1;
  const steps = field(errors, 'steps', () => parseSteps(form.steps, L));
  const acts = field(errors, 'activations', () => resolveActivations(form.activations, form.params, L, lookup, expressionHint));
  if (acts?.paramError) errors.params = acts.paramError;
  if (Object.keys(errors).length > 0 || !weights || !biases || x === undefined || y === undefined || eta === undefined || clipThreshold === undefined || !acts) {
    return { ok: false, errors };
  }
  const spec: ChainSpec = { weights, biases, x, y, activations: acts.activations };
  return { ok: true, value: { spec, eta, clip: { method: form.clipMethod, threshold: clipThreshold }, ...(steps !== undefined ? { steps } : {}) } };
}
