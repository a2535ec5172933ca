# Sen's SPA (the `frontend/` crate, Leptos CSR) built to WebAssembly.
#
# Included by the root Makefile; also works on its own from the repository root:
#   make -f frontend/frontend.mk spa && make -f frontend/frontend.mk spa-smoke
#
# Targets
#   spa-toolchain  a wasm32 toolchain (rustup's target, else Debian's rustc-web + build-std),
#                  wasm-bindgen-cli at the version in frontend/Cargo.lock and npm binaryen's
#                  wasm-opt, installed once into $(SEN_TOOLS); instant when all are there
#   spa            release build (opt-level z, LTO), wasm-bindgen, wasm-opt -Oz -> frontend/dist
#   spa-dev        debug build, wasm-bindgen, no wasm-opt                       -> frontend/dist
#   spa-smoke      serve frontend/dist on 127.0.0.1, load it in headless Chromium, check it rendered
#   spa-lint       cargo fmt --check + clippy -D warnings on the frontend crate (needs rustup)
#   spa-clean      remove frontend/dist and the wasm target dirs (keeps the installed tools)
#
# Variables (all may be set on the make command line or in the environment)
#   SEN_TOOLS            tools cache                               [$(HOME)/.cache/sen-tools]
#   SEN_WASM_TARGET_DIR  cargo target dirs of the wasm build, outside the repository, one per
#                        toolchain kind under it (rustup/, debian/)  [$(HOME)/.cache/sen-wasm-target]
#   SEN_WASM_TOOLCHAIN   auto | rustup | debian                                           [auto]
#   SPA_BINARYEN_VERSION npm binaryen that provides wasm-opt                          [132.0.0]
#   SPA_CHROMIUM         Chromium for spa-smoke                        [first one found on PATH]
# The steps themselves are in frontend/scripts/spa.sh (its header explains the toolchain choice).

# Where this file is, so that `make -f path/to/frontend.mk` works from the repository root.
SPA_MK_DIR := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))
# Used on its own (not included)? Then `make -f frontend/frontend.mk` alone builds the SPA;
# included, it leaves the including Makefile's default goal alone.
SPA_STANDALONE := $(if $(filter 1,$(words $(MAKEFILE_LIST))),yes)
SPA_SAVED_DEFAULT_GOAL := $(.DEFAULT_GOAL)

SPA_DIR ?= $(SPA_MK_DIR)
SEN_TOOLS ?= $(HOME)/.cache/sen-tools
SEN_WASM_TARGET_DIR ?= $(HOME)/.cache/sen-wasm-target
SEN_WASM_TOOLCHAIN ?= auto
SPA_BINARYEN_VERSION ?= 132.0.0
SPA_CHROMIUM ?=

SPA_SH = SPA_DIR='$(SPA_DIR)' SEN_TOOLS='$(SEN_TOOLS)' SEN_WASM_TARGET_DIR='$(SEN_WASM_TARGET_DIR)' \
	SEN_WASM_TOOLCHAIN='$(SEN_WASM_TOOLCHAIN)' SPA_BINARYEN_VERSION='$(SPA_BINARYEN_VERSION)' \
	SPA_CHROMIUM='$(SPA_CHROMIUM)' bash '$(SPA_DIR)/scripts/spa.sh'

.PHONY: spa-toolchain spa spa-dev spa-smoke spa-lint spa-clean

spa-toolchain:
	@$(SPA_SH) toolchain

spa: spa-toolchain
	@$(SPA_SH) build release

spa-dev: spa-toolchain
	@$(SPA_SH) build dev

spa-smoke:
	@$(SPA_SH) smoke

spa-lint:
	@$(SPA_SH) lint

spa-clean:
	rm -rf '$(SPA_DIR)/dist' '$(SEN_WASM_TARGET_DIR)/rustup' '$(SEN_WASM_TARGET_DIR)/debian' \
		'$(SEN_WASM_TARGET_DIR)/host-lint'

ifeq ($(SPA_STANDALONE),yes)
.DEFAULT_GOAL := spa
else
.DEFAULT_GOAL := $(SPA_SAVED_DEFAULT_GOAL)
endif
