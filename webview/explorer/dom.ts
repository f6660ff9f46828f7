/** Number formatting for the explorer page (the DOM builder is webview/shared/dom.ts). */

/** Short display of a number for read-outs: up to 4 significant digits, no trailing zeros. */
export function fmt(v: number): string {
  return Number(v.toPrecision(4)).toString();
}
