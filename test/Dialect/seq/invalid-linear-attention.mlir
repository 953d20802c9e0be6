// RUN: seqc-opt %s --split-input-file --verify-diagnostics

// Invalid IR for the linear-attention family (seq.linear_attention,
// seq.linear_attention_step): one case per verifier rule (docs/ops.md,
// section 3, and the head-sharing rules of the op descriptions).
//
// Sizes used unless a case says otherwise: B = 2, Hq = Hk = Hv = 4, L = 16,
// K = 8, V = 12.

//===----------------------------------------------------------------------===//
// seq.linear_attention
//===----------------------------------------------------------------------===//

func.func @la_float_operands_only(%q: tensor<2x4x16x8xi8>, %k: tensor<2x4x16x8xf32>, %v: tensor<2x4x16x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op operand #0 must be ranked tensor of floating-point values, but got 'tensor<2x4x16x8xi8>'}}
  %o = seq.linear_attention %q, %k, %v decay<none> update<additive> : (tensor<2x4x16x8xi8>, tensor<2x4x16x8xf32>, tensor<2x4x16x12xf32>) -> tensor<2x4x16x12xf32>
  return
}

// -----

func.func @la_q_rank(%q: tensor<2x16x8xf32>, %k: tensor<2x4x16x8xf32>, %v: tensor<2x4x16x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op operand `q` must have rank 4 ([B, Hq, L, K] = [?, ?, ?, ?]), got rank 3}}
  %o = seq.linear_attention %q, %k, %v decay<none> update<additive> : (tensor<2x16x8xf32>, tensor<2x4x16x8xf32>, tensor<2x4x16x12xf32>) -> tensor<2x4x16x12xf32>
  return
}

// -----

func.func @la_k_key_dim(%q: tensor<2x4x16x8xf32>, %k: tensor<2x4x16x16xf32>, %v: tensor<2x4x16x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op operand `k` must have shape [B, Hk, L, K] = [2, ?, 16, 8], got [2, 4, 16, 16]}}
  %o = seq.linear_attention %q, %k, %v decay<none> update<additive> : (tensor<2x4x16x8xf32>, tensor<2x4x16x16xf32>, tensor<2x4x16x12xf32>) -> tensor<2x4x16x12xf32>
  return
}

// -----

func.func @la_k_length(%q: tensor<2x4x16x8xf32>, %k: tensor<2x4x8x8xf32>, %v: tensor<2x4x16x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op operand `k` must have shape [B, Hk, L, K] = [2, ?, 16, 8], got [2, 4, 8, 8]}}
  %o = seq.linear_attention %q, %k, %v decay<none> update<additive> : (tensor<2x4x16x8xf32>, tensor<2x4x8x8xf32>, tensor<2x4x16x12xf32>) -> tensor<2x4x16x12xf32>
  return
}

// -----

func.func @la_k_rank(%q: tensor<2x4x16x8xf32>, %k: tensor<2x16x8xf32>, %v: tensor<2x4x16x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op operand `k` must have rank 4 ([B, Hk, L, K] = [2, ?, 16, 8]), got rank 3}}
  %o = seq.linear_attention %q, %k, %v decay<none> update<additive> : (tensor<2x4x16x8xf32>, tensor<2x16x8xf32>, tensor<2x4x16x12xf32>) -> tensor<2x4x16x12xf32>
  return
}

// -----

func.func @la_v_batch(%q: tensor<2x4x16x8xf32>, %k: tensor<2x4x16x8xf32>, %v: tensor<1x4x16x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op operand `v` must have shape [B, Hv, L, V] = [2, ?, 16, ?], got [1, 4, 16, 12]}}
  %o = seq.linear_attention %q, %k, %v decay<none> update<additive> : (tensor<2x4x16x8xf32>, tensor<2x4x16x8xf32>, tensor<1x4x16x12xf32>) -> tensor<2x4x16x12xf32>
  return
}

// -----

func.func @la_v_rank(%q: tensor<2x4x16x8xf32>, %k: tensor<2x4x16x8xf32>, %v: tensor<2x4x16xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op operand `v` must have rank 4 ([B, Hv, L, V] = [2, ?, 16, ?]), got rank 3}}
  %o = seq.linear_attention %q, %k, %v decay<none> update<additive> : (tensor<2x4x16x8xf32>, tensor<2x4x16x8xf32>, tensor<2x4x16xf32>) -> tensor<2x4x16x12xf32>
  return
}

// -----

func.func @la_key_value_heads_mixed(%q: tensor<2x4x16x8xf32>, %k: tensor<2x4x16x8xf32>, %v: tensor<2x6x16x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op the key head count Hk = 4 and the value head count Hv = 6 must divide one another (heads are shared, not mixed)}}
  %o = seq.linear_attention %q, %k, %v decay<none> update<additive> : (tensor<2x4x16x8xf32>, tensor<2x4x16x8xf32>, tensor<2x6x16x12xf32>) -> tensor<2x6x16x12xf32>
  return
}

// -----

func.func @la_value_heads_not_multiple_of_key_heads(%q: tensor<2x4x16x8xf32>, %k: tensor<2x4x16x8xf32>, %v: tensor<2x10x16x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op the key head count Hk = 4 and the value head count Hv = 10 must divide one another (heads are shared, not mixed)}}
  %o = seq.linear_attention %q, %k, %v decay<none> update<additive> : (tensor<2x4x16x8xf32>, tensor<2x4x16x8xf32>, tensor<2x10x16x12xf32>) -> tensor<2x10x16x12xf32>
  return
}

// -----

func.func @la_zero_key_heads(%q: tensor<2x4x16x8xf32>, %k: tensor<2x0x16x8xf32>, %v: tensor<2x4x16x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op head count Hk must be at least 1, got 0}}
  %o = seq.linear_attention %q, %k, %v decay<none> update<additive> : (tensor<2x4x16x8xf32>, tensor<2x0x16x8xf32>, tensor<2x4x16x12xf32>) -> tensor<2x4x16x12xf32>
  return
}

// -----

// Every head count is dynamic in q, k and v; the gate gives Hs = 0.
func.func @la_zero_state_heads(%q: tensor<2x?x16x8xf32>, %k: tensor<2x?x16x8xf32>, %v: tensor<2x?x16x12xf32>, %g: tensor<2x0x16xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op head count Hs must be at least 1, got 0}}
  %o = seq.linear_attention %q, %k, %v decay<scalar> gate(%g) update<additive> : (tensor<2x?x16x8xf32>, tensor<2x?x16x8xf32>, tensor<2x?x16x12xf32>, tensor<2x0x16xf32>) -> tensor<2x?x16x12xf32>
  return
}

// -----

// Every head count is dynamic in the operands; the result gives Ho = 0.
func.func @la_zero_output_heads(%q: tensor<2x?x16x8xf32>, %k: tensor<2x?x16x8xf32>, %v: tensor<2x?x16x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op head count Ho must be at least 1, got 0}}
  %o = seq.linear_attention %q, %k, %v decay<none> update<additive> : (tensor<2x?x16x8xf32>, tensor<2x?x16x8xf32>, tensor<2x?x16x12xf32>) -> tensor<2x0x16x12xf32>
  return
}

// -----

func.func @la_decay_none_takes_no_gate(%q: tensor<2x4x16x8xf32>, %k: tensor<2x4x16x8xf32>, %v: tensor<2x4x16x12xf32>, %g: tensor<2x4x16xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op decay<none> takes no `gate` operand}}
  %o = seq.linear_attention %q, %k, %v decay<none> gate(%g) update<additive> : (tensor<2x4x16x8xf32>, tensor<2x4x16x8xf32>, tensor<2x4x16x12xf32>, tensor<2x4x16xf32>) -> tensor<2x4x16x12xf32>
  return
}

