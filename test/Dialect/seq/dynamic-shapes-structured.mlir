// Dynamic sizes match anything and bind nothing: each op below has a `?`
// where a static size of a different value would be rejected (the matching
// case in invalid-*.mlir is named), and is accepted.
// RUN: seqc-opt %s | FileCheck %s

//===----------------------------------------------------------------------===//
// seq.causal_conv1d, seq.causal_conv1d_step
//===----------------------------------------------------------------------===//

// D = 8 comes from the weight; x, bias and states leave it dynamic or agree.
// (invalid: @conv_bias_channels)
// CHECK-LABEL: func.func @conv_dynamic_channels
// CHECK:         seq.causal_conv1d %{{.+}}, %{{.+}} bias(%{{.+}}) initial_state(%{{.+}}) activation<silu> : (tensor<2x?x16xf32>, tensor<8x4xf32>, tensor<?xf32>, tensor<?x8x3xf32>) -> (tensor<2x8x16xf32>, tensor<2x?x3xf32>)
func.func @conv_dynamic_channels(%x: tensor<2x?x16xf32>, %w: tensor<8x4xf32>, %b: tensor<?xf32>, %s: tensor<?x8x3xf32>) -> (tensor<2x8x16xf32>, tensor<2x?x3xf32>) {
  %y, %t = seq.causal_conv1d %x, %w bias(%b) initial_state(%s) activation<silu> : (tensor<2x?x16xf32>, tensor<8x4xf32>, tensor<?xf32>, tensor<?x8x3xf32>) -> (tensor<2x8x16xf32>, tensor<2x?x3xf32>)
  return %y, %t : tensor<2x8x16xf32>, tensor<2x?x3xf32>
}

// A dynamic kernel width leaves the state length free; the two states must
// still agree with each other (invalid:
// @conv_final_state_width_bound_by_initial_state).
// CHECK-LABEL: func.func @conv_dynamic_width
// CHECK:         seq.causal_conv1d %{{.+}}, %{{.+}} initial_state(%{{.+}}) : (tensor<2x8x16xf32>, tensor<8x?xf32>, tensor<2x8x5xf32>) -> (tensor<2x8x16xf32>, tensor<2x8x5xf32>)
func.func @conv_dynamic_width(%x: tensor<2x8x16xf32>, %w: tensor<8x?xf32>, %s: tensor<2x8x5xf32>) -> (tensor<2x8x16xf32>, tensor<2x8x5xf32>) {
  %y, %t = seq.causal_conv1d %x, %w initial_state(%s) : (tensor<2x8x16xf32>, tensor<8x?xf32>, tensor<2x8x5xf32>) -> (tensor<2x8x16xf32>, tensor<2x8x5xf32>)
  return %y, %t : tensor<2x8x16xf32>, tensor<2x8x5xf32>
}

// x's batch is dynamic; the state gives B = 2, which `out` matches.
// (invalid: @step_out_shape, @step_out_shape_bound_by_state)
// CHECK-LABEL: func.func @step_dynamic_batch
// CHECK:         seq.causal_conv1d_step %{{.+}}, %{{.+}} state(%{{.+}}) : (tensor<?x8xf32>, tensor<8x4xf32>, tensor<2x8x3xf32>) -> (tensor<2x8xf32>, tensor<2x8x3xf32>)
func.func @step_dynamic_batch(%x: tensor<?x8xf32>, %w: tensor<8x4xf32>, %s: tensor<2x8x3xf32>) -> (tensor<2x8xf32>, tensor<2x8x3xf32>) {
  %y, %s1 = seq.causal_conv1d_step %x, %w state(%s) : (tensor<?x8xf32>, tensor<8x4xf32>, tensor<2x8x3xf32>) -> (tensor<2x8xf32>, tensor<2x8x3xf32>)
  return %y, %s1 : tensor<2x8xf32>, tensor<2x8x3xf32>
}

//===----------------------------------------------------------------------===//
// seq.monarch_matmul
//===----------------------------------------------------------------------===//

// x's last dim is dynamic, so k*p = 16 is not checked against it.
// (invalid: @monarch_x_inputs)
// CHECK-LABEL: func.func @monarch_dynamic_inputs
// CHECK:         seq.monarch_matmul %{{.+}}, %{{.+}} : (tensor<8x?xf32>, tensor<4x4x4xf32>) -> tensor<8x16xf32>
func.func @monarch_dynamic_inputs(%x: tensor<8x?xf32>, %w1: tensor<4x4x4xf32>) -> tensor<8x16xf32> {
  %y = seq.monarch_matmul %x, %w1 : (tensor<8x?xf32>, tensor<4x4x4xf32>) -> tensor<8x16xf32>
  return %y : tensor<8x16xf32>
}

