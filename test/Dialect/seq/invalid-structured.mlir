// RUN: seqc-opt %s --split-input-file --verify-diagnostics

//===----------------------------------------------------------------------===//
// seq.monarch_matmul
//===----------------------------------------------------------------------===//

func.func @monarch_x_rank(%x: tensor<f32>, %w1: tensor<4x4x4xf32>) -> tensor<f32> {
  // expected-error @+1 {{'seq.monarch_matmul' op operand `x` must have rank >= 1 ([..., k*p] = [..., 16]), got rank 0}}
  %y = seq.monarch_matmul %x, %w1 : (tensor<f32>, tensor<4x4x4xf32>) -> tensor<f32>
  return %y : tensor<f32>
}

// -----

func.func @monarch_x_not_float(%x: tensor<8x16xi8>, %w1: tensor<4x4x4xf32>) -> tensor<8x16xf32> {
  // expected-error @+1 {{'seq.monarch_matmul' op operand #0 must be ranked tensor of floating-point values, but got 'tensor<8x16xi8>'}}
  %y = seq.monarch_matmul %x, %w1 : (tensor<8x16xi8>, tensor<4x4x4xf32>) -> tensor<8x16xf32>
  return %y : tensor<8x16xf32>
}

// -----

func.func @monarch_w1_rank(%x: tensor<8x16xf32>, %w1: tensor<4x4xf32>) -> tensor<8x16xf32> {
  // expected-error @+1 {{'seq.monarch_matmul' op operand `w1` must have rank 3 ([k, q, p] = [?, ?, ?]), got rank 2}}
  %y = seq.monarch_matmul %x, %w1 : (tensor<8x16xf32>, tensor<4x4xf32>) -> tensor<8x16xf32>
  return %y : tensor<8x16xf32>
}

// -----

func.func @monarch_w2_rank(%x: tensor<8x16xf32>, %w1: tensor<4x4x4xf32>, %w2: tensor<4x4x4x1xf32>) -> tensor<8x16xf32> {
  // expected-error @+1 {{'seq.monarch_matmul' op operand `w2` must have rank 3 ([l, s, r] = [?, ?, ?]), got rank 4}}
  %y = seq.monarch_matmul %x, %w1, %w2 : (tensor<8x16xf32>, tensor<4x4x4xf32>, tensor<4x4x4x1xf32>) -> tensor<8x16xf32>
  return %y : tensor<8x16xf32>
}

// -----

func.func @monarch_x_inputs(%x: tensor<8x12xf32>, %w1: tensor<4x4x4xf32>) -> tensor<8x16xf32> {
  // expected-error @+1 {{'seq.monarch_matmul' op operand `x` must have shape [..., k*p] = [..., 16], got [8, 12]}}
  %y = seq.monarch_matmul %x, %w1 : (tensor<8x12xf32>, tensor<4x4x4xf32>) -> tensor<8x16xf32>
  return %y : tensor<8x16xf32>
}

// -----

// Rectangular blocks: k*p = 2*8 inputs, k*q = 2*3 outputs.
func.func @monarch_x_inputs_rectangular(%x: tensor<8x6xf32>, %w1: tensor<2x3x8xf32>) -> tensor<8x6xf32> {
  // expected-error @+1 {{'seq.monarch_matmul' op operand `x` must have shape [..., k*p] = [..., 16], got [8, 6]}}
  %y = seq.monarch_matmul %x, %w1 : (tensor<8x6xf32>, tensor<2x3x8xf32>) -> tensor<8x6xf32>
  return %y : tensor<8x6xf32>
}

// -----

func.func @monarch_stage_sizes(%x: tensor<8x16xf32>, %w1: tensor<4x8x4xf32>, %w2: tensor<4x4x4xf32>) -> tensor<8x16xf32> {
  // expected-error @+1 {{'seq.monarch_matmul' op the first stage's 32 outputs (k*q) must be the second stage's inputs l*r = 16}}
  %y = seq.monarch_matmul %x, %w1, %w2 : (tensor<8x16xf32>, tensor<4x8x4xf32>, tensor<4x4x4xf32>) -> tensor<8x16xf32>
  return %y : tensor<8x16xf32>
}

// -----

