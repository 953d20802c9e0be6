// RUN: seqc-opt %s --split-input-file --verify-diagnostics

//===----------------------------------------------------------------------===//
// seq.causal_conv1d
//===----------------------------------------------------------------------===//

func.func @conv_x_rank(%x: tensor<8x16xf32>, %w: tensor<8x4xf32>) -> tensor<8x16xf32> {
  // expected-error @+1 {{'seq.causal_conv1d' op operand `x` must have rank 3 ([B, D, L] = [?, ?, ?]), got rank 2}}
  %y = seq.causal_conv1d %x, %w : (tensor<8x16xf32>, tensor<8x4xf32>) -> tensor<8x16xf32>
  return %y : tensor<8x16xf32>
}

// -----

func.func @conv_x_not_float(%x: tensor<2x8x16xi32>, %w: tensor<8x4xf32>) -> tensor<2x8x16xf32> {
  // expected-error @+1 {{'seq.causal_conv1d' op operand #0 must be ranked tensor of floating-point values, but got 'tensor<2x8x16xi32>'}}
  %y = seq.causal_conv1d %x, %w : (tensor<2x8x16xi32>, tensor<8x4xf32>) -> tensor<2x8x16xf32>
  return %y : tensor<2x8x16xf32>
}

// -----

func.func @conv_x_unranked(%x: tensor<*xf32>, %w: tensor<8x4xf32>) -> tensor<2x8x16xf32> {
  // expected-error @+1 {{'seq.causal_conv1d' op operand #0 must be ranked tensor of floating-point values, but got 'tensor<*xf32>'}}
  %y = seq.causal_conv1d %x, %w : (tensor<*xf32>, tensor<8x4xf32>) -> tensor<2x8x16xf32>
  return %y : tensor<2x8x16xf32>
}

// -----

func.func @conv_weight_rank(%x: tensor<2x8x16xf32>, %w: tensor<8xf32>) -> tensor<2x8x16xf32> {
  // expected-error @+1 {{'seq.causal_conv1d' op operand `weight` must have rank 2 ([D, W] = [8, ?]), got rank 1}}
  %y = seq.causal_conv1d %x, %w : (tensor<2x8x16xf32>, tensor<8xf32>) -> tensor<2x8x16xf32>
  return %y : tensor<2x8x16xf32>
}

// -----

func.func @conv_weight_channels(%x: tensor<2x8x16xf32>, %w: tensor<4x4xf32>) -> tensor<2x8x16xf32> {
  // expected-error @+1 {{'seq.causal_conv1d' op operand `weight` must have shape [D, W] = [8, ?], got [4, 4]}}
  %y = seq.causal_conv1d %x, %w : (tensor<2x8x16xf32>, tensor<4x4xf32>) -> tensor<2x8x16xf32>
  return %y : tensor<2x8x16xf32>
}

// -----

func.func @conv_weight_zero_width(%x: tensor<2x8x16xf32>, %w: tensor<8x0xf32>) -> tensor<2x8x16xf32> {
  // expected-error @+1 {{'seq.causal_conv1d' op kernel width W must be at least 1, got 0}}
  %y = seq.causal_conv1d %x, %w : (tensor<2x8x16xf32>, tensor<8x0xf32>) -> tensor<2x8x16xf32>
  return %y : tensor<2x8x16xf32>
}

// -----

func.func @conv_bias_rank(%x: tensor<2x8x16xf32>, %w: tensor<8x4xf32>, %b: tensor<1x8xf32>) -> tensor<2x8x16xf32> {
  // expected-error @+1 {{'seq.causal_conv1d' op operand `bias` must have rank 1 ([D] = [8]), got rank 2}}
  %y = seq.causal_conv1d %x, %w bias(%b) : (tensor<2x8x16xf32>, tensor<8x4xf32>, tensor<1x8xf32>) -> tensor<2x8x16xf32>
  return %y : tensor<2x8x16xf32>
}

// -----

func.func @conv_bias_channels(%x: tensor<2x8x16xf32>, %w: tensor<8x4xf32>, %b: tensor<16xf32>) -> tensor<2x8x16xf32> {
  // expected-error @+1 {{'seq.causal_conv1d' op operand `bias` must have shape [D] = [8], got [16]}}
  %y = seq.causal_conv1d %x, %w bias(%b) : (tensor<2x8x16xf32>, tensor<8x4xf32>, tensor<16xf32>) -> tensor<2x8x16xf32>
  return %y : tensor<2x8x16xf32>
}

