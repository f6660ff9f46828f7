/** Tiny DOM builder shared by the webview pages (text is always set as text, never as HTML). */

/** A child of {@link h}: nodes as they are, strings as text nodes; false/null/undefined skipped. */
export type Child = Node | string | false | null | undefined;

/**
 * Creates `<tag>` with attributes (`class`, `for`, `aria-*`, ... set with setAttribute;
 * `true` as an empty attribute, `false`/undefined values skipped) and children.
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
