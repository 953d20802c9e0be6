// seqc-approximate-math: f32 exp/expm1/log/log1p/log2/tanh/erf (scalar or
// vector) become polynomial arithmetic; other element types and other math
// ops are left alone. Through seqc, no libm call is left for them.
// RUN: seqc-opt %s --seqc-approximate-math | FileCheck %s
// RUN: seqc %s --compile-to=llvm | FileCheck %s --check-prefix=LLVM

// CHECK-LABEL: func.func private @approximated
// CHECK-NOT:     math.exp
// CHECK-NOT:     math.expm1
// CHECK-NOT:     math.log
// CHECK-NOT:     math.tanh
// CHECK-NOT:     math.erf
// CHECK:         arith.mulf
// CHECK:         return
func.func private @approximated(%x: f32, %v: vector<8xf32>) -> (f32, f32, f32, f32, f32, vector<8xf32>, f32) {
  %a = math.exp %x : f32
  %b = math.expm1 %x : f32
  %c = math.log %x : f32
  %d = math.log1p %x : f32
  %e = math.log2 %x : f32
  %f = math.tanh %v : vector<8xf32>
  %g = math.erf %x : f32
  return %a, %b, %c, %d, %e, %f, %g : f32, f32, f32, f32, f32, vector<8xf32>, f32
}

// CHECK-LABEL: func.func private @kept
// CHECK:         math.exp %{{.+}} : f16
// CHECK:         math.exp %{{.+}} : f64
// CHECK:         math.sqrt %{{.+}} : f32
func.func private @kept(%h: f16, %d: f64, %x: f32) -> (f16, f64, f32) {
  %a = math.exp %h : f16
  %b = math.exp %d : f64
  %c = math.sqrt %x : f32
  return %a, %b, %c : f16, f64, f32
}

// LLVM:     llvm.func internal @main
// LLVM-NOT: @expf
// LLVM-NOT: @tanhf
// LLVM-NOT: @log1pf
func.func @main(%x: tensor<64xf32>) -> tensor<64xf32> {
  %e = tensor.empty() : tensor<64xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>],
                       iterator_types = ["parallel"]} ins(%x : tensor<64xf32>) outs(%e : tensor<64xf32>) {
  ^bb0(%a: f32, %o: f32):
    %s = math.exp %a : f32
    %t = math.tanh %s : f32
    %u = math.log1p %t : f32
    linalg.yield %u : f32
  } -> tensor<64xf32>
  return %r : tensor<64xf32>
}
