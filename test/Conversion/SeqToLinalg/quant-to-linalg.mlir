// convert-seq-to-linalg on seq.quantize, seq.dequantize and seq.qmatmul
// (QuantToLinalg.cpp): linalg.generic ops whose indexing maps carry the
// scale layout (per tensor, per row, per group: k floordiv group_size) and
// the int4 packing (two values a byte, low nibble first).
// RUN: seqc-opt %s --split-input-file --convert-seq-to-linalg | FileCheck %s

// int8, one scale for the tensor: q = fptosi(clamp(roundeven(x / s), -128, 127)).
// CHECK-DAG:     #[[QT_ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG:     #[[QT_S:.+]] = affine_map<(d0, d1) -> ()>
// CHECK-LABEL: func.func @quantize_int8_per_tensor
// CHECK-SAME:    (%[[X:[a-zA-Z0-9_]+]]: tensor<16x512xf32>, %[[S:[a-zA-Z0-9_]+]]: tensor<f32>)
// CHECK-DAG:     %[[LO:.+]] = arith.constant -1.280000e+02 : f32
// CHECK-DAG:     %[[HI:.+]] = arith.constant 1.270000e+02 : f32
// CHECK:         %[[E:.+]] = tensor.empty() : tensor<16x512xi8>
// CHECK-NEXT:    %[[Q:.+]] = linalg.generic {indexing_maps = [#[[QT_ID]], #[[QT_S]], #[[QT_ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[X]], %[[S]] : tensor<16x512xf32>, tensor<f32>) outs(%[[E]] : tensor<16x512xi8>) {
// CHECK-NEXT:    ^bb0(%[[XV:.+]]: f32, %[[SV:.+]]: f32, %{{.+}}: i8):
// CHECK-NEXT:      %[[DIV:.+]] = arith.divf %[[XV]], %[[SV]] : f32
// CHECK-NEXT:      %[[RND:.+]] = math.roundeven %[[DIV]] : f32
// CHECK-NEXT:      %[[MAX:.+]] = arith.maximumf %[[RND]], %[[LO]] : f32
// CHECK-NEXT:      %[[MIN:.+]] = arith.minimumf %[[MAX]], %[[HI]] : f32
// CHECK-NEXT:      %[[INT:.+]] = arith.fptosi %[[MIN]] : f32 to i8
// CHECK-NEXT:      linalg.yield %[[INT]] : i8
// CHECK-NEXT:    } -> tensor<16x512xi8>
// CHECK-NEXT:    return %[[Q]] : tensor<16x512xi8>
// CHECK-NOT:     seq.
func.func @quantize_int8_per_tensor(%x: tensor<16x512xf32>, %s: tensor<f32>)
    -> tensor<16x512xi8> {
  %q = seq.quantize %x, %s : (tensor<16x512xf32>, tensor<f32>)
      -> tensor<16x512xi8>
  return %q : tensor<16x512xi8>
}

// -----

// Unpacked int4 (one value a byte) with a per-row scale on rank 3: the scale
// map drops the last dim, the clamp is [-8, 7].
// CHECK-DAG:     #[[QR_ID:.+]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG:     #[[QR_S:.+]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @quantize_int4_per_row_rank3
// CHECK-SAME:    (%[[X:[a-zA-Z0-9_]+]]: tensor<2x3x16xf32>, %[[S:[a-zA-Z0-9_]+]]: tensor<2x3xf32>)
// CHECK-DAG:     %[[LO:.+]] = arith.constant -8.000000e+00 : f32
// CHECK-DAG:     %[[HI:.+]] = arith.constant 7.000000e+00 : f32
// CHECK:         %[[E:.+]] = tensor.empty() : tensor<2x3x16xi8>
// CHECK-NEXT:    %[[Q:.+]] = linalg.generic {indexing_maps = [#[[QR_ID]], #[[QR_S]], #[[QR_ID]]], iterator_types = ["parallel", "parallel", "parallel"]} ins(%[[X]], %[[S]] : tensor<2x3x16xf32>, tensor<2x3xf32>) outs(%[[E]] : tensor<2x3x16xi8>) {
// CHECK-NEXT:    ^bb0(%[[XV:.+]]: f32, %[[SV:.+]]: f32, %{{.+}}: i8):
// CHECK-NEXT:      %[[DIV:.+]] = arith.divf %[[XV]], %[[SV]] : f32
// CHECK-NEXT:      %[[RND:.+]] = math.roundeven %[[DIV]] : f32
// CHECK-NEXT:      %[[MAX:.+]] = arith.maximumf %[[RND]], %[[LO]] : f32
// CHECK-NEXT:      %[[MIN:.+]] = arith.minimumf %[[MAX]], %[[HI]] : f32
// CHECK-NEXT:      %[[INT:.+]] = arith.fptosi %[[MIN]] : f32 to i8
// CHECK-NEXT:      linalg.yield %[[INT]] : i8
// CHECK-NEXT:    } -> tensor<2x3x16xi8>
// CHECK-NEXT:    return %[[Q]] : tensor<2x3x16xi8>
// CHECK-NOT:     seq.
func.func @quantize_int4_per_row_rank3(%x: tensor<2x3x16xf32>,
                                       %s: tensor<2x3xf32>)
    -> tensor<2x3x16xi8> {
  %q = seq.quantize %x, %s {bits = 4 : i64}
      : (tensor<2x3x16xf32>, tensor<2x3xf32>) -> tensor<2x3x16xi8>
  return %q : tensor<2x3x16xi8>
}

// -----

