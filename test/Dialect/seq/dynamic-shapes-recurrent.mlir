// RUN: seqc-opt %s | FileCheck %s

// Valid recurrent ops whose batch (B) or sequence length (L) is dynamic in
// some operands and static in others: a dynamic size matches any size, so
// the verifiers must accept these. Also the head-sharing layouts of grouped-
// query (Hq = 8, Hk = Hv = 2) and Qwen-style (Hq = Hk = 4, Hv = 8) linear
// attention.

// CHECK-LABEL: func.func @scan_dynamic_batch_static_B
// CHECK: seq.selective_scan %{{.*}} : (tensor<?x8x16xf32>, tensor<2x8x16xf32>, tensor<8x4xf32>, tensor<2x2x4x16xf32>, tensor<2x2x4x16xf32>) -> tensor<?x8x16xf32>
func.func @scan_dynamic_batch_static_B(%u: tensor<?x8x16xf32>, %dt: tensor<2x8x16xf32>, %A: tensor<8x4xf32>, %B: tensor<2x2x4x16xf32>) -> tensor<?x8x16xf32> {
  %y = seq.selective_scan %u, %dt, %A, %B, %B : (tensor<?x8x16xf32>, tensor<2x8x16xf32>, tensor<8x4xf32>, tensor<2x2x4x16xf32>, tensor<2x2x4x16xf32>) -> tensor<?x8x16xf32>
  return %y : tensor<?x8x16xf32>
}

// CHECK-LABEL: func.func @scan_dynamic_batch_and_length
// CHECK: seq.selective_scan %{{.*}} z(%{{.*}}) initial_state(%{{.*}}) {delta_softplus} : (tensor<?x8x?xf32>, tensor<?x8x?xf32>, tensor<8x4xf32>, tensor<2x1x4x16xf32>, tensor<?x1x4x?xf32>, tensor<2x8x?xf32>, tensor<?x8x4xf32>) -> (tensor<2x8x16xf32>, tensor<?x8x4xf32>)
func.func @scan_dynamic_batch_and_length(%u: tensor<?x8x?xf32>, %A: tensor<8x4xf32>, %B: tensor<2x1x4x16xf32>, %C: tensor<?x1x4x?xf32>, %z: tensor<2x8x?xf32>, %h0: tensor<?x8x4xf32>) -> (tensor<2x8x16xf32>, tensor<?x8x4xf32>) {
  %y, %h = seq.selective_scan %u, %u, %A, %B, %C z(%z) initial_state(%h0) {delta_softplus} : (tensor<?x8x?xf32>, tensor<?x8x?xf32>, tensor<8x4xf32>, tensor<2x1x4x16xf32>, tensor<?x1x4x?xf32>, tensor<2x8x?xf32>, tensor<?x8x4xf32>) -> (tensor<2x8x16xf32>, tensor<?x8x4xf32>)
  return %y, %h : tensor<2x8x16xf32>, tensor<?x8x4xf32>
}

// CHECK-LABEL: func.func @scan_dynamic_length_time_invariant
// CHECK: seq.selective_scan %{{.*}} D(%{{.*}}) : (tensor<2x8x?xf32>, tensor<2x8x?xf32>, tensor<8x4xf32>, tensor<8x4xf32>, tensor<8x4xf32>, tensor<8xf32>) -> (tensor<2x8x?xf32>, tensor<2x8x4xf32>)
func.func @scan_dynamic_length_time_invariant(%u: tensor<2x8x?xf32>, %A: tensor<8x4xf32>, %B: tensor<8x4xf32>, %D: tensor<8xf32>) -> (tensor<2x8x?xf32>, tensor<2x8x4xf32>) {
  %y, %h = seq.selective_scan %u, %u, %A, %B, %B D(%D) : (tensor<2x8x?xf32>, tensor<2x8x?xf32>, tensor<8x4xf32>, tensor<8x4xf32>, tensor<8x4xf32>, tensor<8xf32>) -> (tensor<2x8x?xf32>, tensor<2x8x4xf32>)
  return %y, %h : tensor<2x8x?xf32>, tensor<2x8x4xf32>
}

