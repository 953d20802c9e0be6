// Round trip of the linear-attention ops (pretty and generic forms).
// RUN: seqc-opt %s | seqc-opt | FileCheck %s
// RUN: seqc-opt %s --mlir-print-op-generic | seqc-opt | FileCheck %s

// Gated DeltaNet as in Qwen3-Next: 4 query/key heads, 8 value heads (key
// heads shared across value heads), scalar gate and beta per value head.
// CHECK-LABEL: func.func @gated_delta
// CHECK-SAME:    (%[[Q:.+]]: tensor<1x4x50x32xf32>, %[[K:.+]]: tensor<1x4x50x32xf32>, %[[V:.+]]: tensor<1x8x50x64xf32>, %[[G:.+]]: tensor<1x8x50xf32>, %[[BETA:.+]]: tensor<1x8x50xf32>, %[[S0:.+]]: tensor<1x8x32x64xf32>)
// CHECK:         %[[O:.+]], %[[S:.+]] = seq.linear_attention %[[Q]], %[[K]], %[[V]] decay<scalar> gate(%[[G]]) update<delta> beta(%[[BETA]]) initial_state(%[[S0]]) {scale = 1.000000e+00 : f32}
// CHECK-SAME:    -> (tensor<1x8x50x64xf32>, tensor<1x8x32x64xf32>)
// CHECK:         return %[[O]], %[[S]]
func.func @gated_delta(
    %q: tensor<1x4x50x32xf32>, %k: tensor<1x4x50x32xf32>,
    %v: tensor<1x8x50x64xf32>, %g: tensor<1x8x50xf32>,
    %beta: tensor<1x8x50xf32>, %s0: tensor<1x8x32x64xf32>)
    -> (tensor<1x8x50x64xf32>, tensor<1x8x32x64xf32>) {
  %o, %s = seq.linear_attention %q, %k, %v decay<scalar> gate(%g)
      update<delta> beta(%beta) initial_state(%s0) {scale = 1.0 : f32}
      : (tensor<1x4x50x32xf32>, tensor<1x4x50x32xf32>,
         tensor<1x8x50x64xf32>, tensor<1x8x50xf32>, tensor<1x8x50xf32>,
         tensor<1x8x32x64xf32>)
      -> (tensor<1x8x50x64xf32>, tensor<1x8x32x64xf32>)
  return %o, %s : tensor<1x8x50x64xf32>, tensor<1x8x32x64xf32>
}

// RetNet: a fixed log-decay per head, default scale, explicit chunk size.
// CHECK-LABEL: func.func @retnet
// CHECK:         seq.linear_attention %{{.+}}, %{{.+}}, %{{.+}} decay<fixed> gate(%{{.+}}) update<additive> {chunk_size = 32 : i64} : (tensor<2x4x17x16xf32>, tensor<2x4x17x16xf32>, tensor<2x4x17x16xf32>, tensor<4xf32>) -> tensor<2x4x17x16xf32>
func.func @retnet(%q: tensor<2x4x17x16xf32>, %gamma: tensor<4xf32>)
    -> tensor<2x4x17x16xf32> {
  %o = seq.linear_attention %q, %q, %q decay<fixed> gate(%gamma)
      update<additive> {chunk_size = 32 : i64}
      : (tensor<2x4x17x16xf32>, tensor<2x4x17x16xf32>,
         tensor<2x4x17x16xf32>, tensor<4xf32>) -> tensor<2x4x17x16xf32>
  return %o : tensor<2x4x17x16xf32>
}

// GLA: a per-key-dim gate; grouped-query heads (8 query heads over 2
// key/value heads).
// CHECK-LABEL: func.func @gla_grouped_query
// CHECK:         seq.linear_attention %{{.+}}, %{{.+}}, %{{.+}} decay<vector> gate(%{{.+}}) update<additive> : (tensor<1x8x9x16xf32>, tensor<1x2x9x16xf32>, tensor<1x2x9x24xf32>, tensor<1x2x9x16xf32>) -> tensor<1x8x9x24xf32>
func.func @gla_grouped_query(
    %q: tensor<1x8x9x16xf32>, %k: tensor<1x2x9x16xf32>,
    %v: tensor<1x2x9x24xf32>, %g: tensor<1x2x9x16xf32>)
    -> tensor<1x8x9x24xf32> {
  %o = seq.linear_attention %q, %k, %v decay<vector> gate(%g)
      update<additive>
      : (tensor<1x8x9x16xf32>, tensor<1x2x9x16xf32>, tensor<1x2x9x24xf32>,
         tensor<1x2x9x16xf32>) -> tensor<1x8x9x24xf32>
  return %o : tensor<1x8x9x24xf32>
}

// CHECK-LABEL: func.func @linear_attention_step
// CHECK:         %[[O:.+]], %[[S:.+]] = seq.linear_attention_step %{{.+}}, %{{.+}}, %{{.+}} decay<none> update<delta> beta(%{{.+}}) state(%{{.+}}) :
// CHECK-SAME:    -> (tensor<2x4x32xf32>, tensor<2x4x32x32xf32>)
// CHECK:         return %[[O]], %[[S]]
func.func @linear_attention_step(
    %q: tensor<2x4x32xf32>, %beta: tensor<2x4xf32>,
    %s: tensor<2x4x32x32xf32>) -> (tensor<2x4x32xf32>, tensor<2x4x32x32xf32>) {
  %o, %s1 = seq.linear_attention_step %q, %q, %q decay<none> update<delta>
      beta(%beta) state(%s)
      : (tensor<2x4x32xf32>, tensor<2x4x32xf32>, tensor<2x4x32xf32>,
         tensor<2x4xf32>, tensor<2x4x32x32xf32>)
      -> (tensor<2x4x32xf32>, tensor<2x4x32x32xf32>)
  return %o, %s1 : tensor<2x4x32xf32>, tensor<2x4x32x32xf32>
}