// Packed int4 with groups of 128: the generic runs over the [256, 256] bytes;
// byte j reads x at 2j (low nibble) and 2j + 1 (high nibble), each with the
// scale of its own group, and packs (low & 15) | (high << 4).
// CHECK-DAG:     #[[QP_EVEN:.+]] = affine_map<(d0, d1) -> (d0, d1 * 2)>
// CHECK-DAG:     #[[QP_SEVEN:.+]] = affine_map<(d0, d1) -> (d0, (d1 * 2) floordiv 128)>
// CHECK-DAG:     #[[QP_ODD:.+]] = affine_map<(d0, d1) -> (d0, d1 * 2 + 1)>
// CHECK-DAG:     #[[QP_SODD:.+]] = affine_map<(d0, d1) -> (d0, (d1 * 2 + 1) floordiv 128)>
// CHECK-DAG:     #[[QP_ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @quantize_int4_packed_grouped
// CHECK-SAME:    (%[[X:[a-zA-Z0-9_]+]]: tensor<256x512xf32>, %[[S:[a-zA-Z0-9_]+]]: tensor<256x4xf32>)
// CHECK-DAG:     %[[C4:.+]] = arith.constant 4 : i8
// CHECK-DAG:     %[[C15:.+]] = arith.constant 15 : i8
// CHECK-DAG:     %[[LO:.+]] = arith.constant -8.000000e+00 : f32
// CHECK-DAG:     %[[HI:.+]] = arith.constant 7.000000e+00 : f32
// CHECK:         %[[E:.+]] = tensor.empty() : tensor<256x256xi8>
// CHECK-NEXT:    %[[Q:.+]] = linalg.generic {indexing_maps = [#[[QP_EVEN]], #[[QP_SEVEN]], #[[QP_ODD]], #[[QP_SODD]], #[[QP_ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[X]], %[[S]], %[[X]], %[[S]] : tensor<256x512xf32>, tensor<256x4xf32>, tensor<256x512xf32>, tensor<256x4xf32>) outs(%[[E]] : tensor<256x256xi8>) {
// CHECK-NEXT:    ^bb0(%[[XE:.+]]: f32, %[[SE:.+]]: f32, %[[XO:.+]]: f32, %[[SO:.+]]: f32, %{{.+}}: i8):
// CHECK-NEXT:      %[[DE:.+]] = arith.divf %[[XE]], %[[SE]] : f32
// CHECK-NEXT:      %[[RE:.+]] = math.roundeven %[[DE]] : f32
// CHECK-NEXT:      %[[MAXE:.+]] = arith.maximumf %[[RE]], %[[LO]] : f32
// CHECK-NEXT:      %[[MINE:.+]] = arith.minimumf %[[MAXE]], %[[HI]] : f32
// CHECK-NEXT:      %[[LOW:.+]] = arith.fptosi %[[MINE]] : f32 to i8
// CHECK-NEXT:      %[[DO:.+]] = arith.divf %[[XO]], %[[SO]] : f32
// CHECK-NEXT:      %[[RO:.+]] = math.roundeven %[[DO]] : f32
// CHECK-NEXT:      %[[MAXO:.+]] = arith.maximumf %[[RO]], %[[LO]] : f32
// CHECK-NEXT:      %[[MINO:.+]] = arith.minimumf %[[MAXO]], %[[HI]] : f32
// CHECK-NEXT:      %[[HIGH:.+]] = arith.fptosi %[[MINO]] : f32 to i8
// CHECK-NEXT:      %[[UP:.+]] = arith.shli %[[HIGH]], %[[C4]] : i8
// CHECK-NEXT:      %[[MASKED:.+]] = arith.andi %[[LOW]], %[[C15]] : i8
// CHECK-NEXT:      %[[BYTE:.+]] = arith.ori %[[MASKED]], %[[UP]] : i8
// CHECK-NEXT:      linalg.yield %[[BYTE]] : i8
// CHECK-NEXT:    } -> tensor<256x256xi8>
// CHECK-NEXT:    return %[[Q]] : tensor<256x256xi8>
// CHECK-NOT:     seq.
func.func @quantize_int4_packed_grouped(%w: tensor<256x512xf32>,
                                        %s: tensor<256x4xf32>)
    -> tensor<256x256xi8> {
  %q = seq.quantize %w, %s {bits = 4 : i64, group_size = 128 : i64, packed}
      : (tensor<256x512xf32>, tensor<256x4xf32>) -> tensor<256x256xi8>
  return %q : tensor<256x256xi8>
}

// -----

// Packed int4 to f16 with one scale per row: element k reads byte
// k floordiv 2; an odd k takes the high nibble (arithmetic shift right), an
// even one the low nibble (shift up, then arithmetic shift right to extend
// the sign); x = sitofp(q) * s in f32, truncated to f16.
// CHECK-DAG:     #[[DP_IN:.+]] = affine_map<(d0, d1) -> (d0, d1 floordiv 2)>
// CHECK-DAG:     #[[DP_S:.+]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG:     #[[DP_ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @dequantize_int4_packed_per_row
// CHECK-SAME:    (%[[QIN:[a-zA-Z0-9_]+]]: tensor<256x256xi8>, %[[S:[a-zA-Z0-9_]+]]: tensor<256xf32>)
// CHECK-DAG:     %[[C4:.+]] = arith.constant 4 : i8
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C2:.+]] = arith.constant 2 : index
// CHECK:         %[[E:.+]] = tensor.empty() : tensor<256x512xf16>
// CHECK-NEXT:    %[[X:.+]] = linalg.generic {indexing_maps = [#[[DP_IN]], #[[DP_S]], #[[DP_ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[QIN]], %[[S]] : tensor<256x256xi8>, tensor<256xf32>) outs(%[[E]] : tensor<256x512xf16>) {
// CHECK-NEXT:    ^bb0(%[[BYTE:.+]]: i8, %[[SV:.+]]: f32, %{{.+}}: f16):
// CHECK-NEXT:      %[[K:.+]] = linalg.index 1 : index
// CHECK-NEXT:      %[[REM:.+]] = arith.remui %[[K]], %[[C2]] : index
// CHECK-NEXT:      %[[ODD:.+]] = arith.cmpi ne, %[[REM]], %[[C0]] : index
// CHECK-NEXT:      %[[SHL:.+]] = arith.shli %[[BYTE]], %[[C4]] : i8
// CHECK-NEXT:      %[[LOW:.+]] = arith.shrsi %[[SHL]], %[[C4]] : i8
// CHECK-NEXT:      %[[HIGH:.+]] = arith.shrsi %[[BYTE]], %[[C4]] : i8
// CHECK-NEXT:      %[[NIB:.+]] = arith.select %[[ODD]], %[[HIGH]], %[[LOW]] : i8
// CHECK-NEXT:      %[[REAL:.+]] = arith.sitofp %[[NIB]] : i8 to f32
// CHECK-NEXT:      %[[SCALED:.+]] = arith.mulf %[[REAL]], %[[SV]] : f32
// CHECK-NEXT:      %[[H:.+]] = arith.truncf %[[SCALED]] : f32 to f16
// CHECK-NEXT:      linalg.yield %[[H]] : f16
// CHECK-NEXT:    } -> tensor<256x512xf16>
// CHECK-NEXT:    return %[[X]] : tensor<256x512xf16>
// CHECK-NOT:     seq.
func.func @dequantize_int4_packed_per_row(%q: tensor<256x256xi8>,
                                          %s: tensor<256xf32>)
    -> tensor<256x512xf16> {
  %w = seq.dequantize %q, %s {bits = 4 : i64, packed}
      : (tensor<256x256xi8>, tensor<256xf32>) -> tensor<256x512xf16>
  return %w : tensor<256x512xf16>
}

