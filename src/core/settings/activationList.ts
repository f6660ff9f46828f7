/**
 * The `activationLab.mnist.activations` setting: catalogue ids with optional parameters,
 * `id` or `id:name=value,name=value` (e.g. `leaky_relu:alpha=0.2`). Pure.
 */
import type { ActivationChoice } from '../training/types';

/**
 * Parses one entry of the setting.
 * @throws RangeError naming the entry for an empty id, a pair without `=`, or a value
 *   that is not a finite number.
 */
export function parseActivationSetting(entry: string): ActivationChoice {
  const [idPart, paramPart] = entry.split(':', 2) as [string, string | undefined];
  const activation = idPart.trim();
  if (!/^[A-Za-z_][\w-]*$/.test(activation)) throw new RangeError(`activation '${entry}': expected an id such as relu or leaky_relu:alpha=0.2`);
  const params: Record<string, number> = {};
  for (const pair of (paramPart ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    const value = Number(pair.slice(eq + 1).trim());
    if (eq <= 0 || pair.slice(eq + 1).trim() === '' || !Number.isFinite(value)) {
      throw new RangeError(`activation '${entry}': '${pair}' is not name=number`);
    }
    params[name] = value;
  }
  return { activation, params };
}

/** Formats a choice back into the setting's form (inverse of parseActivationSetting). */
export function formatActivationSetting(c: ActivationChoice): string {
  const p = Object.entries(c.params);
  return p.length ? `${c.activation}:${p.map(([k, v]) => `${k}=${v}`).join(',')}` : c.activation;
}
