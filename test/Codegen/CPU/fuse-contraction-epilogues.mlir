// seqc-fuse-contraction-epilogues: a kernel-selected contraction and the
// elementwise op that reads its result right after are tiled along the
// result's rows into one scf.parallel: per block, the zero fill, the
// contraction (still marked for its kernel) and the epilogue on the same
// rows. Blocks keep C within tile-bytes (256 KiB: 128 rows of 512 floats,
// rounded down to the kernel's 12 rows: 120).
// RUN: seqc-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(seqc-fuse-contraction-epilogues))' | FileCheck %s

#id = affine_map<(i, j) -> (i, j)>
#row = affine_map<(i, j) -> (j)>

// Bias + SiLU in place on the entry's out-parameter.
// CHECK-DAG:   #[[MIN:.+]] = affine_map<(d0) -> (-d0 + 1000, 120)>
// CHECK-LABEL: func.func @bias_silu
// CHECK-SAME:    (%[[A:.+]]: memref<1000x256xf32>, %[[B:.+]]: memref<256x512xf32>, %[[BIAS:.+]]: memref<512xf32>, %[[C:.+]]: memref<1000x512xf32>)
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C1000:.+]] = arith.constant 1000 : index
// CHECK-DAG:     %[[C120:.+]] = arith.constant 120 : index
// CHECK:         scf.parallel (%[[I:.+]]) = (%[[C0]]) to (%[[C1000]]) step (%[[C120]]) {
// CHECK:           %[[ROWS:.+]] = affine.min #[[MIN]](%[[I]])
// CHECK:           %[[AT:.+]] = memref.subview %[[A]][%[[I]], 0] [%[[ROWS]], 256] [1, 1]
// CHECK:           %[[CT:.+]] = memref.subview %[[C]][%[[I]], 0] [%{{.+}}, 512] [1, 1]
// CHECK:           linalg.fill ins(%{{.+}} : f32) outs(%[[CT]] :
// CHECK-NEXT:      linalg.matmul {seqc.contraction_kernel = {{.+}}} ins(%[[AT]], %[[B]] : {{.+}}) outs(%[[CT]] :
// CHECK:           %[[ET:.+]] = memref.subview %[[C]][%[[I]], 0]
// CHECK:           %[[DT:.+]] = memref.subview %[[C]][%[[I]], 0]
// CHECK:           linalg.generic {{.+}} ins(%[[ET]], %[[BIAS]] : {{.+}}) outs(%[[DT]] :
// CHECK:             math.exp
// CHECK:           scf.reduce
// CHECK-NOT:     linalg.matmul
// CHECK:         return
func.func @bias_silu(%a: memref<1000x256xf32>, %b: memref<256x512xf32>, %bias: memref<512xf32>, %c: memref<1000x512xf32>) {
  %zero = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  linalg.fill ins(%zero : f32) outs(%c : memref<1000x512xf32>)
  linalg.matmul {seqc.contraction_kernel = {b = "strided", callee = "seqc_cpu_sgemm_avx512", mr = 12 : i64, nr = 32 : i64}}
    ins(%a, %b : memref<1000x256xf32>, memref<256x512xf32>) outs(%c : memref<1000x512xf32>)
  linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%c, %bias : memref<1000x512xf32>, memref<512xf32>) outs(%c : memref<1000x512xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    %n = arith.negf %s : f32
    %e = math.exp %n : f32
    %d = arith.addf %e, %one : f32
    %q = arith.divf %s, %d : f32
    linalg.yield %q : f32
  }
  return
}

// -----

#a = affine_map<(b, m, n, k) -> (b, m, k)>
#w = affine_map<(b, m, n, k) -> (k, n)>
#o = affine_map<(b, m, n, k) -> (b, m, n)>
#id3 = affine_map<(b, m, n) -> (b, m, n)>