// -----

// D is dynamic in x, so the weight binds it and the bias is checked against
// the weight.
func.func @conv_bias_channels_bound_by_weight(%x: tensor<2x?x16xf32>, %w: tensor<8x4xf32>, %b: tensor<4xf32>) -> tensor<2x?x16xf32> {
  // expected-error @+1 {{'seq.causal_conv1d' op operand `bias` must have shape [D] = [8], got [4]}}
  %y = seq.causal_conv1d %x, %w bias(%b) : (tensor<2x?x16xf32>, tensor<8x4xf32>, tensor<4xf32>) -> tensor<2x?x16xf32>
  return %y : tensor<2x?x16xf32>
}

// -----

func.func @conv_initial_state_rank(%x: tensor<2x8x16xf32>, %w: tensor<8x4xf32>, %s: tensor<2x8xf32>) -> tensor<2x8x16xf32> {
  // expected-error @+1 {{'seq.causal_conv1d' op operand `initial_state` must have rank 3 ([B, D, W-1] = [2, 8, 3]), got rank 2}}
  %y = seq.causal_conv1d %x, %w initial_state(%s) : (tensor<2x8x16xf32>, tensor<8x4xf32>, tensor<2x8xf32>) -> tensor<2x8x16xf32>
  return %y : tensor<2x8x16xf32>
}

// -----

func.func @conv_initial_state_batch(%x: tensor<2x8x16xf32>, %w: tensor<8x4xf32>, %s: tensor<3x8x3xf32>) -> tensor<2x8x16xf32> {
  // expected-error @+1 {{'seq.causal_conv1d' op operand `initial_state` must have shape [B, D, W-1] = [2, 8, 3], got [3, 8, 3]}}
  %y = seq.causal_conv1d %x, %w initial_state(%s) : (tensor<2x8x16xf32>, tensor<8x4xf32>, tensor<3x8x3xf32>) -> tensor<2x8x16xf32>
  return %y : tensor<2x8x16xf32>
}

// -----

func.func @conv_initial_state_channels(%x: tensor<2x8x16xf32>, %w: tensor<8x4xf32>, %s: tensor<2x4x3xf32>) -> tensor<2x8x16xf32> {
  // expected-error @+1 {{'seq.causal_conv1d' op operand `initial_state` must have shape [B, D, W-1] = [2, 8, 3], got [2, 4, 3]}}
  %y = seq.causal_conv1d %x, %w initial_state(%s) : (tensor<2x8x16xf32>, tensor<8x4xf32>, tensor<2x4x3xf32>) -> tensor<2x8x16xf32>
  return %y : tensor<2x8x16xf32>
}

// -----

func.func @conv_initial_state_width(%x: tensor<2x8x16xf32>, %w: tensor<8x4xf32>, %s: tensor<2x8x4xf32>) -> tensor<2x8x16xf32> {
  // expected-error @+1 {{'seq.causal_conv1d' op operand `initial_state` must have shape [B, D, W-1] = [2, 8, 3], got [2, 8, 4]}}
  %y = seq.causal_conv1d %x, %w initial_state(%s) : (tensor<2x8x16xf32>, tensor<8x4xf32>, tensor<2x8x4xf32>) -> tensor<2x8x16xf32>
  return %y : tensor<2x8x16xf32>
}

// -----

func.func @conv_initial_state_element_type(%x: tensor<2x8x16xf32>, %w: tensor<8x4xf32>, %s: tensor<2x8x3xf16>) -> tensor<2x8x16xf32> {
  // expected-error @+1 {{'seq.causal_conv1d' op operand `initial_state` must have the element type of `x` ('f32'), got 'f16'}}
  %y = seq.causal_conv1d %x, %w initial_state(%s) : (tensor<2x8x16xf32>, tensor<8x4xf32>, tensor<2x8x3xf16>) -> tensor<2x8x16xf32>
  return %y : tensor<2x8x16xf32>
}

// -----

