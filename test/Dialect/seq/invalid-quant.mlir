// RUN: seqc-opt %s --split-input-file --verify-diagnostics

//===----------------------------------------------------------------------===//
// seq.quantize
//===----------------------------------------------------------------------===//

func.func @quantize_bits(%x: tensor<4x16xf32>, %s: tensor<4xf32>) -> tensor<4x16xi8> {
  // expected-error @+1 {{'seq.quantize' op bits must be 4 or 8, got 2}}
  %q = seq.quantize %x, %s {bits = 2 : i64} : (tensor<4x16xf32>, tensor<4xf32>) -> tensor<4x16xi8>
  return %q : tensor<4x16xi8>
}

// -----

func.func @quantize_bits_type(%x: tensor<4x16xf32>, %s: tensor<4xf32>) -> tensor<4x16xi8> {
  // expected-error @+1 {{custom op 'seq.quantize' 'seq.quantize' op attribute 'bits' failed to satisfy constraint: 64-bit signless integer attribute}}
  %q = seq.quantize %x, %s {bits = 4 : i32} : (tensor<4x16xf32>, tensor<4xf32>) -> tensor<4x16xi8>
  return %q : tensor<4x16xi8>
}

// -----

func.func @quantize_input_rank(%x: tensor<f32>, %s: tensor<f32>) -> tensor<i8> {
  // expected-error @+1 {{'seq.quantize' op operand `input` must have rank >= 1 ([..., K] = [..., ?]), got rank 0}}
  %q = seq.quantize %x, %s : (tensor<f32>, tensor<f32>) -> tensor<i8>
  return %q : tensor<i8>
}

// -----

func.func @quantize_input_not_float(%x: tensor<4x16xi8>, %s: tensor<4xf32>) -> tensor<4x16xi8> {
  // expected-error @+1 {{'seq.quantize' op operand #0 must be ranked tensor of floating-point values, but got 'tensor<4x16xi8>'}}
  %q = seq.quantize %x, %s : (tensor<4x16xi8>, tensor<4xf32>) -> tensor<4x16xi8>
  return %q : tensor<4x16xi8>
}

// -----

func.func @quantize_scale_not_float(%x: tensor<4x16xf32>, %s: tensor<4xi32>) -> tensor<4x16xi8> {
  // expected-error @+1 {{'seq.quantize' op operand #1 must be ranked tensor of floating-point values, but got 'tensor<4xi32>'}}
  %q = seq.quantize %x, %s : (tensor<4x16xf32>, tensor<4xi32>) -> tensor<4x16xi8>
  return %q : tensor<4x16xi8>
}

// -----

func.func @quantize_output_not_i8(%x: tensor<4x16xf32>, %s: tensor<4xf32>) -> tensor<4x16xi4> {
  // expected-error @+1 {{'seq.quantize' op result #0 must be ranked tensor of 8-bit signless integer values, but got 'tensor<4x16xi4>'}}
  %q = seq.quantize %x, %s : (tensor<4x16xf32>, tensor<4xf32>) -> tensor<4x16xi4>
  return %q : tensor<4x16xi4>
}

// -----

func.func @quantize_packed_8_bits(%x: tensor<4x16xf32>, %s: tensor<4xf32>) -> tensor<4x8xi8> {
  // expected-error @+1 {{'seq.quantize' op packed storage needs bits = 4, got 8}}
  %q = seq.quantize %x, %s {packed} : (tensor<4x16xf32>, tensor<4xf32>) -> tensor<4x8xi8>
  return %q : tensor<4x8xi8>
}

// -----

func.func @quantize_packed_odd_dim(%x: tensor<4x15xf32>, %s: tensor<4xf32>) -> tensor<4x7xi8> {
  // expected-error @+1 {{'seq.quantize' op packed int4 needs an even last dim K, got 15}}
  %q = seq.quantize %x, %s {bits = 4 : i64, packed} : (tensor<4x15xf32>, tensor<4xf32>) -> tensor<4x7xi8>
  return %q : tensor<4x7xi8>
}

// -----

func.func @quantize_group_size_zero(%x: tensor<4x16xf32>, %s: tensor<4x2xf32>) -> tensor<4x16xi8> {
  // expected-error @+1 {{'seq.quantize' op group_size must be at least 1, got 0}}
  %q = seq.quantize %x, %s {group_size = 0 : i64} : (tensor<4x16xf32>, tensor<4x2xf32>) -> tensor<4x16xi8>
  return %q : tensor<4x16xi8>
}

