import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkOptionalRange, checkRange, parseDecimal } from '../../../src/core/charts/explorerInput';

test('parseDecimal: plain decimals only', () => {
  assert.equal(parseDecimal(' -6 '), -6);
  assert.equal(parseDecimal('2.5'), 2.5);
  assert.equal(parseDecimal('.5'), 0.5);
  assert.equal(parseDecimal('1e-3'), 0.001);
  for (const bad of ['', ' ', '0x10', 'Infinity', '-', '1,5', '2 3', '1e', 'abc', '--1', 'NaN']) {
    assert.equal(typeof parseDecimal(bad), 'string', JSON.stringify(bad));
  }
  assert.match(parseDecimal('1e999') as string, /within/);
  assert.match(parseDecimal('2e6') as string, /within/);
});

test('checkRange: min < max, span >= 1e-6, the wrong field is named', () => {
  assert.deepEqual(checkRange('-6', '6'), { ok: true, min: -6, max: 6 });
  assert.deepEqual(checkRange('x', '6'), { ok: false, field: 'min', message: "Min: 'x' is not a number" });
  assert.equal((checkRange('1', '') as { field: string }).field, 'max');
  assert.deepEqual(checkRange('3', '3'), { ok: false, field: 'max', message: 'Max must be greater than min' });
  assert.equal((checkRange('5', '-5') as { field: string }).field, 'max');
  assert.equal(checkRange('0', '1e-7').ok, false);
  assert.equal(checkRange('0', '1e-6').ok, true);
});

test('checkOptionalRange: both blank = auto, one blank is an error on that field', () => {
  assert.deepEqual(checkOptionalRange('', ' '), { ok: true, auto: true });
  assert.equal((checkOptionalRange('', '2') as { field: string }).field, 'min');
  assert.equal((checkOptionalRange('1', '') as { field: string }).field, 'max');
  assert.deepEqual(checkOptionalRange('-1', '2'), { ok: true, min: -1, max: 2 });
});
