#!/usr/bin/env bash
# Webview behaviour in real headless Chromium (needs a build: npm run build).
set -euo pipefail
cd "$(dirname "$0")/../.."
mapfile -t files < <(find test/browser -name '*.test.ts' | sort)
exec node --import tsx --test --test-concurrency=1 --test-reporter=spec "${files[@]}"
