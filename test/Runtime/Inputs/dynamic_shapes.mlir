// Each op twice: @<op> calls a private function whose types are dynamic
// (inlined into the entry point, so the op is lowered with dynamic sizes),
// @<op>_static runs the same op on static types.

func.func private @scan_dyn(%u: tensor<?x?x?xf32>, %A: tensor<?x?xf32>, %B: tensor<?x?x?x?xf32>, %D: tensor<?xf32>) -> (tensor<?x?x?xf32>, tensor<?x?x?xf32>) {
  %y, %h = seq.selective_scan %u, %u, %A, %B, %B D(%D) z(%u) {delta_softplus} : (tensor<?x?x?xf32>, tensor<?x?x?xf32>, tensor<?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?xf32>, tensor<?x?x?xf32>) -> (tensor<?x?x?xf32>, tensor<?x?x?xf32>)
  return %y, %h : tensor<?x?x?xf32>, tensor<?x?x?xf32>
}
func.func @scan(%u: tensor<2x4x9xf32>, %A: tensor<4x3xf32>, %B: tensor<2x2x3x9xf32>, %D: tensor<4xf32>) -> (tensor<2x4x9xf32>, tensor<2x4x3xf32>) {
  %u1 = tensor.cast %u : tensor<2x4x9xf32> to tensor<?x?x?xf32>
  %A1 = tensor.cast %A : tensor<4x3xf32> to tensor<?x?xf32>
  %B1 = tensor.cast %B : tensor<2x2x3x9xf32> to tensor<?x?x?x?xf32>
  %D1 = tensor.cast %D : tensor<4xf32> to tensor<?xf32>
  %y, %h = func.call @scan_dyn(%u1, %A1, %B1, %D1) : (tensor<?x?x?xf32>, tensor<?x?xf32>, tensor<?x?x?x?xf32>, tensor<?xf32>) -> (tensor<?x?x?xf32>, tensor<?x?x?xf32>)
  %y1 = tensor.cast %y : tensor<?x?x?xf32> to tensor<2x4x9xf32>
  %h1 = tensor.cast %h : tensor<?x?x?xf32> to tensor<2x4x3xf32>
  return %y1, %h1 : tensor<2x4x9xf32>, tensor<2x4x3xf32>
}
func.func @scan_static(%u: tensor<2x4x9xf32>, %A: tensor<4x3xf32>, %B: tensor<2x2x3x9xf32>, %D: tensor<4xf32>) -> (tensor<2x4x9xf32>, tensor<2x4x3xf32>) {
  %y, %h = seq.selective_scan %u, %u, %A, %B, %B D(%D) z(%u) {delta_softplus} : (tensor<2x4x9xf32>, tensor<2x4x9xf32>, tensor<4x3xf32>, tensor<2x2x3x9xf32>, tensor<2x2x3x9xf32>, tensor<4xf32>, tensor<2x4x9xf32>) -> (tensor<2x4x9xf32>, tensor<2x4x3xf32>)
  return %y, %h : tensor<2x4x9xf32>, tensor<2x4x3xf32>
}

