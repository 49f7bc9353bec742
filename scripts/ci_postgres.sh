#!/usr/bin/env bash
# Start a throw-away PostgreSQL 15 server for the store tests. Installs nothing.
#
#   eval "$(scripts/ci_postgres.sh)"      # or: source scripts/ci_postgres.sh
#
# Runs initdb + pg_ctl from /usr/lib/postgresql/15/bin (override with PG_BIN) in a new temp dir, listening on
# 127.0.0.1 only, on a free port, with trust authentication (a test server: never use this set-up for real data).
# As root the server runs as the `postgres` user. Creates database `dlmath_test`, then prints
#   export DLMATH_TEST_PG_URL=postgresql+psycopg://postgres@127.0.0.1:PORT/dlmath_test
#   export DLMATH_TEST_PG_STOP='…pg_ctl … stop'
# on stdout (and exports them when sourced). Progress goes to stderr. Exit status 1 if the server cannot start.
set -euo pipefail

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
if [[ ! -x "$PG_BIN/initdb" || ! -x "$PG_BIN/pg_ctl" ]]; then
    echo "ci_postgres: no PostgreSQL 15 server binaries in $PG_BIN" >&2
    return 1 2>/dev/null || exit 1
fi

as_pg() {   # run a command as the server's owner
    if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

PG_DIR="$(mktemp -d /tmp/dlmath-pg.XXXXXX)"
chmod 700 "$PG_DIR"
[[ "$(id -u)" == 0 ]] && chown postgres: "$PG_DIR"
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

echo "ci_postgres: initdb in $PG_DIR/data, port $PORT" >&2
as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust --encoding=UTF8 --no-locale >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $PG_DIR -c fsync=off -c max_connections=200" start >&2
as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres dlmath_test

DLMATH_TEST_PG_URL="postgresql+psycopg://postgres@127.0.0.1:$PORT/dlmath_test"
if [[ "$(id -u)" == 0 ]]; then
    DLMATH_TEST_PG_STOP="runuser -u postgres -- $PG_BIN/pg_ctl -D $PG_DIR/data -m fast stop; rm -rf $PG_DIR"
else
    DLMATH_TEST_PG_STOP="$PG_BIN/pg_ctl -D $PG_DIR/data -m fast stop; rm -rf $PG_DIR"
fi
export DLMATH_TEST_PG_URL DLMATH_TEST_PG_STOP
echo "export DLMATH_TEST_PG_URL=$DLMATH_TEST_PG_URL"
echo "export DLMATH_TEST_PG_STOP='$DLMATH_TEST_PG_STOP'"
