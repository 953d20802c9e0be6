// RUN: seqc-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(seqc-copy-repeated-results))' | FileCheck %s

// A value returned twice: the second result becomes a copy.
// CHECK-LABEL: func.func @twice
// CHECK:         %[[Y:.*]] = linalg.add
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<3xf32>
// CHECK:         %[[C:.*]] = linalg.copy ins(%[[Y]] : tensor<3xf32>) outs(%[[E]] : tensor<3xf32>) -> tensor<3xf32>
// CHECK:         return %[[Y]], %[[C]]
func.func @twice(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %e = tensor.empty() : tensor<3xf32>
  %y = linalg.add ins(%x, %x : tensor<3xf32>, tensor<3xf32>) outs(%e : tensor<3xf32>) -> tensor<3xf32>
  return %y, %y : tensor<3xf32>, tensor<3xf32>
}

// -----

// Dynamic dims of the copy come from the value; three returns, two copies.
// CHECK-LABEL: func.func @dynamic
// CHECK:         %[[D:.*]] = tensor.dim %arg0, %c0
// CHECK:         tensor.empty(%[[D]]) : tensor<?xf32>
// CHECK:         linalg.copy
// CHECK:         linalg.copy
// CHECK:         return %arg0, %{{.*}}, %{{.*}} : tensor<?xf32>, tensor<?xf32>, tensor<?xf32>
func.func @dynamic(%x: tensor<?xf32>) -> (tensor<?xf32>, tensor<?xf32>, tensor<?xf32>) {
  return %x, %x, %x : tensor<?xf32>, tensor<?xf32>, tensor<?xf32>
}

// -----

// Distinct results (and non-tensor ones) are left alone.
// CHECK-LABEL: func.func @distinct
// CHECK-NOT:     linalg.copy
// CHECK:         return %arg0, %arg1, %arg2, %arg2
func.func @distinct(%x: tensor<3xf32>, %y: tensor<3xf32>, %i: index) -> (tensor<3xf32>, tensor<3xf32>, index, index) {
  return %x, %y, %i, %i : tensor<3xf32>, tensor<3xf32>, index, index
}
