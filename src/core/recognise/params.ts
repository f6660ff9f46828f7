/**
 * Turns the arguments written in a call into activation parameters: literal values where
 * the code has them, otherwise the default of the library that was called. Pure.
 */
import type { ArgValue, CallArgs } from './callArgs';
import type { CallRule, Library, ParamRule } from './libraryTable';

/** How one parameter got its value. */
export interface ParamReading {
  /** The library's parameter name, e.g. `negative_slope`. */
  readonly lib: string;
  /** The catalogue parameter it sets (`alpha`), absent for variant selectors. */
  readonly ours?: string;
  readonly value: number | string | boolean;
  /** `code`: a literal in the call; `default`: the library's default. */
  readonly from: 'code' | 'default';
}

/** Parameters of one match: catalogue values, how each was read, and the resolved id. */
export interface ParamResult {
  readonly id: string;
  readonly params: Readonly<Record<string, number>>;
  readonly readings: readonly ParamReading[];
  readonly notes: readonly string[];
}

function argFor(rule: ParamRule, args: CallArgs | undefined): ArgValue | undefined {
  if (!args) return undefined;
  for (const name of [rule.lib, ...(rule.alt ?? [])]) {
    const v = args.keyword.get(name);
    if (v) return v;
  }
  return rule.pos === undefined ? undefined : args.positional[rule.pos];
}

function literal(v: ArgValue): number | string | boolean | undefined {
  return v.kind === 'number' || v.kind === 'string' || v.kind === 'bool' ? v.value : undefined;
}

function show(v: number | string | boolean): string {
  return typeof v === 'string' ? `'${v}'` : String(v);
}

/**
 * Reads every parameter of `rule` from `args` (which may be absent: a reference such as
 * `F.silu` without a call). Non-literal arguments (`negative_slope=slope`) fall back to the
 * library default with a note saying so.
 */
export function readParams(rule: CallRule, args: CallArgs | undefined, library: Library): ParamResult {
  let id = rule.id;
  const params: Record<string, number> = {};
  const readings: ParamReading[] = [];
  const notes: string[] = rule.note ? [rule.note] : [];
  for (const p of rule.params ?? []) {
    const arg = argFor(p, args);
    const lit = arg ? literal(arg) : undefined;
    const wrongType = lit !== undefined && typeof lit !== typeof p.def;
    const useCode = lit !== undefined && !wrongType;
    const value = useCode ? lit : p.def;
    if (arg && !useCode && arg.kind !== 'none') {
      const src = arg.kind === 'expr' ? arg.raw : show(literal(arg)!);
      notes.push(`${p.lib} = \`${src.slice(0, 40)}\` is not a literal of the expected type; showing the ${library} default ${show(p.def)}.`);
    }
    readings.push({ lib: p.lib, ...(p.ours ? { ours: p.ours } : {}), value, from: useCode ? 'code' : 'default' });
    if (p.ours && typeof value === 'number') params[p.ours] = value;
    if (p.selects) {
      const picked = p.selects[String(value).toLowerCase()];
      if (picked) id = picked;
      else notes.push(`${p.lib} = ${show(value)} is not a value ${library} accepts; showing ${id}.`);
    }
  }
  return { id, params, readings, notes };
}

/**
 * Parameters of a user-defined function from its signature's literal defaults, e.g.
 * `def leaky_relu(x, alpha=0.1)`: only names the catalogue entry has (`known`).
 */
export function readSignatureDefaults(id: string, args: CallArgs | undefined, known: readonly string[]): ParamResult {
  const params: Record<string, number> = {};
  const readings: ParamReading[] = [];
  for (const name of known) {
    const v = args?.keyword.get(name);
    if (v?.kind === 'number') {
      params[name] = v.value;
      readings.push({ lib: name, ours: name, value: v.value, from: 'code' });
    }
  }
  return { id, params, readings, notes: ['Named like this activation: the formula and plot are the catalogue\'s, not read from your function\'s body.'] };
}
