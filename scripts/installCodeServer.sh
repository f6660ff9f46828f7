#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3, the newest that runs on Node 20) into
# .vscode-test/code-server/, outside the project's dependencies, so `npm ci` stays light.
# Offline-safe: @vscode/ripgrep's postinstall (a GitHub download) is served from a cache
# pre-filled with Debian's /usr/bin/rg. Needs Debian packages libkrb5-dev and ripgrep.
# Prints the path of the code-server binary on its last line. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
version=4.100.3
dir="$PWD/.vscode-test/code-server"
bin="$dir/node_modules/.bin/code-server"
if [[ -x "$bin" ]] && grep -q "\"version\": \"$version\"" "$dir/node_modules/code-server/package.json" 2>/dev/null; then
  echo "$bin"; exit 0
fi
rg_bin="$(command -v rg || true)"
if [[ -z "$rg_bin" ]]; then
  echo "installCodeServer: ripgrep is missing (apt-get install ripgrep)" >&2; exit 1
fi
if [[ ! -e /usr/include/gssapi/gssapi.h ]]; then
  echo "installCodeServer: libkrb5-dev is missing (apt-get install libkrb5-dev)" >&2; exit 1
fi
# @vscode/ripgrep 1.15.11 looks for this tarball before downloading (its lib/download.js).
tmp="${TMPDIR:-/tmp}"
cache="$tmp/vscode-ripgrep-cache-1.15.11"
tarball="$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [[ ! -s "$tarball" ]]; then
  mkdir -p "$cache"
  stage="$(mktemp -d)"
  cp "$rg_bin" "$stage/rg"
  tar -czf "$tarball" -C "$stage" rg
  rm -rf "$stage"
fi
mkdir -p "$dir"
cat > "$dir/package.json" <<JSON
{
  "name": "code-server-cache",
  "private": true,
  "description": "Cache folder for the real-VS-Code tests; see scripts/installCodeServer.sh",
  "allowScripts": {
    "code-server": true, "argon2": true, "kerberos": true, "node-pty": true, "@vscode/ripgrep": true
  }
}
JSON
echo "installCodeServer: npm i code-server@$version into $dir (about a minute)" >&2
# node-pty's postinstall runs `npx node-gyp` (needs npm_config_yes); root needs --unsafe-perm.
( cd "$dir" && npm_config_yes=true npm i "code-server@$version" --unsafe-perm \
    --no-audit --no-fund --no-save --loglevel=error >&2 )
# --version writes a default config under $XDG_CONFIG_HOME; keep it out of ~/.config.
XDG_CONFIG_HOME="$(mktemp -d)" "$bin" --version >&2
echo "$bin"
