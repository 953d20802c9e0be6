// seqc-lower-contractions-to-kernels: each op marked by the selection step
// becomes one call of its runtime kernel with the batched-matmul shape
// (batch, M, N, K), each operand's pointer and per-role strides, and the
// flags (1: accumulate into C, 2: B pre-packed); constant B is packed at
// compile time.
// RUN: seqc-opt %s --split-input-file --seqc-lower-contractions-to-kernels --canonicalize --cse --verify-diagnostics | FileCheck %s
// RUN: seqc-opt %s --split-input-file --seqc-lower-contractions-to-kernels --verify-diagnostics | FileCheck %s --check-prefix=GLOBALS

// A zero fill right before the matmul is dropped: the kernel overwrites C
// (flags 0). Arguments: batch 1, M 37, N 64, K 97; A strides (0, 97, 1);
// B strides (0, 64, 1); C strides (0, 64).
// CHECK:       func.func private @seqc_cpu_sgemm_avx512(index, index, index, index, index, index, index, index, index, index, index, index, index, index, index, index)
// CHECK-LABEL: func.func @overwrite
// CHECK-SAME:    (%[[A:.+]]: memref<37x97xf32>, %[[B:.+]]: memref<97x64xf32>, %[[C:.+]]: memref<37x64xf32>)
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG:     %[[C37:.+]] = arith.constant 37 : index
// CHECK-DAG:     %[[C64:.+]] = arith.constant 64 : index
// CHECK-DAG:     %[[C97:.+]] = arith.constant 97 : index
// CHECK-NOT:     linalg.fill
// CHECK-DAG:     %[[PA:.+]] = memref.extract_aligned_pointer_as_index %[[A]]
// CHECK-DAG:     %[[PB:.+]] = memref.extract_aligned_pointer_as_index %[[B]]
// CHECK-DAG:     %[[PC:.+]] = memref.extract_aligned_pointer_as_index %[[C]]
// CHECK:         call @seqc_cpu_sgemm_avx512(%[[C1]], %[[C37]], %[[C64]], %[[C97]], %[[PA]], %[[C0]], %[[C97]], %[[C1]], %[[PB]], %[[C0]], %[[C64]], %[[C1]], %[[PC]], %[[C0]], %[[C64]], %[[C0]])
// CHECK-NOT:     linalg.matmul
func.func @overwrite(%a: memref<37x97xf32>, %b: memref<97x64xf32>, %c: memref<37x64xf32>) {
  %z = arith.constant 0.0 : f32
  linalg.fill ins(%z : f32) outs(%c : memref<37x64xf32>)
  linalg.matmul {seqc.contraction_kernel = {b = "strided", callee = "seqc_cpu_sgemm_avx512", mr = 12 : i64, nr = 32 : i64}}
    ins(%a, %b : memref<37x97xf32>, memref<97x64xf32>) outs(%c : memref<37x64xf32>)
  return
}

// -----

// No fill (or a fill of another value): C += A * B, flags 1. B is read
// transposed ([N, K] storage): its k stride is 1 and its n stride K.
// CHECK-LABEL: func.func @accumulate_transposed_b
// CHECK-SAME:    (%[[A:.+]]: memref<20x30xf32>, %[[B:.+]]: memref<40x30xf32>, %[[C:.+]]: memref<20x40xf32>)
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG:     %[[C20:.+]] = arith.constant 20 : index
// CHECK-DAG:     %[[C30:.+]] = arith.constant 30 : index
// CHECK-DAG:     %[[C40:.+]] = arith.constant 40 : index
// CHECK:         linalg.fill
// CHECK:         call @seqc_cpu_sgemm_avx2(%[[C1]], %[[C20]], %[[C40]], %[[C30]], %{{.+}}, %[[C0]], %[[C30]], %[[C1]], %{{.+}}, %[[C0]], %[[C1]], %[[C30]], %{{.+}}, %[[C0]], %[[C40]], %[[C1]])
func.func @accumulate_transposed_b(%a: memref<20x30xf32>, %b: memref<40x30xf32>, %c: memref<20x40xf32>) {
  %one = arith.constant 1.0 : f32
  linalg.fill ins(%one : f32) outs(%c : memref<20x40xf32>)
  linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
    {seqc.contraction_kernel = {b = "strided", callee = "seqc_cpu_sgemm_avx2", mr = 6 : i64, nr = 16 : i64}}
    ins(%a, %b : memref<20x30xf32>, memref<40x30xf32>) outs(%c : memref<20x40xf32>)
  return
}

