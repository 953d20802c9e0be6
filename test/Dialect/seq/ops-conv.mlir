// Round trip of the causal convolution ops (pretty and generic forms).
// RUN: seqc-opt %s | seqc-opt | FileCheck %s
// RUN: seqc-opt %s --mlir-print-op-generic | seqc-opt | FileCheck %s

// CHECK-LABEL: func.func @conv_all_operands
// CHECK-SAME:    (%[[X:.+]]: tensor<2x64x37xf32>, %[[W:.+]]: tensor<64x4xf32>, %[[B:.+]]: tensor<64xf32>, %[[S0:.+]]: tensor<2x64x3xf32>)
// CHECK:         %[[Y:.+]], %[[S:.+]] = seq.causal_conv1d %[[X]], %[[W]] bias(%[[B]]) initial_state(%[[S0]]) activation<silu> :
// CHECK-SAME:    -> (tensor<2x64x37xf32>, tensor<2x64x3xf32>)
// CHECK:         return %[[Y]], %[[S]]
func.func @conv_all_operands(
    %x: tensor<2x64x37xf32>, %w: tensor<64x4xf32>, %b: tensor<64xf32>,
    %s0: tensor<2x64x3xf32>) -> (tensor<2x64x37xf32>, tensor<2x64x3xf32>) {
  %y, %s = seq.causal_conv1d %x, %w bias(%b) initial_state(%s0)
      activation<silu>
      : (tensor<2x64x37xf32>, tensor<64x4xf32>, tensor<64xf32>,
         tensor<2x64x3xf32>) -> (tensor<2x64x37xf32>, tensor<2x64x3xf32>)
  return %y, %s : tensor<2x64x37xf32>, tensor<2x64x3xf32>
}

// The default activation (none) is not printed.
// CHECK-LABEL: func.func @conv_minimal
// CHECK:         seq.causal_conv1d %{{.+}}, %{{.+}} : (tensor<1x8x1xf16>, tensor<8x2xf16>) -> tensor<1x8x1xf16>
func.func @conv_minimal(%x: tensor<1x8x1xf16>, %w: tensor<8x2xf16>)
    -> tensor<1x8x1xf16> {
  %y = seq.causal_conv1d %x, %w
      : (tensor<1x8x1xf16>, tensor<8x2xf16>) -> tensor<1x8x1xf16>
  return %y : tensor<1x8x1xf16>
}

// CHECK-LABEL: func.func @conv_step
// CHECK:         %[[Y:.+]], %[[S:.+]] = seq.causal_conv1d_step %{{.+}}, %{{.+}} bias(%{{.+}}) state(%{{.+}}) activation<silu> :
// CHECK:         return %[[Y]], %[[S]]
func.func @conv_step(%x: tensor<2x64xf32>, %w: tensor<64x4xf32>,
                     %b: tensor<64xf32>, %s: tensor<2x64x3xf32>)
    -> (tensor<2x64xf32>, tensor<2x64x3xf32>) {
  %y, %s1 = seq.causal_conv1d_step %x, %w bias(%b) state(%s)
      activation<silu>
      : (tensor<2x64xf32>, tensor<64x4xf32>, tensor<64xf32>,
         tensor<2x64x3xf32>) -> (tensor<2x64xf32>, tensor<2x64x3xf32>)
  return %y, %s1 : tensor<2x64xf32>, tensor<2x64x3xf32>
}
