#!/usr/bin/env bash
# Throwaway PostgreSQL cluster for tests.
#
#   pg.sh start DIR   create (or reuse) a cluster in DIR, start it on a free
#                     127.0.0.1 port, print its URL on stdout (also in DIR/url)
#   pg.sh stop DIR    stop it (pg_ctl stop -m fast) and remove DIR; a missing
#                     DIR is not an error
#   pg.sh url DIR     print the URL of a running cluster (exit 1 if not running)
#   pg.sh status DIR  exit 0 when the cluster in DIR is running
#
# Layout of DIR: data/ (PGDATA), sock/ (unix socket), log, url, port, and a
# .sen-pg marker; `stop` refuses to delete a non-empty DIR without the marker.
#
# initdb refuses to run as root, so as root every server-side command runs as
# the `postgres` user and DIR is chowned to it (DIR's parents must be
# traversable by postgres: /tmp is fine, /root is not).
#
# Environment:
#   SEN_PG_BINDIR   directory with initdb/pg_ctl (default: pg_config --bindir,
#                   else /usr/lib/postgresql/15/bin, else the newest installed)
#   SEN_PG_PORT     use this port instead of picking a free one
#   SEN_PG_MAX_CONNECTIONS  (default 200)
#   SEN_PG_SHARED_BUFFERS   (default 128MB, PostgreSQL's own; the benchmark sizes it like a
#                           production server's)
#   SEN_PG_USER     OS user to run the server as when root (default postgres)
set -euo pipefail

PROG=pg.sh
die() { echo "$PROG: $*" >&2; exit 1; }
log() { echo "$PROG: $*" >&2; }

usage() {
    echo "usage: $PROG {start|stop|url|status} DIR" >&2
    exit 2
}

