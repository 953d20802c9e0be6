#!/usr/bin/env bash
# Installs what is missing, then configures and builds seqc in build/
# (or $SEQC_BUILD_DIR).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${SEQC_BUILD_DIR:-$root/build}"

"$root/scripts/install-deps.sh"

if [[ ! -f "$build/build.ninja" ]]; then
  cmake -G Ninja -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release \
    -DPython3_EXECUTABLE="$root/.venv/bin/python"
fi
cmake --build "$build" -j"$(nproc)"