// -----

// int8 with groups of 32: the scale is read at k floordiv 32; no nibbles.
// CHECK-DAG:     #[[DG_ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG:     #[[DG_S:.+]] = affine_map<(d0, d1) -> (d0, d1 floordiv 32)>
// CHECK-LABEL: func.func @dequantize_int8_grouped
// CHECK-SAME:    (%[[QIN:[a-zA-Z0-9_]+]]: tensor<8x64xi8>, %[[S:[a-zA-Z0-9_]+]]: tensor<8x2xf32>)
// CHECK-NEXT:    %[[E:.+]] = tensor.empty() : tensor<8x64xf32>
// CHECK-NEXT:    %[[X:.+]] = linalg.generic {indexing_maps = [#[[DG_ID]], #[[DG_S]], #[[DG_ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[QIN]], %[[S]] : tensor<8x64xi8>, tensor<8x2xf32>) outs(%[[E]] : tensor<8x64xf32>) {
// CHECK-NEXT:    ^bb0(%[[QV:.+]]: i8, %[[SV:.+]]: f32, %{{.+}}: f32):
// CHECK-NEXT:      %[[REAL:.+]] = arith.sitofp %[[QV]] : i8 to f32
// CHECK-NEXT:      %[[SCALED:.+]] = arith.mulf %[[REAL]], %[[SV]] : f32
// CHECK-NEXT:      linalg.yield %[[SCALED]] : f32
// CHECK-NEXT:    } -> tensor<8x64xf32>
// CHECK-NEXT:    return %[[X]] : tensor<8x64xf32>
// CHECK-NOT:     seq.
func.func @dequantize_int8_grouped(%q: tensor<8x64xi8>, %s: tensor<8x2xf32>)
    -> tensor<8x64xf32> {
  %w = seq.dequantize %q, %s {group_size = 32 : i64}
      : (tensor<8x64xi8>, tensor<8x2xf32>) -> tensor<8x64xf32>
  return %w : tensor<8x64xf32>
}

// -----

// W4A16 with groups of 128 and a bias: the float path is one reduction
// generic over (m, n, k) that unpacks the nibble of byte k floordiv 2,
// dequantizes it with the scale of group k floordiv 128 and accumulates
// x * w in f32; then one generic adds the bias and truncates to f16.
// CHECK-DAG:     #[[WA_X:.+]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG:     #[[WA_W:.+]] = affine_map<(d0, d1, d2) -> (d1, d2 floordiv 2)>
// CHECK-DAG:     #[[WA_S:.+]] = affine_map<(d0, d1, d2) -> (d1, d2 floordiv 128)>
// CHECK-DAG:     #[[WA_ACC:.+]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG:     #[[WA_ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG:     #[[WA_B:.+]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @qmatmul_w4a16_grouped_bias
// CHECK-SAME:    (%[[X:[a-zA-Z0-9_]+]]: tensor<4x512xf16>, %[[W:[a-zA-Z0-9_]+]]: tensor<64x256xi8>, %[[WS:[a-zA-Z0-9_]+]]: tensor<64x4xf32>, %[[BIAS:[a-zA-Z0-9_]+]]: tensor<64xf16>)
// CHECK-DAG:     %[[C4:.+]] = arith.constant 4 : i8
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C2:.+]] = arith.constant 2 : index
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[E:.+]] = tensor.empty() : tensor<4x64xf32>
// CHECK-NEXT:    %[[F:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[E]] : tensor<4x64xf32>) -> tensor<4x64xf32>
// CHECK-NEXT:    %[[ACC:.+]] = linalg.generic {indexing_maps = [#[[WA_X]], #[[WA_W]], #[[WA_S]], #[[WA_ACC]]], iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[X]], %[[W]], %[[WS]] : tensor<4x512xf16>, tensor<64x256xi8>, tensor<64x4xf32>) outs(%[[F]] : tensor<4x64xf32>) {
// CHECK-NEXT:    ^bb0(%[[XV:.+]]: f16, %[[BYTE:.+]]: i8, %[[SV:.+]]: f32, %[[OUT:.+]]: f32):
// CHECK-NEXT:      %[[K:.+]] = linalg.index 2 : index
// CHECK-NEXT:      %[[REM:.+]] = arith.remui %[[K]], %[[C2]] : index
// CHECK-NEXT:      %[[ODD:.+]] = arith.cmpi ne, %[[REM]], %[[C0]] : index
// CHECK-NEXT:      %[[SHL:.+]] = arith.shli %[[BYTE]], %[[C4]] : i8
// CHECK-NEXT:      %[[LOW:.+]] = arith.shrsi %[[SHL]], %[[C4]] : i8
// CHECK-NEXT:      %[[HIGH:.+]] = arith.shrsi %[[BYTE]], %[[C4]] : i8
// CHECK-NEXT:      %[[NIB:.+]] = arith.select %[[ODD]], %[[HIGH]], %[[LOW]] : i8
// CHECK-NEXT:      %[[WR:.+]] = arith.sitofp %[[NIB]] : i8 to f32
// CHECK-NEXT:      %[[WD:.+]] = arith.mulf %[[WR]], %[[SV]] : f32
// CHECK-NEXT:      %[[XF:.+]] = arith.extf %[[XV]] : f16 to f32
// CHECK-NEXT:      %[[P:.+]] = arith.mulf %[[XF]], %[[WD]] : f32
// CHECK-NEXT:      %[[SUM:.+]] = arith.addf %[[OUT]], %[[P]] : f32
// CHECK-NEXT:      linalg.yield %[[SUM]] : f32
// CHECK-NEXT:    } -> tensor<4x64xf32>
// CHECK-NEXT:    %[[EY:.+]] = tensor.empty() : tensor<4x64xf16>
// CHECK-NEXT:    %[[Y:.+]] = linalg.generic {indexing_maps = [#[[WA_ID]], #[[WA_B]], #[[WA_ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[ACC]], %[[BIAS]] : tensor<4x64xf32>, tensor<64xf16>) outs(%[[EY]] : tensor<4x64xf16>) {
// CHECK-NEXT:    ^bb0(%[[AV:.+]]: f32, %[[BV:.+]]: f16, %{{.+}}: f16):
// CHECK-NEXT:      %[[BF:.+]] = arith.extf %[[BV]] : f16 to f32
// CHECK-NEXT:      %[[YB:.+]] = arith.addf %[[AV]], %[[BF]] : f32
// CHECK-NEXT:      %[[YH:.+]] = arith.truncf %[[YB]] : f32 to f16
// CHECK-NEXT:      linalg.yield %[[YH]] : f16
// CHECK-NEXT:    } -> tensor<4x64xf16>
// CHECK-NEXT:    return %[[Y]] : tensor<4x64xf16>
// CHECK-NOT:     seq.
func.func @qmatmul_w4a16_grouped_bias(%x: tensor<4x512xf16>,
                                      %w: tensor<64x256xi8>,
                                      %ws: tensor<64x4xf32>,
                                      %b: tensor<64xf16>) -> tensor<4x64xf16> {
  %y = seq.qmatmul %x, %w, %ws bias(%b)
      {group_size = 128 : i64, weight_bits = 4 : i64}
      : (tensor<4x512xf16>, tensor<64x256xi8>, tensor<64x4xf32>,
         tensor<64xf16>) -> tensor<4x64xf16>
  return %y : tensor<4x64xf16>
}

