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
        test-openapi test-smoke test-e2e bench clean

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
test: check test-rust test-pg test-openapi test-smoke test-e2e

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

test-e2e: spa spa-smoke

clean:
	$(CARGO) clean
	rm -rf data frontend/dist e2e/client/generated