// -----

func.func @quantize_group_size_negative(%x: tensor<4x16xf32>, %s: tensor<4x2xf32>) -> tensor<4x16xi8> {
  // expected-error @+1 {{'seq.quantize' op group_size must be at least 1, got -8}}
  %q = seq.quantize %x, %s {group_size = -8 : i64} : (tensor<4x16xf32>, tensor<4x2xf32>) -> tensor<4x16xi8>
  return %q : tensor<4x16xi8>
}

// -----

func.func @quantize_group_size_divide(%x: tensor<4x16xf32>, %s: tensor<4x2xf32>) -> tensor<4x16xi8> {
  // expected-error @+1 {{'seq.quantize' op group_size = 6 must divide the last dim K = 16}}
  %q = seq.quantize %x, %s {group_size = 6 : i64} : (tensor<4x16xf32>, tensor<4x2xf32>) -> tensor<4x16xi8>
  return %q : tensor<4x16xi8>
}

// -----

func.func @quantize_grouped_scale_rank(%x: tensor<4x16xf32>, %s: tensor<4xf32>) -> tensor<4x16xi8> {
  // expected-error @+1 {{'seq.quantize' op operand `scale` must have rank 2 ([..., K/group_size] = [4, 2]), got rank 1}}
  %q = seq.quantize %x, %s {group_size = 8 : i64} : (tensor<4x16xf32>, tensor<4xf32>) -> tensor<4x16xi8>
  return %q : tensor<4x16xi8>
}

// -----

func.func @quantize_grouped_scale_per_tensor(%x: tensor<4x16xf32>, %s: tensor<f32>) -> tensor<4x16xi8> {
  // expected-error @+1 {{'seq.quantize' op operand `scale` must have rank 2 ([..., K/group_size] = [4, 2]), got rank 0}}
  %q = seq.quantize %x, %s {group_size = 8 : i64} : (tensor<4x16xf32>, tensor<f32>) -> tensor<4x16xi8>
  return %q : tensor<4x16xi8>
}

// -----

func.func @quantize_grouped_scale_groups(%x: tensor<4x16xf32>, %s: tensor<4x4xf32>) -> tensor<4x16xi8> {
  // expected-error @+1 {{'seq.quantize' op operand `scale` must have shape [..., K/group_size] = [4, 2], got [4, 4]}}
  %q = seq.quantize %x, %s {group_size = 8 : i64} : (tensor<4x16xf32>, tensor<4x4xf32>) -> tensor<4x16xi8>
  return %q : tensor<4x16xi8>
}

// -----

func.func @quantize_grouped_scale_rows(%x: tensor<4x16xf32>, %s: tensor<8x2xf32>) -> tensor<4x16xi8> {
  // expected-error @+1 {{'seq.quantize' op operand `scale` must have shape [..., K/group_size] = [4, 2], got [8, 2]}}
  %q = seq.quantize %x, %s {group_size = 8 : i64} : (tensor<4x16xf32>, tensor<8x2xf32>) -> tensor<4x16xi8>
  return %q : tensor<4x16xi8>
}

// -----

// Packing halves the stored dim, not the K that groups are counted in.
func.func @quantize_packed_grouped_scale_groups(%x: tensor<4x16xf32>, %s: tensor<4x1xf32>) -> tensor<4x8xi8> {
  // expected-error @+1 {{'seq.quantize' op operand `scale` must have shape [..., K/group_size] = [4, 2], got [4, 1]}}
  %q = seq.quantize %x, %s {bits = 4 : i64, group_size = 8 : i64, packed} : (tensor<4x16xf32>, tensor<4x1xf32>) -> tensor<4x8xi8>
  return %q : tensor<4x8xi8>
}

// -----

func.func @quantize_per_row_scale_rank(%x: tensor<2x4x16xf32>, %s: tensor<8xf32>) -> tensor<2x4x16xi8> {
  // expected-error @+1 {{'seq.quantize' op operand `scale` must have rank 2 ([...] = [2, 4]), got rank 1}}
  %q = seq.quantize %x, %s : (tensor<2x4x16xf32>, tensor<8xf32>) -> tensor<2x4x16xi8>
  return %q : tensor<2x4x16xi8>
}