// -----

func.func @la_decay_fixed_needs_gate(%q: tensor<2x4x16x8xf32>, %k: tensor<2x4x16x8xf32>, %v: tensor<2x4x16x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op decay<fixed> needs a `gate` operand}}
  %o = seq.linear_attention %q, %k, %v decay<fixed> update<additive> : (tensor<2x4x16x8xf32>, tensor<2x4x16x8xf32>, tensor<2x4x16x12xf32>) -> tensor<2x4x16x12xf32>
  return
}

// -----

func.func @la_decay_scalar_needs_gate(%q: tensor<2x4x16x8xf32>, %k: tensor<2x4x16x8xf32>, %v: tensor<2x4x16x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op decay<scalar> needs a `gate` operand}}
  %o = seq.linear_attention %q, %k, %v decay<scalar> update<additive> : (tensor<2x4x16x8xf32>, tensor<2x4x16x8xf32>, tensor<2x4x16x12xf32>) -> tensor<2x4x16x12xf32>
  return
}

// -----

func.func @la_decay_vector_needs_gate(%q: tensor<2x4x16x8xf32>, %k: tensor<2x4x16x8xf32>, %v: tensor<2x4x16x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op decay<vector> needs a `gate` operand}}
  %o = seq.linear_attention %q, %k, %v decay<vector> update<additive> : (tensor<2x4x16x8xf32>, tensor<2x4x16x8xf32>, tensor<2x4x16x12xf32>) -> tensor<2x4x16x12xf32>
  return
}

// -----

func.func @la_fixed_gate_heads(%q: tensor<2x4x16x8xf32>, %k: tensor<2x4x16x8xf32>, %v: tensor<2x4x16x12xf32>, %g: tensor<3xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op operand `gate` must have shape [Hs] = [4], got [3]}}
  %o = seq.linear_attention %q, %k, %v decay<fixed> gate(%g) update<additive> : (tensor<2x4x16x8xf32>, tensor<2x4x16x8xf32>, tensor<2x4x16x12xf32>, tensor<3xf32>) -> tensor<2x4x16x12xf32>
  return
}

// -----

func.func @la_fixed_gate_per_step(%q: tensor<2x4x16x8xf32>, %k: tensor<2x4x16x8xf32>, %v: tensor<2x4x16x12xf32>, %g: tensor<2x4x16xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op operand `gate` must have rank 1 ([Hs] = [4]), got rank 3}}
  %o = seq.linear_attention %q, %k, %v decay<fixed> gate(%g) update<additive> : (tensor<2x4x16x8xf32>, tensor<2x4x16x8xf32>, tensor<2x4x16x12xf32>, tensor<2x4x16xf32>) -> tensor<2x4x16x12xf32>
  return
}

// -----

func.func @la_scalar_gate_length(%q: tensor<2x4x16x8xf32>, %k: tensor<2x4x16x8xf32>, %v: tensor<2x4x16x12xf32>, %g: tensor<2x4x8xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op operand `gate` must have shape [B, Hs, L] = [2, 4, 16], got [2, 4, 8]}}
  %o = seq.linear_attention %q, %k, %v decay<scalar> gate(%g) update<additive> : (tensor<2x4x16x8xf32>, tensor<2x4x16x8xf32>, tensor<2x4x16x12xf32>, tensor<2x4x8xf32>) -> tensor<2x4x16x12xf32>
  return
}

// -----

func.func @la_scalar_gate_per_key_dim(%q: tensor<2x4x16x8xf32>, %k: tensor<2x4x16x8xf32>, %v: tensor<2x4x16x12xf32>, %g: tensor<2x4x16x8xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op operand `gate` must have rank 3 ([B, Hs, L] = [2, 4, 16]), got rank 4}}
  %o = seq.linear_attention %q, %k, %v decay<scalar> gate(%g) update<additive> : (tensor<2x4x16x8xf32>, tensor<2x4x16x8xf32>, tensor<2x4x16x12xf32>, tensor<2x4x16x8xf32>) -> tensor<2x4x16x12xf32>
  return
}

// -----

func.func @la_scalar_gate_fixed_shape(%q: tensor<2x4x16x8xf32>, %k: tensor<2x4x16x8xf32>, %v: tensor<2x4x16x12xf32>, %g: tensor<4xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op operand `gate` must have rank 3 ([B, Hs, L] = [2, 4, 16]), got rank 1}}
  %o = seq.linear_attention %q, %k, %v decay<scalar> gate(%g) update<additive> : (tensor<2x4x16x8xf32>, tensor<2x4x16x8xf32>, tensor<2x4x16x12xf32>, tensor<4xf32>) -> tensor<2x4x16x12xf32>
  return
}

// -----

func.func @la_vector_gate_key_dim(%q: tensor<2x4x16x8xf32>, %k: tensor<2x4x16x8xf32>, %v: tensor<2x4x16x12xf32>, %g: tensor<2x4x16x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op operand `gate` must have shape [B, Hs, L, K] = [2, 4, 16, 8], got [2, 4, 16, 12]}}
  %o = seq.linear_attention %q, %k, %v decay<vector> gate(%g) update<additive> : (tensor<2x4x16x8xf32>, tensor<2x4x16x8xf32>, tensor<2x4x16x12xf32>, tensor<2x4x16x12xf32>) -> tensor<2x4x16x12xf32>
  return
}

// -----

func.func @la_vector_gate_rank(%q: tensor<2x4x16x8xf32>, %k: tensor<2x4x16x8xf32>, %v: tensor<2x4x16x12xf32>, %g: tensor<2x4x16xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op operand `gate` must have rank 4 ([B, Hs, L, K] = [2, 4, 16, 8]), got rank 3}}
  %o = seq.linear_attention %q, %k, %v decay<vector> gate(%g) update<additive> : (tensor<2x4x16x8xf32>, tensor<2x4x16x8xf32>, tensor<2x4x16x12xf32>, tensor<2x4x16xf32>) -> tensor<2x4x16x12xf32>
  return
}

// -----

// Hk = 2 key heads shared by Hv = 4 value heads: Hs = 4 states, so the
// gate has 4 heads, not 2.
func.func @la_gate_heads_follow_value_heads(%q: tensor<2x2x16x8xf32>, %k: tensor<2x2x16x8xf32>, %v: tensor<2x4x16x12xf32>, %g: tensor<2x2x16xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op operand `gate` must have shape [B, Hs, L] = [2, 4, 16], got [2, 2, 16]}}
  %o = seq.linear_attention %q, %k, %v decay<scalar> gate(%g) update<additive> : (tensor<2x2x16x8xf32>, tensor<2x2x16x8xf32>, tensor<2x4x16x12xf32>, tensor<2x2x16xf32>) -> tensor<2x4x16x12xf32>
  return
}

// -----

func.func @la_update_additive_takes_no_beta(%q: tensor<2x4x16x8xf32>, %k: tensor<2x4x16x8xf32>, %v: tensor<2x4x16x12xf32>, %beta: tensor<2x4x16xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op update<additive> takes no `beta` operand}}
  %o = seq.linear_attention %q, %k, %v decay<none> update<additive> beta(%beta) : (tensor<2x4x16x8xf32>, tensor<2x4x16x8xf32>, tensor<2x4x16x12xf32>, tensor<2x4x16xf32>) -> tensor<2x4x16x12xf32>
  return
}

// -----

