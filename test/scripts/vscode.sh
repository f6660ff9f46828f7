#!/usr/bin/env bash
# Real VS Code: the extension-host mocha suite, then the Playwright UI tests, both on
# code-server 4.100.3 (installed on demand into .vscode-test/, offline). Needs a build
# (node esbuild.mjs) and Debian's chromium, ripgrep, libkrb5-dev. Desktop VS Code instead:
# VSCODE_EXECUTABLE_PATH=... node --import tsx test/vscode/runElectron.ts
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/installCodeServer.sh >/dev/null
rc=0
echo "-- extension-host suite (code-server)"
node --import tsx test/vscode/runCodeServer.ts || rc=1
echo "-- UI tests (code-server + chromium; screenshots in test-artifacts/)"
mapfile -t files < <(find test/vscode/ui -name '*.test.ts' | sort)
node --import tsx --test --test-concurrency=1 --test-reporter=spec "${files[@]}" || rc=1
exit "$rc"
