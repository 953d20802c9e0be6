// MLIR's IR printing and timing flags work across seqc's phases; what they
// print goes to stderr, the output is unchanged.
// RUN: rm -rf %t && mkdir -p %t
// RUN: seqc %s --compile-to=linalg -o %t/after-all.mlir --mlir-print-ir-after-all 2>&1 \
// RUN:   | FileCheck %s --check-prefix=AFTER-ALL
// RUN: seqc %s --compile-to=linalg -o %t/before.mlir --mlir-print-ir-before=convert-seq-to-linalg 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BEFORE
// RUN: seqc %s --emit=obj -o %t/timing.o --mlir-timing 2>&1 | FileCheck %s --check-prefix=TIMING
// RUN: %python %S/Inputs/exit_code.py seqc %S/Inputs/not-bufferizable.mlir -o %t/libfail.so \
// RUN:   --mlir-print-ir-after-failure | FileCheck %s --check-prefix=FAILURE

func.func @norm(%x: tensor<2x16xf32>, %g: tensor<16xf32>) -> tensor<2x16xf32> {
  %y = seq.rms_norm %x, %g : (tensor<2x16xf32>, tensor<16xf32>) -> tensor<2x16xf32>
  return %y : tensor<2x16xf32>
}

// The seq phase (canonicalize, cse), then the linalg phase.
// AFTER-ALL:      IR Dump After Canonicalizer (canonicalize)
// AFTER-ALL:      seq.rms_norm
// AFTER-ALL:      IR Dump After CSE (cse)
// AFTER-ALL:      IR Dump After ConvertSeqToLinalg (convert-seq-to-linalg)
// AFTER-ALL-NOT:  seq.rms_norm
// AFTER-ALL:      IR Dump After Canonicalizer (canonicalize)
// AFTER-ALL:      IR Dump After CSE (cse)
// AFTER-ALL:      IR Dump After FuseElementwiseOps (seqc-fuse-elementwise-ops)
// AFTER-ALL:      IR Dump After Canonicalizer (canonicalize)
// AFTER-ALL:      IR Dump After CSE (cse)
// AFTER-ALL-NOT:  IR Dump

// BEFORE:     IR Dump Before ConvertSeqToLinalg (convert-seq-to-linalg)
// BEFORE:     seq.rms_norm
// BEFORE-NOT: IR Dump

// One timer per phase, with its passes nested.
// TIMING:      Execution time report
// TIMING:      seq
// TIMING-NEXT:   Inliner
// TIMING:      linalg
// TIMING-NEXT:   ConvertSeqToLinalg
// TIMING:      bufferized
// TIMING-NEXT:   'func.func' Pipeline
// TIMING-NEXT:     CopyRepeatedResults
// TIMING-NEXT:   OneShotBufferize
// TIMING:      llvm
// TIMING:        ConvertSCFToOpenMPPass
// TIMING:      Total

// FAILURE:     not-bufferizable.mlir:4:8: error: op was not bufferized
// FAILURE:     IR Dump After OneShotBufferizePass Failed (one-shot-bufferize)
// FAILURE:     tosa.add
// FAILURE:     [exit 1]
