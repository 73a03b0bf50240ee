#!/usr/bin/env bash
# Tests of the SQLite extension with the real SQLite: builds the product arnorm-sqlite, compiles
# Tests/SearchEngineTests/sqlite/test_sqlite.c against the system's libsqlite3 and runs it on
# Corpora/news; then loads the extension in the sqlite3 shell, as docs/search-engines.md shows.
#
#   scripts/test-sqlite.sh
#
# Environment: SCRATCH (build folder, default .build), CONFIG (debug or release, default debug),
# ARNORM_SQLITE (an already built libarnorm-sqlite.so to test instead of building one).
# Exits 77 with a message when SQLite's development files are missing (CI installs them).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scratch=${SCRATCH:-.build}
config=${CONFIG:-debug}

if [ ! -f /usr/include/sqlite3ext.h ] || [ ! -f /usr/include/sqlite3.h ]; then
    echo "test-sqlite: SKIPPED: no sqlite3.h/sqlite3ext.h (Debian: apt-get install libsqlite3-dev)" >&2
    exit 77
fi

if [ -n "${ARNORM_SQLITE:-}" ]; then
    lib=$ARNORM_SQLITE
else
    echo "== building arnorm-sqlite ($config) in $scratch" >&2
    swift build -c "$config" --scratch-path "$scratch" --product arnorm-sqlite >&2
    lib="$(swift build -c "$config" --scratch-path "$scratch" --show-bin-path)/libarnorm-sqlite.so"
fi
[ -f "$lib" ] || { echo "test-sqlite: no $lib" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc -std=c11 -D_GNU_SOURCE -O1 -Wall -Wextra -o "$work/test_sqlite" Tests/SearchEngineTests/sqlite/test_sqlite.c -lsqlite3 -lpthread
"$work/test_sqlite" "$lib" Corpora/news "$work"

if command -v sqlite3 >/dev/null 2>&1; then
    echo "== the sqlite3 shell" >&2
    got=$(sqlite3 :memory: <<SQL
.load ${lib%.so}
CREATE VIRTUAL TABLE docs USING fts5(body, tokenize = "arnorm search");
INSERT INTO docs VALUES ('تكبّدت قوات النظام خـ.ـسائر فـ.ـادحة');
SELECT highlight(docs, 0, '[', ']') FROM docs WHERE docs MATCH 'خسائر';
SELECT arnorm('خـ.ـسائر فـ.ـادحة', 'standard');
SQL
)
    expected=$'تكبّدت قوات النظام [خـ.ـسائر] فـ.ـادحة\nخسائر فادحة'
    if [ "$got" != "$expected" ]; then
        echo "NOT OK - the sqlite3 shell printed:" >&2
        echo "$got" >&2
        exit 1
    fi
    echo "ok - the sqlite3 shell loads the extension (.load) and highlights"
fi
echo "test-sqlite: all passed"
