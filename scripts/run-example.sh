#!/usr/bin/env bash
# The README's main command: installs what is missing, builds seqc, then
# compiles the bundled example model (examples/mamba_block.mlir, a Mamba-1
# residual block) into a shared library, runs it on a deterministic sample
# input with seqc-run, and checks the output against the NumPy reference.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${SEQC_BUILD_DIR:-$root/build}"

"$root/scripts/build.sh"

out="$build/examples/mamba_block"
mkdir -p "$out"
echo "run-example: compiling examples/mamba_block.mlir"
"$build/bin/seqc" "$root/examples/mamba_block.mlir" -o "$out/libmamba_block.so"
echo "run-example: writing a sample input and the NumPy reference output"
read -r -a inputs < <("$root/.venv/bin/python" \
  "$root/examples/mamba_block_data.py" "$out/data")
echo "run-example: running $out/libmamba_block.so"
"$build/bin/seqc-run" "$out/libmamba_block.so" "${inputs[@]}" \
  --output-dir "$out/output" --check "$out/data/expected_out.npy" \
  --rtol 1e-4 --atol 1e-5 --repeat 20
echo "run-example: the output of examples/mamba_block.mlir matches the NumPy reference"
