/** Tiny DOM builder for the explorer page (text is always set as text, never as HTML). */

type Child = Node | string | false | null | undefined;

/**
 * Creates `<tag>` with attributes (`class`, `for`, `aria-*`, ... set with setAttribute;
 * `false`/undefined values skipped) and children (strings become text nodes).
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c) e.append(c);
  return e;
}

/** Short display of a number for read-outs: up to 4 significant digits, no trailing zeros. */
export function fmt(v: number): string {
  return Number(v.toPrecision(4)).toString();
}
