// --dump-phases=DIR writes the IR after each phase that ran to
// DIR/<index>-<phase>.mlir (creating DIR), next to the normal output.
// RUN: rm -rf %t && mkdir -p %t
// RUN: seqc %s --dump-phases=%t/all/phases -o %t/libdump.so
// RUN: ls %t/all/phases | FileCheck %s --check-prefix=ALL
// RUN: test -f %t/libdump.so
// RUN: FileCheck %s --check-prefix=INPUT < %t/all/phases/0-input.mlir
// RUN: FileCheck %s --check-prefix=LINALG --implicit-check-not=seq. < %t/all/phases/3-linalg.mlir
// RUN: FileCheck %s --check-prefix=BUF < %t/all/phases/4-bufferized.mlir
// RUN: FileCheck %s --check-prefix=LLVM < %t/all/phases/5-llvm.mlir
// Each dump is what --compile-to of that phase prints.
// RUN: seqc %s --compile-to=bufferized -o %t/bufferized.mlir
// RUN: cmp %t/bufferized.mlir %t/all/phases/4-bufferized.mlir
// With --compile-to, only the phases up to it run and are dumped.
// RUN: seqc %s --dump-phases=%t/some --compile-to=linalg -o %t/linalg.mlir
// RUN: ls %t/some | FileCheck %s --check-prefix=SOME
// RUN: cmp %t/linalg.mlir %t/some/3-linalg.mlir

func.func @norm(%x: tensor<2x16xf32>, %g: tensor<16xf32>) -> tensor<2x16xf32> {
  %y = seq.rms_norm %x, %g : (tensor<2x16xf32>, tensor<16xf32>) -> tensor<2x16xf32>
  return %y : tensor<2x16xf32>
}

// ALL:      0-input.mlir
// ALL-NEXT: 1-seq.mlir
// ALL-NEXT: 2-tiled.mlir
// ALL-NEXT: 3-linalg.mlir
// ALL-NEXT: 4-bufferized.mlir
// ALL-NEXT: 5-llvm.mlir
// ALL-EMPTY:

// INPUT:  seq.rms_norm
// LINALG: func.func @norm
// BUF:    func.func @norm({{.*}}memref<2x16xf32>{{.*}}memref<16xf32>{{.*}}memref<2x16xf32>)
// LLVM:   llvm.func @dump_model_def

// SOME:      0-input.mlir
// SOME-NEXT: 1-seq.mlir
// SOME-NEXT: 2-tiled.mlir
// SOME-NEXT: 3-linalg.mlir
// SOME-EMPTY:
