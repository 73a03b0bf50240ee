#!/usr/bin/env bash
# Copies the committed sources (git HEAD) plus the working Benchmarks/ folder to a stable place
# ($ARNORM_SNAPSHOT, default /tmp/arnorm-snapshot) and prints its path, so a long build or
# measurement is not broken by files that other people edit meanwhile. Only files whose content
# changed are rewritten, so builds there stay incremental.
#
#   src=$(Benchmarks/snapshot.sh) && cd "$src/Benchmarks" && swift build -c release
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
dest="${ARNORM_SNAPSHOT:-/tmp/arnorm-snapshot}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
git -C "$root" archive HEAD | tar -x -C "$tmp"
mkdir -p "$tmp/Benchmarks"
tar -C "$here" -cf - --exclude='./.build*' --exclude=./Thresholds.new . | tar -xf - -C "$tmp/Benchmarks"
[ -f "$root/Package.resolved" ] && cp "$root/Package.resolved" "$tmp/" || true
python3 - "$tmp" "$dest" <<'PY'
import filecmp, os, shutil, sys
src, dst = sys.argv[1], sys.argv[2]
keep = set()
for d, dirs, files in os.walk(src):
    rel = os.path.relpath(d, src)
    os.makedirs(os.path.join(dst, rel), exist_ok=True)
    for f in files:
        s, t = os.path.join(d, f), os.path.normpath(os.path.join(dst, rel, f))
        keep.add(t)
        if not (os.path.exists(t) and filecmp.cmp(s, t, shallow=False)):
            shutil.copy2(s, t)
            os.utime(t)  # newer than any build product
for d, dirs, files in os.walk(dst):
    dirs[:] = [x for x in dirs if not x.startswith(".build")]
    for f in files:
        t = os.path.normpath(os.path.join(d, f))
        if t not in keep:
            os.remove(t)
PY
echo "$dest"
