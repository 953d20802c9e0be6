#!/usr/bin/env bash
# The README's test command: installs what is missing, builds, and runs
# every test (lit, unit, format, docs) through ctest, whose closing summary
# says how many passed and failed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${SEQC_BUILD_DIR:-$root/build}"

"$root/scripts/build.sh"
cd "$build"
ctest --output-on-failure -j"$(nproc)" "$@"