// A dynamic block count k follows from x: 15 inputs are not whole blocks of
// p = 4.
func.func @monarch_x_inputs_dynamic_blocks(%x: tensor<8x15xf32>, %w1: tensor<?x4x4xf32>) -> tensor<8x?xf32> {
  // expected-error @+1 {{'seq.monarch_matmul' op operand `x` has 15 inputs, not a multiple of the block size p = 4}}
  %y = seq.monarch_matmul %x, %w1 : (tensor<8x15xf32>, tensor<?x4x4xf32>) -> tensor<8x?xf32>
  return %y : tensor<8x?xf32>
}

// -----

// k = 16 / 4 = 4 from x, so the first stage gives k*q = 16 outputs, while
// the second stage takes l*r = 4*2 = 8.
func.func @monarch_stage_sizes_dynamic_blocks(%x: tensor<8x16xf32>, %w1: tensor<?x4x4xf32>, %w2: tensor<4x2x2xf32>) -> tensor<8x8xf32> {
  // expected-error @+1 {{'seq.monarch_matmul' op the first stage's 16 outputs (k*q) must be the second stage's inputs l*r = 8}}
  %y = seq.monarch_matmul %x, %w1, %w2 : (tensor<8x16xf32>, tensor<?x4x4xf32>, tensor<4x2x2xf32>) -> tensor<8x8xf32>
  return %y : tensor<8x8xf32>
}

// -----

// One stage: y has k*q = 4*2 outputs.
func.func @monarch_one_stage_inferred_outputs(%x: tensor<8x16xf32>, %w1: tensor<4x2x4xf32>) -> tensor<8x16xf32> {
  // expected-error @+1 {{'seq.monarch_matmul' op result `y` must have shape [..., k*q] = [8, 8], got [8, 16]}}
  %y = seq.monarch_matmul %x, %w1 : (tensor<8x16xf32>, tensor<4x2x4xf32>) -> tensor<8x16xf32>
  return %y : tensor<8x16xf32>
}

// -----

// Two stages: y has s*l = 8*2 outputs (l*r = 2*8 = k*q = 4*4).
func.func @monarch_two_stage_inferred_outputs(%x: tensor<8x16xf32>, %w1: tensor<4x4x4xf32>, %w2: tensor<2x8x8xf32>) -> tensor<8x8xf32> {
  // expected-error @+1 {{'seq.monarch_matmul' op result `y` must have shape [..., s*l] = [8, 16], got [8, 8]}}
  %y = seq.monarch_matmul %x, %w1, %w2 : (tensor<8x16xf32>, tensor<4x4x4xf32>, tensor<2x8x8xf32>) -> tensor<8x8xf32>
  return %y : tensor<8x8xf32>
}

// -----

func.func @monarch_inferred_leading_dims(%x: tensor<2x8x16xf32>, %w1: tensor<4x4x4xf32>) -> tensor<2x4x16xf32> {
  // expected-error @+1 {{'seq.monarch_matmul' op result `y` must have shape [..., k*q] = [2, 8, 16], got [2, 4, 16]}}
  %y = seq.monarch_matmul %x, %w1 : (tensor<2x8x16xf32>, tensor<4x4x4xf32>) -> tensor<2x4x16xf32>
  return %y : tensor<2x4x16xf32>
}

// -----

func.func @monarch_inferred_rank(%x: tensor<2x8x16xf32>, %w1: tensor<4x4x4xf32>) -> tensor<16x16xf32> {
  // expected-error @+1 {{'seq.monarch_matmul' op result `y` must have rank 3 ([..., k*q] = [2, 8, 16]), got rank 2}}
  %y = seq.monarch_matmul %x, %w1 : (tensor<2x8x16xf32>, tensor<4x4x4xf32>) -> tensor<16x16xf32>
  return %y : tensor<16x16xf32>
}

// -----

func.func @monarch_y_element_type(%x: tensor<8x16xf32>, %w1: tensor<4x4x4xf32>) -> tensor<8x16xf16> {
  // expected-error @+1 {{'seq.monarch_matmul' op result `y` must have the element type of `x` ('f32'), got 'f16'}}
  %y = seq.monarch_matmul %x, %w1 : (tensor<8x16xf32>, tensor<4x4x4xf32>) -> tensor<8x16xf16>
  return %y : tensor<8x16xf16>
}

// -----

//===----------------------------------------------------------------------===//
// seq.rms_norm
//===----------------------------------------------------------------------===//