// A dynamic l in w2 leaves l*r unknown, so there is no stage check (a static
// l = 4 would give l*r = 16, not k*q = 32); y's 32 = s*l with l = 8.
// (invalid: @monarch_stage_sizes)
// CHECK-LABEL: func.func @monarch_dynamic_second_stage
// CHECK:         seq.monarch_matmul %{{.+}}, %{{.+}}, %{{.+}} : (tensor<8x16xf32>, tensor<4x8x4xf32>, tensor<?x4x4xf32>) -> tensor<8x32xf32>
func.func @monarch_dynamic_second_stage(%x: tensor<8x16xf32>, %w1: tensor<4x8x4xf32>, %w2: tensor<?x4x4xf32>) -> tensor<8x32xf32> {
  %y = seq.monarch_matmul %x, %w1, %w2 : (tensor<8x16xf32>, tensor<4x8x4xf32>, tensor<?x4x4xf32>) -> tensor<8x32xf32>
  return %y : tensor<8x32xf32>
}

// A dynamic block count k follows from x: 16 inputs are k = 4 blocks of
// p = 4, so the first stage gives k*q = 16 outputs, the second stage's
// l*r = 4*4 inputs. (invalid: @monarch_x_inputs_dynamic_blocks,
// @monarch_stage_sizes_dynamic_blocks)
// CHECK-LABEL: func.func @monarch_dynamic_blocks
// CHECK:         seq.monarch_matmul %{{.+}}, %{{.+}}, %{{.+}} : (tensor<8x16xf32>, tensor<?x4x4xf32>, tensor<4x4x4xf32>) -> tensor<8x16xf32>
func.func @monarch_dynamic_blocks(%x: tensor<8x16xf32>, %w1: tensor<?x4x4xf32>, %w2: tensor<4x4x4xf32>) -> tensor<8x16xf32> {
  %y = seq.monarch_matmul %x, %w1, %w2 : (tensor<8x16xf32>, tensor<?x4x4xf32>, tensor<4x4x4xf32>) -> tensor<8x16xf32>
  return %y : tensor<8x16xf32>
}

// Dynamic leading dims of y match x's static ones.
// (invalid: @monarch_inferred_leading_dims)
// CHECK-LABEL: func.func @monarch_dynamic_leading_dims
// CHECK:         seq.monarch_matmul %{{.+}}, %{{.+}} : (tensor<2x8x16xf32>, tensor<4x4x4xf32>) -> tensor<?x?x16xf32>
func.func @monarch_dynamic_leading_dims(%x: tensor<2x8x16xf32>, %w1: tensor<4x4x4xf32>) -> tensor<?x?x16xf32> {
  %y = seq.monarch_matmul %x, %w1 : (tensor<2x8x16xf32>, tensor<4x4x4xf32>) -> tensor<?x?x16xf32>
  return %y : tensor<?x?x16xf32>
}

//===----------------------------------------------------------------------===//
// seq.rms_norm
//===----------------------------------------------------------------------===//

// D is dynamic everywhere: groups = 3 cannot be checked.
// (invalid: @rms_norm_groups_divide)
// CHECK-LABEL: func.func @rms_norm_dynamic_dim_groups
// CHECK:         seq.rms_norm %{{.+}}, %{{.+}} {groups = 3 : i64} : (tensor<2x?xf32>, tensor<?xf32>) -> tensor<2x?xf32>
func.func @rms_norm_dynamic_dim_groups(%x: tensor<2x?xf32>, %w: tensor<?xf32>) -> tensor<2x?xf32> {
  %y = seq.rms_norm %x, %w {groups = 3 : i64} : (tensor<2x?xf32>, tensor<?xf32>) -> tensor<2x?xf32>
  return %y : tensor<2x?xf32>
}