func.func @la_update_delta_needs_beta(%q: tensor<2x4x16x8xf32>, %k: tensor<2x4x16x8xf32>, %v: tensor<2x4x16x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op update<delta> needs a `beta` operand}}
  %o = seq.linear_attention %q, %k, %v decay<none> update<delta> : (tensor<2x4x16x8xf32>, tensor<2x4x16x8xf32>, tensor<2x4x16x12xf32>) -> tensor<2x4x16x12xf32>
  return
}

// -----

func.func @la_gated_delta_needs_beta(%q: tensor<2x4x16x8xf32>, %k: tensor<2x4x16x8xf32>, %v: tensor<2x4x16x12xf32>, %g: tensor<2x4x16xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op update<delta> needs a `beta` operand}}
  %o = seq.linear_attention %q, %k, %v decay<scalar> gate(%g) update<delta> : (tensor<2x4x16x8xf32>, tensor<2x4x16x8xf32>, tensor<2x4x16x12xf32>, tensor<2x4x16xf32>) -> tensor<2x4x16x12xf32>
  return
}

// -----

func.func @la_beta_length(%q: tensor<2x4x16x8xf32>, %k: tensor<2x4x16x8xf32>, %v: tensor<2x4x16x12xf32>, %beta: tensor<2x4x8xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op operand `beta` must have shape [B, Hs, L] = [2, 4, 16], got [2, 4, 8]}}
  %o = seq.linear_attention %q, %k, %v decay<none> update<delta> beta(%beta) : (tensor<2x4x16x8xf32>, tensor<2x4x16x8xf32>, tensor<2x4x16x12xf32>, tensor<2x4x8xf32>) -> tensor<2x4x16x12xf32>
  return
}

// -----

func.func @la_beta_rank(%q: tensor<2x4x16x8xf32>, %k: tensor<2x4x16x8xf32>, %v: tensor<2x4x16x12xf32>, %beta: tensor<2x4x16x1xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op operand `beta` must have rank 3 ([B, Hs, L] = [2, 4, 16]), got rank 4}}
  %o = seq.linear_attention %q, %k, %v decay<none> update<delta> beta(%beta) : (tensor<2x4x16x8xf32>, tensor<2x4x16x8xf32>, tensor<2x4x16x12xf32>, tensor<2x4x16x1xf32>) -> tensor<2x4x16x12xf32>
  return
}

// -----

// Qwen-style sharing: Hk = 4 key heads, Hv = 8 value heads, so Hs = 8.
func.func @la_beta_heads_follow_value_heads(%q: tensor<2x4x16x8xf32>, %k: tensor<2x4x16x8xf32>, %v: tensor<2x8x16x12xf32>, %g: tensor<2x8x16xf32>, %beta: tensor<2x4x16xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op operand `beta` must have shape [B, Hs, L] = [2, 8, 16], got [2, 4, 16]}}
  %o = seq.linear_attention %q, %k, %v decay<scalar> gate(%g) update<delta> beta(%beta) : (tensor<2x4x16x8xf32>, tensor<2x4x16x8xf32>, tensor<2x8x16x12xf32>, tensor<2x8x16xf32>, tensor<2x4x16xf32>) -> tensor<2x8x16x12xf32>
  return
}

// -----

func.func @la_initial_state_shape(%q: tensor<2x4x16x8xf32>, %k: tensor<2x4x16x8xf32>, %v: tensor<2x4x16x12xf32>, %s0: tensor<2x4x12x8xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op operand `initial_state` must have shape [B, Hs, K, V] = [2, 4, 8, 12], got [2, 4, 12, 8]}}
  %o = seq.linear_attention %q, %k, %v decay<none> update<additive> initial_state(%s0) : (tensor<2x4x16x8xf32>, tensor<2x4x16x8xf32>, tensor<2x4x16x12xf32>, tensor<2x4x12x8xf32>) -> tensor<2x4x16x12xf32>
  return
}

// -----

func.func @la_initial_state_rank(%q: tensor<2x4x16x8xf32>, %k: tensor<2x4x16x8xf32>, %v: tensor<2x4x16x12xf32>, %s0: tensor<4x8x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op operand `initial_state` must have rank 4 ([B, Hs, K, V] = [2, 4, 8, 12]), got rank 3}}
  %o = seq.linear_attention %q, %k, %v decay<none> update<additive> initial_state(%s0) : (tensor<2x4x16x8xf32>, tensor<2x4x16x8xf32>, tensor<2x4x16x12xf32>, tensor<4x8x12xf32>) -> tensor<2x4x16x12xf32>
  return
}

// -----

func.func @la_query_state_heads_mixed(%q: tensor<2x3x16x8xf32>, %k: tensor<2x4x16x8xf32>, %v: tensor<2x4x16x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op the query head count Hq = 3 and the state head count Hs = 4 must divide one another (heads are shared, not mixed)}}
  %o = seq.linear_attention %q, %k, %v decay<none> update<additive> : (tensor<2x3x16x8xf32>, tensor<2x4x16x8xf32>, tensor<2x4x16x12xf32>) -> tensor<2x4x16x12xf32>
  return
}

// -----

// Hs = max(Hk, Hv) = 6, which Hq = 4 neither divides nor is divided by.
func.func @la_query_heads_vs_shared_state_heads(%q: tensor<2x4x16x8xf32>, %k: tensor<2x2x16x8xf32>, %v: tensor<2x6x16x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op the query head count Hq = 4 and the state head count Hs = 6 must divide one another (heads are shared, not mixed)}}
  %o = seq.linear_attention %q, %k, %v decay<none> update<additive> : (tensor<2x4x16x8xf32>, tensor<2x2x16x8xf32>, tensor<2x6x16x12xf32>) -> tensor<2x6x16x12xf32>
  return
}

// -----

// Hk is dynamic, so Hs is not max(Hk, Hv): the gate gives Hs = 3, which is
// not a multiple of Hv = 8.
func.func @la_state_heads_not_multiple_of_value_heads(%q: tensor<2x3x16x8xf32>, %k: tensor<2x?x16x8xf32>, %v: tensor<2x8x16x12xf32>, %g: tensor<2x3x16xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op the state head count Hs = 3 must be a multiple of the value head count Hv = 8}}
  %o = seq.linear_attention %q, %k, %v decay<scalar> gate(%g) update<additive> : (tensor<2x3x16x8xf32>, tensor<2x?x16x8xf32>, tensor<2x8x16x12xf32>, tensor<2x3x16xf32>) -> tensor<2x3x16x12xf32>
  return
}

// -----

// Hq is dynamic, so Ho is not max(Hq, Hs): the result gives Ho = 3, which is
// not a multiple of Hs = 4.
func.func @la_out_heads_not_multiple_of_state_heads(%q: tensor<2x?x16x8xf32>, %k: tensor<2x4x16x8xf32>, %v: tensor<2x4x16x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op the output head count Ho = 3 must be a multiple of the state head count Hs = 4}}
  %o = seq.linear_attention %q, %k, %v decay<none> update<additive> : (tensor<2x?x16x8xf32>, tensor<2x4x16x8xf32>, tensor<2x4x16x12xf32>) -> tensor<2x3x16x12xf32>
  return
}

// -----

// Grouped-query: 8 query heads over 2 key/value heads give Ho = 8 outputs.
func.func @la_out_heads_grouped_query(%q: tensor<2x8x16x8xf32>, %k: tensor<2x2x16x8xf32>, %v: tensor<2x2x16x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op result `out` must have shape [B, Ho, L, V] = [2, 8, 16, 12], got [2, 2, 16, 12]}}
  %o = seq.linear_attention %q, %k, %v decay<none> update<additive> : (tensor<2x8x16x8xf32>, tensor<2x2x16x8xf32>, tensor<2x2x16x12xf32>) -> tensor<2x2x16x12xf32>
  return
}

