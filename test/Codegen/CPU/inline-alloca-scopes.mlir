// seqc-inline-alloca-scopes: a memref.alloca_scope with no alloca of its own
// is inlined, even when its body calls a function (the canonicalizer keeps
// those); static allocas directly in the body move out first; a scope that
// still allocates stays.
// RUN: seqc-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(seqc-inline-alloca-scopes))' | FileCheck %s

func.func private @kernel(index)

// CHECK-LABEL: func.func @call_inside
// CHECK-SAME:    (%[[X:.+]]: index) -> index
// CHECK-NOT:     memref.alloca_scope
// CHECK:         call @kernel(%[[X]]) : (index) -> ()
// CHECK-NEXT:    %[[Y:.+]] = arith.addi %[[X]], %[[X]] : index
// CHECK-NEXT:    return %[[Y]] : index
func.func @call_inside(%x: index) -> index {
  %r = memref.alloca_scope -> index {
    func.call @kernel(%x) : (index) -> ()
    %y = arith.addi %x, %x : index
    memref.alloca_scope.return %y : index
  }
  return %r : index
}

// A static alloca directly in a scope's body (a parallel row's scratch)
// moves to the start of the enclosing allocation scope, once per thread,
// and the scope is inlined. A dynamic one, or one inside a loop of the
// body, stays with its scope.
// CHECK-LABEL: func.func @allocates
// CHECK-NEXT:    %[[A:.+]] = memref.alloca() : memref<4xf32>
// CHECK-NOT:     memref.alloca_scope
// CHECK:         call @kernel
// CHECK:         memref.store %{{.+}}, %[[A]]
func.func @allocates(%x: index, %f: f32) {
  memref.alloca_scope {
    %a = memref.alloca() : memref<4xf32>
    func.call @kernel(%x) : (index) -> ()
    memref.store %f, %a[%x] : memref<4xf32>
  }
  return
}

// CHECK-LABEL: func.func @allocates_dynamic
// CHECK:         memref.alloca_scope {
// CHECK-NEXT:      memref.alloca(%{{.+}}) : memref<?xf32>
// CHECK:         memref.alloca_scope {
// CHECK-NEXT:      scf.for
// CHECK-NEXT:        memref.alloca() : memref<4xf32>
func.func @allocates_dynamic(%x: index) {
  memref.alloca_scope {
    %a = memref.alloca(%x) : memref<?xf32>
    func.call @kernel(%x) : (index) -> ()
  }
  %c0 = arith.constant 0 : index
  memref.alloca_scope {
    scf.for %i = %c0 to %x step %x {
      %b = memref.alloca() : memref<4xf32>
      func.call @kernel(%i) : (index) -> ()
    }
  }
  return
}

// Nested scopes are inlined, the inner one first.
// CHECK-LABEL: func.func @nested
// CHECK-NOT:     memref.alloca_scope
// CHECK:         call @kernel
// CHECK-NEXT:    call @kernel
// CHECK-NEXT:    return
func.func @nested(%x: index) {
  memref.alloca_scope {
    memref.alloca_scope {
      func.call @kernel(%x) : (index) -> ()
    }
    func.call @kernel(%x) : (index) -> ()
  }
  return
}
