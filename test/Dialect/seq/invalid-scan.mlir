// RUN: seqc-opt %s --split-input-file --verify-diagnostics

// Invalid IR for the Mamba-1 selective scan (seq.selective_scan,
// seq.selective_scan_step) and the Mamba-2 SSD scan (seq.ssd, seq.ssd_step):
// one case per verifier rule (docs/ops.md, sections 1 and 2).
//
// Sizes used throughout the selective-scan cases: B = 2, D = 8, L = 16,
// N = 4, G = 2. SSD cases: B = 2, L = 16, H = 4, P = 8, G = 2, N = 6.

//===----------------------------------------------------------------------===//
// seq.selective_scan
//===----------------------------------------------------------------------===//

func.func @scan_float_operands_only(%u: tensor<2x8x16xi32>, %dt: tensor<2x8x16xf32>, %A: tensor<8x4xf32>, %B: tensor<2x2x4x16xf32>) {
  // expected-error @+1 {{'seq.selective_scan' op operand #0 must be ranked tensor of floating-point values, but got 'tensor<2x8x16xi32>'}}
  %y = seq.selective_scan %u, %dt, %A, %B, %B : (tensor<2x8x16xi32>, tensor<2x8x16xf32>, tensor<8x4xf32>, tensor<2x2x4x16xf32>, tensor<2x2x4x16xf32>) -> tensor<2x8x16xf32>
  return
}

// -----

func.func @scan_u_rank(%u: tensor<2x8xf32>, %dt: tensor<2x8x16xf32>, %A: tensor<8x4xf32>, %B: tensor<2x2x4x16xf32>) {
  // expected-error @+1 {{'seq.selective_scan' op operand `u` must have rank 3 ([B, D, L] = [?, ?, ?]), got rank 2}}
  %y = seq.selective_scan %u, %dt, %A, %B, %B : (tensor<2x8xf32>, tensor<2x8x16xf32>, tensor<8x4xf32>, tensor<2x2x4x16xf32>, tensor<2x2x4x16xf32>) -> tensor<2x8x16xf32>
  return
}

// -----

func.func @scan_delta_length(%u: tensor<2x8x16xf32>, %dt: tensor<2x8x15xf32>, %A: tensor<8x4xf32>, %B: tensor<2x2x4x16xf32>) {
  // expected-error @+1 {{'seq.selective_scan' op operand `delta` must have shape [B, D, L] = [2, 8, 16], got [2, 8, 15]}}
  %y = seq.selective_scan %u, %dt, %A, %B, %B : (tensor<2x8x16xf32>, tensor<2x8x15xf32>, tensor<8x4xf32>, tensor<2x2x4x16xf32>, tensor<2x2x4x16xf32>) -> tensor<2x8x16xf32>
  return
}

// -----

func.func @scan_delta_rank(%u: tensor<2x8x16xf32>, %dt: tensor<2x8x16x1xf32>, %A: tensor<8x4xf32>, %B: tensor<2x2x4x16xf32>) {
  // expected-error @+1 {{'seq.selective_scan' op operand `delta` must have rank 3 ([B, D, L] = [2, 8, 16]), got rank 4}}
  %y = seq.selective_scan %u, %dt, %A, %B, %B : (tensor<2x8x16xf32>, tensor<2x8x16x1xf32>, tensor<8x4xf32>, tensor<2x2x4x16xf32>, tensor<2x2x4x16xf32>) -> tensor<2x8x16xf32>
  return
}

// -----

func.func @scan_A_channels(%u: tensor<2x8x16xf32>, %A: tensor<4x4xf32>, %B: tensor<2x2x4x16xf32>) {
  // expected-error @+1 {{'seq.selective_scan' op operand `A` must have shape [D, N] = [8, ?], got [4, 4]}}
  %y = seq.selective_scan %u, %u, %A, %B, %B : (tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<4x4xf32>, tensor<2x2x4x16xf32>, tensor<2x2x4x16xf32>) -> tensor<2x8x16xf32>
  return
}

// -----

func.func @scan_A_rank(%u: tensor<2x8x16xf32>, %A: tensor<8xf32>, %B: tensor<2x2x4x16xf32>) {
  // expected-error @+1 {{'seq.selective_scan' op operand `A` must have rank 2 ([D, N] = [8, ?]), got rank 1}}
  %y = seq.selective_scan %u, %u, %A, %B, %B : (tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<8xf32>, tensor<2x2x4x16xf32>, tensor<2x2x4x16xf32>) -> tensor<2x8x16xf32>
  return
}

// -----

func.func @scan_B_rank(%u: tensor<2x8x16xf32>, %A: tensor<8x4xf32>, %B: tensor<2x4x16xf32>, %C: tensor<2x2x4x16xf32>) {
  // expected-error @+1 {{'seq.selective_scan' op operand `B` must have rank 4 ([B, G, N, L], time-varying) or rank 2 ([D, N], time-invariant), got rank 3}}
  %y = seq.selective_scan %u, %u, %A, %B, %C : (tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<8x4xf32>, tensor<2x4x16xf32>, tensor<2x2x4x16xf32>) -> tensor<2x8x16xf32>
  return
}

// -----

func.func @scan_B_state_size(%u: tensor<2x8x16xf32>, %A: tensor<8x4xf32>, %B: tensor<2x2x5x16xf32>, %C: tensor<2x2x4x16xf32>) {
  // expected-error @+1 {{'seq.selective_scan' op operand `B` must have shape [B, G, N, L] = [2, ?, 4, 16], got [2, 2, 5, 16]}}
  %y = seq.selective_scan %u, %u, %A, %B, %C : (tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<8x4xf32>, tensor<2x2x5x16xf32>, tensor<2x2x4x16xf32>) -> tensor<2x8x16xf32>
  return
}

// -----

func.func @scan_B_batch(%u: tensor<2x8x16xf32>, %A: tensor<8x4xf32>, %B: tensor<3x2x4x16xf32>, %C: tensor<2x2x4x16xf32>) {
  // expected-error @+1 {{'seq.selective_scan' op operand `B` must have shape [B, G, N, L] = [2, ?, 4, 16], got [3, 2, 4, 16]}}
  %y = seq.selective_scan %u, %u, %A, %B, %C : (tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<8x4xf32>, tensor<3x2x4x16xf32>, tensor<2x2x4x16xf32>) -> tensor<2x8x16xf32>
  return
}

// -----

func.func @scan_B_time_invariant_shape(%u: tensor<2x8x16xf32>, %A: tensor<8x4xf32>, %B: tensor<8x5xf32>) {
  // expected-error @+1 {{'seq.selective_scan' op operand `B` must have shape [D, N] = [8, 4], got [8, 5]}}
  %y = seq.selective_scan %u, %u, %A, %B, %B : (tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<8x4xf32>, tensor<8x5xf32>, tensor<8x5xf32>) -> tensor<2x8x16xf32>
  return
}

// -----

func.func @scan_C_rank(%u: tensor<2x8x16xf32>, %A: tensor<8x4xf32>, %B: tensor<2x2x4x16xf32>, %C: tensor<4xf32>) {
  // expected-error @+1 {{'seq.selective_scan' op operand `C` must have rank 4 ([B, G, N, L], time-varying) or rank 2 ([D, N], time-invariant), got rank 1}}
  %y = seq.selective_scan %u, %u, %A, %B, %C : (tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<8x4xf32>, tensor<2x2x4x16xf32>, tensor<4xf32>) -> tensor<2x8x16xf32>
  return
}

// -----

func.func @scan_C_groups_differ_from_B(%u: tensor<2x8x16xf32>, %A: tensor<8x4xf32>, %B: tensor<2x2x4x16xf32>, %C: tensor<2x4x4x16xf32>) {
  // expected-error @+1 {{'seq.selective_scan' op operand `C` must have shape [B, G, N, L] = [2, 2, 4, 16], got [2, 4, 4, 16]}}
  %y = seq.selective_scan %u, %u, %A, %B, %C : (tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<8x4xf32>, tensor<2x2x4x16xf32>, tensor<2x4x4x16xf32>) -> tensor<2x8x16xf32>
  return
}

// -----

func.func @scan_C_time_invariant_shape(%u: tensor<2x8x16xf32>, %A: tensor<8x4xf32>, %B: tensor<2x2x4x16xf32>, %C: tensor<4x4xf32>) {
  // expected-error @+1 {{'seq.selective_scan' op operand `C` must have shape [D, N] = [8, 4], got [4, 4]}}
  %y = seq.selective_scan %u, %u, %A, %B, %C : (tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<8x4xf32>, tensor<2x2x4x16xf32>, tensor<4x4xf32>) -> tensor<2x8x16xf32>
  return
}

// -----

