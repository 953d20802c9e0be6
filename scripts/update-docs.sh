#!/usr/bin/env bash
# Regenerates docs/dialect.md from the ODS descriptions (after a build);
# the docs tests fail until the committed copy matches.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${SEQC_BUILD_DIR:-$root/build}"
cmake --build "$build" --target SeqDialectDocGen
cp "$build/dialects/seq/IR/SeqDialect.md" "$root/docs/dialect.md"
echo "update-docs: wrote docs/dialect.md"
