import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseResults, readResultsFile, resultsFileName, ResultsFileError, writeResultsFile } from '../../../src/node/resultsFile';
import type { ResultsFile } from '../../../src/core/training/types';

const FIXTURE = join(__dirname, 'fixtures', 'sample-results.json');

test('file name: UTC ISO 8601 with ":" replaced by "-" (Windows-safe), suffix on request', () => {
  // 2026-11-29 13:05:07.123 UTC, written out by hand.
  const d = new Date(Date.UTC(2026, 10, 29, 13, 5, 7, 123));
  assert.equal(resultsFileName(d), '2026-11-29T13-05-07.123Z.json');
  assert.equal(resultsFileName(d, 2), '2026-11-29T13-05-07.123Z-2.json');
  assert.doesNotMatch(resultsFileName(d), /[<>:"/\\|?*]/, 'no character Windows forbids');
});

test('file names sort in time order', () => {
  const names = [Date.UTC(2026, 0, 2, 9, 0, 0), Date.UTC(2025, 11, 31, 23, 59, 59, 999), Date.UTC(2026, 0, 2, 10, 0, 0)].map((t) => resultsFileName(new Date(t)));
  assert.deepEqual([...names].sort(), [names[1], names[0], names[2]]);
});

test('write: never overwrites; a clash gets -1, -2; the first file keeps its bytes; no temp files left', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'al-results-'));
  try {
    const r = JSON.parse(await readFile(FIXTURE, 'utf8')) as ResultsFile;
    const d = new Date(Date.UTC(2026, 10, 29, 13, 5, 7, 123));
    const a = await writeResultsFile(join(dir, 'runs'), r, d);
    const b = await writeResultsFile(join(dir, 'runs'), { ...r, status: 'completed' }, d);
    const c = await writeResultsFile(join(dir, 'runs'), r, d);
    assert.equal(a, join(dir, 'runs', '2026-11-29T13-05-07.123Z.json'));
    assert.equal(b, join(dir, 'runs', '2026-11-29T13-05-07.123Z-1.json'));
    assert.equal(c, join(dir, 'runs', '2026-11-29T13-05-07.123Z-2.json'));
    assert.equal(JSON.parse(await readFile(a, 'utf8')).status, 'cancelled');
    assert.equal(JSON.parse(await readFile(b, 'utf8')).status, 'completed');
    assert.deepEqual((await readdir(join(dir, 'runs'))).sort(), ['2026-11-29T13-05-07.123Z-1.json', '2026-11-29T13-05-07.123Z-2.json', '2026-11-29T13-05-07.123Z.json']);
    assert.deepEqual(await readResultsFile(a), r);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('read: errors name the file and the problem', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'al-results-'));
  try {
    await assert.rejects(readResultsFile(join(dir, 'missing.json')), (e: Error) => e instanceof ResultsFileError && /missing\.json: cannot read \(ENOENT\)/.test(e.message));
    await writeFile(join(dir, 'bad.json'), '{"schemaVersion": 1,');
    // Cut off after a comma: the message names the file and where the text breaks.
    await assert.rejects(readResultsFile(join(dir, 'bad.json')), /bad\.json: not valid JSON at line 1, column 21: the text ends too early \(a truncated file\?\)/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('parse: wrong schemaVersion and wrong history shapes are rejected with a JSON pointer', () => {
  assert.throws(() => parseResults('{"schemaVersion": 3}', 'x.json'), /x\.json: .*\/schemaVersion: expected 1 or 2, found 3/);
  assert.throws(() => parseResults('[]', 'y.json'), /y\.json: .*expected a JSON object/);
});
