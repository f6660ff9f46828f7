/**
 * The run journal (src/node/runJournal.ts) and atomic writes that fail half-way
 * (src/node/atomicWrite.ts): journals land in call order, a removed journal stays removed,
 * a notice replaces the results, only journals of dead processes are orphans, malformed
 * ones are dropped, and a failed write leaves no temp file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { orphanedJournals, processAlive, RunJournal, type JournalEntry } from '../../../src/node/runJournal';
import { writeFileAtomic } from '../../../src/node/atomicWrite';
import type { ResultsFile } from '../../../src/core/training/types';

const sample = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'sample-results.json'), 'utf8')) as ResultsFile;

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'al-journal-'));
}

test('writes land in call order; the last write wins; remove deletes and later writes are ignored', async () => {
  const dir = await tempDir();
  try {
    const j = new RunJournal(dir, '/somewhere/runs');
    const errors: Error[] = [];
    const onError = (e: Error) => errors.push(e);
    void j.write({ ...sample, runs: [] }, onError);
    void j.write({ ...sample, runs: sample.runs.slice(0, 1) }, onError);
    await j.write(sample, onError);
    const entry = JSON.parse(await readFile(j.path, 'utf8')) as JournalEntry;
    assert.equal(entry.pid, process.pid);
    assert.equal(entry.folder, '/somewhere/runs');
    assert.equal(entry.results!.runs.length, sample.runs.length);
    await j.remove();
    await j.write(sample, onError);
    assert.deepEqual(await readdir(dir), []);
    assert.deepEqual(errors, []);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('orphans: journals of dead processes only (not this one), notices kept, malformed removed', async () => {
  const dir = await tempDir();
  try {
    const mine = new RunJournal(dir, '/r');
    await mine.write(sample, () => undefined);
    const dead = 2 ** 22 + 12345; // above Linux's default pid_max (4,194,304): no such process
    assert.equal(processAlive(dead), false);
    assert.equal(processAlive(process.pid), true);
    const results: JournalEntry = { version: 1, pid: dead, folder: '/r', results: sample };
    const notice: JournalEntry = { version: 1, pid: dead, folder: '/r', savedTo: '/r/x.json' };
    await writeFile(join(dir, `run-${dead}-1.json`), JSON.stringify(results));
    await writeFile(join(dir, `run-${dead}-2.json`), JSON.stringify(notice));
    await writeFile(join(dir, `run-${dead}-3.json`), '{"version": 1, "pid": 5, "fo');
    await writeFile(join(dir, `run-${dead}-4.json`), JSON.stringify({ ...results, results: { ...sample, status: 'running' } }));
    await writeFile(join(dir, 'notes.txt'), 'not a journal');
    const found = await orphanedJournals(dir);
    assert.deepEqual(found.map((f) => f.path), [join(dir, `run-${dead}-1.json`), join(dir, `run-${dead}-2.json`)]);
    assert.equal(found[1]!.entry.savedTo, '/r/x.json');
    assert.deepEqual((await readdir(dir)).sort(), [`run-${dead}-1.json`, `run-${dead}-2.json`, mine.path.split('/').pop()!, 'notes.txt'].sort());
    // A process that is alive (as the callback says) is not an orphan.
    assert.deepEqual(await orphanedJournals(dir, () => true), []);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a notice replaces the results and ends the journal', async () => {
  const dir = await tempDir();
  try {
    const j = new RunJournal(dir, '/r');
    await j.write(sample, () => undefined);
    await j.notice('/r/2026.json', () => undefined);
    await j.write(sample, () => undefined);
    const entry = JSON.parse(await readFile(j.path, 'utf8')) as JournalEntry;
    assert.equal(entry.savedTo, '/r/2026.json');
    assert.equal(entry.results, undefined);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('writeFileAtomic: a write that fails half-way leaves neither the file nor a temp file', async () => {
  const dir = await tempDir();
  try {
    // Not a string or bytes: the file handle's write throws after the temp file was created.
    await assert.rejects(writeFileAtomic(join(dir, 'x.json'), 42 as unknown as string));
    assert.deepEqual(await readdir(dir), []);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