func.func @scan_groups_divide_channels(%u: tensor<2x8x16xf32>, %A: tensor<8x4xf32>, %B: tensor<2x3x4x16xf32>) {
  // expected-error @+1 {{'seq.selective_scan' op group count G = 3 must divide the channel count D = 8}}
  %y = seq.selective_scan %u, %u, %A, %B, %B : (tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<8x4xf32>, tensor<2x3x4x16xf32>, tensor<2x3x4x16xf32>) -> tensor<2x8x16xf32>
  return
}

// -----

// D is dynamic in u, delta and A; the `D` skip gives it, after B has bound G.
func.func @scan_groups_divide_channels_from_D_skip(%u: tensor<2x?x16xf32>, %A: tensor<?x4xf32>, %B: tensor<2x3x4x16xf32>, %D: tensor<8xf32>) {
  // expected-error @+1 {{'seq.selective_scan' op group count G = 3 must divide the channel count D = 8}}
  %y = seq.selective_scan %u, %u, %A, %B, %B D(%D) : (tensor<2x?x16xf32>, tensor<2x?x16xf32>, tensor<?x4xf32>, tensor<2x3x4x16xf32>, tensor<2x3x4x16xf32>, tensor<8xf32>) -> tensor<2x?x16xf32>
  return
}

// -----

// D is dynamic in every operand; only the result gives it.
func.func @scan_groups_divide_channels_from_out(%u: tensor<2x?x16xf32>, %A: tensor<?x4xf32>, %B: tensor<2x3x4x16xf32>) {
  // expected-error @+1 {{'seq.selective_scan' op group count G = 3 must divide the channel count D = 8}}
  %y = seq.selective_scan %u, %u, %A, %B, %B : (tensor<2x?x16xf32>, tensor<2x?x16xf32>, tensor<?x4xf32>, tensor<2x3x4x16xf32>, tensor<2x3x4x16xf32>) -> tensor<2x8x16xf32>
  return
}

// -----

func.func @scan_zero_groups(%u: tensor<2x8x16xf32>, %A: tensor<8x4xf32>, %B: tensor<2x0x4x16xf32>) {
  // expected-error @+1 {{'seq.selective_scan' op group count G must be at least 1, got 0}}
  %y = seq.selective_scan %u, %u, %A, %B, %B : (tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<8x4xf32>, tensor<2x0x4x16xf32>, tensor<2x0x4x16xf32>) -> tensor<2x8x16xf32>
  return
}

// -----

func.func @scan_D_skip_shape(%u: tensor<2x8x16xf32>, %A: tensor<8x4xf32>, %B: tensor<2x2x4x16xf32>, %D: tensor<4xf32>) {
  // expected-error @+1 {{'seq.selective_scan' op operand `D` must have shape [D] = [8], got [4]}}
  %y = seq.selective_scan %u, %u, %A, %B, %B D(%D) : (tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<8x4xf32>, tensor<2x2x4x16xf32>, tensor<2x2x4x16xf32>, tensor<4xf32>) -> tensor<2x8x16xf32>
  return
}

// -----

func.func @scan_D_skip_rank(%u: tensor<2x8x16xf32>, %A: tensor<8x4xf32>, %B: tensor<2x2x4x16xf32>, %D: tensor<8x1xf32>) {
  // expected-error @+1 {{'seq.selective_scan' op operand `D` must have rank 1 ([D] = [8]), got rank 2}}
  %y = seq.selective_scan %u, %u, %A, %B, %B D(%D) : (tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<8x4xf32>, tensor<2x2x4x16xf32>, tensor<2x2x4x16xf32>, tensor<8x1xf32>) -> tensor<2x8x16xf32>
  return
}

// -----

func.func @scan_z_shape(%u: tensor<2x8x16xf32>, %A: tensor<8x4xf32>, %B: tensor<2x2x4x16xf32>, %z: tensor<2x8x32xf32>) {
  // expected-error @+1 {{'seq.selective_scan' op operand `z` must have shape [B, D, L] = [2, 8, 16], got [2, 8, 32]}}
  %y = seq.selective_scan %u, %u, %A, %B, %B z(%z) : (tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<8x4xf32>, tensor<2x2x4x16xf32>, tensor<2x2x4x16xf32>, tensor<2x8x32xf32>) -> tensor<2x8x16xf32>
  return
}

// -----

func.func @scan_delta_bias_shape(%u: tensor<2x8x16xf32>, %A: tensor<8x4xf32>, %B: tensor<2x2x4x16xf32>, %bias: tensor<16xf32>) {
  // expected-error @+1 {{'seq.selective_scan' op operand `delta_bias` must have shape [D] = [8], got [16]}}
  %y = seq.selective_scan %u, %u, %A, %B, %B delta_bias(%bias) : (tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<8x4xf32>, tensor<2x2x4x16xf32>, tensor<2x2x4x16xf32>, tensor<16xf32>) -> tensor<2x8x16xf32>
  return
}

// -----

func.func @scan_initial_state_shape(%u: tensor<2x8x16xf32>, %A: tensor<8x4xf32>, %B: tensor<2x2x4x16xf32>, %h0: tensor<2x4x8xf32>) {
  // expected-error @+1 {{'seq.selective_scan' op operand `initial_state` must have shape [B, D, N] = [2, 8, 4], got [2, 4, 8]}}
  %y = seq.selective_scan %u, %u, %A, %B, %B initial_state(%h0) : (tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<8x4xf32>, tensor<2x2x4x16xf32>, tensor<2x2x4x16xf32>, tensor<2x4x8xf32>) -> tensor<2x8x16xf32>
  return
}

// -----

func.func @scan_out_shape(%u: tensor<2x8x16xf32>, %A: tensor<8x4xf32>, %B: tensor<2x2x4x16xf32>) {
  // expected-error @+1 {{'seq.selective_scan' op result `out` must have shape [B, D, L] = [2, 8, 16], got [2, 8, 4]}}
  %y = seq.selective_scan %u, %u, %A, %B, %B : (tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<8x4xf32>, tensor<2x2x4x16xf32>, tensor<2x2x4x16xf32>) -> tensor<2x8x4xf32>
  return
}

// -----

func.func @scan_final_state_shape(%u: tensor<2x8x16xf32>, %A: tensor<8x4xf32>, %B: tensor<2x2x4x16xf32>) {
  // expected-error @+1 {{'seq.selective_scan' op result `final_state` must have shape [B, D, N] = [2, 8, 4], got [2, 8, 16]}}
  %y, %h = seq.selective_scan %u, %u, %A, %B, %B : (tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<8x4xf32>, tensor<2x2x4x16xf32>, tensor<2x2x4x16xf32>) -> (tensor<2x8x16xf32>, tensor<2x8x16xf32>)
  return
}

// -----

func.func @scan_delta_element_type(%u: tensor<2x8x16xf32>, %dt: tensor<2x8x16xf16>, %A: tensor<8x4xf32>, %B: tensor<2x2x4x16xf32>) {
  // expected-error @+1 {{'seq.selective_scan' op operand `delta` must have the element type of `u` ('f32'), got 'f16'}}
  %y = seq.selective_scan %u, %dt, %A, %B, %B : (tensor<2x8x16xf32>, tensor<2x8x16xf16>, tensor<8x4xf32>, tensor<2x2x4x16xf32>, tensor<2x2x4x16xf32>) -> tensor<2x8x16xf32>
  return
}

// -----

func.func @scan_B_element_type(%u: tensor<2x8x16xf32>, %A: tensor<8x4xf32>, %B: tensor<2x2x4x16xbf16>, %C: tensor<2x2x4x16xf32>) {
  // expected-error @+1 {{'seq.selective_scan' op operand `B` must have the element type of `u` ('f32'), got 'bf16'}}
  %y = seq.selective_scan %u, %u, %A, %B, %C : (tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<8x4xf32>, tensor<2x2x4x16xbf16>, tensor<2x2x4x16xf32>) -> tensor<2x8x16xf32>
  return
}

// -----

func.func @scan_C_element_type(%u: tensor<2x8x16xf32>, %A: tensor<8x4xf32>, %B: tensor<2x2x4x16xf32>, %C: tensor<2x2x4x16xf16>) {
  // expected-error @+1 {{'seq.selective_scan' op operand `C` must have the element type of `u` ('f32'), got 'f16'}}
  %y = seq.selective_scan %u, %u, %A, %B, %C : (tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<8x4xf32>, tensor<2x2x4x16xf32>, tensor<2x2x4x16xf16>) -> tensor<2x8x16xf32>
  return
}

// -----

func.func @scan_z_element_type(%u: tensor<2x8x16xf32>, %A: tensor<8x4xf32>, %B: tensor<2x2x4x16xf32>, %z: tensor<2x8x16xf16>) {
  // expected-error @+1 {{'seq.selective_scan' op operand `z` must have the element type of `u` ('f32'), got 'f16'}}
  %y = seq.selective_scan %u, %u, %A, %B, %B z(%z) : (tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<8x4xf32>, tensor<2x2x4x16xf32>, tensor<2x2x4x16xf32>, tensor<2x8x16xf16>) -> tensor<2x8x16xf32>
  return
}

