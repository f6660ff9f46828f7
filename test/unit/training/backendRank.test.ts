/**
 * `auto`'s rule: software renderers recognised on real renderer strings (this machine's
 * Debian Chromium 156 and strings published by browsers, Mesa and Windows), ranking, and the
 * choice of the fastest timed candidate on constructed measurements.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chooseBackend, rankCandidates, softwareWebGlRenderer, softwareWebGpuAdapter } from '../../../src/core/training/backendRank';
import type { Candidate, Measurement } from '../../../src/core/training/backendRank';
import type { BackendName } from '../../../src/core/training/types';

describe('software renderer detection', () => {
  const software: Array<[string, string]> = [
    // UNMASKED_RENDERER_WEBGL of headless Debian chromium 156 on this machine (no GPU).
    ['ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)', 'SwiftShader'],
    ['ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)', 'SwiftShader'],
    ['Google SwiftShader', 'SwiftShader'],
    // Mesa's llvmpipe GL_RENDERER ("llvmpipe (LLVM x.y, N bits)"), directly and through ANGLE on Linux.
    ['llvmpipe (LLVM 15.0.6, 256 bits)', 'llvmpipe'],
    ['ANGLE (Mesa/X.org, llvmpipe (LLVM 15.0.6 256 bits), OpenGL 4.5)', 'llvmpipe'],
    ['softpipe', 'softpipe'],
    // Windows without a GPU driver (WARP) through ANGLE's D3D11 backend.
    ['ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0, D3D11)', 'Microsoft Basic Render Driver'],
    ['ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0, D3D11-10.0.19041.546)', 'Microsoft Basic Render Driver'],
    // Mesa's classic swrast driver.
    ['Software Rasterizer', 'software renderer'],
  ];
  for (const [renderer, name] of software) {
    it(`names ${name} in ${JSON.stringify(renderer)}`, () => assert.equal(softwareWebGlRenderer(renderer), name));
  }

  const hardware = [
    'ANGLE (NVIDIA, NVIDIA GeForce RTX 3080 Direct3D11 vs_5_0 ps_5_0, D3D11)',
    'ANGLE (Intel, Intel(R) UHD Graphics 620 Direct3D11 vs_5_0 ps_5_0, D3D11)',
    'ANGLE (AMD, AMD Radeon RX 7600 (0x00007480) Direct3D11 vs_5_0 ps_5_0, D3D11)',
    'ANGLE (Apple, ANGLE Metal Renderer: Apple M4, Unspecified Version)',
    'ANGLE (Intel, Intel(R) UHD Graphics 630, OpenGL 4.5 (Core Profile) Mesa 25.0.7)',
    'Mesa Intel(R) UHD Graphics 620 (KBL GT2)',
    'Adreno (TM) 640',
  ];
  for (const renderer of hardware) {
    it(`sees a GPU in ${JSON.stringify(renderer)}`, () => assert.equal(softwareWebGlRenderer(renderer), undefined));
  }

  it('WebGPU: the fallback flag or a SwiftShader adapter is software; real adapters are not', () => {
    // Headless Chromium with --enable-unsafe-webgpu, and Dawn in Node on SwiftShader's Vulkan driver.
    assert.equal(softwareWebGpuAdapter({ vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true }), 'SwiftShader fallback adapter');
    assert.equal(softwareWebGpuAdapter({ vendor: 'google', architecture: 'swiftshader' }), 'SwiftShader');
    assert.equal(softwareWebGpuAdapter({ vendor: '', architecture: '', isFallbackAdapter: true }), 'fallback adapter');
    assert.equal(softwareWebGpuAdapter({ vendor: 'nvidia', architecture: 'ampere', isFallbackAdapter: false }), undefined);
    assert.equal(softwareWebGpuAdapter({ vendor: 'intel', architecture: 'gen-12lp', device: '', description: '' }), undefined);
    assert.equal(softwareWebGpuAdapter({ vendor: 'apple', architecture: 'metal-3' }), undefined);
  });
});

/** A measurement table; records which backends were timed, in order. */
function measurer(table: Partial<Record<BackendName, Measurement | Error>>): { timed: BackendName[]; measure: (b: BackendName) => Promise<Measurement> } {
  const timed: BackendName[] = [];
  return {
    timed,
    measure: async (b) => {
      timed.push(b);
      const m = table[b];
      if (m instanceof Error) throw m;
      return m ?? { ok: false, reason: 'not in the table' };
    },
  };
}
const sps = (samplesPerSecond: number): Measurement => ({ ok: true, samplesPerSecond });

