#!/usr/bin/env bash
# Builds the ONNX reader's libFuzzer target with clang-22 (in build-fuzz/,
# with address and undefined-behaviour sanitizers) and runs it for
# SECONDS (default 600) from a seed corpus of the test models. Prints
# libFuzzer's final statistics; exits non-zero if it found a crash.
#
# usage: scripts/fuzz-onnx-reader.sh [SECONDS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-600}"
build="$root/build-fuzz"
# libFuzzer and the sanitizer runtimes.
if ! dpkg -s libclang-rt-22-dev >/dev/null 2>&1; then
  ${SUDO:-$( [[ $(id -u) -eq 0 ]] || echo sudo)} apt-get install -y libclang-rt-22-dev
fi
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
  -DSEQC_BUILD_FUZZERS=ON -DPython3_EXECUTABLE="$root/.venv/bin/python" >/dev/null
ninja -C "$build" seqc-onnx-reader-fuzzer
corpus="$build/fuzz-corpus"
mkdir -p "$corpus"
for model in elementwise_broadcast shape_and_data_movement \
    linear_attention_gated_delta_gqa causal_conv_silu_bias_past \
    scan_linear_recurrence local_function_inlined seqc_selective_scan \
    conv2d_same_upper reductions_softmax normalization; do
  "$root/.venv/bin/python" "$root/test/Onnx/Inputs/make_model.py" "$model" \
    "$corpus/$model.onnx"
done
cd "$build"
"$build/bin/seqc-onnx-reader-fuzzer" "$corpus" -max_total_time="$seconds" \
  -max_len=65536 -rss_limit_mb=4096 -timeout=30 -print_final_stats=1
