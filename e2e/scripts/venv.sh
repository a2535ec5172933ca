# shellcheck shell=bash
# The Python venv for the e2e tools (openapi-spec-validator,
# openapi-python-client), shared by e2e/client/run.sh and
# e2e/scripts/spec-validate.sh.
#
# Source it and call sen_venv_ensure; afterwards $SEN_VENV/bin holds the tools.
# Run directly (bash e2e/scripts/venv.sh) it just ensures the venv and prints
# its path.
#
#   SEN_VENV    venv location (default $HOME/.cache/sen-venv)
#   SEN_PYTHON  interpreter that creates it (default python3; must be >= 3.11)
#
# The venv is (re)built only when e2e/client/requirements.txt or the
# interpreter's version changed: a sha256 of both is kept in
# $SEN_VENV/.sen-requirements.sha256. Concurrent callers serialize on a lock.

SEN_E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SEN_REQUIREMENTS="$SEN_E2E_DIR/client/requirements.txt"
SEN_VENV="${SEN_VENV:-${HOME:-/tmp}/.cache/sen-venv}"

_sen_venv_hash() {
    local pyver
    pyver=$("${SEN_PYTHON:-python3}" -c 'import sys; print(sys.version)') || return 1
    { printf '%s\n' "$pyver"; cat "$SEN_REQUIREMENTS"; } | sha256sum | cut -d' ' -f1
}

_sen_venv_ok() {
    [ -f "$SEN_VENV/.sen-requirements.sha256" ] \
        && [ "$(cat "$SEN_VENV/.sen-requirements.sha256")" = "$1" ] \
        && [ -x "$SEN_VENV/bin/openapi-spec-validator" ] \
        && [ -x "$SEN_VENV/bin/openapi-python-client" ] \
        && "$SEN_VENV/bin/python" -c '' >/dev/null 2>&1
}

_sen_venv_build() {
    local want=$1 py="${SEN_PYTHON:-python3}"
    if ! "$py" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
        echo "venv.sh: $py is $("$py" --version 2>&1); Python >= 3.11 is needed" >&2
        return 1
    fi
    if [ -e "$SEN_VENV" ]; then
        # Only ever delete something that is a venv.
        if [ -f "$SEN_VENV/pyvenv.cfg" ]; then
            rm -rf "$SEN_VENV"
        else
            echo "venv.sh: $SEN_VENV exists and is not a venv; refusing to replace it" >&2
            return 1
        fi
    fi
    echo "venv.sh: installing e2e Python tools into $SEN_VENV" >&2
    mkdir -p "$(dirname "$SEN_VENV")"
    "$py" -m venv "$SEN_VENV" || return 1
    "$SEN_VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
        --no-input -r "$SEN_REQUIREMENTS" >&2 || return 1
    echo "$want" >"$SEN_VENV/.sen-requirements.sha256"
}

sen_venv_ensure() {
    local want
    want=$(_sen_venv_hash) || { echo "venv.sh: no working ${SEN_PYTHON:-python3}" >&2; return 1; }
    if _sen_venv_ok "$want"; then return 0; fi
    mkdir -p "$(dirname "$SEN_VENV")"
    if command -v flock >/dev/null 2>&1; then
        (
            flock 9 || exit 1
            _sen_venv_ok "$want" || _sen_venv_build "$want"
        ) 9>"$SEN_VENV.lock" || return 1
    else
        _sen_venv_build "$want" || return 1
    fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    sen_venv_ensure
    echo "$SEN_VENV"
fi
