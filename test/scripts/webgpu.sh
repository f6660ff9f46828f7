#!/usr/bin/env bash
# WebGPU in Node (Dawn, npm `webgpu`) on Chromium's SwiftShader Vulkan driver: the CLI on
# webgpu, webgpu/wasm/cpu equivalence of the comparison CNN, the portable GPU bundle.
# Needs Debian's chromium (the ICD) and libvulkan1 (the Vulkan loader); see .ci/run.
set -euo pipefail
cd "$(dirname "$0")/../.."
mapfile -t files < <(find test/webgpu -name '*.test.ts' | sort)
exec node --import tsx --test --test-concurrency=1 --test-reporter=spec "${files[@]}"
