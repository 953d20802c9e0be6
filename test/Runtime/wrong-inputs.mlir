// Calls that do not match the compiled signature fail with the status and
// message that say why, run nothing and leave the model usable; seqc-run
// reports bad inputs in one line and exits with status 1.
// RUN: rm -rf %t && mkdir -p %t
// RUN: seqc %S/Inputs/conv.mlir -o %t/libconv.so
// RUN: %cc -std=c99 -Wall -Wextra -Werror -pedantic -I%t %S/Inputs/wrong_inputs.c \
// RUN:   -L%t -lconv -Wl,-rpath,%t -o %t/wrong_inputs
// RUN: %t/wrong_inputs | FileCheck %s
//
// RUN: %python %S/Inputs/conv_data.py %t/data
// RUN: %python %seqc_src/test/Driver/Inputs/exit_code.py seqc-run %t/libconv.so \
// RUN:   %t/data/x_bad_shape.npy %t/data/weight.npy %t/data/bias.npy --output-dir %t/out | FileCheck %s --check-prefix=TOOL-SHAPE
// RUN: %python %seqc_src/test/Driver/Inputs/exit_code.py seqc-run %t/libconv.so \
// RUN:   %t/data/x_f64.npy %t/data/weight.npy %t/data/bias.npy --output-dir %t/out | FileCheck %s --check-prefix=TOOL-DTYPE
// RUN: %python %seqc_src/test/Driver/Inputs/exit_code.py seqc-run %t/libconv.so \
// RUN:   %t/data/missing.npy %t/data/weight.npy %t/data/bias.npy --output-dir %t/out | FileCheck %s --check-prefix=TOOL-MISSING
// RUN: %python %seqc_src/test/Driver/Inputs/exit_code.py seqc-run %t/libconv.so \
// RUN:   %t/data/x.npy --output-dir %t/out | FileCheck %s --check-prefix=TOOL-TOO-FEW
// RUN: %python %seqc_src/test/Driver/Inputs/exit_code.py seqc-run %t/libconv.so \
// RUN:   %t/data/x.npy %t/data/weight.npy %t/data/bias.npy %t/data/bias.npy --output-dir %t/out | FileCheck %s --check-prefix=TOOL-TOO-MANY
// RUN: %python %seqc_src/test/Driver/Inputs/exit_code.py seqc-run %t/libconv.so \
// RUN:   bias=%t/data/bias.npy nope=%t/data/x.npy --output-dir %t/out | FileCheck %s --check-prefix=TOOL-NAME
// RUN: %python %seqc_src/test/Driver/Inputs/exit_code.py seqc-run %t/missing.so \
// RUN:   | FileCheck %s --check-prefix=TOOL-LIB
// No output was written by any of them.
// RUN: not ls %t/out

// CHECK:      wrong shape: SHAPE_MISMATCH: entry `forward`: input #0 `x` must have shape [2, 8, 16], got [2, 8, 15]
// CHECK-NEXT: wrong output dtype: DTYPE_MISMATCH: entry `forward`: output #0 `y` must have dtype f32, got f64
// CHECK-NEXT: unknown dtype: DTYPE_MISMATCH: entry `forward`: input #1 `weight` must have dtype f32, got unknown dtype 42
// CHECK-NEXT: wrong rank: SHAPE_MISMATCH: entry `forward`: input #2 `bias` must have rank 1, got 2
// CHECK-NEXT: too few inputs: INVALID_ARGUMENT: entry `forward`: expected 3 inputs, got 2
// CHECK-NEXT: too many outputs: INVALID_ARGUMENT: entry `forward`: expected 1 outputs, got 2
// CHECK-NEXT: NULL inputs: INVALID_ARGUMENT: entry `forward`: the inputs are NULL
// CHECK-NEXT: NULL data: INVALID_ARGUMENT: entry `forward`: input #1 `weight` has NULL data
// CHECK-NEXT: NULL shape: INVALID_ARGUMENT: entry `forward`: input #0 `x` has a NULL shape
// CHECK-NEXT: overlapping output: INVALID_ARGUMENT: entry `forward`: output #0 `y` has stride 0 in dimension 0, so its elements overlap
// CHECK-NEXT: unknown entry: NOT_FOUND: model `conv` has no entry `backward`
// CHECK-NEXT: NULL model: INVALID_ARGUMENT
// CHECK-NEXT: correct call: OK: y[0, 0, 3] = 1.7616
// CHECK-NEXT: correct call: OK: y[0, 0, 3] = 1.7616
// CHECK-NEXT: NULL def: INVALID_ARGUMENT: seqc_model_create: the model definition is NULL
// CHECK-NEXT:   *out is NULL
// CHECK-NEXT: negative threads: INVALID_ARGUMENT: seqc_model_create: num_threads must be >= 0, got -1
// CHECK-NEXT: ABI version: INTERNAL: model definition has ABI version 3, but this runtime implements version 2
// CHECK-NEXT: NULL out: INVALID_ARGUMENT: seqc_model_create: `out` is NULL
// CHECK-EMPTY:

// TOOL-SHAPE:        seqc-run: {{.*}}x_bad_shape.npy: input #0 `x` must have shape [2, 8, 16], got [2, 8, 15]
// TOOL-SHAPE-NEXT:   [exit 1]
// TOOL-DTYPE:        seqc-run: {{.*}}x_f64.npy: input #0 `x` must have dtype f32, got f64
// TOOL-DTYPE-NEXT:   [exit 1]
// TOOL-MISSING:      seqc-run: {{.*}}missing.npy: cannot open: No such file or directory
// TOOL-MISSING-NEXT: [exit 1]
// TOOL-TOO-FEW:      seqc-run: entry `forward` needs input #1 `weight`: give a .npy file or --random-inputs
// TOOL-TOO-FEW-NEXT: [exit 1]
// TOOL-TOO-MANY:     seqc-run: entry `forward` takes 3 inputs; too many files given
// TOOL-TOO-MANY-NEXT: [exit 1]
// TOOL-NAME:         seqc-run: entry `forward` has no input `nope`
// TOOL-NAME-NEXT:    [exit 1]
// TOOL-LIB:          seqc-run: cannot load {{.*}}missing.so: {{.*}}missing.so: cannot open shared object file: No such file or directory
// TOOL-LIB-NEXT:     [exit 1]