// -----

func.func @scan_out_element_type(%u: tensor<2x8x16xf16>, %A: tensor<8x4xf32>, %B: tensor<2x2x4x16xf16>) {
  // expected-error @+1 {{'seq.selective_scan' op result `out` must have the element type of `u` ('f16'), got 'f32'}}
  %y = seq.selective_scan %u, %u, %A, %B, %B : (tensor<2x8x16xf16>, tensor<2x8x16xf16>, tensor<8x4xf32>, tensor<2x2x4x16xf16>, tensor<2x2x4x16xf16>) -> tensor<2x8x16xf32>
  return
}

// -----

func.func @scan_final_state_element_type(%u: tensor<2x8x16xf32>, %A: tensor<8x4xf32>, %B: tensor<2x2x4x16xf32>, %h0: tensor<2x8x4xf32>) {
  // expected-error @+1 {{'seq.selective_scan' op result `final_state` must have the element type of `initial_state` ('f32'), got 'f16'}}
  %y, %h = seq.selective_scan %u, %u, %A, %B, %B initial_state(%h0) : (tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<8x4xf32>, tensor<2x2x4x16xf32>, tensor<2x2x4x16xf32>, tensor<2x8x4xf32>) -> (tensor<2x8x16xf32>, tensor<2x8x4xf16>)
  return
}

// -----

//===----------------------------------------------------------------------===//
// seq.selective_scan_step
//===----------------------------------------------------------------------===//

func.func @scan_step_u_rank(%u: tensor<2x8x1xf32>, %dt: tensor<2x8xf32>, %A: tensor<8x4xf32>, %B: tensor<2x2x4xf32>, %h: tensor<2x8x4xf32>) {
  // expected-error @+1 {{'seq.selective_scan_step' op operand `u` must have rank 2 ([B, D] = [?, ?]), got rank 3}}
  %y, %h1 = seq.selective_scan_step %u, %dt, %A, %B, %B state(%h) : (tensor<2x8x1xf32>, tensor<2x8xf32>, tensor<8x4xf32>, tensor<2x2x4xf32>, tensor<2x2x4xf32>, tensor<2x8x4xf32>) -> (tensor<2x8x1xf32>, tensor<2x8x4xf32>)
  return
}

// -----

func.func @scan_step_delta_shape(%u: tensor<2x8xf32>, %dt: tensor<2x4xf32>, %A: tensor<8x4xf32>, %B: tensor<2x2x4xf32>, %h: tensor<2x8x4xf32>) {
  // expected-error @+1 {{'seq.selective_scan_step' op operand `delta` must have shape [B, D] = [2, 8], got [2, 4]}}
  %y, %h1 = seq.selective_scan_step %u, %dt, %A, %B, %B state(%h) : (tensor<2x8xf32>, tensor<2x4xf32>, tensor<8x4xf32>, tensor<2x2x4xf32>, tensor<2x2x4xf32>, tensor<2x8x4xf32>) -> (tensor<2x8xf32>, tensor<2x8x4xf32>)
  return
}

// -----

func.func @scan_step_A_shape(%u: tensor<2x8xf32>, %A: tensor<16x4xf32>, %B: tensor<2x2x4xf32>, %h: tensor<2x8x4xf32>) {
  // expected-error @+1 {{'seq.selective_scan_step' op operand `A` must have shape [D, N] = [8, ?], got [16, 4]}}
  %y, %h1 = seq.selective_scan_step %u, %u, %A, %B, %B state(%h) : (tensor<2x8xf32>, tensor<2x8xf32>, tensor<16x4xf32>, tensor<2x2x4xf32>, tensor<2x2x4xf32>, tensor<2x8x4xf32>) -> (tensor<2x8xf32>, tensor<2x8x4xf32>)
  return
}

// -----

func.func @scan_step_B_rank(%u: tensor<2x8xf32>, %A: tensor<8x4xf32>, %B: tensor<2x2x4x1xf32>, %C: tensor<2x2x4xf32>, %h: tensor<2x8x4xf32>) {
  // expected-error @+1 {{'seq.selective_scan_step' op operand `B` must have rank 3 ([B, G, N], time-varying) or rank 2 ([D, N], time-invariant), got rank 4}}
  %y, %h1 = seq.selective_scan_step %u, %u, %A, %B, %C state(%h) : (tensor<2x8xf32>, tensor<2x8xf32>, tensor<8x4xf32>, tensor<2x2x4x1xf32>, tensor<2x2x4xf32>, tensor<2x8x4xf32>) -> (tensor<2x8xf32>, tensor<2x8x4xf32>)
  return
}

// -----

func.func @scan_step_B_state_size(%u: tensor<2x8xf32>, %A: tensor<8x4xf32>, %B: tensor<2x2x8xf32>, %C: tensor<2x2x4xf32>, %h: tensor<2x8x4xf32>) {
  // expected-error @+1 {{'seq.selective_scan_step' op operand `B` must have shape [B, G, N] = [2, ?, 4], got [2, 2, 8]}}
  %y, %h1 = seq.selective_scan_step %u, %u, %A, %B, %C state(%h) : (tensor<2x8xf32>, tensor<2x8xf32>, tensor<8x4xf32>, tensor<2x2x8xf32>, tensor<2x2x4xf32>, tensor<2x8x4xf32>) -> (tensor<2x8xf32>, tensor<2x8x4xf32>)
  return
}

// -----

func.func @scan_step_B_time_invariant_shape(%u: tensor<2x8xf32>, %A: tensor<8x4xf32>, %B: tensor<8x2xf32>, %C: tensor<8x4xf32>, %h: tensor<2x8x4xf32>) {
  // expected-error @+1 {{'seq.selective_scan_step' op operand `B` must have shape [D, N] = [8, 4], got [8, 2]}}
  %y, %h1 = seq.selective_scan_step %u, %u, %A, %B, %C state(%h) : (tensor<2x8xf32>, tensor<2x8xf32>, tensor<8x4xf32>, tensor<8x2xf32>, tensor<8x4xf32>, tensor<2x8x4xf32>) -> (tensor<2x8xf32>, tensor<2x8x4xf32>)
  return
}

// -----

func.func @scan_step_C_rank(%u: tensor<2x8xf32>, %A: tensor<8x4xf32>, %B: tensor<8x4xf32>, %C: tensor<4xf32>, %h: tensor<2x8x4xf32>) {
  // expected-error @+1 {{'seq.selective_scan_step' op operand `C` must have rank 3 ([B, G, N], time-varying) or rank 2 ([D, N], time-invariant), got rank 1}}
  %y, %h1 = seq.selective_scan_step %u, %u, %A, %B, %C state(%h) : (tensor<2x8xf32>, tensor<2x8xf32>, tensor<8x4xf32>, tensor<8x4xf32>, tensor<4xf32>, tensor<2x8x4xf32>) -> (tensor<2x8xf32>, tensor<2x8x4xf32>)
  return
}

// -----

func.func @scan_step_C_batch(%u: tensor<2x8xf32>, %A: tensor<8x4xf32>, %B: tensor<2x2x4xf32>, %C: tensor<1x2x4xf32>, %h: tensor<2x8x4xf32>) {
  // expected-error @+1 {{'seq.selective_scan_step' op operand `C` must have shape [B, G, N] = [2, 2, 4], got [1, 2, 4]}}
  %y, %h1 = seq.selective_scan_step %u, %u, %A, %B, %C state(%h) : (tensor<2x8xf32>, tensor<2x8xf32>, tensor<8x4xf32>, tensor<2x2x4xf32>, tensor<1x2x4xf32>, tensor<2x8x4xf32>) -> (tensor<2x8xf32>, tensor<2x8x4xf32>)
  return
}

// -----

func.func @scan_step_groups_divide_channels(%u: tensor<2x8xf32>, %A: tensor<8x4xf32>, %B: tensor<2x3x4xf32>, %h: tensor<2x8x4xf32>) {
  // expected-error @+1 {{'seq.selective_scan_step' op group count G = 3 must divide the channel count D = 8}}
  %y, %h1 = seq.selective_scan_step %u, %u, %A, %B, %B state(%h) : (tensor<2x8xf32>, tensor<2x8xf32>, tensor<8x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x8x4xf32>) -> (tensor<2x8xf32>, tensor<2x8x4xf32>)
  return
}

// -----

func.func @scan_step_zero_groups(%u: tensor<2x8xf32>, %A: tensor<8x4xf32>, %B: tensor<2x0x4xf32>, %h: tensor<2x8x4xf32>) {
  // expected-error @+1 {{'seq.selective_scan_step' op group count G must be at least 1, got 0}}
  %y, %h1 = seq.selective_scan_step %u, %u, %A, %B, %B state(%h) : (tensor<2x8xf32>, tensor<2x8xf32>, tensor<8x4xf32>, tensor<2x0x4xf32>, tensor<2x0x4xf32>, tensor<2x8x4xf32>) -> (tensor<2x8xf32>, tensor<2x8x4xf32>)
  return
}

