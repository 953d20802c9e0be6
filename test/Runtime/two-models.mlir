// Two models whose entry points have the same name (@main), compiled to
// objects with --name=a and --name=b and linked into one program with one
// copy of the runtime: no symbol clashes, and each runs with its own
// signature and results.
// RUN: rm -rf %t && mkdir -p %t
// RUN: seqc %S/Inputs/two_a.mlir --emit=obj --name=a -o %t/a.o
// RUN: seqc %S/Inputs/two_b.mlir --emit=obj --name=b -o %t/b.o
// RUN: %cc -std=c99 -Wall -Wextra -Werror -pedantic -I%t %S/Inputs/two_models.c \
// RUN:   %t/a.o %t/b.o %seqc_runtime_lib -lm -lpthread -o %t/two
// RUN: %t/two | FileCheck %s
// Each object exports only its <name>_model_def.
// RUN: llvm-nm --defined-only --extern-only %t/a.o %t/b.o | FileCheck %s --check-prefix=SYMS

// CHECK:      a.main: OK
// CHECK-NEXT: b.main: OK
// CHECK-NEXT: a.main: x [1 4 8] w [4 2]
// CHECK-NEXT: b.main: x [3 16] w [16]

// SYMS:      a.o:
// SYMS-NEXT: T a_model_def
// SYMS-EMPTY:
// SYMS-NEXT: b.o:
// SYMS-NEXT: T b_model_def
// SYMS-EMPTY:
