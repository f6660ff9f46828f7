/**
 * The test hooks' accounting of running work (`registerLive`/`liveWork`) and open
 * connections (`attach`/`isOpen`), which the real-VS-Code fault tests rely on to say that
 * nothing is left running.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TestHooks } from '../../../src/host/testHooks';

describe('TestHooks: live work and open connections', () => {
  it('liveWork lists only the counts that are not zero, read when asked; the newest registration wins', () => {
    const hooks = new TestHooks();
    let sessions = 0;
    hooks.registerLive('mnist sessions', () => sessions);
    hooks.registerLive('mnist progress notifications', () => 0);
    assert.deepEqual(hooks.liveWork(), {});
    sessions = 2;
    assert.deepEqual(hooks.liveWork(), { 'mnist sessions': 2 });
    hooks.registerLive('mnist sessions', () => 0);
    assert.deepEqual(hooks.liveWork(), {});
  });

  it('isOpen follows attach and its unregister; an older sink unregistering leaves the newer one', () => {
    const hooks = new TestHooks();
    const sink = { receive: () => undefined };
    assert.equal(hooks.isOpen('mnist'), false);
    const detachOld = hooks.attach('mnist', sink);
    const detachNew = hooks.attach('mnist', { receive: () => undefined });
    detachOld();
    assert.equal(hooks.isOpen('mnist'), true);
    detachNew();
    assert.equal(hooks.isOpen('mnist'), false);
    assert.equal(hooks.deliver('mnist', {}), false);
  });
});
