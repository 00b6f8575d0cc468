#!/bin/sh
# Run every fuzz target for SECONDS each (default 60), one after the other.
#   fuzz/run.sh [SECONDS] [TARGET...]
# Extra libFuzzer flags may be given in FUZZ_ARGS (e.g. -max_len=4096).
# The corpora (fuzz/corpus/, git-ignored) are seeded from ../shared first.
# cargo-fuzz passes nightly-only flags to rustc; RUSTC_BOOTSTRAP=1 lets the
# stable toolchain accept them. Debug assertions (-a) are on, so integer
# overflow is caught as it is in a debug build. Crashes land in
# fuzz/artifacts/TARGET/; keep each one as a test in tests/regressions.rs.
set -eu
cd "$(dirname "$0")/.."
secs=${1:-60}
[ $# -gt 0 ] && shift
targets=${*:-"text akn docx html read_bytes labels"}
[ -d fuzz/corpus/text ] || python3 fuzz/seed.py
export RUSTC_BOOTSTRAP=1
for t in $targets; do
    echo "== $t ($secs s)"
    cargo fuzz run -a -O "$t" -- -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 ${FUZZ_ARGS:-} 2>&1 | grep -E "^(==|INFO: Running|#[0-9]+ *DONE|stat::number_of_executed_units|stat::peak_rss_mb|SUMMARY|thread|Crash|Test unit written)" || true
done
