// Every valid op of the dialect tests, static and dynamic shapes alike,
// lowers to valid IR that bufferizes: nothing of seq is left, and a result
// type more static than the operands is reached by a cast.
// RUN: seqc-opt %S/../../Dialect/seq/dynamic-shapes-recurrent.mlir --convert-seq-to-linalg --canonicalize --one-shot-bufferize=bufferize-function-boundaries | FileCheck %s
// RUN: seqc-opt %S/../../Dialect/seq/dynamic-shapes-structured.mlir --convert-seq-to-linalg --canonicalize --one-shot-bufferize=bufferize-function-boundaries | FileCheck %s
// RUN: seqc-opt %S/../../Dialect/seq/ops-scan.mlir --convert-seq-to-linalg --canonicalize --one-shot-bufferize=bufferize-function-boundaries | FileCheck %s
// RUN: seqc-opt %S/../../Dialect/seq/ops-linear-attention.mlir --convert-seq-to-linalg --canonicalize --one-shot-bufferize=bufferize-function-boundaries | FileCheck %s
// RUN: seqc-opt %S/../../Dialect/seq/ops-conv.mlir --convert-seq-to-linalg --canonicalize --one-shot-bufferize=bufferize-function-boundaries | FileCheck %s
// RUN: seqc-opt %S/../../Dialect/seq/ops-structured.mlir --convert-seq-to-linalg --canonicalize --one-shot-bufferize=bufferize-function-boundaries | FileCheck %s
// RUN: seqc-opt %S/../../Dialect/seq/ops-quant.mlir --convert-seq-to-linalg --canonicalize --one-shot-bufferize=bufferize-function-boundaries | FileCheck %s
// RUN: seqc-opt %s --split-input-file --convert-seq-to-linalg --canonicalize --one-shot-bufferize=bufferize-function-boundaries | FileCheck %s --check-prefix=EDGE

// CHECK:     func.func
// CHECK-NOT: seq.
// CHECK-NOT: tensor<

// A width-1 convolution has an empty state: no row slices it.
// EDGE-LABEL: func.func @conv_width_one
// EDGE-NOT:     seq.
// EDGE:         scf.forall
func.func @conv_width_one(%x: tensor<2x3x5xf32>, %w: tensor<3x1xf32>, %s: tensor<2x3x0xf32>) -> (tensor<2x3x5xf32>, tensor<2x3x0xf32>) {
  %y, %f = seq.causal_conv1d %x, %w initial_state(%s) : (tensor<2x3x5xf32>, tensor<3x1xf32>, tensor<2x3x0xf32>) -> (tensor<2x3x5xf32>, tensor<2x3x0xf32>)
  return %y, %f : tensor<2x3x5xf32>, tensor<2x3x0xf32>
}

// -----

// EDGE-LABEL: func.func @conv_step_width_one
// EDGE-NOT:     seq.
func.func @conv_step_width_one(%x: tensor<2x3xf32>, %w: tensor<3x1xf32>, %s: tensor<2x3x0xf32>) -> (tensor<2x3xf32>, tensor<2x3x0xf32>) {
  %y, %f = seq.causal_conv1d_step %x, %w state(%s) : (tensor<2x3xf32>, tensor<3x1xf32>, tensor<2x3x0xf32>) -> (tensor<2x3xf32>, tensor<2x3x0xf32>)
  return %y, %f : tensor<2x3xf32>, tensor<2x3x0xf32>
}

// -----

// K static in x but not in the weight (W8A8), and Monarch with dynamically
// typed factors.
// EDGE-LABEL: func.func @qmatmul_weight_k_dynamic
// EDGE-NOT:     seq.
func.func @qmatmul_weight_k_dynamic(%x: tensor<4x64xi8>, %w: tensor<8x?xi8>, %ws: tensor<8xf32>, %xs: tensor<f32>) -> tensor<4x8xf32> {
  %y = seq.qmatmul %x, %w, %ws input_scale(%xs) : (tensor<4x64xi8>, tensor<8x?xi8>, tensor<8xf32>, tensor<f32>) -> tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}

// -----

// EDGE-LABEL: func.func @monarch_dynamic_factors
// EDGE-NOT:     seq.
func.func @monarch_dynamic_factors(%x: tensor<8x16xf32>, %w1: tensor<?x?x?xf32>, %w2: tensor<?x?x?xf32>) -> tensor<8x?xf32> {
  %y = seq.monarch_matmul %x, %w1, %w2 : (tensor<8x16xf32>, tensor<?x?x?xf32>, tensor<?x?x?xf32>) -> tensor<8x?xf32>
  return %y : tensor<8x?xf32>
}