// -----

func.func @quantize_per_row_scale_rows(%x: tensor<2x4x16xf32>, %s: tensor<2x16xf32>) -> tensor<2x4x16xi8> {
  // expected-error @+1 {{'seq.quantize' op operand `scale` must have shape [...] = [2, 4], got [2, 16]}}
  %q = seq.quantize %x, %s : (tensor<2x4x16xf32>, tensor<2x16xf32>) -> tensor<2x4x16xi8>
  return %q : tensor<2x4x16xi8>
}

// -----

// A 1-D input has no rows: its per-row scale is the per-tensor one.
func.func @quantize_per_row_scale_1d_input(%x: tensor<16xf32>, %s: tensor<4xf32>) -> tensor<16xi8> {
  // expected-error @+1 {{'seq.quantize' op operand `scale` must have rank 0 ([...] = []), got rank 1}}
  %q = seq.quantize %x, %s : (tensor<16xf32>, tensor<4xf32>) -> tensor<16xi8>
  return %q : tensor<16xi8>
}

// -----

func.func @quantize_output_shape(%x: tensor<4x16xf32>, %s: tensor<4xf32>) -> tensor<4x8xi8> {
  // expected-error @+1 {{'seq.quantize' op result `output` must have shape [..., K] = [4, 16], got [4, 8]}}
  %q = seq.quantize %x, %s : (tensor<4x16xf32>, tensor<4xf32>) -> tensor<4x8xi8>
  return %q : tensor<4x8xi8>
}

// -----

func.func @quantize_packed_output_shape(%x: tensor<4x16xf32>, %s: tensor<4xf32>) -> tensor<4x16xi8> {
  // expected-error @+1 {{'seq.quantize' op result `output` must have shape [..., K/2] = [4, 8], got [4, 16]}}
  %q = seq.quantize %x, %s {bits = 4 : i64, packed} : (tensor<4x16xf32>, tensor<4xf32>) -> tensor<4x16xi8>
  return %q : tensor<4x16xi8>
}

// -----

// K is dynamic in the input; only the output gives K = 16.
func.func @quantize_group_size_divide_output_dim(%x: tensor<4x?xf32>, %s: tensor<4x3xf32>) -> tensor<4x16xi8> {
  // expected-error @+1 {{'seq.quantize' op group_size = 5 must divide the last dim K = 16}}
  %q = seq.quantize %x, %s {group_size = 5 : i64} : (tensor<4x?xf32>, tensor<4x3xf32>) -> tensor<4x16xi8>
  return %q : tensor<4x16xi8>
}

// -----

// K is dynamic in the input; the packed output gives K = 2 * 7 = 14.
func.func @quantize_group_size_divide_packed_output_dim(%x: tensor<4x?xf32>, %s: tensor<4x3xf32>) -> tensor<4x7xi8> {
  // expected-error @+1 {{'seq.quantize' op group_size = 5 must divide the last dim K = 14}}
  %q = seq.quantize %x, %s {bits = 4 : i64, group_size = 5 : i64, packed} : (tensor<4x?xf32>, tensor<4x3xf32>) -> tensor<4x7xi8>
  return %q : tensor<4x7xi8>
}

// -----

//===----------------------------------------------------------------------===//
// seq.dequantize
//===----------------------------------------------------------------------===//

func.func @dequantize_bits(%q: tensor<4x16xi8>, %s: tensor<4xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{'seq.dequantize' op bits must be 4 or 8, got 16}}
  %x = seq.dequantize %q, %s {bits = 16 : i64} : (tensor<4x16xi8>, tensor<4xf32>) -> tensor<4x16xf32>
  return %x : tensor<4x16xf32>
}

// -----