// ONNX's MatMul [4, 256, 256] x [256, 256] (a constant B, left as it is for
// compile-time packing) and a residual add into a temporary: the batch loop
// one at a time, rows in blocks of 252 (256 KiB / 1 KiB rows, rounded down
// to 12).
// CHECK-LABEL: func.func @residual
// CHECK-SAME:    (%[[X:.+]]: memref<4x256x256xf32>, %[[R:.+]]: memref<4x256x256xf32>, %[[OUT:.+]]: memref<4x256x256xf32>)
// CHECK-DAG:     %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG:     %[[C4:.+]] = arith.constant 4 : index
// CHECK-DAG:     %[[C256:.+]] = arith.constant 256 : index
// CHECK-DAG:     %[[C252:.+]] = arith.constant 252 : index
// CHECK-DAG:     %[[W:.+]] = memref.get_global @w
// CHECK-DAG:     %[[TMP:.+]] = memref.alloc()
// CHECK:         scf.parallel (%[[BI:.+]], %[[MI:.+]]) = ({{.+}}) to (%[[C4]], %[[C256]]) step (%[[C1]], %[[C252]]) {
// CHECK:           linalg.fill
// CHECK:           linalg.generic {{.+}} ins(%{{.+}}, %[[W]] : memref<1x?x256xf32, {{.+}}>, memref<256x256xf32>) outs(%{{.+}} : memref<1x?x256xf32, {{.+}}>) attrs = {seqc.contraction_kernel
// CHECK:           linalg.generic {{.+}} ins(%{{.+}}, %{{.+}} : memref<1x?x256xf32, {{.+}}>, memref<1x?x256xf32, {{.+}}>) outs(%{{.+}} : memref<1x?x256xf32, {{.+}}>)
// CHECK:             arith.addf
// CHECK:         memref.dealloc %[[TMP]]
memref.global "private" constant @w : memref<256x256xf32> = dense<1.0>
func.func @residual(%x: memref<4x256x256xf32>, %r: memref<4x256x256xf32>, %out: memref<4x256x256xf32>) {
  %zero = arith.constant 0.0 : f32
  %w = memref.get_global @w : memref<256x256xf32>
  %tmp = memref.alloc() : memref<4x256x256xf32>
  linalg.fill ins(%zero : f32) outs(%tmp : memref<4x256x256xf32>)
  linalg.generic {indexing_maps = [#a, #w, #o], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%x, %w : memref<4x256x256xf32>, memref<256x256xf32>) outs(%tmp : memref<4x256x256xf32>)
      attrs = {seqc.contraction_kernel = {b = "prepacked", callee = "seqc_cpu_sgemm_avx512", mr = 12 : i64, nr = 32 : i64}} {
  ^bb0(%p: f32, %q: f32, %acc: f32):
    %m = arith.mulf %p, %q : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#id3, #id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%tmp, %r : memref<4x256x256xf32>, memref<4x256x256xf32>) outs(%out : memref<4x256x256xf32>) {
  ^bb0(%p: f32, %q: f32, %o: f32):
    %s = arith.addf %p, %q : f32
    linalg.yield %s : f32
  }
  memref.dealloc %tmp : memref<4x256x256xf32>
  return
}

// -----

#id = affine_map<(i, j) -> (i, j)>
#row = affine_map<(i, j) -> (j)>
#red = affine_map<(i, j) -> (i)>

// Left alone: too few row blocks (decode: the kernel's own threads are
// better), a B larger than max-b-bytes (every block would read it again),
// a consumer with a reduction, an op with effects in between, and a result
// that is a view of another buffer.
// CHECK-LABEL: func.func @not_fused
// CHECK-NOT:     scf.parallel
// CHECK:         return
func.func @not_fused(%a1: memref<8x256xf32>, %b1: memref<256x512xf32>, %c1: memref<8x512xf32>,
                     %a2: memref<1000x1024xf32>, %b2: memref<1024x1024xf32>, %c2: memref<1000x1024xf32>,
                     %a3: memref<1000x256xf32>, %c3: memref<1000x512xf32>, %s3: memref<1000xf32>,
                     %big: memref<2000x512xf32>, %bias: memref<512xf32>) {
  linalg.matmul {seqc.contraction_kernel = {b = "strided", callee = "seqc_cpu_sgemm_avx512", mr = 12 : i64, nr = 32 : i64}}
    ins(%a1, %b1 : memref<8x256xf32>, memref<256x512xf32>) outs(%c1 : memref<8x512xf32>)
  linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%c1, %bias : memref<8x512xf32>, memref<512xf32>) outs(%c1 : memref<8x512xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  }
  linalg.matmul {seqc.contraction_kernel = {b = "strided", callee = "seqc_cpu_sgemm_avx512", mr = 12 : i64, nr = 32 : i64}}
    ins(%a2, %b2 : memref<1000x1024xf32>, memref<1024x1024xf32>) outs(%c2 : memref<1000x1024xf32>)
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%c2 : memref<1000x1024xf32>) outs(%c2 : memref<1000x1024xf32>) {
  ^bb0(%x: f32, %o: f32):
    %s = arith.mulf %x, %x : f32
    linalg.yield %s : f32
  }
  linalg.matmul {seqc.contraction_kernel = {b = "strided", callee = "seqc_cpu_sgemm_avx512", mr = 12 : i64, nr = 32 : i64}}
    ins(%a3, %b1 : memref<1000x256xf32>, memref<256x512xf32>) outs(%c3 : memref<1000x512xf32>)
  linalg.generic {indexing_maps = [#id, #red], iterator_types = ["parallel", "reduction"]}
      ins(%c3 : memref<1000x512xf32>) outs(%s3 : memref<1000xf32>) {
  ^bb0(%x: f32, %o: f32):
    %s = arith.addf %x, %o : f32
    linalg.yield %s : f32
  }
  linalg.matmul {seqc.contraction_kernel = {b = "strided", callee = "seqc_cpu_sgemm_avx512", mr = 12 : i64, nr = 32 : i64}}
    ins(%a3, %b1 : memref<1000x256xf32>, memref<256x512xf32>) outs(%c3 : memref<1000x512xf32>)
  memref.copy %c3, %c3 : memref<1000x512xf32> to memref<1000x512xf32>
  linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%c3, %bias : memref<1000x512xf32>, memref<512xf32>) outs(%c3 : memref<1000x512xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  }
  %view = memref.subview %big[0, 0] [1000, 512] [1, 1] : memref<2000x512xf32> to memref<1000x512xf32, strided<[512, 1]>>
  linalg.matmul {seqc.contraction_kernel = {b = "strided", callee = "seqc_cpu_sgemm_avx512", mr = 12 : i64, nr = 32 : i64}}
    ins(%a3, %b1 : memref<1000x256xf32>, memref<256x512xf32>) outs(%view : memref<1000x512xf32, strided<[512, 1]>>)
  linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%view, %bias : memref<1000x512xf32, strided<[512, 1]>>, memref<512xf32>) outs(%view : memref<1000x512xf32, strided<[512, 1]>>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  }
  return
}

