#!/usr/bin/env bash
# Fails when a C/C++ source is not clang-format clean (LLVM style, see
# .clang-format). With --fix, reformats the files in place instead.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files --cached --others --exclude-standard \
    '*.c' '*.cpp' '*.h')
else
  mapfile -t files < <(find . -path ./build -prune -o -path ./.venv -prune \
    -o \( -name '*.c' -o -name '*.cpp' -o -name '*.h' \) -print)
fi
# A file listed by git but deleted in the work tree is not checked.
existing=()
for f in "${files[@]}"; do [[ -f "$f" ]] && existing+=("$f"); done

if [[ "${1:-}" == "--fix" ]]; then
  clang-format -i "${existing[@]}"
  exit 0
fi
clang-format --dry-run --Werror "${existing[@]}"
echo "check-format: ${#existing[@]} files clean"
