// seq-select-chunking: the strategy step records the chunked form (chunks
// of 32 by default) on linear attention with f32 static shapes, at least
// min-length (64) steps and a key dim of at least min-key-dim (96, additive
// update) or delta-min-key-dim (128, the delta rules), and on SSD of at
// least min-length steps; everything else stays recurrent.
// RUN: seqc-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(seq-select-chunking))' | FileCheck %s
// RUN: seqc-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(seq-select-chunking{min-length=16 chunk-size=16 min-key-dim=16 delta-min-key-dim=16}))' | FileCheck %s --check-prefix=SMALL
// RUN: not seqc-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(seq-select-chunking{chunk-size=0}))' 2>&1 | FileCheck %s --check-prefix=BAD

// BAD: chunk-size must be positive, got 0

// CHECK-LABEL: func.func @long_scalar
// CHECK:         seq.linear_attention {{.+}} {seq.lowering_config = #seq.lowering_config<chunk_size = 32>}
// SMALL-LABEL: func.func @long_scalar
// SMALL:         seq.lowering_config = #seq.lowering_config<chunk_size = 16>
func.func @long_scalar(%q: tensor<1x2x64x96xf32>, %v: tensor<1x2x64x64xf32>, %g: tensor<1x2x64xf32>) -> tensor<1x2x64x64xf32> {
  %o = seq.linear_attention %q, %q, %v decay<scalar> gate(%g) update<additive>
      : (tensor<1x2x64x96xf32>, tensor<1x2x64x96xf32>, tensor<1x2x64x64xf32>, tensor<1x2x64xf32>) -> tensor<1x2x64x64xf32>
  return %o : tensor<1x2x64x64xf32>
}

// -----

// Shorter than min-length (64 by default): recurrent.
// CHECK-LABEL: func.func @short
// CHECK-NOT:     seq.lowering_config
// SMALL-LABEL: func.func @short
// SMALL:         seq.lowering_config = #seq.lowering_config<chunk_size = 16>
func.func @short(%q: tensor<2x2x63x128xf32>, %v: tensor<2x2x63x16xf32>, %g: tensor<2xf32>) -> tensor<2x2x63x16xf32> {
  %o = seq.linear_attention %q, %q, %v decay<fixed> gate(%g) update<additive>
      : (tensor<2x2x63x128xf32>, tensor<2x2x63x128xf32>, tensor<2x2x63x16xf32>, tensor<2xf32>) -> tensor<2x2x63x16xf32>
  return %o : tensor<2x2x63x16xf32>
}

// -----

// Key dims below min-key-dim (96 by default): the recurrent form keeps the
// [K, V] state in L1 and is faster.
// CHECK-LABEL: func.func @small_keys
// CHECK-NOT:     seq.lowering_config
// SMALL-LABEL: func.func @small_keys
// SMALL:         seq.lowering_config = #seq.lowering_config<chunk_size = 16>
func.func @small_keys(%q: tensor<1x2x512x64xf32>, %g: tensor<1x2x512x64xf32>) -> tensor<1x2x512x64xf32> {
  %o = seq.linear_attention %q, %q, %q decay<vector> gate(%g) update<additive>
      : (tensor<1x2x512x64xf32>, tensor<1x2x512x64xf32>, tensor<1x2x512x64xf32>, tensor<1x2x512x64xf32>) -> tensor<1x2x512x64xf32>
  return %o : tensor<1x2x512x64xf32>
}

// -----

// Not handled by the chunked form: bf16, a dynamic length (with either
// update rule). All stay recurrent.
// CHECK-LABEL: func.func @not_chunked
// CHECK-NOT:     seq.lowering_config
// SMALL-LABEL: func.func @not_chunked
// SMALL-NOT:     seq.lowering_config
func.func @not_chunked(%qb: tensor<1x2x512x128xbf16>, %qd: tensor<1x2x?x128xf32>, %gd: tensor<1x2x?xf32>)
    -> (tensor<1x2x?x128xf32>, tensor<1x2x512x128xbf16>, tensor<1x2x?x128xf32>) {
  %0 = seq.linear_attention %qd, %qd, %qd decay<scalar> gate(%gd) update<delta> beta(%gd)
      : (tensor<1x2x?x128xf32>, tensor<1x2x?x128xf32>, tensor<1x2x?x128xf32>, tensor<1x2x?xf32>, tensor<1x2x?xf32>) -> tensor<1x2x?x128xf32>
  %1 = seq.linear_attention %qb, %qb, %qb decay<none> update<additive>
      : (tensor<1x2x512x128xbf16>, tensor<1x2x512x128xbf16>, tensor<1x2x512x128xbf16>) -> tensor<1x2x512x128xbf16>
  %2 = seq.linear_attention %qd, %qd, %qd decay<none> update<additive>
      : (tensor<1x2x?x128xf32>, tensor<1x2x?x128xf32>, tensor<1x2x?x128xf32>) -> tensor<1x2x?x128xf32>
  return %0, %1, %2 : tensor<1x2x?x128xf32>, tensor<1x2x512x128xbf16>, tensor<1x2x?x128xf32>
}

// -----

