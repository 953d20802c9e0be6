// seq-select-chunking: the strategy step records the chunked form on long
// linear attention (every decay and update rule; f32; static shapes) and
// on SSD, and leaves everything else recurrent.
// RUN: seqc-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(seq-select-chunking))' | FileCheck %s
// RUN: seqc-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(seq-select-chunking{min-length=16 chunk-size=32 delta-min-key-dim=16}))' | FileCheck %s --check-prefix=SMALL
// RUN: not seqc-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(seq-select-chunking{chunk-size=0}))' 2>&1 | FileCheck %s --check-prefix=BAD

// BAD: chunk-size must be positive, got 0

// CHECK-LABEL: func.func @long_scalar
// CHECK:         seq.linear_attention {{.+}} {seq.lowering_config = #seq.lowering_config<chunk_size = 64>}
// SMALL-LABEL: func.func @long_scalar
// SMALL:         seq.lowering_config = #seq.lowering_config<chunk_size = 32>
func.func @long_scalar(%q: tensor<1x2x256x32xf32>, %v: tensor<1x2x256x64xf32>, %g: tensor<1x2x256xf32>) -> tensor<1x2x256x64xf32> {
  %o = seq.linear_attention %q, %q, %v decay<scalar> gate(%g) update<additive>
      : (tensor<1x2x256x32xf32>, tensor<1x2x256x32xf32>, tensor<1x2x256x64xf32>, tensor<1x2x256xf32>) -> tensor<1x2x256x64xf32>
  return %o : tensor<1x2x256x64xf32>
}

// -----

// Shorter than min-length (128 by default): recurrent.
// CHECK-LABEL: func.func @short
// CHECK-NOT:     seq.lowering_config
// SMALL-LABEL: func.func @short
// SMALL:         seq.lowering_config = #seq.lowering_config<chunk_size = 32>
func.func @short(%q: tensor<2x2x127x16xf32>, %v: tensor<2x2x127x16xf32>, %g: tensor<2xf32>) -> tensor<2x2x127x16xf32> {
  %o = seq.linear_attention %q, %q, %v decay<fixed> gate(%g) update<additive>
      : (tensor<2x2x127x16xf32>, tensor<2x2x127x16xf32>, tensor<2x2x127x16xf32>, tensor<2xf32>) -> tensor<2x2x127x16xf32>
  return %o : tensor<2x2x127x16xf32>
}

// -----

// Not handled by the chunked form: bf16, a dynamic length (with either
// update rule). All stay recurrent.
// CHECK-LABEL: func.func @not_chunked
// CHECK-NOT:     seq.lowering_config
// SMALL-LABEL: func.func @not_chunked
// SMALL-NOT:     seq.lowering_config
func.func @not_chunked(%q: tensor<1x2x512x16xf32>, %g: tensor<1x2x512xf32>, %gv: tensor<1x2x512x16xf32>,
                       %qb: tensor<1x2x512x16xbf16>, %qd: tensor<1x2x?x16xf32>, %gd: tensor<1x2x?xf32>)
    -> (tensor<1x2x?x16xf32>, tensor<1x2x?x16xf32>, tensor<1x2x512x16xbf16>, tensor<1x2x?x16xf32>) {
  %0 = seq.linear_attention %qd, %qd, %qd decay<scalar> gate(%gd) update<delta> beta(%gd)
      : (tensor<1x2x?x16xf32>, tensor<1x2x?x16xf32>, tensor<1x2x?x16xf32>, tensor<1x2x?xf32>, tensor<1x2x?xf32>) -> tensor<1x2x?x16xf32>
  %1 = seq.linear_attention %qd, %qd, %qd decay<none> update<additive>
      : (tensor<1x2x?x16xf32>, tensor<1x2x?x16xf32>, tensor<1x2x?x16xf32>) -> tensor<1x2x?x16xf32>
  %2 = seq.linear_attention %qb, %qb, %qb decay<none> update<additive>
      : (tensor<1x2x512x16xbf16>, tensor<1x2x512x16xbf16>, tensor<1x2x512x16xbf16>) -> tensor<1x2x512x16xbf16>
  %3 = seq.linear_attention %qd, %qd, %qd decay<none> update<additive>
      : (tensor<1x2x?x16xf32>, tensor<1x2x?x16xf32>, tensor<1x2x?x16xf32>) -> tensor<1x2x?x16xf32>
  return %0, %1, %2, %3 : tensor<1x2x?x16xf32>, tensor<1x2x?x16xf32>, tensor<1x2x512x16xbf16>, tensor<1x2x?x16xf32>
}

// -----

// Every decay with either update rule has a chunked form: GLA, DeltaNet,
// gated DeltaNet, the delta rule with per-key-dim decay (K = 128).
// CHECK-LABEL: func.func @chunked_rules
// CHECK-COUNT-4: seq.lowering_config = #seq.lowering_config<chunk_size = 64>
// SMALL-LABEL: func.func @chunked_rules
// SMALL-COUNT-4: seq.lowering_config = #seq.lowering_config<chunk_size = 32>
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

// The delta rules below delta-min-key-dim (128 by default) stay recurrent:
// at K = 64 their chunked form is slower.
// CHECK-LABEL: func.func @delta_small_keys
// CHECK-NOT:     seq.lowering_config
// SMALL-LABEL: func.func @delta_small_keys
// SMALL:         seq.lowering_config = #seq.lowering_config<chunk_size = 32>
func.func @delta_small_keys(%q: tensor<1x2x512x64xf32>, %g: tensor<1x2x512xf32>) -> tensor<1x2x512x64xf32> {
  %o = seq.linear_attention %q, %q, %q decay<scalar> gate(%g) update<delta> beta(%g)
      : (tensor<1x2x512x64xf32>, tensor<1x2x512x64xf32>, tensor<1x2x512x64xf32>, tensor<1x2x512xf32>, tensor<1x2x512xf32>) -> tensor<1x2x512x64xf32>
  return %o : tensor<1x2x512x64xf32>
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

// SSD: chunked through linear attention when long enough.
// CHECK-LABEL: func.func @ssd
// CHECK:         seq.ssd {{.+}} {seq.lowering_config = #seq.lowering_config<chunk_size = 64>}
// CHECK:         seq.ssd
// CHECK-NOT:     seq.lowering_config
// SMALL-LABEL: func.func @ssd
// SMALL-COUNT-2: seq.lowering_config = #seq.lowering_config<chunk_size = 32>
func.func @ssd(%x: tensor<1x256x2x4xf32>, %dt: tensor<1x256x2xf32>, %A: tensor<2xf32>, %B: tensor<1x256x1x8xf32>,
               %xs: tensor<1x64x2x4xf32>, %dts: tensor<1x64x2xf32>, %Bs: tensor<1x64x1x8xf32>)
    -> (tensor<1x256x2x4xf32>, tensor<1x64x2x4xf32>) {
  %y = seq.ssd %x, %dt, %A, %B, %B
      : (tensor<1x256x2x4xf32>, tensor<1x256x2xf32>, tensor<2xf32>, tensor<1x256x1x8xf32>, tensor<1x256x1x8xf32>) -> tensor<1x256x2x4xf32>
  %ys = seq.ssd %xs, %dts, %A, %Bs, %Bs
      : (tensor<1x64x2x4xf32>, tensor<1x64x2xf32>, tensor<2xf32>, tensor<1x64x1x8xf32>, tensor<1x64x1x8xf32>) -> tensor<1x64x2x4xf32>
  return %y, %ys : tensor<1x256x2x4xf32>, tensor<1x64x2x4xf32>
}
