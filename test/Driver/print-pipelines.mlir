// --print-pipelines prints the pass pipeline of each phase, and
// docs/seqc.md lists exactly these lines.
// RUN: seqc --print-pipelines > %t
// RUN: FileCheck %s < %t
// RUN: grep -F -x -f %t %seqc_src/docs/seqc.md | count 4

// CHECK:      seq: inline,canonicalize,cse
// CHECK-NEXT: linalg: convert-seq-to-linalg,canonicalize,cse
// CHECK-NEXT: bufferized: func.func(seqc-copy-repeated-results),one-shot-bufferize{
// CHECK-NEXT: llvm: func.func(linalg-generalize-named-ops,seqc-interchange-for-vectorization,
