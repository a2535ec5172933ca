#!/usr/bin/env bash
# Runs a command against a freshly started `sen` on a free port and a throwaway data dir.
#
#   with-server.sh SEN_BINARY COMMAND [ARGS...]
#
# The command sees SEN_BASE_URL. The server is stopped (and its data dir removed) afterwards,
# whatever the command's outcome; the command's exit code is returned.
set -euo pipefail
BIN=$1; shift
DATA=$(mktemp -d /tmp/sen-e2e-XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
SEN_DATA_DIR=$DATA SEN_BIND=127.0.0.1:$PORT DATABASE_URL= "$BIN" >"$DATA/server.log" 2>&1 &
PID=$!
cleanup() { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$DATA"; }
trap cleanup EXIT
for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
    kill -0 "$PID" 2>/dev/null || { echo "sen exited early:" >&2; cat "$DATA/server.log" >&2; exit 1; }
    sleep 0.1
done
export SEN_BASE_URL=http://127.0.0.1:$PORT
set +e
"$@"
rc=$?
set -e
if [ $rc -ne 0 ]; then echo "--- server log ---" >&2; tail -n 50 "$DATA/server.log" >&2; fi
exit $rc
