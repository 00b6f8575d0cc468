#!/bin/sh
# Check that `cargo install --path .` gives a working tool: install into a
# temporary root, run the installed binary on real corpus files, report the
# time taken. Not part of `cargo test` (a cold install compiles every
# dependency in release mode, libgit2 included: minutes, not seconds).
#
#   scripts/install-check.sh           reuse the workspace's target/ (warm)
#   scripts/install-check.sh --fresh   empty target folder: what a new user waits
#
# Measured on the shared 2-core build machine, other builds running
# (load 7-15): --fresh 1391 s (23 min, under nice), warm 153 s.
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd)
shared=${RESDIFF_SHARED:-$repo/../shared}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

target_args=""
if [ "${1:-}" = "--fresh" ]; then
    target_args="--target-dir $work/target"
fi

start=$(date +%s)
# shellcheck disable=SC2086 # target_args is empty or two words
cargo install --quiet --locked --path "$repo" --root "$work/root" $target_args
took=$(( $(date +%s) - start ))

bin="$work/root/bin/resdiff"
fail() { echo "install-check: FAIL: $*" >&2; exit 1; }

[ -x "$bin" ] || fail "no binary at $bin"
"$bin" --version | grep -q "^resdiff " || fail "--version"
old="$shared/corpus/akn/en/A-RES-74-176.xml"
new="$shared/corpus/akn/en/A-RES-76-186.xml"
status=0
"$bin" diff "$old" "$new" --format stat > "$work/stat" || status=$?
[ "$status" -eq 1 ] || fail "diff exit status $status, expected 1 (different)"
grep -q "preambular" "$work/stat" || fail "diff --format stat printed: $(cat "$work/stat")"
"$bin" parse "$new" --format json | grep -q '"A/RES/76/186"' || fail "parse --format json"
"$bin" textconv "$new" | grep -q "^OP1$" || fail "textconv"
"$bin" completions bash | grep -q "_resdiff" || fail "completions bash"
"$bin" man | grep -q "^\.TH" || fail "man"
export GIT_AUTHOR_NAME="install check" GIT_AUTHOR_EMAIL="install-check@example.org"
export GIT_COMMITTER_NAME="$GIT_AUTHOR_NAME" GIT_COMMITTER_EMAIL="$GIT_AUTHOR_EMAIL"
store="$work/store/versions"
{ "$bin" init "$store" && "$bin" import --store "$store" "$old" && "$bin" fsck --store "$store"; } \
    > "$work/store.log" 2>&1 || fail "init, import, fsck: $(cat "$work/store.log")"

echo "install-check: ok: cargo install took ${took} s${target_args:+ (fresh target folder)}; installed tool works"
