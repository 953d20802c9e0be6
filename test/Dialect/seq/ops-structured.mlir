// Round trip of the Monarch and RMSNorm ops (pretty and generic forms).
// RUN: seqc-opt %s | seqc-opt | FileCheck %s
// RUN: seqc-opt %s --mlir-print-op-generic | seqc-opt | FileCheck %s

// CHECK-LABEL: func.func @monarch_square
// CHECK-SAME:    (%[[X:.+]]: tensor<8x1024xf32>, %[[W1:.+]]: tensor<32x32x32xf32>, %[[W2:.+]]: tensor<32x32x32xf32>)
// CHECK:         %[[Y:.+]] = seq.monarch_matmul %[[X]], %[[W1]], %[[W2]] : (tensor<8x1024xf32>, tensor<32x32x32xf32>, tensor<32x32x32xf32>) -> tensor<8x1024xf32>
// CHECK:         return %[[Y]]
func.func @monarch_square(%x: tensor<8x1024xf32>, %w1: tensor<32x32x32xf32>,
                          %w2: tensor<32x32x32xf32>) -> tensor<8x1024xf32> {
  %y = seq.monarch_matmul %x, %w1, %w2
      : (tensor<8x1024xf32>, tensor<32x32x32xf32>, tensor<32x32x32xf32>)
      -> tensor<8x1024xf32>
  return %y : tensor<8x1024xf32>
}

// 256 -> 192: 4 blocks of 64 -> 32 (128 values, viewed as 8 x 16), then
// 8 blocks of 16 -> 24.
// CHECK-LABEL: func.func @monarch_rectangular
// CHECK:         seq.monarch_matmul %{{.+}}, %{{.+}}, %{{.+}} : (tensor<3x5x256xf32>, tensor<4x32x64xf32>, tensor<8x24x16xf32>) -> tensor<3x5x192xf32>
func.func @monarch_rectangular(%x: tensor<3x5x256xf32>,
                               %w1: tensor<4x32x64xf32>,
                               %w2: tensor<8x24x16xf32>)
    -> tensor<3x5x192xf32> {
  %y = seq.monarch_matmul %x, %w1, %w2
      : (tensor<3x5x256xf32>, tensor<4x32x64xf32>, tensor<8x24x16xf32>)
      -> tensor<3x5x192xf32>
  return %y : tensor<3x5x192xf32>
}

// Parameters may use any float type; x and y share one: bf16 activations
// with f32 and f16 weights.
// CHECK-LABEL: func.func @monarch_mixed_precision
// CHECK:         seq.monarch_matmul %{{.+}}, %{{.+}}, %{{.+}} : (tensor<8x16xbf16>, tensor<4x4x4xf32>, tensor<4x4x4xf16>) -> tensor<8x16xbf16>
func.func @monarch_mixed_precision(%x: tensor<8x16xbf16>,
                                   %w1: tensor<4x4x4xf32>,
                                   %w2: tensor<4x4x4xf16>)
    -> tensor<8x16xbf16> {
  %y = seq.monarch_matmul %x, %w1, %w2
      : (tensor<8x16xbf16>, tensor<4x4x4xf32>, tensor<4x4x4xf16>)
      -> tensor<8x16xbf16>
  return %y : tensor<8x16xbf16>
}

// CHECK-LABEL: func.func @block_diagonal
// CHECK:         seq.monarch_matmul %{{.+}}, %{{.+}} : (tensor<?x256xf32>, tensor<4x32x64xf32>) -> tensor<?x128xf32>
func.func @block_diagonal(%x: tensor<?x256xf32>, %w1: tensor<4x32x64xf32>)
    -> tensor<?x128xf32> {
  %y = seq.monarch_matmul %x, %w1
      : (tensor<?x256xf32>, tensor<4x32x64xf32>) -> tensor<?x128xf32>
  return %y : tensor<?x128xf32>
}

// CHECK-LABEL: func.func @rms_norm_grouped_gated
// CHECK-SAME:    (%[[X:.+]]: tensor<2x17x512xf32>, %[[W:.+]]: tensor<512xf32>, %[[Z:.+]]: tensor<2x17x512xf32>)
// CHECK:         seq.rms_norm %[[X]], %[[W]] gate(%[[Z]]) {eps = 9.99999997E-7 : f32, groups = 8 : i64}
func.func @rms_norm_grouped_gated(%x: tensor<2x17x512xf32>,
                                  %w: tensor<512xf32>,
                                  %z: tensor<2x17x512xf32>)
    -> tensor<2x17x512xf32> {
  %y = seq.rms_norm %x, %w gate(%z) {eps = 1.0e-6 : f32, groups = 8 : i64}
      : (tensor<2x17x512xf32>, tensor<512xf32>, tensor<2x17x512xf32>)
      -> tensor<2x17x512xf32>
  return %y : tensor<2x17x512xf32>
}

// Defaults (eps 1e-5, one group) are not printed.
// CHECK-LABEL: func.func @rms_norm_defaults
// CHECK:         seq.rms_norm %{{.+}}, %{{.+}} : (tensor<7xbf16>, tensor<7xf32>) -> tensor<7xbf16>
func.func @rms_norm_defaults(%x: tensor<7xbf16>, %w: tensor<7xf32>)
    -> tensor<7xbf16> {
  %y = seq.rms_norm %x, %w : (tensor<7xbf16>, tensor<7xf32>) -> tensor<7xbf16>
  return %y : tensor<7xbf16>
}
