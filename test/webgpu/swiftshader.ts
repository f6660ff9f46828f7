/**
 * Dawn on a software Vulkan driver for the WebGPU tests: Chromium's SwiftShader ICD (from
 * Debian's `chromium`; Debian's own lavapipe is refused by Dawn) and a private
 * XDG_RUNTIME_DIR. Set before `webgpu` loads: the Vulkan loader reads VK_ICD_FILENAMES when
 * Dawn creates its instance, and child processes inherit it.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SWIFTSHADER_ICD } from '../../src/node/webgpuDiagnosis';

/**
 * Points this process's environment (and so every child's) at SwiftShader, replacing any
 * VK_ICD_FILENAMES so the tests run on the same adapter everywhere.
 * @returns the environment for child processes.
 * @throws Error naming the package to install when the ICD is missing.
 */
export function useSwiftShader(): NodeJS.ProcessEnv {
  if (!existsSync(SWIFTSHADER_ICD)) throw new Error(`SwiftShader's Vulkan ICD ${SWIFTSHADER_ICD} is missing: install Debian's chromium (apt-get install chromium); Dawn also needs libvulkan1`);
  process.env['VK_ICD_FILENAMES'] = SWIFTSHADER_ICD;
  process.env['XDG_RUNTIME_DIR'] ??= mkdtempSync(join(tmpdir(), 'xdg-'));
  return { ...process.env };
}