// -----

func.func @scan_step_D_skip_shape(%u: tensor<2x8xf32>, %A: tensor<8x4xf32>, %B: tensor<2x2x4xf32>, %D: tensor<2xf32>, %h: tensor<2x8x4xf32>) {
  // expected-error @+1 {{'seq.selective_scan_step' op operand `D` must have shape [D] = [8], got [2]}}
  %y, %h1 = seq.selective_scan_step %u, %u, %A, %B, %B D(%D) state(%h) : (tensor<2x8xf32>, tensor<2x8xf32>, tensor<8x4xf32>, tensor<2x2x4xf32>, tensor<2x2x4xf32>, tensor<2xf32>, tensor<2x8x4xf32>) -> (tensor<2x8xf32>, tensor<2x8x4xf32>)
  return
}

// -----

func.func @scan_step_z_shape(%u: tensor<2x8xf32>, %A: tensor<8x4xf32>, %B: tensor<2x2x4xf32>, %z: tensor<8x2xf32>, %h: tensor<2x8x4xf32>) {
  // expected-error @+1 {{'seq.selective_scan_step' op operand `z` must have shape [B, D] = [2, 8], got [8, 2]}}
  %y, %h1 = seq.selective_scan_step %u, %u, %A, %B, %B z(%z) state(%h) : (tensor<2x8xf32>, tensor<2x8xf32>, tensor<8x4xf32>, tensor<2x2x4xf32>, tensor<2x2x4xf32>, tensor<8x2xf32>, tensor<2x8x4xf32>) -> (tensor<2x8xf32>, tensor<2x8x4xf32>)
  return
}

// -----

func.func @scan_step_delta_bias_shape(%u: tensor<2x8xf32>, %A: tensor<8x4xf32>, %B: tensor<2x2x4xf32>, %bias: tensor<2x8xf32>, %h: tensor<2x8x4xf32>) {
  // expected-error @+1 {{'seq.selective_scan_step' op operand `delta_bias` must have rank 1 ([D] = [8]), got rank 2}}
  %y, %h1 = seq.selective_scan_step %u, %u, %A, %B, %B delta_bias(%bias) state(%h) : (tensor<2x8xf32>, tensor<2x8xf32>, tensor<8x4xf32>, tensor<2x2x4xf32>, tensor<2x2x4xf32>, tensor<2x8xf32>, tensor<2x8x4xf32>) -> (tensor<2x8xf32>, tensor<2x8x4xf32>)
  return
}

// -----

func.func @scan_step_state_shape(%u: tensor<2x8xf32>, %A: tensor<8x4xf32>, %B: tensor<2x2x4xf32>, %h: tensor<2x8x16xf32>) {
  // expected-error @+1 {{'seq.selective_scan_step' op operand `state` must have shape [B, D, N] = [2, 8, 4], got [2, 8, 16]}}
  %y, %h1 = seq.selective_scan_step %u, %u, %A, %B, %B state(%h) : (tensor<2x8xf32>, tensor<2x8xf32>, tensor<8x4xf32>, tensor<2x2x4xf32>, tensor<2x2x4xf32>, tensor<2x8x16xf32>) -> (tensor<2x8xf32>, tensor<2x8x16xf32>)
  return
}

// -----

func.func @scan_step_delta_element_type(%u: tensor<2x8xf16>, %dt: tensor<2x8xf32>, %A: tensor<8x4xf32>, %B: tensor<2x2x4xf16>, %h: tensor<2x8x4xf32>) {
  // expected-error @+1 {{'seq.selective_scan_step' op operand `delta` must have the element type of `u` ('f16'), got 'f32'}}
  %y, %h1 = seq.selective_scan_step %u, %dt, %A, %B, %B state(%h) : (tensor<2x8xf16>, tensor<2x8xf32>, tensor<8x4xf32>, tensor<2x2x4xf16>, tensor<2x2x4xf16>, tensor<2x8x4xf32>) -> (tensor<2x8xf16>, tensor<2x8x4xf32>)
  return
}

// -----

func.func @scan_step_B_element_type(%u: tensor<2x8xf32>, %A: tensor<8x4xf32>, %B: tensor<2x2x4xf16>, %C: tensor<2x2x4xf32>, %h: tensor<2x8x4xf32>) {
  // expected-error @+1 {{'seq.selective_scan_step' op operand `B` must have the element type of `u` ('f32'), got 'f16'}}
  %y, %h1 = seq.selective_scan_step %u, %u, %A, %B, %C state(%h) : (tensor<2x8xf32>, tensor<2x8xf32>, tensor<8x4xf32>, tensor<2x2x4xf16>, tensor<2x2x4xf32>, tensor<2x8x4xf32>) -> (tensor<2x8xf32>, tensor<2x8x4xf32>)
  return
}

// -----

func.func @scan_step_C_element_type(%u: tensor<2x8xf32>, %A: tensor<8x4xf32>, %B: tensor<2x2x4xf32>, %C: tensor<2x2x4xbf16>, %h: tensor<2x8x4xf32>) {
  // expected-error @+1 {{'seq.selective_scan_step' op operand `C` must have the element type of `u` ('f32'), got 'bf16'}}
  %y, %h1 = seq.selective_scan_step %u, %u, %A, %B, %C state(%h) : (tensor<2x8xf32>, tensor<2x8xf32>, tensor<8x4xf32>, tensor<2x2x4xf32>, tensor<2x2x4xbf16>, tensor<2x8x4xf32>) -> (tensor<2x8xf32>, tensor<2x8x4xf32>)
  return
}

// -----

func.func @scan_step_z_element_type(%u: tensor<2x8xf32>, %A: tensor<8x4xf32>, %B: tensor<2x2x4xf32>, %z: tensor<2x8xf16>, %h: tensor<2x8x4xf32>) {
  // expected-error @+1 {{'seq.selective_scan_step' op operand `z` must have the element type of `u` ('f32'), got 'f16'}}
  %y, %h1 = seq.selective_scan_step %u, %u, %A, %B, %B z(%z) state(%h) : (tensor<2x8xf32>, tensor<2x8xf32>, tensor<8x4xf32>, tensor<2x2x4xf32>, tensor<2x2x4xf32>, tensor<2x8xf16>, tensor<2x8x4xf32>) -> (tensor<2x8xf32>, tensor<2x8x4xf32>)
  return
}

// -----

func.func @scan_step_out_shape(%u: tensor<2x8xf32>, %A: tensor<8x4xf32>, %B: tensor<2x2x4xf32>, %h: tensor<2x8x4xf32>) {
  // expected-error @+1 {{'seq.selective_scan_step' op result `out` must have shape [B, D] = [2, 8], got [2, 4]}}
  %y, %h1 = seq.selective_scan_step %u, %u, %A, %B, %B state(%h) : (tensor<2x8xf32>, tensor<2x8xf32>, tensor<8x4xf32>, tensor<2x2x4xf32>, tensor<2x2x4xf32>, tensor<2x8x4xf32>) -> (tensor<2x4xf32>, tensor<2x8x4xf32>)
  return
}

// -----

func.func @scan_step_out_element_type(%u: tensor<2x8xf32>, %A: tensor<8x4xf32>, %B: tensor<2x2x4xf32>, %h: tensor<2x8x4xf32>) {
  // expected-error @+1 {{'seq.selective_scan_step' op result `out` must have the element type of `u` ('f32'), got 'f16'}}
  %y, %h1 = seq.selective_scan_step %u, %u, %A, %B, %B state(%h) : (tensor<2x8xf32>, tensor<2x8xf32>, tensor<8x4xf32>, tensor<2x2x4xf32>, tensor<2x2x4xf32>, tensor<2x8x4xf32>) -> (tensor<2x8xf16>, tensor<2x8x4xf32>)
  return
}

// -----

// The verifier does not compare new_state's element type with the state's;
// result type inference (new_state has the state's type) still rejects it.
func.func @scan_step_new_state_type(%u: tensor<2x8xf32>, %A: tensor<8x4xf32>, %B: tensor<2x2x4xf32>, %h: tensor<2x8x4xf32>) {
  // expected-error @+1 {{'seq.selective_scan_step' op result `new_state` must have the element type of `state` ('f32'), got 'bf16'}}
  %y, %h1 = seq.selective_scan_step %u, %u, %A, %B, %B state(%h) : (tensor<2x8xf32>, tensor<2x8xf32>, tensor<8x4xf32>, tensor<2x2x4xf32>, tensor<2x2x4xf32>, tensor<2x8x4xf32>) -> (tensor<2x8xf32>, tensor<2x8x4xbf16>)
  return
}

