#!/usr/bin/env bash
# Builds the npm package into pkg/: wasm-pack (release, web target, wasm-opt from npm
# binaryen), then scripts/finish-pkg.mjs adds the Node entry points, the exports map and docs.
set -euo pipefail
source "$(dirname "$0")/env.sh"
start=$(date +%s)
wasm_env wasm-pack build --release --target web --out-dir pkg --out-name newslens --no-pack
[ -f pkg/newslens_bg.wasm ] || { echo "build-pkg: wasm-pack produced no pkg/newslens_bg.wasm" >&2; exit 1; }
node scripts/finish-pkg.mjs
echo "build-pkg: pkg/ ready in $(( $(date +%s) - start )) s ($(stat -c %s pkg/newslens_bg.wasm) bytes of wasm)"
