#!/usr/bin/env bash
# Whole-process speed and memory of `resdiff diff` on a real pair, measured
# against `git diff --no-index --word-diff` on the same two texts as plain
# text, in the same run on the same machine. Prints a table for
# docs/PERFORMANCE.md. Needs hyperfine (apt-get install hyperfine).
#
#   scripts/bench-diff.sh [OLD.xml NEW.xml OLD.txt NEW.txt]
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${RESDIFF_SHARED:-../shared}
old=${1:-$shared/corpus/akn/en/A-RES-76-186.xml}
new=${2:-$shared/corpus/akn/en/A-RES-78-228.xml}
old_txt=${3:-$shared/corpus/fulltext/en/A-RES-76-186.txt}
new_txt=${4:-$shared/corpus/fulltext/en/A-RES-78-228.txt}

cargo build --release --quiet
bin=target/release/resdiff
command -v hyperfine >/dev/null || { echo "hyperfine is not installed: apt-get install hyperfine" >&2; exit 2; }

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
hyperfine --warmup 3 --runs 30 -N -i --export-json "$out/h.json" \
    -n "git diff --no-index --word-diff (plain text)" "git diff --no-index --word-diff $old_txt $new_txt" \
    -n "resdiff diff (AKN XML, term)" "$bin diff --color never $old $new" \
    -n "resdiff diff (AKN XML, json)" "$bin diff --format json $old $new" >/dev/null

python3 - "$out/h.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
base = r[0]["median"]
print(f"| command | median ms | ratio to git |")
print(f"|---|---|---|")
for x in r:
    print(f"| {x['command']} | {x['median']*1000:.1f} | {x['median']/base:.2f} |")
PY

peak() { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1; }
if [ -x /usr/bin/time ]; then
    echo
    echo "peak RSS: git $(peak git diff --no-index --word-diff "$old_txt" "$new_txt") KiB," \
         "resdiff $(peak "$bin" diff --color never "$old" "$new") KiB"
fi

# Instruction counts do not depend on the load of the machine: the figure to
# compare between runs (wall time on a shared machine is noisy).
if command -v valgrind >/dev/null; then
    # Both commands exit 1 (the texts differ): not a failure here.
    irefs() { { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null || true; } |
        sed -n 's/.*refs: *//p' | tr -d ,; }
    g=$(irefs git diff --no-index --word-diff "$old_txt" "$new_txt")
    r=$(irefs "$bin" diff --color never "$old" "$new")
    echo "instructions (callgrind): git $g, resdiff $r, ratio $(python3 -c "print(f'{$r/$g:.2f}')")"
fi