// The gate's dynamic leading dim matches x's 5; its D agrees with the
// weight's. (invalid: @rms_norm_gate_leading_dims)
// CHECK-LABEL: func.func @rms_norm_dynamic_gate
// CHECK:         seq.rms_norm %{{.+}}, %{{.+}} gate(%{{.+}}) {eps = 9.99999997E-7 : f32, groups = 4 : i64} : (tensor<2x5x?xf32>, tensor<16xf32>, tensor<2x?x16xf32>) -> tensor<2x5x16xf32>
func.func @rms_norm_dynamic_gate(%x: tensor<2x5x?xf32>, %w: tensor<16xf32>, %z: tensor<2x?x16xf32>) -> tensor<2x5x16xf32> {
  %y = seq.rms_norm %x, %w gate(%z) {eps = 1.0e-06 : f32, groups = 4 : i64} : (tensor<2x5x?xf32>, tensor<16xf32>, tensor<2x?x16xf32>) -> tensor<2x5x16xf32>
  return %y : tensor<2x5x16xf32>
}

//===----------------------------------------------------------------------===//
// seq.quantize, seq.dequantize, seq.qmatmul
//===----------------------------------------------------------------------===//

// A dynamic K is not checked for being even, and the inferred output keeps
// it dynamic. (invalid: @quantize_packed_odd_dim)
// CHECK-LABEL: func.func @quantize_packed_dynamic_dim
// CHECK:         seq.quantize %{{.+}}, %{{.+}} {bits = 4 : i64, packed} : (tensor<4x?xf32>, tensor<4xf32>) -> tensor<4x?xi8>
func.func @quantize_packed_dynamic_dim(%x: tensor<4x?xf32>, %s: tensor<4xf32>) -> tensor<4x?xi8> {
  %q = seq.quantize %x, %s {bits = 4 : i64, packed} : (tensor<4x?xf32>, tensor<4xf32>) -> tensor<4x?xi8>
  return %q : tensor<4x?xi8>
}

// The per-row scale's dynamic dim matches the 4 rows.
// (invalid: @quantize_per_row_scale_rows)
// CHECK-LABEL: func.func @quantize_dynamic_scale
// CHECK:         seq.quantize %{{.+}}, %{{.+}} : (tensor<2x4x16xf32>, tensor<2x?xf32>) -> tensor<2x4x16xi8>
func.func @quantize_dynamic_scale(%x: tensor<2x4x16xf32>, %s: tensor<2x?xf32>) -> tensor<2x4x16xi8> {
  %q = seq.quantize %x, %s : (tensor<2x4x16xf32>, tensor<2x?xf32>) -> tensor<2x4x16xi8>
  return %q : tensor<2x4x16xi8>
}

// K is dynamic in the output; the packed input gives K = 16, which
// group_size = 8 divides into the scale's 2 groups.
// (invalid: @dequantize_grouped_scale_groups_packed_input)
// CHECK-LABEL: func.func @dequantize_packed_dynamic_output
// CHECK:         seq.dequantize %{{.+}}, %{{.+}} {bits = 4 : i64, group_size = 8 : i64, packed} : (tensor<4x8xi8>, tensor<4x2xf32>) -> tensor<?x?xf16>
func.func @dequantize_packed_dynamic_output(%q: tensor<4x8xi8>, %s: tensor<4x2xf32>) -> tensor<?x?xf16> {
  %x = seq.dequantize %q, %s {bits = 4 : i64, group_size = 8 : i64, packed} : (tensor<4x8xi8>, tensor<4x2xf32>) -> tensor<?x?xf16>
  return %x : tensor<?x?xf16>
}

// K is dynamic in x; the int4 weight gives K = 2 * 8 = 16. N is dynamic in
// the weight, so the weight scale, bias and y give it.
// (invalid: @qmatmul_weight_scale_channels, @qmatmul_y_channels)
// CHECK-LABEL: func.func @qmatmul_dynamic_dims
// CHECK:         seq.qmatmul %{{.+}}, %{{.+}}, %{{.+}} input_scale(%{{.+}}) bias(%{{.+}}) {group_size = 4 : i64, weight_bits = 4 : i64} : (tensor<2x3x?xi8>, tensor<?x8xi8>, tensor<8x4xf32>, tensor<?x3xf32>, tensor<8xf32>) -> tensor<2x3x8xf32>
func.func @qmatmul_dynamic_dims(%x: tensor<2x3x?xi8>, %w: tensor<?x8xi8>, %ws: tensor<8x4xf32>, %xs: tensor<?x3xf32>, %b: tensor<8xf32>) -> tensor<2x3x8xf32> {
  %y = seq.qmatmul %x, %w, %ws input_scale(%xs) bias(%b) {weight_bits = 4 : i64, group_size = 4 : i64} : (tensor<2x3x?xi8>, tensor<?x8xi8>, tensor<8x4xf32>, tensor<?x3xf32>, tensor<8xf32>) -> tensor<2x3x8xf32>
  return %y : tensor<2x3x8xf32>
}
