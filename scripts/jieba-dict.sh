#!/usr/bin/env bash
# Writes data/jieba-dict.txt.zst: jieba-rs's own dictionary (src/data/dict.txt of the jieba-rs
# version in Cargo.lock), byte for byte, zstd level 19. newslens embeds this copy instead of
# jieba-rs's `default-dict` feature so that it can load the dictionary in slices (see
# src/segment.rs). Run it after changing the jieba-rs version; a test (segment.rs,
# `embedded_dictionary_is_jieba_rs_own`) fails while the copy differs from jieba-rs's.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v zstd >/dev/null || { echo "jieba-dict: needs the zstd command (apt-get install zstd)" >&2; exit 1; }
manifest=$(cargo metadata --format-version 1 | python3 -c '
import json, sys
print(next(p["manifest_path"] for p in json.load(sys.stdin)["packages"] if p["name"] == "jieba-rs"))')
src="$(dirname "$manifest")/src/data/dict.txt"
zstd -q -19 -f --no-progress -o data/jieba-dict.txt.zst "$src"
echo "jieba-dict: $(wc -l < "$src") words from $src -> data/jieba-dict.txt.zst ($(stat -c %s data/jieba-dict.txt.zst) bytes)"
