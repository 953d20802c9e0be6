// --compile-to=<phase> stops after that phase and prints its IR (stdout, or
// the -o file); each phase removes what the one before it had.
// RUN: seqc %s --compile-to=input | FileCheck %s --check-prefix=INPUT
// RUN: seqc %s --compile-to=seq | FileCheck %s --check-prefix=SEQ
// RUN: seqc %s --compile-to=linalg | FileCheck %s --check-prefix=LINALG --implicit-check-not=seq.
// RUN: seqc %s --compile-to=bufferized | FileCheck %s --check-prefix=BUF --implicit-check-not=tensor
// RUN: seqc %s --compile-to=llvm | FileCheck %s --check-prefix=LLVM \
// RUN:   --implicit-check-not=func.func --implicit-check-not=memref. --implicit-check-not=tensor --implicit-check-not=scf.
// RUN: seqc %s --compile-to=linalg -o %t.mlir
// RUN: FileCheck %s --check-prefix=LINALG --implicit-check-not=seq. < %t.mlir
// What a phase prints is valid IR again.
// RUN: seqc %s --compile-to=bufferized | seqc-opt | FileCheck %s --check-prefix=BUF --implicit-check-not=tensor

func.func @block(%x: tensor<1x4x8xf32> {seqc.name = "x"},
                 %w: tensor<4x3xf32> {seqc.name = "w"},
                 %g: tensor<8xf32> {seqc.name = "g"})
    -> (tensor<1x4x8xf32> {seqc.name = "y"}) {
  %c = seq.causal_conv1d %x, %w activation<silu>
      : (tensor<1x4x8xf32>, tensor<4x3xf32>) -> tensor<1x4x8xf32>
  // Twice the same norm: the seq phase (canonicalize, cse) keeps one.
  %n1 = seq.rms_norm %c, %g : (tensor<1x4x8xf32>, tensor<8xf32>) -> tensor<1x4x8xf32>
  %n2 = seq.rms_norm %c, %g : (tensor<1x4x8xf32>, tensor<8xf32>) -> tensor<1x4x8xf32>
  %e = tensor.empty() : tensor<1x4x8xf32>
  %y = linalg.add ins(%n1, %n2 : tensor<1x4x8xf32>, tensor<1x4x8xf32>)
      outs(%e : tensor<1x4x8xf32>) -> tensor<1x4x8xf32>
  return %y : tensor<1x4x8xf32>
}

// INPUT-LABEL: func.func @block
// INPUT-SAME:    tensor<1x4x8xf32> {seqc.name = "x"}
// INPUT-SAME:    -> (tensor<1x4x8xf32> {seqc.name = "y"})
// INPUT:         seq.causal_conv1d
// INPUT-COUNT-2: seq.rms_norm
// INPUT:         linalg.add

// SEQ-LABEL: func.func @block
// SEQ:         seq.causal_conv1d
// SEQ:         %[[N:.+]] = seq.rms_norm
// SEQ-NOT:     seq.rms_norm
// SEQ:         linalg.add ins(%[[N]], %[[N]] :

// No seq op is left after linalg; the sequence loops are scf.
// LINALG-LABEL: func.func @block
// LINALG-SAME:    tensor<1x4x8xf32> {seqc.name = "x"}
// LINALG:         scf.forall
// LINALG:         linalg.add
// LINALG:         return

// Tensors are gone after bufferization; the result is written into a
// fourth argument that the caller passes, and temporaries are freed.
// BUF-LABEL: func.func @block
// BUF-SAME:    (%{{.+}}: memref<1x4x8xf32> {seqc.name = "x"}, %{{.+}}: memref<4x3xf32> {seqc.name = "w"}, %{{.+}}: memref<8xf32> {seqc.name = "g"}, %[[Y:.+]]: memref<1x4x8xf32> {seqc.name = "y"})
// BUF:         memref.alloc
// BUF:         scf.forall
// BUF:         linalg.add {{.*}}outs(%[[Y]] :
// BUF:         memref.dealloc
// BUF-NEXT:    return{{$}}

// Only the LLVM and OpenMP dialects are left, plus the runtime glue: the
// signature text, the entry table and the exported <name>_model_def.
// LLVM:      llvm.func internal @block(
// LLVM:      omp.parallel
// LLVM:      omp.wsloop
// LLVM:      llvm.func internal @_mlir_ciface_block(
// LLVM:      llvm.func internal @compile_to__block__entry(
// LLVM:      llvm.mlir.global internal constant @compile_to__signature("model compile_to\0Aentry block 3 1\0Ainput x f32 3 1 4 8\0Ainput w f32 2 4 3\0Ainput g f32 1 8\0Aoutput y f32 3 1 4 8\0A\00")
// LLVM:      llvm.func @compile_to_model_def() -> !llvm.ptr
// LLVM:      llvm.func @seqc_default_model_def() -> !llvm.ptr