[ $# -eq 2 ] || usage
CMD=$1
DIR=$2
[ -n "$DIR" ] || usage
case "$DIR" in /) die "refusing to use / as the cluster dir" ;; esac
# Absolute path (the server gets its socket dir and PGDATA from it).
case "$DIR" in /*) ;; *) DIR="$PWD/$DIR" ;; esac
DIR="${DIR%/}"

DATA="$DIR/data"
SOCK="$DIR/sock"
LOGFILE="$DIR/log"
MARKER="$DIR/.sen-pg"
RUN_AS="${SEN_PG_USER:-postgres}"

find_bindir() {
    local d
    if [ -n "${SEN_PG_BINDIR:-}" ]; then
        [ -x "$SEN_PG_BINDIR/initdb" ] || die "SEN_PG_BINDIR=$SEN_PG_BINDIR has no initdb"
        echo "$SEN_PG_BINDIR"; return
    fi
    # Prefer 15 (the version the project targets), then pg_config, then newest.
    if [ -x /usr/lib/postgresql/15/bin/initdb ]; then
        echo /usr/lib/postgresql/15/bin; return
    fi
    if command -v pg_config >/dev/null 2>&1; then
        d=$(pg_config --bindir 2>/dev/null || true)
        if [ -n "$d" ] && [ -x "$d/initdb" ]; then echo "$d"; return; fi
    fi
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
        if [ -x "$d/initdb" ]; then echo "$d"; return; fi
    done
    if command -v initdb >/dev/null 2>&1; then
        dirname "$(command -v initdb)"; return
    fi
    die "no PostgreSQL server binaries found (install them: apt-get install -y postgresql-15 postgresql-contrib)"
}

IS_ROOT=0
[ "$(id -u)" -eq 0 ] && IS_ROOT=1

# Run a command as the cluster owner (postgres when we are root), from a
# directory that user can read.
as_owner() {
    if [ "$IS_ROOT" -eq 1 ]; then
        if command -v runuser >/dev/null 2>&1; then
            (cd "$DIR" && runuser -u "$RUN_AS" -- "$@")
        else
            local q
            q=$(printf '%q ' "$@")
            (cd "$DIR" && su -s /bin/sh "$RUN_AS" -c "$q")
        fi
    else
        (cd "$DIR" && "$@")
    fi
}

is_running() {
    [ -f "$DATA/PG_VERSION" ] || return 1
    [ -f "$DATA/postmaster.pid" ] || return 1
    as_owner "$BINDIR/pg_ctl" -D "$DATA" status >/dev/null 2>&1 || return 1
    # A killed postmaster can linger as a zombie that still passes pg_ctl's
    # pid check: also ask the server itself (0 = accepting, 1 = starting).
    if [ -f "$DIR/port" ]; then
        local rc=0
        "$BINDIR/pg_isready" -q -h "$SOCK" -p "$(cat "$DIR/port")" -U postgres -d postgres -t 5 || rc=$?
        [ "$rc" -le 1 ] || return 1
    fi
}

url_for_port() { echo "postgres://postgres@127.0.0.1:$1/postgres"; }

free_port() {
    if [ -n "${SEN_PG_PORT:-}" ]; then echo "$SEN_PG_PORT"; return; fi
    local py p i
    for py in python3 python; do
        if command -v "$py" >/dev/null 2>&1; then
            p=$("$py" - <<'EOF' 2>/dev/null || true
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
EOF
)
            if [ -n "$p" ]; then echo "$p"; return; fi
        fi
    done
    # Fallback: probe random high ports; a refused connect means free.
    for i in $(seq 1 200); do
        p=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            echo "$p"; return
        fi
    done
    die "could not find a free TCP port"
}

cmd_start() {
    BINDIR=$(find_bindir)

    if [ -e "$DIR" ] && [ ! -d "$DIR" ]; then die "$DIR exists and is not a directory"; fi
    if [ -d "$DIR" ] && [ ! -f "$MARKER" ] && [ -n "$(ls -A "$DIR" 2>/dev/null)" ]; then
        die "$DIR exists, is not empty and was not made by $PROG; refusing to use it"
    fi

    # Already running: idempotent start.
    if [ -f "$DIR/url" ] && is_running; then
        cat "$DIR/url"
        return
    fi

    mkdir -p "$DIR"
    touch "$MARKER"
    chmod 755 "$DIR"
    mkdir -p "$SOCK"
    if [ "$IS_ROOT" -eq 1 ]; then
        id "$RUN_AS" >/dev/null 2>&1 \
            || die "running as root but user '$RUN_AS' does not exist (install the postgresql package or set SEN_PG_USER)"
        chown "$RUN_AS": "$DIR" "$SOCK"
        # postgres must be able to reach DIR through its parents.
        if ! as_owner test -w "$DIR" 2>/dev/null; then
            die "user $RUN_AS cannot write $DIR (are its parent dirs traversable? use a dir under /tmp)"
        fi
    fi

    if [ ! -f "$DATA/PG_VERSION" ]; then
        rm -rf "$DATA"
        local locale=C
        if locale -a 2>/dev/null | grep -qix 'c\.utf-\?8'; then locale=C.UTF-8; fi
        log "initdb in $DATA ($BINDIR, locale $locale)"
        if ! as_owner "$BINDIR/initdb" -D "$DATA" -U postgres --auth=trust \
                -E UTF8 --locale="$locale" --no-sync >"$DIR/initdb.log" 2>&1; then
            cat "$DIR/initdb.log" >&2
            die "initdb failed"
        fi
        # Test-only settings: speed over durability.
        cat >>"$DATA/postgresql.conf" <<EOF

# --- added by e2e/scripts/pg.sh (throwaway test cluster) ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$SOCK'
max_connections = ${SEN_PG_MAX_CONNECTIONS:-200}
shared_buffers = ${SEN_PG_SHARED_BUFFERS:-128MB}
fsync = off
synchronous_commit = off
full_page_writes = off
logging_collector = off
EOF
    elif [ -f "$DATA/postmaster.pid" ]; then
        # Stale pid file from a killed server (is_running said no).
        log "removing stale postmaster.pid"
        rm -f "$DATA/postmaster.pid"
    fi

    if [ "$IS_ROOT" -eq 1 ]; then
        touch "$LOGFILE"; chown "$RUN_AS": "$LOGFILE"
    fi

    local port attempt
    for attempt in 1 2 3 4 5; do
        port=$(free_port)
        if as_owner "$BINDIR/pg_ctl" -D "$DATA" -l "$LOGFILE" -o "-p $port" \
                -w -t 60 start >/dev/null 2>&1; then
            break
        fi
        port=
        if [ -n "${SEN_PG_PORT:-}" ]; then break; fi
        log "start on port failed (attempt $attempt), retrying"
        sleep 0.2
    done
    if [ -z "$port" ]; then
        tail -n 30 "$LOGFILE" >&2 || true
        die "could not start PostgreSQL in $DATA"
    fi

    # pg_ctl -w waits for readiness; double check over TCP.
    local i
    for i in $(seq 1 100); do
        if "$BINDIR/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres; then
            break
        fi
        [ "$i" -lt 100 ] || { tail -n 30 "$LOGFILE" >&2; die "server not ready on port $port"; }
        sleep 0.1
    done

    echo "$port" >"$DIR/port"
    url_for_port "$port" >"$DIR/url"
    cat "$DIR/url"
}

cmd_stop() {
    [ -e "$DIR" ] || return 0
    [ -d "$DIR" ] || die "$DIR is not a directory"
    if [ ! -f "$MARKER" ] && [ -n "$(ls -A "$DIR" 2>/dev/null)" ]; then
        die "$DIR was not made by $PROG; refusing to delete it"
    fi
    if [ -f "$DATA/postmaster.pid" ]; then
        BINDIR=$(find_bindir)
        if ! as_owner "$BINDIR/pg_ctl" -D "$DATA" -m fast -w -t 30 stop >/dev/null 2>&1; then
            if is_running; then
                log "fast stop failed, trying immediate"
                as_owner "$BINDIR/pg_ctl" -D "$DATA" -m immediate -w -t 30 stop >/dev/null 2>&1 \
                    || die "could not stop the server in $DATA"
            fi
        fi
    fi
    rm -rf "$DIR"
}

cmd_url() {
    BINDIR=$(find_bindir)
    [ -f "$DIR/url" ] && is_running || die "no running cluster in $DIR"
    cat "$DIR/url"
}

cmd_status() {
    BINDIR=$(find_bindir)
    [ -d "$DIR" ] && is_running
}

case "$CMD" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    url) cmd_url ;;
    status) cmd_status ;;
    *) usage ;;
esac
