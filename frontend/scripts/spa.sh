#!/usr/bin/env bash
# Build steps of Sen's SPA (the `frontend/` crate) for wasm32; called by frontend.mk.
#
#   spa.sh toolchain        make sure a wasm32 toolchain, wasm-bindgen-cli and wasm-opt exist
#   spa.sh build release    cargo build --release, wasm-bindgen, wasm-opt -Oz  -> $SPA_DIR/dist
#   spa.sh build dev        cargo build (debug), wasm-bindgen, no wasm-opt     -> $SPA_DIR/dist
#   spa.sh smoke            serve $SPA_DIR/dist on 127.0.0.1, load it in headless Chromium and
#                           check the app rendered (and, with chromedriver, that it reacts)
#   spa.sh lint             cargo fmt --check and cargo clippy -D warnings (rustup's tools)
#
# Environment (frontend.mk passes all of them; the defaults are the same):
#   SPA_DIR              the frontend crate, relative to the current directory   [frontend]
#   SEN_TOOLS            cache for wasm-bindgen-cli and npm's binaryen   [~/.cache/sen-tools]
#   SEN_WASM_TARGET_DIR  cargo target dirs of the wasm build, one per toolchain kind
#                        ($SEN_WASM_TARGET_DIR/rustup, .../debian)  [~/.cache/sen-wasm-target]
#   SEN_WASM_TOOLCHAIN   auto | rustup | debian                                         [auto]
#   SPA_BINARYEN_VERSION npm binaryen version providing wasm-opt                    [132.0.0]
#   SPA_RUSTUP           the rustup command                                           [rustup]
#   SPA_CHROMIUM         the Chromium command for `smoke`             [first one on PATH]
#
# Toolchain choice (`auto`), in this order:
#   1. rustup's active toolchain has the wasm32-unknown-unknown target -> use it as is;
#   2. else `rustup target add wasm32-unknown-unknown` -> if it works, use that;
#   3. else Debian's rustc-web (1.96) + its std source, built with -Zbuild-std under
#      RUSTC_BOOTSTRAP=1 and linked by rust-lld (apt-get installs them when missing, as root).
# The choice is written to $SEN_TOOLS/spa-toolchain. Once step 2 has failed and the Debian
# toolchain is in use, later runs do not retry step 2 (it can hang on a closed network): run
# with SEN_WASM_TOOLCHAIN=rustup, or delete that file, to try rustup again.
# All build-std/linker/bootstrap settings are passed on the cargo command line here, so nothing
# leaks into the host builds of the root workspace.
set -euo pipefail

SPA_DIR=${SPA_DIR:-frontend}
SEN_TOOLS=${SEN_TOOLS:-$HOME/.cache/sen-tools}
SEN_WASM_TARGET_DIR=${SEN_WASM_TARGET_DIR:-$HOME/.cache/sen-wasm-target}
SEN_WASM_TOOLCHAIN=${SEN_WASM_TOOLCHAIN:-auto}
SPA_BINARYEN_VERSION=${SPA_BINARYEN_VERSION:-132.0.0}
SPA_RUSTUP=${SPA_RUSTUP:-rustup}

WASM_TARGET=wasm32-unknown-unknown
BIN=sen-frontend   # cargo's artifact: $SPA_DIR/Cargo.toml's binary (the package name)
CRATE=sen_frontend # what dist/pkg/ calls it: sen_frontend.js, sen_frontend_bg.wasm
TOOLCHAIN_FILE=$SEN_TOOLS/spa-toolchain
WASM_BINDGEN=$SEN_TOOLS/bin/wasm-bindgen
WASM_OPT=$SEN_TOOLS/npm/node_modules/.bin/wasm-opt
DEBIAN_PACKAGES=(rustc-web cargo-web rust-web-src rust-web-llvm lld-22)

t0=$SECONDS
say() { echo "spa: [$((SECONDS - t0))s] $*" >&2; }
die() {
  echo "spa: error: $*" >&2
  exit 1
}

