/**
 * Lexical regions of a source file: where its comments and string literals are. The
 * recogniser needs only this much syntax to tell `activation: 'relu'` (a string that is an
 * activation argument) from `# relu is nice` (a comment) or `"relu"` in a log message.
 * Pure: no vscode. Linear in the text length.
 */

/** Language families the recogniser understands. */
export type LanguageFamily = 'js' | 'py';

/** One comment or string literal; offsets are UTF-16 indices, `end` exclusive. */
export interface Region {
  readonly kind: 'comment' | 'string';
  readonly start: number;
  readonly end: number;
  /** For strings: offset of the first character of the contents (after prefix and quotes). */
  readonly contentStart: number;
  /** For strings: offset just past the last character of the contents. */
  readonly contentEnd: number;
}

/** Maps a VS Code language id to a family, or `undefined` for languages we do not read. */
export function languageFamily(languageId: string): LanguageFamily | undefined {
  switch (languageId) {
    case 'typescript':
    case 'javascript':
    case 'typescriptreact':
    case 'javascriptreact':
      return 'js';
    case 'python':
      return 'py';
    default:
      return undefined;
  }
}

/** Scans to the closing `quote` (honouring backslash escapes); returns the index past it. */
function closeQuote(text: string, i: number, quote: string, multiline: boolean): number {
  const n = text.length;
  while (i < n) {
    if (text.startsWith(quote, i)) return i + quote.length;
    const c = text[i]!;
    if (c === '\\') i += 2;
    else if (c === '\n' && !multiline) return i;
    else i++;
  }
  return n;
}

/** True when a `/` at this point starts a JS regex literal (previous token is not a value). */
function regexAllowed(text: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && /\s/.test(text[j]!)) j--;
  if (j < 0) return true;
  if ('(,=:[!&|?{};+-*%<>~^'.includes(text[j]!)) return true;
  return /\b(return|typeof|case|do|else|in|of|void|yield|await)$/.test(text.slice(Math.max(0, j - 9), j + 1));
}

function scanJs(text: string): Region[] {
  const out: Region[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i]!;
    if (c === '/' && text[i + 1] === '/') {
      const e = text.indexOf('\n', i);
      const end = e < 0 ? n : e;
      out.push({ kind: 'comment', start: i, end, contentStart: i + 2, contentEnd: end });
      i = end;
    } else if (c === '/' && text[i + 1] === '*') {
      const e = text.indexOf('*/', i + 2);
      const end = e < 0 ? n : e + 2;
      out.push({ kind: 'comment', start: i, end, contentStart: i + 2, contentEnd: e < 0 ? n : e });
      i = end;
    } else if (c === '"' || c === "'" || c === '`') {
      const end = closeQuote(text, i + 1, c, c === '`');
      const closed = text[end - 1] === c && end - 1 > i;
      out.push({ kind: 'string', start: i, end, contentStart: i + 1, contentEnd: closed ? end - 1 : end });
      i = end;
    } else if (c === '/' && regexAllowed(text, i)) {
      i = skipRegex(text, i + 1);
    } else {
      i++;
    }
  }
  return out;
}

/** Skips a regex literal body (character classes may contain `/`); stops at a newline. */
function skipRegex(text: string, i: number): number {
  let inClass = false;
  while (i < text.length && text[i] !== '\n') {
    const c = text[i]!;
    if (c === '\\') i += 2;
    else {
      if (c === '[') inClass = true;
      else if (c === ']') inClass = false;
      else if (c === '/' && !inClass) return i + 1;
      i++;
    }
  }
  return i;
}

const PY_PREFIX = /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])?("""|'''|"|')/;

function scanPy(text: string): Region[] {
  const out: Region[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i]!;
    if (c === '#') {
      const e = text.indexOf('\n', i);
      const end = e < 0 ? n : e;
      out.push({ kind: 'comment', start: i, end, contentStart: i + 1, contentEnd: end });
      i = end;
      continue;
    }
    const prevWord = i > 0 && /[\w]/.test(text[i - 1]!);
    const m = !prevWord && /[rRbBuUfF"']/.test(c) ? PY_PREFIX.exec(text.slice(i, i + 5)) : null;
    if (m) {
      const q = m[1]!;
      const contentStart = i + m[0].length;
      const end = closeQuote(text, contentStart, q, q.length === 3);
      const closed = text.startsWith(q, end - q.length) && end - q.length >= contentStart;
      out.push({ kind: 'string', start: i, end, contentStart, contentEnd: closed ? end - q.length : end });
      i = end;
    } else {
      i++;
    }
  }
  return out;
}

/** All comments and string literals of `text`, sorted by `start`, non-overlapping. */
export function scanRegions(text: string, family: LanguageFamily): Region[] {
  return family === 'js' ? scanJs(text) : scanPy(text);
}

/** The region containing `offset` (start inclusive, end exclusive), by binary search. */
export function regionAt(regions: readonly Region[], offset: number): Region | undefined {
  let lo = 0;
  let hi = regions.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = regions[mid]!;
    if (offset < r.start) hi = mid - 1;
    else if (offset >= r.end) lo = mid + 1;
    else return r;
  }
  return undefined;
}
