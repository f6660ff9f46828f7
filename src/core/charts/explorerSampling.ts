/**
 * Samples an activation f and its derivative f' over an x-range for the Activation
 * Explorer chart. Pure: no DOM, no vscode. Works for any {@link ActivationDef}, catalogue
 * or user-defined, because kinks (jumps of f or f') are located numerically rather than
 * read from the definition.
 */
import type { ActivationDef, Params } from '../activations/types';

/** A closed x-interval, `min < max`, both finite. */
export interface XRange {
  readonly min: number;
  readonly max: number;
}

/** One continuous piece of a sampled curve (a polyline without jumps or non-finite values). */
export type Polyline = Array<{ readonly x: number; readonly y: number }>;

/** A point where a sampled function jumps (f' at a ReLU-style kink, or f itself). */
export interface Jump {
  /** Location, snapped to 10 significant digits when that lies within the bracket. */
  readonly x: number;
  /** One-sided limits, approximated at x -/+ 1e-9 * max(1, |x|). */
  readonly left: number;
  readonly right: number;
  /** The value the definition returns exactly at x (the library convention, e.g. ReLU'(0) = 0). */
  readonly at: number;
}

/** f and f' of one activation on one grid: pieces between jumps and the jumps themselves. */
export interface SampledCurve {
  readonly f: Polyline[];
  readonly df: Polyline[];
  readonly fJumps: Jump[];
  readonly dfJumps: Jump[];
  /** The uniform grid used (length = requested sample count). */
  readonly grid: Float64Array;
}

/**
 * `n` equally spaced points from `range.min` to `range.max`, both ends exact.
 * @throws RangeError when n < 2 or the range is not finite and increasing.
 */
export function linspace(range: XRange, n: number): Float64Array {
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`sample count must be an integer >= 2, got ${n}`);
  if (!(Number.isFinite(range.min) && Number.isFinite(range.max) && range.min < range.max)) {
    throw new RangeError(`x-range must be finite with min < max, got [${range.min}, ${range.max}]`);
  }
  const out = new Float64Array(n);
  const span = range.max - range.min;
  for (let i = 0; i < n; i++) out[i] = range.min + (span * i) / (n - 1);
  out[n - 1] = range.max;
  return out;
}

/** 0, or else the shortest decimal (<= 10 significant digits) inside [a, b], else the midpoint. */
function snap(a: number, b: number): number {
  if (a <= 0 && b >= 0) return 0;
  for (let digits = 1; digits <= 10; digits++) {
    const c = Number(((a + b) / 2).toPrecision(digits));
    if (c >= a && c <= b) return c;
  }
  return (a + b) / 2;
}

/**
 * Locates a jump of `g` inside [a, b] by bisection (keeping the half where g changes
 * more); returns the bracket if the change does not shrink with the bracket (a jump),
 * or undefined if it does (a steep but continuous stretch).
 */
function bisectJump(g: (x: number) => number, a: number, b: number): [number, number] | undefined {
  let ga = g(a);
  let gb = g(b);
  const initial = Math.abs(gb - ga);
  const tol = (b - a) * 1e-10;
  while (b - a > tol) {
    const m = a + (b - a) / 2;
    if (m <= a || m >= b) break;
    const gm = g(m);
    if (Math.abs(gm - ga) >= Math.abs(gb - gm)) { b = m; gb = gm; } else { a = m; ga = gm; }
  }
  return Math.abs(gb - ga) > 0.25 * initial ? [a, b] : undefined;
}

/**
 * Jumps of `g` on the grid: an interval is a candidate when its change is more than twice
 * each neighbour's (a continuous g changes by ~g'h per step, so neighbours are alike) and
 * above a noise floor; bisection then confirms it. Cost: O(n) calls plus ~35 per candidate.
 */
