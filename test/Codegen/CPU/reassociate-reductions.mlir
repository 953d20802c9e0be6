// seqc-reassociate-reductions: the addf that combines a reduction's
// accumulator gets fastmath<reassoc>; other adds, other combiners and
// parallel ops keep their flags.
// RUN: seqc-opt %s --pass-pipeline='builtin.module(func.func(seqc-reassociate-reductions))' | FileCheck %s

#id = affine_map<(i, j) -> (i, j)>
#row = affine_map<(i, j) -> (i)>

// CHECK-LABEL: func.func @sum_and_max
// CHECK:         ^bb0(%[[A:.+]]: f32, %[[ACC:.+]]: f32):
// CHECK-NEXT:      %[[SQ:.+]] = arith.mulf %[[A]], %[[A]] : f32
// CHECK-NEXT:      %[[T:.+]] = arith.addf %[[SQ]], %[[SQ]] : f32
// CHECK-NEXT:      %[[S:.+]] = arith.addf %[[ACC]], %[[T]] fastmath<reassoc> : f32
// CHECK-NEXT:      linalg.yield %[[S]]
// CHECK:         arith.maximumf
// CHECK-NOT:       fastmath
// CHECK:         linalg.yield
// CHECK:         arith.addf
// CHECK-NOT:       fastmath
// CHECK:         return
func.func @sum_and_max(%x: memref<8x16xf32>, %s: memref<8xf32>, %m: memref<8xf32>, %y: memref<8x16xf32>) {
  linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<8x16xf32>) outs(%s : memref<8xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %sq = arith.mulf %a, %a : f32
    %t = arith.addf %sq, %sq : f32
    %r = arith.addf %acc, %t : f32
    linalg.yield %r : f32
  }
  linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<8x16xf32>) outs(%m : memref<8xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %r = arith.maximumf %acc, %a : f32
    linalg.yield %r : f32
  }
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : memref<8x16xf32>) outs(%y : memref<8x16xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = arith.addf %o, %a : f32
    linalg.yield %r : f32
  }
  return
}
