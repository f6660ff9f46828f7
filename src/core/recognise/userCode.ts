/**
 * Names the file itself gives to activations: functions it defines after one
 * (`function gelu(x) {...}`, `def swish(x):`) and library names it imports bare
 * (`from torch.nn import GELU`, `import { relu } from '@tensorflow/tfjs'`). Pure.
 */
import { getActivation } from '../activations/catalogue';
import { readCallArgs } from './callArgs';
import type { LanguageFamily } from './lexical';
import { KERAS_ACTIVATIONS, TFJS_ACTIVATIONS } from './libraryTable';
import { readSignatureDefaults, type ParamResult } from './params';

/** Words too common as ordinary function names to be taken for an activation. */
const NOT_AS_USER_NAME = new Set(['linear', 'softmax']);

function escapeRe(s: string): string {
  return s.replace(/[$]/g, '\\$');
}

function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/**
 * The activation id a bare word names (`gelu`, `leakyRelu`, `SiLU`, `hard_sigmoid`), via
 * the Keras and tfjs activation names and the catalogue's ids and aliases.
 * @returns the id, or `undefined` when the word is not an activation's name.
 */
export function wordActivationId(word: string): string | undefined {
  const snake = word.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  const lower = word.toLowerCase();
  for (const k of [snake, lower]) {
    const r = own(KERAS_ACTIVATIONS, k);
    if (r) return r.id;
  }
  return own(TFJS_ACTIVATIONS, word)?.id ?? getActivation(snake)?.id ?? getActivation(lower)?.id;
}

/** A bare name imported from a library module: `{ module: 'torch.nn', original: 'GELU' }`. */
export interface ImportedName {
  readonly module: string;
  readonly original: string;
}

function findAlias(list: string, name: string, sep: RegExp): string | undefined {
  for (const part of list.split(',')) {
    const [orig, alias] = part.trim().split(sep).map((s) => s.trim());
    if (orig && (alias ?? orig) === name) return orig;
  }
  return undefined;
}

/** Where `name` was imported from, if an import statement of a known library names it. */
export function importedName(text: string, name: string, family: LanguageFamily): ImportedName | undefined {
  if (family === 'py') {
    const re = /^[ \t]*from[ \t]+([\w.]+)[ \t]+import[ \t]+(\([^)]*\)|[^\n#]+)/gm;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const original = findAlias(m[2]!.replace(/[()\\\n]/g, ' '), name, /\s+as\s+/);
      if (original) return { module: m[1]!, original };
    }
    return undefined;
  }
  const re = /\bimport\s*\{([^}]*)\}\s*from\s*['"]@tensorflow\/tfjs(?:-core|-node|-node-gpu)?['"]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const original = findAlias(m[1]!, name, /\s+as\s+/);
    if (original) return { module: 'tf', original };
  }
  return undefined;
}

/** A function the file defines under an activation's name, with literal defaults read. */
export interface UserDefinition {
  /** The definition's first line up to its parameter list, e.g. `def swish(x)`. */
  readonly signature: string;
  readonly result: ParamResult;
}

function definitionPatterns(name: string, family: LanguageFamily): RegExp[] {
  const n = escapeRe(name);
  if (family === 'py') return [new RegExp(`^[ \\t]*(?:async[ \\t]+)?def[ \\t]+${n}[ \\t]*(?=\\()`, 'm')];
  return [
    new RegExp(`\\bfunction\\s*\\*?\\s*${n}\\s*(?=\\()`),
    new RegExp(`\\b(?:const|let|var)\\s+${n}\\s*(?::[^=\\n]+)?=\\s*(?:async\\s*)?(?:function\\b[^(]*)?(?=\\()`),
    new RegExp(`\\b(?:const|let|var)\\s+${n}\\s*=\\s*(?:async\\s+)?[A-Za-z_$][\\w$]*\\s*=>`),
  ];
}

/**
 * The definition of `name` in `text` when `name` is an activation's name, else `undefined`.
 * Parameters come from literal defaults in the signature (`def leaky_relu(x, alpha=0.1)`)
 * when the catalogue entry has a parameter of that name.
 */
export function userDefinition(text: string, name: string, family: LanguageFamily): UserDefinition | undefined {
  if (NOT_AS_USER_NAME.has(name.toLowerCase())) return undefined;
  const id = wordActivationId(name);
  if (!id) return undefined;
  for (const re of definitionPatterns(name, family)) {
    const m = re.exec(text);
    if (!m) continue;
    const after = m.index + m[0].length;
    const args = text[after] === '(' ? readCallArgs(text, after) : undefined;
    const head = text.slice(m.index, args?.end ?? after).replace(/\s+/g, ' ').trim();
    const known = getActivation(id)?.params.map((p) => p.name) ?? [];
    return { signature: head.length > 80 ? `${head.slice(0, 77)}...` : head, result: readSignatureDefaults(id, args, known) };
  }
  return undefined;
}
