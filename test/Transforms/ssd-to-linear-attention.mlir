// seq-ssd-to-linear-attention: an SSD with a #seq.lowering_config becomes
// scalar-decay linear attention carrying the config: dt (+ bias,
// softplus) head-major, gate dt A, values dt x, queries C and keys B
// head-major (groups are shared heads), the state transposed in and out,
// and D x added to the output.
// RUN: seqc-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(seq-ssd-to-linear-attention))' --verify-diagnostics | FileCheck %s

// CHECK-LABEL: func.func @ssd
// CHECK-SAME:    (%[[X:.+]]: tensor<2x40x4x8xf32>, %[[DT:.+]]: tensor<2x40x4xf32>, %[[A:.+]]: tensor<4xf32>, %[[B:.+]]: tensor<2x40x2x16xf32>, %[[C:.+]]: tensor<2x40x2x16xf32>, %[[D:.+]]: tensor<4x8xf32>, %[[BIAS:.+]]: tensor<4xf32>, %[[H0:.+]]: tensor<2x4x8x16xf32>)
// dt + bias, softplus, as [B, H, L]
// CHECK:         %[[DTH:.+]] = linalg.generic {{.+}} ins(%[[DT]], %[[BIAS]] : tensor<2x40x4xf32>, tensor<4xf32>) outs(%{{.+}} : tensor<2x4x40xf32>)
// CHECK:           arith.addf
// CHECK:           math.log1p
// CHECK:         %[[GATE:.+]] = linalg.generic {{.+}} ins(%[[DTH]], %[[A]] : {{.+}}) outs(%{{.+}} : tensor<2x4x40xf32>)
// CHECK:         %[[V:.+]] = linalg.generic {{.+}} ins(%[[X]], %[[DTH]] : {{.+}}) outs(%{{.+}} : tensor<2x4x40x8xf32>)
// CHECK:         %[[Q:.+]] = linalg.generic {{.+}} ins(%[[C]] : {{.+}}) outs(%{{.+}} : tensor<2x2x40x16xf32>)
// CHECK:         %[[K:.+]] = linalg.generic {{.+}} ins(%[[B]] : {{.+}}) outs(%{{.+}} : tensor<2x2x40x16xf32>)
// CHECK:         %[[S0:.+]] = linalg.generic {{.+}} ins(%[[H0]] : {{.+}}) outs(%{{.+}} : tensor<2x4x16x8xf32>)
// CHECK:         %[[O:.+]], %[[S:.+]] = seq.linear_attention %[[Q]], %[[K]], %[[V]] decay<scalar> gate(%[[GATE]]) update<additive> initial_state(%[[S0]]) {chunk_size = 16 : i64, scale = 1.000000e+00 : f32, seq.lowering_config = #seq.lowering_config<chunk_size = 16>}
// CHECK:         %[[Y:.+]] = linalg.generic {{.+}} ins(%[[O]], %[[X]], %[[D]] : {{.+}}) outs(%{{.+}} : tensor<2x40x4x8xf32>)
// CHECK:           arith.mulf
// CHECK:           arith.addf
// CHECK:         %[[H:.+]] = linalg.generic {{.+}} ins(%[[S]] : tensor<2x4x16x8xf32>) outs(%{{.+}} : tensor<2x4x8x16xf32>)
// CHECK:         return %[[Y]], %[[H]]
func.func @ssd(%x: tensor<2x40x4x8xf32>, %dt: tensor<2x40x4xf32>, %A: tensor<4xf32>,
               %B: tensor<2x40x2x16xf32>, %C: tensor<2x40x2x16xf32>, %D: tensor<4x8xf32>,
               %bias: tensor<4xf32>, %h0: tensor<2x4x8x16xf32>)
    -> (tensor<2x40x4x8xf32>, tensor<2x4x8x16xf32>) {
  %y, %h = seq.ssd %x, %dt, %A, %B, %C D(%D) dt_bias(%bias) initial_state(%h0)
      {dt_softplus, seq.lowering_config = #seq.lowering_config<chunk_size = 16>}
      : (tensor<2x40x4x8xf32>, tensor<2x40x4xf32>, tensor<4xf32>, tensor<2x40x2x16xf32>,
         tensor<2x40x2x16xf32>, tensor<4x8xf32>, tensor<4xf32>, tensor<2x4x8x16xf32>)
      -> (tensor<2x40x4x8xf32>, tensor<2x4x8x16xf32>)
  return %y, %h : tensor<2x40x4x8xf32>, tensor<2x4x8x16xf32>
}

// -----

// Without bias, softplus and D: dt is only transposed, y only transposed.
// CHECK-LABEL: func.func @minimal
// CHECK-NOT:     math.log1p
// CHECK:         seq.linear_attention
// CHECK:         linalg.generic {{.+}} ins(%{{.+}} : tensor<1x2x20x4xf32>) outs(%{{.+}} : tensor<1x20x2x4xf32>)
// CHECK-NOT:       arith.mulf
// CHECK:         return
func.func @minimal(%x: tensor<1x20x2x4xf32>, %dt: tensor<1x20x2xf32>, %A: tensor<2xf32>,
                   %B: tensor<1x20x1x8xf32>) -> tensor<1x20x2x4xf32> {
  %y = seq.ssd %x, %dt, %A, %B, %B {seq.lowering_config = #seq.lowering_config<chunk_size = 8>}
      : (tensor<1x20x2x4xf32>, tensor<1x20x2xf32>, tensor<2xf32>, tensor<1x20x1x8xf32>,
         tensor<1x20x1x8xf32>) -> tensor<1x20x2x4xf32>
  return %y : tensor<1x20x2x4xf32>
}

// -----

// Without a config the SSD stays.
// CHECK-LABEL: func.func @no_config
// CHECK:         seq.ssd
// CHECK-NOT:     seq.linear_attention
func.func @no_config(%x: tensor<1x20x2x4xf32>, %dt: tensor<1x20x2xf32>, %A: tensor<2xf32>,
                     %B: tensor<1x20x1x8xf32>) -> tensor<1x20x2x4xf32> {
  %y = seq.ssd %x, %dt, %A, %B, %B
      : (tensor<1x20x2x4xf32>, tensor<1x20x2xf32>, tensor<2xf32>, tensor<1x20x1x8xf32>,
         tensor<1x20x1x8xf32>) -> tensor<1x20x2x4xf32>
  return %y : tensor<1x20x2x4xf32>
}

// -----

func.func @dynamic(%x: tensor<1x?x2x4xf32>, %dt: tensor<1x?x2xf32>, %A: tensor<2xf32>,
                   %B: tensor<1x?x1x8xf32>) -> tensor<1x?x2x4xf32> {
  // expected-error @+1 {{the chunked form needs static f32 tensors; got 'tensor<1x?x2x4xf32>'}}
  %y = seq.ssd %x, %dt, %A, %B, %B {seq.lowering_config = #seq.lowering_config<chunk_size = 8>}
      : (tensor<1x?x2x4xf32>, tensor<1x?x2xf32>, tensor<2xf32>, tensor<1x?x1x8xf32>,
         tensor<1x?x1x8xf32>) -> tensor<1x?x2x4xf32>
  return %y : tensor<1x?x2x4xf32>
}