// -----

#id2 = affine_map<(i, j) -> (i, j)>

// An epilogue that reads linalg.index (a causal mask, as in chunked linear
// attention) sees whole-tensor positions in each block: the tiled op's
// row index is shifted by the block's first row.
// CHECK-LABEL: func.func @causal_mask
// CHECK:         scf.parallel (%[[I:.+]]) =
// CHECK:           linalg.matmul
// CHECK:           linalg.generic
// CHECK:             %[[T:.+]] = linalg.index 0 : index
// CHECK:             %[[ROW:.+]] = affine.apply #{{.+}}(%[[I]])[%[[T]]]
// CHECK:             %[[S:.+]] = linalg.index 1 : index
// CHECK:             arith.cmpi ule, %[[S]], %[[ROW]] : index
func.func @causal_mask(%a: memref<64x128xf32>, %b: memref<128x64xf32>, %c: memref<64x64xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%c : memref<64x64xf32>)
  linalg.matmul {seqc.contraction_kernel = {b = "strided", callee = "seqc_cpu_sgemm_avx512", mr = 12 : i64, nr = 32 : i64}}
    ins(%a, %b : memref<64x128xf32>, memref<128x64xf32>) outs(%c : memref<64x64xf32>)
  linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%c : memref<64x64xf32>) outs(%c : memref<64x64xf32>) {
  ^bb0(%x: f32, %o: f32):
    %t = linalg.index 0 : index
    %s = linalg.index 1 : index
    %causal = arith.cmpi ule, %s, %t : index
    %m = arith.select %causal, %x, %zero : f32
    linalg.yield %m : f32
  }
  return
}
