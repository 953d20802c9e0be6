// What convert-seq-to-linalg refuses: an op no pattern can lower stays and
// is reported on that op, and the pass fails.
// RUN: seqc-opt %s --split-input-file --convert-seq-to-linalg --verify-diagnostics

// W4A8 with an odd group size: the int4 bytes of a group would straddle two
// groups (QuantToLinalg.cpp: "packed int4 weights need an even group_size").
// The verifier accepts it (group_size = 3 divides K = 6, K is even).
func.func @qmatmul_w4a8_odd_group_size(%x: tensor<4x6xi8>, %w: tensor<8x3xi8>,
                                       %ws: tensor<8x2xf32>, %xs: tensor<f32>)
    -> tensor<4x8xf32> {
  // expected-error @+1 {{'seq.qmatmul' op could not be lowered to linalg (see the lowering's requirements in docs/seqc.md)}}
  %y = seq.qmatmul %x, %w, %ws input_scale(%xs)
      {weight_bits = 4 : i64, group_size = 3 : i64}
      : (tensor<4x6xi8>, tensor<8x3xi8>, tensor<8x2xf32>, tensor<f32>)
      -> tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}

// -----

// The same with per-token scales, after an op that does lower: only the
// qmatmul is reported.
func.func @qmatmul_w4a8_odd_group_size_after_quantize(
    %a: tensor<3x10xf32>, %as: tensor<3xf32>, %w: tensor<4x5xi8>,
    %ws: tensor<4x2xf32>) -> tensor<3x4xf32> {
  %x = seq.quantize %a, %as : (tensor<3x10xf32>, tensor<3xf32>)
      -> tensor<3x10xi8>
  // expected-error @+1 {{'seq.qmatmul' op could not be lowered to linalg (see the lowering's requirements in docs/seqc.md)}}
  %y = seq.qmatmul %x, %w, %ws input_scale(%as)
      {weight_bits = 4 : i64, group_size = 5 : i64}
      : (tensor<3x10xi8>, tensor<4x5xi8>, tensor<4x2xf32>, tensor<3xf32>)
      -> tensor<3x4xf32>
  return %y : tensor<3x4xf32>
}