func.func @dequantize_input_not_i8(%q: tensor<4x16xi32>, %s: tensor<4xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{'seq.dequantize' op operand #0 must be ranked tensor of 8-bit signless integer values, but got 'tensor<4x16xi32>'}}
  %x = seq.dequantize %q, %s : (tensor<4x16xi32>, tensor<4xf32>) -> tensor<4x16xf32>
  return %x : tensor<4x16xf32>
}

// -----

func.func @dequantize_output_not_float(%q: tensor<4x16xi8>, %s: tensor<4xf32>) -> tensor<4x16xi32> {
  // expected-error @+1 {{'seq.dequantize' op result #0 must be ranked tensor of floating-point values, but got 'tensor<4x16xi32>'}}
  %x = seq.dequantize %q, %s : (tensor<4x16xi8>, tensor<4xf32>) -> tensor<4x16xi32>
  return %x : tensor<4x16xi32>
}

// -----

func.func @dequantize_output_rank(%q: tensor<i8>, %s: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{'seq.dequantize' op result `output` must have rank >= 1 ([..., K] = [..., ?]), got rank 0}}
  %x = seq.dequantize %q, %s : (tensor<i8>, tensor<f32>) -> tensor<f32>
  return %x : tensor<f32>
}

// -----

func.func @dequantize_packed_8_bits(%q: tensor<4x8xi8>, %s: tensor<4xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{'seq.dequantize' op packed storage needs bits = 4, got 8}}
  %x = seq.dequantize %q, %s {packed} : (tensor<4x8xi8>, tensor<4xf32>) -> tensor<4x16xf32>
  return %x : tensor<4x16xf32>
}

// -----

func.func @dequantize_packed_odd_dim(%q: tensor<4x7xi8>, %s: tensor<4xf32>) -> tensor<4x15xf32> {
  // expected-error @+1 {{'seq.dequantize' op packed int4 needs an even last dim K, got 15}}
  %x = seq.dequantize %q, %s {bits = 4 : i64, packed} : (tensor<4x7xi8>, tensor<4xf32>) -> tensor<4x15xf32>
  return %x : tensor<4x15xf32>
}

// -----

func.func @dequantize_input_rank(%q: tensor<64xi8>, %s: tensor<4xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{'seq.dequantize' op operand `input` must have rank 2 ([..., K] = [4, 16]), got rank 1}}
  %x = seq.dequantize %q, %s : (tensor<64xi8>, tensor<4xf32>) -> tensor<4x16xf32>
  return %x : tensor<4x16xf32>
}

// -----

func.func @dequantize_input_rows(%q: tensor<2x16xi8>, %s: tensor<4xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{'seq.dequantize' op operand `input` must have shape [..., K] = [4, 16], got [2, 16]}}
  %x = seq.dequantize %q, %s : (tensor<2x16xi8>, tensor<4xf32>) -> tensor<4x16xf32>
  return %x : tensor<4x16xf32>
}

// -----

func.func @dequantize_input_dim(%q: tensor<4x8xi8>, %s: tensor<4xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{'seq.dequantize' op operand `input` must have shape [..., K] = [4, 16], got [4, 8]}}
  %x = seq.dequantize %q, %s : (tensor<4x8xi8>, tensor<4xf32>) -> tensor<4x16xf32>
  return %x : tensor<4x16xf32>
}

// -----

func.func @dequantize_packed_input_dim(%q: tensor<4x16xi8>, %s: tensor<4xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{'seq.dequantize' op operand `input` must have shape [..., K/2] = [4, 8], got [4, 16]}}
  %x = seq.dequantize %q, %s {bits = 4 : i64, packed} : (tensor<4x16xi8>, tensor<4xf32>) -> tensor<4x16xf32>
  return %x : tensor<4x16xf32>
}

// -----

func.func @dequantize_group_size_zero(%q: tensor<4x16xi8>, %s: tensor<4x2xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{'seq.dequantize' op group_size must be at least 1, got 0}}
  %x = seq.dequantize %q, %s {group_size = 0 : i64} : (tensor<4x16xi8>, tensor<4x2xf32>) -> tensor<4x16xf32>
  return %x : tensor<4x16xf32>
}

// -----

func.func @dequantize_group_size_divide(%q: tensor<4x16xi8>, %s: tensor<4x2xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{'seq.dequantize' op group_size = 5 must divide the last dim K = 16}}
  %x = seq.dequantize %q, %s {group_size = 5 : i64} : (tensor<4x16xi8>, tensor<4x2xf32>) -> tensor<4x16xf32>
  return %x : tensor<4x16xf32>
}

// -----

