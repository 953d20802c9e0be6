// convert-seq-to-linalg on seq.monarch_matmul (MonarchToLinalg.cpp): two
// block contractions as linalg.generic ops over (m, ., ., reduction), the
// Monarch permutations folded into the indexing maps:
//   stage 1, (m, k, q, p): X1[m, k, q] += X[m, k, p] * w1[k, q, p]
//   stage 2, (m, s, l, r): Y[m, s, l]  += X2[m, r, l] * w2[l, s, r]
// with X = x viewed as [M, k, p], X2 = X1 viewed as [M, r, l] and y = Y
// viewed as [..., s*l]; products accumulate in f32 from zero.
// RUN: seqc-opt %s --split-input-file --convert-seq-to-linalg | FileCheck %s

// Square Monarch, n = 16 = 4 * 4. X1 viewed as [M, r, l] is X1 itself here
// (k = r, q = l), so stage 2 reads stage 1's result directly.
// CHECK-DAG:     #[[SQ_X:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
// CHECK-DAG:     #[[SQ_W1:.+]] = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3)>
// CHECK-DAG:     #[[SQ_OUT:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-DAG:     #[[SQ_X2:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d3, d2)>
// CHECK-DAG:     #[[SQ_W2:.+]] = affine_map<(d0, d1, d2, d3) -> (d2, d1, d3)>
// CHECK-LABEL: func.func @monarch_square
// CHECK-SAME:    (%[[X:[a-zA-Z0-9_]+]]: tensor<8x16xf32>, %[[W1:[a-zA-Z0-9_]+]]: tensor<4x4x4xf32>, %[[W2:[a-zA-Z0-9_]+]]: tensor<4x4x4xf32>)
// CHECK-NEXT:    %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT:    %[[XB:.+]] = tensor.expand_shape %[[X]] {{\[}}[0], [1, 2]] output_shape [8, 4, 4] : tensor<8x16xf32> into tensor<8x4x4xf32>
// CHECK-NEXT:    %[[E1:.+]] = tensor.empty() : tensor<8x4x4xf32>
// CHECK-NEXT:    %[[F1:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[E1]] : tensor<8x4x4xf32>) -> tensor<8x4x4xf32>
// CHECK-NEXT:    %[[S1:.+]] = linalg.generic {indexing_maps = [#[[SQ_X]], #[[SQ_W1]], #[[SQ_OUT]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%[[XB]], %[[W1]] : tensor<8x4x4xf32>, tensor<4x4x4xf32>) outs(%[[F1]] : tensor<8x4x4xf32>) {
// CHECK-NEXT:    ^bb0(%[[A:.+]]: f32, %[[B:.+]]: f32, %[[ACC:.+]]: f32):
// CHECK-NEXT:      %[[P:.+]] = arith.mulf %[[A]], %[[B]] : f32
// CHECK-NEXT:      %[[SUM:.+]] = arith.addf %[[ACC]], %[[P]] : f32
// CHECK-NEXT:      linalg.yield %[[SUM]] : f32
// CHECK-NEXT:    } -> tensor<8x4x4xf32>
// CHECK-NEXT:    %[[E2:.+]] = tensor.empty() : tensor<8x4x4xf32>
// CHECK-NEXT:    %[[F2:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[E2]] : tensor<8x4x4xf32>) -> tensor<8x4x4xf32>
// CHECK-NEXT:    %[[S2:.+]] = linalg.generic {indexing_maps = [#[[SQ_X2]], #[[SQ_W2]], #[[SQ_OUT]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%[[S1]], %[[W2]] : tensor<8x4x4xf32>, tensor<4x4x4xf32>) outs(%[[F2]] : tensor<8x4x4xf32>) {
// CHECK-NEXT:    ^bb0(%[[A2:.+]]: f32, %[[B2:.+]]: f32, %[[ACC2:.+]]: f32):
// CHECK-NEXT:      %[[P2:.+]] = arith.mulf %[[A2]], %[[B2]] : f32
// CHECK-NEXT:      %[[SUM2:.+]] = arith.addf %[[ACC2]], %[[P2]] : f32
// CHECK-NEXT:      linalg.yield %[[SUM2]] : f32
// CHECK-NEXT:    } -> tensor<8x4x4xf32>
// CHECK-NEXT:    %[[Y:.+]] = tensor.collapse_shape %[[S2]] {{\[}}[0], [1, 2]] : tensor<8x4x4xf32> into tensor<8x16xf32>
// CHECK-NEXT:    return %[[Y]] : tensor<8x16xf32>
// CHECK-NOT:     seq.
func.func @monarch_square(%x: tensor<8x16xf32>, %w1: tensor<4x4x4xf32>,
                          %w2: tensor<4x4x4xf32>) -> tensor<8x16xf32> {
  %y = seq.monarch_matmul %x, %w1, %w2
      : (tensor<8x16xf32>, tensor<4x4x4xf32>, tensor<4x4x4xf32>)
      -> tensor<8x16xf32>
  return %y : tensor<8x16xf32>
}

