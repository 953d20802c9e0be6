// Round trip of the selective-scan and SSD ops: pretty form -> print ->
// parse, and generic form -> parse -> pretty print, give the same IR.
// RUN: seqc-opt %s | seqc-opt | FileCheck %s
// RUN: seqc-opt %s --mlir-print-op-generic | seqc-opt | FileCheck %s

// CHECK-LABEL: func.func @selective_scan_all_operands
// CHECK-SAME:    (%[[U:.+]]: tensor<2x8x33xf32>, %[[DT:.+]]: tensor<2x8x33xf32>, %[[A:.+]]: tensor<8x16xf32>, %[[B:.+]]: tensor<2x2x16x33xf32>, %[[C:.+]]: tensor<2x2x16x33xf32>, %[[D:.+]]: tensor<8xf32>, %[[Z:.+]]: tensor<2x8x33xf32>, %[[BIAS:.+]]: tensor<8xf32>, %[[H0:.+]]: tensor<2x8x16xf32>)
// CHECK:         %[[Y:.+]], %[[H:.+]] = seq.selective_scan %[[U]], %[[DT]], %[[A]], %[[B]], %[[C]] D(%[[D]]) z(%[[Z]]) delta_bias(%[[BIAS]]) initial_state(%[[H0]]) {delta_softplus}
// CHECK-SAME:    -> (tensor<2x8x33xf32>, tensor<2x8x16xf32>)
// CHECK:         return %[[Y]], %[[H]]
func.func @selective_scan_all_operands(
    %u: tensor<2x8x33xf32>, %dt: tensor<2x8x33xf32>, %A: tensor<8x16xf32>,
    %B: tensor<2x2x16x33xf32>, %C: tensor<2x2x16x33xf32>, %D: tensor<8xf32>,
    %z: tensor<2x8x33xf32>, %bias: tensor<8xf32>, %h0: tensor<2x8x16xf32>)
    -> (tensor<2x8x33xf32>, tensor<2x8x16xf32>) {
  %y, %h = seq.selective_scan %u, %dt, %A, %B, %C D(%D) z(%z)
      delta_bias(%bias) initial_state(%h0) {delta_softplus}
      : (tensor<2x8x33xf32>, tensor<2x8x33xf32>, tensor<8x16xf32>,
         tensor<2x2x16x33xf32>, tensor<2x2x16x33xf32>, tensor<8xf32>,
         tensor<2x8x33xf32>, tensor<8xf32>, tensor<2x8x16xf32>)
      -> (tensor<2x8x33xf32>, tensor<2x8x16xf32>)
  return %y, %h : tensor<2x8x33xf32>, tensor<2x8x16xf32>
}

// Time-invariant B and C ([D, N]), no optional operands, no final state,
// bf16 data with f32 parameters.
// CHECK-LABEL: func.func @selective_scan_time_invariant
// CHECK:         %[[Y:.+]] = seq.selective_scan %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}} : (tensor<1x4x1xbf16>, tensor<1x4x1xbf16>, tensor<4x16xf32>, tensor<4x16xbf16>, tensor<4x16xbf16>) -> tensor<1x4x1xbf16>
// CHECK-NOT:     delta_softplus
// CHECK:         return %[[Y]]
func.func @selective_scan_time_invariant(
    %u: tensor<1x4x1xbf16>, %A: tensor<4x16xf32>, %B: tensor<4x16xbf16>)
    -> tensor<1x4x1xbf16> {
  %y = seq.selective_scan %u, %u, %A, %B, %B
      : (tensor<1x4x1xbf16>, tensor<1x4x1xbf16>, tensor<4x16xf32>,
         tensor<4x16xbf16>, tensor<4x16xbf16>) -> tensor<1x4x1xbf16>
  return %y : tensor<1x4x1xbf16>
}

// CHECK-LABEL: func.func @selective_scan_step
// CHECK-SAME:    (%[[U:.+]]: tensor<2x8xf32>, %[[A:.+]]: tensor<8x16xf32>, %[[B:.+]]: tensor<2x1x16xf32>, %[[D:.+]]: tensor<8xf32>, %[[S:.+]]: tensor<2x8x16xf32>)
// CHECK:         %[[Y:.+]], %[[S1:.+]] = seq.selective_scan_step %[[U]], %[[U]], %[[A]], %[[B]], %[[B]] D(%[[D]]) z(%[[U]]) delta_bias(%[[D]]) state(%[[S]]) {delta_softplus}
// CHECK:         return %[[Y]], %[[S1]]
func.func @selective_scan_step(
    %u: tensor<2x8xf32>, %A: tensor<8x16xf32>, %B: tensor<2x1x16xf32>,
    %D: tensor<8xf32>, %s: tensor<2x8x16xf32>)
    -> (tensor<2x8xf32>, tensor<2x8x16xf32>) {
  %y, %s1 = seq.selective_scan_step %u, %u, %A, %B, %B D(%D) z(%u)
      delta_bias(%D) state(%s) {delta_softplus}
      : (tensor<2x8xf32>, tensor<2x8xf32>, tensor<8x16xf32>,
         tensor<2x1x16xf32>, tensor<2x1x16xf32>, tensor<8xf32>,
         tensor<2x8xf32>, tensor<8xf32>, tensor<2x8x16xf32>)
      -> (tensor<2x8xf32>, tensor<2x8x16xf32>)
  return %y, %s1 : tensor<2x8xf32>, tensor<2x8x16xf32>
}