# --- toolchain -------------------------------------------------------------------------------

# The toolchain rustup would use in the current directory (where make runs cargo from).
rustup_toolchain() {
  command -v "$SPA_RUSTUP" >/dev/null 2>&1 || return 1
  local tc
  tc=$("$SPA_RUSTUP" show active-toolchain 2>/dev/null | awk 'NR == 1 { print $1 }') || return 1
  [ -n "$tc" ] && echo "$tc"
}

rustup_has_wasm() {
  "$SPA_RUSTUP" target list --installed --toolchain "$1" 2>/dev/null | grep -qx "$WASM_TARGET"
}

debian_packages_installed() {
  dpkg -s "${DEBIAN_PACKAGES[@]}" >/dev/null 2>&1
}

# Debian's compiler must come with its own std source: build-std needs the exact same version.
debian_toolchain_ok() {
  [ -x /usr/bin/cargo ] && [ -x /usr/bin/rustc ] && command -v rust-lld >/dev/null 2>&1 || return 1
  local sysroot
  sysroot=$(/usr/bin/rustc --print sysroot 2>/dev/null) || return 1
  [ -f "$sysroot/lib/rustlib/src/rust/library/Cargo.lock" ]
}

install_debian_toolchain() {
  if debian_packages_installed && debian_toolchain_ok; then return 0; fi
  command -v apt-get >/dev/null 2>&1 ||
    die "no wasm32 toolchain: install rustup and run 'rustup target add $WASM_TARGET'"
  [ "$(id -u)" = 0 ] ||
    die "no wasm32 toolchain: run 'rustup target add $WASM_TARGET', or as root:" \
      "apt-get install ${DEBIAN_PACKAGES[*]}"
  say "apt-get install ${DEBIAN_PACKAGES[*]}"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${DEBIAN_PACKAGES[@]}" >&2
  debian_toolchain_ok ||
    die "Debian's rustc-web is installed but /usr/bin/cargo, rust-lld or the std source" \
      "under \$(rustc --print sysroot)/lib/rustlib/src/rust/library is missing"
}

choose_toolchain() {
  local tc previous
  previous=$(cat "$TOOLCHAIN_FILE" 2>/dev/null || true)
  case $SEN_WASM_TOOLCHAIN in
    auto | rustup)
      if tc=$(rustup_toolchain); then
        if rustup_has_wasm "$tc"; then
          echo "rustup $tc"
          return
        fi
        if [ "$SEN_WASM_TOOLCHAIN" = rustup ] || [ "$previous" != debian ]; then
          say "rustup target add $WASM_TARGET --toolchain $tc"
          if "$SPA_RUSTUP" target add "$WASM_TARGET" --toolchain "$tc" >&2 && rustup_has_wasm "$tc"; then
            echo "rustup $tc"
            return
          fi
          [ "$SEN_WASM_TOOLCHAIN" = rustup ] && die "rustup could not add the $WASM_TARGET target"
          say "rustup could not add $WASM_TARGET; falling back to Debian's rustc-web"
        fi
      fi
      [ "$SEN_WASM_TOOLCHAIN" = rustup ] && die "no rustup toolchain found"
      install_debian_toolchain
      echo debian
      ;;
    debian)
      install_debian_toolchain
      echo debian
      ;;
    *) die "SEN_WASM_TOOLCHAIN must be auto, rustup or debian, not '$SEN_WASM_TOOLCHAIN'" ;;
  esac
}