// -----

// ONNX's broadcasting MatMul [2,50,64] x [64,80]: B does not read the batch,
// so batch and rows fold into M = 100; no batch is left.
// CHECK-LABEL: func.func @batch_folds_into_m
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG:     %[[C64:.+]] = arith.constant 64 : index
// CHECK-DAG:     %[[C80:.+]] = arith.constant 80 : index
// CHECK-DAG:     %[[C100:.+]] = arith.constant 100 : index
// CHECK:         call @seqc_cpu_sgemm_avx512(%[[C1]], %[[C100]], %[[C80]], %[[C64]], %{{.+}}, %[[C0]], %[[C64]], %[[C1]], %{{.+}}, %[[C0]], %[[C80]], %[[C1]], %{{.+}}, %[[C0]], %[[C80]], %[[C1]])
#a = affine_map<(b, m, n, k) -> (b, m, k)>
#b = affine_map<(b, m, n, k) -> (k, n)>
#c = affine_map<(b, m, n, k) -> (b, m, n)>
func.func @batch_folds_into_m(%a: memref<2x50x64xf32>, %b: memref<64x80xf32>, %c: memref<2x50x80xf32>) {
  linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%a, %b : memref<2x50x64xf32>, memref<64x80xf32>) outs(%c : memref<2x50x80xf32>)
      attrs = {seqc.contraction_kernel = {b = "strided", callee = "seqc_cpu_sgemm_avx512", mr = 12 : i64, nr = 32 : i64}} {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// batch_matmul keeps its batch: batch strides M*K, K*N and M*N.
// CHECK-LABEL: func.func @batch_matmul
// CHECK-DAG:     %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG:     %[[C3:.+]] = arith.constant 3 : index
// CHECK-DAG:     %[[C5:.+]] = arith.constant 5 : index
// CHECK-DAG:     %[[C6:.+]] = arith.constant 6 : index
// CHECK-DAG:     %[[C7:.+]] = arith.constant 7 : index
// CHECK-DAG:     %[[C30:.+]] = arith.constant 30 : index
// CHECK-DAG:     %[[C35:.+]] = arith.constant 35 : index
// CHECK-DAG:     %[[C42:.+]] = arith.constant 42 : index
// CHECK:         call @seqc_cpu_sgemm_generic(%[[C3]], %[[C5]], %[[C7]], %[[C6]], %{{.+}}, %[[C30]], %[[C6]], %[[C1]], %{{.+}}, %[[C42]], %[[C7]], %[[C1]], %{{.+}}, %[[C35]], %[[C7]], %[[C1]])
func.func @batch_matmul(%a: memref<3x5x6xf32>, %b: memref<3x6x7xf32>, %c: memref<3x5x7xf32>) {
  linalg.batch_matmul {seqc.contraction_kernel = {b = "strided", callee = "seqc_cpu_sgemm_generic", mr = 4 : i64, nr = 8 : i64}}
    ins(%a, %b : memref<3x5x6xf32>, memref<3x6x7xf32>) outs(%c : memref<3x5x7xf32>)
  return
}

// -----

// Dynamic sizes and strides come from the buffers at run time (the unit
// column strides of identity layouts fold to 1).
// CHECK-LABEL: func.func @dynamic
// CHECK-SAME:    (%[[A:.+]]: memref<?x?xf32>, %[[B:.+]]: memref<?x?xf32>, %[[C:.+]]: memref<?x?xf32>)
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG:     %[[M:.+]] = memref.dim %[[A]], %[[C0]]
// CHECK-DAG:     %[[K:.+]] = memref.dim %[[A]], %[[C1]]
// CHECK-DAG:     %[[N:.+]] = memref.dim %[[B]], %[[C1]]
// CHECK-DAG:     %{{.+}}, %{{.+}}, %{{.+}}:2, %[[STA:.+]]:2 = memref.extract_strided_metadata %[[A]]
// CHECK-DAG:     %{{.+}}, %{{.+}}, %{{.+}}:2, %[[STB:.+]]:2 = memref.extract_strided_metadata %[[B]]
// CHECK-DAG:     %{{.+}}, %{{.+}}, %{{.+}}:2, %[[STC:.+]]:2 = memref.extract_strided_metadata %[[C]]
// CHECK:         call @seqc_cpu_sgemm_avx512(%[[C1]], %[[M]], %[[N]], %[[K]], %{{.+}}, %[[C0]], %[[STA]]#0, %[[C1]], %{{.+}}, %[[C0]], %[[STB]]#0, %[[C1]], %{{.+}}, %[[C0]], %[[STC]]#0, %[[C1]])
func.func @dynamic(%a: memref<?x?xf32>, %b: memref<?x?xf32>, %c: memref<?x?xf32>) {
  linalg.matmul {seqc.contraction_kernel = {b = "strided", callee = "seqc_cpu_sgemm_avx512", mr = 12 : i64, nr = 32 : i64}}
    ins(%a, %b : memref<?x?xf32>, memref<?x?xf32>) outs(%c : memref<?x?xf32>)
  return
}

// -----

// Constant weights are packed at compile time: B[k][n] = 5k + n + 1 (K 3,
// N 5) in panels of nr = 4 columns, K x 4 each, zero padded. The kernel
// gets the packed global and flags 2 (pre-packed, overwrite); the unpacked
// global is gone, a global that something else reads stays.
// CHECK-DAG:   memref.global "private" constant @w__packed_nr4 : memref<24xf32> = dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00, 6.000000e+00, 7.000000e+00, 8.000000e+00, 9.000000e+00, 1.100000e+01, 1.200000e+01, 1.300000e+01, 1.400000e+01, 5.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 1.000000e+01, 0.000000e+00, 0.000000e+00, 0.000000e+00, 1.500000e+01, 0.000000e+00, 0.000000e+00, 0.000000e+00]> {alignment = 64 : i64}
// CHECK-DAG:   memref.global "private" constant @kept : memref<3x5xf32>
// The unpacked @w is gone right after the pass (its get_global too).
// GLOBALS-NOT: memref.global "private" constant @w :
// GLOBALS-NOT: memref.get_global @w :
// CHECK-LABEL: func.func @prepacked
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C2:.+]] = arith.constant 2 : index
// CHECK:         %[[P:.+]] = memref.get_global @w__packed_nr4 : memref<24xf32>
// CHECK:         %[[PP:.+]] = memref.extract_aligned_pointer_as_index %[[P]]
// CHECK:         call @seqc_cpu_sgemm_generic(%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %[[PP]], %[[C0]], %[[C0]], %[[C0]], %{{.+}}, %{{.+}}, %{{.+}}, %[[C2]])
memref.global "private" constant @w : memref<3x5xf32> = dense<[[1.0, 2.0, 3.0, 4.0, 5.0], [6.0, 7.0, 8.0, 9.0, 10.0], [11.0, 12.0, 13.0, 14.0, 15.0]]>
memref.global "private" constant @kept : memref<3x5xf32> = dense<[[1.0, 2.0, 3.0, 4.0, 5.0], [6.0, 7.0, 8.0, 9.0, 10.0], [11.0, 12.0, 13.0, 14.0, 16.0]]>
func.func @prepacked(%a: memref<2x3xf32>, %c: memref<2x5xf32>, %d: memref<2x5xf32>) {
  %w = memref.get_global @w : memref<3x5xf32>
  %z = arith.constant 0.0 : f32
  linalg.fill ins(%z : f32) outs(%c : memref<2x5xf32>)
  linalg.matmul {seqc.contraction_kernel = {b = "prepacked", callee = "seqc_cpu_sgemm_generic", mr = 4 : i64, nr = 4 : i64}}
    ins(%a, %w : memref<2x3xf32>, memref<3x5xf32>) outs(%c : memref<2x5xf32>)
  %k = memref.get_global @kept : memref<3x5xf32>
  linalg.matmul {seqc.contraction_kernel = {b = "prepacked", callee = "seqc_cpu_sgemm_generic", mr = 4 : i64, nr = 4 : i64}}
    ins(%a, %k : memref<2x3xf32>, memref<3x5xf32>) outs(%d : memref<2x5xf32>)
  linalg.copy ins(%k : memref<3x5xf32>) outs(%k : memref<3x5xf32>)
  return
}

