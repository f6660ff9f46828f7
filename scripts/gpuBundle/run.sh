#!/usr/bin/env bash
# Activation Lab portable GPU benchmark (built by `npm run bundle:gpu`): trains the comparison
# CNN on WebGPU (Dawn), on wasm and, where python3 has torch with CUDA, in PyTorch on the GPU,
# for a fixed number of batches; prints progress on stderr, then one JSON line on stdout.
# Linux x86-64 only. Needs bash, gzip, tar; no Node, no network. The GPU's Vulkan driver and
# the Vulkan loader (libvulkan.so.1; Debian/Ubuntu: libvulkan1) must be installed.
# Usage: bash run.sh [--quick] [--batches=N] [--batch-size=N] [--warmup=N]
#        bash run.sh <CLI command> [options]   e.g. compare --backend=webgpu --shard=2/4 --out=s2.json
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) ;;
  *) echo "run.sh: this bundle runs on Linux x86-64, not $(uname -s) $(uname -m)" >&2; exit 2 ;;
esac
for tool in gzip tar mktemp; do
  command -v "$tool" >/dev/null 2>&1 || { echo "run.sh: '$tool' is needed to unpack the bundle" >&2; exit 2; }
done
tmp="$(mktemp -d "${TMPDIR:-/tmp}/activation-lab-gpu.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
echo "run.sh: unpacking into $tmp" >&2
gzip -dc "$here/node.gz" > "$tmp/node"
chmod 755 "$tmp/node"
tar -xzf "$here/app.tar.gz" -C "$tmp"
# The Vulkan loader wants a private runtime folder; headless servers often have none.
if [[ -z "${XDG_RUNTIME_DIR:-}" ]]; then
  export XDG_RUNTIME_DIR="$tmp/xdg"
  mkdir -m 700 "$XDG_RUNTIME_DIR"
fi
if [[ $# -gt 0 && "$1" != --* ]]; then
  "$tmp/node" "$tmp/app/cli.js" "$@"
else
  "$tmp/node" "$tmp/app/cli.js" benchmark --torch "$@"
fi