# Sets TC_KIND (rustup|debian), TC_NAME (rustup toolchain) and CARGO_CMD (an array) for a kind.
set_cargo() {
  TC_KIND=${1%% *}
  TC_NAME=${1#* }
  case $TC_KIND in
    rustup)
      CARGO_CMD=(env -u RUSTC -u RUSTDOC "$SPA_RUSTUP" run "$TC_NAME" cargo)
      ;;
    debian)
      # Debian's cargo/rustc ahead of rustup's proxies; the bootstrap switch lets this stable
      # compiler accept -Zbuild-std. Only for this one command.
      CARGO_CMD=(env -u RUSTUP_TOOLCHAIN "PATH=/usr/bin:$PATH" CARGO=/usr/bin/cargo
        RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 /usr/bin/cargo)
      ;;
    *) die "bad toolchain record '$1' in $TOOLCHAIN_FILE: delete it and run make spa-toolchain" ;;
  esac
}

# The version of the wasm-bindgen crate in the frontend's Cargo.lock.
locked_wasm_bindgen_version() {
  local lock=$SPA_DIR/Cargo.lock v
  [ -f "$lock" ] || die "$lock is missing"
  v=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' "$lock")
  [ -n "$v" ] || die "no wasm-bindgen package in $lock"
  echo "$v"
}

installed_binaryen_version() {
  sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' \
    "$SEN_TOOLS/npm/node_modules/binaryen/package.json" 2>/dev/null | head -n 1
}

cmd_toolchain() {
  mkdir -p "$SEN_TOOLS"
  local choice
  choice=$(choose_toolchain)
  echo "$choice" >"$TOOLCHAIN_FILE"
  set_cargo "$choice"
  say "wasm32 toolchain: $choice ($("${CARGO_CMD[@]}" --version))"

  local wb
  wb=$(locked_wasm_bindgen_version)
  if ! "$WASM_BINDGEN" --version 2>/dev/null | grep -qx "wasm-bindgen $wb"; then
    say "cargo install wasm-bindgen-cli $wb into $SEN_TOOLS (about 12 minutes on 2 cores)"
    # No --locked: the CLI's own lockfile can pin crate versions a registry mirror lacks.
    "${CARGO_CMD[@]}" install wasm-bindgen-cli --version "=$wb" --root "$SEN_TOOLS" --force
  fi
  "$WASM_BINDGEN" --version | grep -qx "wasm-bindgen $wb" ||
    die "$WASM_BINDGEN is not version $wb"

  # Not a distribution's binaryen: Debian's 108 corrupts wasm-bindgen's output.
  if [ "$(installed_binaryen_version)" != "$SPA_BINARYEN_VERSION" ] || [ ! -x "$WASM_OPT" ]; then
    command -v npm >/dev/null 2>&1 || die "npm is needed for wasm-opt (npm binaryen@$SPA_BINARYEN_VERSION)"
    say "npm install binaryen@$SPA_BINARYEN_VERSION into $SEN_TOOLS/npm"
    npm install --prefix "$SEN_TOOLS/npm" --no-audit --no-fund --loglevel=error \
      "binaryen@$SPA_BINARYEN_VERSION" >&2
  fi
  say "tools: $("$WASM_BINDGEN" --version), wasm-opt $("$WASM_OPT" --version | awk '{ print $3 }')"
}

# --- build -----------------------------------------------------------------------------------

size() { wc -c <"$1" | tr -d ' '; }