// -----

// Rectangular 256 -> 192 on [3, 5, 256] bf16 activations with f32 and f16
// weights: the leading dims collapse to M = 15; 4 blocks of 64 -> 32
// (X1 is [15, 4, 32], 128 values viewed as [15, r = 16, l = 8]), then 8
// blocks of 16 -> 24; every operand is extended to f32 in the bodies, y is
// expanded back to [3, 5, 192] and truncated to bf16.
// CHECK-DAG:     #[[RE_X:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
// CHECK-DAG:     #[[RE_W1:.+]] = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3)>
// CHECK-DAG:     #[[RE_OUT:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-DAG:     #[[RE_X2:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d3, d2)>
// CHECK-DAG:     #[[RE_W2:.+]] = affine_map<(d0, d1, d2, d3) -> (d2, d1, d3)>
// CHECK-DAG:     #[[RE_ID:.+]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @monarch_rectangular
// CHECK-SAME:    (%[[X:[a-zA-Z0-9_]+]]: tensor<3x5x256xbf16>, %[[W1:[a-zA-Z0-9_]+]]: tensor<4x32x64xf32>, %[[W2:[a-zA-Z0-9_]+]]: tensor<8x24x16xf16>)
// CHECK-NEXT:    %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT:    %[[ROWS:.+]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1], [2]] : tensor<3x5x256xbf16> into tensor<15x256xbf16>
// CHECK-NEXT:    %[[XB:.+]] = tensor.expand_shape %[[ROWS]] {{\[}}[0], [1, 2]] output_shape [15, 4, 64] : tensor<15x256xbf16> into tensor<15x4x64xbf16>
// CHECK-NEXT:    %[[E1:.+]] = tensor.empty() : tensor<15x4x32xf32>
// CHECK-NEXT:    %[[F1:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[E1]] : tensor<15x4x32xf32>) -> tensor<15x4x32xf32>
// CHECK-NEXT:    %[[S1:.+]] = linalg.generic {indexing_maps = [#[[RE_X]], #[[RE_W1]], #[[RE_OUT]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%[[XB]], %[[W1]] : tensor<15x4x64xbf16>, tensor<4x32x64xf32>) outs(%[[F1]] : tensor<15x4x32xf32>) {
// CHECK-NEXT:    ^bb0(%[[A:.+]]: bf16, %[[B:.+]]: f32, %[[ACC:.+]]: f32):
// CHECK-NEXT:      %[[AF:.+]] = arith.extf %[[A]] : bf16 to f32
// CHECK-NEXT:      %[[P:.+]] = arith.mulf %[[AF]], %[[B]] : f32
// CHECK-NEXT:      %[[SUM:.+]] = arith.addf %[[ACC]], %[[P]] : f32
// CHECK-NEXT:      linalg.yield %[[SUM]] : f32
// CHECK-NEXT:    } -> tensor<15x4x32xf32>
// CHECK-NEXT:    %[[FLAT:.+]] = tensor.collapse_shape %[[S1]] {{\[}}[0], [1, 2]] : tensor<15x4x32xf32> into tensor<15x128xf32>
// CHECK-NEXT:    %[[VIEW:.+]] = tensor.expand_shape %[[FLAT]] {{\[}}[0], [1, 2]] output_shape [15, 16, 8] : tensor<15x128xf32> into tensor<15x16x8xf32>
// CHECK-NEXT:    %[[E2:.+]] = tensor.empty() : tensor<15x24x8xf32>
// CHECK-NEXT:    %[[F2:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[E2]] : tensor<15x24x8xf32>) -> tensor<15x24x8xf32>
// CHECK-NEXT:    %[[S2:.+]] = linalg.generic {indexing_maps = [#[[RE_X2]], #[[RE_W2]], #[[RE_OUT]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%[[VIEW]], %[[W2]] : tensor<15x16x8xf32>, tensor<8x24x16xf16>) outs(%[[F2]] : tensor<15x24x8xf32>) {
// CHECK-NEXT:    ^bb0(%[[A2:.+]]: f32, %[[B2:.+]]: f16, %[[ACC2:.+]]: f32):
// CHECK-NEXT:      %[[BF:.+]] = arith.extf %[[B2]] : f16 to f32
// CHECK-NEXT:      %[[P2:.+]] = arith.mulf %[[A2]], %[[BF]] : f32
// CHECK-NEXT:      %[[SUM2:.+]] = arith.addf %[[ACC2]], %[[P2]] : f32
// CHECK-NEXT:      linalg.yield %[[SUM2]] : f32
// CHECK-NEXT:    } -> tensor<15x24x8xf32>
// CHECK-NEXT:    %[[YFLAT:.+]] = tensor.collapse_shape %[[S2]] {{\[}}[0], [1, 2]] : tensor<15x24x8xf32> into tensor<15x192xf32>
// CHECK-NEXT:    %[[Y32:.+]] = tensor.expand_shape %[[YFLAT]] {{\[}}[0, 1], [2]] output_shape [3, 5, 192] : tensor<15x192xf32> into tensor<3x5x192xf32>
// CHECK-NEXT:    %[[EY:.+]] = tensor.empty() : tensor<3x5x192xbf16>
// CHECK-NEXT:    %[[Y:.+]] = linalg.generic {indexing_maps = [#[[RE_ID]], #[[RE_ID]]], iterator_types = ["parallel", "parallel", "parallel"]} ins(%[[Y32]] : tensor<3x5x192xf32>) outs(%[[EY]] : tensor<3x5x192xbf16>) {
// CHECK-NEXT:    ^bb0(%[[IN:.+]]: f32, %{{.+}}: bf16):
// CHECK-NEXT:      %[[T:.+]] = arith.truncf %[[IN]] : f32 to bf16
// CHECK-NEXT:      linalg.yield %[[T]] : bf16
// CHECK-NEXT:    } -> tensor<3x5x192xbf16>
// CHECK-NEXT:    return %[[Y]] : tensor<3x5x192xbf16>
// CHECK-NOT:     seq.
func.func @monarch_rectangular(%x: tensor<3x5x256xbf16>,
                               %w1: tensor<4x32x64xf32>,
                               %w2: tensor<8x24x16xf16>)
    -> tensor<3x5x192xbf16> {
  %y = seq.monarch_matmul %x, %w1, %w2
      : (tensor<3x5x256xbf16>, tensor<4x32x64xf32>, tensor<8x24x16xf16>)
      -> tensor<3x5x192xbf16>
  return %y : tensor<3x5x192xbf16>
}

