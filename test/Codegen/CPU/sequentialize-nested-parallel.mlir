// seqc-sequentialize-nested-parallel: every scf.parallel nested in another
// becomes a nest of scf.for with the same bounds, steps and body; outermost
// loops stay parallel but for their last dim (an scf.for inside); loops
// with reductions are reported.
// RUN: seqc-opt %s --split-input-file --seqc-sequentialize-nested-parallel --verify-diagnostics | FileCheck %s

// A 2-D parallel loop inside a 1-D one: the inner one becomes two scf.for,
// one per induction variable, in order, with its (mixed constant and
// dynamic) bounds and steps; the body uses the new induction variables.
// CHECK-LABEL: func.func @nested_2d
// CHECK-SAME:    (%[[M:[a-zA-Z0-9_]+]]: memref<4x8x16xf32>, %[[LB:[a-zA-Z0-9_]+]]: index, %[[UB:[a-zA-Z0-9_]+]]: index)
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG:     %[[C2:.+]] = arith.constant 2 : index
// CHECK-DAG:     %[[C4:.+]] = arith.constant 4 : index
// CHECK-DAG:     %[[C8:.+]] = arith.constant 8 : index
// CHECK-DAG:     %[[CST:.+]] = arith.constant 1.000000e+00 : f32
// CHECK:         scf.parallel (%[[I:.+]]) = (%[[C0]]) to (%[[C4]]) step (%[[C1]]) {
// CHECK-NEXT:      scf.for %[[J:.+]] = %[[C1]] to %[[C8]] step %[[C2]] {
// CHECK-NEXT:        scf.for %[[K:.+]] = %[[LB]] to %[[UB]] step %[[C1]] {
// CHECK-NEXT:          %[[V:.+]] = memref.load %[[M]][%[[I]], %[[J]], %[[K]]]
// CHECK-NEXT:          %[[W:.+]] = arith.addf %[[V]], %[[CST]]
// CHECK-NEXT:          memref.store %[[W]], %[[M]][%[[I]], %[[J]], %[[K]]]
// CHECK-NEXT:        }
// CHECK-NEXT:      }
// CHECK-NEXT:      scf.reduce
// CHECK-NEXT:    }
// CHECK-NOT:     scf.parallel
// CHECK:         return
func.func @nested_2d(%m: memref<4x8x16xf32>, %lb: index, %ub: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %cst = arith.constant 1.0 : f32
  scf.parallel (%i) = (%c0) to (%c4) step (%c1) {
    scf.parallel (%j, %k) = (%c1, %lb) to (%c8, %ub) step (%c2, %c1) {
      %v = memref.load %m[%i, %j, %k] : memref<4x8x16xf32>
      %w = arith.addf %v, %cst : f32
      memref.store %w, %m[%i, %j, %k] : memref<4x8x16xf32>
      scf.reduce
    }
    scf.reduce
  }
  return
}

// -----

// Three levels, the innermost under an scf.for: both nested loops become
// scf.for (the innermost one too, though its direct parent is a for); the
// ops around the inner loops keep their place.
// CHECK-LABEL: func.func @nested_three_levels
// CHECK-SAME:    (%[[M:[a-zA-Z0-9_]+]]: memref<4x4x4xf32>)
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG:     %[[C4:.+]] = arith.constant 4 : index
// CHECK-DAG:     %[[CST:.+]] = arith.constant 0.000000e+00 : f32
// CHECK:         scf.parallel (%[[I:.+]]) = (%[[C0]]) to (%[[C4]]) step (%[[C1]]) {
// CHECK-NEXT:      scf.for %[[J:.+]] = %[[C0]] to %[[C4]] step %[[C1]] {
// CHECK-NEXT:        memref.store %[[CST]], %[[M]][%[[I]], %[[J]], %[[C0]]]
// CHECK-NEXT:        scf.for %[[T:.+]] = %[[C0]] to %[[C1]] step %[[C1]] {
// CHECK-NEXT:          scf.for %[[K:.+]] = %[[C1]] to %[[C4]] step %[[C1]] {
// CHECK-NEXT:            memref.store %[[CST]], %[[M]][%[[I]], %[[J]], %[[K]]]
// CHECK-NEXT:          }
// CHECK-NEXT:        }
// CHECK-NEXT:      }
// CHECK-NEXT:      scf.reduce
// CHECK-NEXT:    }
// CHECK-NOT:     scf.parallel
// CHECK:         return
func.func @nested_three_levels(%m: memref<4x4x4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %cst = arith.constant 0.0 : f32
  scf.parallel (%i) = (%c0) to (%c4) step (%c1) {
    scf.parallel (%j) = (%c0) to (%c4) step (%c1) {
      memref.store %cst, %m[%i, %j, %c0] : memref<4x4x4xf32>
      scf.for %t = %c0 to %c1 step %c1 {
        scf.parallel (%k) = (%c1) to (%c4) step (%c1) {
          memref.store %cst, %m[%i, %j, %k] : memref<4x4x4xf32>
          scf.reduce
        }
      }
      scf.reduce
    }
    scf.reduce
  }
  return
}

// -----

