// -v prints one line per phase with its time, and the link step; without
// it a successful compile prints nothing.
// RUN: rm -rf %t && mkdir -p %t
// RUN: seqc %s -v -o %t/libverbose.so 2>&1 | FileCheck %s --check-prefix=LIB
// RUN: seqc %s -v --emit=obj -o %t/verbose.o 2>&1 | FileCheck %s --check-prefix=OBJ
// RUN: seqc %s -v --compile-to=linalg -o %t/linalg.mlir 2>&1 | FileCheck %s --check-prefix=STOP
// RUN: seqc %s -o %t/libquiet.so 2>&1 | count 0

func.func @norm(%x: tensor<2x16xf32>, %g: tensor<16xf32>) -> tensor<2x16xf32> {
  %y = seq.rms_norm %x, %g : (tensor<2x16xf32>, tensor<16xf32>) -> tensor<2x16xf32>
  return %y : tensor<2x16xf32>
}

// LIB:      seqc: phase input done ({{[0-9]+}} ms)
// LIB-NEXT: seqc: phase seq done ({{[0-9]+}} ms)
// LIB-NEXT: seqc: phase tiled done ({{[0-9]+}} ms)
// LIB-NEXT: seqc: phase linalg done ({{[0-9]+}} ms)
// LIB-NEXT: seqc: phase bufferized done ({{[0-9]+}} ms)
// LIB-NEXT: seqc: phase llvm done ({{[0-9]+}} ms)
// LIB-NEXT: seqc: linking {{.*}}libverbose.so
// LIB-EMPTY:

// OBJ:      seqc: phase input done
// OBJ:      seqc: phase llvm done ({{[0-9]+}} ms)
// OBJ-EMPTY:

// STOP:      seqc: phase input done
// STOP-NEXT: seqc: phase seq done
// STOP-NEXT: seqc: phase tiled done
// STOP-NEXT: seqc: phase linalg done ({{[0-9]+}} ms)
// STOP-EMPTY:
