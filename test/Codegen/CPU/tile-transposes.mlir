// seqc-tile-transposes: a transpose on buffers that moves the innermost dim
// is tiled by 16 in the two swapped dims (1 in the others), as a parallel
// loop over the tiles; row copies, small transposes and tensors are left
// alone.
// RUN: seqc-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(seqc-tile-transposes))' | FileCheck %s

// [B, D, L] -> [B, L, D]: tiles of 1 x 16 x 16, edges by affine.min.
// CHECK-LABEL: func.func @swap
// CHECK-SAME:    (%[[A:.+]]: memref<2x40x37xf32>, %[[B:.+]]: memref<2x37x40xf32>)
// CHECK:         scf.parallel (%[[I:.+]], %[[J:.+]], %[[K:.+]]) = ({{.+}}) to (%c2, %c37, %c40) step (%{{.+}}, %c16{{.*}}, %c16{{.*}})
// CHECK-DAG:       %[[IN:.+]] = memref.subview %[[A]][%[[I]], %[[K]], %[[J]]] [1, %{{.+}}, %{{.+}}] [1, 1, 1]
// CHECK-DAG:       %[[OUT:.+]] = memref.subview %[[B]][%[[I]], %[[J]], %[[K]]] [1, %{{.+}}, %{{.+}}] [1, 1, 1]
// CHECK:           linalg.transpose ins(%[[IN]] : {{.+}}) outs(%[[OUT]] : {{.+}}) permutation = [0, 2, 1]
// CHECK-NOT:     linalg.transpose
func.func @swap(%a: memref<2x40x37xf32>, %b: memref<2x37x40xf32>) {
  linalg.transpose ins(%a : memref<2x40x37xf32>) outs(%b : memref<2x37x40xf32>) permutation = [0, 2, 1]
  return
}

// -----

// The innermost dim stays innermost (each output row is an input row), the
// swapped dims fit in one tile, or the op is on tensors: untouched.
// CHECK-LABEL: func.func @untouched
// CHECK-NOT:     scf.parallel
// CHECK-COUNT-3: linalg.transpose
func.func @untouched(%a: memref<4x40x37xf32>, %b: memref<40x4x37xf32>,
                     %c: memref<16x8xf32>, %d: memref<8x16xf32>,
                     %t: tensor<40x37xf32>) -> tensor<37x40xf32> {
  linalg.transpose ins(%a : memref<4x40x37xf32>) outs(%b : memref<40x4x37xf32>) permutation = [1, 0, 2]
  linalg.transpose ins(%c : memref<16x8xf32>) outs(%d : memref<8x16xf32>) permutation = [1, 0]
  %e = tensor.empty() : tensor<37x40xf32>
  %r = linalg.transpose ins(%t : tensor<40x37xf32>) outs(%e : tensor<37x40xf32>) permutation = [1, 0]
  return %r : tensor<37x40xf32>
}
