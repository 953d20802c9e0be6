// seqc-select-contraction-kernels: every f32 contraction on buffers that is
// a batched matmul gets the runtime kernel of the ISA level, with its
// register tile and whether B is packed at compile time; everything else is
// left alone.
// RUN: seqc-opt %s --split-input-file --seqc-select-contraction-kernels=isa=avx512 | FileCheck %s --check-prefix=AVX512
// RUN: seqc-opt %s --split-input-file --seqc-select-contraction-kernels=isa=avx2 | FileCheck %s --check-prefix=AVX2
// RUN: seqc-opt %s --split-input-file --seqc-select-contraction-kernels | FileCheck %s --check-prefix=GENERIC
// RUN: not seqc-opt %s --seqc-select-contraction-kernels=isa=sse9 2>&1 | FileCheck %s --check-prefix=BADISA

// BADISA: error: seqc-select-contraction-kernels: unknown isa 'sse9' (expected avx512, avx2 or generic)

// AVX512-LABEL: func.func @matmul
// AVX512:         linalg.matmul {seqc.contraction_kernel = {b = "strided", callee = "seqc_cpu_sgemm_avx512", mr = 12 : i64, nr = 32 : i64}}
// AVX2-LABEL:   func.func @matmul
// AVX2:           linalg.matmul {seqc.contraction_kernel = {b = "strided", callee = "seqc_cpu_sgemm_avx2", mr = 6 : i64, nr = 16 : i64}}
// GENERIC-LABEL: func.func @matmul
// GENERIC:        linalg.matmul {seqc.contraction_kernel = {b = "strided", callee = "seqc_cpu_sgemm_generic", mr = 4 : i64, nr = 8 : i64}}
func.func @matmul(%a: memref<37x97xf32>, %b: memref<97x64xf32>, %c: memref<37x64xf32>) {
  linalg.matmul ins(%a, %b : memref<37x97xf32>, memref<97x64xf32>) outs(%c : memref<37x64xf32>)
  return
}

// -----

// Constant weights: B is packed at compile time.
// AVX512-LABEL: func.func @constant_weights
// AVX512:         linalg.matmul {seqc.contraction_kernel = {b = "prepacked", callee = "seqc_cpu_sgemm_avx512", mr = 12 : i64, nr = 32 : i64}}
memref.global "private" constant @w : memref<32x8xf32> = dense<"0x000048BF000050BE0000C03E000020BF000040BD0000083F0000F0BE0000E03D0000303F0000A0BE0000883E00003CBF000020BE0000D83E000014BF000000000000143F0000D8BE0000203E00003C3F000088BE0000A03E000030BF0000E0BD0000F03E000008BF0000403D0000203F0000C0BE0000503E0000483F000060BE0000B83E000024BF000080BD0000043F0000F8BE0000C03D00002C3F0000A8BE0000803E000040BF000030BE0000D03E000018BF000080BC0000103F0000E0BE0000103E0000383F000090BE0000983E000034BF000000BE0000E83E00000CBF0000003D00001C3F0000C8BE0000403E0000443F000070BE0000B03E000028BF0000A0BD0000003F000000BF0000A03D0000283F0000B0BE0000703E000044BF000040BE0000C83E00001CBF000000BD00000C3F0000E8BE0000003E0000343F000098BE0000903E000038BF000010BE0000E03E000010BF0000803C0000183F0000D0BE0000303E0000403F000080BE0000A83E00002CBF0000C0BD0000F83E000004BF0000803D0000243F0000B8BE0000603E000048BF000050BE0000C03E000020BF000040BD0000083F0000F0BE0000E03D0000303F0000A0BE0000883E00003CBF000020BE0000D83E000014BF000000000000143F0000D8BE0000203E00003C3F000088BE0000A03E000030BF0000E0BD0000F03E000008BF0000403D0000203F0000C0BE0000503E0000483F000060BE0000B83E000024BF000080BD0000043F0000F8BE0000C03D00002C3F0000A8BE0000803E000040BF000030BE0000D03E000018BF000080BC0000103F0000E0BE0000103E0000383F000090BE0000983E000034BF000000BE0000E83E00000CBF0000003D00001C3F0000C8BE0000403E0000443F000070BE0000B03E000028BF0000A0BD0000003F000000BF0000A03D0000283F0000B0BE0000703E000044BF000040BE0000C83E00001CBF000000BD00000C3F0000E8BE0000003E0000343F000098BE0000903E000038BF000010BE0000E03E000010BF0000803C0000183F0000D0BE0000303E0000403F000080BE0000A83E00002CBF0000C0BD0000F83E000004BF0000803D0000243F0000B8BE0000603E000048BF000050BE0000C03E000020BF000040BD0000083F0000F0BE0000E03D0000303F0000A0BE0000883E00003CBF000020BE0000D83E000014BF000000000000143F0000D8BE0000203E00003C3F000088BE0000A03E000030BF0000E0BD0000F03E000008BF0000403D0000203F0000C0BE0000503E0000483F000060BE0000B83E000024BF000080BD0000043F0000F8BE0000C03D00002C3F0000A8BE0000803E000040BF000030BE0000D03E000018BF000080BC0000103F0000E0BE0000103E0000383F000090BE0000983E000034BF000000BE">
memref.global "private" constant @w_splat : memref<64x96xf32> = dense<1.0>
func.func @constant_weights(%a: memref<16x32xf32>, %c: memref<16x8xf32>) {
  %w = memref.get_global @w : memref<32x8xf32>
  linalg.matmul ins(%a, %w : memref<16x32xf32>, memref<32x8xf32>) outs(%c : memref<16x8xf32>)
  return
}
// A splat constant is not packed (it is cheap to read as it is).
// AVX512-LABEL: func.func @splat_weights
// AVX512:         linalg.matmul {seqc.contraction_kernel = {b = "strided"
func.func @splat_weights(%a: memref<16x64xf32>, %c: memref<16x96xf32>) {
  %w = memref.get_global @w_splat : memref<64x96xf32>
  linalg.matmul ins(%a, %w : memref<16x64xf32>, memref<64x96xf32>) outs(%c : memref<16x96xf32>)
  return
}