// CHECK-LABEL: func.func @scan_step_dynamic_batch
// CHECK: seq.selective_scan_step %{{.*}} state(%{{.*}}) : (tensor<?x8xf32>, tensor<2x8xf32>, tensor<8x4xf32>, tensor<2x2x4xf32>, tensor<?x2x4xf32>, tensor<2x8x4xf32>) -> (tensor<?x8xf32>, tensor<2x8x4xf32>)
func.func @scan_step_dynamic_batch(%u: tensor<?x8xf32>, %dt: tensor<2x8xf32>, %A: tensor<8x4xf32>, %B: tensor<2x2x4xf32>, %C: tensor<?x2x4xf32>, %h: tensor<2x8x4xf32>) -> (tensor<?x8xf32>, tensor<2x8x4xf32>) {
  %y, %h1 = seq.selective_scan_step %u, %dt, %A, %B, %C state(%h) : (tensor<?x8xf32>, tensor<2x8xf32>, tensor<8x4xf32>, tensor<2x2x4xf32>, tensor<?x2x4xf32>, tensor<2x8x4xf32>) -> (tensor<?x8xf32>, tensor<2x8x4xf32>)
  return %y, %h1 : tensor<?x8xf32>, tensor<2x8x4xf32>
}

// CHECK-LABEL: func.func @ssd_dynamic_batch_and_length
// CHECK: seq.ssd %{{.*}} D(%{{.*}}) initial_state(%{{.*}}) {chunk_size = 64 : i64} : (tensor<?x?x4x8xf32>, tensor<2x16x4xf32>, tensor<4xf32>, tensor<?x16x1x6xf32>, tensor<2x?x1x6xf32>, tensor<4x8xf32>, tensor<?x4x8x6xf32>) -> (tensor<?x?x4x8xf32>, tensor<2x4x8x6xf32>)
func.func @ssd_dynamic_batch_and_length(%x: tensor<?x?x4x8xf32>, %dt: tensor<2x16x4xf32>, %A: tensor<4xf32>, %B: tensor<?x16x1x6xf32>, %C: tensor<2x?x1x6xf32>, %D: tensor<4x8xf32>, %h0: tensor<?x4x8x6xf32>) -> (tensor<?x?x4x8xf32>, tensor<2x4x8x6xf32>) {
  %y, %h = seq.ssd %x, %dt, %A, %B, %C D(%D) initial_state(%h0) {chunk_size = 64 : i64} : (tensor<?x?x4x8xf32>, tensor<2x16x4xf32>, tensor<4xf32>, tensor<?x16x1x6xf32>, tensor<2x?x1x6xf32>, tensor<4x8xf32>, tensor<?x4x8x6xf32>) -> (tensor<?x?x4x8xf32>, tensor<2x4x8x6xf32>)
  return %y, %h : tensor<?x?x4x8xf32>, tensor<2x4x8x6xf32>
}

// CHECK-LABEL: func.func @ssd_step_dynamic_batch
// CHECK: seq.ssd_step %{{.*}} state(%{{.*}}) : (tensor<?x4x8xf32>, tensor<2x4xf32>, tensor<4xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<?x4x8x6xf32>) -> (tensor<?x4x8xf32>, tensor<?x4x8x6xf32>)
func.func @ssd_step_dynamic_batch(%x: tensor<?x4x8xf32>, %dt: tensor<2x4xf32>, %A: tensor<4xf32>, %B: tensor<2x2x6xf32>, %s: tensor<?x4x8x6xf32>) -> (tensor<?x4x8xf32>, tensor<?x4x8x6xf32>) {
  %y, %s1 = seq.ssd_step %x, %dt, %A, %B, %B state(%s) : (tensor<?x4x8xf32>, tensor<2x4xf32>, tensor<4xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<?x4x8x6xf32>) -> (tensor<?x4x8xf32>, tensor<?x4x8x6xf32>)
  return %y, %s1 : tensor<?x4x8xf32>, tensor<?x4x8x6xf32>
}

// CHECK-LABEL: func.func @linear_attention_dynamic_batch_and_length
// CHECK: seq.linear_attention %{{.*}} decay<scalar> gate(%{{.*}}) update<additive> : (tensor<?x4x?x8xf32>, tensor<2x4x16x8xf32>, tensor<?x4x16x12xf32>, tensor<2x4x?xf32>) -> (tensor<?x4x?x12xf32>, tensor<2x4x8x12xf32>)
func.func @linear_attention_dynamic_batch_and_length(%q: tensor<?x4x?x8xf32>, %k: tensor<2x4x16x8xf32>, %v: tensor<?x4x16x12xf32>, %g: tensor<2x4x?xf32>) -> (tensor<?x4x?x12xf32>, tensor<2x4x8x12xf32>) {
  %o, %s = seq.linear_attention %q, %k, %v decay<scalar> gate(%g) update<additive> : (tensor<?x4x?x8xf32>, tensor<2x4x16x8xf32>, tensor<?x4x16x12xf32>, tensor<2x4x?xf32>) -> (tensor<?x4x?x12xf32>, tensor<2x4x8x12xf32>)
  return %o, %s : tensor<?x4x?x12xf32>, tensor<2x4x8x12xf32>
}

