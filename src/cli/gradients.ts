import { getActivation } from '../core/activations/catalogue';
import { norm2, type ClipMethod } from '../core/gradient/clipping';
import { descentStep, runDescent } from '../core/gradient/descent';
import { parseChainForm, type ChainField, type ChainForm } from '../core/gradient/input';
import { DEFAULT_THRESHOLDS, judgeChain } from '../core/gradient/verdict';
import { parseArgs, quote, UsageError } from './args';
import { NON_FINITE_HELP, toJson } from './jsonOut';

const HELP = `Usage: activation-lab gradients (--activation <id> | --activations <id,id,...>)
  --weights=w1,...,wL --biases=b1,...,bL --input=x --target=y --lr=eta
  [--clip-value=c | --clip-norm=c | --clip-layer-norm=c] [--steps=N]
  [--param name=value ...] [--vanishing-below=g] [--exploding-above=g] [--json]
A chain of L single neurons (Nielsen ch. 5): z_j = w_j a_(j-1) + b_j, a_j = f_j(z_j), C = (a_L - y)^2.
Lists may use v*n for n copies of v (n a number; L <= 1000 layers). Activations are
catalogue ids ('activation-lab list'), not expressions. Clipping, in Keras's own terms:
  --clip-value=c       Keras clipvalue: each gradient component clipped to [-c, c]
  --clip-norm=c        Keras global_clipnorm (PyTorch clip_grad_norm_): all gradients scaled
                       together so that their global norm is at most c
  --clip-layer-norm=c  one norm per layer, over its (dC/dw_j, dC/db_j). Keras's clipnorm is
                       per variable: here each variable is one number, so clipnorm would be
                       clipvalue; grouping by layer shows the per-variable trap instead.
Numbers are decimal; an empty list entry (--weights=1,,2) is an error.
${NON_FINITE_HELP}
Each non-finite value in the report is also listed under "warnings".`;

const FLAG_OF: Readonly<Record<ChainField, string>> = {
  weights: '--weights', biases: '--biases', input: '--input', target: '--target', lr: '--lr',
  activations: '--activation(s)', params: '--param', clipMethod: '--clip-*', clipThreshold: '--clip-*', steps: '--steps',
};

/** Said after `unknown activation '<text>'` when the text is an expression, not an id. */
const CLI_EXPRESSION_HINT = "the gradients command takes catalogue ids (see 'activation-lab list')";

/** The activation option the user typed (`--activation` or `--activations`). */
function activationFlag(argv: readonly string[]): string {
  return argv.some((t) => t === '--activations' || t.startsWith('--activations=')) ? '--activations' : '--activation';
}

function clipOption(o: Map<string, string>): { method: ClipMethod; threshold: string } {
  const given = (['clip-value', 'clip-norm', 'clip-layer-norm'] as const).filter((k) => o.has(k));
  if (given.length > 1) throw new UsageError(`give at most one of --clip-value, --clip-norm, --clip-layer-norm (got ${given.map((g) => `--${g}`).join(', ')})`);
  const k = given[0];
  if (!k) return { method: 'none', threshold: '' };
  const method: ClipMethod = k === 'clip-value' ? 'value' : k === 'clip-norm' ? 'globalNorm' : 'layerNorm';
  return { method, threshold: o.get(k)! };
}

function requireOption(o: Map<string, string>, name: string): string {
  const v = o.get(name);
  if (v === undefined) throw new UsageError(`missing --${name}`);
  return v;
}

function thresholdOption(o: Map<string, string>, name: string, fallback: number): number {
  const t = o.get(name);
  if (t === undefined) return fallback;
  const v = t.trim() === '' ? NaN : Number(t);
  if (!(v > 0) || !Number.isFinite(v)) throw new UsageError(`--${name}: ${quote(t)} is not a finite number > 0`);
  return v;
}

/** Reads argv into the same form the panel uses. @throws UsageError on a bad command line. */
function formFromArgs(argv: readonly string[]): { form: ChainForm; json: boolean; thresholds: typeof DEFAULT_THRESHOLDS } {
  const valued = ['activation', 'activations', 'weights', 'biases', 'input', 'target', 'lr', 'clip-value', 'clip-norm', 'clip-layer-norm', 'steps', 'vanishing-below', 'exploding-above'];
  const a = parseArgs(argv, valued, ['json', 'help']);
  if (a.positionals.length > 0) throw new UsageError(`unexpected argument ${quote(a.positionals[0]!)}`);
  checkParamNames(a.params);
  const o = a.options;
  if (o.has('activation') && o.has('activations')) throw new UsageError('give --activation or --activations, not both');
  const activations = o.get('activation') ?? o.get('activations');
  if (activations === undefined) throw new UsageError('missing --activation <id> (or --activations <id,id,...>)');
  const clip = clipOption(o);
  const form: ChainForm = {
    weights: requireOption(o, 'weights'), biases: requireOption(o, 'biases'), input: requireOption(o, 'input'),
    target: requireOption(o, 'target'), lr: requireOption(o, 'lr'), activations,
    params: a.params.join(','), clipMethod: clip.method, clipThreshold: clip.threshold, steps: o.get('steps') ?? '',
  };
  const thresholds = { vanishingBelow: thresholdOption(o, 'vanishing-below', DEFAULT_THRESHOLDS.vanishingBelow), explodingAbove: thresholdOption(o, 'exploding-above', DEFAULT_THRESHOLDS.explodingAbove) };
  if (thresholds.vanishingBelow >= thresholds.explodingAbove) throw new UsageError('--vanishing-below must be smaller than --exploding-above');
  return { form, json: a.flags.has('json'), thresholds };
}

