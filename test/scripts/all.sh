#!/usr/bin/env bash
# Every test suite: type-check, lint (ESLint with the zone fences), unit (Node), build,
# WebGPU in Node (SwiftShader), browser (headless Chromium), real VS Code (code-server +
# Playwright). The README's test command runs this.
set -euo pipefail
cd "$(dirname "$0")/../.."
echo "== type-check"; npm run --silent typecheck
echo "== lint"; npm run --silent lint
echo "== unit"; bash test/scripts/unit.sh
echo "== build"; node esbuild.mjs
echo "== webgpu"; bash test/scripts/webgpu.sh
echo "== browser"; bash test/scripts/browser.sh
echo "== real VS Code"; bash test/scripts/vscode.sh
