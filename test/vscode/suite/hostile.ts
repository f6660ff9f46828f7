/**
 * Malformed and hostile messages a webview could post to its host: not messages at all,
 * wrong types, missing fields, huge strings and arrays, NaN and Infinity, `__proto__` and
 * `constructor` keys, deep nesting, cycles, throwing getters and proxies, unknown and
 * old names, host-to-page names sent the wrong way, export requests with absurd sizes, and
 * per panel well-formed requests the host must still refuse (a path it never reported, a
 * training message with no run, an activation that does not exist). Every one must be
 * refused and logged once; none may be a valid request (that would open a dialog or write).
 * Shapes from src/protocol/*.ts.
 */
import { MAX_EXPORT_CHARS } from '../../../src/protocol/shared';
import type { PanelCase } from '../panels';

/** `{ next: { next: ... { leaf } } }`, `depth` levels, built without recursion. */
export function deeplyNested(depth: number, leaf: unknown = 1): unknown {
  let x: unknown = leaf;
  for (let i = 0; i < depth; i++) x = { next: x };
  return x;
}

/** An object whose every property access throws (a message from postMessage never is one; the host must not care). */
function throwingProxy(): unknown {
  const trap = (): never => {
    throw new Error('hostile proxy');
  };
  return new Proxy({}, { get: trap, has: trap, ownKeys: trap, getOwnPropertyDescriptor: trap, getPrototypeOf: trap });
}

/** Messages that are wrong for every panel (shared `webview/*` scope and no message at all). */
function sharedHostile(): unknown[] {
  const cyclic: Record<string, unknown> = { type: 'webview/exportChart', format: 'svg', name: 'x' };
  cyclic.data = cyclic;
  const getter = { type: 'webview/exportChart', format: 'svg', name: 'x' };
  Object.defineProperty(getter, 'data', { enumerable: true, get: () => { throw new Error('hostile getter'); } });
  const export_ = (fields: Record<string, unknown>) => ({ type: 'webview/exportChart', format: 'svg', data: '<svg/>', name: 'chart', ...fields });
  const save = (fields: Record<string, unknown>) => ({ type: 'webview/saveCustom', name: 'my_act', expression: 'x', params: {}, ...fields });
  return [
    // Not a message.
    null, undefined, 7, NaN, Infinity, -Infinity, true, 'webview/ready', [], [{ type: 'webview/ready' }],
    Array.from({ length: 1_000_000 }, () => ({ type: 'webview/ready' })),
    // No usable type.
    {}, { type: 7 }, { type: null }, { type: NaN }, { type: Infinity }, { type: ['webview/ready'] }, { type: { toString: () => 'webview/ready' } },
    JSON.parse('{"__proto__": {"type": "webview/ready"}}'), Object.create({ type: 'webview/ready' }), throwingProxy(),
    // Unknown, old or wrong-way names.
    { type: 'toString' }, { type: '__proto__' }, { type: 'constructor' }, { type: 'hasOwnProperty' }, { type: 'x'.repeat(1 << 20) },
    { type: 'webview/ready ' }, { type: 'WEBVIEW/READY' }, { type: 'webview/unknown' }, { type: 'ready' },
    { type: 'chart/export', format: 'svg', data: '<svg/>', name: 'x' }, { type: 'webview/customSaved', name: 'x' },
    // Chart exports: missing fields, wrong types, absurd sizes, paths.
    { type: 'webview/exportChart' }, export_({ format: 'gif' }), export_({ format: ['svg'] }), export_({ data: '' }),
    export_({ data: 'a'.repeat(MAX_EXPORT_CHARS + 1) }), export_({ data: Array.from({ length: 1_000_000 }, () => 1) }), export_({ data: 12345 }),
    export_({ data: NaN }), export_({ name: '../../evil' }), export_({ name: '/etc/passwd' }), export_({ name: 'a'.repeat(101) }),
    export_({ name: 'x\0y' }), export_({ name: { length: 1 } }), export_({ data: deeplyNested(100_000) }), cyclic, getter,
    // Custom activations: missing fields, prototype keys, non-finite numbers, sizes, nesting.
    { type: 'webview/saveCustom', name: 'my_act' }, save({ params: JSON.parse('{"__proto__": 1}') }), save({ params: { constructor: 1 } }),
    save({ params: { prototype: 2 } }), save({ params: { a: NaN } }), save({ params: { a: Infinity } }), save({ params: { a: -Infinity } }),
    save({ params: { a: '1' } }), save({ params: [1, 2] }), save({ params: deeplyNested(10_000) }), save({ expression: 'x'.repeat(2001) }),
    save({ name: 'n'.repeat(41) }), save({ expression: 42 }),
    save({ params: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`p${i}`, i])) }),
    // Settings queries outside activationLab.
    { type: 'webview/openSettings', query: 'workbench.colorTheme' }, { type: 'webview/openSettings', query: 123 },
    { type: 'webview/openSettings', query: 'activationLab.mnist; rm -rf /' }, { type: 'webview/openSettings' },
  ];
}

