#!/usr/bin/env bash
# The README's main command: installs what is missing, builds seqc, and
# runs the bundled example model (examples/mamba_block.mlir, one Mamba-1
# residual block) through seqc-opt: parse, verify every op, canonicalize,
# and report what the block is made of.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${SEQC_BUILD_DIR:-$root/build}"

"$root/scripts/build.sh"

example="$root/examples/mamba_block.mlir"
out="$build/examples/mamba_block.canonical.mlir"
mkdir -p "$(dirname "$out")"
echo "run-example: verifying and canonicalizing $example"
"$build/bin/seqc-opt" "$example" --canonicalize --cse -o "$out"
"$build/bin/seqc-opt" "$out" --print-op-stats -o /dev/null
echo "run-example: $example verified; canonical IR in $out"