// -----

// W8A16 per output channel on rank-3 activations: the leading dims collapse
// to rows, the reduction reads W[n, k] directly (no nibbles), the result is
// copied out (no bias) and expanded back to [2, 3, 32].
// CHECK-DAG:     #[[W8_X:.+]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG:     #[[W8_W:.+]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG:     #[[W8_S:.+]] = affine_map<(d0, d1, d2) -> (d1)>
// CHECK-DAG:     #[[W8_ACC:.+]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG:     #[[W8_ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @qmatmul_w8a16_per_channel_rank3
// CHECK-SAME:    (%[[X:[a-zA-Z0-9_]+]]: tensor<2x3x64xf32>, %[[W:[a-zA-Z0-9_]+]]: tensor<32x64xi8>, %[[WS:[a-zA-Z0-9_]+]]: tensor<32xf32>)
// CHECK-NEXT:    %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT:    %[[ROWS:.+]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1], [2]] : tensor<2x3x64xf32> into tensor<6x64xf32>
// CHECK-NEXT:    %[[E:.+]] = tensor.empty() : tensor<6x32xf32>
// CHECK-NEXT:    %[[F:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[E]] : tensor<6x32xf32>) -> tensor<6x32xf32>
// CHECK-NEXT:    %[[ACC:.+]] = linalg.generic {indexing_maps = [#[[W8_X]], #[[W8_W]], #[[W8_S]], #[[W8_ACC]]], iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[ROWS]], %[[W]], %[[WS]] : tensor<6x64xf32>, tensor<32x64xi8>, tensor<32xf32>) outs(%[[F]] : tensor<6x32xf32>) {
// CHECK-NEXT:    ^bb0(%[[XV:.+]]: f32, %[[WV:.+]]: i8, %[[SV:.+]]: f32, %[[OUT:.+]]: f32):
// CHECK-NEXT:      %[[WR:.+]] = arith.sitofp %[[WV]] : i8 to f32
// CHECK-NEXT:      %[[WD:.+]] = arith.mulf %[[WR]], %[[SV]] : f32
// CHECK-NEXT:      %[[P:.+]] = arith.mulf %[[XV]], %[[WD]] : f32
// CHECK-NEXT:      %[[SUM:.+]] = arith.addf %[[OUT]], %[[P]] : f32
// CHECK-NEXT:      linalg.yield %[[SUM]] : f32
// CHECK-NEXT:    } -> tensor<6x32xf32>
// CHECK-NEXT:    %[[EY:.+]] = tensor.empty() : tensor<6x32xf32>
// CHECK-NEXT:    %[[YR:.+]] = linalg.generic {indexing_maps = [#[[W8_ID]], #[[W8_ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[ACC]] : tensor<6x32xf32>) outs(%[[EY]] : tensor<6x32xf32>) {
// CHECK-NEXT:    ^bb0(%[[AV:.+]]: f32, %{{.+}}: f32):
// CHECK-NEXT:      linalg.yield %[[AV]] : f32
// CHECK-NEXT:    } -> tensor<6x32xf32>
// CHECK-NEXT:    %[[Y:.+]] = tensor.expand_shape %[[YR]] {{\[}}[0, 1], [2]] output_shape [2, 3, 32] : tensor<6x32xf32> into tensor<2x3x32xf32>
// CHECK-NEXT:    return %[[Y]] : tensor<2x3x32xf32>
// CHECK-NOT:     seq.
func.func @qmatmul_w8a16_per_channel_rank3(%x: tensor<2x3x64xf32>,
                                           %w: tensor<32x64xi8>,
                                           %ws: tensor<32xf32>)
    -> tensor<2x3x32xf32> {
  %y = seq.qmatmul %x, %w, %ws
      : (tensor<2x3x64xf32>, tensor<32x64xi8>, tensor<32xf32>)
      -> tensor<2x3x32xf32>
  return %y : tensor<2x3x32xf32>
}

// -----

