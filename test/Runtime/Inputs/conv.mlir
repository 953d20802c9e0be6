// The model of c_api_example.c: a causal depthwise convolution with bias
// and SiLU over [batch 2, channels 8, length 16], kernel width 4.
func.func @forward(%x: tensor<2x8x16xf32> {seqc.name = "x"},
                   %w: tensor<8x4xf32> {seqc.name = "weight"},
                   %b: tensor<8xf32> {seqc.name = "bias"})
    -> (tensor<2x8x16xf32> {seqc.name = "y"}) {
  %y = seq.causal_conv1d %x, %w bias(%b) activation<silu>
      : (tensor<2x8x16xf32>, tensor<8x4xf32>, tensor<8xf32>)
      -> tensor<2x8x16xf32>
  return %y : tensor<2x8x16xf32>
}
