#!/usr/bin/env bash
# Fallback route to a wasm32 standard library when rustup cannot download the target:
# Debian's own Rust (rustc-web 1.96) with a std built once from Debian's own matching source,
# linked into rustup as the toolchain "debian-web". Idempotent (a stamp file marks the built std).
set -euo pipefail
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
say() { printf 'setup (debian route): %s\n' "$*"; }
export DEBIAN_FRONTEND=noninteractive
pkgs=(rustc-web cargo-web rust-web-src lld-19)
need=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  say "apt: installing ${need[*]}"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
v_rustc=$(dpkg-query -W -f='${Version}' rustc-web); v_src=$(dpkg-query -W -f='${Version}' rust-web-src)
[ "$v_rustc" = "$v_src" ] || { echo "rustc-web $v_rustc and rust-web-src $v_src differ; std would not build" >&2; exit 1; }

# Debian's rustc ships no rust-lld: point it at rustup's, else at Debian's lld-19.
lld=/usr/lib/rustlib/x86_64-unknown-linux-gnu/bin/rust-lld
if [ ! -e "$lld" ]; then
  src="$(rustc +stable --print sysroot 2>/dev/null)/lib/rustlib/x86_64-unknown-linux-gnu/bin/rust-lld"
  [ -x "$src" ] || src=/usr/lib/llvm-19/bin/lld
  $SUDO mkdir -p "$(dirname "$lld")"; $SUDO ln -sf "$src" "$lld"
  say "rust-lld -> $src"
fi

libdir=/usr/lib/rustlib/wasm32-unknown-unknown/lib
stamp="$libdir/.newslens-std-$v_rustc"
if [ ! -f "$stamp" ]; then
  say "building std for wasm32 from Debian's source (~40 s)"
  tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && /usr/bin/cargo new -q --lib dummy)
  (cd "$tmp/dummy" && RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 RUSTFLAGS=-Cembed-bitcode=yes \
    /usr/bin/cargo build -q --release --target wasm32-unknown-unknown -Z build-std=std,panic_abort,test)
  $SUDO mkdir -p "$libdir"
  find "$tmp/dummy/target/wasm32-unknown-unknown/release/deps" -name 'lib*.rlib' ! -name 'libdummy-*' \
    -exec $SUDO cp {} "$libdir/" \;
  $SUDO touch "$stamp"
fi
rustup toolchain list | grep -q '^debian-web' || rustup toolchain link debian-web /usr
say "toolchain debian-web ready (RUSTUP_TOOLCHAIN=debian-web)"