cmd_build() {
  local profile=${1:-release}
  case $profile in release | dev) ;; *) die "build: profile must be release or dev" ;; esac
  [ -f "$TOOLCHAIN_FILE" ] || die "no $TOOLCHAIN_FILE: run make spa-toolchain first"
  set_cargo "$(cat "$TOOLCHAIN_FILE")"

  local target_dir=$SEN_WASM_TARGET_DIR/$TC_KIND
  local cargo_args=(build --manifest-path "$SPA_DIR/Cargo.toml" --target "$WASM_TARGET"
    --target-dir "$target_dir")
  [ "$profile" = release ] && cargo_args+=(--release)
  # Leptos's `erase_components`: every component, fragment, attribute list and reactive child
  # closure is type-erased (AnyView, Vec, one shared closure type per output), so the view code
  # is not monomorphized once per nested tuple type and closure. The web app is about a fifth
  # smaller (gzipped wasm) for the same DOM. Target artifacts only (not build scripts/macros).
  # A RUSTFLAGS in the environment replaces build.rustflags altogether: then the cfg joins it.
  if [ -n "${RUSTFLAGS:-}" ]; then
    export RUSTFLAGS="$RUSTFLAGS --cfg erase_components"
  else
    cargo_args+=(--config 'build.rustflags=["--cfg", "erase_components"]')
  fi
  if [ "$TC_KIND" = debian ]; then
    # Keep these flags identical between runs: any change rebuilds std (minutes).
    cargo_args+=(-Zbuild-std=std,panic_abort
      --config "target.$WASM_TARGET.linker=\"rust-lld\"")
  fi
  say "cargo ${cargo_args[*]}"
  "${CARGO_CMD[@]}" "${cargo_args[@]}"

  local out_dir=$target_dir/$WASM_TARGET/$([ "$profile" = release ] && echo release || echo debug)
  local raw=$out_dir/$BIN.wasm
  [ -f "$raw" ] || die "cargo produced no $raw"

  # wasm-bindgen + wasm-opt into a per-profile cache next to cargo's output; redone only when
  # the wasm or the tools changed, so a no-change `make spa` costs only cargo's freshness check.
  local pkg=$out_dir/spa-pkg
  local stamp_want
  stamp_want="$profile $("$WASM_BINDGEN" --version) binaryen-$(installed_binaryen_version)"
  if [ ! -f "$pkg/.stamp" ] || [ "$raw" -nt "$pkg/.stamp" ] || [ "$(cat "$pkg/.stamp")" != "$stamp_want" ]; then
    local tmp=$out_dir/spa-pkg.tmp
    rm -rf "$tmp"
    local bindgen_args=(--target web --no-typescript --out-dir "$tmp" --out-name "$CRATE")
    [ "$profile" = release ] && bindgen_args+=(--remove-name-section --remove-producers-section)
    say "wasm-bindgen ${bindgen_args[*]}"
    "$WASM_BINDGEN" "${bindgen_args[@]}" "$raw"
    local bg=$tmp/${CRATE}_bg.wasm
    echo "spa: $BIN.wasm: cargo $(size "$raw") B, after wasm-bindgen $(size "$bg") B" >&2
    if [ "$profile" = release ]; then
      say "wasm-opt -Oz"
      "$WASM_OPT" -Oz "$bg" -o "$bg.opt"
      mv "$bg.opt" "$bg"
    fi
    echo "$stamp_want" >"$tmp/.stamp"
    rm -rf "$pkg"
    mv "$tmp" "$pkg"
  fi

  local dist=$SPA_DIR/dist
  rm -rf "$dist"
  mkdir -p "$dist/pkg"
  cp "$pkg/$CRATE.js" "$pkg/${CRATE}_bg.wasm" "$dist/pkg/"
  cp "$SPA_DIR/index.html" "$SPA_DIR/style.css" "$dist/"
  local wasm=$dist/pkg/${CRATE}_bg.wasm
  echo "spa: built $dist ($profile, $TC_KIND toolchain): ${CRATE}_bg.wasm $(size "$wasm") B," \
    "gzip -9 $(gzip -9c "$wasm" | wc -c | tr -d ' ') B; ${CRATE}.js $(size "$dist/pkg/$CRATE.js") B" >&2
}

# --- lint ------------------------------------------------------------------------------------

