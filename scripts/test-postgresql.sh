#!/usr/bin/env bash
# Tests of the PostgreSQL extension with a real server: builds the C ABI (release), installs the
# extension (make -C Extensions/postgresql install), starts a throwaway server in a temporary
# folder (initdb and pg_ctl as a non-root user, a free port on 127.0.0.1), runs
# Tests/SearchEngineTests/postgresql/test.sql on Corpora/news, and stops the server at the end
# whatever happened.
#
#   scripts/test-postgresql.sh
#
# Environment: SCRATCH (build folder, default .build), CONFIG (release, the default, or debug),
# ARNORM_LIBDIR (a folder that already holds
# libarnorm-c.so: no build), PG_CONFIG (default pg_config), PG_USER (the user the server runs as
# when this script runs as root; default postgres, else nobody).
# Exits 77 with a message when PostgreSQL's server development files (PGXS) are missing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scratch=${SCRATCH:-.build}
config=${CONFIG:-release}
pg_config=${PG_CONFIG:-pg_config}

skip() { echo "test-postgresql: SKIPPED: $*" >&2; exit 77; }
command -v "$pg_config" >/dev/null 2>&1 || skip "no pg_config (Debian: apt-get install postgresql-15 postgresql-server-dev-15)"
pgxs=$("$pg_config" --pgxs)
[ -f "$pgxs" ] && [ -f "$("$pg_config" --includedir-server)/postgres.h" ] ||
    skip "no PGXS or server headers (Debian: apt-get install postgresql-server-dev-15)"
bindir=$("$pg_config" --bindir)
[ -x "$bindir/initdb" ] && [ -x "$bindir/pg_ctl" ] && [ -x "$bindir/postgres" ] ||
    skip "no server programs in $bindir (Debian: apt-get install postgresql-15)"
command -v psql >/dev/null 2>&1 || skip "no psql"

if [ -n "${ARNORM_LIBDIR:-}" ]; then
    libdir=$ARNORM_LIBDIR
else
    echo "== building arnorm-c ($config) in $scratch" >&2
    swift build -c "$config" --scratch-path "$scratch" --product arnorm-c >&2
    libdir=$(swift build -c "$config" --scratch-path "$scratch" --show-bin-path)
fi
echo "== make -C Extensions/postgresql install (ARNORM_LIBDIR=$libdir)" >&2
make -s -C Extensions/postgresql ARNORM_LIBDIR="$libdir" PG_CONFIG="$pg_config" install >&2
make -s -C Extensions/postgresql ARNORM_LIBDIR="$libdir" PG_CONFIG="$pg_config" clean >&2

# The server refuses to run as root: run it as another user.
as_user=()
run_user=$(id -un)
if [ "$(id -u)" = 0 ]; then
    run_user=${PG_USER:-}
    if [ -z "$run_user" ]; then
        if id postgres >/dev/null 2>&1; then run_user=postgres; else run_user=nobody; fi
    fi
    as_user=(setpriv --reuid="$(id -u "$run_user")" --regid="$(id -g "$run_user")" --clear-groups --)
fi

work=$(mktemp -d)
chmod 755 "$work"
data="$work/data"
mkdir -p "$work/socket"
[ ${#as_user[@]} -eq 0 ] || chown "$run_user" "$work" "$work/socket"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null ||
    echo $((20000 + RANDOM % 20000)))

stop() {
    status=$?
    if [ -f "$data/postmaster.pid" ]; then
        (cd / && "${as_user[@]}" "$bindir/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1) || true
    fi
    [ $status -eq 0 ] || { echo "== server log:" >&2; tail -n 30 "$work/server.log" >&2 2>/dev/null || true; }
    rm -rf "$work"
    exit $status
}
trap stop EXIT INT TERM

echo "== initdb and pg_ctl start as $run_user, port $port" >&2
(cd / && "${as_user[@]}" "$bindir/initdb" -D "$data" -U arnorm -E UTF8 --locale=C.UTF-8 -A trust --no-sync >/dev/null)
(cd / && "${as_user[@]}" "$bindir/pg_ctl" -D "$data" -l "$work/server.log" -w -t 60 \
    -o "-p $port -k $work/socket -c listen_addresses=127.0.0.1 -c fsync=off -c max_worker_processes=8" start >/dev/null)

# The corpus as one file for \copy
cat Corpora/news/*.txt >"$work/corpus.txt"
PGCONNECT_TIMEOUT=10 psql -X -q -At -h 127.0.0.1 -p "$port" -U arnorm -d postgres \
    -v corpus="$work/corpus.txt" -f Tests/SearchEngineTests/postgresql/test.sql
echo "test-postgresql: all passed"