// -----

//===----------------------------------------------------------------------===//
// seq.ssd
//===----------------------------------------------------------------------===//

func.func @ssd_x_rank(%x: tensor<2x16x32xf32>, %dt: tensor<2x16x4xf32>, %A: tensor<4xf32>, %B: tensor<2x16x2x6xf32>) {
  // expected-error @+1 {{'seq.ssd' op operand `x` must have rank 4 ([B, L, H, P] = [?, ?, ?, ?]), got rank 3}}
  %y = seq.ssd %x, %dt, %A, %B, %B : (tensor<2x16x32xf32>, tensor<2x16x4xf32>, tensor<4xf32>, tensor<2x16x2x6xf32>, tensor<2x16x2x6xf32>) -> tensor<2x16x32xf32>
  return
}

// -----

func.func @ssd_dt_shape(%x: tensor<2x16x4x8xf32>, %dt: tensor<2x16x8xf32>, %A: tensor<4xf32>, %B: tensor<2x16x2x6xf32>) {
  // expected-error @+1 {{'seq.ssd' op operand `dt` must have shape [B, L, H] = [2, 16, 4], got [2, 16, 8]}}
  %y = seq.ssd %x, %dt, %A, %B, %B : (tensor<2x16x4x8xf32>, tensor<2x16x8xf32>, tensor<4xf32>, tensor<2x16x2x6xf32>, tensor<2x16x2x6xf32>) -> tensor<2x16x4x8xf32>
  return
}

// -----

func.func @ssd_dt_rank(%x: tensor<2x16x4x8xf32>, %dt: tensor<2x16x4x8xf32>, %A: tensor<4xf32>, %B: tensor<2x16x2x6xf32>) {
  // expected-error @+1 {{'seq.ssd' op operand `dt` must have rank 3 ([B, L, H] = [2, 16, 4]), got rank 4}}
  %y = seq.ssd %x, %dt, %A, %B, %B : (tensor<2x16x4x8xf32>, tensor<2x16x4x8xf32>, tensor<4xf32>, tensor<2x16x2x6xf32>, tensor<2x16x2x6xf32>) -> tensor<2x16x4x8xf32>
  return
}

// -----

func.func @ssd_A_per_head(%x: tensor<2x16x4x8xf32>, %dt: tensor<2x16x4xf32>, %A: tensor<4x6xf32>, %B: tensor<2x16x2x6xf32>) {
  // expected-error @+1 {{'seq.ssd' op operand `A` must have rank 1 ([H] = [4]), got rank 2}}
  %y = seq.ssd %x, %dt, %A, %B, %B : (tensor<2x16x4x8xf32>, tensor<2x16x4xf32>, tensor<4x6xf32>, tensor<2x16x2x6xf32>, tensor<2x16x2x6xf32>) -> tensor<2x16x4x8xf32>
  return
}

// -----

func.func @ssd_A_shape(%x: tensor<2x16x4x8xf32>, %dt: tensor<2x16x4xf32>, %A: tensor<8xf32>, %B: tensor<2x16x2x6xf32>) {
  // expected-error @+1 {{'seq.ssd' op operand `A` must have shape [H] = [4], got [8]}}
  %y = seq.ssd %x, %dt, %A, %B, %B : (tensor<2x16x4x8xf32>, tensor<2x16x4xf32>, tensor<8xf32>, tensor<2x16x2x6xf32>, tensor<2x16x2x6xf32>) -> tensor<2x16x4x8xf32>
  return
}

// -----

func.func @ssd_B_rank(%x: tensor<2x16x4x8xf32>, %dt: tensor<2x16x4xf32>, %A: tensor<4xf32>, %B: tensor<2x16x6xf32>, %C: tensor<2x16x2x6xf32>) {
  // expected-error @+1 {{'seq.ssd' op operand `B` must have rank 4 ([B, L, G, N] = [2, 16, ?, ?]), got rank 3}}
  %y = seq.ssd %x, %dt, %A, %B, %C : (tensor<2x16x4x8xf32>, tensor<2x16x4xf32>, tensor<4xf32>, tensor<2x16x6xf32>, tensor<2x16x2x6xf32>) -> tensor<2x16x4x8xf32>
  return
}

// -----

func.func @ssd_B_length(%x: tensor<2x16x4x8xf32>, %dt: tensor<2x16x4xf32>, %A: tensor<4xf32>, %B: tensor<2x8x2x6xf32>, %C: tensor<2x16x2x6xf32>) {
  // expected-error @+1 {{'seq.ssd' op operand `B` must have shape [B, L, G, N] = [2, 16, ?, ?], got [2, 8, 2, 6]}}
  %y = seq.ssd %x, %dt, %A, %B, %C : (tensor<2x16x4x8xf32>, tensor<2x16x4xf32>, tensor<4xf32>, tensor<2x8x2x6xf32>, tensor<2x16x2x6xf32>) -> tensor<2x16x4x8xf32>
  return
}

// -----

func.func @ssd_C_state_size(%x: tensor<2x16x4x8xf32>, %dt: tensor<2x16x4xf32>, %A: tensor<4xf32>, %B: tensor<2x16x2x6xf32>, %C: tensor<2x16x2x8xf32>) {
  // expected-error @+1 {{'seq.ssd' op operand `C` must have shape [B, L, G, N] = [2, 16, 2, 6], got [2, 16, 2, 8]}}
  %y = seq.ssd %x, %dt, %A, %B, %C : (tensor<2x16x4x8xf32>, tensor<2x16x4xf32>, tensor<4xf32>, tensor<2x16x2x6xf32>, tensor<2x16x2x8xf32>) -> tensor<2x16x4x8xf32>
  return
}

// -----

func.func @ssd_C_rank(%x: tensor<2x16x4x8xf32>, %dt: tensor<2x16x4xf32>, %A: tensor<4xf32>, %B: tensor<2x16x2x6xf32>, %C: tensor<4x6xf32>) {
  // expected-error @+1 {{'seq.ssd' op operand `C` must have rank 4 ([B, L, G, N] = [2, 16, 2, 6]), got rank 2}}
  %y = seq.ssd %x, %dt, %A, %B, %C : (tensor<2x16x4x8xf32>, tensor<2x16x4xf32>, tensor<4xf32>, tensor<2x16x2x6xf32>, tensor<4x6xf32>) -> tensor<2x16x4x8xf32>
  return
}

// -----

func.func @ssd_groups_divide_heads(%x: tensor<2x16x4x8xf32>, %dt: tensor<2x16x4xf32>, %A: tensor<4xf32>, %B: tensor<2x16x3x6xf32>) {
  // expected-error @+1 {{'seq.ssd' op group count G = 3 must divide the head count H = 4}}
  %y = seq.ssd %x, %dt, %A, %B, %B : (tensor<2x16x4x8xf32>, tensor<2x16x4xf32>, tensor<4xf32>, tensor<2x16x3x6xf32>, tensor<2x16x3x6xf32>) -> tensor<2x16x4x8xf32>
  return
}

// -----

// H is dynamic in x, dt and A; the `D` skip gives it, after B has bound G.
func.func @ssd_groups_divide_heads_from_D_skip(%x: tensor<2x16x?x8xf32>, %dt: tensor<2x16x?xf32>, %A: tensor<?xf32>, %B: tensor<2x16x3x6xf32>, %D: tensor<4xf32>) {
  // expected-error @+1 {{'seq.ssd' op group count G = 3 must divide the head count H = 4}}
  %y = seq.ssd %x, %dt, %A, %B, %B D(%D) : (tensor<2x16x?x8xf32>, tensor<2x16x?xf32>, tensor<?xf32>, tensor<2x16x3x6xf32>, tensor<2x16x3x6xf32>, tensor<4xf32>) -> tensor<2x16x?x8xf32>
  return
}

// -----

func.func @ssd_more_groups_than_heads(%x: tensor<2x16x4x8xf32>, %dt: tensor<2x16x4xf32>, %A: tensor<4xf32>, %B: tensor<2x16x8x6xf32>) {
  // expected-error @+1 {{'seq.ssd' op group count G = 8 must divide the head count H = 4}}
  %y = seq.ssd %x, %dt, %A, %B, %B : (tensor<2x16x4x8xf32>, tensor<2x16x4xf32>, tensor<4xf32>, tensor<2x16x8x6xf32>, tensor<2x16x8x6xf32>) -> tensor<2x16x4x8xf32>
  return
}

// -----

func.func @ssd_zero_groups(%x: tensor<2x16x4x8xf32>, %dt: tensor<2x16x4xf32>, %A: tensor<4xf32>, %B: tensor<2x16x0x6xf32>) {
  // expected-error @+1 {{'seq.ssd' op group count G must be at least 1, got 0}}
  %y = seq.ssd %x, %dt, %A, %B, %B : (tensor<2x16x4x8xf32>, tensor<2x16x4xf32>, tensor<4xf32>, tensor<2x16x0x6xf32>, tensor<2x16x0x6xf32>) -> tensor<2x16x4x8xf32>
  return
}

