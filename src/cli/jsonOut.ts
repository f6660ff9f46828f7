/**
 * JSON output shared by every CLI command that prints numbers (`eval`, `gradients`).
 * JSON (RFC 8259) has no NaN or Infinity; rather than `null` (which loses which one it was),
 * non-finite doubles are written as the strings "Infinity", "-Infinity" and "NaN", which
 * JavaScript's Number() and Python's float() both read back.
 */

/** The --help paragraph describing non-finite numbers; every command that prints JSON cites it. */
export const NON_FINITE_HELP = `Values that are not finite doubles (e.g. exp(x) above 709.78 overflows) are written as the
strings "Infinity", "-Infinity", "NaN" (JSON has no such numbers), which JavaScript's Number()
and Python's float() both read back.`;

/**
 * JSON text with non-finite numbers as the strings "Infinity", "-Infinity", "NaN" (not null);
 * finite numbers in shortest round-trip form.
 * @param indent as JSON.stringify's `space` (undefined: compact).
 */
export function toJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), indent);
}
