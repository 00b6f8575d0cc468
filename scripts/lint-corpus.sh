#!/bin/sh
# Lint every English GA resolution of ../shared/corpus/ga-akn/en and print the
# error-level findings per resolution, the findings by rule and severity, every
# error-level finding, and how many openings the verb lists recognise.
# Fails when the rate reaches 1 error-level finding per 20 resolutions.
# Runs in release (about 2 minutes in a debug build).
set -eu
cd "$(dirname "$0")/.."
exec cargo test --release --test lint ga_corpus_error_rate_and_opening_coverage -- --ignored --nocapture
