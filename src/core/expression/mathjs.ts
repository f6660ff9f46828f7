/**
 * The one mathjs instance of the expression feature: only the parser, `derivative` and
 * `simplify` (and the node classes they need). It never evaluates a user's tree: values come
 * from our own evaluator (evaluate.ts) over a whitelisted copy of the tree (ast.ts).
 * Pure: no vscode, no DOM.
 */
import { create, derivativeDependencies, parseDependencies, simplifyDependencies } from 'mathjs';
import type { MathNode } from 'mathjs';

/** mathjs with parse, derivative and simplify only (tree-shaken; no `evaluate`, no `import`). */
export const math = create({ parseDependencies, derivativeDependencies, simplifyDependencies });

export type { MathNode };