// W4A8, one scale per output channel and per token, with a bias: x viewed
// as [M, G = 1, K] and W as [N, 1, K/2]; the i32 accumulation generic runs
// over (m, n, g, kk) with the reduction over kk, extending both int8 values
// (the weight nibble chosen by the parity of kk); the rescale generic sums
// over g: y[m, n] = sum_g f32(acc) * s_w[n] * s_x[m]; then the bias.
// CHECK-DAG:     #[[PT_X:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d2, d3)>
// CHECK-DAG:     #[[PT_W:.+]] = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3 floordiv 2)>
// CHECK-DAG:     #[[PT_ACC:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-DAG:     #[[PT_ACC3:.+]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG:     #[[PT_WS:.+]] = affine_map<(d0, d1, d2) -> (d1)>
// CHECK-DAG:     #[[PT_XS:.+]] = affine_map<(d0, d1, d2) -> (d0)>
// CHECK-DAG:     #[[PT_Y:.+]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG:     #[[PT_ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG:     #[[PT_B:.+]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @qmatmul_w4a8_per_token_bias
// CHECK-SAME:    (%[[X:[a-zA-Z0-9_]+]]: tensor<16x512xi8>, %[[W:[a-zA-Z0-9_]+]]: tensor<256x256xi8>, %[[WS:[a-zA-Z0-9_]+]]: tensor<256xf32>, %[[XS:[a-zA-Z0-9_]+]]: tensor<16xf32>, %[[BIAS:[a-zA-Z0-9_]+]]: tensor<256xf32>)
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG:     %[[C4:.+]] = arith.constant 4 : i8
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C2:.+]] = arith.constant 2 : index
// CHECK-DAG:     %[[IZERO:.+]] = arith.constant 0 : i32
// CHECK:         %[[XG:.+]] = tensor.expand_shape %[[X]] {{\[}}[0], [1, 2]] output_shape [16, 1, 512] : tensor<16x512xi8> into tensor<16x1x512xi8>
// CHECK-NEXT:    %[[WG:.+]] = tensor.expand_shape %[[W]] {{\[}}[0], [1, 2]] output_shape [256, 1, 256] : tensor<256x256xi8> into tensor<256x1x256xi8>
// CHECK-NEXT:    %[[EI:.+]] = tensor.empty() : tensor<16x256x1xi32>
// CHECK-NEXT:    %[[FI:.+]] = linalg.fill ins(%[[IZERO]] : i32) outs(%[[EI]] : tensor<16x256x1xi32>) -> tensor<16x256x1xi32>
// CHECK-NEXT:    %[[IACC:.+]] = linalg.generic {indexing_maps = [#[[PT_X]], #[[PT_W]], #[[PT_ACC]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%[[XG]], %[[WG]] : tensor<16x1x512xi8>, tensor<256x1x256xi8>) outs(%[[FI]] : tensor<16x256x1xi32>) {
// CHECK-NEXT:    ^bb0(%[[XV:.+]]: i8, %[[BYTE:.+]]: i8, %[[OUT:.+]]: i32):
// CHECK-NEXT:      %[[KK:.+]] = linalg.index 3 : index
// CHECK-NEXT:      %[[REM:.+]] = arith.remui %[[KK]], %[[C2]] : index
// CHECK-NEXT:      %[[ODD:.+]] = arith.cmpi ne, %[[REM]], %[[C0]] : index
// CHECK-NEXT:      %[[SHL:.+]] = arith.shli %[[BYTE]], %[[C4]] : i8
// CHECK-NEXT:      %[[LOW:.+]] = arith.shrsi %[[SHL]], %[[C4]] : i8
// CHECK-NEXT:      %[[HIGH:.+]] = arith.shrsi %[[BYTE]], %[[C4]] : i8
// CHECK-NEXT:      %[[NIB:.+]] = arith.select %[[ODD]], %[[HIGH]], %[[LOW]] : i8
// CHECK-NEXT:      %[[X32:.+]] = arith.extsi %[[XV]] : i8 to i32
// CHECK-NEXT:      %[[W32:.+]] = arith.extsi %[[NIB]] : i8 to i32
// CHECK-NEXT:      %[[P:.+]] = arith.muli %[[X32]], %[[W32]] : i32
// CHECK-NEXT:      %[[SUM:.+]] = arith.addi %[[OUT]], %[[P]] : i32
// CHECK-NEXT:      linalg.yield %[[SUM]] : i32
// CHECK-NEXT:    } -> tensor<16x256x1xi32>
// CHECK-NEXT:    %[[EF:.+]] = tensor.empty() : tensor<16x256xf32>
// CHECK-NEXT:    %[[FF:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[EF]] : tensor<16x256xf32>) -> tensor<16x256xf32>
// CHECK-NEXT:    %[[ACC:.+]] = linalg.generic {indexing_maps = [#[[PT_ACC3]], #[[PT_WS]], #[[PT_XS]], #[[PT_Y]]], iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[IACC]], %[[WS]], %[[XS]] : tensor<16x256x1xi32>, tensor<256xf32>, tensor<16xf32>) outs(%[[FF]] : tensor<16x256xf32>) {
// CHECK-NEXT:    ^bb0(%[[AI:.+]]: i32, %[[SW:.+]]: f32, %[[SX:.+]]: f32, %[[OUTF:.+]]: f32):
// CHECK-NEXT:      %[[AF:.+]] = arith.sitofp %[[AI]] : i32 to f32
// CHECK-NEXT:      %[[AW:.+]] = arith.mulf %[[AF]], %[[SW]] : f32
// CHECK-NEXT:      %[[AWX:.+]] = arith.mulf %[[AW]], %[[SX]] : f32
// CHECK-NEXT:      %[[SUMF:.+]] = arith.addf %[[OUTF]], %[[AWX]] : f32
// CHECK-NEXT:      linalg.yield %[[SUMF]] : f32
// CHECK-NEXT:    } -> tensor<16x256xf32>
// CHECK-NEXT:    %[[EY:.+]] = tensor.empty() : tensor<16x256xf32>
// CHECK-NEXT:    %[[Y:.+]] = linalg.generic {indexing_maps = [#[[PT_ID]], #[[PT_B]], #[[PT_ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[ACC]], %[[BIAS]] : tensor<16x256xf32>, tensor<256xf32>) outs(%[[EY]] : tensor<16x256xf32>) {
// CHECK-NEXT:    ^bb0(%[[AV:.+]]: f32, %[[BV:.+]]: f32, %{{.+}}: f32):
// CHECK-NEXT:      %[[YB:.+]] = arith.addf %[[AV]], %[[BV]] : f32
// CHECK-NEXT:      linalg.yield %[[YB]] : f32
// CHECK-NEXT:    } -> tensor<16x256xf32>
// CHECK-NEXT:    return %[[Y]] : tensor<16x256xf32>
// CHECK-NOT:     seq.
func.func @qmatmul_w4a8_per_token_bias(%x: tensor<16x512xi8>,
                                       %w: tensor<256x256xi8>,
                                       %ws: tensor<256xf32>,
                                       %xs: tensor<16xf32>,
                                       %b: tensor<256xf32>)
    -> tensor<16x256xf32> {
  %y = seq.qmatmul %x, %w, %ws input_scale(%xs) bias(%b)
      {weight_bits = 4 : i64}
      : (tensor<16x512xi8>, tensor<256x256xi8>, tensor<256xf32>,
         tensor<16xf32>, tensor<256xf32>) -> tensor<16x256xf32>
  return %y : tensor<16x256xf32>
}

