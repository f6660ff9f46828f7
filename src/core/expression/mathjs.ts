/**
 * The one mathjs instance of the expression feature: only the parser and `derivative` (and
 * the node classes they need; `simplify` is not used: see tidy.ts). It never evaluates a user's tree: values come
 * from our own evaluator (evaluate.ts) over a whitelisted copy of the tree (ast.ts).
 * Pure: no vscode, no DOM.
 */
import { create, derivativeDependencies, parseDependencies } from 'mathjs';
import type { MathNode } from 'mathjs';

/** mathjs with parse and derivative only (tree-shaken; no `evaluate`). */
// mathjs types each `*Dependencies` as a field of a Record, so the compiler cannot see that they exist.
export const math = create({ parseDependencies: parseDependencies!, derivativeDependencies: derivativeDependencies! });

export type { MathNode };