func.func private @ssd_dyn(%x: tensor<?x?x?x?xf32>, %dt: tensor<?x?x?xf32>, %A: tensor<?xf32>, %B: tensor<?x?x?x?xf32>) -> tensor<?x?x?x?xf32> {
  %y = seq.ssd %x, %dt, %A, %B, %B {dt_softplus} : (tensor<?x?x?x?xf32>, tensor<?x?x?xf32>, tensor<?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) -> tensor<?x?x?x?xf32>
  return %y : tensor<?x?x?x?xf32>
}
func.func @ssd(%x: tensor<1x7x4x3xf32>, %dt: tensor<1x7x4xf32>, %A: tensor<4xf32>, %B: tensor<1x7x2x5xf32>) -> tensor<1x7x4x3xf32> {
  %x1 = tensor.cast %x : tensor<1x7x4x3xf32> to tensor<?x?x?x?xf32>
  %dt1 = tensor.cast %dt : tensor<1x7x4xf32> to tensor<?x?x?xf32>
  %A1 = tensor.cast %A : tensor<4xf32> to tensor<?xf32>
  %B1 = tensor.cast %B : tensor<1x7x2x5xf32> to tensor<?x?x?x?xf32>
  %y = func.call @ssd_dyn(%x1, %dt1, %A1, %B1) : (tensor<?x?x?x?xf32>, tensor<?x?x?xf32>, tensor<?xf32>, tensor<?x?x?x?xf32>) -> tensor<?x?x?x?xf32>
  %y1 = tensor.cast %y : tensor<?x?x?x?xf32> to tensor<1x7x4x3xf32>
  return %y1 : tensor<1x7x4x3xf32>
}
func.func @ssd_static(%x: tensor<1x7x4x3xf32>, %dt: tensor<1x7x4xf32>, %A: tensor<4xf32>, %B: tensor<1x7x2x5xf32>) -> tensor<1x7x4x3xf32> {
  %y = seq.ssd %x, %dt, %A, %B, %B {dt_softplus} : (tensor<1x7x4x3xf32>, tensor<1x7x4xf32>, tensor<4xf32>, tensor<1x7x2x5xf32>, tensor<1x7x2x5xf32>) -> tensor<1x7x4x3xf32>
  return %y : tensor<1x7x4x3xf32>
}

func.func private @la_dyn(%q: tensor<?x?x?x?xf32>, %v: tensor<?x?x?x?xf32>, %g: tensor<?x?x?x?xf32>, %beta: tensor<?x?x?xf32>) -> tensor<?x?x?x?xf32> {
  %o = seq.linear_attention %q, %q, %v decay<vector> gate(%g) update<delta> beta(%beta) {scale = 0.5 : f32} : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?xf32>) -> tensor<?x?x?x?xf32>
  return %o : tensor<?x?x?x?xf32>
}
func.func @la(%q: tensor<2x2x6x4xf32>, %v: tensor<2x2x6x3xf32>, %g: tensor<2x2x6x4xf32>, %beta: tensor<2x2x6xf32>) -> tensor<2x2x6x3xf32> {
  %q1 = tensor.cast %q : tensor<2x2x6x4xf32> to tensor<?x?x?x?xf32>
  %v1 = tensor.cast %v : tensor<2x2x6x3xf32> to tensor<?x?x?x?xf32>
  %g1 = tensor.cast %g : tensor<2x2x6x4xf32> to tensor<?x?x?x?xf32>
  %b1 = tensor.cast %beta : tensor<2x2x6xf32> to tensor<?x?x?xf32>
  %o = func.call @la_dyn(%q1, %v1, %g1, %b1) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?xf32>) -> tensor<?x?x?x?xf32>
  %o1 = tensor.cast %o : tensor<?x?x?x?xf32> to tensor<2x2x6x3xf32>
  return %o1 : tensor<2x2x6x3xf32>
}
func.func @la_static(%q: tensor<2x2x6x4xf32>, %v: tensor<2x2x6x3xf32>, %g: tensor<2x2x6x4xf32>, %beta: tensor<2x2x6xf32>) -> tensor<2x2x6x3xf32> {
  %o = seq.linear_attention %q, %q, %v decay<vector> gate(%g) update<delta> beta(%beta) {scale = 0.5 : f32} : (tensor<2x2x6x4xf32>, tensor<2x2x6x4xf32>, tensor<2x2x6x3xf32>, tensor<2x2x6x4xf32>, tensor<2x2x6xf32>) -> tensor<2x2x6x3xf32>
  return %o : tensor<2x2x6x3xf32>
}

