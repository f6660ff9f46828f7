/**
 * src/core/settings/defaults.ts and src/core/settings/sections.ts against package.json: every
 * `activationLab.*` setting has the same default, and the constraints package.json declares
 * (minimum/maximum, exclusiveMinimum, enum, type) are the ones enforced. Reference: the
 * package.json `contributes.configuration.properties` (read here, not copied).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkedSetting, lookupFrom, SETTING_DEFAULTS, type SettingKey } from '../../../src/core/settings/defaults';
import { gradientSection, hoverSection, mnistSection } from '../../../src/core/settings/sections';

interface Prop { default: unknown; type: string; minimum?: number; maximum?: number; exclusiveMinimum?: number; enum?: string[] }
const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { contributes: { configuration: { properties: Record<string, Prop> } } };
const props = Object.entries(pkg.contributes.configuration.properties).map(([k, p]) => [k.replace(/^activationLab\./, '') as SettingKey, p] as const);

test('config defaults equal the package.json defaults, key for key', () => {
  assert.deepEqual(Object.keys(SETTING_DEFAULTS).sort(), props.map(([k]) => k).sort());
  for (const [key, p] of props) assert.deepEqual(SETTING_DEFAULTS[key], p.default, key);
});

test('every default passes its own check silently', () => {
  for (const [key, p] of props) {
    const problems: string[] = [];
    assert.deepEqual(checkedSetting(key, p.default, (_k, m) => problems.push(m)), p.default, key);
    assert.deepEqual(problems, [], key);
  }
});

/** Values that package.json's schema rejects, derived from its declared constraints. */
function invalidValues(p: Prop): unknown[] {
  const bad: unknown[] = [null, p.type === 'string' ? 7 : 'text'];
  if (p.type === 'integer') bad.push(p.minimum! + 0.5);
  if (p.minimum !== undefined) bad.push(p.minimum - 1);
  if (p.maximum !== undefined) bad.push(p.maximum + 1);
  if (p.exclusiveMinimum !== undefined) bad.push(p.exclusiveMinimum);
  if (p.enum) bad.push('bogus');
  if (p.type === 'number' || p.type === 'integer') bad.push(Number.NaN, Number.POSITIVE_INFINITY);
  return bad;
}

test('invalid values (wrong type, out of range, not in the enum) fall back to the default with one problem', () => {
  for (const [key, p] of props) {
    for (const v of invalidValues(p)) {
      const problems: string[] = [];
      assert.deepEqual(checkedSetting(key, v, (_k, m) => problems.push(m)), p.default, `${key} = ${String(v)}`);
      assert.equal(problems.length, 1, `${key} = ${String(v)}`);
      assert.match(problems[0]!, new RegExp(`^activationLab\\.${key.replace('.', '\\.')} must be .*; using the default`));
    }
  }
});

test('values on the boundaries and every enum value are kept', () => {
  for (const [key, p] of props) {
    const ok: unknown[] = [...(p.enum ?? [])];
    if (p.minimum !== undefined) ok.push(p.minimum);
    if (p.maximum !== undefined) ok.push(p.maximum);
    for (const v of ok) assert.equal(checkedSetting(key, v, () => assert.fail(`${key} = ${String(v)}`)), v, key);
  }
});

test('unset gives the default silently; results folder is trimmed, blank falls back', () => {
  assert.equal(checkedSetting('mnist.epochs', undefined, () => assert.fail('warned')), 3);
  assert.equal(checkedSetting('mnist.resultsFolder', '  out/runs '), 'out/runs');
  assert.equal(checkedSetting('mnist.resultsFolder', '   ', () => undefined), '.activation-lab/runs');
  assert.deepEqual(checkedSetting('explorer.defaultRange', [3, -3], () => undefined), [-6, 6]);
  assert.deepEqual(checkedSetting('explorer.defaultActivations', ['elu', 7], () => undefined), ['relu', 'gelu']);
  assert.deepEqual(checkedSetting('hover.languages', { rust: true }, () => undefined), SETTING_DEFAULTS['hover.languages']);
});

test('sections: cross-setting rules reset both values as a pair, with a problem', () => {
  const problems: string[] = [];
  const note = (_k: SettingKey, m: string) => problems.push(m);
  const g = gradientSection(lookupFrom({ 'gradient.vanishingBelow': 10, 'gradient.explodingAbove': 1 }), note);
  assert.deepEqual([g.vanishingBelow, g.explodingAbove], [0.001, 1000]);
  const h = hoverSection(lookupFrom({ 'hover.plotXMin': 2, 'hover.plotXMax': 2, 'hover.languages': { python: false } }), note);
  assert.deepEqual([h.plotXMin, h.plotXMax, h.languages.python, h.languages.typescript], [-5, 5, false, true]);
  assert.equal(problems.length, 2);
  assert.equal(mnistSection(lookupFrom({})).backend, 'auto');
});
