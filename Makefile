# Sen — build, run and test. `make run` serves on SQLite; `make test` runs everything.
SHELL := /bin/bash
.DEFAULT_GOAL := help

CARGO ?= cargo
TARGET_DIR := $(or $(CARGO_TARGET_DIR),$(CURDIR)/target)
SEN_BIN := $(TARGET_DIR)/release/sen
SEN_DEBUG_BIN := $(TARGET_DIR)/debug/sen

include e2e/tools.mk
-include frontend/frontend.mk

.PHONY: help setup build run openapi check fmt lint deps-guard test test-rust test-pg \
        test-openapi test-smoke test-e2e bench bench-small clean

help:
	@echo "make setup   install what a fresh Debian machine lacks (apt, npm, python tools)"
	@echo "make run     build the API and the web app, serve at http://127.0.0.1:8080 (SQLite)"
	@echo "make test    every check and test: lint, unit, integration on SQLite and PostgreSQL,"
	@echo "             OpenAPI drift + validation + generated client, browser end-to-end"
	@echo "make check   rustfmt, clippy -D warnings, dependency direction"
	@echo "make openapi regenerate openapi/openapi.json"

## setup: system packages (root), npm and Python tooling. Idempotent.
setup: docs-assets tools-py
	@command -v psql >/dev/null && test -x /usr/lib/postgresql/15/bin/initdb \
	  || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 postgresql-contrib-15; }
	@command -v chromium >/dev/null \
	  || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver; }

build:
	$(CARGO) build --release -p sen-api --bin sen

## run: the SPA (when its toolchain is available) + docs assets + the server, on ./data/sen.db.
run: docs-assets spa build
	$(SEN_BIN)

openapi:
	$(CARGO) run -q -p sen-api --bin gen-openapi

check: fmt lint deps-guard

fmt:
	$(CARGO) fmt --all -- --check

lint:
	$(CARGO) clippy --workspace --all-targets -- -D warnings

## The domain and the DTOs stay free of IO: no database or web framework under them.
deps-guard:
	@for crate in sen-domain sen-api-types; do \
	  for dep in sea-orm sqlx actix-web tokio; do \
	    if $(CARGO) tree -p $$crate -e normal -i $$dep >/dev/null 2>&1; then \
	      echo "dependency guard: $$crate depends on $$dep" >&2; exit 1; fi; \
	  done; \
	done; echo "dependency guard: ok"

## test: everything CI runs.
test: check test-rust test-pg test-openapi test-smoke test-e2e bench-small

test-rust:
	$(CARGO) test --workspace

test-pg:
	@set -e; url=$$(bash e2e/scripts/pg.sh start $(SEN_PG_DIR)); \
	trap 'bash e2e/scripts/pg.sh stop $(SEN_PG_DIR)' EXIT; \
	echo "integration suite on PostgreSQL ($$url)"; \
	SEN_TEST_PG_URL=$$url $(CARGO) test -p sen-api --test it

test-openapi: spec-validate
	$(CARGO) test -p sen-api --test it openapi::

## The generated client and curl run against a real server started from the built binary.
test-smoke: docs-assets
	$(CARGO) build -p sen-api --bin sen
	bash e2e/scripts/with-server.sh $(SEN_DEBUG_BIN) bash e2e/scripts/curl-smoke.sh
	bash e2e/scripts/with-server.sh $(SEN_DEBUG_BIN) bash -c 'bash e2e/client/run.sh $(SEN_SPEC) $$SEN_BASE_URL'

## The web app: release SPA, its smoke check, then the browser suite (Playwright driving Debian's
## Chromium) against a fresh server serving that SPA. npm ci only when the lockfile changed.
## Access tokens live 5 s there, so the suite also exercises the silent token refresh.
test-e2e: spa
	$(CARGO) build -p sen-api --bin sen
	@stamp=e2e/browser/node_modules/.sen-npm-stamp; \
	if [ ! -f $$stamp ] || [ e2e/browser/package.json -nt $$stamp ] || [ e2e/browser/package-lock.json -nt $$stamp ]; then \
	  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix e2e/browser --ignore-scripts --no-audit --no-fund && touch $$stamp; \
	fi
	$(MAKE) --no-print-directory spa-smoke
	SEN_STATIC_DIR=$(CURDIR)/frontend/dist SEN_ACCESS_TTL_SECS=5 \
	  bash e2e/scripts/with-server.sh $(SEN_DEBUG_BIN) node e2e/browser/run.mjs

## bench: the records benchmark (crates/bench) on SQLite and on a throwaway PostgreSQL cluster,
## 1,000,000 contacts; report in $(TARGET_DIR)/bench/records.md. bench-small: 20,000 contacts
## with every answer checked, for `make test`. BENCH_PROFILE=dev skips the release build.
## BENCH_ARGS adds sen-bench flags, e.g. BENCH_ARGS="--sections records --engines postgres".
BENCH_PROFILE ?= release
# The benchmark's PostgreSQL caches like a production server (a quarter of a small one's RAM),
# not like the 128 MB default: a million contacts do not fit in that.
BENCH_PG_SHARED_BUFFERS ?= 2GB
BENCH_BIN = $(TARGET_DIR)/$(if $(filter dev,$(BENCH_PROFILE)),debug,$(BENCH_PROFILE))/sen-bench

# $(call bench-run,ARGS): build sen-bench, start PostgreSQL in a fresh dir under /tmp, run both
# engines, and stop the cluster on the way out whatever happened.
define bench-run
	$(CARGO) build --profile $(BENCH_PROFILE) -p sen-bench
	@set -e; dir=$$(mktemp -d /tmp/sen-bench-pg.XXXXXX); \
	trap "bash e2e/scripts/pg.sh stop $$dir" EXIT; \
	url=$$(SEN_PG_SHARED_BUFFERS=$(BENCH_PG_SHARED_BUFFERS) bash e2e/scripts/pg.sh start $$dir); \
	$(BENCH_BIN) --engines sqlite,postgres --pg-url "$$url" $(1)
endef

bench:
	$(call bench-run,--rows 1000000 --out $(TARGET_DIR)/bench/records.md $(BENCH_ARGS))

bench-small:
	$(call bench-run,--rows 20000 --iterations 30 --check --out $(TARGET_DIR)/bench/records-small.md)

clean:
	$(CARGO) clean
	rm -rf data frontend/dist e2e/client/generated