// CHECK-LABEL: func.func @linear_attention_step_dynamic_batch
// CHECK: seq.linear_attention_step %{{.*}} decay<vector> gate(%{{.*}}) update<additive> state(%{{.*}}) : (tensor<?x4x8xf32>, tensor<2x4x8xf32>, tensor<2x4x12xf32>, tensor<?x4x8xf32>, tensor<2x4x8x12xf32>) -> (tensor<?x4x12xf32>, tensor<2x4x8x12xf32>)
func.func @linear_attention_step_dynamic_batch(%q: tensor<?x4x8xf32>, %k: tensor<2x4x8xf32>, %v: tensor<2x4x12xf32>, %g: tensor<?x4x8xf32>, %s: tensor<2x4x8x12xf32>) -> (tensor<?x4x12xf32>, tensor<2x4x8x12xf32>) {
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<vector> gate(%g) update<additive> state(%s) : (tensor<?x4x8xf32>, tensor<2x4x8xf32>, tensor<2x4x12xf32>, tensor<?x4x8xf32>, tensor<2x4x8x12xf32>) -> (tensor<?x4x12xf32>, tensor<2x4x8x12xf32>)
  return %o, %s1 : tensor<?x4x12xf32>, tensor<2x4x8x12xf32>
}

// Grouped-query attention: 8 query heads read 2 key/value states (RetNet-style
// fixed decay, one log-decay per state head).
// CHECK-LABEL: func.func @linear_attention_grouped_query
// CHECK: seq.linear_attention %{{.*}} decay<fixed> gate(%{{.*}}) update<additive> initial_state(%{{.*}}) {chunk_size = 32 : i64} : (tensor<1x8x?x32xf32>, tensor<1x2x?x32xf32>, tensor<1x2x?x64xf32>, tensor<2xf32>, tensor<1x2x32x64xf32>) -> (tensor<1x8x?x64xf32>, tensor<1x2x32x64xf32>)
func.func @linear_attention_grouped_query(%q: tensor<1x8x?x32xf32>, %k: tensor<1x2x?x32xf32>, %v: tensor<1x2x?x64xf32>, %g: tensor<2xf32>, %s0: tensor<1x2x32x64xf32>) -> (tensor<1x8x?x64xf32>, tensor<1x2x32x64xf32>) {
  %o, %s = seq.linear_attention %q, %k, %v decay<fixed> gate(%g) update<additive> initial_state(%s0) {chunk_size = 32 : i64} : (tensor<1x8x?x32xf32>, tensor<1x2x?x32xf32>, tensor<1x2x?x64xf32>, tensor<2xf32>, tensor<1x2x32x64xf32>) -> (tensor<1x8x?x64xf32>, tensor<1x2x32x64xf32>)
  return %o, %s : tensor<1x8x?x64xf32>, tensor<1x2x32x64xf32>
}

// CHECK-LABEL: func.func @linear_attention_step_grouped_query
// CHECK: seq.linear_attention_step %{{.*}} decay<none> update<additive> state(%{{.*}}) : (tensor<?x8x32xf32>, tensor<?x2x32xf32>, tensor<?x2x64xf32>, tensor<?x2x32x64xf32>) -> (tensor<?x8x64xf32>, tensor<?x2x32x64xf32>)
func.func @linear_attention_step_grouped_query(%q: tensor<?x8x32xf32>, %k: tensor<?x2x32xf32>, %v: tensor<?x2x64xf32>, %s: tensor<?x2x32x64xf32>) -> (tensor<?x8x64xf32>, tensor<?x2x32x64xf32>) {
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<none> update<additive> state(%s) : (tensor<?x8x32xf32>, tensor<?x2x32xf32>, tensor<?x2x64xf32>, tensor<?x2x32x64xf32>) -> (tensor<?x8x64xf32>, tensor<?x2x32x64xf32>)
  return %o, %s1 : tensor<?x8x64xf32>, tensor<?x2x32x64xf32>
}