// -----

// A marked op that is not a batched matmul, and a malformed choice.
func.func @not_a_matmul(%a: memref<8x8xf32>, %c: memref<8x8xf32>) {
  // expected-error @+1 {{'linalg.add' op was selected for seqc_cpu_sgemm_avx512 but has no batched-matmul shape: not a multiply-add contraction}}
  linalg.add {seqc.contraction_kernel = {b = "strided", callee = "seqc_cpu_sgemm_avx512", mr = 12 : i64, nr = 32 : i64}}
    ins(%a, %a : memref<8x8xf32>, memref<8x8xf32>) outs(%c : memref<8x8xf32>)
  return
}

// -----

func.func @malformed(%a: memref<8x8xf32>, %c: memref<8x8xf32>) {
  // expected-error @+1 {{'linalg.matmul' op has a malformed seqc.contraction_kernel: {callee = "seqc_cpu_sgemm_avx512"}}}
  linalg.matmul {seqc.contraction_kernel = {callee = "seqc_cpu_sgemm_avx512"}}
    ins(%a, %a : memref<8x8xf32>, memref<8x8xf32>) outs(%c : memref<8x8xf32>)
  return
}

// -----

func.func @prepacked_not_constant(%a: memref<8x8xf32>, %c: memref<8x8xf32>) {
  // expected-error @+1 {{'linalg.matmul' op was selected with a pre-packed B, but B is not a constant global}}
  linalg.matmul {seqc.contraction_kernel = {b = "prepacked", callee = "seqc_cpu_sgemm_avx512", mr = 12 : i64, nr = 32 : i64}}
    ins(%a, %a : memref<8x8xf32>, memref<8x8xf32>) outs(%c : memref<8x8xf32>)
  return
}

