#!/usr/bin/env bash
# Regenerates docs/onnx-support.md (after a build): runs the ONNX backend
# node tests through build/bin/seqc and build/bin/seqc-run and writes the
# per-op table. Extra arguments go to the runner (e.g. --jobs 4).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${SEQC_BUILD_DIR:-$root/build}"
for tool in "$build/bin/seqc" "$build/bin/seqc-run" "$root/.venv/bin/python"; do
  if [[ ! -x "$tool" ]]; then
    echo "update-onnx-support: no $tool (run scripts/build.sh first)" >&2
    exit 1
  fi
done
"$root/.venv/bin/python" "$root/test/Onnx/backend_node_tests.py" \
  --seqc "$build/bin/seqc" --seqc-run "$build/bin/seqc-run" \
  --workdir "$build/onnx-node-tests" --min-pass-rate 0 \
  --table "$root/docs/onnx-support.md" "$@"
echo "update-onnx-support: wrote docs/onnx-support.md"