// -----

func.func @ssd_D_per_head_shape(%x: tensor<2x16x4x8xf32>, %dt: tensor<2x16x4xf32>, %A: tensor<4xf32>, %B: tensor<2x16x2x6xf32>, %D: tensor<8xf32>) {
  // expected-error @+1 {{'seq.ssd' op operand `D` must have shape [H] = [4], got [8]}}
  %y = seq.ssd %x, %dt, %A, %B, %B D(%D) : (tensor<2x16x4x8xf32>, tensor<2x16x4xf32>, tensor<4xf32>, tensor<2x16x2x6xf32>, tensor<2x16x2x6xf32>, tensor<8xf32>) -> tensor<2x16x4x8xf32>
  return
}

// -----

func.func @ssd_D_per_head_dim_shape(%x: tensor<2x16x4x8xf32>, %dt: tensor<2x16x4xf32>, %A: tensor<4xf32>, %B: tensor<2x16x2x6xf32>, %D: tensor<4x6xf32>) {
  // expected-error @+1 {{'seq.ssd' op operand `D` must have shape [H, P] = [4, 8], got [4, 6]}}
  %y = seq.ssd %x, %dt, %A, %B, %B D(%D) : (tensor<2x16x4x8xf32>, tensor<2x16x4xf32>, tensor<4xf32>, tensor<2x16x2x6xf32>, tensor<2x16x2x6xf32>, tensor<4x6xf32>) -> tensor<2x16x4x8xf32>
  return
}

// -----

func.func @ssd_D_rank(%x: tensor<2x16x4x8xf32>, %dt: tensor<2x16x4xf32>, %A: tensor<4xf32>, %B: tensor<2x16x2x6xf32>, %D: tensor<2x4x8xf32>) {
  // expected-error @+1 {{'seq.ssd' op operand `D` must have rank 1 ([H], per head) or rank 2 ([H, P], per head and head dim), got rank 3}}
  %y = seq.ssd %x, %dt, %A, %B, %B D(%D) : (tensor<2x16x4x8xf32>, tensor<2x16x4xf32>, tensor<4xf32>, tensor<2x16x2x6xf32>, tensor<2x16x2x6xf32>, tensor<2x4x8xf32>) -> tensor<2x16x4x8xf32>
  return
}

// -----

func.func @ssd_dt_bias_shape(%x: tensor<2x16x4x8xf32>, %dt: tensor<2x16x4xf32>, %A: tensor<4xf32>, %B: tensor<2x16x2x6xf32>, %bias: tensor<2xf32>) {
  // expected-error @+1 {{'seq.ssd' op operand `dt_bias` must have shape [H] = [4], got [2]}}
  %y = seq.ssd %x, %dt, %A, %B, %B dt_bias(%bias) : (tensor<2x16x4x8xf32>, tensor<2x16x4xf32>, tensor<4xf32>, tensor<2x16x2x6xf32>, tensor<2x16x2x6xf32>, tensor<2xf32>) -> tensor<2x16x4x8xf32>
  return
}

// -----

func.func @ssd_initial_state_shape(%x: tensor<2x16x4x8xf32>, %dt: tensor<2x16x4xf32>, %A: tensor<4xf32>, %B: tensor<2x16x2x6xf32>, %h0: tensor<2x4x6x8xf32>) {
  // expected-error @+1 {{'seq.ssd' op operand `initial_state` must have shape [B, H, P, N] = [2, 4, 8, 6], got [2, 4, 6, 8]}}
  %y = seq.ssd %x, %dt, %A, %B, %B initial_state(%h0) : (tensor<2x16x4x8xf32>, tensor<2x16x4xf32>, tensor<4xf32>, tensor<2x16x2x6xf32>, tensor<2x16x2x6xf32>, tensor<2x4x6x8xf32>) -> tensor<2x16x4x8xf32>
  return
}

// -----

func.func @ssd_initial_state_rank(%x: tensor<2x16x4x8xf32>, %dt: tensor<2x16x4xf32>, %A: tensor<4xf32>, %B: tensor<2x16x2x6xf32>, %h0: tensor<2x4x8xf32>) {
  // expected-error @+1 {{'seq.ssd' op operand `initial_state` must have rank 4 ([B, H, P, N] = [2, 4, 8, 6]), got rank 3}}
  %y = seq.ssd %x, %dt, %A, %B, %B initial_state(%h0) : (tensor<2x16x4x8xf32>, tensor<2x16x4xf32>, tensor<4xf32>, tensor<2x16x2x6xf32>, tensor<2x16x2x6xf32>, tensor<2x4x8xf32>) -> tensor<2x16x4x8xf32>
  return
}

// -----

func.func @ssd_y_shape(%x: tensor<2x16x4x8xf32>, %dt: tensor<2x16x4xf32>, %A: tensor<4xf32>, %B: tensor<2x16x2x6xf32>) {
  // expected-error @+1 {{'seq.ssd' op result `y` must have shape [B, L, H, P] = [2, 16, 4, 8], got [2, 4, 16, 8]}}
  %y = seq.ssd %x, %dt, %A, %B, %B : (tensor<2x16x4x8xf32>, tensor<2x16x4xf32>, tensor<4xf32>, tensor<2x16x2x6xf32>, tensor<2x16x2x6xf32>) -> tensor<2x4x16x8xf32>
  return
}

// -----

func.func @ssd_final_state_shape(%x: tensor<2x16x4x8xf32>, %dt: tensor<2x16x4xf32>, %A: tensor<4xf32>, %B: tensor<2x16x2x6xf32>) {
  // expected-error @+1 {{'seq.ssd' op result `final_state` must have shape [B, H, P, N] = [2, 4, 8, 6], got [2, 2, 8, 6]}}
  %y, %h = seq.ssd %x, %dt, %A, %B, %B : (tensor<2x16x4x8xf32>, tensor<2x16x4xf32>, tensor<4xf32>, tensor<2x16x2x6xf32>, tensor<2x16x2x6xf32>) -> (tensor<2x16x4x8xf32>, tensor<2x2x8x6xf32>)
  return
}

// -----

func.func @ssd_zero_chunk_size(%x: tensor<2x16x4x8xf32>, %dt: tensor<2x16x4xf32>, %A: tensor<4xf32>, %B: tensor<2x16x2x6xf32>) {
  // expected-error @+1 {{'seq.ssd' op chunk_size must be at least 1, got 0}}
  %y = seq.ssd %x, %dt, %A, %B, %B {chunk_size = 0 : i64} : (tensor<2x16x4x8xf32>, tensor<2x16x4xf32>, tensor<4xf32>, tensor<2x16x2x6xf32>, tensor<2x16x2x6xf32>) -> tensor<2x16x4x8xf32>
  return
}

// -----

func.func @ssd_negative_chunk_size(%x: tensor<2x16x4x8xf32>, %dt: tensor<2x16x4xf32>, %A: tensor<4xf32>, %B: tensor<2x16x2x6xf32>) {
  // expected-error @+1 {{'seq.ssd' op chunk_size must be at least 1, got -64}}
  %y = seq.ssd %x, %dt, %A, %B, %B {chunk_size = -64 : i64} : (tensor<2x16x4x8xf32>, tensor<2x16x4xf32>, tensor<4xf32>, tensor<2x16x2x6xf32>, tensor<2x16x2x6xf32>) -> tensor<2x16x4x8xf32>
  return
}

// -----

func.func @ssd_chunk_size_attr_type(%x: tensor<2x16x4x8xf32>, %dt: tensor<2x16x4xf32>, %A: tensor<4xf32>, %B: tensor<2x16x2x6xf32>) {
  // expected-error @+1 {{'seq.ssd' op attribute 'chunk_size' failed to satisfy constraint: 64-bit signless integer attribute}}
  %y = seq.ssd %x, %dt, %A, %B, %B {chunk_size = 64 : i32} : (tensor<2x16x4x8xf32>, tensor<2x16x4xf32>, tensor<4xf32>, tensor<2x16x2x6xf32>, tensor<2x16x2x6xf32>) -> tensor<2x16x4x8xf32>
  return
}

// -----

func.func @ssd_dt_element_type(%x: tensor<2x16x4x8xf32>, %dt: tensor<2x16x4xf16>, %A: tensor<4xf32>, %B: tensor<2x16x2x6xf32>) {
  // expected-error @+1 {{'seq.ssd' op operand `dt` must have the element type of `x` ('f32'), got 'f16'}}
  %y = seq.ssd %x, %dt, %A, %B, %B : (tensor<2x16x4x8xf32>, tensor<2x16x4xf16>, tensor<4xf32>, tensor<2x16x2x6xf32>, tensor<2x16x2x6xf32>) -> tensor<2x16x4x8xf32>
  return
}

