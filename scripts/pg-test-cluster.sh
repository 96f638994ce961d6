#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the store tests: Debian's postgresql 15
# binaries, run as the `postgres` user (initdb refuses root), in DIR, listening
# on a Unix socket in DIR/run only (no TCP, so nothing beyond this machine can
# reach it and no port can collide). Trust authentication: the cluster lives
# for one test run and holds nothing.
#
#   pg-test-cluster.sh start DIR   initdb (when DIR is new) and start; prints the URL
#   pg-test-cluster.sh stop DIR    stop (fast) and delete DIR
#   pg-test-cluster.sh url DIR     the URL tests connect to
#
# ctest runs start/stop as the fixture `postgres` (tests/CMakeLists.txt);
# tests read the URL from VIGIA_TEST_POSTGRES_URL.
set -euo pipefail

action=${1:-}
dir=${2:-}
if [ -z "$action" ] || [ -z "$dir" ]; then
    echo "usage: $0 start|stop|url DIR" >&2
    exit 2
fi
bin=${VIGIA_PG_BIN:-/usr/lib/postgresql/15/bin}
# The socket's file is named after the port; with TCP off, any number will do.
port=54329
dir=$(realpath -m "$dir")

url() {
    # QPSQL (libpq) reads a host that starts with "/" as a socket directory.
    echo "postgresql:///postgres?host=$dir/run&port=$port&user=postgres"
}

as_postgres() {
    if [ "$(id -un)" = postgres ]; then
        "$@"
    elif [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        echo "pg-test-cluster: run as root or as postgres (initdb refuses root, and needs the postgres user)" >&2
        exit 1
    fi
}

case "$action" in
start)
    if [ ! -x "$bin/initdb" ]; then
        echo "pg-test-cluster: $bin/initdb not found: install postgresql (scripts/install-deps.sh)" >&2
        exit 1
    fi
    mkdir -p "$dir/run"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir" "$dir/run"
    if [ -f "$dir/data/postmaster.pid" ]; then
        # A run killed before its cleanup: stop what it left.
        as_postgres "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    fi
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth=trust \
            --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
            || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    # fsync off: a test cluster that loses its data on power loss loses nothing.
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses='' -c unix_socket_directories='$dir/run' -p $port -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
        start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    url
    ;;
stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    fi
    rm -rf "$dir"
    ;;
url)
    url
    ;;
*)
    echo "usage: $0 start|stop|url DIR" >&2
    exit 2
    ;;
esac
