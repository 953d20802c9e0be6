// Ops lowered with dynamic sizes compute what the same ops on static types
// compute (which the numeric e2e tests check against NumPy): each pair of
// entries in Inputs/dynamic_shapes.mlir runs on the same random inputs.
// RUN: rm -rf %t && mkdir -p %t
// RUN: seqc %S/Inputs/dynamic_shapes.mlir -o %t/libdyn.so
// RUN: for op in scan ssd la conv norm monarch; do \
// RUN:   seqc-run %t/libdyn.so --entry $op --random-inputs --seed 7 --output-dir %t/$op/dynamic > /dev/null && \
// RUN:   seqc-run %t/libdyn.so --entry ${op}_static --random-inputs --seed 7 --output-dir %t/$op/static > /dev/null || exit 1; \
// RUN: done
// RUN: %python -c "import glob, numpy as np, os, sys; \
// RUN:   files = sorted(glob.glob('%t/*/dynamic/*.npy')); \
// RUN:   bad = [f for f in files if not np.allclose(np.load(f), np.load(f.replace('/dynamic/', '/static/')), rtol=1e-6, atol=1e-6)]; \
// RUN:   print(len(files), 'outputs compared,', len(bad), 'differ'); sys.exit(1 if bad or len(files) < 8 else 0)" | FileCheck %s
// CHECK: 8 outputs compared, 0 differ
