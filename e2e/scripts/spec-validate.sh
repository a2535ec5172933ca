#!/usr/bin/env bash
# Validate an OpenAPI document with openapi-spec-validator (exit non-zero if
# it is invalid).   usage: spec-validate.sh SPEC_PATH
set -euo pipefail

if [ $# -ne 1 ]; then
    echo "usage: $0 SPEC_PATH" >&2
    exit 2
fi
SPEC=$1
[ -f "$SPEC" ] || { echo "spec-validate.sh: no such file: $SPEC" >&2; exit 1; }

# shellcheck source=venv.sh
. "$(dirname "${BASH_SOURCE[0]}")/venv.sh"
sen_venv_ensure

# Prints "SPEC: OK" or the first validation error (and exits 1).
"$SEN_VENV/bin/openapi-spec-validator" "$SPEC"
