/**
 * The command contract (src/protocol/commands.ts) against package.json: one id constant per
 * contributed command and no other; the link helper's encoding against VS Code's command URI
 * convention (JSON array of arguments, URI-encoded, as `decodeURIComponent` + `JSON.parse`
 * read it back); the argument checks of showActivation and compareMnist.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandId, commandLink, LINK_COMMANDS, parseCompareMnistArgs, parseShowArgs } from '../../../src/protocol/commands';

const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { contributes: { commands: Array<{ command: string }> } };
const CONFIG = {
  dataset: 'bundled', epochs: 1, batchSize: 32, trainSamples: 100, testSamples: 50, learningRate: 0.001, clipValue: 0.5,
  loss: 'categorical_crossentropy', seed: 1, activations: [{ activation: 'relu', params: {} }],
} as const;

test('one CommandId per contributed command, and none that is not contributed', () => {
  assert.deepEqual(Object.values(CommandId).sort(), pkg.contributes.commands.map((c) => c.command).sort());
  for (const c of LINK_COMMANDS) assert.ok((Object.values(CommandId) as string[]).includes(c), c);
});

test('commandLink: a Markdown link whose URI query is the URI-encoded JSON array of the arguments', () => {
  const link = commandLink('Compare on MNIST', CommandId.CompareMnist, { activation: 'leaky_relu', params: { alpha: 0.1 } });
  const m = /^\[Compare on MNIST\]\(command:activationLab\.compareMnist\?([^ )]+) "Compare on MNIST"\)$/.exec(link);
  assert.ok(m, link);
  assert.doesNotMatch(m[1]!, /[\s()"[\]{}]/, 'nothing in the query ends the link early');
  assert.deepEqual(JSON.parse(decodeURIComponent(m[1]!)), [{ activation: 'leaky_relu', params: { alpha: 0.1 } }]);
  const show = commandLink('Open', CommandId.ShowActivation, { id: 'gelu' });
  assert.equal(show, `[Open](command:activationLab.showActivation?${encodeURIComponent('[{"id":"gelu"}]')} "Open")`);
});

test('parseShowArgs: {id, params?} or a bare id; anything else is undefined', () => {
  assert.deepEqual(parseShowArgs('relu'), { id: 'relu' });
  assert.deepEqual(parseShowArgs({ id: ' leaky_relu ', params: { alpha: 0.1 } }), { id: 'leaky_relu', params: { alpha: 0.1 } });
  assert.deepEqual(parseShowArgs({ id: 'elu' }), { id: 'elu' });
  for (const bad of [undefined, '', '  ', 3, { id: 3 }, { id: '' }, { id: 'elu', params: { alpha: 'x' } }, { id: 'elu', params: { alpha: NaN } }, { id: 'elu', params: [1] }]) {
    assert.equal(parseShowArgs(bad), undefined, JSON.stringify(bad));
  }
});

test('parseCompareMnistArgs: open, select an activation (the hover link), or start a run', () => {
  assert.deepEqual(parseCompareMnistArgs(undefined), { kind: 'open' });
  assert.deepEqual(parseCompareMnistArgs({}), { kind: 'open' });
  assert.deepEqual(parseCompareMnistArgs({ activation: 'leaky_relu', params: { alpha: 0.1 } }), { kind: 'select', choice: { activation: 'leaky_relu', params: { alpha: 0.1 } } });
  assert.deepEqual(parseCompareMnistArgs({ activation: 'gelu' }), { kind: 'select', choice: { activation: 'gelu', params: {} } });
  assert.deepEqual(parseCompareMnistArgs({ start: { config: CONFIG } }), { kind: 'start', config: CONFIG, backend: 'auto' });
  assert.deepEqual(parseCompareMnistArgs({ start: { config: CONFIG, backend: 'wasm' } }), { kind: 'start', config: CONFIG, backend: 'wasm' });
  for (const bad of ['relu', 3, [], { activation: '' }, { activation: 'my swish' }, { activation: 'elu', params: { alpha: Infinity } },
    { activation: 'elu', params: JSON.parse('{"__proto__": 1}') }, { start: {} }, { start: { config: { ...CONFIG, epochs: 0 } } },
    { start: { config: CONFIG, backend: 'metal' } }]) {
    assert.equal(parseCompareMnistArgs(bad), undefined, JSON.stringify(bad));
  }
});