export function findJumps(g: (x: number) => number, grid: Float64Array): Jump[] {
  const n = grid.length;
  const v = Array.from(grid, (x) => g(x));
  const d = new Float64Array(n - 1);
  let scale = 0;
  for (const x of v) if (Number.isFinite(x)) scale = Math.max(scale, Math.abs(x));
  for (let i = 0; i < n - 1; i++) d[i] = Number.isFinite(v[i]) && Number.isFinite(v[i + 1]) ? Math.abs(v[i + 1]! - v[i]!) : 0;
  const floor = 1e-9 * Math.max(1, scale);
  const jumps: Jump[] = [];
  for (let i = 0; i < n - 1; i++) {
    const di = d[i]!;
    const prev = i > 0 ? d[i - 1]! : 0;
    const next = i < n - 2 ? d[i + 1]! : 0;
    if (!(di > floor && di > 2 * prev && di > 2 * next)) continue;
    const bracket = bisectJump(g, grid[i]!, grid[i + 1]!);
    if (!bracket) continue;
    const x = snap(bracket[0], bracket[1]);
    const delta = 1e-9 * Math.max(1, Math.abs(x));
    jumps.push({ x, left: g(x - delta), right: g(x + delta), at: g(x) });
  }
  return jumps;
}

/**
 * Splits samples of g into polylines: a new piece starts after every jump (the last
 * point of a piece is the left limit, the first of the next the right limit) and around
 * every non-finite value, which is dropped. `xs` must be sorted and contain every jump x.
 */
function pieces(g: (x: number) => number, xs: readonly number[], jumps: readonly Jump[]): Polyline[] {
  const byX = new Map(jumps.map((j) => [j.x, j]));
  const out: Polyline[] = [];
  let cur: Polyline = [];
  const flush = () => { if (cur.length) out.push(cur); cur = []; };
  for (const x of xs) {
    const j = byX.get(x);
    if (j) {
      if (Number.isFinite(j.left)) cur.push({ x, y: j.left });
      flush();
      if (Number.isFinite(j.right)) cur.push({ x, y: j.right });
      continue;
    }
    const y = g(x);
    if (Number.isFinite(y)) cur.push({ x, y });
    else flush();
  }
  flush();
  return out;
}

/**
 * Samples f and f' of `def` with `params` on `n` uniform points of `range`, plus every
 * located kink (so corners are drawn sharp) and jump (so lines break there).
 * @throws RangeError from {@link linspace} for a bad range or count.
 */
export function sampleCurve(def: ActivationDef, params: Params, range: XRange, n: number): SampledCurve {
  const grid = linspace(range, n);
  const f = (x: number) => def.f(x, params);
  const df = (x: number) => def.df(x, params);
  const fJumps = findJumps(f, grid);
  const dfJumps = findJumps(df, grid);
  const extra = [...fJumps, ...dfJumps].map((j) => j.x);
  const xs = [...new Set([...grid, ...extra])].sort((a, b) => a - b);
  return { f: pieces(f, xs, fJumps), df: pieces(df, xs, dfJumps), fJumps, dfJumps, grid };
}

/**
 * Ramer-Douglas-Peucker simplification (Ramer 1972; Douglas & Peucker 1973): drops the
 * vertices whose removal moves the polyline by at most `eps`, measured after scaling x by
 * 1/`sx` and y by 1/`sy` (so `eps` is a fraction of the plot's width and height). Corners
 * and both ends are kept; straight runs collapse to their ends. O(n log n) typical.
 * With eps = 1e-4 a 1000-point curve drawn 500 px tall is off by at most 0.05 px.
 */
export function simplify(poly: Polyline, sx: number, sy: number, eps: number): Polyline {
  const keep = simplifyMask(poly, sx, sy, eps);
  return poly.filter((_, i) => keep[i]);
}

/** The vertices {@link simplify} keeps, as a 0/1 mask over `poly` (callers may add more). */
export function simplifyMask(poly: Polyline, sx: number, sy: number, eps: number): Uint8Array {
  const n = poly.length;
  const keep = new Uint8Array(n);
  if (n <= 2 || !(eps > 0)) return keep.fill(1);
  keep[0] = keep[n - 1] = 1;
  const stack: Array<[number, number]> = [[0, n - 1]];
  while (stack.length) {
    const [a, b] = stack.pop()!;
    const ax = poly[a]!.x / sx, ay = poly[a]!.y / sy;
    const dx = poly[b]!.x / sx - ax, dy = poly[b]!.y / sy - ay;
    const len = Math.hypot(dx, dy) || 1;
    let worst = -1;
    let far = eps;
    for (let i = a + 1; i < b; i++) {
      const d = Math.abs((poly[i]!.x / sx - ax) * dy - (poly[i]!.y / sy - ay) * dx) / len;
      if (d > far) { far = d; worst = i; }
    }
    if (worst < 0) continue;
    keep[worst] = 1;
    stack.push([a, worst], [worst, b]);
  }
  return keep;
}
