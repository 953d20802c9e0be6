// A Mamba-1 residual block (d_model 256, expand 2 -> d_inner 512, N 16,
// dt_rank 16, conv width 4), batch 2, sequence length 50, f32:
//
//   h      = RMSNorm(x)
//   xi, z  = split(h @ in_proj)                    [B, L, 512] each
//   xc     = SiLU(causal_conv1d(xi))               per channel, width 4
//   dt, Bm, Cm = split(xc @ x_proj)                [B, L, 16] each
//   delta  = dt @ dt_proj                          (+ dt_bias in the scan)
//   y      = selective_scan(xc, delta, A, Bm, Cm, D, z, softplus)
//   out    = x + y @ out_proj
//
// Weights are arguments, stored [in, out], and A = -exp(A_log) is passed
// in directly. The scan and convolution run channel-major ([B, D, L]), the
// projections token-major ([B*L, features]).

func.func @mamba_block(
    %x: tensor<2x50x256xf32> {seqc.name = "x"},
    %norm_w: tensor<256xf32> {seqc.name = "norm_w"},
    %in_proj: tensor<256x1024xf32> {seqc.name = "in_proj"},
    %conv_w: tensor<512x4xf32> {seqc.name = "conv_w"}, %conv_b: tensor<512xf32> {seqc.name = "conv_b"},
    %x_proj: tensor<512x48xf32> {seqc.name = "x_proj"},
    %dt_proj: tensor<16x512xf32> {seqc.name = "dt_proj"}, %dt_bias: tensor<512xf32> {seqc.name = "dt_bias"},
    %A: tensor<512x16xf32> {seqc.name = "A"}, %D: tensor<512xf32> {seqc.name = "D"},
    %out_proj: tensor<512x256xf32> {seqc.name = "out_proj"})
    -> (tensor<2x50x256xf32> {seqc.name = "out"}) {
  %zero = arith.constant 0.0 : f32

  // Pre-norm and input projection to 2 * d_inner.
  %h = seq.rms_norm %x, %norm_w
      : (tensor<2x50x256xf32>, tensor<256xf32>) -> tensor<2x50x256xf32>
  %h2 = tensor.collapse_shape %h [[0, 1], [2]]
      : tensor<2x50x256xf32> into tensor<100x256xf32>
  %xz_init = tensor.empty() : tensor<100x1024xf32>
  %xz_zero = linalg.fill ins(%zero : f32) outs(%xz_init : tensor<100x1024xf32>)
      -> tensor<100x1024xf32>
  %xz = linalg.matmul ins(%h2, %in_proj : tensor<100x256xf32>, tensor<256x1024xf32>)
      outs(%xz_zero : tensor<100x1024xf32>) -> tensor<100x1024xf32>
  %xi_tok = tensor.extract_slice %xz[0, 0] [100, 512] [1, 1]
      : tensor<100x1024xf32> to tensor<100x512xf32>
  %z_tok = tensor.extract_slice %xz[0, 512] [100, 512] [1, 1]
      : tensor<100x1024xf32> to tensor<100x512xf32>

  // Channel-major views for the convolution and the scan.
  %xi3 = tensor.expand_shape %xi_tok [[0, 1], [2]] output_shape [2, 50, 512]
      : tensor<100x512xf32> into tensor<2x50x512xf32>
  %xi_t_init = tensor.empty() : tensor<2x512x50xf32>
  %xi = linalg.transpose ins(%xi3 : tensor<2x50x512xf32>)
      outs(%xi_t_init : tensor<2x512x50xf32>) permutation = [0, 2, 1]
  %z3 = tensor.expand_shape %z_tok [[0, 1], [2]] output_shape [2, 50, 512]
      : tensor<100x512xf32> into tensor<2x50x512xf32>
  %z_t_init = tensor.empty() : tensor<2x512x50xf32>
  %z = linalg.transpose ins(%z3 : tensor<2x50x512xf32>)
      outs(%z_t_init : tensor<2x512x50xf32>) permutation = [0, 2, 1]

  %xc = seq.causal_conv1d %xi, %conv_w bias(%conv_b) activation<silu>
      : (tensor<2x512x50xf32>, tensor<512x4xf32>, tensor<512xf32>)
      -> tensor<2x512x50xf32>

  // x_proj: dt (rank 16), B and C (N = 16 each), token-major.
  %xc_t_init = tensor.empty() : tensor<2x50x512xf32>
  %xc_t = linalg.transpose ins(%xc : tensor<2x512x50xf32>)
      outs(%xc_t_init : tensor<2x50x512xf32>) permutation = [0, 2, 1]
  %xc_tok = tensor.collapse_shape %xc_t [[0, 1], [2]]
      : tensor<2x50x512xf32> into tensor<100x512xf32>
  %dbc_init = tensor.empty() : tensor<100x48xf32>
  %dbc_zero = linalg.fill ins(%zero : f32) outs(%dbc_init : tensor<100x48xf32>)
      -> tensor<100x48xf32>
  %dbc = linalg.matmul ins(%xc_tok, %x_proj : tensor<100x512xf32>, tensor<512x48xf32>)
      outs(%dbc_zero : tensor<100x48xf32>) -> tensor<100x48xf32>
  %dt_low = tensor.extract_slice %dbc[0, 0] [100, 16] [1, 1]
      : tensor<100x48xf32> to tensor<100x16xf32>
  %b_tok = tensor.extract_slice %dbc[0, 16] [100, 16] [1, 1]
      : tensor<100x48xf32> to tensor<100x16xf32>
  %c_tok = tensor.extract_slice %dbc[0, 32] [100, 16] [1, 1]
      : tensor<100x48xf32> to tensor<100x16xf32>

  // dt_proj back to d_inner; its bias is the scan's delta_bias.
  %dt_init = tensor.empty() : tensor<100x512xf32>
  %dt_zero = linalg.fill ins(%zero : f32) outs(%dt_init : tensor<100x512xf32>)
      -> tensor<100x512xf32>
  %dt_tok = linalg.matmul ins(%dt_low, %dt_proj : tensor<100x16xf32>, tensor<16x512xf32>)
      outs(%dt_zero : tensor<100x512xf32>) -> tensor<100x512xf32>
  %dt3 = tensor.expand_shape %dt_tok [[0, 1], [2]] output_shape [2, 50, 512]
      : tensor<100x512xf32> into tensor<2x50x512xf32>
  %delta_init = tensor.empty() : tensor<2x512x50xf32>
  %delta = linalg.transpose ins(%dt3 : tensor<2x50x512xf32>)
      outs(%delta_init : tensor<2x512x50xf32>) permutation = [0, 2, 1]

  // B and C as one group: [B, L, N] -> [B, 1, N, L].
  %b3 = tensor.expand_shape %b_tok [[0, 1], [2]] output_shape [2, 50, 16]
      : tensor<100x16xf32> into tensor<2x50x16xf32>
  %bt_init = tensor.empty() : tensor<2x16x50xf32>
  %bt = linalg.transpose ins(%b3 : tensor<2x50x16xf32>)
      outs(%bt_init : tensor<2x16x50xf32>) permutation = [0, 2, 1]
  %Bm = tensor.expand_shape %bt [[0, 1], [2], [3]] output_shape [2, 1, 16, 50]
      : tensor<2x16x50xf32> into tensor<2x1x16x50xf32>
  %c3 = tensor.expand_shape %c_tok [[0, 1], [2]] output_shape [2, 50, 16]
      : tensor<100x16xf32> into tensor<2x50x16xf32>
  %ct_init = tensor.empty() : tensor<2x16x50xf32>
  %ct = linalg.transpose ins(%c3 : tensor<2x50x16xf32>)
      outs(%ct_init : tensor<2x16x50xf32>) permutation = [0, 2, 1]
  %Cm = tensor.expand_shape %ct [[0, 1], [2], [3]] output_shape [2, 1, 16, 50]
      : tensor<2x16x50xf32> into tensor<2x1x16x50xf32>

  %y = seq.selective_scan %xc, %delta, %A, %Bm, %Cm D(%D) z(%z)
      delta_bias(%dt_bias) {delta_softplus}
      : (tensor<2x512x50xf32>, tensor<2x512x50xf32>, tensor<512x16xf32>,
         tensor<2x1x16x50xf32>, tensor<2x1x16x50xf32>, tensor<512xf32>,
         tensor<2x512x50xf32>, tensor<512xf32>) -> tensor<2x512x50xf32>

  // Output projection and residual.
  %y_t_init = tensor.empty() : tensor<2x50x512xf32>
  %y_t = linalg.transpose ins(%y : tensor<2x512x50xf32>)
      outs(%y_t_init : tensor<2x50x512xf32>) permutation = [0, 2, 1]
  %y_tok = tensor.collapse_shape %y_t [[0, 1], [2]]
      : tensor<2x50x512xf32> into tensor<100x512xf32>
  %o_init = tensor.empty() : tensor<100x256xf32>
  %o_zero = linalg.fill ins(%zero : f32) outs(%o_init : tensor<100x256xf32>)
      -> tensor<100x256xf32>
  %o_tok = linalg.matmul ins(%y_tok, %out_proj : tensor<100x512xf32>, tensor<512x256xf32>)
      outs(%o_zero : tensor<100x256xf32>) -> tensor<100x256xf32>
  %o = tensor.expand_shape %o_tok [[0, 1], [2]] output_shape [2, 50, 256]
      : tensor<100x256xf32> into tensor<2x50x256xf32>
  %sum_init = tensor.empty() : tensor<2x50x256xf32>
  %out = linalg.add ins(%x, %o : tensor<2x50x256xf32>, tensor<2x50x256xf32>)
      outs(%sum_init : tensor<2x50x256xf32>) -> tensor<2x50x256xf32>
  return %out : tensor<2x50x256xf32>
}