// -----

// W8A8 with groups of 32 on rank-3 activations and a per-tensor input scale:
// x [6, 64] viewed as [6, 2, 32], W [32, 64] as [32, 2, 32]; i32 partial sums
// per group [6, 32, 2]; the rescale reads s_w[n, g] and the scalar s_x.
// CHECK-DAG:     #[[GR_X:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d2, d3)>
// CHECK-DAG:     #[[GR_W:.+]] = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3)>
// CHECK-DAG:     #[[GR_ACC:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-DAG:     #[[GR_ACC3:.+]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG:     #[[GR_WS:.+]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG:     #[[GR_XS:.+]] = affine_map<(d0, d1, d2) -> ()>
// CHECK-DAG:     #[[GR_Y:.+]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG:     #[[GR_ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @qmatmul_w8a8_grouped_rank3
// CHECK-SAME:    (%[[X:[a-zA-Z0-9_]+]]: tensor<2x3x64xi8>, %[[W:[a-zA-Z0-9_]+]]: tensor<32x64xi8>, %[[WS:[a-zA-Z0-9_]+]]: tensor<32x2xf32>, %[[XS:[a-zA-Z0-9_]+]]: tensor<f32>)
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG:     %[[IZERO:.+]] = arith.constant 0 : i32
// CHECK:         %[[ROWS:.+]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1], [2]] : tensor<2x3x64xi8> into tensor<6x64xi8>
// CHECK-NEXT:    %[[XG:.+]] = tensor.expand_shape %[[ROWS]] {{\[}}[0], [1, 2]] output_shape [6, 2, 32] : tensor<6x64xi8> into tensor<6x2x32xi8>
// CHECK-NEXT:    %[[WG:.+]] = tensor.expand_shape %[[W]] {{\[}}[0], [1, 2]] output_shape [32, 2, 32] : tensor<32x64xi8> into tensor<32x2x32xi8>
// CHECK-NEXT:    %[[EI:.+]] = tensor.empty() : tensor<6x32x2xi32>
// CHECK-NEXT:    %[[FI:.+]] = linalg.fill ins(%[[IZERO]] : i32) outs(%[[EI]] : tensor<6x32x2xi32>) -> tensor<6x32x2xi32>
// CHECK-NEXT:    %[[IACC:.+]] = linalg.generic {indexing_maps = [#[[GR_X]], #[[GR_W]], #[[GR_ACC]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%[[XG]], %[[WG]] : tensor<6x2x32xi8>, tensor<32x2x32xi8>) outs(%[[FI]] : tensor<6x32x2xi32>) {
// CHECK-NEXT:    ^bb0(%[[XV:.+]]: i8, %[[WV:.+]]: i8, %[[OUT:.+]]: i32):
// CHECK-NEXT:      %[[X32:.+]] = arith.extsi %[[XV]] : i8 to i32
// CHECK-NEXT:      %[[W32:.+]] = arith.extsi %[[WV]] : i8 to i32
// CHECK-NEXT:      %[[P:.+]] = arith.muli %[[X32]], %[[W32]] : i32
// CHECK-NEXT:      %[[SUM:.+]] = arith.addi %[[OUT]], %[[P]] : i32
// CHECK-NEXT:      linalg.yield %[[SUM]] : i32
// CHECK-NEXT:    } -> tensor<6x32x2xi32>
// CHECK-NEXT:    %[[EF:.+]] = tensor.empty() : tensor<6x32xf32>
// CHECK-NEXT:    %[[FF:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[EF]] : tensor<6x32xf32>) -> tensor<6x32xf32>
// CHECK-NEXT:    %[[ACC:.+]] = linalg.generic {indexing_maps = [#[[GR_ACC3]], #[[GR_WS]], #[[GR_XS]], #[[GR_Y]]], iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[IACC]], %[[WS]], %[[XS]] : tensor<6x32x2xi32>, tensor<32x2xf32>, tensor<f32>) outs(%[[FF]] : tensor<6x32xf32>) {
// CHECK-NEXT:    ^bb0(%[[AI:.+]]: i32, %[[SW:.+]]: f32, %[[SX:.+]]: f32, %[[OUTF:.+]]: f32):
// CHECK-NEXT:      %[[AF:.+]] = arith.sitofp %[[AI]] : i32 to f32
// CHECK-NEXT:      %[[AW:.+]] = arith.mulf %[[AF]], %[[SW]] : f32
// CHECK-NEXT:      %[[AWX:.+]] = arith.mulf %[[AW]], %[[SX]] : f32
// CHECK-NEXT:      %[[SUMF:.+]] = arith.addf %[[OUTF]], %[[AWX]] : f32
// CHECK-NEXT:      linalg.yield %[[SUMF]] : f32
// CHECK-NEXT:    } -> tensor<6x32xf32>
// CHECK-NEXT:    %[[EY:.+]] = tensor.empty() : tensor<6x32xf32>
// CHECK-NEXT:    %[[YR:.+]] = linalg.generic {indexing_maps = [#[[GR_ID]], #[[GR_ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[ACC]] : tensor<6x32xf32>) outs(%[[EY]] : tensor<6x32xf32>) {
// CHECK-NEXT:    ^bb0(%[[AV:.+]]: f32, %{{.+}}: f32):
// CHECK-NEXT:      linalg.yield %[[AV]] : f32
// CHECK-NEXT:    } -> tensor<6x32xf32>
// CHECK-NEXT:    %[[Y:.+]] = tensor.expand_shape %[[YR]] {{\[}}[0, 1], [2]] output_shape [2, 3, 32] : tensor<6x32xf32> into tensor<2x3x32xf32>
// CHECK-NEXT:    return %[[Y]] : tensor<2x3x32xf32>
// CHECK-NOT:     seq.
func.func @qmatmul_w8a8_grouped_rank3(%x: tensor<2x3x64xi8>,
                                      %w: tensor<32x64xi8>,
                                      %ws: tensor<32x2xf32>, %xs: tensor<f32>)
    -> tensor<2x3x32xf32> {
  %y = seq.qmatmul %x, %w, %ws input_scale(%xs) {group_size = 32 : i64}
      : (tensor<2x3x64xi8>, tensor<32x64xi8>, tensor<32x2xf32>, tensor<f32>)
      -> tensor<2x3x32xf32>
  return %y : tensor<2x3x32xf32>
}