describe('choosing the fastest backend', () => {
  it('headless Chromium without WebGPU: wasm chosen, SwiftShader WebGL and cpu not timed, the reasons recorded', async () => {
    const m = measurer({ wasm: sps(203.6) });
    const s = await chooseBackend([
      { backend: 'webgpu', unavailable: 'navigator.gpu.requestAdapter() returned null' },
      { backend: 'webgl', software: 'SwiftShader' },
      { backend: 'wasm' },
      { backend: 'cpu' },
    ], m.measure);
    assert.equal(s.backend, 'wasm');
    assert.deepEqual(m.timed, ['wasm']);
    assert.equal(s.summary, 'wasm chosen: 204 samples/s; webgpu: navigator.gpu.requestAdapter() returned null; cpu: plain JavaScript, not timed; webgl: SwiftShader, software, not timed');
    assert.deepEqual(s.candidates, [
      { backend: 'webgpu', reason: 'navigator.gpu.requestAdapter() returned null' },
      { backend: 'wasm', samplesPerSecond: 203.6 },
      { backend: 'cpu', reason: 'plain JavaScript, not timed' },
      { backend: 'webgl', reason: 'SwiftShader, software, not timed', software: 'SwiftShader' },
    ]);
  });

  it('a real GPU: every hardware candidate is timed in rank order and the fastest wins', async () => {
    const m = measurer({ webgpu: sps(5200), webgl: sps(3100), wasm: sps(250) });
    const s = await chooseBackend([{ backend: 'cpu' }, { backend: 'wasm' }, { backend: 'webgl' }, { backend: 'webgpu' }], m.measure);
    assert.equal(s.backend, 'webgpu');
    assert.deepEqual(m.timed, ['webgpu', 'webgl', 'wasm']);
    assert.equal(s.summary, 'webgpu chosen: 5200 samples/s; webgl: 3100 samples/s; wasm: 250 samples/s; cpu: plain JavaScript, not timed');
  });

  it('a slow integrated GPU loses to wasm; equal speeds go to the higher rank', async () => {
    assert.equal((await chooseBackend([{ backend: 'webgl' }, { backend: 'wasm' }], measurer({ webgl: sps(150), wasm: sps(250) }).measure)).backend, 'wasm');
    assert.equal((await chooseBackend([{ backend: 'wasm' }, { backend: 'webgl' }], measurer({ webgl: sps(250), wasm: sps(250) }).measure)).backend, 'webgl');
  });

  it('a backend that fails the training probe (or throws) is not chosen, and says why', async () => {
    const m = measurer({ webgpu: { ok: false, reason: 'the loss did not fall on a repeated batch (16.118, 16.118)' }, webgl: new Error('context lost'), wasm: sps(90) });
    const s = await chooseBackend([{ backend: 'webgpu' }, { backend: 'webgl' }, { backend: 'wasm' }], m.measure);
    assert.equal(s.backend, 'wasm');
    assert.deepEqual(s.candidates.map((c) => c.reason), ['failed the training probe: the loss did not fall on a repeated batch (16.118, 16.118)', 'failed the training probe: context lost', undefined]);
  });

  it('when nothing timed trains, the first untimed fallback is chosen: cpu before a software renderer', async () => {
    const s = await chooseBackend([{ backend: 'webgl', software: 'llvmpipe' }, { backend: 'wasm', unavailable: 'no WebAssembly' }, { backend: 'cpu' }], measurer({}).measure);
    assert.equal(s.backend, 'cpu');
    assert.equal(s.summary, 'cpu chosen: plain JavaScript, not timed; wasm: no WebAssembly; webgl: llvmpipe, software, not timed');
    const sw = await chooseBackend([{ backend: 'webgl', software: 'SwiftShader' }, { backend: 'cpu', unavailable: 'disabled' }], measurer({}).measure);
    assert.equal(sw.backend, 'webgl');
  });

  it('no usable candidate: no backend, every reason in the summary', async () => {
    const s = await chooseBackend([{ backend: 'wasm', unavailable: 'no WebAssembly' }, { backend: 'cpu', unavailable: 'disabled' }], measurer({}).measure);
    assert.equal(s.backend, undefined);
    assert.equal(s.summary, 'no backend can train here; wasm: no WebAssembly; cpu: disabled');
  });

  it('ranks hardware by preference and software renderers after cpu', () => {
    const c: Candidate[] = [{ backend: 'cpu' }, { backend: 'webgpu', software: 'SwiftShader fallback adapter' }, { backend: 'wasm' }, { backend: 'webgl' }];
    assert.deepEqual(rankCandidates(c).map((x) => x.backend), ['webgl', 'wasm', 'cpu', 'webgpu']);
  });
});
