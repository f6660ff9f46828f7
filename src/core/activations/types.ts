/**
 * Types shared by every activation in the catalogue, by user-defined expressions and by
 * every consumer (explorer, gradient flow, training, hover, CLI). Pure: no vscode, no DOM.
 */

/** Parameter values by name, e.g. `{ alpha: 0.2 }`. Units: dimensionless reals. */
export type Params = Readonly<Record<string, number>>;

/** One tunable parameter of an activation. */
export interface ParamSpec {
  /** Name as used by Keras where one exists (`alpha`, `beta`, ...). */
  readonly name: string;
  /** Default value of *our* catalogue (the paper's, stated in `description`). */
  readonly default: number;
  /** Slider / validation range, inclusive. */
  readonly min: number;
  readonly max: number;
  readonly step: number;
  /** One line: what it does, in the field's terms. */
  readonly description: string;
}

/** How one library names and parameterises the activation. */
export interface LibraryConvention {
  readonly library: 'PyTorch' | 'Keras' | 'TensorFlow.js';
  /** The call, e.g. `torch.nn.LeakyReLU(negative_slope=0.01)`. */
  readonly api: string;
  /** Defaults and differences, one line, e.g. `negative_slope=0.01`. */
  readonly note: string;
}

/** A catalogue entry: closed-form f and f', LaTeX, provenance and conventions. */
export interface ActivationDef {
  /** Keras-style lowercase id, e.g. `leaky_relu`. */
  readonly id: string;
  /** Other accepted ids, e.g. `silu` for `swish`. */
  readonly aliases: readonly string[];
  /** Display name, e.g. `Leaky ReLU`. */
  readonly name: string;
  readonly params: readonly ParamSpec[];
  /** f(x; p). Must be finite wherever the true value is finite. */
  f(x: number, p: Params): number;
  /** f'(x; p) = df/dx. At kinks follows TensorFlow/PyTorch (see `kinkNote`). */
  df(x: number, p: Params): number;
  /** KaTeX source for f and f'. */
  readonly latex: { readonly f: string; readonly df: string };
  /** Plain-text formulas for hovers, e.g. `max(0, x)`. */
  readonly text: { readonly f: string; readonly df: string };
  /** Paper (authors, year, equation) or library the formula comes from. */
  readonly source: string;
  readonly conventions: readonly LibraryConvention[];
  readonly pros: readonly string[];
  readonly cons: readonly string[];
  /** Derivative convention at non-differentiable points, if any. */
  readonly kinkNote?: string;
  /** One line where the seed article is wrong about this function. */
  readonly seedCorrection?: string;
  /**
   * True when f'(z) = 0 on a whole half-line (ReLU family): a layer there is "dead"
   * and silences every gradient below it.
   */
  readonly canDie: boolean;
}
