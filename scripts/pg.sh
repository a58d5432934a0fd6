#!/usr/bin/env bash
# A throwaway PostgreSQL for tests: trust auth, 127.0.0.1 only, a free port, data in a temp folder.
#
#   XXGK_PG_DIR=/tmp/xxgk-pg-1 scripts/pg.sh start   # prints postgresql://postgres@127.0.0.1:PORT/xxgk
#   XXGK_PG_DIR=/tmp/xxgk-pg-1 scripts/pg.sh url
#   XXGK_PG_DIR=/tmp/xxgk-pg-1 scripts/pg.sh stop    # stops the server and removes the folder
#
# Without XXGK_PG_DIR, start makes a folder under /tmp and names it on stderr; stop and url need it.
# initdb refuses to run as root, so as root the server runs as the `postgres` user (runuser).
set -euo pipefail

die() { echo "pg.sh: $*" >&2; exit 1; }

find_bin() {
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then echo "$dir"; return 0; fi
    done
    command -v initdb >/dev/null 2>&1 && dirname "$(command -v initdb)" && return 0
    return 1
}

as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

url_of() { echo "postgresql://postgres@127.0.0.1:$(cat "$1/port")/xxgk"; }

cmd=${1:-}
case "$cmd" in
start)
    bin=$(find_bin) || die "no PostgreSQL binaries (apt-get install postgresql-15 or postgresql)"
    if [[ $(id -u) -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
        die "running as root but there is no 'postgres' user to own the cluster"
    fi
    dir=${XXGK_PG_DIR:-}
    if [[ -z "$dir" ]]; then
        dir=$(mktemp -d /tmp/xxgk-pg.XXXXXX)
        echo "XXGK_PG_DIR=$dir" >&2
    else
        mkdir -p "$dir"
    fi
    [[ -e "$dir/data" ]] && die "$dir/data exists already; stop it first"
    chmod 0755 "$dir"
    [[ $(id -u) -eq 0 ]] && chown postgres: "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --no-locale --no-sync >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    for attempt in 1 2 3; do
        port=$(free_port)
        echo "$port" >"$dir/port"
        if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            start >/dev/null; then
            break
        fi
        [[ $attempt -eq 3 ]] && { cat "$dir/server.log" >&2; die "server did not start"; }
    done
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres xxgk
    echo "$bin" >"$dir/bin"
    url_of "$dir"
    ;;
url)
    [[ -n "${XXGK_PG_DIR:-}" && -f "$XXGK_PG_DIR/port" ]] || die "set XXGK_PG_DIR to a folder made by start"
    url_of "$XXGK_PG_DIR"
    ;;
stop)
    dir=${XXGK_PG_DIR:-}
    [[ -n "$dir" && -d "$dir" ]] || die "set XXGK_PG_DIR to a folder made by start"
    if [[ -f "$dir/bin" && -d "$dir/data" ]]; then
        as_owner "$(cat "$dir/bin")/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf -- "$dir"
    ;;
*)
    echo "usage: XXGK_PG_DIR=DIR $0 start|url|stop" >&2
    exit 2
    ;;
esac
