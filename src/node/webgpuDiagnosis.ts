/**
 * Why WebGPU is unavailable in Node, as one line that names what to install. Dawn (inside the
 * npm package `webgpu`) reports its Vulkan/Metal/D3D12 problems only as warnings on stderr;
 * these functions turn the warnings of a probe process into a user-facing reason. Pure: no I/O.
 */

/** The Vulkan loader library Dawn opens on Linux (Khronos Vulkan-Loader's soname). */
export const VULKAN_LOADER = 'libvulkan.so.1';

/** Where Debian's `chromium` package puts SwiftShader's Vulkan ICD (a CPU Vulkan driver). */
export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

/** The first non-empty line of `text` that matches `re`, trimmed; undefined if none. */
function lineMatching(text: string, re: RegExp): string | undefined {
  return text.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== '' && re.test(l));
}

/**
 * The reason `navigator.gpu.requestAdapter()` gave null, from the probe's stderr (Dawn's
 * warnings) and the platform.
 * - Linux, loader missing (`Couldn't load Vulkan: libvulkan.so.1: cannot open shared object
 *   file`): names the loader and the Debian/Ubuntu and Fedora/RHEL packages that carry it.
 * - Linux, loader present but no driver (`vkCreateInstance: Found no drivers`,
 *   `VK_ERROR_INCOMPATIBLE_DRIVER`): names the GPU drivers' Vulkan ICDs, and SwiftShader.
 * - Linux, a driver Dawn refuses (e.g. Debian 12's lavapipe: `... required`): quotes Dawn.
 * - macOS: Metal; Windows: D3D12.
 */
export function explainNoAdapter(platform: NodeJS.Platform, stderr: string): string {
  if (platform === 'darwin') return 'no Metal adapter: WebGPU in Node needs macOS 11 or newer on a Mac with a Metal GPU';
  if (platform === 'win32') return 'no D3D12 adapter: install or update the GPU driver (WebGPU in Node uses Direct3D 12)';
  const loader = /Couldn't load Vulkan: (\S+?):? cannot open shared object file/.exec(stderr);
  if (loader) {
    return `the Vulkan loader ${loader[1]} is missing: install it (Debian/Ubuntu: apt-get install libvulkan1; Fedora/RHEL: dnf install vulkan-loader) or put its folder on LD_LIBRARY_PATH`;
  }
  if (/Found no drivers|VK_ERROR_INCOMPATIBLE_DRIVER/.test(stderr)) {
    return `no Vulkan driver (ICD) found: install the GPU's Vulkan driver (NVIDIA: the driver's nvidia_icd.json; AMD/Intel: mesa-vulkan-drivers), or for a software adapter set VK_ICD_FILENAMES=${SWIFTSHADER_ICD} (Debian's chromium)`;
  }
  const refused = lineMatching(stderr, /required|not supported|unsupported/i);
  if (refused) return `no Vulkan adapter that Dawn accepts (${refused.replace(/^Warning:\s*/, '')}): update the GPU driver`;
  return `no WebGPU adapter: Dawn found no Vulkan device (install the GPU's Vulkan driver and the Vulkan loader ${VULKAN_LOADER}, Debian/Ubuntu: libvulkan1)`;
}

/**
 * The reason loading the `webgpu` addon failed, from the error message of `import('webgpu')`.
 * Names the missing package, a platform the package has no dawn.node for, or the system
 * library dawn.node could not bind (e.g. an older glibc or libstdc++).
 */
export function explainAddonError(message: string, platform: string, arch: string): string {
  if (/Cannot find (package|module) 'webgpu'/.test(message)) return "the npm package 'webgpu' (Dawn for Node) is not installed: run 'npm install webgpu'";
  if (/dawn\.node/.test(message) && /Cannot find module|no such file/i.test(message)) {
    return `the npm package 'webgpu' has no dawn.node for ${platform}-${arch} (it ships linux-x64, linux-arm64, darwin and win32)`;
  }
  const lib = /GLIBC\w*_[\d.]+/.exec(message) ?? /lib[\w.+-]+\.so[\d.]*/.exec(message);
  if (lib) return `dawn.node (npm package 'webgpu') cannot load on this system: it needs ${lib[0]} (${message.split('\n')[0]})`;
  return `dawn.node (npm package 'webgpu') failed to load: ${message.split('\n')[0]}`;
}
