#!/usr/bin/env bash
# Make a fresh Debian 12 machine ready to build and test newslens; takes seconds when it already is.
# Everything comes through the package registries' own clients (apt, rustup, cargo, npm).
# Prints what it did. Writes target/toolchain.env, which the Makefile reads to pick the wasm32 route.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export PATH="$HOME/.cargo/bin:$PATH"
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
say() { printf 'setup: %s\n' "$*"; }
mkdir -p target

# Seen once on these machines: /dev/null turned into a regular file, which breaks apt.
[ -c /dev/null ] || { $SUDO rm -f /dev/null; $SUDO mknod -m 666 /dev/null c 1 3; }

# --- 1. Debian packages -------------------------------------------------------------------------
# clang+llvm: zstd-sys (inflating the embedded jieba dictionary, data/jieba-dict.zst) compiles C for wasm32; gcc cannot.
# chromium+chromium-driver: headless browser tests; fonts-wqy-zenhei: Chinese glyphs in screenshots.
# Debian's binaryen is deliberately absent: its wasm-opt 108 breaks wasm-bindgen 0.2.13x output.
APT_PKGS=(clang llvm lld chromium chromium-driver fonts-wqy-zenhei)
missing=()
for p in "${APT_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "apt: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  say "apt: ${APT_PKGS[*]} already installed"
fi

# --- 2. The wasm32 standard library: rustup route, else Debian route ---------------------------
wasm_libdir_ok() { [ -d "$(rustc --print target-libdir --target wasm32-unknown-unknown 2>/dev/null)" ]; }
ROUTE=""
if [ "${NEWSLENS_WASM_ROUTE:-}" != debian ]; then
  if wasm_libdir_ok; then
    ROUTE=rustup; say "wasm32: rustup target already installed"
  elif timeout 180 rustup target add wasm32-unknown-unknown >/dev/null 2>&1 && wasm_libdir_ok; then
    ROUTE=rustup; say "wasm32: installed with rustup target add"
  else
    say "wasm32: rustup could not install the target; taking the Debian route"
  fi
fi
if [ -z "$ROUTE" ]; then
  bash scripts/wasm32-debian-route.sh
  ROUTE=debian
fi
if [ "$ROUTE" = debian ]; then
  printf 'RUSTUP_TOOLCHAIN=debian-web\n' > target/toolchain.env
else
  : > target/toolchain.env
fi
say "wasm32 route: $ROUTE"

# --- 3. wasm-bindgen-cli at exactly the Cargo.lock version, and wasm-pack ----------------------
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$WB_VERSION" ] || { echo "setup: cannot read the wasm-bindgen version from Cargo.lock" >&2; exit 1; }
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" = "$WB_VERSION" ]; then
  say "wasm-bindgen-cli $WB_VERSION already installed"
else
  say "cargo install wasm-bindgen-cli $WB_VERSION (takes ~2.5 min)"
  # Not --locked: its lockfile wants a webpki-roots version that the registry index here lacks.
  cargo install -q wasm-bindgen-cli --version "$WB_VERSION" --force
fi
if command -v wasm-pack >/dev/null 2>&1; then
  say "$(wasm-pack --version 2>/dev/null) already installed"
else
  say "cargo install wasm-pack (takes ~3.5 min)"
  cargo install -q wasm-pack --locked
fi

# --- 4. Node packages from the committed lockfile -------------------------------------------------
stamp=node_modules/.newslens-lock
if [ -f "$stamp" ] && cmp -s package-lock.json "$stamp"; then
  say "npm: node_modules matches package-lock.json"
else
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
[ -x node_modules/.bin/wasm-opt ] || { echo "setup: node_modules/.bin/wasm-opt missing (npm binaryen)" >&2; exit 1; }

say "ready: route=$ROUTE wasm-bindgen=$WB_VERSION chromium=$(chromium --version 2>/dev/null | awk '{print $2}') node=$(node --version)"
