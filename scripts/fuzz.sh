#!/usr/bin/env bash
# Runs each cargo-fuzz target for FUZZ_SECONDS (default 60) with nightly Rust.
# Needs `cargo install cargo-fuzz`. Crashes land in fuzz/artifacts/<target>/; turn each one into a
# regression test (tests/ or the module's unit tests) before fixing it.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${FUZZ_SECONDS:-60}
for t in split_sentences segment analyze config; do
  mkdir -p "fuzz/corpus/$t"
  [ -d "fuzz/seeds/$t" ] && cp -n fuzz/seeds/"$t"/* "fuzz/corpus/$t/" 2>/dev/null || true
  echo "== fuzz $t for ${secs}s"
  cargo +nightly fuzz run -O "$t" "fuzz/corpus/$t" -- -max_total_time="$secs" -max_len=4096 -rss_limit_mb=4096 2>&1 | tail -4
done
