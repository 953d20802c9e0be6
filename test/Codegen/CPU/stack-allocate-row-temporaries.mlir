// seqc-stack-allocate-row-temporaries: a small static buffer allocated
// directly in an scf.forall body (a parallel row's scratch) goes on the
// stack and loses its dealloc; big, dynamic or nested ones stay on the heap.
// RUN: seqc-opt %s --pass-pipeline='builtin.module(func.func(seqc-stack-allocate-row-temporaries{max-bytes=1024}))' | FileCheck %s

// CHECK-LABEL: func.func @rows
// CHECK:         scf.forall
// CHECK-NEXT:      %[[TILE:.+]] = memref.alloca() {alignment = 64 : i64} : memref<16x16xf32>
// CHECK-NEXT:      %[[BIG:.+]] = memref.alloc() : memref<16x17xf32>
// CHECK-NEXT:      %[[DYN:.+]] = memref.alloc(%{{.+}}) : memref<?xf32>
// CHECK:           scf.for
// CHECK-NEXT:        %[[INNER:.+]] = memref.alloc() : memref<4xf32>
// CHECK:             memref.dealloc %[[INNER]]
// CHECK-NOT:       memref.dealloc %[[TILE]]
// CHECK:           memref.dealloc %[[BIG]]
// CHECK:           memref.dealloc %[[DYN]]
func.func @rows(%n: index, %f: f32, %out: memref<8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.forall (%i) in (8) {
    %tile = memref.alloc() {alignment = 64 : i64} : memref<16x16xf32>
    %big = memref.alloc() : memref<16x17xf32>
    %dyn = memref.alloc(%n) : memref<?xf32>
    scf.for %t = %c0 to %n step %c1 {
      %inner = memref.alloc() : memref<4xf32>
      memref.store %f, %inner[%c0] : memref<4xf32>
      memref.dealloc %inner : memref<4xf32>
    }
    memref.store %f, %tile[%i, %i] : memref<16x16xf32>
    %v = memref.load %tile[%i, %i] : memref<16x16xf32>
    memref.store %v, %big[%i, %i] : memref<16x17xf32>
    memref.store %v, %dyn[%i] : memref<?xf32>
    memref.store %v, %out[%i] : memref<8xf32>
    memref.dealloc %tile : memref<16x16xf32>
    memref.dealloc %big : memref<16x17xf32>
    memref.dealloc %dyn : memref<?xf32>
  }
  return
}

// A forall nested in another parallel loop becomes a sequential loop later,
// whose body has no alloca scope: its buffers stay on the heap.
// CHECK-LABEL: func.func @nested
// CHECK:         scf.forall
// CHECK:           scf.forall
// CHECK-NEXT:        memref.alloc() : memref<16xf32>
// CHECK:             memref.dealloc
func.func @nested(%f: f32) {
  %c0 = arith.constant 0 : index
  scf.forall (%i) in (4) {
    scf.forall (%j) in (8) {
      %t = memref.alloc() : memref<16xf32>
      memref.store %f, %t[%c0] : memref<16xf32>
      memref.dealloc %t : memref<16xf32>
    }
  }
  return
}