// -----

func.func @la_out_value_dim(%q: tensor<2x4x16x8xf32>, %k: tensor<2x4x16x8xf32>, %v: tensor<2x4x16x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op result `out` must have shape [B, Ho, L, V] = [2, 4, 16, 12], got [2, 4, 16, 8]}}
  %o = seq.linear_attention %q, %k, %v decay<none> update<additive> : (tensor<2x4x16x8xf32>, tensor<2x4x16x8xf32>, tensor<2x4x16x12xf32>) -> tensor<2x4x16x8xf32>
  return
}

// -----

func.func @la_out_rank(%q: tensor<2x4x16x8xf32>, %k: tensor<2x4x16x8xf32>, %v: tensor<2x4x16x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op result `out` must have rank 4 ([B, Ho, L, V] = [2, 4, 16, 12]), got rank 3}}
  %o = seq.linear_attention %q, %k, %v decay<none> update<additive> : (tensor<2x4x16x8xf32>, tensor<2x4x16x8xf32>, tensor<2x4x16x12xf32>) -> tensor<2x16x12xf32>
  return
}

// -----

// The state has Hs = 2 heads, not Ho = 8.
func.func @la_final_state_heads(%q: tensor<2x8x16x8xf32>, %k: tensor<2x2x16x8xf32>, %v: tensor<2x2x16x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op result `final_state` must have shape [B, Hs, K, V] = [2, 2, 8, 12], got [2, 8, 8, 12]}}
  %o, %s = seq.linear_attention %q, %k, %v decay<none> update<additive> : (tensor<2x8x16x8xf32>, tensor<2x2x16x8xf32>, tensor<2x2x16x12xf32>) -> (tensor<2x8x16x12xf32>, tensor<2x8x8x12xf32>)
  return
}

// -----

func.func @la_k_element_type(%q: tensor<2x4x16x8xf32>, %k: tensor<2x4x16x8xf16>, %v: tensor<2x4x16x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op operand `k` must have the element type of `q` ('f32'), got 'f16'}}
  %o = seq.linear_attention %q, %k, %v decay<none> update<additive> : (tensor<2x4x16x8xf32>, tensor<2x4x16x8xf16>, tensor<2x4x16x12xf32>) -> tensor<2x4x16x12xf32>
  return
}

// -----

func.func @la_v_element_type(%q: tensor<2x4x16x8xf32>, %k: tensor<2x4x16x8xf32>, %v: tensor<2x4x16x12xbf16>) {
  // expected-error @+1 {{'seq.linear_attention' op operand `v` must have the element type of `q` ('f32'), got 'bf16'}}
  %o = seq.linear_attention %q, %k, %v decay<none> update<additive> : (tensor<2x4x16x8xf32>, tensor<2x4x16x8xf32>, tensor<2x4x16x12xbf16>) -> tensor<2x4x16x12xf32>
  return
}

// -----

func.func @la_out_element_type(%q: tensor<2x4x16x8xbf16>, %k: tensor<2x4x16x8xbf16>, %v: tensor<2x4x16x12xbf16>) {
  // expected-error @+1 {{'seq.linear_attention' op result `out` must have the element type of `q` ('bf16'), got 'f32'}}
  %o = seq.linear_attention %q, %k, %v decay<none> update<additive> : (tensor<2x4x16x8xbf16>, tensor<2x4x16x8xbf16>, tensor<2x4x16x12xbf16>) -> tensor<2x4x16x12xf32>
  return
}

// -----

func.func @la_final_state_element_type(%q: tensor<2x4x16x8xf32>, %k: tensor<2x4x16x8xf32>, %v: tensor<2x4x16x12xf32>, %s0: tensor<2x4x8x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op result `final_state` must have element type 'f32', got 'f16'}}
  %o, %s = seq.linear_attention %q, %k, %v decay<none> update<additive> initial_state(%s0) : (tensor<2x4x16x8xf32>, tensor<2x4x16x8xf32>, tensor<2x4x16x12xf32>, tensor<2x4x8x12xf32>) -> (tensor<2x4x16x12xf32>, tensor<2x4x8x12xf16>)
  return
}

// -----

// The state is accumulated in f32, whatever the activations' type.
func.func @la_initial_state_element_type(%q: tensor<2x4x16x8xf32>, %k: tensor<2x4x16x8xf32>, %v: tensor<2x4x16x12xf32>, %s0: tensor<2x4x8x12xf16>) {
  // expected-error @+1 {{'seq.linear_attention' op operand `initial_state` must have element type 'f32', got 'f16'}}
  %o = seq.linear_attention %q, %k, %v decay<none> update<additive> initial_state(%s0) : (tensor<2x4x16x8xf32>, tensor<2x4x16x8xf32>, tensor<2x4x16x12xf32>, tensor<2x4x8x12xf16>) -> tensor<2x4x16x12xf32>
  return
}

// -----

// bf16 activations still carry an f32 state.
func.func @la_bf16_final_state_element_type(%q: tensor<2x4x16x8xbf16>, %k: tensor<2x4x16x8xbf16>, %v: tensor<2x4x16x12xbf16>) {
  // expected-error @+1 {{'seq.linear_attention' op result `final_state` must have element type 'f32', got 'bf16'}}
  %o, %s = seq.linear_attention %q, %k, %v decay<none> update<additive> : (tensor<2x4x16x8xbf16>, tensor<2x4x16x8xbf16>, tensor<2x4x16x12xbf16>) -> (tensor<2x4x16x12xbf16>, tensor<2x4x8x12xbf16>)
  return
}

// -----

func.func @la_zero_scale(%q: tensor<2x4x16x8xf32>, %k: tensor<2x4x16x8xf32>, %v: tensor<2x4x16x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op scale must be finite and non-zero, got 0.000000e+00}}
  %o = seq.linear_attention %q, %k, %v decay<none> update<additive> {scale = 0.0 : f32} : (tensor<2x4x16x8xf32>, tensor<2x4x16x8xf32>, tensor<2x4x16x12xf32>) -> tensor<2x4x16x12xf32>
  return
}

// -----

func.func @la_negative_zero_scale(%q: tensor<2x4x16x8xf32>, %k: tensor<2x4x16x8xf32>, %v: tensor<2x4x16x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op scale must be finite and non-zero, got -0.000000e+00}}
  %o = seq.linear_attention %q, %k, %v decay<none> update<additive> {scale = -0.0 : f32} : (tensor<2x4x16x8xf32>, tensor<2x4x16x8xf32>, tensor<2x4x16x12xf32>) -> tensor<2x4x16x12xf32>
  return
}

// -----

func.func @la_infinite_scale(%q: tensor<2x4x16x8xf32>, %k: tensor<2x4x16x8xf32>, %v: tensor<2x4x16x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op scale must be finite and non-zero, got INF}}
  %o = seq.linear_attention %q, %k, %v decay<none> update<additive> {scale = 0x7F800000 : f32} : (tensor<2x4x16x8xf32>, tensor<2x4x16x8xf32>, tensor<2x4x16x12xf32>) -> tensor<2x4x16x12xf32>
  return
}

// -----

func.func @la_nan_scale(%q: tensor<2x4x16x8xf32>, %k: tensor<2x4x16x8xf32>, %v: tensor<2x4x16x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op scale must be finite and non-zero, got nan}}
  %o = seq.linear_attention %q, %k, %v decay<none> update<additive> {scale = 0x7FC00000 : f32} : (tensor<2x4x16x8xf32>, tensor<2x4x16x8xf32>, tensor<2x4x16x12xf32>) -> tensor<2x4x16x12xf32>
  return
}