# rustfmt and clippy come from rustup (Debian's rustc-web has neither). Clippy checks the
# wasm32 build when rustup has that target, else the host build of the same code (the app has
# no wasm-only cfgs), so it needs no wasm32 std.
cmd_lint() {
  local tc
  tc=$(rustup_toolchain) || die "spa-lint needs rustup (for rustfmt and clippy)"
  say "cargo fmt --check"
  env -u RUSTC -u RUSTDOC "$SPA_RUSTUP" run "$tc" cargo fmt --manifest-path "$SPA_DIR/Cargo.toml" --check
  local args=(clippy --manifest-path "$SPA_DIR/Cargo.toml" --all-targets)
  if rustup_has_wasm "$tc"; then
    args+=(--target "$WASM_TARGET" --target-dir "$SEN_WASM_TARGET_DIR/rustup")
  else
    args+=(--target-dir "$SEN_WASM_TARGET_DIR/host-lint")
  fi
  say "cargo ${args[*]} -- -D warnings"
  env -u RUSTC -u RUSTDOC "$SPA_RUSTUP" run "$tc" cargo "${args[@]}" -- -D warnings
}

# --- smoke test ------------------------------------------------------------------------------

find_chromium() {
  local c
  for c in ${SPA_CHROMIUM:-} chromium chromium-browser google-chrome-stable google-chrome; do
    if command -v "$c" >/dev/null 2>&1; then
      command -v "$c"
      return
    fi
  done
  return 1
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

cmd_smoke() {
  local dist=$SPA_DIR/dist
  [ -f "$dist/index.html" ] && [ -f "$dist/pkg/${CRATE}_bg.wasm" ] || die "no $dist: run make spa first"
  local chromium
  if ! chromium=$(find_chromium); then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      say "apt-get install chromium chromium-driver"
      apt-get update -qq >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        chromium chromium-driver >&2
    fi
    chromium=$(find_chromium) || die "no Chromium found (set SPA_CHROMIUM)"
  fi

  # Globals, not locals: the EXIT trap runs after this function has returned.
  SMOKE_WORK="" SMOKE_HTTP_PID=""
  trap '[ -z "$SMOKE_HTTP_PID" ] || kill "$SMOKE_HTTP_PID" 2>/dev/null; [ -z "$SMOKE_WORK" ] || rm -rf "$SMOKE_WORK"' EXIT
  local work port
  work=$(mktemp -d "${TMPDIR:-/tmp}/sen-spa-smoke.XXXXXX")
  SMOKE_WORK=$work
  port=$(free_port)
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$dist" >"$work/http.log" 2>&1 &
  SMOKE_HTTP_PID=$!
  local i
  for i in $(seq 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    kill -0 "$SMOKE_HTTP_PID" 2>/dev/null || die "the static server did not start: $(cat "$work/http.log")"
    sleep 0.1
  done
  local url=http://127.0.0.1:$port/
  say "loading $url in $chromium"
  # Without --virtual-time-budget Chromium would dump the DOM before the wasm ran; with it the
  # page settles (wasm load, mount, the /health fetch) on a virtual clock first.
  timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile" --virtual-time-budget=5000 --dump-dom "$url" \
    >"$work/dom.html" 2>"$work/chromium.log" || true

  if ! python3 "$SPA_DIR/scripts/spa_smoke.py" dom "$work/dom.html"; then
    echo "--- DOM (first 40 lines) ---" >&2
    head -n 40 "$work/dom.html" >&2
    echo "--- chromium log (last 20 lines) ---" >&2
    tail -n 20 "$work/chromium.log" >&2
    exit 1
  fi

  # Interaction (language switch) through WebDriver, when chromedriver is there.
  local driver
  driver=$(command -v chromedriver || true)
  if [ -z "$driver" ]; then
    echo "spa-smoke: no chromedriver: language-switch click test skipped" >&2
  else
    python3 "$SPA_DIR/scripts/spa_smoke.py" click --chromedriver "$driver" --chromium "$chromium" \
      --url "$url" --work "$work"
  fi
  echo "spa-smoke: OK" >&2
}

case ${1:-} in
  toolchain) cmd_toolchain ;;
  build) cmd_build "${2:-release}" ;;
  smoke) cmd_smoke ;;
  lint) cmd_lint ;;
  *) die "usage: $0 toolchain | build release|dev | smoke | lint" ;;
esac
