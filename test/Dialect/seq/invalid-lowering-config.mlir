// seq.lowering_config is verified wherever it appears: it must be a
// #seq.lowering_config with a positive chunk, on an op that has a chunked
// form; no other seq.* attribute exists.
// RUN: seqc-opt %s --split-input-file --verify-diagnostics

func.func @not_a_config(%q: tensor<1x1x8x4xf32>) -> tensor<1x1x8x4xf32> {
  // expected-error @+1 {{'seq.lowering_config' must be a #seq.lowering_config, got 64 : i64}}
  %o = seq.linear_attention %q, %q, %q decay<none> update<additive> {seq.lowering_config = 64 : i64}
      : (tensor<1x1x8x4xf32>, tensor<1x1x8x4xf32>, tensor<1x1x8x4xf32>) -> tensor<1x1x8x4xf32>
  return %o : tensor<1x1x8x4xf32>
}

// -----

func.func @wrong_op(%x: tensor<2x8x4xf32>, %w: tensor<8x4xf32>) -> tensor<2x8x4xf32> {
  // expected-error @+1 {{'seq.lowering_config' is only taken by seq.linear_attention and seq.ssd}}
  %y = seq.causal_conv1d %x, %w {seq.lowering_config = #seq.lowering_config<chunk_size = 4>}
      : (tensor<2x8x4xf32>, tensor<8x4xf32>) -> tensor<2x8x4xf32>
  return %y : tensor<2x8x4xf32>
}

// -----

func.func @unknown(%q: tensor<1x1x8x4xf32>) -> tensor<1x1x8x4xf32> {
  // expected-error @+1 {{unknown seq attribute 'seq.tile_sizes'}}
  %o = seq.linear_attention %q, %q, %q decay<none> update<additive> {seq.tile_sizes = 64 : i64}
      : (tensor<1x1x8x4xf32>, tensor<1x1x8x4xf32>, tensor<1x1x8x4xf32>) -> tensor<1x1x8x4xf32>
  return %o : tensor<1x1x8x4xf32>
}