// K is dynamic in the output; the packed input gives K = 2 * 6 = 12.
func.func @dequantize_group_size_divide_packed_input(%q: tensor<4x6xi8>, %s: tensor<4x2xf32>) -> tensor<4x?xf32> {
  // expected-error @+1 {{'seq.dequantize' op group_size = 8 must divide the last dim K = 12}}
  %x = seq.dequantize %q, %s {bits = 4 : i64, group_size = 8 : i64, packed} : (tensor<4x6xi8>, tensor<4x2xf32>) -> tensor<4x?xf32>
  return %x : tensor<4x?xf32>
}

// -----

func.func @dequantize_grouped_scale_groups(%q: tensor<4x16xi8>, %s: tensor<4x4xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{'seq.dequantize' op operand `scale` must have shape [..., K/group_size] = [4, 2], got [4, 4]}}
  %x = seq.dequantize %q, %s {group_size = 8 : i64} : (tensor<4x16xi8>, tensor<4x4xf32>) -> tensor<4x16xf32>
  return %x : tensor<4x16xf32>
}

// -----

// K is dynamic in the output; the packed input gives K = 2 * 8 = 16.
func.func @dequantize_grouped_scale_groups_packed_input(%q: tensor<4x8xi8>, %s: tensor<4x4xf32>) -> tensor<4x?xf32> {
  // expected-error @+1 {{'seq.dequantize' op operand `scale` must have shape [..., K/group_size] = [4, 2], got [4, 4]}}
  %x = seq.dequantize %q, %s {bits = 4 : i64, group_size = 8 : i64, packed} : (tensor<4x8xi8>, tensor<4x4xf32>) -> tensor<4x?xf32>
  return %x : tensor<4x?xf32>
}

// -----

func.func @dequantize_grouped_scale_rank(%q: tensor<4x16xi8>, %s: tensor<2xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{'seq.dequantize' op operand `scale` must have rank 2 ([..., K/group_size] = [4, 2]), got rank 1}}
  %x = seq.dequantize %q, %s {group_size = 8 : i64} : (tensor<4x16xi8>, tensor<2xf32>) -> tensor<4x16xf32>
  return %x : tensor<4x16xf32>
}

// -----

func.func @dequantize_per_row_scale_rank(%q: tensor<4x16xi8>, %s: tensor<4x1xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{'seq.dequantize' op operand `scale` must have rank 1 ([...] = [4]), got rank 2}}
  %x = seq.dequantize %q, %s : (tensor<4x16xi8>, tensor<4x1xf32>) -> tensor<4x16xf32>
  return %x : tensor<4x16xf32>
}

// -----

func.func @dequantize_per_row_scale_rows(%q: tensor<4x16xi8>, %s: tensor<16xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{'seq.dequantize' op operand `scale` must have shape [...] = [4], got [16]}}
  %x = seq.dequantize %q, %s : (tensor<4x16xi8>, tensor<16xf32>) -> tensor<4x16xf32>
  return %x : tensor<4x16xf32>
}

// -----

//===----------------------------------------------------------------------===//
// seq.qmatmul
//===----------------------------------------------------------------------===//

func.func @qmatmul_weight_bits(%x: tensor<2x16xf32>, %w: tensor<8x16xi8>, %ws: tensor<8xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'seq.qmatmul' op weight_bits must be 4 or 8, got 2}}
  %y = seq.qmatmul %x, %w, %ws {weight_bits = 2 : i64} : (tensor<2x16xf32>, tensor<8x16xi8>, tensor<8xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

func.func @qmatmul_x_rank(%x: tensor<f32>, %w: tensor<8x16xi8>, %ws: tensor<8xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{'seq.qmatmul' op operand `x` must have rank >= 1 ([..., K] = [..., ?]), got rank 0}}
  %y = seq.qmatmul %x, %w, %ws : (tensor<f32>, tensor<8x16xi8>, tensor<8xf32>) -> tensor<8xf32>
  return %y : tensor<8xf32>
}

// -----

