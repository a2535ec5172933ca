#!/usr/bin/env bash
# Generated-client smoke test.
#
#   run.sh SPEC_PATH BASE_URL       validate the spec, generate a Python client
#                                   from it and run smoke.py against BASE_URL
#   run.sh --generate-only SPEC_PATH
#                                   validate, generate and import the client
#                                   (no server needed)
#
# The client goes to e2e/client/generated/sen_client (gitignored), rebuilt
# from scratch every run. The tools live in ${SEN_VENV:-$HOME/.cache/sen-venv}
# (see e2e/scripts/venv.sh).
#
#   E2E_CLIENT_STRICT=0   let the generator skip what it can't handle (with a
#                         warning) instead of failing; default 1 (fail)
set -euo pipefail

usage() {
    echo "usage: $0 SPEC_PATH BASE_URL | $0 --generate-only SPEC_PATH" >&2
    exit 2
}

GENERATE_ONLY=0
if [ "${1:-}" = "--generate-only" ]; then
    GENERATE_ONLY=1
    shift
    [ $# -eq 1 ] || usage
else
    [ $# -eq 2 ] || usage
fi
SPEC=$1
BASE_URL=${2:-}
[ -f "$SPEC" ] || { echo "run.sh: no such file: $SPEC" >&2; exit 1; }
SPEC=$(cd "$(dirname "$SPEC")" && pwd)/$(basename "$SPEC")

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT="$HERE/generated"

# shellcheck source=../scripts/venv.sh
. "$HERE/../scripts/venv.sh"
sen_venv_ensure
export PATH="$SEN_VENV/bin:$PATH"

echo "== validate $SPEC" >&2
"$HERE/../scripts/spec-validate.sh" "$SPEC" >&2

echo "== generate client into $OUT/sen_client" >&2
strict=()
[ "${E2E_CLIENT_STRICT:-1}" = "0" ] || strict=(--fail-on-warning)
rm -rf "$OUT"
mkdir -p "$OUT"
(
    cd "$OUT"
    openapi-python-client generate --path "$SPEC" --meta none \
        --output-path "$OUT/sen_client" --config "$HERE/config.yaml" \
        --overwrite "${strict[@]}"
) >&2

export PYTHONPATH="$OUT${PYTHONPATH:+:$PYTHONPATH}"
export PYTHONDONTWRITEBYTECODE=1

if [ "$GENERATE_ONLY" -eq 1 ]; then
    "$SEN_VENV/bin/python" -c '
import sen_client
from sen_client import Client, AuthenticatedClient
from sen_client.api.auth import auth_signup, auth_login, auth_refresh
from sen_client.api.me import me_get
print("client generated and importable:", sen_client.__file__)
'
    exit 0
fi

echo "== smoke against $BASE_URL" >&2
exec "$SEN_VENV/bin/python" "$HERE/smoke.py" "$BASE_URL"