// -----

func.func @la_scale_attr_type(%q: tensor<2x4x16x8xf32>, %k: tensor<2x4x16x8xf32>, %v: tensor<2x4x16x12xf32>) {
  // expected-error @+1 {{custom op 'seq.linear_attention' 'seq.linear_attention' op attribute 'scale' failed to satisfy constraint: 32-bit float attribute}}
  %o = seq.linear_attention %q, %k, %v decay<none> update<additive> {scale = 1.0 : f64} : (tensor<2x4x16x8xf32>, tensor<2x4x16x8xf32>, tensor<2x4x16x12xf32>) -> tensor<2x4x16x12xf32>
  return
}

// -----

// The default scale K^-0.5 needs a static K.
func.func @la_dynamic_key_dim_needs_scale(%q: tensor<2x4x16x?xf32>, %k: tensor<2x4x16x?xf32>, %v: tensor<2x4x16x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op needs an explicit `scale` when the key dim K is dynamic (the default is K^-0.5)}}
  %o = seq.linear_attention %q, %k, %v decay<none> update<additive> : (tensor<2x4x16x?xf32>, tensor<2x4x16x?xf32>, tensor<2x4x16x12xf32>) -> tensor<2x4x16x12xf32>
  return
}

// -----

func.func @la_zero_chunk_size(%q: tensor<2x4x16x8xf32>, %k: tensor<2x4x16x8xf32>, %v: tensor<2x4x16x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op chunk_size must be a positive power of two, got 0}}
  %o = seq.linear_attention %q, %k, %v decay<none> update<additive> {chunk_size = 0 : i64} : (tensor<2x4x16x8xf32>, tensor<2x4x16x8xf32>, tensor<2x4x16x12xf32>) -> tensor<2x4x16x12xf32>
  return
}

// -----

func.func @la_chunk_size_not_power_of_two(%q: tensor<2x4x16x8xf32>, %k: tensor<2x4x16x8xf32>, %v: tensor<2x4x16x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op chunk_size must be a positive power of two, got 48}}
  %o = seq.linear_attention %q, %k, %v decay<none> update<additive> {chunk_size = 48 : i64} : (tensor<2x4x16x8xf32>, tensor<2x4x16x8xf32>, tensor<2x4x16x12xf32>) -> tensor<2x4x16x12xf32>
  return
}

// -----

func.func @la_negative_chunk_size(%q: tensor<2x4x16x8xf32>, %k: tensor<2x4x16x8xf32>, %v: tensor<2x4x16x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention' op chunk_size must be a positive power of two, got -64}}
  %o = seq.linear_attention %q, %k, %v decay<none> update<additive> {chunk_size = -64 : i64} : (tensor<2x4x16x8xf32>, tensor<2x4x16x8xf32>, tensor<2x4x16x12xf32>) -> tensor<2x4x16x12xf32>
  return
}

// -----

func.func @la_unknown_decay_kind(%q: tensor<2x4x16x8xf32>, %v: tensor<2x4x16x12xf32>) {
  // expected-error @+2 {{custom op 'seq.linear_attention' expected ::mlir::seq::DecayKind to be one of: none, fixed, scalar, vector}}
  // expected-error @+1 {{custom op 'seq.linear_attention' failed to parse Seq_DecayKindAttr parameter 'value' which is to be a `::mlir::seq::DecayKind`}}
  %o = seq.linear_attention %q, %q, %v decay<exp> update<additive> : (tensor<2x4x16x8xf32>, tensor<2x4x16x8xf32>, tensor<2x4x16x12xf32>) -> tensor<2x4x16x12xf32>
  return
}

// -----

