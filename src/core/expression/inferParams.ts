/**
 * Guessing the parameters of a freshly typed expression: every name that is not x, a
 * constant or a function is taken as a parameter (value 1), so a form can ask for its value.
 * Pure: no vscode, no DOM.
 */
import { compileUserActivation } from './compile';
import { paramNameProblem } from './params';

/**
 * Parameter names of `source` with value 1 each (or the value in `known`), in order of first
 * use; stops at 16 names or at the first error that is not an unknown name.
 */
export function inferParams(source: string, known: Readonly<Record<string, number>> = {}): Record<string, number> {
  const params: Record<string, number> = {};
  for (let i = 0; i < 16; i++) {
    const r = compileUserActivation(source, params);
    if (r.ok || !r.error.message.startsWith('Unknown name')) break;
    const name = source.slice(r.error.start, r.error.end);
    if (paramNameProblem(name)) break;
    params[name] = Object.prototype.hasOwnProperty.call(known, name) ? known[name]! : 1;
  }
  return params;
}
