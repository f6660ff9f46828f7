#!/usr/bin/env bash
# Unit tests (src/core and pure host helpers) in Node's test runner.
set -euo pipefail
cd "$(dirname "$0")/../.."
mapfile -t files < <(find test/unit -name '*.test.ts' | sort)
exec node --import tsx --test --test-reporter=spec "${files[@]}"