// -----

// One stage (block-diagonal linear) on a dynamic number of rows: a single
// contraction, collapsed to [M, k*q].
// CHECK-DAG:     #[[BD_X:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
// CHECK-DAG:     #[[BD_W1:.+]] = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3)>
// CHECK-DAG:     #[[BD_OUT:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @block_diagonal
// CHECK-SAME:    (%[[X:[a-zA-Z0-9_]+]]: tensor<?x256xf32>, %[[W1:[a-zA-Z0-9_]+]]: tensor<4x32x64xf32>)
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK:         %[[M:.+]] = tensor.dim %[[X]], %[[C0]] : tensor<?x256xf32>
// CHECK-NEXT:    %[[XB:.+]] = tensor.expand_shape %[[X]] {{\[}}[0], [1, 2]] output_shape [%[[M]], 4, 64] : tensor<?x256xf32> into tensor<?x4x64xf32>
// CHECK-NEXT:    %[[E1:.+]] = tensor.empty(%[[M]]) : tensor<?x4x32xf32>
// CHECK-NEXT:    %[[F1:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[E1]] : tensor<?x4x32xf32>) -> tensor<?x4x32xf32>
// CHECK-NEXT:    %[[S1:.+]] = linalg.generic {indexing_maps = [#[[BD_X]], #[[BD_W1]], #[[BD_OUT]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%[[XB]], %[[W1]] : tensor<?x4x64xf32>, tensor<4x32x64xf32>) outs(%[[F1]] : tensor<?x4x32xf32>) {
// CHECK-NEXT:    ^bb0(%[[A:.+]]: f32, %[[B:.+]]: f32, %[[ACC:.+]]: f32):
// CHECK-NEXT:      %[[P:.+]] = arith.mulf %[[A]], %[[B]] : f32
// CHECK-NEXT:      %[[SUM:.+]] = arith.addf %[[ACC]], %[[P]] : f32
// CHECK-NEXT:      linalg.yield %[[SUM]] : f32
// CHECK-NEXT:    } -> tensor<?x4x32xf32>
// CHECK-NEXT:    %[[Y:.+]] = tensor.collapse_shape %[[S1]] {{\[}}[0], [1, 2]] : tensor<?x4x32xf32> into tensor<?x128xf32>
// CHECK-NEXT:    return %[[Y]] : tensor<?x128xf32>
// CHECK-NOT:     seq.
func.func @block_diagonal(%x: tensor<?x256xf32>, %w1: tensor<4x32x64xf32>)
    -> tensor<?x128xf32> {
  %y = seq.monarch_matmul %x, %w1
      : (tensor<?x256xf32>, tensor<4x32x64xf32>) -> tensor<?x128xf32>
  return %y : tensor<?x128xf32>
}