// -----

// W4A8 with groups of 16 and a per-token scale on rank-3 activations: the
// packed weight groups hold 8 bytes ([32, 4, 8]); the [2, 3] input scale is
// collapsed to the 6 rows.
// CHECK-DAG:     #[[TK_X:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d2, d3)>
// CHECK-DAG:     #[[TK_W:.+]] = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3 floordiv 2)>
// CHECK-DAG:     #[[TK_ACC:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-DAG:     #[[TK_ACC3:.+]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG:     #[[TK_WS:.+]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG:     #[[TK_XS:.+]] = affine_map<(d0, d1, d2) -> (d0)>
// CHECK-DAG:     #[[TK_Y:.+]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG:     #[[TK_ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG:     #[[TK_B:.+]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @qmatmul_w4a8_grouped_per_token_rank3
// CHECK-SAME:    (%[[X:[a-zA-Z0-9_]+]]: tensor<2x3x64xi8>, %[[W:[a-zA-Z0-9_]+]]: tensor<32x32xi8>, %[[WS:[a-zA-Z0-9_]+]]: tensor<32x4xf32>, %[[XS:[a-zA-Z0-9_]+]]: tensor<2x3xf32>, %[[BIAS:[a-zA-Z0-9_]+]]: tensor<32xf32>)
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG:     %[[C4:.+]] = arith.constant 4 : i8
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C2:.+]] = arith.constant 2 : index
// CHECK-DAG:     %[[IZERO:.+]] = arith.constant 0 : i32
// CHECK:         %[[ROWS:.+]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1], [2]] : tensor<2x3x64xi8> into tensor<6x64xi8>
// CHECK-NEXT:    %[[XG:.+]] = tensor.expand_shape %[[ROWS]] {{\[}}[0], [1, 2]] output_shape [6, 4, 16] : tensor<6x64xi8> into tensor<6x4x16xi8>
// CHECK-NEXT:    %[[WG:.+]] = tensor.expand_shape %[[W]] {{\[}}[0], [1, 2]] output_shape [32, 4, 8] : tensor<32x32xi8> into tensor<32x4x8xi8>
// CHECK-NEXT:    %[[EI:.+]] = tensor.empty() : tensor<6x32x4xi32>
// CHECK-NEXT:    %[[FI:.+]] = linalg.fill ins(%[[IZERO]] : i32) outs(%[[EI]] : tensor<6x32x4xi32>) -> tensor<6x32x4xi32>
// CHECK-NEXT:    %[[IACC:.+]] = linalg.generic {indexing_maps = [#[[TK_X]], #[[TK_W]], #[[TK_ACC]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%[[XG]], %[[WG]] : tensor<6x4x16xi8>, tensor<32x4x8xi8>) outs(%[[FI]] : tensor<6x32x4xi32>) {
// CHECK-NEXT:    ^bb0(%[[XV:.+]]: i8, %[[BYTE:.+]]: i8, %[[OUT:.+]]: i32):
// CHECK-NEXT:      %[[KK:.+]] = linalg.index 3 : index
// CHECK-NEXT:      %[[REM:.+]] = arith.remui %[[KK]], %[[C2]] : index
// CHECK-NEXT:      %[[ODD:.+]] = arith.cmpi ne, %[[REM]], %[[C0]] : index
// CHECK-NEXT:      %[[SHL:.+]] = arith.shli %[[BYTE]], %[[C4]] : i8
// CHECK-NEXT:      %[[LOW:.+]] = arith.shrsi %[[SHL]], %[[C4]] : i8
// CHECK-NEXT:      %[[HIGH:.+]] = arith.shrsi %[[BYTE]], %[[C4]] : i8
// CHECK-NEXT:      %[[NIB:.+]] = arith.select %[[ODD]], %[[HIGH]], %[[LOW]] : i8
// CHECK-NEXT:      %[[X32:.+]] = arith.extsi %[[XV]] : i8 to i32
// CHECK-NEXT:      %[[W32:.+]] = arith.extsi %[[NIB]] : i8 to i32
// CHECK-NEXT:      %[[P:.+]] = arith.muli %[[X32]], %[[W32]] : i32
// CHECK-NEXT:      %[[SUM:.+]] = arith.addi %[[OUT]], %[[P]] : i32
// CHECK-NEXT:      linalg.yield %[[SUM]] : i32
// CHECK-NEXT:    } -> tensor<6x32x4xi32>
// CHECK-NEXT:    %[[XSR:.+]] = tensor.collapse_shape %[[XS]] {{\[}}[0, 1]] : tensor<2x3xf32> into tensor<6xf32>
// CHECK-NEXT:    %[[EF:.+]] = tensor.empty() : tensor<6x32xf32>
// CHECK-NEXT:    %[[FF:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[EF]] : tensor<6x32xf32>) -> tensor<6x32xf32>
// CHECK-NEXT:    %[[ACC:.+]] = linalg.generic {indexing_maps = [#[[TK_ACC3]], #[[TK_WS]], #[[TK_XS]], #[[TK_Y]]], iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[IACC]], %[[WS]], %[[XSR]] : tensor<6x32x4xi32>, tensor<32x4xf32>, tensor<6xf32>) outs(%[[FF]] : tensor<6x32xf32>) {
// CHECK-NEXT:    ^bb0(%[[AI:.+]]: i32, %[[SW:.+]]: f32, %[[SX:.+]]: f32, %[[OUTF:.+]]: f32):
// CHECK-NEXT:      %[[AF:.+]] = arith.sitofp %[[AI]] : i32 to f32
// CHECK-NEXT:      %[[AW:.+]] = arith.mulf %[[AF]], %[[SW]] : f32
// CHECK-NEXT:      %[[AWX:.+]] = arith.mulf %[[AW]], %[[SX]] : f32
// CHECK-NEXT:      %[[SUMF:.+]] = arith.addf %[[OUTF]], %[[AWX]] : f32
// CHECK-NEXT:      linalg.yield %[[SUMF]] : f32
// CHECK-NEXT:    } -> tensor<6x32xf32>
// CHECK-NEXT:    %[[EY:.+]] = tensor.empty() : tensor<6x32xf32>
// CHECK-NEXT:    %[[YR:.+]] = linalg.generic {indexing_maps = [#[[TK_ID]], #[[TK_B]], #[[TK_ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[ACC]], %[[BIAS]] : tensor<6x32xf32>, tensor<32xf32>) outs(%[[EY]] : tensor<6x32xf32>) {
// CHECK-NEXT:    ^bb0(%[[AV:.+]]: f32, %[[BV:.+]]: f32, %{{.+}}: f32):
// CHECK-NEXT:      %[[YB:.+]] = arith.addf %[[AV]], %[[BV]] : f32
// CHECK-NEXT:      linalg.yield %[[YB]] : f32
// CHECK-NEXT:    } -> tensor<6x32xf32>
// CHECK-NEXT:    %[[Y:.+]] = tensor.expand_shape %[[YR]] {{\[}}[0, 1], [2]] output_shape [2, 3, 32] : tensor<6x32xf32> into tensor<2x3x32xf32>
// CHECK-NEXT:    return %[[Y]] : tensor<2x3x32xf32>
// CHECK-NOT:     seq.
func.func @qmatmul_w4a8_grouped_per_token_rank3(%x: tensor<2x3x64xi8>,
                                                %w: tensor<32x32xi8>,
                                                %ws: tensor<32x4xf32>,
                                                %xs: tensor<2x3xf32>,
                                                %b: tensor<32xf32>)
    -> tensor<2x3x32xf32> {
  %y = seq.qmatmul %x, %w, %ws input_scale(%xs) bias(%b)
      {weight_bits = 4 : i64, group_size = 16 : i64}
      : (tensor<2x3x64xi8>, tensor<32x32xi8>, tensor<32x4xf32>,
         tensor<2x3xf32>, tensor<32xf32>) -> tensor<2x3x32xf32>
  return %y : tensor<2x3x32xf32>
}