func.func @rms_norm_x_rank(%x: tensor<f32>, %w: tensor<16xf32>) -> tensor<f32> {
  // expected-error @+1 {{'seq.rms_norm' op operand `x` must have rank >= 1 ([..., D] = [..., ?]), got rank 0}}
  %y = seq.rms_norm %x, %w : (tensor<f32>, tensor<16xf32>) -> tensor<f32>
  return %y : tensor<f32>
}

// -----

func.func @rms_norm_x_not_float(%x: tensor<2x16xi32>, %w: tensor<16xf32>) -> tensor<2x16xf32> {
  // expected-error @+1 {{'seq.rms_norm' op operand #0 must be ranked tensor of floating-point values, but got 'tensor<2x16xi32>'}}
  %y = seq.rms_norm %x, %w : (tensor<2x16xi32>, tensor<16xf32>) -> tensor<2x16xf32>
  return %y : tensor<2x16xf32>
}

// -----

func.func @rms_norm_weight_rank(%x: tensor<2x16xf32>, %w: tensor<2x16xf32>) -> tensor<2x16xf32> {
  // expected-error @+1 {{'seq.rms_norm' op operand `weight` must have rank 1 ([D] = [16]), got rank 2}}
  %y = seq.rms_norm %x, %w : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
  return %y : tensor<2x16xf32>
}

// -----

func.func @rms_norm_weight_dim(%x: tensor<2x16xf32>, %w: tensor<8xf32>) -> tensor<2x16xf32> {
  // expected-error @+1 {{'seq.rms_norm' op operand `weight` must have shape [D] = [16], got [8]}}
  %y = seq.rms_norm %x, %w : (tensor<2x16xf32>, tensor<8xf32>) -> tensor<2x16xf32>
  return %y : tensor<2x16xf32>
}

// -----

func.func @rms_norm_gate_rank(%x: tensor<2x5x16xf32>, %w: tensor<16xf32>, %z: tensor<10x16xf32>) -> tensor<2x5x16xf32> {
  // expected-error @+1 {{'seq.rms_norm' op operand `gate` must have rank 3 ([..., D] = [2, 5, 16]), got rank 2}}
  %y = seq.rms_norm %x, %w gate(%z) : (tensor<2x5x16xf32>, tensor<16xf32>, tensor<10x16xf32>) -> tensor<2x5x16xf32>
  return %y : tensor<2x5x16xf32>
}

// -----

func.func @rms_norm_gate_leading_dims(%x: tensor<2x5x16xf32>, %w: tensor<16xf32>, %z: tensor<2x6x16xf32>) -> tensor<2x5x16xf32> {
  // expected-error @+1 {{'seq.rms_norm' op operand `gate` must have shape [..., D] = [2, 5, 16], got [2, 6, 16]}}
  %y = seq.rms_norm %x, %w gate(%z) : (tensor<2x5x16xf32>, tensor<16xf32>, tensor<2x6x16xf32>) -> tensor<2x5x16xf32>
  return %y : tensor<2x5x16xf32>
}

// -----

func.func @rms_norm_gate_dim(%x: tensor<2x5x16xf32>, %w: tensor<16xf32>, %z: tensor<2x5x8xf32>) -> tensor<2x5x16xf32> {
  // expected-error @+1 {{'seq.rms_norm' op operand `gate` must have shape [..., D] = [2, 5, 16], got [2, 5, 8]}}
  %y = seq.rms_norm %x, %w gate(%z) : (tensor<2x5x16xf32>, tensor<16xf32>, tensor<2x5x8xf32>) -> tensor<2x5x16xf32>
  return %y : tensor<2x5x16xf32>
}

// -----

// D is dynamic in x, so the weight binds it and the gate is checked against
// the weight.
func.func @rms_norm_gate_dim_bound_by_weight(%x: tensor<2x?xf32>, %w: tensor<16xf32>, %z: tensor<2x8xf32>) -> tensor<2x?xf32> {
  // expected-error @+1 {{'seq.rms_norm' op operand `gate` must have shape [..., D] = [2, 16], got [2, 8]}}
  %y = seq.rms_norm %x, %w gate(%z) : (tensor<2x?xf32>, tensor<16xf32>, tensor<2x8xf32>) -> tensor<2x?xf32>
  return %y : tensor<2x?xf32>
}

// -----