func.func private @conv_dyn(%x: tensor<?x?x?xf32>, %w: tensor<?x?xf32>) -> (tensor<?x?x?xf32>, tensor<?x?x?xf32>) {
  %y, %s = seq.causal_conv1d %x, %w activation<silu> : (tensor<?x?x?xf32>, tensor<?x?xf32>) -> (tensor<?x?x?xf32>, tensor<?x?x?xf32>)
  return %y, %s : tensor<?x?x?xf32>, tensor<?x?x?xf32>
}
func.func @conv(%x: tensor<2x3x5xf32>, %w: tensor<3x4xf32>) -> (tensor<2x3x5xf32>, tensor<2x3x3xf32>) {
  %x1 = tensor.cast %x : tensor<2x3x5xf32> to tensor<?x?x?xf32>
  %w1 = tensor.cast %w : tensor<3x4xf32> to tensor<?x?xf32>
  %y, %s = func.call @conv_dyn(%x1, %w1) : (tensor<?x?x?xf32>, tensor<?x?xf32>) -> (tensor<?x?x?xf32>, tensor<?x?x?xf32>)
  %y1 = tensor.cast %y : tensor<?x?x?xf32> to tensor<2x3x5xf32>
  %s1 = tensor.cast %s : tensor<?x?x?xf32> to tensor<2x3x3xf32>
  return %y1, %s1 : tensor<2x3x5xf32>, tensor<2x3x3xf32>
}
func.func @conv_static(%x: tensor<2x3x5xf32>, %w: tensor<3x4xf32>) -> (tensor<2x3x5xf32>, tensor<2x3x3xf32>) {
  %y, %s = seq.causal_conv1d %x, %w activation<silu> : (tensor<2x3x5xf32>, tensor<3x4xf32>) -> (tensor<2x3x5xf32>, tensor<2x3x3xf32>)
  return %y, %s : tensor<2x3x5xf32>, tensor<2x3x3xf32>
}

func.func private @norm_dyn(%x: tensor<?x?xf32>, %w: tensor<?xf32>) -> tensor<?x?xf32> {
  %y = seq.rms_norm %x, %w gate(%x) {groups = 2 : i64} : (tensor<?x?xf32>, tensor<?xf32>, tensor<?x?xf32>) -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}
func.func @norm(%x: tensor<3x8xf32>, %w: tensor<8xf32>) -> tensor<3x8xf32> {
  %x1 = tensor.cast %x : tensor<3x8xf32> to tensor<?x?xf32>
  %w1 = tensor.cast %w : tensor<8xf32> to tensor<?xf32>
  %y = func.call @norm_dyn(%x1, %w1) : (tensor<?x?xf32>, tensor<?xf32>) -> tensor<?x?xf32>
  %y1 = tensor.cast %y : tensor<?x?xf32> to tensor<3x8xf32>
  return %y1 : tensor<3x8xf32>
}
func.func @norm_static(%x: tensor<3x8xf32>, %w: tensor<8xf32>) -> tensor<3x8xf32> {
  %y = seq.rms_norm %x, %w gate(%x) {groups = 2 : i64} : (tensor<3x8xf32>, tensor<8xf32>, tensor<3x8xf32>) -> tensor<3x8xf32>
  return %y : tensor<3x8xf32>
}

func.func private @monarch_dyn(%x: tensor<?x?xf32>, %w1: tensor<?x?x?xf32>, %w2: tensor<?x?x?xf32>) -> tensor<?x?xf32> {
  %y = seq.monarch_matmul %x, %w1, %w2 : (tensor<?x?xf32>, tensor<?x?x?xf32>, tensor<?x?x?xf32>) -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}
func.func @monarch(%x: tensor<3x16xf32>, %w1: tensor<4x4x4xf32>, %w2: tensor<4x4x4xf32>) -> tensor<3x16xf32> {
  %x1 = tensor.cast %x : tensor<3x16xf32> to tensor<?x?xf32>
  %a = tensor.cast %w1 : tensor<4x4x4xf32> to tensor<?x?x?xf32>
  %b = tensor.cast %w2 : tensor<4x4x4xf32> to tensor<?x?x?xf32>
  %y = func.call @monarch_dyn(%x1, %a, %b) : (tensor<?x?xf32>, tensor<?x?x?xf32>, tensor<?x?x?xf32>) -> tensor<?x?xf32>
  %y1 = tensor.cast %y : tensor<?x?xf32> to tensor<3x16xf32>
  return %y1 : tensor<3x16xf32>
}
func.func @monarch_static(%x: tensor<3x16xf32>, %w1: tensor<4x4x4xf32>, %w2: tensor<4x4x4xf32>) -> tensor<3x16xf32> {
  %y = seq.monarch_matmul %x, %w1, %w2 : (tensor<3x16xf32>, tensor<4x4x4xf32>, tensor<4x4x4xf32>) -> tensor<3x16xf32>
  return %y : tensor<3x16xf32>
}
