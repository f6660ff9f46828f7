/**
 * Validation of user parameter rows (`a = 0.5`) for expressions. Pure: no vscode, no DOM.
 */
import { getActivation } from '../activations/catalogue';
import { ExpressionFault, type ExpressionError } from './ast';
import { CONSTANTS, FORBIDDEN_NAMES, MATH_FUNCTIONS } from './functions';

/** An identifier as mathjs reads one (letters incl. Greek, digits after the first, `_`). */
export const PARAM_NAME = /^[\p{L}_][\p{L}\p{N}_]*$/u;

/** mathjs keywords and literals that cannot be names. */
const KEYWORDS = new Set(['and', 'or', 'xor', 'not', 'mod', 'to', 'in', 'true', 'false', 'null', 'undefined', 'NaN', 'Infinity', 'end']);

/** A parameter-row error: carries the row name, no position in the expression. */
export class ParamFault extends ExpressionFault {
  constructor(message: string, readonly param: string) {
    super(message, { start: 0, end: 0 });
  }
  override toError(): ExpressionError {
    return { ...super.toError(), param: this.param };
  }
}

/** Why `name` cannot be a parameter name, or undefined when it can. */
export function paramNameProblem(name: string): string | undefined {
  if (!PARAM_NAME.test(name) || name.length > 32) return `'${name}' is not a parameter name: use letters, digits and _ (e.g. a, alpha, beta_1)`;
  if (name === 'x') return "'x' is the input, not a parameter";
  if (FORBIDDEN_NAMES.has(name) || name.startsWith('__') || KEYWORDS.has(name)) return `'${name}' is a reserved word`;
  if (CONSTANTS.has(name) || MATH_FUNCTIONS.has(name) || getActivation(name)) return `'${name}' is already a constant or function`;
  return undefined;
}

/**
 * Checks parameter rows: at most 16, valid names, finite values.
 * @returns the values by name, in the given order.
 * @throws ParamFault naming the bad row.
 */
export function checkParams(params: Readonly<Record<string, number>>): Map<string, number> {
  if (typeof params !== 'object' || params === null) throw new ParamFault('Parameters must be name = value rows', '');
  const names = Object.keys(params);
  if (names.length > 16) throw new ParamFault('At most 16 parameters', names[16]!);
  const out = new Map<string, number>();
  for (const name of names) {
    const problem = paramNameProblem(name);
    if (problem) throw new ParamFault(problem, name);
    const v = params[name];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new ParamFault(`Parameter '${name}' must be a finite number, got ${String(v)}`, name);
    out.set(name, v);
  }
  return out;
}

/**
 * Parses parameter text as typed in an input box: `a = 0.5, b = 1` (commas or semicolons).
 * Names are checked later by `checkParams`.
 * @throws Error naming the part that is not `name = finite number`.
 */
export function parseParamText(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of text.split(/[,;]/).map((s) => s.trim()).filter(Boolean)) {
    const m = /^([^=\s]+)\s*=\s*(\S+)$/.exec(part);
    const v = m && m[2]!.trim() !== '' ? Number(m[2]) : NaN;
    if (!m || !Number.isFinite(v)) throw new Error(`'${part}' is not name = number`);
    Object.defineProperty(out, m[1]!, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
