#!/usr/bin/env bash
# Writes data/jieba-dict.zst from jieba-rs's own dictionary (src/data/dict.txt of the jieba-rs
# version in Cargo.lock): the words and frequencies, a line per first character (format in
# examples/jieba_dict.rs), zstd level 19. Run it after changing the jieba-rs version; a test
# (segment.rs, `embedded_dictionary_is_jieba_rs_own_and_loads_as_needed`) fails while the
# copy differs from jieba-rs's. `--check` fails if the file is stale instead of writing it.
set -euo pipefail
cd "$(dirname "$0")/.."
manifest=$(cargo metadata --format-version 1 | python3 -c '
import json, sys
print(next(p["manifest_path"] for p in json.load(sys.stdin)["packages"] if p["name"] == "jieba-rs"))')
cargo run --quiet --release --example jieba_dict -- "$(dirname "$manifest")/src/data/dict.txt" "$@"