// CHECK-LABEL: func.func @ssd_all_operands
// CHECK-SAME:    (%[[X:.+]]: tensor<2x100x4x16xf32>, %[[DT:.+]]: tensor<2x100x4xf32>, %[[A:.+]]: tensor<4xf32>, %[[B:.+]]: tensor<2x100x2x32xf32>, %[[D:.+]]: tensor<4x16xf32>, %[[H0:.+]]: tensor<2x4x16x32xf32>)
// CHECK:         %[[Y:.+]], %[[H:.+]] = seq.ssd %[[X]], %[[DT]], %[[A]], %[[B]], %[[B]] D(%[[D]]) dt_bias(%[[A]]) initial_state(%[[H0]]) {chunk_size = 64 : i64, dt_softplus}
// CHECK:         return %[[Y]], %[[H]]
func.func @ssd_all_operands(
    %x: tensor<2x100x4x16xf32>, %dt: tensor<2x100x4xf32>, %A: tensor<4xf32>,
    %B: tensor<2x100x2x32xf32>, %D: tensor<4x16xf32>,
    %h0: tensor<2x4x16x32xf32>)
    -> (tensor<2x100x4x16xf32>, tensor<2x4x16x32xf32>) {
  %y, %h = seq.ssd %x, %dt, %A, %B, %B D(%D) dt_bias(%A) initial_state(%h0)
      {chunk_size = 64 : i64, dt_softplus}
      : (tensor<2x100x4x16xf32>, tensor<2x100x4xf32>, tensor<4xf32>,
         tensor<2x100x2x32xf32>, tensor<2x100x2x32xf32>, tensor<4x16xf32>,
         tensor<4xf32>, tensor<2x4x16x32xf32>)
      -> (tensor<2x100x4x16xf32>, tensor<2x4x16x32xf32>)
  return %y, %h : tensor<2x100x4x16xf32>, tensor<2x4x16x32xf32>
}

// The default chunk size is not printed.
// CHECK-LABEL: func.func @ssd_minimal
// CHECK:         seq.ssd %{{.+}} D(%{{.+}}) :
// CHECK-NOT:     chunk_size
func.func @ssd_minimal(
    %x: tensor<1x7x4x16xf16>, %dt: tensor<1x7x4xf16>, %A: tensor<4xf32>,
    %B: tensor<1x7x1x8xf16>, %D: tensor<4xf32>) -> tensor<1x7x4x16xf16> {
  %y = seq.ssd %x, %dt, %A, %B, %B D(%D)
      : (tensor<1x7x4x16xf16>, tensor<1x7x4xf16>, tensor<4xf32>,
         tensor<1x7x1x8xf16>, tensor<1x7x1x8xf16>, tensor<4xf32>)
      -> tensor<1x7x4x16xf16>
  return %y : tensor<1x7x4x16xf16>
}

// CHECK-LABEL: func.func @ssd_step
// CHECK:         %[[Y:.+]], %[[S:.+]] = seq.ssd_step %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}} D(%{{.+}}) dt_bias(%{{.+}}) state(%{{.+}}) {dt_softplus}
// CHECK-SAME:    -> (tensor<2x4x16xf32>, tensor<2x4x16x32xf32>)
// CHECK:         return %[[Y]], %[[S]]
func.func @ssd_step(
    %x: tensor<2x4x16xf32>, %dt: tensor<2x4xf32>, %A: tensor<4xf32>,
    %B: tensor<2x1x32xf32>, %s: tensor<2x4x16x32xf32>)
    -> (tensor<2x4x16xf32>, tensor<2x4x16x32xf32>) {
  %y, %s1 = seq.ssd_step %x, %dt, %A, %B, %B D(%A) dt_bias(%A) state(%s)
      {dt_softplus}
      : (tensor<2x4x16xf32>, tensor<2x4xf32>, tensor<4xf32>,
         tensor<2x1x32xf32>, tensor<2x1x32xf32>, tensor<4xf32>,
         tensor<4xf32>, tensor<2x4x16x32xf32>)
      -> (tensor<2x4x16xf32>, tensor<2x4x16x32xf32>)
  return %y, %s1 : tensor<2x4x16xf32>, tensor<2x4x16x32xf32>
}