// -----

func.func @ssd_B_element_type(%x: tensor<2x16x4x8xf32>, %dt: tensor<2x16x4xf32>, %A: tensor<4xf32>, %B: tensor<2x16x2x6xbf16>, %C: tensor<2x16x2x6xf32>) {
  // expected-error @+1 {{'seq.ssd' op operand `B` must have the element type of `x` ('f32'), got 'bf16'}}
  %y = seq.ssd %x, %dt, %A, %B, %C : (tensor<2x16x4x8xf32>, tensor<2x16x4xf32>, tensor<4xf32>, tensor<2x16x2x6xbf16>, tensor<2x16x2x6xf32>) -> tensor<2x16x4x8xf32>
  return
}

// -----

func.func @ssd_C_element_type(%x: tensor<2x16x4x8xf32>, %dt: tensor<2x16x4xf32>, %A: tensor<4xf32>, %B: tensor<2x16x2x6xf32>, %C: tensor<2x16x2x6xf16>) {
  // expected-error @+1 {{'seq.ssd' op operand `C` must have the element type of `x` ('f32'), got 'f16'}}
  %y = seq.ssd %x, %dt, %A, %B, %C : (tensor<2x16x4x8xf32>, tensor<2x16x4xf32>, tensor<4xf32>, tensor<2x16x2x6xf32>, tensor<2x16x2x6xf16>) -> tensor<2x16x4x8xf32>
  return
}

// -----

func.func @ssd_y_element_type(%x: tensor<2x16x4x8xf16>, %dt: tensor<2x16x4xf16>, %A: tensor<4xf32>, %B: tensor<2x16x2x6xf16>) {
  // expected-error @+1 {{'seq.ssd' op result `y` must have the element type of `x` ('f16'), got 'f32'}}
  %y = seq.ssd %x, %dt, %A, %B, %B : (tensor<2x16x4x8xf16>, tensor<2x16x4xf16>, tensor<4xf32>, tensor<2x16x2x6xf16>, tensor<2x16x2x6xf16>) -> tensor<2x16x4x8xf32>
  return
}

// -----

func.func @ssd_final_state_element_type(%x: tensor<2x16x4x8xf32>, %dt: tensor<2x16x4xf32>, %A: tensor<4xf32>, %B: tensor<2x16x2x6xf32>, %h0: tensor<2x4x8x6xf32>) {
  // expected-error @+1 {{'seq.ssd' op result `final_state` must have the element type of `initial_state` ('f32'), got 'bf16'}}
  %y, %h = seq.ssd %x, %dt, %A, %B, %B initial_state(%h0) : (tensor<2x16x4x8xf32>, tensor<2x16x4xf32>, tensor<4xf32>, tensor<2x16x2x6xf32>, tensor<2x16x2x6xf32>, tensor<2x4x8x6xf32>) -> (tensor<2x16x4x8xf32>, tensor<2x4x8x6xbf16>)
  return
}

// -----

//===----------------------------------------------------------------------===//
// seq.ssd_step
//===----------------------------------------------------------------------===//

func.func @ssd_step_x_rank(%x: tensor<2x4x8x1xf32>, %dt: tensor<2x4xf32>, %A: tensor<4xf32>, %B: tensor<2x2x6xf32>, %s: tensor<2x4x8x6xf32>) {
  // expected-error @+1 {{'seq.ssd_step' op operand `x` must have rank 3 ([B, H, P] = [?, ?, ?]), got rank 4}}
  %y, %s1 = seq.ssd_step %x, %dt, %A, %B, %B state(%s) : (tensor<2x4x8x1xf32>, tensor<2x4xf32>, tensor<4xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<2x4x8x6xf32>) -> (tensor<2x4x8x1xf32>, tensor<2x4x8x6xf32>)
  return
}

// -----

func.func @ssd_step_dt_shape(%x: tensor<2x4x8xf32>, %dt: tensor<2x8xf32>, %A: tensor<4xf32>, %B: tensor<2x2x6xf32>, %s: tensor<2x4x8x6xf32>) {
  // expected-error @+1 {{'seq.ssd_step' op operand `dt` must have shape [B, H] = [2, 4], got [2, 8]}}
  %y, %s1 = seq.ssd_step %x, %dt, %A, %B, %B state(%s) : (tensor<2x4x8xf32>, tensor<2x8xf32>, tensor<4xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<2x4x8x6xf32>) -> (tensor<2x4x8xf32>, tensor<2x4x8x6xf32>)
  return
}

// -----

func.func @ssd_step_A_shape(%x: tensor<2x4x8xf32>, %dt: tensor<2x4xf32>, %A: tensor<2xf32>, %B: tensor<2x2x6xf32>, %s: tensor<2x4x8x6xf32>) {
  // expected-error @+1 {{'seq.ssd_step' op operand `A` must have shape [H] = [4], got [2]}}
  %y, %s1 = seq.ssd_step %x, %dt, %A, %B, %B state(%s) : (tensor<2x4x8xf32>, tensor<2x4xf32>, tensor<2xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<2x4x8x6xf32>) -> (tensor<2x4x8xf32>, tensor<2x4x8x6xf32>)
  return
}

// -----

func.func @ssd_step_B_rank(%x: tensor<2x4x8xf32>, %dt: tensor<2x4xf32>, %A: tensor<4xf32>, %B: tensor<2x1x2x6xf32>, %C: tensor<2x2x6xf32>, %s: tensor<2x4x8x6xf32>) {
  // expected-error @+1 {{'seq.ssd_step' op operand `B` must have rank 3 ([B, G, N] = [2, ?, ?]), got rank 4}}
  %y, %s1 = seq.ssd_step %x, %dt, %A, %B, %C state(%s) : (tensor<2x4x8xf32>, tensor<2x4xf32>, tensor<4xf32>, tensor<2x1x2x6xf32>, tensor<2x2x6xf32>, tensor<2x4x8x6xf32>) -> (tensor<2x4x8xf32>, tensor<2x4x8x6xf32>)
  return
}

// -----

func.func @ssd_step_B_batch(%x: tensor<2x4x8xf32>, %dt: tensor<2x4xf32>, %A: tensor<4xf32>, %B: tensor<1x2x6xf32>, %C: tensor<2x2x6xf32>, %s: tensor<2x4x8x6xf32>) {
  // expected-error @+1 {{'seq.ssd_step' op operand `B` must have shape [B, G, N] = [2, ?, ?], got [1, 2, 6]}}
  %y, %s1 = seq.ssd_step %x, %dt, %A, %B, %C state(%s) : (tensor<2x4x8xf32>, tensor<2x4xf32>, tensor<4xf32>, tensor<1x2x6xf32>, tensor<2x2x6xf32>, tensor<2x4x8x6xf32>) -> (tensor<2x4x8xf32>, tensor<2x4x8x6xf32>)
  return
}

// -----

func.func @ssd_step_C_groups(%x: tensor<2x4x8xf32>, %dt: tensor<2x4xf32>, %A: tensor<4xf32>, %B: tensor<2x2x6xf32>, %C: tensor<2x1x6xf32>, %s: tensor<2x4x8x6xf32>) {
  // expected-error @+1 {{'seq.ssd_step' op operand `C` must have shape [B, G, N] = [2, 2, 6], got [2, 1, 6]}}
  %y, %s1 = seq.ssd_step %x, %dt, %A, %B, %C state(%s) : (tensor<2x4x8xf32>, tensor<2x4xf32>, tensor<4xf32>, tensor<2x2x6xf32>, tensor<2x1x6xf32>, tensor<2x4x8x6xf32>) -> (tensor<2x4x8xf32>, tensor<2x4x8x6xf32>)
  return
}

// -----

func.func @ssd_step_groups_divide_heads(%x: tensor<2x4x8xf32>, %dt: tensor<2x4xf32>, %A: tensor<4xf32>, %B: tensor<2x3x6xf32>, %s: tensor<2x4x8x6xf32>) {
  // expected-error @+1 {{'seq.ssd_step' op group count G = 3 must divide the head count H = 4}}
  %y, %s1 = seq.ssd_step %x, %dt, %A, %B, %B state(%s) : (tensor<2x4x8xf32>, tensor<2x4xf32>, tensor<4xf32>, tensor<2x3x6xf32>, tensor<2x3x6xf32>, tensor<2x4x8x6xf32>) -> (tensor<2x4x8xf32>, tensor<2x4x8x6xf32>)
  return
}

// -----

