# Sourced by the build and test scripts: PATH and the wasm32 route chosen by setup.
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# The Debian route sets RUSTUP_TOOLCHAIN=debian-web for wasm32 builds only.
WASM_ENV=()
if [ -s target/toolchain.env ]; then
  while IFS= read -r kv; do [ -n "$kv" ] && WASM_ENV+=("$kv"); done < target/toolchain.env
fi
wasm_env() { env "${WASM_ENV[@]}" "$@"; }