// Qwen-style gated DeltaNet: 4 query/key heads shared by 8 value heads, so
// there are 8 states and 8 output heads; gate and beta follow the states.
// CHECK-LABEL: func.func @linear_attention_qwen_style
// CHECK: seq.linear_attention %{{.*}} decay<scalar> gate(%{{.*}}) update<delta> beta(%{{.*}}) {scale = 1.000000e+00 : f32} : (tensor<1x4x?x32xf32>, tensor<1x4x?x32xf32>, tensor<1x8x?x64xf32>, tensor<1x8x?xf32>, tensor<?x8x50xf32>) -> (tensor<1x8x50x64xf32>, tensor<1x8x32x64xf32>)
func.func @linear_attention_qwen_style(%q: tensor<1x4x?x32xf32>, %k: tensor<1x4x?x32xf32>, %v: tensor<1x8x?x64xf32>, %g: tensor<1x8x?xf32>, %beta: tensor<?x8x50xf32>) -> (tensor<1x8x50x64xf32>, tensor<1x8x32x64xf32>) {
  %o, %s = seq.linear_attention %q, %k, %v decay<scalar> gate(%g) update<delta> beta(%beta) {scale = 1.0 : f32} : (tensor<1x4x?x32xf32>, tensor<1x4x?x32xf32>, tensor<1x8x?x64xf32>, tensor<1x8x?xf32>, tensor<?x8x50xf32>) -> (tensor<1x8x50x64xf32>, tensor<1x8x32x64xf32>)
  return %o, %s : tensor<1x8x50x64xf32>, tensor<1x8x32x64xf32>
}

// CHECK-LABEL: func.func @linear_attention_step_qwen_style
// CHECK: seq.linear_attention_step %{{.*}} decay<scalar> gate(%{{.*}}) update<delta> beta(%{{.*}}) state(%{{.*}}) : (tensor<?x4x32xf32>, tensor<2x4x32xf32>, tensor<2x8x64xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8x32x64xf32>) -> (tensor<?x8x64xf32>, tensor<2x8x32x64xf32>)
func.func @linear_attention_step_qwen_style(%q: tensor<?x4x32xf32>, %k: tensor<2x4x32xf32>, %v: tensor<2x8x64xf32>, %g: tensor<2x8xf32>, %beta: tensor<2x8xf32>, %s: tensor<2x8x32x64xf32>) -> (tensor<?x8x64xf32>, tensor<2x8x32x64xf32>) {
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<scalar> gate(%g) update<delta> beta(%beta) state(%s) : (tensor<?x4x32xf32>, tensor<2x4x32xf32>, tensor<2x8x64xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8x32x64xf32>) -> (tensor<?x8x64xf32>, tensor<2x8x32x64xf32>)
  return %o, %s1 : tensor<?x8x64xf32>, tensor<2x8x32x64xf32>
}

// A dynamic key dim K is accepted with an explicit scale (the default K^-0.5
// needs a static K; invalid: @la_dynamic_key_dim_needs_scale,
// @la_step_dynamic_key_dim_needs_scale).
// CHECK-LABEL: func.func @linear_attention_dynamic_key_dim
// CHECK: seq.linear_attention %{{.*}} decay<none> update<additive> {scale = 1.250000e-01 : f32} : (tensor<2x4x16x?xf32>, tensor<2x4x16x?xf32>, tensor<2x4x16x12xf32>) -> (tensor<2x4x16x12xf32>, tensor<2x4x?x12xf32>)
func.func @linear_attention_dynamic_key_dim(%q: tensor<2x4x16x?xf32>, %k: tensor<2x4x16x?xf32>, %v: tensor<2x4x16x12xf32>) -> (tensor<2x4x16x12xf32>, tensor<2x4x?x12xf32>) {
  %o, %s = seq.linear_attention %q, %k, %v decay<none> update<additive> {scale = 0.125 : f32} : (tensor<2x4x16x?xf32>, tensor<2x4x16x?xf32>, tensor<2x4x16x12xf32>) -> (tensor<2x4x16x12xf32>, tensor<2x4x?x12xf32>)
  return %o, %s : tensor<2x4x16x12xf32>, tensor<2x4x?x12xf32>
}

// CHECK-LABEL: func.func @linear_attention_step_dynamic_key_dim
// CHECK: seq.linear_attention_step %{{.*}} decay<none> update<additive> state(%{{.*}}) {scale = 1.250000e-01 : f32} : (tensor<2x4x?xf32>, tensor<2x4x?xf32>, tensor<2x4x12xf32>, tensor<2x4x?x12xf32>) -> (tensor<2x4x12xf32>, tensor<2x4x?x12xf32>)
func.func @linear_attention_step_dynamic_key_dim(%q: tensor<2x4x?xf32>, %k: tensor<2x4x?xf32>, %v: tensor<2x4x12xf32>, %s: tensor<2x4x?x12xf32>) -> (tensor<2x4x12xf32>, tensor<2x4x?x12xf32>) {
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<none> update<additive> state(%s) {scale = 0.125 : f32} : (tensor<2x4x?xf32>, tensor<2x4x?xf32>, tensor<2x4x12xf32>, tensor<2x4x?x12xf32>) -> (tensor<2x4x12xf32>, tensor<2x4x?x12xf32>)
  return %o, %s1 : tensor<2x4x12xf32>, tensor<2x4x?x12xf32>
}