// Every decay with either update rule has a chunked form: GLA, DeltaNet,
// gated DeltaNet, the delta rule with per-key-dim decay (K = 128).
// CHECK-LABEL: func.func @chunked_rules
// CHECK-COUNT-4: seq.lowering_config = #seq.lowering_config<chunk_size = 32>
// SMALL-LABEL: func.func @chunked_rules
// SMALL-COUNT-4: seq.lowering_config = #seq.lowering_config<chunk_size = 16>
func.func @chunked_rules(%q: tensor<1x2x128x128xf32>, %g: tensor<1x2x128xf32>, %gv: tensor<1x2x128x128xf32>)
    -> (tensor<1x2x128x128xf32>, tensor<1x2x128x128xf32>, tensor<1x2x128x128xf32>, tensor<1x2x128x128xf32>) {
  %0 = seq.linear_attention %q, %q, %q decay<vector> gate(%gv) update<additive>
      : (tensor<1x2x128x128xf32>, tensor<1x2x128x128xf32>, tensor<1x2x128x128xf32>, tensor<1x2x128x128xf32>) -> tensor<1x2x128x128xf32>
  %1 = seq.linear_attention %q, %q, %q decay<scalar> gate(%g) update<delta> beta(%g)
      : (tensor<1x2x128x128xf32>, tensor<1x2x128x128xf32>, tensor<1x2x128x128xf32>, tensor<1x2x128xf32>, tensor<1x2x128xf32>) -> tensor<1x2x128x128xf32>
  %2 = seq.linear_attention %q, %q, %q decay<none> update<delta> beta(%g)
      : (tensor<1x2x128x128xf32>, tensor<1x2x128x128xf32>, tensor<1x2x128x128xf32>, tensor<1x2x128xf32>) -> tensor<1x2x128x128xf32>
  %3 = seq.linear_attention %q, %q, %q decay<vector> gate(%gv) update<delta> beta(%g)
      : (tensor<1x2x128x128xf32>, tensor<1x2x128x128xf32>, tensor<1x2x128x128xf32>, tensor<1x2x128x128xf32>, tensor<1x2x128xf32>) -> tensor<1x2x128x128xf32>
  return %0, %1, %2, %3 : tensor<1x2x128x128xf32>, tensor<1x2x128x128xf32>, tensor<1x2x128x128xf32>, tensor<1x2x128x128xf32>
}

// -----

// The delta rules below delta-min-key-dim (128 by default) stay recurrent,
// even at a key dim where the additive rule is chunked: their chunked form
// adds a C x C triangular inverse and three products per chunk.
// CHECK-LABEL: func.func @delta_small_keys
// CHECK-NOT:     seq.lowering_config
// SMALL-LABEL: func.func @delta_small_keys
// SMALL:         seq.lowering_config = #seq.lowering_config<chunk_size = 16>
func.func @delta_small_keys(%q: tensor<1x2x512x96xf32>, %g: tensor<1x2x512xf32>) -> tensor<1x2x512x96xf32> {
  %o = seq.linear_attention %q, %q, %q decay<scalar> gate(%g) update<delta> beta(%g)
      : (tensor<1x2x512x96xf32>, tensor<1x2x512x96xf32>, tensor<1x2x512x96xf32>, tensor<1x2x512xf32>, tensor<1x2x512xf32>) -> tensor<1x2x512x96xf32>
  return %o : tensor<1x2x512x96xf32>
}

// -----

// A config already on the op (pinned by a test or a user) is kept.
// CHECK-LABEL: func.func @pinned
// CHECK:         seq.lowering_config = #seq.lowering_config<chunk_size = 8>
// SMALL-LABEL: func.func @pinned
// SMALL:         seq.lowering_config = #seq.lowering_config<chunk_size = 8>
func.func @pinned(%q: tensor<1x1x20x8xf32>) -> tensor<1x1x20x8xf32> {
  %o = seq.linear_attention %q, %q, %q decay<none> update<additive>
      {seq.lowering_config = #seq.lowering_config<chunk_size = 8>}
      : (tensor<1x1x20x8xf32>, tensor<1x1x20x8xf32>, tensor<1x1x20x8xf32>) -> tensor<1x1x20x8xf32>
  return %o : tensor<1x1x20x8xf32>
}

// -----

// SSD: chunked through linear attention when long enough (whatever its
// head sizes: its recurrent form has no [K, V] tile in L1 to lose).
// CHECK-LABEL: func.func @ssd
// CHECK:         seq.ssd {{.+}} {seq.lowering_config = #seq.lowering_config<chunk_size = 32>}
// CHECK:         seq.ssd
// CHECK-NOT:     seq.lowering_config
// SMALL-LABEL: func.func @ssd
// SMALL-COUNT-2: seq.lowering_config = #seq.lowering_config<chunk_size = 16>
func.func @ssd(%x: tensor<1x64x2x4xf32>, %dt: tensor<1x64x2xf32>, %A: tensor<2xf32>, %B: tensor<1x64x1x8xf32>,
               %xs: tensor<1x63x2x4xf32>, %dts: tensor<1x63x2xf32>, %Bs: tensor<1x63x1x8xf32>)
    -> (tensor<1x64x2x4xf32>, tensor<1x63x2x4xf32>) {
  %y = seq.ssd %x, %dt, %A, %B, %B
      : (tensor<1x64x2x4xf32>, tensor<1x64x2xf32>, tensor<2xf32>, tensor<1x64x1x8xf32>, tensor<1x64x1x8xf32>) -> tensor<1x64x2x4xf32>
  %ys = seq.ssd %xs, %dts, %A, %Bs, %Bs
      : (tensor<1x63x2x4xf32>, tensor<1x63x2xf32>, tensor<2xf32>, tensor<1x63x1x8xf32>, tensor<1x63x1x8xf32>) -> tensor<1x63x2x4xf32>
  return %y, %ys : tensor<1x64x2x4xf32>, tensor<1x63x2x4xf32>
}