// -----

// A single vector (rank 1) is viewed as one row and collapsed back.
// CHECK-DAG:     #[[VE_X:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
// CHECK-DAG:     #[[VE_W1:.+]] = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3)>
// CHECK-DAG:     #[[VE_OUT:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-DAG:     #[[VE_X2:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d3, d2)>
// CHECK-DAG:     #[[VE_W2:.+]] = affine_map<(d0, d1, d2, d3) -> (d2, d1, d3)>
// CHECK-LABEL: func.func @monarch_vector
// CHECK-SAME:    (%[[X:[a-zA-Z0-9_]+]]: tensor<16xf32>, %[[W1:[a-zA-Z0-9_]+]]: tensor<4x4x4xf32>, %[[W2:[a-zA-Z0-9_]+]]: tensor<4x4x4xf32>)
// CHECK-NEXT:    %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT:    %[[ROW:.+]] = tensor.expand_shape %[[X]] {{\[}}[0, 1]] output_shape [1, 16] : tensor<16xf32> into tensor<1x16xf32>
// CHECK-NEXT:    %[[XB:.+]] = tensor.expand_shape %[[ROW]] {{\[}}[0], [1, 2]] output_shape [1, 4, 4] : tensor<1x16xf32> into tensor<1x4x4xf32>
// CHECK-NEXT:    %[[E1:.+]] = tensor.empty() : tensor<1x4x4xf32>
// CHECK-NEXT:    %[[F1:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[E1]] : tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
// CHECK-NEXT:    %[[S1:.+]] = linalg.generic {indexing_maps = [#[[VE_X]], #[[VE_W1]], #[[VE_OUT]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%[[XB]], %[[W1]] : tensor<1x4x4xf32>, tensor<4x4x4xf32>) outs(%[[F1]] : tensor<1x4x4xf32>) {
// CHECK-NEXT:    ^bb0(%[[A:.+]]: f32, %[[B:.+]]: f32, %[[ACC:.+]]: f32):
// CHECK-NEXT:      %[[P:.+]] = arith.mulf %[[A]], %[[B]] : f32
// CHECK-NEXT:      %[[SUM:.+]] = arith.addf %[[ACC]], %[[P]] : f32
// CHECK-NEXT:      linalg.yield %[[SUM]] : f32
// CHECK-NEXT:    } -> tensor<1x4x4xf32>
// CHECK-NEXT:    %[[E2:.+]] = tensor.empty() : tensor<1x4x4xf32>
// CHECK-NEXT:    %[[F2:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[E2]] : tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
// CHECK-NEXT:    %[[S2:.+]] = linalg.generic {indexing_maps = [#[[VE_X2]], #[[VE_W2]], #[[VE_OUT]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%[[S1]], %[[W2]] : tensor<1x4x4xf32>, tensor<4x4x4xf32>) outs(%[[F2]] : tensor<1x4x4xf32>) {
// CHECK-NEXT:    ^bb0(%[[A2:.+]]: f32, %[[B2:.+]]: f32, %[[ACC2:.+]]: f32):
// CHECK-NEXT:      %[[P2:.+]] = arith.mulf %[[A2]], %[[B2]] : f32
// CHECK-NEXT:      %[[SUM2:.+]] = arith.addf %[[ACC2]], %[[P2]] : f32
// CHECK-NEXT:      linalg.yield %[[SUM2]] : f32
// CHECK-NEXT:    } -> tensor<1x4x4xf32>
// CHECK-NEXT:    %[[YROW:.+]] = tensor.collapse_shape %[[S2]] {{\[}}[0], [1, 2]] : tensor<1x4x4xf32> into tensor<1x16xf32>
// CHECK-NEXT:    %[[Y:.+]] = tensor.collapse_shape %[[YROW]] {{\[}}[0, 1]] : tensor<1x16xf32> into tensor<16xf32>
// CHECK-NEXT:    return %[[Y]] : tensor<16xf32>
// CHECK-NOT:     seq.
func.func @monarch_vector(%x: tensor<16xf32>, %w1: tensor<4x4x4xf32>,
                          %w2: tensor<4x4x4xf32>) -> tensor<16xf32> {
  %y = seq.monarch_matmul %x, %w1, %w2
      : (tensor<16xf32>, tensor<4x4x4xf32>, tensor<4x4x4xf32>)
      -> tensor<16xf32>
  return %y : tensor<16xf32>
}
