// Model `a` of two-models.mlir: a causal convolution, entry @main.
func.func @main(%x: tensor<1x4x8xf32> {seqc.name = "x"},
                %w: tensor<4x2xf32> {seqc.name = "w"})
    -> (tensor<1x4x8xf32> {seqc.name = "y"}) {
  %y = seq.causal_conv1d %x, %w
      : (tensor<1x4x8xf32>, tensor<4x2xf32>) -> tensor<1x4x8xf32>
  return %y : tensor<1x4x8xf32>
}
