/** DOM helpers for the explorer page; `h` is the shared builder (webview/shared/dom.ts). */
export { h } from '../shared/dom';

/** Short display of a number for read-outs: up to 4 significant digits, no trailing zeros. */
export function fmt(v: number): string {
  return Number(v.toPrecision(4)).toString();
}