func.func @qmatmul_x_type(%x: tensor<2x16xi32>, %w: tensor<8x16xi8>, %ws: tensor<8xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'seq.qmatmul' op operand #0 must be ranked tensor of floating-point or 8-bit signless integer values, but got 'tensor<2x16xi32>'}}
  %y = seq.qmatmul %x, %w, %ws : (tensor<2x16xi32>, tensor<8x16xi8>, tensor<8xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

func.func @qmatmul_weight_not_i8(%x: tensor<2x16xf32>, %w: tensor<8x16xf32>, %ws: tensor<8xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'seq.qmatmul' op operand #1 must be ranked tensor of 8-bit signless integer values, but got 'tensor<8x16xf32>'}}
  %y = seq.qmatmul %x, %w, %ws : (tensor<2x16xf32>, tensor<8x16xf32>, tensor<8xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

func.func @qmatmul_int4_odd_dim(%x: tensor<2x15xf32>, %w: tensor<8x8xi8>, %ws: tensor<8xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'seq.qmatmul' op packed int4 needs an even last dim K, got 15}}
  %y = seq.qmatmul %x, %w, %ws {weight_bits = 4 : i64} : (tensor<2x15xf32>, tensor<8x8xi8>, tensor<8xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

func.func @qmatmul_weight_rank(%x: tensor<2x16xf32>, %w: tensor<128xi8>, %ws: tensor<8xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'seq.qmatmul' op operand `weight` must have rank 2 ([N, K] = [?, 16]), got rank 1}}
  %y = seq.qmatmul %x, %w, %ws : (tensor<2x16xf32>, tensor<128xi8>, tensor<8xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

func.func @qmatmul_weight_dim(%x: tensor<2x16xf32>, %w: tensor<8x8xi8>, %ws: tensor<8xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'seq.qmatmul' op operand `weight` must have shape [N, K] = [?, 16], got [8, 8]}}
  %y = seq.qmatmul %x, %w, %ws : (tensor<2x16xf32>, tensor<8x8xi8>, tensor<8xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

func.func @qmatmul_int4_weight_dim(%x: tensor<2x16xf32>, %w: tensor<8x16xi8>, %ws: tensor<8xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'seq.qmatmul' op operand `weight` must have shape [N, K/2] = [?, 8], got [8, 16]}}
  %y = seq.qmatmul %x, %w, %ws {weight_bits = 4 : i64} : (tensor<2x16xf32>, tensor<8x16xi8>, tensor<8xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

func.func @qmatmul_group_size_zero(%x: tensor<2x16xf32>, %w: tensor<8x16xi8>, %ws: tensor<8x2xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'seq.qmatmul' op group_size must be at least 1, got 0}}
  %y = seq.qmatmul %x, %w, %ws {group_size = 0 : i64} : (tensor<2x16xf32>, tensor<8x16xi8>, tensor<8x2xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

func.func @qmatmul_group_size_divide(%x: tensor<2x16xf32>, %w: tensor<8x16xi8>, %ws: tensor<8x2xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'seq.qmatmul' op group_size = 3 must divide the last dim K = 16}}
  %y = seq.qmatmul %x, %w, %ws {group_size = 3 : i64} : (tensor<2x16xf32>, tensor<8x16xi8>, tensor<8x2xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

// K is dynamic in x; the int4 weight gives K = 2 * 5 = 10.
func.func @qmatmul_group_size_divide_int4_weight(%x: tensor<2x?xf32>, %w: tensor<8x5xi8>, %ws: tensor<8x2xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'seq.qmatmul' op group_size = 4 must divide the last dim K = 10}}
  %y = seq.qmatmul %x, %w, %ws {weight_bits = 4 : i64, group_size = 4 : i64} : (tensor<2x?xf32>, tensor<8x5xi8>, tensor<8x2xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

func.func @qmatmul_weight_scale_rank(%x: tensor<2x16xf32>, %w: tensor<8x16xi8>, %ws: tensor<8x1xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'seq.qmatmul' op operand `weight_scale` must have rank 1 ([N] = [8]), got rank 2}}
  %y = seq.qmatmul %x, %w, %ws : (tensor<2x16xf32>, tensor<8x16xi8>, tensor<8x1xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

func.func @qmatmul_weight_scale_channels(%x: tensor<2x16xf32>, %w: tensor<8x16xi8>, %ws: tensor<16xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'seq.qmatmul' op operand `weight_scale` must have shape [N] = [8], got [16]}}
  %y = seq.qmatmul %x, %w, %ws : (tensor<2x16xf32>, tensor<8x16xi8>, tensor<16xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

func.func @qmatmul_grouped_weight_scale_rank(%x: tensor<2x16xf32>, %w: tensor<8x16xi8>, %ws: tensor<8xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'seq.qmatmul' op operand `weight_scale` must have rank 2 ([N, K/group_size] = [8, 2]), got rank 1}}
  %y = seq.qmatmul %x, %w, %ws {group_size = 8 : i64} : (tensor<2x16xf32>, tensor<8x16xi8>, tensor<8xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

func.func @qmatmul_grouped_weight_scale_groups(%x: tensor<2x16xf32>, %w: tensor<8x16xi8>, %ws: tensor<8x4xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'seq.qmatmul' op operand `weight_scale` must have shape [N, K/group_size] = [8, 2], got [8, 4]}}
  %y = seq.qmatmul %x, %w, %ws {group_size = 8 : i64} : (tensor<2x16xf32>, tensor<8x16xi8>, tensor<8x4xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

// Groups are counted in the logical K = 16, not in the 8 stored bytes.
func.func @qmatmul_int4_grouped_weight_scale_groups(%x: tensor<2x16xf32>, %w: tensor<8x8xi8>, %ws: tensor<8x1xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'seq.qmatmul' op operand `weight_scale` must have shape [N, K/group_size] = [8, 2], got [8, 1]}}
  %y = seq.qmatmul %x, %w, %ws {weight_bits = 4 : i64, group_size = 8 : i64} : (tensor<2x16xf32>, tensor<8x8xi8>, tensor<8x1xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

func.func @qmatmul_grouped_weight_scale_channels(%x: tensor<2x16xf32>, %w: tensor<8x16xi8>, %ws: tensor<4x2xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'seq.qmatmul' op operand `weight_scale` must have shape [N, K/group_size] = [8, 2], got [4, 2]}}
  %y = seq.qmatmul %x, %w, %ws {group_size = 8 : i64} : (tensor<2x16xf32>, tensor<8x16xi8>, tensor<4x2xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

func.func @qmatmul_i8_input_without_scale(%x: tensor<2x16xi8>, %w: tensor<8x16xi8>, %ws: tensor<8xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'seq.qmatmul' op an i8 input `x` needs an `input_scale` operand}}
  %y = seq.qmatmul %x, %w, %ws : (tensor<2x16xi8>, tensor<8x16xi8>, tensor<8xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

func.func @qmatmul_float_input_with_scale(%x: tensor<2x16xf32>, %w: tensor<8x16xi8>, %ws: tensor<8xf32>, %xs: tensor<f32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'seq.qmatmul' op a float input `x` takes no `input_scale` operand (the weights are dequantized)}}
  %y = seq.qmatmul %x, %w, %ws input_scale(%xs) : (tensor<2x16xf32>, tensor<8x16xi8>, tensor<8xf32>, tensor<f32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

func.func @qmatmul_input_scale_rank(%x: tensor<2x3x16xi8>, %w: tensor<8x16xi8>, %ws: tensor<8xf32>, %xs: tensor<6xf32>) -> tensor<2x3x8xf32> {
  // expected-error @+1 {{'seq.qmatmul' op operand `input_scale` must have rank 2 ([...] = [2, 3]), got rank 1}}
  %y = seq.qmatmul %x, %w, %ws input_scale(%xs) : (tensor<2x3x16xi8>, tensor<8x16xi8>, tensor<8xf32>, tensor<6xf32>) -> tensor<2x3x8xf32>
  return %y : tensor<2x3x8xf32>
}

// -----

func.func @qmatmul_input_scale_tokens(%x: tensor<2x3x16xi8>, %w: tensor<8x16xi8>, %ws: tensor<8xf32>, %xs: tensor<2x4xf32>) -> tensor<2x3x8xf32> {
  // expected-error @+1 {{'seq.qmatmul' op operand `input_scale` must have shape [...] = [2, 3], got [2, 4]}}
  %y = seq.qmatmul %x, %w, %ws input_scale(%xs) : (tensor<2x3x16xi8>, tensor<8x16xi8>, tensor<8xf32>, tensor<2x4xf32>) -> tensor<2x3x8xf32>
  return %y : tensor<2x3x8xf32>
}

// -----

func.func @qmatmul_bias_rank(%x: tensor<2x16xf32>, %w: tensor<8x16xi8>, %ws: tensor<8xf32>, %b: tensor<1x8xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'seq.qmatmul' op operand `bias` must have rank 1 ([N] = [8]), got rank 2}}
  %y = seq.qmatmul %x, %w, %ws bias(%b) : (tensor<2x16xf32>, tensor<8x16xi8>, tensor<8xf32>, tensor<1x8xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

func.func @qmatmul_bias_channels(%x: tensor<2x16xf32>, %w: tensor<8x16xi8>, %ws: tensor<8xf32>, %b: tensor<16xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'seq.qmatmul' op operand `bias` must have shape [N] = [8], got [16]}}
  %y = seq.qmatmul %x, %w, %ws bias(%b) : (tensor<2x16xf32>, tensor<8x16xi8>, tensor<8xf32>, tensor<16xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

func.func @qmatmul_y_channels(%x: tensor<2x16xf32>, %w: tensor<8x16xi8>, %ws: tensor<8xf32>) -> tensor<2x16xf32> {
  // expected-error @+1 {{'seq.qmatmul' op result `y` must have shape [..., N] = [2, 8], got [2, 16]}}
  %y = seq.qmatmul %x, %w, %ws : (tensor<2x16xf32>, tensor<8x16xi8>, tensor<8xf32>) -> tensor<2x16xf32>
  return %y : tensor<2x16xf32>
}

// -----

// N is dynamic in the weight; the weight scale gives N = 8.
func.func @qmatmul_y_channels_bound_by_weight_scale(%x: tensor<2x16xf32>, %w: tensor<?x16xi8>, %ws: tensor<8xf32>) -> tensor<2x9xf32> {
  // expected-error @+1 {{'seq.qmatmul' op result `y` must have shape [..., N] = [2, 8], got [2, 9]}}
  %y = seq.qmatmul %x, %w, %ws : (tensor<2x16xf32>, tensor<?x16xi8>, tensor<8xf32>) -> tensor<2x9xf32>
  return %y : tensor<2x9xf32>
}

// -----

func.func @qmatmul_y_leading_dims(%x: tensor<2x3x16xf32>, %w: tensor<8x16xi8>, %ws: tensor<8xf32>) -> tensor<6x8xf32> {
  // expected-error @+1 {{'seq.qmatmul' op result `y` must have rank 3 ([..., N] = [2, 3, 8]), got rank 2}}
  %y = seq.qmatmul %x, %w, %ws : (tensor<2x3x16xf32>, tensor<8x16xi8>, tensor<8xf32>) -> tensor<6x8xf32>
  return %y : tensor<6x8xf32>
}

// -----

// x's leading dim is dynamic; the per-token input scale gives 2.
func.func @qmatmul_y_leading_dims_bound_by_input_scale(%x: tensor<?x16xi8>, %w: tensor<8x16xi8>, %ws: tensor<8xf32>, %xs: tensor<2xf32>) -> tensor<3x8xf32> {
  // expected-error @+1 {{'seq.qmatmul' op result `y` must have shape [..., N] = [2, 8], got [3, 8]}}
  %y = seq.qmatmul %x, %w, %ws input_scale(%xs) : (tensor<?x16xi8>, tensor<8x16xi8>, tensor<8xf32>, tensor<2xf32>) -> tensor<3x8xf32>
  return %y : tensor<3x8xf32>
}

// -----

// A float input keeps its element type.
func.func @qmatmul_float_input_y_element_type(%x: tensor<2x16xf16>, %w: tensor<8x16xi8>, %ws: tensor<8xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'seq.qmatmul' op result `y` must have the element type of `x` ('f16'), got 'f32'}}
  %y = seq.qmatmul %x, %w, %ws : (tensor<2x16xf16>, tensor<8x16xi8>, tensor<8xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

// An i8 input is rescaled into f32.
func.func @qmatmul_i8_input_y_element_type(%x: tensor<2x16xi8>, %w: tensor<8x16xi8>, %ws: tensor<8xf32>, %xs: tensor<f32>) -> tensor<2x8xf16> {
  // expected-error @+1 {{'seq.qmatmul' op result `y` must have element type 'f32', got 'f16'}}
  %y = seq.qmatmul %x, %w, %ws input_scale(%xs) : (tensor<2x16xi8>, tensor<8x16xi8>, tensor<8xf32>, tensor<f32>) -> tensor<2x8xf16>
  return %y : tensor<2x8xf16>
}