func.func @rms_norm_gate_element_type(%x: tensor<2x16xf32>, %w: tensor<16xf32>, %z: tensor<2x16xf16>) -> tensor<2x16xf32> {
  // expected-error @+1 {{'seq.rms_norm' op operand `gate` must have the element type of `x` ('f32'), got 'f16'}}
  %y = seq.rms_norm %x, %w gate(%z) : (tensor<2x16xf32>, tensor<16xf32>, tensor<2x16xf16>) -> tensor<2x16xf32>
  return %y : tensor<2x16xf32>
}

// -----

func.func @rms_norm_groups_zero(%x: tensor<2x16xf32>, %w: tensor<16xf32>) -> tensor<2x16xf32> {
  // expected-error @+1 {{'seq.rms_norm' op groups must be at least 1, got 0}}
  %y = seq.rms_norm %x, %w {groups = 0 : i64} : (tensor<2x16xf32>, tensor<16xf32>) -> tensor<2x16xf32>
  return %y : tensor<2x16xf32>
}

// -----

func.func @rms_norm_groups_negative(%x: tensor<2x16xf32>, %w: tensor<16xf32>) -> tensor<2x16xf32> {
  // expected-error @+1 {{'seq.rms_norm' op groups must be at least 1, got -4}}
  %y = seq.rms_norm %x, %w {groups = -4 : i64} : (tensor<2x16xf32>, tensor<16xf32>) -> tensor<2x16xf32>
  return %y : tensor<2x16xf32>
}

// -----

func.func @rms_norm_groups_divide(%x: tensor<2x16xf32>, %w: tensor<16xf32>) -> tensor<2x16xf32> {
  // expected-error @+1 {{'seq.rms_norm' op groups = 3 must divide the normalized dim D = 16}}
  %y = seq.rms_norm %x, %w {groups = 3 : i64} : (tensor<2x16xf32>, tensor<16xf32>) -> tensor<2x16xf32>
  return %y : tensor<2x16xf32>
}

// -----

// D is dynamic in x but the weight gives it.
func.func @rms_norm_groups_divide_weight_dim(%x: tensor<2x?xf32>, %w: tensor<12xf32>) -> tensor<2x?xf32> {
  // expected-error @+1 {{'seq.rms_norm' op groups = 8 must divide the normalized dim D = 12}}
  %y = seq.rms_norm %x, %w {groups = 8 : i64} : (tensor<2x?xf32>, tensor<12xf32>) -> tensor<2x?xf32>
  return %y : tensor<2x?xf32>
}

// -----

func.func @rms_norm_groups_type(%x: tensor<2x16xf32>, %w: tensor<16xf32>) -> tensor<2x16xf32> {
  // expected-error @+1 {{custom op 'seq.rms_norm' 'seq.rms_norm' op attribute 'groups' failed to satisfy constraint: 64-bit signless integer attribute}}
  %y = seq.rms_norm %x, %w {groups = 2 : i32} : (tensor<2x16xf32>, tensor<16xf32>) -> tensor<2x16xf32>
  return %y : tensor<2x16xf32>
}

// -----

func.func @rms_norm_eps_zero(%x: tensor<2x16xf32>, %w: tensor<16xf32>) -> tensor<2x16xf32> {
  // expected-error @+1 {{'seq.rms_norm' op eps must be positive and finite, got 0.000000e+00}}
  %y = seq.rms_norm %x, %w {eps = 0.0 : f32} : (tensor<2x16xf32>, tensor<16xf32>) -> tensor<2x16xf32>
  return %y : tensor<2x16xf32>
}

// -----

func.func @rms_norm_eps_negative_zero(%x: tensor<2x16xf32>, %w: tensor<16xf32>) -> tensor<2x16xf32> {
  // expected-error @+1 {{'seq.rms_norm' op eps must be positive and finite, got -0.000000e+00}}
  %y = seq.rms_norm %x, %w {eps = -0.0 : f32} : (tensor<2x16xf32>, tensor<16xf32>) -> tensor<2x16xf32>
  return %y : tensor<2x16xf32>
}

// -----

func.func @rms_norm_eps_negative(%x: tensor<2x16xf32>, %w: tensor<16xf32>) -> tensor<2x16xf32> {
  // expected-error @+1 {{'seq.rms_norm' op eps must be positive and finite, got -1.000000e-05}}
  %y = seq.rms_norm %x, %w {eps = -1.0e-05 : f32} : (tensor<2x16xf32>, tensor<16xf32>) -> tensor<2x16xf32>
  return %y : tensor<2x16xf32>
}

