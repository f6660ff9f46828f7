/** Helpers for the recogniser corpus tests: find a needle in a snippet, recognise there. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recogniseAt, type ActivationMatch, type Strictness } from '../../../src/core/recognise/recognise';
import type { LanguageFamily } from '../../../src/core/recognise/lexical';

/** Library defaults from the libraries themselves: test/reference/gen_library_defaults.py. */
export const DEFAULTS = JSON.parse(readFileSync(join(__dirname, '../../reference/library_defaults.json'), 'utf8')) as {
  pytorch: Record<string, number | string>;
  tfjs: Record<string, number>;
  keras: Record<string, number | boolean>;
};

/** Offset of the `nth` occurrence of `needle` in `code`, plus `into` characters. */
export function offsetOf(code: string, needle: string, nth = 0, into = 1): number {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = code.indexOf(needle, i + 1);
    assert.ok(i >= 0, `needle ${JSON.stringify(needle)} #${nth} not in snippet`);
  }
  return i + into;
}

/** Recognises at the needle; `strictness` defaults to normal. */
export function at(code: string, family: LanguageFamily, needle: string, o: { nth?: number; strictness?: Strictness } = {}): ActivationMatch | undefined {
  return recogniseAt(code, offsetOf(code, needle, o.nth ?? 0), { family, strictness: o.strictness ?? 'normal' });
}

/** Asserts a match with this id and library, returns it. */
export function expectMatch(m: ActivationMatch | undefined, id: string, library: ActivationMatch['library']): ActivationMatch {
  assert.ok(m, `expected ${id} (${library}), got no match`);
  assert.equal(m.id, id);
  assert.equal(m.library, library);
  return m;
}

/** The reading of a library parameter: value and where it came from. */
export function reading(m: ActivationMatch, lib: string): { value: unknown; from: string } {
  const r = m.readings.find((x) => x.lib === lib);
  assert.ok(r, `no reading for ${lib} in ${JSON.stringify(m.readings)}`);
  return { value: r.value, from: r.from };
}