func.func @conv_out_rank(%x: tensor<2x8x16xf32>, %w: tensor<8x4xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'seq.causal_conv1d' op result `out` must have rank 3 ([B, D, L] = [2, 8, 16]), got rank 2}}
  %y = seq.causal_conv1d %x, %w : (tensor<2x8x16xf32>, tensor<8x4xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

func.func @conv_out_batch(%x: tensor<2x8x16xf32>, %w: tensor<8x4xf32>) -> tensor<1x8x16xf32> {
  // expected-error @+1 {{'seq.causal_conv1d' op result `out` must have shape [B, D, L] = [2, 8, 16], got [1, 8, 16]}}
  %y = seq.causal_conv1d %x, %w : (tensor<2x8x16xf32>, tensor<8x4xf32>) -> tensor<1x8x16xf32>
  return %y : tensor<1x8x16xf32>
}

// -----

func.func @conv_out_channels(%x: tensor<2x8x16xf32>, %w: tensor<8x4xf32>) -> tensor<2x4x16xf32> {
  // expected-error @+1 {{'seq.causal_conv1d' op result `out` must have shape [B, D, L] = [2, 8, 16], got [2, 4, 16]}}
  %y = seq.causal_conv1d %x, %w : (tensor<2x8x16xf32>, tensor<8x4xf32>) -> tensor<2x4x16xf32>
  return %y : tensor<2x4x16xf32>
}

// -----

func.func @conv_out_length(%x: tensor<2x8x16xf32>, %w: tensor<8x4xf32>) -> tensor<2x8x15xf32> {
  // expected-error @+1 {{'seq.causal_conv1d' op result `out` must have shape [B, D, L] = [2, 8, 16], got [2, 8, 15]}}
  %y = seq.causal_conv1d %x, %w : (tensor<2x8x16xf32>, tensor<8x4xf32>) -> tensor<2x8x15xf32>
  return %y : tensor<2x8x15xf32>
}

// -----

func.func @conv_out_element_type(%x: tensor<2x8x16xf32>, %w: tensor<8x4xf32>) -> tensor<2x8x16xf16> {
  // expected-error @+1 {{'seq.causal_conv1d' op result `out` must have the element type of `x` ('f32'), got 'f16'}}
  %y = seq.causal_conv1d %x, %w : (tensor<2x8x16xf32>, tensor<8x4xf32>) -> tensor<2x8x16xf16>
  return %y : tensor<2x8x16xf16>
}

// -----

func.func @conv_out_not_float(%x: tensor<2x8x16xf32>, %w: tensor<8x4xf32>) -> tensor<2x8x16xi8> {
  // expected-error @+1 {{'seq.causal_conv1d' op result #0 must be ranked tensor of floating-point values, but got 'tensor<2x8x16xi8>'}}
  %y = seq.causal_conv1d %x, %w : (tensor<2x8x16xf32>, tensor<8x4xf32>) -> tensor<2x8x16xi8>
  return %y : tensor<2x8x16xi8>
}

// -----

func.func @conv_final_state_rank(%x: tensor<2x8x16xf32>, %w: tensor<8x4xf32>) -> tensor<8x3xf32> {
  // expected-error @+1 {{'seq.causal_conv1d' op result `final_state` must have rank 3 ([B, D, W-1] = [2, 8, 3]), got rank 2}}
  %y, %t = seq.causal_conv1d %x, %w : (tensor<2x8x16xf32>, tensor<8x4xf32>) -> (tensor<2x8x16xf32>, tensor<8x3xf32>)
  return %t : tensor<8x3xf32>
}

// -----

func.func @conv_final_state_width(%x: tensor<2x8x16xf32>, %w: tensor<8x4xf32>) -> tensor<2x8x2xf32> {
  // expected-error @+1 {{'seq.causal_conv1d' op result `final_state` must have shape [B, D, W-1] = [2, 8, 3], got [2, 8, 2]}}
  %y, %t = seq.causal_conv1d %x, %w : (tensor<2x8x16xf32>, tensor<8x4xf32>) -> (tensor<2x8x16xf32>, tensor<2x8x2xf32>)
  return %t : tensor<2x8x2xf32>
}

// -----

// W is dynamic in the weight, so the initial state binds W-1 = 3 and the
// final state is checked against it.
func.func @conv_final_state_width_bound_by_initial_state(%x: tensor<2x8x16xf32>, %w: tensor<8x?xf32>, %s: tensor<2x8x3xf32>) -> tensor<2x8x2xf32> {
  // expected-error @+1 {{'seq.causal_conv1d' op result `final_state` must have shape [B, D, W-1] = [2, 8, 3], got [2, 8, 2]}}
  %y, %t = seq.causal_conv1d %x, %w initial_state(%s) : (tensor<2x8x16xf32>, tensor<8x?xf32>, tensor<2x8x3xf32>) -> (tensor<2x8x16xf32>, tensor<2x8x2xf32>)
  return %t : tensor<2x8x2xf32>
}

// -----

func.func @conv_final_state_element_type(%x: tensor<2x8x16xf32>, %w: tensor<8x4xf32>) -> tensor<2x8x3xbf16> {
  // expected-error @+1 {{'seq.causal_conv1d' op result `final_state` must have the element type of `x` ('f32'), got 'bf16'}}
  %y, %t = seq.causal_conv1d %x, %w : (tensor<2x8x16xf32>, tensor<8x4xf32>) -> (tensor<2x8x16xf32>, tensor<2x8x3xbf16>)
  return %t : tensor<2x8x3xbf16>
}

// -----

func.func @conv_activation_unknown(%x: tensor<2x8x16xf32>, %w: tensor<8x4xf32>) -> tensor<2x8x16xf32> {
  // expected-error @+2 {{custom op 'seq.causal_conv1d' expected ::mlir::seq::Activation to be one of: none, silu}}
  // expected-error @+1 {{custom op 'seq.causal_conv1d' failed to parse Seq_ActivationAttr parameter 'value' which is to be a `::mlir::seq::Activation`}}
  %y = seq.causal_conv1d %x, %w activation<relu> : (tensor<2x8x16xf32>, tensor<8x4xf32>) -> tensor<2x8x16xf32>
  return %y : tensor<2x8x16xf32>
}

// -----

func.func @conv_activation_not_enum(%x: tensor<2x8x16xf32>, %w: tensor<8x4xf32>) -> tensor<2x8x16xf32> {
  // expected-error @+1 {{invalid properties {activation = 1 : i32, operandSegmentSizes = array<i32: 1, 1, 0, 0>} for op seq.causal_conv1d: Invalid attribute `activation` in property conversion: 1 : i32}}
  %y = "seq.causal_conv1d"(%x, %w) <{activation = 1 : i32, operandSegmentSizes = array<i32: 1, 1, 0, 0>}> : (tensor<2x8x16xf32>, tensor<8x4xf32>) -> tensor<2x8x16xf32>
  return %y : tensor<2x8x16xf32>
}

// -----

//===----------------------------------------------------------------------===//
// seq.causal_conv1d_step
//===----------------------------------------------------------------------===//

func.func @step_x_rank(%x: tensor<8xf32>, %w: tensor<8x4xf32>, %s: tensor<2x8x3xf32>) -> (tensor<8xf32>, tensor<2x8x3xf32>) {
  // expected-error @+1 {{'seq.causal_conv1d_step' op operand `x` must have rank 2 ([B, D] = [?, ?]), got rank 1}}
  %y, %s1 = seq.causal_conv1d_step %x, %w state(%s) : (tensor<8xf32>, tensor<8x4xf32>, tensor<2x8x3xf32>) -> (tensor<8xf32>, tensor<2x8x3xf32>)
  return %y, %s1 : tensor<8xf32>, tensor<2x8x3xf32>
}

// -----

func.func @step_weight_rank(%x: tensor<2x8xf32>, %w: tensor<8x4x1xf32>, %s: tensor<2x8x3xf32>) -> (tensor<2x8xf32>, tensor<2x8x3xf32>) {
  // expected-error @+1 {{'seq.causal_conv1d_step' op operand `weight` must have rank 2 ([D, W] = [8, ?]), got rank 3}}
  %y, %s1 = seq.causal_conv1d_step %x, %w state(%s) : (tensor<2x8xf32>, tensor<8x4x1xf32>, tensor<2x8x3xf32>) -> (tensor<2x8xf32>, tensor<2x8x3xf32>)
  return %y, %s1 : tensor<2x8xf32>, tensor<2x8x3xf32>
}

// -----

func.func @step_weight_channels(%x: tensor<2x8xf32>, %w: tensor<16x4xf32>, %s: tensor<2x8x3xf32>) -> (tensor<2x8xf32>, tensor<2x8x3xf32>) {
  // expected-error @+1 {{'seq.causal_conv1d_step' op operand `weight` must have shape [D, W] = [8, ?], got [16, 4]}}
  %y, %s1 = seq.causal_conv1d_step %x, %w state(%s) : (tensor<2x8xf32>, tensor<16x4xf32>, tensor<2x8x3xf32>) -> (tensor<2x8xf32>, tensor<2x8x3xf32>)
  return %y, %s1 : tensor<2x8xf32>, tensor<2x8x3xf32>
}

// -----

func.func @step_weight_zero_width(%x: tensor<2x8xf32>, %w: tensor<8x0xf32>, %s: tensor<2x8x3xf32>) -> (tensor<2x8xf32>, tensor<2x8x3xf32>) {
  // expected-error @+1 {{'seq.causal_conv1d_step' op kernel width W must be at least 1, got 0}}
  %y, %s1 = seq.causal_conv1d_step %x, %w state(%s) : (tensor<2x8xf32>, tensor<8x0xf32>, tensor<2x8x3xf32>) -> (tensor<2x8xf32>, tensor<2x8x3xf32>)
  return %y, %s1 : tensor<2x8xf32>, tensor<2x8x3xf32>
}

// -----

func.func @step_bias_rank(%x: tensor<2x8xf32>, %w: tensor<8x4xf32>, %b: tensor<f32>, %s: tensor<2x8x3xf32>) -> (tensor<2x8xf32>, tensor<2x8x3xf32>) {
  // expected-error @+1 {{'seq.causal_conv1d_step' op operand `bias` must have rank 1 ([D] = [8]), got rank 0}}
  %y, %s1 = seq.causal_conv1d_step %x, %w bias(%b) state(%s) : (tensor<2x8xf32>, tensor<8x4xf32>, tensor<f32>, tensor<2x8x3xf32>) -> (tensor<2x8xf32>, tensor<2x8x3xf32>)
  return %y, %s1 : tensor<2x8xf32>, tensor<2x8x3xf32>
}

// -----

func.func @step_bias_channels(%x: tensor<2x8xf32>, %w: tensor<8x4xf32>, %b: tensor<4xf32>, %s: tensor<2x8x3xf32>) -> (tensor<2x8xf32>, tensor<2x8x3xf32>) {
  // expected-error @+1 {{'seq.causal_conv1d_step' op operand `bias` must have shape [D] = [8], got [4]}}
  %y, %s1 = seq.causal_conv1d_step %x, %w bias(%b) state(%s) : (tensor<2x8xf32>, tensor<8x4xf32>, tensor<4xf32>, tensor<2x8x3xf32>) -> (tensor<2x8xf32>, tensor<2x8x3xf32>)
  return %y, %s1 : tensor<2x8xf32>, tensor<2x8x3xf32>
}

// -----

func.func @step_state_rank(%x: tensor<2x8xf32>, %w: tensor<8x4xf32>, %s: tensor<2x8xf32>) -> (tensor<2x8xf32>, tensor<2x8xf32>) {
  // expected-error @+1 {{'seq.causal_conv1d_step' op operand `state` must have rank 3 ([B, D, W-1] = [2, 8, 3]), got rank 2}}
  %y, %s1 = seq.causal_conv1d_step %x, %w state(%s) : (tensor<2x8xf32>, tensor<8x4xf32>, tensor<2x8xf32>) -> (tensor<2x8xf32>, tensor<2x8xf32>)
  return %y, %s1 : tensor<2x8xf32>, tensor<2x8xf32>
}

// -----

func.func @step_state_batch(%x: tensor<2x8xf32>, %w: tensor<8x4xf32>, %s: tensor<4x8x3xf32>) -> (tensor<2x8xf32>, tensor<4x8x3xf32>) {
  // expected-error @+1 {{'seq.causal_conv1d_step' op operand `state` must have shape [B, D, W-1] = [2, 8, 3], got [4, 8, 3]}}
  %y, %s1 = seq.causal_conv1d_step %x, %w state(%s) : (tensor<2x8xf32>, tensor<8x4xf32>, tensor<4x8x3xf32>) -> (tensor<2x8xf32>, tensor<4x8x3xf32>)
  return %y, %s1 : tensor<2x8xf32>, tensor<4x8x3xf32>
}

// -----

func.func @step_state_channels(%x: tensor<2x8xf32>, %w: tensor<8x4xf32>, %s: tensor<2x16x3xf32>) -> (tensor<2x8xf32>, tensor<2x16x3xf32>) {
  // expected-error @+1 {{'seq.causal_conv1d_step' op operand `state` must have shape [B, D, W-1] = [2, 8, 3], got [2, 16, 3]}}
  %y, %s1 = seq.causal_conv1d_step %x, %w state(%s) : (tensor<2x8xf32>, tensor<8x4xf32>, tensor<2x16x3xf32>) -> (tensor<2x8xf32>, tensor<2x16x3xf32>)
  return %y, %s1 : tensor<2x8xf32>, tensor<2x16x3xf32>
}

// -----

func.func @step_state_width(%x: tensor<2x8xf32>, %w: tensor<8x4xf32>, %s: tensor<2x8x4xf32>) -> (tensor<2x8xf32>, tensor<2x8x4xf32>) {
  // expected-error @+1 {{'seq.causal_conv1d_step' op operand `state` must have shape [B, D, W-1] = [2, 8, 3], got [2, 8, 4]}}
  %y, %s1 = seq.causal_conv1d_step %x, %w state(%s) : (tensor<2x8xf32>, tensor<8x4xf32>, tensor<2x8x4xf32>) -> (tensor<2x8xf32>, tensor<2x8x4xf32>)
  return %y, %s1 : tensor<2x8xf32>, tensor<2x8x4xf32>
}

// -----

// B and D are dynamic in x; the weight binds D = 8 and B stays unbound.
func.func @step_state_channels_bound_by_weight(%x: tensor<?x?xf32>, %w: tensor<8x4xf32>, %s: tensor<2x4x3xf32>) -> (tensor<?x?xf32>, tensor<2x4x3xf32>) {
  // expected-error @+1 {{'seq.causal_conv1d_step' op operand `state` must have shape [B, D, W-1] = [?, 8, 3], got [2, 4, 3]}}
  %y, %s1 = seq.causal_conv1d_step %x, %w state(%s) : (tensor<?x?xf32>, tensor<8x4xf32>, tensor<2x4x3xf32>) -> (tensor<?x?xf32>, tensor<2x4x3xf32>)
  return %y, %s1 : tensor<?x?xf32>, tensor<2x4x3xf32>
}

// -----

func.func @step_state_element_type(%x: tensor<2x8xf32>, %w: tensor<8x4xf32>, %s: tensor<2x8x3xf16>) -> (tensor<2x8xf32>, tensor<2x8x3xf16>) {
  // expected-error @+1 {{'seq.causal_conv1d_step' op operand `state` must have the element type of `x` ('f32'), got 'f16'}}
  %y, %s1 = seq.causal_conv1d_step %x, %w state(%s) : (tensor<2x8xf32>, tensor<8x4xf32>, tensor<2x8x3xf16>) -> (tensor<2x8xf32>, tensor<2x8x3xf16>)
  return %y, %s1 : tensor<2x8xf32>, tensor<2x8x3xf16>
}

// -----

func.func @step_out_shape(%x: tensor<2x8xf32>, %w: tensor<8x4xf32>, %s: tensor<2x8x3xf32>) -> (tensor<2x4xf32>, tensor<2x8x3xf32>) {
  // expected-error @+1 {{'seq.causal_conv1d_step' op result `out` must have shape [B, D] = [2, 8], got [2, 4]}}
  %y, %s1 = seq.causal_conv1d_step %x, %w state(%s) : (tensor<2x8xf32>, tensor<8x4xf32>, tensor<2x8x3xf32>) -> (tensor<2x4xf32>, tensor<2x8x3xf32>)
  return %y, %s1 : tensor<2x4xf32>, tensor<2x8x3xf32>
}

// -----

func.func @step_out_element_type(%x: tensor<2x8xf32>, %w: tensor<8x4xf32>, %s: tensor<2x8x3xf32>) -> (tensor<2x8xf16>, tensor<2x8x3xf32>) {
  // expected-error @+1 {{'seq.causal_conv1d_step' op result `out` must have the element type of `x` ('f32'), got 'f16'}}
  %y, %s1 = seq.causal_conv1d_step %x, %w state(%s) : (tensor<2x8xf32>, tensor<8x4xf32>, tensor<2x8x3xf32>) -> (tensor<2x8xf16>, tensor<2x8x3xf32>)
  return %y, %s1 : tensor<2x8xf16>, tensor<2x8x3xf32>
}

// -----

func.func @step_new_state_shape(%x: tensor<2x8xf32>, %w: tensor<8x4xf32>, %s: tensor<2x8x3xf32>) -> (tensor<2x8xf32>, tensor<2x8x4xf32>) {
  // expected-error @+1 {{'seq.causal_conv1d_step' op result `new_state` must have shape [B, D, W-1] = [2, 8, 3], got [2, 8, 4]}}
  %y, %s1 = seq.causal_conv1d_step %x, %w state(%s) : (tensor<2x8xf32>, tensor<8x4xf32>, tensor<2x8x3xf32>) -> (tensor<2x8xf32>, tensor<2x8x4xf32>)
  return %y, %s1 : tensor<2x8xf32>, tensor<2x8x4xf32>
}

// -----

func.func @step_new_state_element_type(%x: tensor<2x8xf32>, %w: tensor<8x4xf32>, %s: tensor<2x8x3xf32>) -> (tensor<2x8xf32>, tensor<2x8x3xf16>) {
  // expected-error @+1 {{'seq.causal_conv1d_step' op result `new_state` must have the element type of `x` ('f32'), got 'f16'}}
  %y, %s1 = seq.causal_conv1d_step %x, %w state(%s) : (tensor<2x8xf32>, tensor<8x4xf32>, tensor<2x8x3xf32>) -> (tensor<2x8xf32>, tensor<2x8x3xf16>)
  return %y, %s1 : tensor<2x8xf32>, tensor<2x8x3xf16>
}

// -----

// B and D are dynamic in x; the state and the weight give them.
func.func @step_out_shape_bound_by_state(%x: tensor<?x?xf32>, %w: tensor<8x4xf32>, %s: tensor<2x8x3xf32>) -> (tensor<3x9xf32>, tensor<2x8x3xf32>) {
  // expected-error @+1 {{'seq.causal_conv1d_step' op result `out` must have shape [B, D] = [2, 8], got [3, 9]}}
  %y, %s1 = seq.causal_conv1d_step %x, %w state(%s) : (tensor<?x?xf32>, tensor<8x4xf32>, tensor<2x8x3xf32>) -> (tensor<3x9xf32>, tensor<2x8x3xf32>)
  return %y, %s1 : tensor<3x9xf32>, tensor<2x8x3xf32>
}

// -----

// The state is fully dynamic; x and the weight give B, D and W-1.
func.func @step_new_state_shape_dynamic_state(%x: tensor<2x8xf32>, %w: tensor<8x4xf32>, %s: tensor<?x?x?xf32>) -> (tensor<2x8xf32>, tensor<5x7x9xf32>) {
  // expected-error @+1 {{'seq.causal_conv1d_step' op result `new_state` must have shape [B, D, W-1] = [2, 8, 3], got [5, 7, 9]}}
  %y, %s1 = seq.causal_conv1d_step %x, %w state(%s) : (tensor<2x8xf32>, tensor<8x4xf32>, tensor<?x?x?xf32>) -> (tensor<2x8xf32>, tensor<5x7x9xf32>)
  return %y, %s1 : tensor<2x8xf32>, tensor<5x7x9xf32>
}

// -----

func.func @step_activation_unknown(%x: tensor<2x8xf32>, %w: tensor<8x4xf32>, %s: tensor<2x8x3xf32>) -> (tensor<2x8xf32>, tensor<2x8x3xf32>) {
  // expected-error @+2 {{custom op 'seq.causal_conv1d_step' expected ::mlir::seq::Activation to be one of: none, silu}}
  // expected-error @+1 {{custom op 'seq.causal_conv1d_step' failed to parse Seq_ActivationAttr parameter 'value' which is to be a `::mlir::seq::Activation`}}
  %y, %s1 = seq.causal_conv1d_step %x, %w state(%s) activation<gelu> : (tensor<2x8xf32>, tensor<8x4xf32>, tensor<2x8x3xf32>) -> (tensor<2x8xf32>, tensor<2x8x3xf32>)
  return %y, %s1 : tensor<2x8xf32>, tensor<2x8x3xf32>
}
