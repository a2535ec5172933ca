# e2e/tools.mk — test tooling targets, included by the root Makefile.
# Paths are relative to the repository root (where make runs).
#
# Targets:
#   tools-py        create/refresh the Python venv of the e2e tools
#                   (${SEN_VENV:-$HOME/.cache/sen-venv}; rebuilt only when
#                   e2e/client/requirements.txt changes)
#   docs-assets     npm ci --prefix openapi, when openapi/node_modules is
#                   missing or older than openapi/package*.json
#   pg-start        start a throwaway PostgreSQL in $(SEN_PG_DIR), print its URL
#   pg-url          print the URL of the running cluster
#   pg-stop         stop it and delete $(SEN_PG_DIR)
#   spec-validate   validate $(SEN_SPEC) with openapi-spec-validator
#   client-gen      validate $(SEN_SPEC) and generate + import the Python client
#   client-smoke    client-gen, then smoke-test a running server:
#                   make client-smoke SEN_BASE_URL=http://127.0.0.1:8080
#
# Variables (override on the command line or in the environment):
#   SEN_PG_DIR      cluster dir; must be writable by the postgres user when
#                   make runs as root (so keep it under /tmp)
#   SEN_SPEC        OpenAPI document to validate / generate from
#   SEN_BASE_URL    base URL of a running server, for client-smoke
#   SEN_VENV        venv location (read by the scripts from the environment)
#   E2E_CLIENT_STRICT=0  let the generator skip unsupported parts with a warning

SEN_PG_DIR ?= /tmp/sen-pg-$(shell id -u)
SEN_SPEC ?= openapi/openapi.json
SEN_BASE_URL ?=

E2E_NPM_STAMP := openapi/node_modules/.sen-npm-stamp

.PHONY: tools-py docs-assets pg-start pg-url pg-stop spec-validate client-gen client-smoke

tools-py:
	@bash e2e/scripts/venv.sh

docs-assets: $(E2E_NPM_STAMP)

$(E2E_NPM_STAMP): openapi/package.json openapi/package-lock.json
	npm ci --prefix openapi --ignore-scripts --no-audit --no-fund
	@test -f openapi/node_modules/swagger-ui-dist/swagger-ui-bundle.js
	@touch $@

pg-start:
	@bash e2e/scripts/pg.sh start $(SEN_PG_DIR)

pg-url:
	@bash e2e/scripts/pg.sh url $(SEN_PG_DIR)

pg-stop:
	@bash e2e/scripts/pg.sh stop $(SEN_PG_DIR)

spec-validate: $(SEN_SPEC)
	@bash e2e/scripts/spec-validate.sh $(SEN_SPEC)

client-gen: $(SEN_SPEC)
	@bash e2e/client/run.sh --generate-only $(SEN_SPEC)

client-smoke: $(SEN_SPEC)
	@test -n "$(SEN_BASE_URL)" || { echo "client-smoke: set SEN_BASE_URL to a running server, e.g. make client-smoke SEN_BASE_URL=http://127.0.0.1:8080" >&2; exit 2; }
	@bash e2e/client/run.sh $(SEN_SPEC) $(SEN_BASE_URL)