// -----

func.func @rms_norm_eps_infinite(%x: tensor<2x16xf32>, %w: tensor<16xf32>) -> tensor<2x16xf32> {
  // expected-error @+1 {{'seq.rms_norm' op eps must be positive and finite, got INF}}
  %y = seq.rms_norm %x, %w {eps = 0x7F800000 : f32} : (tensor<2x16xf32>, tensor<16xf32>) -> tensor<2x16xf32>
  return %y : tensor<2x16xf32>
}

// -----

func.func @rms_norm_eps_nan(%x: tensor<2x16xf32>, %w: tensor<16xf32>) -> tensor<2x16xf32> {
  // expected-error @+1 {{'seq.rms_norm' op eps must be positive and finite, got nan}}
  %y = seq.rms_norm %x, %w {eps = 0x7FC00000 : f32} : (tensor<2x16xf32>, tensor<16xf32>) -> tensor<2x16xf32>
  return %y : tensor<2x16xf32>
}

// -----

func.func @rms_norm_eps_type(%x: tensor<2x16xf32>, %w: tensor<16xf32>) -> tensor<2x16xf32> {
  // expected-error @+1 {{custom op 'seq.rms_norm' 'seq.rms_norm' op attribute 'eps' failed to satisfy constraint: 32-bit float attribute}}
  %y = seq.rms_norm %x, %w {eps = 1.0e-05 : f64} : (tensor<2x16xf32>, tensor<16xf32>) -> tensor<2x16xf32>
  return %y : tensor<2x16xf32>
}

// -----

func.func @rms_norm_y_shape(%x: tensor<2x16xf32>, %w: tensor<16xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{'seq.rms_norm' op result `y` must have shape [..., D] = [2, 16], got [4, 16]}}
  %y = seq.rms_norm %x, %w : (tensor<2x16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// -----

func.func @rms_norm_y_element_type(%x: tensor<2x16xf32>, %w: tensor<16xf32>) -> tensor<2x16xbf16> {
  // expected-error @+1 {{'seq.rms_norm' op result `y` must have the element type of `x` ('f32'), got 'bf16'}}
  %y = seq.rms_norm %x, %w : (tensor<2x16xf32>, tensor<16xf32>) -> tensor<2x16xbf16>
  return %y : tensor<2x16xbf16>
}

// -----

// D is dynamic in x; the weight gives D = 16 and y disagrees.
func.func @rms_norm_y_dim_bound_by_weight(%x: tensor<2x?xf32>, %w: tensor<16xf32>) -> tensor<2x17xf32> {
  // expected-error @+1 {{'seq.rms_norm' op result `y` must have shape [..., D] = [2, 16], got [2, 17]}}
  %y = seq.rms_norm %x, %w : (tensor<2x?xf32>, tensor<16xf32>) -> tensor<2x17xf32>
  return %y : tensor<2x17xf32>
}

// -----

// D is dynamic in x and the weight; only y gives D = 16.
func.func @rms_norm_groups_divide_y_dim(%x: tensor<2x?xf32>, %w: tensor<?xf32>) -> tensor<2x16xf32> {
  // expected-error @+1 {{'seq.rms_norm' op groups = 3 must divide the normalized dim D = 16}}
  %y = seq.rms_norm %x, %w {groups = 3 : i64} : (tensor<2x?xf32>, tensor<?xf32>) -> tensor<2x16xf32>
  return %y : tensor<2x16xf32>
}

// -----

// x's leading dim is dynamic; the gate gives 2 and y disagrees.
func.func @rms_norm_y_leading_dims_bound_by_gate(%x: tensor<?x16xf32>, %w: tensor<16xf32>, %z: tensor<2x16xf32>) -> tensor<3x16xf32> {
  // expected-error @+1 {{'seq.rms_norm' op result `y` must have shape [..., D] = [2, 16], got [3, 16]}}
  %y = seq.rms_norm %x, %w gate(%z) : (tensor<?x16xf32>, tensor<16xf32>, tensor<2x16xf32>) -> tensor<3x16xf32>
  return %y : tensor<3x16xf32>
}