func.func @ssd_step_zero_groups(%x: tensor<2x4x8xf32>, %dt: tensor<2x4xf32>, %A: tensor<4xf32>, %B: tensor<2x0x6xf32>, %s: tensor<2x4x8x6xf32>) {
  // expected-error @+1 {{'seq.ssd_step' op group count G must be at least 1, got 0}}
  %y, %s1 = seq.ssd_step %x, %dt, %A, %B, %B state(%s) : (tensor<2x4x8xf32>, tensor<2x4xf32>, tensor<4xf32>, tensor<2x0x6xf32>, tensor<2x0x6xf32>, tensor<2x4x8x6xf32>) -> (tensor<2x4x8xf32>, tensor<2x4x8x6xf32>)
  return
}

// -----

func.func @ssd_step_D_per_head_shape(%x: tensor<2x4x8xf32>, %dt: tensor<2x4xf32>, %A: tensor<4xf32>, %B: tensor<2x2x6xf32>, %D: tensor<8xf32>, %s: tensor<2x4x8x6xf32>) {
  // expected-error @+1 {{'seq.ssd_step' op operand `D` must have shape [H] = [4], got [8]}}
  %y, %s1 = seq.ssd_step %x, %dt, %A, %B, %B D(%D) state(%s) : (tensor<2x4x8xf32>, tensor<2x4xf32>, tensor<4xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<8xf32>, tensor<2x4x8x6xf32>) -> (tensor<2x4x8xf32>, tensor<2x4x8x6xf32>)
  return
}

// -----

func.func @ssd_step_D_per_head_dim_shape(%x: tensor<2x4x8xf32>, %dt: tensor<2x4xf32>, %A: tensor<4xf32>, %B: tensor<2x2x6xf32>, %D: tensor<8x4xf32>, %s: tensor<2x4x8x6xf32>) {
  // expected-error @+1 {{'seq.ssd_step' op operand `D` must have shape [H, P] = [4, 8], got [8, 4]}}
  %y, %s1 = seq.ssd_step %x, %dt, %A, %B, %B D(%D) state(%s) : (tensor<2x4x8xf32>, tensor<2x4xf32>, tensor<4xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<8x4xf32>, tensor<2x4x8x6xf32>) -> (tensor<2x4x8xf32>, tensor<2x4x8x6xf32>)
  return
}

// -----

func.func @ssd_step_dt_bias_shape(%x: tensor<2x4x8xf32>, %dt: tensor<2x4xf32>, %A: tensor<4xf32>, %B: tensor<2x2x6xf32>, %bias: tensor<2x4xf32>, %s: tensor<2x4x8x6xf32>) {
  // expected-error @+1 {{'seq.ssd_step' op operand `dt_bias` must have rank 1 ([H] = [4]), got rank 2}}
  %y, %s1 = seq.ssd_step %x, %dt, %A, %B, %B dt_bias(%bias) state(%s) : (tensor<2x4x8xf32>, tensor<2x4xf32>, tensor<4xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<2x4xf32>, tensor<2x4x8x6xf32>) -> (tensor<2x4x8xf32>, tensor<2x4x8x6xf32>)
  return
}

// -----

func.func @ssd_step_state_shape(%x: tensor<2x4x8xf32>, %dt: tensor<2x4xf32>, %A: tensor<4xf32>, %B: tensor<2x2x6xf32>, %s: tensor<2x4x6x8xf32>) {
  // expected-error @+1 {{'seq.ssd_step' op operand `state` must have shape [B, H, P, N] = [2, 4, 8, 6], got [2, 4, 6, 8]}}
  %y, %s1 = seq.ssd_step %x, %dt, %A, %B, %B state(%s) : (tensor<2x4x8xf32>, tensor<2x4xf32>, tensor<4xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<2x4x6x8xf32>) -> (tensor<2x4x8xf32>, tensor<2x4x6x8xf32>)
  return
}

// -----

func.func @ssd_step_dt_element_type(%x: tensor<2x4x8xf32>, %dt: tensor<2x4xbf16>, %A: tensor<4xf32>, %B: tensor<2x2x6xf32>, %s: tensor<2x4x8x6xf32>) {
  // expected-error @+1 {{'seq.ssd_step' op operand `dt` must have the element type of `x` ('f32'), got 'bf16'}}
  %y, %s1 = seq.ssd_step %x, %dt, %A, %B, %B state(%s) : (tensor<2x4x8xf32>, tensor<2x4xbf16>, tensor<4xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<2x4x8x6xf32>) -> (tensor<2x4x8xf32>, tensor<2x4x8x6xf32>)
  return
}

// -----

func.func @ssd_step_B_element_type(%x: tensor<2x4x8xf32>, %dt: tensor<2x4xf32>, %A: tensor<4xf32>, %B: tensor<2x2x6xf16>, %C: tensor<2x2x6xf32>, %s: tensor<2x4x8x6xf32>) {
  // expected-error @+1 {{'seq.ssd_step' op operand `B` must have the element type of `x` ('f32'), got 'f16'}}
  %y, %s1 = seq.ssd_step %x, %dt, %A, %B, %C state(%s) : (tensor<2x4x8xf32>, tensor<2x4xf32>, tensor<4xf32>, tensor<2x2x6xf16>, tensor<2x2x6xf32>, tensor<2x4x8x6xf32>) -> (tensor<2x4x8xf32>, tensor<2x4x8x6xf32>)
  return
}

// -----

func.func @ssd_step_C_element_type(%x: tensor<2x4x8xf32>, %dt: tensor<2x4xf32>, %A: tensor<4xf32>, %B: tensor<2x2x6xf32>, %C: tensor<2x2x6xf16>, %s: tensor<2x4x8x6xf32>) {
  // expected-error @+1 {{'seq.ssd_step' op operand `C` must have the element type of `x` ('f32'), got 'f16'}}
  %y, %s1 = seq.ssd_step %x, %dt, %A, %B, %C state(%s) : (tensor<2x4x8xf32>, tensor<2x4xf32>, tensor<4xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf16>, tensor<2x4x8x6xf32>) -> (tensor<2x4x8xf32>, tensor<2x4x8x6xf32>)
  return
}

// -----

func.func @ssd_step_y_shape(%x: tensor<2x4x8xf32>, %dt: tensor<2x4xf32>, %A: tensor<4xf32>, %B: tensor<2x2x6xf32>, %s: tensor<2x4x8x6xf32>) {
  // expected-error @+1 {{'seq.ssd_step' op result `y` must have shape [B, H, P] = [2, 4, 8], got [2, 4, 6]}}
  %y, %s1 = seq.ssd_step %x, %dt, %A, %B, %B state(%s) : (tensor<2x4x8xf32>, tensor<2x4xf32>, tensor<4xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<2x4x8x6xf32>) -> (tensor<2x4x6xf32>, tensor<2x4x8x6xf32>)
  return
}

// -----

func.func @ssd_step_new_state_shape(%x: tensor<2x4x8xf32>, %dt: tensor<2x4xf32>, %A: tensor<4xf32>, %B: tensor<2x2x6xf32>, %s: tensor<2x4x8x6xf32>) {
  // expected-error @+1 {{'seq.ssd_step' op result `new_state` must have shape [B, H, P, N] = [2, 4, 8, 6], got [2, 4, 6, 8]}}
  %y, %s1 = seq.ssd_step %x, %dt, %A, %B, %B state(%s) : (tensor<2x4x8xf32>, tensor<2x4xf32>, tensor<4xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<2x4x8x6xf32>) -> (tensor<2x4x8xf32>, tensor<2x4x6x8xf32>)
  return
}

// -----

func.func @ssd_step_y_element_type(%x: tensor<2x4x8xf16>, %dt: tensor<2x4xf16>, %A: tensor<4xf32>, %B: tensor<2x2x6xf16>, %s: tensor<2x4x8x6xf32>) {
  // expected-error @+1 {{'seq.ssd_step' op result `y` must have the element type of `x` ('f16'), got 'f32'}}
  %y, %s1 = seq.ssd_step %x, %dt, %A, %B, %B state(%s) : (tensor<2x4x8xf16>, tensor<2x4xf16>, tensor<4xf32>, tensor<2x2x6xf16>, tensor<2x2x6xf16>, tensor<2x4x8x6xf32>) -> (tensor<2x4x8xf32>, tensor<2x4x8x6xf32>)
  return
}

// -----

// The verifier does not compare new_state's element type with the state's;
// result type inference (new_state has the state's type) still rejects it.
func.func @ssd_step_new_state_type(%x: tensor<2x4x8xf32>, %dt: tensor<2x4xf32>, %A: tensor<4xf32>, %B: tensor<2x2x6xf32>, %s: tensor<2x4x8x6xf32>) {
  // expected-error @+1 {{'seq.ssd_step' op result `new_state` must have the element type of `state` ('f32'), got 'f16'}}
  %y, %s1 = seq.ssd_step %x, %dt, %A, %B, %B state(%s) : (tensor<2x4x8xf32>, tensor<2x4xf32>, tensor<4xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<2x4x8x6xf32>) -> (tensor<2x4x8xf32>, tensor<2x4x8x6xf16>)
  return
}
