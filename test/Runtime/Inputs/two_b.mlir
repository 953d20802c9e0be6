// Model `b` of two-models.mlir: an RMS norm, also with entry @main.
func.func @main(%x: tensor<3x16xf32> {seqc.name = "x"},
                %w: tensor<16xf32> {seqc.name = "w"})
    -> (tensor<3x16xf32> {seqc.name = "y"}) {
  %y = seq.rms_norm %x, %w {eps = 1.0e-05 : f32}
      : (tensor<3x16xf32>, tensor<16xf32>) -> tensor<3x16xf32>
  return %y : tensor<3x16xf32>
}