/**
 * Rejects a `--param` name given twice (`alpha=1 --param alpha=2`); names themselves are
 * checked by parseChainForm. @throws UsageError naming the repeated name.
 */
function checkParamNames(tokens: readonly string[]): void {
  const seen = new Set<string>();
  for (const t of tokens) {
    const name = t.slice(0, Math.max(0, t.indexOf('='))).trim();
    if (name !== '' && seen.has(name)) throw new UsageError(`--param: ${quote(name)} is given more than once`);
    seen.add(name);
  }
}

/** One line per non-finite value (first 10), e.g. `layers[3].a is not finite (Infinity)`. */
function nonFiniteWarnings(out: Record<string, unknown>): string[] {
  const w: string[] = [];
  if (!Number.isFinite(out.cost)) w.push(`cost is not finite (${String(out.cost)}: float64 overflow)`);
  (out.layers as Array<Record<string, number>>).forEach((l, j) => {
    for (const [k, v] of Object.entries(l)) if (!Number.isFinite(v)) w.push(`layers[${j}].${k} is not finite (${String(v)})`);
  });
  return w.length > 10 ? [...w.slice(0, 10), `... and ${w.length - 10} more non-finite values`] : w;
}

/** Builds the issue's JSON report for one parsed problem. */
function report(argv: readonly string[]): { out: Record<string, unknown>; json: boolean } {
  const { form, json, thresholds } = formFromArgs(argv);
  const parsed = parseChainForm(form, getActivation, CLI_EXPRESSION_HINT);
  if (!parsed.ok) {
    const [field, msg] = Object.entries(parsed.errors)[0]!;
    throw new UsageError(`${field === 'activations' ? activationFlag(argv) : FLAG_OF[field as ChainField]}: ${msg}`);
  }
  const { spec, eta, clip, steps } = parsed.value;
  const step = descentStep(spec, eta, clip);
  const g = step.gradients;
  const verdict = judgeChain(g, spec.activations, thresholds);
  const out: Record<string, unknown> = {
    cost: g.cost,
    gradientNorm: norm2(g.layers.flatMap((l) => [l.dCdw, l.dCdb])),
    layers: g.layers.map((l, j) => ({
      z: l.z, a: l.a, dadz: l.dadz, dCdb: l.dCdb, dCdw: l.dCdw,
      w: l.w, b: l.b, wNext: step.wNext[j]!, bNext: step.bNext[j]!,
    })),
    verdict: {
      overall: verdict.overall,
      layers: verdict.layers.map((l) => l.verdict),
      log10Gain: verdict.layers.map((l) => l.log10Gain),
      deadLayers: verdict.deadLayers,
      thresholds: verdict.thresholds,
    },
    clipping: { method: clip.method, threshold: clip.method === 'none' ? null : clip.threshold, globalNormBefore: step.clip.globalNormBefore, globalNormAfter: step.clip.globalNormAfter, cosine: step.clip.cosine },
  };
  const warnings = nonFiniteWarnings(out);
  if (warnings.length > 0) out.warnings = warnings;
  if (steps !== undefined) {
    const h = runDescent(spec, eta, clip, steps);
    out.steps = { requested: steps, completed: h.completed, cost: h.cost, weights: h.weights.at(-1), biases: h.biases.at(-1), stopped: h.stopped ?? null };
  }
  return { out, json };
}

const HEADERS = ['j', 'z', 'a', "f'(z)", 'dC/db', 'dC/dw', "w'", "b'", 'verdict'];

/**
 * The text report: a summary line, then one row per layer with columns right-aligned to
 * the widest cell (numbers to 6 significant digits), separated by two spaces, so no two
 * values ever touch (`-0.00000601385` is 14 characters).
 */
function text(out: Record<string, unknown>): string {
  const v = out.verdict as { overall: string; layers: string[] };
  const layers = out.layers as Array<Record<string, number>>;
  const fmt = (x: number): string => (Number.isFinite(x) ? x.toPrecision(6) : String(x));
  const cells = layers.map((l, j) => [String(j + 1), ...[l.z!, l.a!, l.dadz!, l.dCdb!, l.dCdw!, l.wNext!, l.bNext!].map(fmt), v.layers[j] ?? '']);
  const table = [HEADERS, ...cells];
  const widths = HEADERS.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
  const line = (r: readonly string[]): string => r.map((s, c) => (c === r.length - 1 ? s.padEnd(widths[c]!) : s.padStart(widths[c]!))).join('  ').trimEnd();
  const st = out.steps as { completed: number; cost: number[]; stopped: string | null } | undefined;
  const steps = st ? [st.stopped ?? `${st.completed} steps: cost ${st.cost[0]} -> ${st.cost.at(-1)}`] : [];
  return [`cost ${out.cost}  gradient norm ${out.gradientNorm}  verdict ${v.overall}`, ...table.map(line), ...steps].join('\n');
}

/** `activation-lab gradients ...`: the issue's JSON (with --json) or a table. */
export async function runGradients(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  const { out, json } = report(argv);
  process.stdout.write((json ? toJson(out, 2) : text(out)) + '\n');
  return 0;
}