// Loops that are not nested in another scf.parallel stay parallel: a lone
// 2-D loop keeps its first dim parallel and runs its last (unit-stride) dim
// as an scf.for inside, so LLVM can vectorize it; a 1-D sibling and a
// parallel loop inside an scf.for are left alone.
// CHECK-LABEL: func.func @not_nested
// CHECK-SAME:    (%[[M:[a-zA-Z0-9_]+]]: memref<4x4xf32>)
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG:     %[[C4:.+]] = arith.constant 4 : index
// CHECK-DAG:     %[[CST:.+]] = arith.constant 0.000000e+00 : f32
// CHECK:         scf.parallel (%[[I:.+]]) = (%[[C0]]) to (%[[C4]]) step (%[[C1]]) {
// CHECK-NEXT:      scf.for %[[J:.+]] = %[[C0]] to %[[C4]] step %[[C1]] {
// CHECK-NEXT:        memref.store %[[CST]], %[[M]][%[[I]], %[[J]]]
// CHECK-NEXT:      }
// CHECK-NEXT:      scf.reduce
// CHECK-NEXT:    }
// CHECK-NEXT:    scf.parallel (%[[I2:.+]]) = (%[[C0]]) to (%[[C4]]) step (%[[C1]]) {
// CHECK-NEXT:      memref.store %[[CST]], %[[M]][%[[I2]], %[[I2]]]
// CHECK-NEXT:      scf.reduce
// CHECK-NEXT:    }
// CHECK-NEXT:    scf.for %[[T:.+]] = %[[C0]] to %[[C4]] step %[[C1]] {
// CHECK-NEXT:      scf.parallel (%[[I3:.+]]) = (%[[C0]]) to (%[[C4]]) step (%[[C1]]) {
// CHECK-NEXT:        memref.store %[[CST]], %[[M]][%[[T]], %[[I3]]]
// CHECK-NEXT:        scf.reduce
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NOT:     scf.parallel
// CHECK:         return
func.func @not_nested(%m: memref<4x4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %cst = arith.constant 0.0 : f32
  scf.parallel (%i, %j) = (%c0, %c0) to (%c4, %c4) step (%c1, %c1) {
    memref.store %cst, %m[%i, %j] : memref<4x4xf32>
    scf.reduce
  }
  scf.parallel (%i) = (%c0) to (%c4) step (%c1) {
    memref.store %cst, %m[%i, %i] : memref<4x4xf32>
    scf.reduce
  }
  scf.for %t = %c0 to %c4 step %c1 {
    scf.parallel (%i) = (%c0) to (%c4) step (%c1) {
      memref.store %cst, %m[%t, %i] : memref<4x4xf32>
      scf.reduce
    }
  }
  return
}

// -----

// Two nested loops side by side in one parallel body: both become scf.for.
// CHECK-LABEL: func.func @nested_siblings
// CHECK-SAME:    (%[[M:[a-zA-Z0-9_]+]]: memref<4x4xf32>, %[[N:[a-zA-Z0-9_]+]]: memref<4x4xf32>)
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG:     %[[C4:.+]] = arith.constant 4 : index
// CHECK-DAG:     %[[CST:.+]] = arith.constant 0.000000e+00 : f32
// CHECK:         scf.parallel (%[[I:.+]]) = (%[[C0]]) to (%[[C4]]) step (%[[C1]]) {
// CHECK-NEXT:      scf.for %[[J:.+]] = %[[C0]] to %[[C4]] step %[[C1]] {
// CHECK-NEXT:        memref.store %[[CST]], %[[M]][%[[I]], %[[J]]]
// CHECK-NEXT:      }
// CHECK-NEXT:      scf.for %[[K:.+]] = %[[C0]] to %[[C4]] step %[[C1]] {
// CHECK-NEXT:        memref.store %[[CST]], %[[N]][%[[I]], %[[K]]]
// CHECK-NEXT:      }
// CHECK-NEXT:      scf.reduce
// CHECK-NEXT:    }
// CHECK-NOT:     scf.parallel
// CHECK:         return
func.func @nested_siblings(%m: memref<4x4xf32>, %n: memref<4x4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %cst = arith.constant 0.0 : f32
  scf.parallel (%i) = (%c0) to (%c4) step (%c1) {
    scf.parallel (%j) = (%c0) to (%c4) step (%c1) {
      memref.store %cst, %m[%i, %j] : memref<4x4xf32>
      scf.reduce
    }
    scf.parallel (%k) = (%c0) to (%c4) step (%c1) {
      memref.store %cst, %n[%i, %k] : memref<4x4xf32>
      scf.reduce
    }
    scf.reduce
  }
  return
}

// -----

// An outermost loop with a reduction (init values and a non-empty
// scf.reduce) is reported and the pass fails.
func.func @outer_reduction(%m: memref<4xf32>) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %init = arith.constant 0.0 : f32
  // expected-error @+1 {{'scf.parallel' op parallel reductions are not supported by the CPU pipeline}}
  %r = scf.parallel (%i) = (%c0) to (%c4) step (%c1) init (%init) -> f32 {
    %v = memref.load %m[%i] : memref<4xf32>
    scf.reduce(%v : f32) {
    ^bb0(%a: f32, %b: f32):
      %s = arith.addf %a, %b : f32
      scf.reduce.return %s : f32
    }
  }
  return %r : f32
}

// -----

// A nested loop with a reduction is reported too (not sequentialized).
func.func @nested_reduction(%m: memref<4x4xf32>, %out: memref<4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %init = arith.constant 0.0 : f32
  scf.parallel (%i) = (%c0) to (%c4) step (%c1) {
    // expected-error @+1 {{'scf.parallel' op parallel reductions are not supported by the CPU pipeline}}
    %r = scf.parallel (%j) = (%c0) to (%c4) step (%c1) init (%init) -> f32 {
      %v = memref.load %m[%i, %j] : memref<4x4xf32>
      scf.reduce(%v : f32) {
      ^bb0(%a: f32, %b: f32):
        %s = arith.addf %a, %b : f32
        scf.reduce.return %s : f32
      }
    }
    memref.store %r, %out[%i] : memref<4xf32>
    scf.reduce
  }
  return
}
