/**
 * The one-line reasons for a missing WebGPU in Node (src/node/webgpuDiagnosis.ts), from the
 * warnings Dawn 0.6.2 (npm `webgpu`) actually printed on this kind of machine: without the
 * Vulkan loader, with the loader but no driver, and with Debian 12's lavapipe.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { explainAddonError, explainNoAdapter } from '../../../src/node/webgpuDiagnosis';

const NO_LOADER = `Warning: Couldn't load Vulkan: libvulkan.so.1: cannot open shared object file: No such file or directory
    at operator() (/home/runner/work/node-webgpu/node-webgpu/third_party/dawn/src/dawn/native/vulkan/BackendVk.cpp:368)
`;
const NO_DRIVER = `Warning: vkCreateInstance: Found no drivers!
Warning: vkCreateInstance failed with VK_ERROR_INCOMPATIBLE_DRIVER
    at CheckVkSuccessImpl (/home/runner/work/node-webgpu/node-webgpu/third_party/dawn/src/dawn/native/vulkan/VulkanError.cpp:106)
`;
const LAVAPIPE = `Warning: Vulkan shaderUniform*ArrayDynamicIndexing required.
 - While initializing adapter (backend=BackendType::Vulkan)
    at InitializeImpl (/home/runner/work/node-webgpu/node-webgpu/third_party/dawn/src/dawn/native/vulkan/PhysicalDeviceVk.cpp:257)
`;

describe('explainNoAdapter', () => {
  it('names the missing Vulkan loader and the packages that carry it', () => {
    const m = explainNoAdapter('linux', NO_LOADER);
    assert.match(m, /Vulkan loader libvulkan\.so\.1 is missing/);
    assert.match(m, /apt-get install libvulkan1/);
    assert.match(m, /vulkan-loader/);
  });

  it('names the GPU drivers\' Vulkan ICDs and SwiftShader when the loader finds no driver', () => {
    const m = explainNoAdapter('linux', NO_DRIVER);
    assert.match(m, /no Vulkan driver \(ICD\) found/);
    assert.match(m, /nvidia_icd\.json/);
    assert.match(m, /VK_ICD_FILENAMES=\/usr\/lib\/chromium\/vk_swiftshader_icd\.json/);
  });

  it('quotes Dawn when it refuses the only driver (lavapipe)', () => {
    assert.match(explainNoAdapter('linux', LAVAPIPE), /Dawn accepts \(Vulkan shaderUniform\*ArrayDynamicIndexing required\.\)/);
  });

  it('names Metal on macOS and D3D12 on Windows', () => {
    assert.match(explainNoAdapter('darwin', ''), /Metal/);
    assert.match(explainNoAdapter('win32', ''), /D3D12/);
  });

  it('is one line in every case', () => {
    for (const [p, e] of [['linux', NO_LOADER], ['linux', NO_DRIVER], ['linux', LAVAPIPE], ['linux', ''], ['darwin', ''], ['win32', '']] as const) {
      assert.doesNotMatch(explainNoAdapter(p, e), /\n/);
    }
  });
});

describe('explainAddonError', () => {
  it('says to install the package when it is missing', () => {
    assert.match(explainAddonError("Cannot find module 'webgpu'\nRequire stack:\n- /x/out/cli/main.mjs", 'linux', 'x64'), /npm install webgpu/);
  });

  it('names the platform the package has no dawn.node for', () => {
    const m = explainAddonError("Cannot find module '/x/node_modules/webgpu/dist/freebsd-x64/dawn.node'", 'freebsd', 'x64');
    assert.match(m, /no dawn\.node for freebsd-x64/);
  });

  it('names the system library version dawn.node could not bind', () => {
    const m = explainAddonError("/lib/x86_64-linux-gnu/libstdc++.so.6: version `GLIBCXX_3.4.30' not found (required by /x/dawn.node)", 'linux', 'x64');
    assert.match(m, /needs GLIBCXX_3\.4\.30/);
  });
});
