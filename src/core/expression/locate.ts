/**
 * Source positions for a mathjs parse tree. mathjs nodes carry no positions, so we lex the
 * source ourselves into atoms (names, numbers, quoted strings) and hand them out in source
 * order while the tree is walked in pre-order (which for mathjs' expression grammar is also
 * source order). Offsets are UTF-16 code units, like a textarea's selection.
 * Pure: no vscode, no DOM.
 */

/** A half-open source range [start, end) in UTF-16 code units. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

interface Atom extends Span {
  readonly kind: 'name' | 'number' | 'string';
  readonly text: string;
}

const NAME_START = /[\p{L}_$]/u;
const NAME_PART = /[\p{L}\p{N}_$]/u;
const NUMBER = /^(?:0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/;

/** Splits `source` into atoms; every other character is punctuation and is skipped. */
function lex(source: string): Atom[] {
  const atoms: Atom[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    const num = /[\d.]/.test(ch) ? NUMBER.exec(source.slice(i, i + 400)) : null;
    if (num) {
      atoms.push({ kind: 'number', text: num[0], start: i, end: i + num[0].length });
      i += num[0].length;
    } else if (NAME_START.test(ch) || (ch >= '\ud800' && ch <= '\udbff')) {
      let j = i + 1;
      while (j < source.length && (NAME_PART.test(source[j]!) || (source[j]! >= '\udc00' && source[j]! <= '\udfff'))) j++;
      atoms.push({ kind: 'name', text: source.slice(i, j), start: i, end: j });
      i = j;
    } else if (ch === '"') {
      const close = source.indexOf('"', i + 1);
      const j = close < 0 ? source.length : close + 1;
      atoms.push({ kind: 'string', text: source.slice(i, j), start: i, end: j });
      i = j;
    } else {
      i++;
    }
  }
  return atoms;
}

/** Hands out atom positions in source order; see the file comment. */
export class Locator {
  private readonly atoms: Atom[];
  private next = 0;
  /** End of the last atom handed out: where a search for punctuation starts. */
  private pos = 0;

  constructor(readonly source: string) {
    this.atoms = lex(source);
  }

  /** The next name atom spelled `name` (skipping keywords such as `and`). */
  name(name: string): Span {
    return this.take((a) => a.kind === 'name' && a.text === name);
  }

  /** The next number atom. */
  number(): Span {
    return this.take((a) => a.kind === 'number');
  }

  /** The next string atom. */
  string(): Span {
    return this.take((a) => a.kind === 'string');
  }

  /** The first of `chars` at or after the current position (one character wide). */
  punctuation(chars: string): Span {
    for (let i = this.pos; i < this.source.length; i++) {
      if (chars.includes(this.source[i]!)) return { start: i, end: i + 1 };
    }
    return this.fallback();
  }

  /** Widens `inner` to the `open`/`close` pair around it (skipping whitespace), if present. */
  wrap(inner: Span, open: string, close: string): Span {
    let s = inner.start - 1;
    while (s >= 0 && /\s/.test(this.source[s]!)) s--;
    let e = inner.end;
    while (e < this.source.length && /\s/.test(this.source[e]!)) e++;
    const start = s >= 0 && this.source[s] === open ? s : inner.start;
    const end = this.source[e] === close ? e + 1 : inner.end;
    if (end > this.pos) this.pos = end;
    return { start, end };
  }

  /** Extends `operand` leftwards over a unary `-`/`+` sign just before it. */
  sign(operand: Span): Span {
    let s = operand.start - 1;
    while (s >= 0 && /\s/.test(this.source[s]!)) s--;
    return s >= 0 && '+-'.includes(this.source[s]!) ? { start: s, end: operand.end } : operand;
  }

  private take(match: (a: Atom) => boolean): Span {
    for (let i = this.next; i < this.atoms.length; i++) {
      const a = this.atoms[i]!;
      if (match(a)) {
        this.next = i + 1;
        this.pos = a.end;
        return { start: a.start, end: a.end };
      }
    }
    return this.fallback();
  }

  private fallback(): Span {
    const start = Math.min(this.pos, Math.max(0, this.source.length - 1));
    return { start, end: Math.min(start + 1, this.source.length) };
  }
}

/** The smallest span covering `a` and `b`. */
export function union(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}
