/**
 * Time left on constructed inputs, against schedules worked out by hand: 8,000 training
 * samples at 250/s take 32 s, 2,000 validation samples at 750/s take 8/3 s, so one epoch takes
 * 104/3 s and a 3-epoch cell 104 s.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ComparisonProgress, estimateSecondsLeft, formatDuration, formatProgress } from '../../../src/core/training/timeLeft';

const work = { epochs: 3, trainSamples: 8000, testSamples: 2000 };
const base = { work, trainRate: 250, validationRate: 750 };
const close = (a: number | undefined, b: number, tol = 1e-9): void => assert.ok(a !== undefined && Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} != ${b}`);

describe('estimateSecondsLeft', () => {
  it('6 queued cells on 2 workers: 3 cells each, 312 s; on 1 worker 624 s', () => {
    close(estimateSecondsLeft({ ...base, queued: 6, running: [], workers: 2 }), 312);
    close(estimateSecondsLeft({ ...base, queued: 6, running: [], workers: 1 }), 624);
  });

  it('counts the tail: 3 cells on 2 workers take two cell times (208 s), not 1.5', () => {
    close(estimateSecondsLeft({ ...base, queued: 3, running: [], workers: 2 }), 208);
  });

  it('a running cell finishes its own remainder; queued cells go to the worker that frees first', () => {
    // Epoch 2 half done: 2 epochs x 104/3 s - 4000/250 s = 160/3 s left.
    const running = [{ epochsDone: 1, samplesDone: 4000 }];
    close(estimateSecondsLeft({ ...base, queued: 0, running, workers: 2 }), 160 / 3);
    close(estimateSecondsLeft({ ...base, queued: 1, running, workers: 2 }), 104);
    close(estimateSecondsLeft({ ...base, queued: 2, running, workers: 2 }), 160 / 3 + 104);
    // Validating the last epoch: only its validation is left.
    close(estimateSecondsLeft({ ...base, queued: 0, running: [{ epochsDone: 2, samplesDone: 8000 }], workers: 1 }), 8 / 3);
  });

  it('0 when nothing is left; Infinity without workers or speed', () => {
    assert.equal(estimateSecondsLeft({ ...base, queued: 0, running: [], workers: 2 }), 0);
    assert.equal(estimateSecondsLeft({ ...base, queued: 1, running: [], workers: 0 }), Infinity);
    assert.equal(estimateSecondsLeft({ ...base, trainRate: 0, queued: 1, running: [], workers: 1 }), Infinity);
  });
});

describe('ComparisonProgress', () => {
  // 2 cells of 1 epoch x 256 training samples (4 batches of 64) + 128 validation samples, 2 workers.
  const small = { epochs: 1, trainSamples: 256, testSamples: 128 };

  it('before any batch: the probe speed for one worker, validation at 3x that speed', () => {
    const p = new ComparisonProgress(small, 2, 2, 100);
    const s = p.snapshot();
    close(s.samplesPerSecond, 100);
    close(s.secondsLeft, 256 / 100 + 128 / 300);
    assert.equal(s.fraction, 0);
    assert.equal(new ComparisonProgress(small, 2, 2).snapshot().secondsLeft, undefined);
    assert.equal(formatProgress(new ComparisonProgress(small, 2, 2).snapshot()), 'measuring speed...');
  });

  it('measures 64 samples per 250 ms per worker (256/s, 512/s for two) and the validation time', () => {
    const p = new ComparisonProgress(small, 2, 2);
    p.cellStarted(0);
    p.cellStarted(1);
    for (const t of [1000, 1250]) {
      p.batch(0, 64, t);
      p.batch(1, 64, t + 10);
    }
    let s = p.snapshot();
    close(s.samplesPerSecond, 512);
    // Each cell: 128 training samples at 256/s + 128 validation samples at the prior 768/s.
    close(s.secondsLeft, 0.5 + 128 / 768);
    for (const t of [1500, 1750]) {
      p.batch(0, 64, t);
      p.batch(1, 64, t + 10);
    }
    p.epochEnded(0, 1850); // validation of 128 samples in 100 ms: 1280/s
    p.cellEnded(0);
    s = p.snapshot();
    assert.equal(s.cellsDone, 1);
    close(s.samplesPerSecond, 256, 1e-9);
    // Cell 1 validates: 128 samples at the measured 1280/s.
    close(s.secondsLeft, 0.1);
    close(s.fraction, 1 - (128 / 5) / (2 * (256 + 128 / 5)));
  });
});

describe('formatDuration', () => {
  it('seconds, minutes with seconds, hours with minutes', () => {
    assert.equal(formatDuration(45), '45 s');
    assert.equal(formatDuration(59.6), '1 min 00 s');
    assert.equal(formatDuration(185), '3 min 05 s');
    assert.equal(formatDuration(3720), '1 h 02 min');
    assert.equal(formatDuration(2e5), 'more than a day');
    assert.equal(formatDuration(Infinity), 'more than a day');
    assert.equal(formatDuration(undefined), '-');
  });
});