// -----

// W4A16 with an odd group size (3): the float path reads the nibble by the
// parity of k itself and the scale at k floordiv 3, so it lowers (the
// integer path does not: see invalid.mlir).
// CHECK-DAG:     #[[OG_X:.+]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG:     #[[OG_W:.+]] = affine_map<(d0, d1, d2) -> (d1, d2 floordiv 2)>
// CHECK-DAG:     #[[OG_S:.+]] = affine_map<(d0, d1, d2) -> (d1, d2 floordiv 3)>
// CHECK-DAG:     #[[OG_ACC:.+]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG:     #[[OG_ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @qmatmul_w4a16_odd_group_size
// CHECK-SAME:    (%[[X:[a-zA-Z0-9_]+]]: tensor<4x6xf32>, %[[W:[a-zA-Z0-9_]+]]: tensor<8x3xi8>, %[[WS:[a-zA-Z0-9_]+]]: tensor<8x2xf32>)
// CHECK-DAG:     %[[C4:.+]] = arith.constant 4 : i8
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C2:.+]] = arith.constant 2 : index
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[E:.+]] = tensor.empty() : tensor<4x8xf32>
// CHECK-NEXT:    %[[F:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[E]] : tensor<4x8xf32>) -> tensor<4x8xf32>
// CHECK-NEXT:    %[[ACC:.+]] = linalg.generic {indexing_maps = [#[[OG_X]], #[[OG_W]], #[[OG_S]], #[[OG_ACC]]], iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[X]], %[[W]], %[[WS]] : tensor<4x6xf32>, tensor<8x3xi8>, tensor<8x2xf32>) outs(%[[F]] : tensor<4x8xf32>) {
// CHECK-NEXT:    ^bb0(%[[XV:.+]]: f32, %[[BYTE:.+]]: i8, %[[SV:.+]]: f32, %[[OUT:.+]]: f32):
// CHECK-NEXT:      %[[K:.+]] = linalg.index 2 : index
// CHECK-NEXT:      %[[REM:.+]] = arith.remui %[[K]], %[[C2]] : index
// CHECK-NEXT:      %[[ODD:.+]] = arith.cmpi ne, %[[REM]], %[[C0]] : index
// CHECK-NEXT:      %[[SHL:.+]] = arith.shli %[[BYTE]], %[[C4]] : i8
// CHECK-NEXT:      %[[LOW:.+]] = arith.shrsi %[[SHL]], %[[C4]] : i8
// CHECK-NEXT:      %[[HIGH:.+]] = arith.shrsi %[[BYTE]], %[[C4]] : i8
// CHECK-NEXT:      %[[NIB:.+]] = arith.select %[[ODD]], %[[HIGH]], %[[LOW]] : i8
// CHECK-NEXT:      %[[WR:.+]] = arith.sitofp %[[NIB]] : i8 to f32
// CHECK-NEXT:      %[[WD:.+]] = arith.mulf %[[WR]], %[[SV]] : f32
// CHECK-NEXT:      %[[P:.+]] = arith.mulf %[[XV]], %[[WD]] : f32
// CHECK-NEXT:      %[[SUM:.+]] = arith.addf %[[OUT]], %[[P]] : f32
// CHECK-NEXT:      linalg.yield %[[SUM]] : f32
// CHECK-NEXT:    } -> tensor<4x8xf32>
// CHECK-NEXT:    %[[EY:.+]] = tensor.empty() : tensor<4x8xf32>
// CHECK-NEXT:    %[[Y:.+]] = linalg.generic {indexing_maps = [#[[OG_ID]], #[[OG_ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[ACC]] : tensor<4x8xf32>) outs(%[[EY]] : tensor<4x8xf32>) {
// CHECK-NEXT:    ^bb0(%[[AV:.+]]: f32, %{{.+}}: f32):
// CHECK-NEXT:      linalg.yield %[[AV]] : f32
// CHECK-NEXT:    } -> tensor<4x8xf32>
// CHECK-NEXT:    return %[[Y]] : tensor<4x8xf32>
// CHECK-NOT:     seq.
func.func @qmatmul_w4a16_odd_group_size(%x: tensor<4x6xf32>,
                                        %w: tensor<8x3xi8>,
                                        %ws: tensor<8x2xf32>)
    -> tensor<4x8xf32> {
  %y = seq.qmatmul %x, %w, %ws {weight_bits = 4 : i64, group_size = 3 : i64}
      : (tensor<4x6xf32>, tensor<8x3xi8>, tensor<8x2xf32>) -> tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}
