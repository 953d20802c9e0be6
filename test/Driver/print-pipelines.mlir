// --print-pipelines prints the pass pipeline of each phase for --mcpu, and
// docs/seqc.md lists exactly these lines for x86-64-v4; the contraction
// kernels' ISA follows --mcpu.
// RUN: seqc --print-pipelines --mcpu=x86-64-v4 > %t
// RUN: FileCheck %s < %t
// RUN: grep -F -x -f %t %seqc_src/docs/seqc.md | count 5

// CHECK:      seq: inline,canonicalize,cse
// CHECK-NEXT: tiled: func.func(seq-select-chunking{{.}}min-length=64{{.}},seq-ssd-to-linear-attention,seq-chunk-linear-attention),canonicalize,cse
// CHECK-NEXT: linalg: convert-seq-to-linalg,canonicalize,cse,func.func(seqc-fuse-elementwise-ops),canonicalize,cse
// CHECK-NEXT: bufferized: func.func(seqc-copy-repeated-results),one-shot-bufferize{{.*}},seqc-select-contraction-kernels{isa=avx512},func.func(seqc-fuse-contraction-epilogues){{$}}
// CHECK-NEXT: llvm: seqc-lower-contractions-to-kernels,func.func(seqc-approximate-math,seqc-tile-transposes,linalg-generalize-named-ops,seqc-reassociate-reductions,seqc-interchange-for-vectorization,

// RUN: seqc --print-pipelines --chunking=always | FileCheck %s --check-prefix=ALWAYS
// RUN: seqc --print-pipelines --chunking=never | FileCheck %s --check-prefix=NEVER
// RUN: not seqc --print-pipelines --chunking=sometimes 2>&1 | FileCheck %s --check-prefix=BADCHUNKING
// ALWAYS: tiled: func.func(seq-select-chunking{min-length=1 min-key-dim=0 delta-min-key-dim=0},
// NEVER: tiled: func.func(seq-select-chunking{min-length=9223372036854775807},
// BADCHUNKING: Cannot find option named 'sometimes'

// RUN: seqc --print-pipelines --mcpu=x86-64-v3 | FileCheck %s --check-prefix=V3
// RUN: seqc --print-pipelines --mcpu=x86-64 | FileCheck %s --check-prefix=BASE
// V3: seqc-select-contraction-kernels{isa=avx2}
// BASE: seqc-select-contraction-kernels{isa=generic}