func.func @la_unknown_update_rule(%q: tensor<2x4x16x8xf32>, %v: tensor<2x4x16x12xf32>, %g: tensor<2x4x16xf32>) {
  // expected-error @+2 {{custom op 'seq.linear_attention' expected ::mlir::seq::UpdateRule to be one of: additive, delta}}
  // expected-error @+1 {{custom op 'seq.linear_attention' failed to parse Seq_UpdateRuleAttr parameter 'value' which is to be a `::mlir::seq::UpdateRule`}}
  %o = seq.linear_attention %q, %q, %v decay<scalar> gate(%g) update<gated_delta> : (tensor<2x4x16x8xf32>, tensor<2x4x16x8xf32>, tensor<2x4x16x12xf32>, tensor<2x4x16xf32>) -> tensor<2x4x16x12xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// seq.linear_attention_step
//===----------------------------------------------------------------------===//

func.func @la_step_float_operands_only(%q: tensor<2x4x8xf32>, %k: tensor<2x4x8xf32>, %v: tensor<2x4x12xi32>, %s: tensor<2x4x8x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention_step' op operand #2 must be ranked tensor of floating-point values, but got 'tensor<2x4x12xi32>'}}
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<none> update<additive> state(%s) : (tensor<2x4x8xf32>, tensor<2x4x8xf32>, tensor<2x4x12xi32>, tensor<2x4x8x12xf32>) -> (tensor<2x4x12xf32>, tensor<2x4x8x12xf32>)
  return
}

// -----

// The verifier runs before result type inference, so a wrong rank is
// reported by the shape contract, not by inferReturnTypes.
func.func @la_step_q_rank(%q: tensor<2x4x1x8xf32>, %k: tensor<2x4x8xf32>, %v: tensor<2x4x12xf32>, %s: tensor<2x4x8x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention_step' op operand `q` must have rank 3 ([B, Hq, K] = [?, ?, ?]), got rank 4}}
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<none> update<additive> state(%s) : (tensor<2x4x1x8xf32>, tensor<2x4x8xf32>, tensor<2x4x12xf32>, tensor<2x4x8x12xf32>) -> (tensor<2x4x12xf32>, tensor<2x4x8x12xf32>)
  return
}

// -----

func.func @la_step_v_rank(%q: tensor<2x4x8xf32>, %k: tensor<2x4x8xf32>, %v: tensor<2x12xf32>, %s: tensor<2x4x8x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention_step' op operand `v` must have rank 3 ([B, Hv, V] = [2, ?, ?]), got rank 2}}
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<none> update<additive> state(%s) : (tensor<2x4x8xf32>, tensor<2x4x8xf32>, tensor<2x12xf32>, tensor<2x4x8x12xf32>) -> (tensor<2x4x12xf32>, tensor<2x4x8x12xf32>)
  return
}

// -----

func.func @la_step_state_rank(%q: tensor<2x4x8xf32>, %k: tensor<2x4x8xf32>, %v: tensor<2x4x12xf32>, %s: tensor<4x8x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention_step' op operand `state` must have rank 4 ([B, Hs, K, V] = [2, 4, 8, 12]), got rank 3}}
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<none> update<additive> state(%s) : (tensor<2x4x8xf32>, tensor<2x4x8xf32>, tensor<2x4x12xf32>, tensor<4x8x12xf32>) -> (tensor<2x4x12xf32>, tensor<4x8x12xf32>)
  return
}

// -----

func.func @la_step_k_rank(%q: tensor<2x4x8xf32>, %k: tensor<2x4x1x8xf32>, %v: tensor<2x4x12xf32>, %s: tensor<2x4x8x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention_step' op operand `k` must have rank 3 ([B, Hk, K] = [2, ?, 8]), got rank 4}}
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<none> update<additive> state(%s) : (tensor<2x4x8xf32>, tensor<2x4x1x8xf32>, tensor<2x4x12xf32>, tensor<2x4x8x12xf32>) -> (tensor<2x4x12xf32>, tensor<2x4x8x12xf32>)
  return
}

// -----

func.func @la_step_k_key_dim(%q: tensor<2x4x8xf32>, %k: tensor<2x4x16xf32>, %v: tensor<2x4x12xf32>, %s: tensor<2x4x8x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention_step' op operand `k` must have shape [B, Hk, K] = [2, ?, 8], got [2, 4, 16]}}
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<none> update<additive> state(%s) : (tensor<2x4x8xf32>, tensor<2x4x16xf32>, tensor<2x4x12xf32>, tensor<2x4x8x12xf32>) -> (tensor<2x4x12xf32>, tensor<2x4x8x12xf32>)
  return
}

// -----

func.func @la_step_v_batch(%q: tensor<2x4x8xf32>, %k: tensor<2x4x8xf32>, %v: tensor<1x4x12xf32>, %s: tensor<2x4x8x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention_step' op operand `v` must have shape [B, Hv, V] = [2, ?, ?], got [1, 4, 12]}}
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<none> update<additive> state(%s) : (tensor<2x4x8xf32>, tensor<2x4x8xf32>, tensor<1x4x12xf32>, tensor<2x4x8x12xf32>) -> (tensor<2x4x12xf32>, tensor<2x4x8x12xf32>)
  return
}

// -----

func.func @la_step_key_value_heads_mixed(%q: tensor<2x4x8xf32>, %k: tensor<2x4x8xf32>, %v: tensor<2x6x12xf32>, %s: tensor<2x6x8x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention_step' op the key head count Hk = 4 and the value head count Hv = 6 must divide one another (heads are shared, not mixed)}}
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<none> update<additive> state(%s) : (tensor<2x4x8xf32>, tensor<2x4x8xf32>, tensor<2x6x12xf32>, tensor<2x6x8x12xf32>) -> (tensor<2x6x12xf32>, tensor<2x6x8x12xf32>)
  return
}

// -----

func.func @la_step_zero_key_heads(%q: tensor<2x4x8xf32>, %k: tensor<2x0x8xf32>, %v: tensor<2x4x12xf32>, %s: tensor<2x4x8x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention_step' op head count Hk must be at least 1, got 0}}
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<none> update<additive> state(%s) : (tensor<2x4x8xf32>, tensor<2x0x8xf32>, tensor<2x4x12xf32>, tensor<2x4x8x12xf32>) -> (tensor<2x4x12xf32>, tensor<2x4x8x12xf32>)
  return
}

// -----

func.func @la_step_decay_none_takes_no_gate(%q: tensor<2x4x8xf32>, %k: tensor<2x4x8xf32>, %v: tensor<2x4x12xf32>, %g: tensor<2x4xf32>, %s: tensor<2x4x8x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention_step' op decay<none> takes no `gate` operand}}
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<none> gate(%g) update<additive> state(%s) : (tensor<2x4x8xf32>, tensor<2x4x8xf32>, tensor<2x4x12xf32>, tensor<2x4xf32>, tensor<2x4x8x12xf32>) -> (tensor<2x4x12xf32>, tensor<2x4x8x12xf32>)
  return
}

// -----

func.func @la_step_decay_fixed_needs_gate(%q: tensor<2x4x8xf32>, %k: tensor<2x4x8xf32>, %v: tensor<2x4x12xf32>, %s: tensor<2x4x8x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention_step' op decay<fixed> needs a `gate` operand}}
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<fixed> update<additive> state(%s) : (tensor<2x4x8xf32>, tensor<2x4x8xf32>, tensor<2x4x12xf32>, tensor<2x4x8x12xf32>) -> (tensor<2x4x12xf32>, tensor<2x4x8x12xf32>)
  return
}

// -----

func.func @la_step_decay_scalar_needs_gate(%q: tensor<2x4x8xf32>, %k: tensor<2x4x8xf32>, %v: tensor<2x4x12xf32>, %s: tensor<2x4x8x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention_step' op decay<scalar> needs a `gate` operand}}
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<scalar> update<additive> state(%s) : (tensor<2x4x8xf32>, tensor<2x4x8xf32>, tensor<2x4x12xf32>, tensor<2x4x8x12xf32>) -> (tensor<2x4x12xf32>, tensor<2x4x8x12xf32>)
  return
}

// -----

func.func @la_step_decay_vector_needs_gate(%q: tensor<2x4x8xf32>, %k: tensor<2x4x8xf32>, %v: tensor<2x4x12xf32>, %s: tensor<2x4x8x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention_step' op decay<vector> needs a `gate` operand}}
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<vector> update<additive> state(%s) : (tensor<2x4x8xf32>, tensor<2x4x8xf32>, tensor<2x4x12xf32>, tensor<2x4x8x12xf32>) -> (tensor<2x4x12xf32>, tensor<2x4x8x12xf32>)
  return
}

// -----

func.func @la_step_fixed_gate_heads(%q: tensor<2x4x8xf32>, %k: tensor<2x4x8xf32>, %v: tensor<2x4x12xf32>, %g: tensor<2xf32>, %s: tensor<2x4x8x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention_step' op operand `gate` must have shape [Hs] = [4], got [2]}}
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<fixed> gate(%g) update<additive> state(%s) : (tensor<2x4x8xf32>, tensor<2x4x8xf32>, tensor<2x4x12xf32>, tensor<2xf32>, tensor<2x4x8x12xf32>) -> (tensor<2x4x12xf32>, tensor<2x4x8x12xf32>)
  return
}

// -----

func.func @la_step_fixed_gate_per_step(%q: tensor<2x4x8xf32>, %k: tensor<2x4x8xf32>, %v: tensor<2x4x12xf32>, %g: tensor<2x4xf32>, %s: tensor<2x4x8x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention_step' op operand `gate` must have rank 1 ([Hs] = [4]), got rank 2}}
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<fixed> gate(%g) update<additive> state(%s) : (tensor<2x4x8xf32>, tensor<2x4x8xf32>, tensor<2x4x12xf32>, tensor<2x4xf32>, tensor<2x4x8x12xf32>) -> (tensor<2x4x12xf32>, tensor<2x4x8x12xf32>)
  return
}

// -----

func.func @la_step_scalar_gate_heads(%q: tensor<2x4x8xf32>, %k: tensor<2x4x8xf32>, %v: tensor<2x4x12xf32>, %g: tensor<2x8xf32>, %s: tensor<2x4x8x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention_step' op operand `gate` must have shape [B, Hs] = [2, 4], got [2, 8]}}
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<scalar> gate(%g) update<additive> state(%s) : (tensor<2x4x8xf32>, tensor<2x4x8xf32>, tensor<2x4x12xf32>, tensor<2x8xf32>, tensor<2x4x8x12xf32>) -> (tensor<2x4x12xf32>, tensor<2x4x8x12xf32>)
  return
}

// -----

func.func @la_step_scalar_gate_sequence_shape(%q: tensor<2x4x8xf32>, %k: tensor<2x4x8xf32>, %v: tensor<2x4x12xf32>, %g: tensor<2x4x16xf32>, %s: tensor<2x4x8x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention_step' op operand `gate` must have rank 2 ([B, Hs] = [2, 4]), got rank 3}}
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<scalar> gate(%g) update<additive> state(%s) : (tensor<2x4x8xf32>, tensor<2x4x8xf32>, tensor<2x4x12xf32>, tensor<2x4x16xf32>, tensor<2x4x8x12xf32>) -> (tensor<2x4x12xf32>, tensor<2x4x8x12xf32>)
  return
}

// -----

func.func @la_step_vector_gate_key_dim(%q: tensor<2x4x8xf32>, %k: tensor<2x4x8xf32>, %v: tensor<2x4x12xf32>, %g: tensor<2x4x12xf32>, %s: tensor<2x4x8x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention_step' op operand `gate` must have shape [B, Hs, K] = [2, 4, 8], got [2, 4, 12]}}
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<vector> gate(%g) update<additive> state(%s) : (tensor<2x4x8xf32>, tensor<2x4x8xf32>, tensor<2x4x12xf32>, tensor<2x4x12xf32>, tensor<2x4x8x12xf32>) -> (tensor<2x4x12xf32>, tensor<2x4x8x12xf32>)
  return
}

// -----

func.func @la_step_vector_gate_rank(%q: tensor<2x4x8xf32>, %k: tensor<2x4x8xf32>, %v: tensor<2x4x12xf32>, %g: tensor<2x4xf32>, %s: tensor<2x4x8x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention_step' op operand `gate` must have rank 3 ([B, Hs, K] = [2, 4, 8]), got rank 2}}
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<vector> gate(%g) update<additive> state(%s) : (tensor<2x4x8xf32>, tensor<2x4x8xf32>, tensor<2x4x12xf32>, tensor<2x4xf32>, tensor<2x4x8x12xf32>) -> (tensor<2x4x12xf32>, tensor<2x4x8x12xf32>)
  return
}

// -----

func.func @la_step_update_additive_takes_no_beta(%q: tensor<2x4x8xf32>, %k: tensor<2x4x8xf32>, %v: tensor<2x4x12xf32>, %beta: tensor<2x4xf32>, %s: tensor<2x4x8x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention_step' op update<additive> takes no `beta` operand}}
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<none> update<additive> beta(%beta) state(%s) : (tensor<2x4x8xf32>, tensor<2x4x8xf32>, tensor<2x4x12xf32>, tensor<2x4xf32>, tensor<2x4x8x12xf32>) -> (tensor<2x4x12xf32>, tensor<2x4x8x12xf32>)
  return
}

// -----

func.func @la_step_update_delta_needs_beta(%q: tensor<2x4x8xf32>, %k: tensor<2x4x8xf32>, %v: tensor<2x4x12xf32>, %s: tensor<2x4x8x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention_step' op update<delta> needs a `beta` operand}}
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<none> update<delta> state(%s) : (tensor<2x4x8xf32>, tensor<2x4x8xf32>, tensor<2x4x12xf32>, tensor<2x4x8x12xf32>) -> (tensor<2x4x12xf32>, tensor<2x4x8x12xf32>)
  return
}

// -----

func.func @la_step_beta_heads(%q: tensor<2x4x8xf32>, %k: tensor<2x4x8xf32>, %v: tensor<2x4x12xf32>, %beta: tensor<2x2xf32>, %s: tensor<2x4x8x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention_step' op operand `beta` must have shape [B, Hs] = [2, 4], got [2, 2]}}
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<none> update<delta> beta(%beta) state(%s) : (tensor<2x4x8xf32>, tensor<2x4x8xf32>, tensor<2x4x12xf32>, tensor<2x2xf32>, tensor<2x4x8x12xf32>) -> (tensor<2x4x12xf32>, tensor<2x4x8x12xf32>)
  return
}

// -----

func.func @la_step_beta_rank(%q: tensor<2x4x8xf32>, %k: tensor<2x4x8xf32>, %v: tensor<2x4x12xf32>, %beta: tensor<2x4x16xf32>, %s: tensor<2x4x8x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention_step' op operand `beta` must have rank 2 ([B, Hs] = [2, 4]), got rank 3}}
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<none> update<delta> beta(%beta) state(%s) : (tensor<2x4x8xf32>, tensor<2x4x8xf32>, tensor<2x4x12xf32>, tensor<2x4x16xf32>, tensor<2x4x8x12xf32>) -> (tensor<2x4x12xf32>, tensor<2x4x8x12xf32>)
  return
}

// -----

func.func @la_step_state_value_dim(%q: tensor<2x4x8xf32>, %k: tensor<2x4x8xf32>, %v: tensor<2x4x12xf32>, %s: tensor<2x4x8x16xf32>) {
  // expected-error @+1 {{'seq.linear_attention_step' op operand `state` must have shape [B, Hs, K, V] = [2, 4, 8, 12], got [2, 4, 8, 16]}}
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<none> update<additive> state(%s) : (tensor<2x4x8xf32>, tensor<2x4x8xf32>, tensor<2x4x12xf32>, tensor<2x4x8x16xf32>) -> (tensor<2x4x12xf32>, tensor<2x4x8x16xf32>)
  return
}

// -----

// Two key/value heads make two states.
func.func @la_step_state_heads(%q: tensor<2x4x8xf32>, %k: tensor<2x2x8xf32>, %v: tensor<2x2x12xf32>, %s: tensor<2x4x8x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention_step' op operand `state` must have shape [B, Hs, K, V] = [2, 2, 8, 12], got [2, 4, 8, 12]}}
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<none> update<additive> state(%s) : (tensor<2x4x8xf32>, tensor<2x2x8xf32>, tensor<2x2x12xf32>, tensor<2x4x8x12xf32>) -> (tensor<2x4x12xf32>, tensor<2x4x8x12xf32>)
  return
}

// -----

func.func @la_step_query_state_heads_mixed(%q: tensor<2x3x8xf32>, %k: tensor<2x4x8xf32>, %v: tensor<2x4x12xf32>, %s: tensor<2x4x8x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention_step' op the query head count Hq = 3 and the state head count Hs = 4 must divide one another (heads are shared, not mixed)}}
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<none> update<additive> state(%s) : (tensor<2x3x8xf32>, tensor<2x4x8xf32>, tensor<2x4x12xf32>, tensor<2x4x8x12xf32>) -> (tensor<2x4x12xf32>, tensor<2x4x8x12xf32>)
  return
}

// -----

// Hk is dynamic, so Hs is not max(Hk, Hv): the state gives Hs = 2, which is
// not a multiple of Hv = 8.
func.func @la_step_state_heads_not_multiple_of_value_heads(%q: tensor<2x2x8xf32>, %k: tensor<2x?x8xf32>, %v: tensor<2x8x12xf32>, %s: tensor<2x2x8x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention_step' op the state head count Hs = 2 must be a multiple of the value head count Hv = 8}}
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<none> update<additive> state(%s) : (tensor<2x2x8xf32>, tensor<2x?x8xf32>, tensor<2x8x12xf32>, tensor<2x2x8x12xf32>) -> (tensor<2x2x12xf32>, tensor<2x2x8x12xf32>)
  return
}

// -----

// Hq is dynamic, so Ho is not max(Hq, Hs): the result gives Ho = 3, which is
// not a multiple of Hs = 4.
func.func @la_step_out_heads_not_multiple_of_state_heads(%q: tensor<2x?x8xf32>, %k: tensor<2x4x8xf32>, %v: tensor<2x4x12xf32>, %s: tensor<2x4x8x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention_step' op the output head count Ho = 3 must be a multiple of the state head count Hs = 4}}
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<none> update<additive> state(%s) : (tensor<2x?x8xf32>, tensor<2x4x8xf32>, tensor<2x4x12xf32>, tensor<2x4x8x12xf32>) -> (tensor<2x3x12xf32>, tensor<2x4x8x12xf32>)
  return
}

// -----

// The batch of `q` is dynamic, so inference gives `out` a dynamic batch; the
// verifier still checks the declared one against `k`.
func.func @la_step_out_batch(%q: tensor<?x4x8xf32>, %k: tensor<2x4x8xf32>, %v: tensor<2x4x12xf32>, %s: tensor<2x4x8x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention_step' op result `out` must have shape [B, Ho, V] = [2, 4, 12], got [3, 4, 12]}}
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<none> update<additive> state(%s) : (tensor<?x4x8xf32>, tensor<2x4x8xf32>, tensor<2x4x12xf32>, tensor<2x4x8x12xf32>) -> (tensor<3x4x12xf32>, tensor<2x4x8x12xf32>)
  return
}

// -----

func.func @la_step_k_element_type(%q: tensor<2x4x8xf32>, %k: tensor<2x4x8xf16>, %v: tensor<2x4x12xf32>, %s: tensor<2x4x8x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention_step' op operand `k` must have the element type of `q` ('f32'), got 'f16'}}
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<none> update<additive> state(%s) : (tensor<2x4x8xf32>, tensor<2x4x8xf16>, tensor<2x4x12xf32>, tensor<2x4x8x12xf32>) -> (tensor<2x4x12xf32>, tensor<2x4x8x12xf32>)
  return
}

// -----

func.func @la_step_v_element_type(%q: tensor<2x4x8xf32>, %k: tensor<2x4x8xf32>, %v: tensor<2x4x12xbf16>, %s: tensor<2x4x8x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention_step' op operand `v` must have the element type of `q` ('f32'), got 'bf16'}}
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<none> update<additive> state(%s) : (tensor<2x4x8xf32>, tensor<2x4x8xf32>, tensor<2x4x12xbf16>, tensor<2x4x8x12xf32>) -> (tensor<2x4x12xf32>, tensor<2x4x8x12xf32>)
  return
}

// -----

// Grouped-query decode: 8 query heads over 2 states give 8 output heads.
// (The verifier catches this before the inferred type is compared.)
func.func @la_step_out_heads_grouped_query(%q: tensor<2x8x8xf32>, %k: tensor<2x2x8xf32>, %v: tensor<2x2x12xf32>, %s: tensor<2x2x8x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention_step' op result `out` must have shape [B, Ho, V] = [2, 8, 12], got [2, 2, 12]}}
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<none> update<additive> state(%s) : (tensor<2x8x8xf32>, tensor<2x2x8xf32>, tensor<2x2x12xf32>, tensor<2x2x8x12xf32>) -> (tensor<2x2x12xf32>, tensor<2x2x8x12xf32>)
  return
}

// -----

func.func @la_step_out_value_dim(%q: tensor<2x4x8xf32>, %k: tensor<2x4x8xf32>, %v: tensor<2x4x12xf32>, %s: tensor<2x4x8x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention_step' op result `out` must have shape [B, Ho, V] = [2, 4, 12], got [2, 4, 8]}}
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<none> update<additive> state(%s) : (tensor<2x4x8xf32>, tensor<2x4x8xf32>, tensor<2x4x12xf32>, tensor<2x4x8x12xf32>) -> (tensor<2x4x8xf32>, tensor<2x4x8x12xf32>)
  return
}

// -----

func.func @la_step_out_element_type(%q: tensor<2x4x8xf16>, %k: tensor<2x4x8xf16>, %v: tensor<2x4x12xf16>, %s: tensor<2x4x8x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention_step' op result `out` must have the element type of `q` ('f16'), got 'f32'}}
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<none> update<additive> state(%s) : (tensor<2x4x8xf16>, tensor<2x4x8xf16>, tensor<2x4x12xf16>, tensor<2x4x8x12xf32>) -> (tensor<2x4x12xf32>, tensor<2x4x8x12xf32>)
  return
}

// -----

func.func @la_step_new_state_element_type(%q: tensor<2x4x8xf32>, %k: tensor<2x4x8xf32>, %v: tensor<2x4x12xf32>, %s: tensor<2x4x8x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention_step' op result `new_state` must have element type 'f32', got 'bf16'}}
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<none> update<additive> state(%s) : (tensor<2x4x8xf32>, tensor<2x4x8xf32>, tensor<2x4x12xf32>, tensor<2x4x8x12xf32>) -> (tensor<2x4x12xf32>, tensor<2x4x8x12xbf16>)
  return
}

// -----

// The state is accumulated in f32, whatever the activations' type.
func.func @la_step_state_element_type(%q: tensor<2x4x8xbf16>, %k: tensor<2x4x8xbf16>, %v: tensor<2x4x12xbf16>, %s: tensor<2x4x8x12xbf16>) {
  // expected-error @+1 {{'seq.linear_attention_step' op operand `state` must have element type 'f32', got 'bf16'}}
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<none> update<additive> state(%s) : (tensor<2x4x8xbf16>, tensor<2x4x8xbf16>, tensor<2x4x12xbf16>, tensor<2x4x8x12xbf16>) -> (tensor<2x4x12xbf16>, tensor<2x4x8x12xbf16>)
  return
}

// -----

func.func @la_step_zero_scale(%q: tensor<2x4x8xf32>, %k: tensor<2x4x8xf32>, %v: tensor<2x4x12xf32>, %s: tensor<2x4x8x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention_step' op scale must be finite and non-zero, got 0.000000e+00}}
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<none> update<additive> state(%s) {scale = 0.0 : f32} : (tensor<2x4x8xf32>, tensor<2x4x8xf32>, tensor<2x4x12xf32>, tensor<2x4x8x12xf32>) -> (tensor<2x4x12xf32>, tensor<2x4x8x12xf32>)
  return
}

// -----

func.func @la_step_infinite_scale(%q: tensor<2x4x8xf32>, %k: tensor<2x4x8xf32>, %v: tensor<2x4x12xf32>, %s: tensor<2x4x8x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention_step' op scale must be finite and non-zero, got -INF}}
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<none> update<additive> state(%s) {scale = 0xFF800000 : f32} : (tensor<2x4x8xf32>, tensor<2x4x8xf32>, tensor<2x4x12xf32>, tensor<2x4x8x12xf32>) -> (tensor<2x4x12xf32>, tensor<2x4x8x12xf32>)
  return
}

// -----

func.func @la_step_nan_scale(%q: tensor<2x4x8xf32>, %k: tensor<2x4x8xf32>, %v: tensor<2x4x12xf32>, %s: tensor<2x4x8x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention_step' op scale must be finite and non-zero, got nan}}
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<none> update<additive> state(%s) {scale = 0x7FC00000 : f32} : (tensor<2x4x8xf32>, tensor<2x4x8xf32>, tensor<2x4x12xf32>, tensor<2x4x8x12xf32>) -> (tensor<2x4x12xf32>, tensor<2x4x8x12xf32>)
  return
}

// -----

// The default scale K^-0.5 needs a static K.
func.func @la_step_dynamic_key_dim_needs_scale(%q: tensor<2x4x?xf32>, %k: tensor<2x4x?xf32>, %v: tensor<2x4x12xf32>, %s: tensor<2x4x?x12xf32>) {
  // expected-error @+1 {{'seq.linear_attention_step' op needs an explicit `scale` when the key dim K is dynamic (the default is K^-0.5)}}
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<none> update<additive> state(%s) : (tensor<2x4x?xf32>, tensor<2x4x?xf32>, tensor<2x4x12xf32>, tensor<2x4x?x12xf32>) -> (tensor<2x4x12xf32>, tensor<2x4x?x12xf32>)
  return
}