// -----

// bf16 activations are extended into an f32 temporary right before the
// call and freed right after; the kernel reads the temporary.
// CHECK-LABEL: func.func @bf16_inputs
// CHECK-SAME:    (%[[A:.+]]: memref<20x30xbf16>, %[[B:.+]]: memref<30x40xf32>, %[[C:.+]]: memref<20x40xf32>)
// CHECK:         %[[WIDE:.+]] = memref.alloc() : memref<20x30xf32>
// CHECK:         linalg.generic {{.+}} ins(%[[A]] : memref<20x30xbf16>) outs(%[[WIDE]] : memref<20x30xf32>)
// CHECK:           arith.extf %{{.+}} : bf16 to f32
// CHECK:         %[[PA:.+]] = memref.extract_aligned_pointer_as_index %[[WIDE]]
// CHECK:         call @seqc_cpu_sgemm_avx2(%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %[[PA]],
// CHECK-NEXT:    memref.dealloc %[[WIDE]] : memref<20x30xf32>
func.func @bf16_inputs(%a: memref<20x30xbf16>, %b: memref<30x40xf32>, %c: memref<20x40xf32>) {
  linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>],
                  iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : memref<20x30xbf16>, memref<30x40xf32>) outs(%c : memref<20x40xf32>)
      attrs = {seqc.contraction_kernel = {b = "strided", callee = "seqc_cpu_sgemm_avx2", mr = 6 : i64, nr = 16 : i64}} {
  ^bb0(%x: bf16, %y: f32, %acc: f32):
    %xf = arith.extf %x : bf16 to f32
    %p = arith.mulf %xf, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// A constant bf16 B is extended to f32 when it is packed (1.5 and -2.25
// are exact in bf16).
// CHECK:       memref.global "private" constant @wh__packed_nr4 : memref<8xf32> = dense<[1.500000e+00, -2.250000e+00, 0.000000e+00, 0.000000e+00, 1.500000e+00, -2.250000e+00, 0.000000e+00, 0.000000e+00]>
// CHECK-LABEL: func.func @bf16_constant
memref.global "private" constant @wh : memref<2x2xbf16> = dense<[[1.5, -2.25], [1.5, -2.25]]>
func.func @bf16_constant(%a: memref<3x2xf32>, %c: memref<3x2xf32>) {
  %w = memref.get_global @wh : memref<2x2xbf16>
  linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>],
                  iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %w : memref<3x2xf32>, memref<2x2xbf16>) outs(%c : memref<3x2xf32>)
      attrs = {seqc.contraction_kernel = {b = "prepacked", callee = "seqc_cpu_sgemm_generic", mr = 4 : i64, nr = 4 : i64}} {
  ^bb0(%x: f32, %y: bf16, %acc: f32):
    %yf = arith.extf %y : bf16 to f32
    %p = arith.mulf %x, %yf : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  return
}
