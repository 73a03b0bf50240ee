#!/usr/bin/env bash
# A small indexing benchmark for the search-engine extensions (numbers in docs/search-engines.md):
#
#   scripts/bench-search-engines.sh [COPIES]
#
# The rows are the lines of Corpora/news and their clauses (281 rows, 38 KB), repeated COPIES
# times (default 200). SQLite: rows per second inserted into an FTS5 table with the stock unicode61
# tokenizer, with the arnorm tokenizer, and with unicode61 on arnorm(body). PostgreSQL: rows per
# second of a GIN index build on to_tsvector('arabic', body), to_tsvector('arabic_arnorm', body)
# and to_tsvector('arabic', arnorm_normalize(body)), one core (no parallel workers).
# Each timing is the best of RUNS runs (default 3). Uses release builds:
#   swift build -c release --product arnorm-sqlite --product arnorm-c
# Environment: SCRATCH (default .build), RUNS, PG_USER (as in scripts/test-postgresql.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
copies=${1:-200}
runs=${RUNS:-3}
scratch=${SCRATCH:-.build}
bin=$(swift build -c release --scratch-path "$scratch" --show-bin-path)
[ -f "$bin/libarnorm-sqlite.so" ] && [ -f "$bin/libarnorm-c.so" ] || {
    echo "build first: swift build -c release --scratch-path $scratch --product arnorm-sqlite; ... --product arnorm-c" >&2
    exit 1
}
work=$(mktemp -d)
chmod 755 "$work"
cleanup_pg=:
trap 'eval "$cleanup_pg"; rm -rf "$work"' EXIT

# The rows, as SQL (the same split as the tests: lines, then clauses at '،' and sentence ends).
python3 - "$work/rows.sql" "$copies" <<'PY'
import glob, re, sys
rows = []
for path in sorted(glob.glob("Corpora/news/*.txt")):
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line:
            continue
        rows.append(line)
        rows += [p.strip() for p in re.split(r"[،.؟!]\s+", line) if p.strip()]
with open(sys.argv[1], "w", encoding="utf-8") as out:
    out.write("CREATE TABLE lines(body TEXT);\nBEGIN;\n")
    for _ in range(int(sys.argv[2])):
        for r in rows:
            out.write("INSERT INTO lines VALUES('%s');\n" % r.replace("'", "''"))
    out.write("COMMIT;\n")
PY
rows=$(grep -c '^INSERT' "$work/rows.sql")
bytes=$(sqlite3 "$work/size.db" ".read $work/rows.sql" "SELECT sum(length(CAST(body AS BLOB))) FROM lines")
echo "rows: $rows ($((bytes / 1024)) KB of text); best of $runs runs"

# best_of COMMAND...: the smallest wall time in seconds of RUNS runs of a command that prints
# one time in seconds.
best_of() {
    local best=""
    for _ in $(seq "$runs"); do
        t=$("$@")
        best=$(python3 -c "import sys; a=[float(x) for x in sys.argv[1:] if x]; print(min(a))" "$t" $best)
    done
    echo "$best"
}
report() { # NAME SECONDS
    python3 -c "import sys; n=int(sys.argv[2]); s=float(sys.argv[3]); b=int(sys.argv[4]); print(f'| {sys.argv[1]} | {n/s:,.0f} | {b/s/1e6:.1f} |')" "$1" "$rows" "$2" "$bytes"
}

echo
echo "SQLite $(sqlite3 --version | cut -d' ' -f1), FTS5"
echo
echo "| table | rows/s | MB/s |"
echo "|---|---:|---:|"
sqlite_time() { # TOKENIZE-CLAUSE SELECT-EXPRESSION
    rm -f "$work/bench.db"
    cp "$work/size.db" "$work/bench.db"
    sqlite3 "$work/bench.db" <<SQL | sed -n 's/^Run Time: real \([0-9.]*\).*/\1/p' | tail -n 1
.load $bin/libarnorm-sqlite
CREATE VIRTUAL TABLE docs USING fts5(body$1);
.timer on
INSERT INTO docs(body) SELECT $2 FROM lines;
SQL
}
report "fts5, unicode61 (stock)" "$(best_of sqlite_time "" body)"
report "fts5, tokenize = \"arnorm search\"" "$(best_of sqlite_time ", tokenize = \"arnorm search\"" body)"
report "fts5, tokenize = \"arnorm search clitics 1\"" "$(best_of sqlite_time ", tokenize = \"arnorm search clitics 1\"" body)"
report "fts5, unicode61 on arnorm(body)" "$(best_of sqlite_time "" "arnorm(body)")"

# PostgreSQL: a throwaway server as in scripts/test-postgresql.sh.
pg_config=${PG_CONFIG:-pg_config}
if ! command -v "$pg_config" >/dev/null 2>&1; then echo "no PostgreSQL: skipped"; exit 0; fi
make -s -C Extensions/postgresql ARNORM_LIBDIR="$bin" install >&2
make -s -C Extensions/postgresql ARNORM_LIBDIR="$bin" clean >&2
pgbin=$("$pg_config" --bindir)
as_user=()
if [ "$(id -u)" = 0 ]; then
    user=${PG_USER:-postgres}
    id "$user" >/dev/null 2>&1 || user=nobody
    as_user=(setpriv --reuid="$(id -u "$user")" --regid="$(id -g "$user")" --clear-groups --)
    chown "$user" "$work"
fi
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
(cd / && "${as_user[@]}" "$pgbin/initdb" -D "$work/data" -U arnorm -E UTF8 --locale=C.UTF-8 -A trust --no-sync >/dev/null)
(cd / && "${as_user[@]}" "$pgbin/pg_ctl" -D "$work/data" -l "$work/server.log" -w \
    -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c fsync=off -c max_parallel_maintenance_workers=0 -c max_parallel_workers_per_gather=0 -c maintenance_work_mem=256MB" start >/dev/null)
cleanup_pg='(cd / && "${as_user[@]}" "$pgbin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1) || true'
psql_run() { psql -X -q -At -h 127.0.0.1 -p "$port" -U arnorm -d postgres "$@"; }
sqlite3 "$work/size.db" "SELECT body FROM lines" >"$work/rows.txt"
psql_run -c "CREATE EXTENSION arnorm" -c "CREATE TABLE lines(body text)" \
    -c "\\copy lines FROM '$work/rows.txt' WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')" -c "VACUUM ANALYZE lines"
pg_time() { # EXPRESSION
    psql_run <<SQL | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -n 1 | python3 -c "import sys; print(float(sys.stdin.read()) / 1000)"
SET client_min_messages = warning;
DROP INDEX IF EXISTS lines_fts;
\\timing on
CREATE INDEX lines_fts ON lines USING gin (($1));
SQL
}
echo
echo "PostgreSQL $(psql_run -c 'SHOW server_version' | cut -d' ' -f1), GIN index build, one core"
echo
echo "| index | rows/s | MB/s |"
echo "|---|---:|---:|"
report "to_tsvector('arabic', body) (stock)" "$(best_of pg_time "to_tsvector('arabic', body)")"
report "to_tsvector('arabic_arnorm', body)" "$(best_of pg_time "to_tsvector('arabic_arnorm', body)")"
report "to_tsvector('arabic', arnorm_normalize(body))" "$(best_of pg_time "to_tsvector('arabic', arnorm_normalize(body))")"