// -----

// ONNX's broadcasting MatMul [2,50,64] x [64,80]: a generic contraction; the
// batch folds into M (checked by the lowering test), so it is selected.
// AVX512-LABEL: func.func @onnx_batched
// AVX512:         linalg.generic {indexing_maps = {{.*}}seqc.contraction_kernel = {b = "strided"
#a = affine_map<(b, m, n, k) -> (b, m, k)>
#b = affine_map<(b, m, n, k) -> (k, n)>
#c = affine_map<(b, m, n, k) -> (b, m, n)>
func.func @onnx_batched(%a: memref<2x50x64xf32>, %b: memref<64x80xf32>, %c: memref<2x50x80xf32>) {
  linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%a, %b : memref<2x50x64xf32>, memref<64x80xf32>) outs(%c : memref<2x50x80xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// Not selected: too little work, f16, a column-strided C, an elementwise op,
// a contraction that is not a multiply-add, a dynamic batch of two loops.
// AVX512-LABEL: func.func @not_selected
// AVX512-NOT:     seqc.contraction_kernel
// AVX512:         return
func.func @not_selected(%a: memref<8x8xf32>, %b: memref<8x8xf32>, %c: memref<8x8xf32>,
                        %h: memref<64x64xf16>, %hc: memref<64x64xf16>,
                        %f: memref<64x64xf32>, %g: memref<64x64xf32, strided<[1, 64]>>) {
  linalg.matmul ins(%a, %b : memref<8x8xf32>, memref<8x8xf32>) outs(%c : memref<8x8xf32>)
  linalg.matmul ins(%h, %h : memref<64x64xf16>, memref<64x64xf16>) outs(%hc : memref<64x64xf16>)
  linalg.matmul ins(%f, %f : memref<64x64xf32>, memref<64x64xf32>) outs(%g : memref<64x64xf32, strided<[1, 64]>>)
  linalg.add ins(%f, %f : memref<64x64xf32>, memref<64x64xf32>) outs(%f : memref<64x64xf32>)
  linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>],
                  iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%f, %f : memref<64x64xf32>, memref<64x64xf32>) outs(%f : memref<64x64xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.maximumf %acc, %p : f32
    linalg.yield %s : f32
  }
  return
}

// bf16 inputs with an f32 result (the operands extended in the body) are
// selected; the lowering extends them to f32.
// AVX512-LABEL: func.func @bf16_inputs
// AVX512:         linalg.generic {{.+}}seqc.contraction_kernel = {b = "strided", callee = "seqc_cpu_sgemm_avx512"
func.func @bf16_inputs(%a: memref<64x64xbf16>, %b: memref<64x64xbf16>, %c: memref<64x64xf32>) {
  linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>],
                  iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : memref<64x64xbf16>, memref<64x64xbf16>) outs(%c : memref<64x64xf32>) {
  ^bb0(%x: bf16, %y: bf16, %acc: f32):
    %xf = arith.extf %x : bf16 to f32
    %yf = arith.extf %y : bf16 to f32
    %p = arith.mulf %xf, %yf : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  return
}

// Not a plain multiply-add: an operand goes through another op first
// (upstream's contraction matcher accepts unary ops on operands; a matmul
// kernel would drop them).
// AVX512-LABEL: func.func @operand_transformed
// AVX512-NOT:     seqc.contraction_kernel
// AVX512:         return
func.func @operand_transformed(%a: memref<64x64xf32>, %b: memref<64x64xf32>, %c: memref<64x64xf32>) {
  linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>],
                  iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : memref<64x64xf32>, memref<64x64xf32>) outs(%c : memref<64x64xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %ny = arith.negf %y : f32
    %p = arith.mulf %x, %ny : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  return
}

// Batch loops that do not fold (B reads them, strides not one run).
// AVX512-LABEL: func.func @unfoldable_batch
// AVX512-NOT:     seqc.contraction_kernel
// AVX512:         return
func.func @unfoldable_batch(%a: memref<3x4x32x32xf32, strided<[8192, 1024, 32, 1]>>,
                            %b: memref<3x4x32x32xf32>, %c: memref<3x4x32x32xf32>) {
  linalg.generic {indexing_maps = [affine_map<(p, q, m, n, k) -> (p, q, m, k)>, affine_map<(p, q, m, n, k) -> (p, q, k, n)>, affine_map<(p, q, m, n, k) -> (p, q, m, n)>],
                  iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]}
      ins(%a, %b : memref<3x4x32x32xf32, strided<[8192, 1024, 32, 1]>>, memref<3x4x32x32xf32>) outs(%c : memref<3x4x32x32xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  return
}
