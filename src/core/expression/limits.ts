/**
 * Limits of the expression feature that code without the compiler needs (host guards,
 * setting checks). Pure: no vscode, no DOM, no mathjs.
 */

/** Longest accepted expression, in UTF-16 code units (a formula from a paper fits easily). */
export const MAX_EXPRESSION_LENGTH_CHARS = 2000;
