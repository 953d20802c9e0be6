// --weights=external moves the constant weights out of the library into
// <name>.weights next to it, which the runtime maps at create time: the
// outputs are those of the embedded build, the library is smaller by about
// the weights (section alignment moves the difference by some bytes), and a missing or truncated file is a clear error at create.
// RUN: rm -rf %t && mkdir -p %t
// RUN: seqc %S/Inputs/constant_weights.mlir -o %t/embedded/libcw.so
// RUN: seqc %S/Inputs/constant_weights.mlir -o %t/external/libcw.so --weights=external -v 2>&1 | FileCheck %s --check-prefix=VERBOSE
// RUN: not ls %t/embedded/cw.weights
// RUN: seqc-run %t/embedded/libcw.so --random-inputs --seed 2 --output-dir %t/out/embedded
// RUN: seqc-run %t/external/libcw.so --random-inputs --seed 2 --output-dir %t/out/external
// RUN: cmp %t/out/embedded/y.npy %t/out/external/y.npy
// RUN: %python -c "import os; e = os.path.getsize('%t/embedded/libcw.so'); x = os.path.getsize('%t/external/libcw.so'); w = os.path.getsize('%t/external/cw.weights'); print('smaller by about the weights:', e - x >= 0.9 * w, w)" | FileCheck %s --check-prefix=SIZE
//
// RUN: mv %t/external/cw.weights %t/cw.weights.saved
// RUN: not seqc-run %t/external/libcw.so --random-inputs 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: head -c 100 %t/cw.weights.saved > %t/external/cw.weights
// RUN: not seqc-run %t/external/libcw.so --random-inputs 2>&1 | FileCheck %s --check-prefix=TRUNCATED
// RUN: not seqc %S/Inputs/constant_weights.mlir -o %t/x/libcw.so --weights=inline 2>&1 | FileCheck %s --check-prefix=FLAG

// VERBOSE:   seqc: wrote 4352 bytes of weights to {{.*}}external{{/|\\}}cw.weights
// SIZE:      smaller by about the weights: True 4352
// MISSING:   seqc-run: cannot create the model: cannot open the weights file {{.*}}cw.weights: No such file or directory
// TRUNCATED: seqc-run: cannot create the model: the weights file {{.*}}cw.weights has 100 bytes, expected 4352 (was it written by the same seqc run as the library?)
// FLAG:      seqc: error: unknown --weights=inline (expected embedded or external)
