#!/usr/bin/env bash
# Installs what seqc needs to build and test, and only what is missing:
# Debian packages (LLVM/MLIR 22, protobuf, ONNX protos, ccache, GoogleTest)
# and a project-local Python venv (.venv) with numpy, onnx, onnxruntime.
# Idempotent: a second run does nothing but check.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

debian_packages=(
  llvm-22-dev libmlir-22-dev mlir-22-tools llvm-22-tools clang-22 lld-22
  libprotobuf-dev protobuf-compiler libonnx-dev ccache
  cmake ninja-build g++ libgtest-dev clang-format python3-venv
)

missing=()
for pkg in "${debian_packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if ((${#missing[@]})); then
  echo "install-deps: installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq \
    --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "install-deps: Debian packages present"
fi

# Python is only for tests, references and benchmarks; keep it in the tree.
venv="$root/.venv"
python_packages=(numpy onnx onnxruntime threadpoolctl)
if [[ ! -x "$venv/bin/python" ]]; then
  echo "install-deps: creating $venv"
  python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c 'import numpy, onnx, onnxruntime, threadpoolctl' 2>/dev/null; then
  echo "install-deps: installing Python packages: ${python_packages[*]}"
  "$venv/bin/python" -m pip install -q --upgrade pip
  "$venv/bin/python" -m pip install -q "${python_packages[@]}"
else
  echo "install-deps: Python venv ready"
fi

if [[ -d /usr/local/cuda ]]; then
  echo "install-deps: CUDA toolkit found at /usr/local/cuda"
else
  echo "install-deps: no CUDA toolkit at /usr/local/cuda (GPU target disabled)"
fi
