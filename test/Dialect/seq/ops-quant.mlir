// Round trip of the quantization ops (pretty and generic forms).
// RUN: seqc-opt %s | seqc-opt | FileCheck %s
// RUN: seqc-opt %s --mlir-print-op-generic | seqc-opt | FileCheck %s

// CHECK-LABEL: func.func @quantize_int4_grouped
// CHECK:         seq.quantize %{{.+}}, %{{.+}} {bits = 4 : i64, group_size = 128 : i64, packed} : (tensor<256x512xf32>, tensor<256x4xf32>) -> tensor<256x256xi8>
func.func @quantize_int4_grouped(%w: tensor<256x512xf32>,
                                 %s: tensor<256x4xf32>) -> tensor<256x256xi8> {
  %q = seq.quantize %w, %s {bits = 4 : i64, group_size = 128 : i64, packed}
      : (tensor<256x512xf32>, tensor<256x4xf32>) -> tensor<256x256xi8>
  return %q : tensor<256x256xi8>
}

// Per-tensor int8 activation scale; the default bits are not printed.
// CHECK-LABEL: func.func @quantize_per_tensor
// CHECK:         seq.quantize %{{.+}}, %{{.+}} : (tensor<16x512xf32>, tensor<f32>) -> tensor<16x512xi8>
func.func @quantize_per_tensor(%x: tensor<16x512xf32>, %s: tensor<f32>)
    -> tensor<16x512xi8> {
  %q = seq.quantize %x, %s : (tensor<16x512xf32>, tensor<f32>)
      -> tensor<16x512xi8>
  return %q : tensor<16x512xi8>
}

// CHECK-LABEL: func.func @dequantize_int4_per_channel
// CHECK:         seq.dequantize %{{.+}}, %{{.+}} {bits = 4 : i64, packed} : (tensor<256x256xi8>, tensor<256xf32>) -> tensor<256x512xf16>
func.func @dequantize_int4_per_channel(%q: tensor<256x256xi8>,
                                       %s: tensor<256xf32>)
    -> tensor<256x512xf16> {
  %w = seq.dequantize %q, %s {bits = 4 : i64, packed}
      : (tensor<256x256xi8>, tensor<256xf32>) -> tensor<256x512xf16>
  return %w : tensor<256x512xf16>
}

// W4A8: int8 activations with a per-token scale, int4 weights.
// CHECK-LABEL: func.func @qmatmul_w4a8
// CHECK-SAME:    (%[[X:.+]]: tensor<16x512xi8>, %[[W:.+]]: tensor<256x256xi8>, %[[WS:.+]]: tensor<256xf32>, %[[XS:.+]]: tensor<16xf32>, %[[B:.+]]: tensor<256xf32>)
// CHECK:         seq.qmatmul %[[X]], %[[W]], %[[WS]] input_scale(%[[XS]]) bias(%[[B]]) {weight_bits = 4 : i64} : {{.+}} -> tensor<16x256xf32>
func.func @qmatmul_w4a8(%x: tensor<16x512xi8>, %w: tensor<256x256xi8>,
                        %ws: tensor<256xf32>, %xs: tensor<16xf32>,
                        %b: tensor<256xf32>) -> tensor<16x256xf32> {
  %y = seq.qmatmul %x, %w, %ws input_scale(%xs) bias(%b) {weight_bits = 4 : i64}
      : (tensor<16x512xi8>, tensor<256x256xi8>, tensor<256xf32>,
         tensor<16xf32>, tensor<256xf32>) -> tensor<16x256xf32>
  return %y : tensor<16x256xf32>
}

// W8A8 with a per-tensor activation scale.
// CHECK-LABEL: func.func @qmatmul_w8a8
// CHECK:         seq.qmatmul %{{.+}}, %{{.+}}, %{{.+}} input_scale(%{{.+}}) : (tensor<2x3x64xi8>, tensor<32x64xi8>, tensor<32xf32>, tensor<f32>) -> tensor<2x3x32xf32>
func.func @qmatmul_w8a8(%x: tensor<2x3x64xi8>, %w: tensor<32x64xi8>,
                        %ws: tensor<32xf32>, %xs: tensor<f32>)
    -> tensor<2x3x32xf32> {
  %y = seq.qmatmul %x, %w, %ws input_scale(%xs)
      : (tensor<2x3x64xi8>, tensor<32x64xi8>, tensor<32xf32>, tensor<f32>)
      -> tensor<2x3x32xf32>
  return %y : tensor<2x3x32xf32>
}

// W4A16: f16 activations, int4 weights with one scale per 128 inputs.
// CHECK-LABEL: func.func @qmatmul_w4a16_grouped
// CHECK:         seq.qmatmul %{{.+}}, %{{.+}}, %{{.+}} {group_size = 128 : i64, weight_bits = 4 : i64} : (tensor<4x512xf16>, tensor<64x256xi8>, tensor<64x4xf32>) -> tensor<4x64xf16>
func.func @qmatmul_w4a16_grouped(%x: tensor<4x512xf16>, %w: tensor<64x256xi8>,
                                 %ws: tensor<64x4xf32>) -> tensor<4x64xf16> {
  %y = seq.qmatmul %x, %w, %ws {group_size = 128 : i64, weight_bits = 4 : i64}
      : (tensor<4x512xf16>, tensor<64x256xi8>, tensor<64x4xf32>)
      -> tensor<4x64xf16>
  return %y : tensor<4x64xf16>
}