const CONFIG = {
  dataset: 'bundled', epochs: 1, batchSize: 128, trainSamples: 1024, testSamples: 512, learningRate: 0.001, clipValue: 0.5,
  loss: 'categorical_crossentropy', seed: 1, activations: [{ activation: 'relu', params: {} }],
};

/** Well-formed in parts only, or well-formed but refused, per panel. */
function panelHostile(name: PanelCase['name']): unknown[] {
  switch (name) {
    case 'explorer':
      return [{ type: 'explorer/show', id: 'relu' }, { type: 'explorer/settings', settings: {} }, { type: 'explorer/customs', customs: [] }];
    case 'gradient':
      return [{ type: 'gradient/settings', settings: {} }, { type: 'gradient/run' }];
    case 'results':
      return [{ type: 'results/show', files: [] }, { type: 'results/error', message: 'x' }, { type: 'results/delete' }];
    case 'sideView':
      return [
        { type: 'side/openExplorer', id: '__proto__', params: {} }, { type: 'side/openExplorer', id: 'constructor', params: {} },
        { type: 'side/openExplorer', id: 'rm -rf', params: {} }, { type: 'side/openExplorer', id: 'relu', params: { alpha: NaN } },
        { type: 'side/compareMnist', id: 'x'.repeat(101), params: {} }, { type: 'side/compareMnist', id: 'no_such_activation', params: {} },
        { type: 'side/compareMnist', id: 'relu', params: JSON.parse('{"__proto__": {"a": 1}}') }, { type: 'side/activation' },
      ];
    case 'mnist': {
      const request = (fields: Record<string, unknown>) => ({ type: 'training/request', config: CONFIG, backend: 'wasm', source: 'bundled', ...fields });
      const run = { activation: 'relu', params: {}, status: 'completed', history: { loss: [0.5], accuracy: [0.8], val_loss: [0.4], val_accuracy: [0.85] }, epochTimesMs: [1], samplesPerSecond: 1, testAccuracy: 0.8 };
      return [
        request({ config: {} }), request({ config: { ...CONFIG, epochs: NaN } }), request({ config: { ...CONFIG, epochs: Infinity } }),
        request({ config: { ...CONFIG, trainSamples: 1e12 } }), request({ config: { ...CONFIG, learningRate: -1 } }),
        request({ config: { ...CONFIG, activations: Array.from({ length: 33 }, () => ({ activation: 'relu', params: {} })) } }),
        request({ config: { ...CONFIG, activations: [{ activation: 'relu', params: JSON.parse('{"__proto__": 1}') }] } }),
        request({ config: { ...CONFIG, activations: [{ activation: 'x'.repeat(65), params: {} }] } }),
        request({ backend: 'tpu' }), request({ source: 'https://example.com/digits' }), request({ config: deeplyNested(100_000) }),
        { type: 'training/backend', skeleton: deeplyNested(10_000), warnings: [] }, { type: 'training/backend', skeleton: {}, warnings: Array.from({ length: 100_000 }, () => 'w') },
        // Well-formed progress with no comparison running: refused by the host, not the channel.
        { type: 'training/batch', index: 0, epoch: 0, batch: 0, batches: 8, loss: 0.5 },
        { type: 'training/epoch', index: 0, epoch: 0, run }, { type: 'training/runEnded', index: 0, run },
        { type: 'training/finished', status: 'completed' }, { type: 'training/runStarted', index: 0, choice: { activation: 'relu', params: {} } },
        { type: 'training/batch', index: -1, epoch: 0, batch: 0, batches: 8, loss: 0.5 }, { type: 'training/batch', index: 0, epoch: 0, batch: 0, batches: 8, loss: Infinity },
        { type: 'training/batch', index: 0, epoch: NaN, batch: 0, batches: 8, loss: 0.5 }, { type: 'training/epoch', index: 0, epoch: 0, run: { ...run, history: 'x' } },
        { type: 'training/finished', status: 'done' }, { type: 'training/finished', status: 'failed', error: 'e'.repeat(5001) },
        { type: 'results/open', path: '../../etc/passwd' }, { type: 'results/open', path: '/etc/shadow.json' }, { type: 'results/open', path: 'x\0.json' },
        { type: 'training/saveAs' }, { type: 'data/idx', data: {} }, { type: 'mnist/init', settings: {} },
      ];
    }
    default:
      return [];
  }
}

/** At least 40 messages the host of panel `name` must refuse, each logged once. */
export function hostileMessages(name: PanelCase['name']): unknown[] {
  return [...sharedHostile(), ...panelHostile(name)];
}
