// seqc-inline-alloca-scopes: a memref.alloca_scope with no alloca of its own
// is inlined, even when its body calls a function (the canonicalizer keeps
// those); a scope that allocates stays.
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

// CHECK-LABEL: func.func @allocates
// CHECK:         memref.alloca_scope {
// CHECK-NEXT:      memref.alloca() : memref<4xf32>
func.func @allocates(%x: index) {
  memref.alloca_scope {
    %a = memref.alloca() : memref<4xf32>
    func.call @kernel(%x) : (index) -> ()
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
