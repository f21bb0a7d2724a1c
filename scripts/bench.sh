#!/usr/bin/env bash
# `make bench`: criterion benches (native), then the Node benchmark of the built package.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cargo bench --locked --bench pipeline
node benches/node-bench.mjs
