// seq-chunk-linear-attention: linear attention with a #seq.lowering_config
// becomes its chunked form: an scf.forall over (batch, state head), an
// scf.for over whole chunks that carries the [K, V] state, and one last
// shorter chunk of static length; per chunk, q k^T, the weights
// exp(b_t - b_s) under the causal mask, and three more contractions.
// RUN: seqc-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(seq-chunk-linear-attention,canonicalize))' --verify-diagnostics | FileCheck %s

// L = 40 in chunks of 16: two whole chunks in the loop, then 8 steps.
// CHECK-DAG:   #[[A:.+]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG:   #[[BT:.+]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG:   #[[C:.+]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG:   #[[B:.+]] = affine_map<(d0, d1, d2) -> (d2, d1)>
// CHECK-DAG:   #[[AT:.+]] = affine_map<(d0, d1, d2) -> (d2, d0)>
// CHECK-LABEL: func.func @scalar
// CHECK-SAME:    (%[[Q:.+]]: tensor<2x3x40x16xf32>, %[[K:.+]]: tensor<2x3x40x16xf32>, %[[V:.+]]: tensor<2x3x40x32xf32>, %[[G:.+]]: tensor<2x3x40xf32>, %[[S0:.+]]: tensor<2x3x16x32xf32>)
// CHECK:         %[[R:.+]]:2 = scf.forall (%[[BI:.+]], %[[SI:.+]]) in (2, 3) shared_outs(%[[OUT:.+]] = %{{.+}}, %[[ST:.+]] = %{{.+}}) -> (tensor<2x3x40x32xf32>, tensor<2x3x16x32xf32>)
// CHECK:           %[[S:.+]] = tensor.extract_slice %[[S0]][%[[BI]], %[[SI]], 0, 0] [1, 1, 16, 32]
// CHECK:           %[[LOOP:.+]]:2 = scf.for %[[CI:.+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%[[STATE:.+]] = %[[S]], %[[ROWS:.+]] = %{{.+}}) -> (tensor<16x32xf32>, tensor<40x32xf32>)
// The running sum of the log-gates over the chunk.
// CHECK:             scf.for {{.+}} -> (f32, tensor<16xf32>)
// CHECK:               arith.addf
// scores = q k^T
// CHECK:             linalg.generic {indexing_maps = [#[[A]], #[[BT]], #[[C]]], iterator_types = ["parallel", "parallel", "reduction"]} ins({{.+}} : tensor<16x16xf32>, tensor<16x16xf32>) outs({{.+}} : tensor<16x16xf32>)
// weights: exp(b_t - b_s) scale scores where s <= t
// CHECK:             linalg.generic
// CHECK:               arith.subf
// CHECK:               math.exp
// CHECK:               arith.cmpi ule
// CHECK:               arith.select
// o = weights v, then o += (scale exp(b) q) S
// CHECK:             linalg.generic {indexing_maps = [#[[A]], #[[B]], #[[C]]], {{.+}} ins({{.+}} : tensor<16x16xf32>, tensor<16x32xf32>) outs({{.+}} : tensor<16x32xf32>)
// CHECK:             linalg.generic
// CHECK:               math.exp
// CHECK:             linalg.generic {indexing_maps = [#[[A]], #[[B]], #[[C]]], {{.+}} ins({{.+}}, %[[STATE]] : tensor<16x16xf32>, tensor<16x32xf32>) outs({{.+}} : tensor<16x32xf32>)
// CHECK:             tensor.insert_slice {{.+}} into %[[ROWS]]
// S = exp(bC) S + (exp(bC - b) k)^T v
// CHECK:             linalg.generic {{.+}} ins(%[[STATE]] : tensor<16x32xf32>)
// CHECK:             linalg.generic
// CHECK:             %[[NEXT:.+]] = linalg.generic {indexing_maps = [#[[AT]], #[[B]], #[[C]]], {{.+}} ins({{.+}} : tensor<16x16xf32>, tensor<16x32xf32>) outs({{.+}} : tensor<16x32xf32>)
// CHECK:             scf.yield %[[NEXT]], {{.+}} : tensor<16x32xf32>, tensor<40x32xf32>
// The last 8 steps.
// CHECK:           tensor.extract_slice {{.+}} [8, 16] [1, 1] : tensor<40x16xf32> to tensor<8x16xf32>
// CHECK:           linalg.generic {{.+}} outs({{.+}} : tensor<8x8xf32>)
// CHECK:           scf.forall.in_parallel
// CHECK-NEXT:        tensor.parallel_insert_slice {{.+}} into %[[OUT]][%[[BI]], %[[SI]], 0, 0] [1, 1, 40, 32]
// CHECK-NEXT:        tensor.parallel_insert_slice {{.+}} into %[[ST]][%[[BI]], %[[SI]], 0, 0] [1, 1, 16, 32]
// CHECK-NOT:     seq.linear_attention
// CHECK:         return %[[R]]#0, %[[R]]#1
func.func @scalar(%q: tensor<2x3x40x16xf32>, %k: tensor<2x3x40x16xf32>, %v: tensor<2x3x40x32xf32>,
                  %g: tensor<2x3x40xf32>, %s0: tensor<2x3x16x32xf32>)
    -> (tensor<2x3x40x32xf32>, tensor<2x3x16x32xf32>) {
  %o, %s = seq.linear_attention %q, %k, %v decay<scalar> gate(%g) update<additive> initial_state(%s0)
      {seq.lowering_config = #seq.lowering_config<chunk_size = 16>}
      : (tensor<2x3x40x16xf32>, tensor<2x3x40x16xf32>, tensor<2x3x40x32xf32>, tensor<2x3x40xf32>, tensor<2x3x16x32xf32>)
      -> (tensor<2x3x40x32xf32>, tensor<2x3x16x32xf32>)
  return %o, %s : tensor<2x3x40x32xf32>, tensor<2x3x16x32xf32>
}

// -----

// decay<none>: no exponentials, a zero initial state; query heads sharing a
// state (Hq = 4, Hs = 2) get one product set each in an inner loop, and
// the key head of state s is s / 2 (Hk = 1). A length that is a multiple
// of the chunk has no last chunk. (The unit batch loop folds away.)
// CHECK-LABEL: func.func @none_gqa
// CHECK:         scf.forall (%[[SI:.+]]) in (2)
// CHECK-DAG:       %[[KH:.+]] = arith.divui %[[SI]], %c2
// CHECK-DAG:       tensor.extract_slice %{{.+}}[0, %[[KH]], 0, 0] [1, 1, 32, 8]
// CHECK:           linalg.fill
// CHECK:           scf.for
// CHECK:             scf.for %{{.+}} = %c0 to %c2
// CHECK-NOT:           math.exp
// CHECK:               arith.cmpi ule
// CHECK:               tensor.insert_slice
// CHECK:             scf.yield
// CHECK-NOT:         math.exp
// CHECK:             scf.yield
// CHECK-NOT:       tensor.extract_slice
// CHECK:           scf.forall.in_parallel
func.func @none_gqa(%q: tensor<1x4x32x8xf32>, %k: tensor<1x1x32x8xf32>, %v: tensor<1x2x32x8xf32>)
    -> tensor<1x4x32x8xf32> {
  %o = seq.linear_attention %q, %k, %v decay<none> update<additive>
      {seq.lowering_config = #seq.lowering_config<chunk_size = 16>}
      : (tensor<1x4x32x8xf32>, tensor<1x1x32x8xf32>, tensor<1x2x32x8xf32>) -> tensor<1x4x32x8xf32>
  return %o : tensor<1x4x32x8xf32>
}

// -----

// decay<fixed>: b_t = (t + 1) log(gamma), from the step index.
// CHECK-LABEL: func.func @fixed
// CHECK:         tensor.extract %{{.+}}[%{{.+}}] : tensor<2xf32>
// CHECK:         scf.for
// CHECK:           linalg.generic {{.+}} outs(%{{.+}} : tensor<4xf32>)
// CHECK:             linalg.index 0
// CHECK:             arith.uitofp
// CHECK:             arith.mulf
func.func @fixed(%q: tensor<1x2x8x4xf32>, %g: tensor<2xf32>) -> tensor<1x2x8x4xf32> {
  %o = seq.linear_attention %q, %q, %q decay<fixed> gate(%g) update<additive>
      {seq.lowering_config = #seq.lowering_config<chunk_size = 4>}
      : (tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<2xf32>) -> tensor<1x2x8x4xf32>
  return %o : tensor<1x2x8x4xf32>
}

// -----

// Without a config the op is left for the recurrent lowering.
// CHECK-LABEL: func.func @no_config
// CHECK:         seq.linear_attention
// CHECK-NOT:     scf.forall
func.func @no_config(%q: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  %o = seq.linear_attention %q, %q, %q decay<none> update<additive>
      : (tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32>
  return %o : tensor<1x2x8x4xf32>
}

// -----

// The gated delta rule: per chunk, the UT transform makes pseudo-values
// u = T (beta v) + T (-beta e^b k) S, T = (I - lower)^-1 with
// lower[s, r] = -beta_s exp(b_s - b_r) k_s . k_r for r < s, inverted row by
// row; then the additive form runs on u.
// CHECK-LABEL: func.func @gated_delta
// CHECK-SAME:    %[[B:[^:]+]]: tensor<1x2x8xf32>
// CHECK:         scf.forall
// CHECK:           %[[BETAS:.+]] = tensor.extract_slice %[[B]]
// CHECK:           scf.for {{.+}} iter_args(%[[STATE:.+]] = {{.+}}, {{.+}}) -> (tensor<4x4xf32>, tensor<8x4xf32>)
// CHECK:             %[[KEYS:.+]] = tensor.extract_slice {{.+}} [4, 4] [1, 1] : tensor<8x4xf32> to tensor<4x4xf32>
// gram = k k^T
// CHECK:             %[[GRAM:.+]] = linalg.generic {{.+}} ins(%[[KEYS]], %[[KEYS]] : tensor<4x4xf32>, tensor<4x4xf32>)
// CHECK:             %[[LOWER:.+]] = linalg.generic {{.+}} ins(%[[GRAM]], %{{.+}}, %{{.+}}, %{{.+}} : tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
// CHECK:               math.exp
// CHECK:               arith.negf
// CHECK:               arith.cmpi ult
// The inverse, row i = e_i + lower[i] T.
// CHECK:             %[[T:.+]] = scf.for %[[I:.+]] = {{.+}} iter_args(%[[PART:.+]] = {{.+}}) -> (tensor<4x4xf32>)
// CHECK:               %[[ROW:.+]] = tensor.extract_slice %[[LOWER]][%[[I]], 0] [1, 4] [1, 1]
// CHECK:               %[[PROD:.+]] = linalg.generic {{.+}} ins(%[[ROW]], %[[PART]] : tensor<1x4xf32>, tensor<4x4xf32>) outs({{.+}} : tensor<1x4xf32>)
// CHECK:               %[[ONE:.+]] = tensor.insert %{{.+}} into %[[PROD]][%{{.+}}, %[[I]]]
// CHECK:               %[[NEW:.+]] = tensor.insert_slice %[[ONE]] into %[[PART]][%[[I]], 0] [1, 4] [1, 1]
// CHECK:               scf.yield %[[NEW]]
// -beta e^b k and beta v, both times T; u = T beta v + (-T beta e^b k) S.
// CHECK:             %[[SK:.+]] = linalg.generic {{.+}} ins(%[[KEYS]], {{.+}}) outs({{.+}} : tensor<4x4xf32>)
// CHECK:               arith.negf
// CHECK:             %[[SV:.+]] = linalg.generic
// CHECK:             %[[W:.+]] = linalg.generic {{.+}} ins(%[[T]], %[[SK]] : tensor<4x4xf32>, tensor<4x4xf32>)
// CHECK:             %[[UT:.+]] = linalg.generic {{.+}} ins(%[[T]], %[[SV]] : tensor<4x4xf32>, tensor<4x4xf32>)
// CHECK:             %[[U:.+]] = linalg.generic {{.+}} ins(%[[W]], %[[STATE]] : tensor<4x4xf32>, tensor<4x4xf32>) outs(%[[UT]] : tensor<4x4xf32>)
// The outputs and the next state read u where the additive form reads v.
// CHECK:             linalg.generic {{.+}} ins(%{{.+}}, %[[U]] : tensor<4x4xf32>, tensor<4x4xf32>)
// CHECK:             linalg.generic {{.+}} ins(%{{.+}}, %[[U]] : tensor<4x4xf32>, tensor<4x4xf32>)
func.func @gated_delta(%q: tensor<1x2x8x4xf32>, %b: tensor<1x2x8xf32>) -> tensor<1x2x8x4xf32> {
  %o = seq.linear_attention %q, %q, %q decay<scalar> gate(%b) update<delta> beta(%b)
      {seq.lowering_config = #seq.lowering_config<chunk_size = 4>}
      : (tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8xf32>, tensor<1x2x8xf32>) -> tensor<1x2x8x4xf32>
  return %o : tensor<1x2x8x4xf32>
}

// -----

// decay<vector> (GLA): the log-decay is cumulated per key dim (in place on
// a copy of the gates, row t += row t - 1), and the weights are built per sub-chunk of 8 steps:
// the diagonal block pairwise (exp(b_t - b_s) per key dim inside the
// reduction, masked), the block left of it as one product of
// q exp(b_t - b_p) scale and k exp(b_p - b_s), with p = 7 the step between
// them. The state decays row by row.
// CHECK-LABEL: func.func @vector
// CHECK-SAME:    %{{.+}}: tensor<1x2x20x4xf32>, %[[G:.+]]: tensor<1x2x20x4xf32>
// CHECK:         scf.forall
// CHECK:           %[[GROW:.+]] = tensor.extract_slice %[[G]]
// CHECK:           %[[GATES:.+]] = tensor.extract_slice %[[GROW]][0, 0] [16, 4] [1, 1] : tensor<20x4xf32> to tensor<16x4xf32>
// CHECK:           %[[CUM:.+]] = scf.for %[[T:.+]] = %c1 to %c16 step %c1 iter_args(%[[ROWS:.+]] = %[[GATES]]) -> (tensor<16x4xf32>)
// CHECK:             %[[PREV:.+]] = tensor.extract_slice %[[ROWS]][%{{.+}}, 0] [1, 4]
// CHECK:             %[[CUR:.+]] = tensor.extract_slice %[[ROWS]][%[[T]], 0] [1, 4]
// CHECK:             %[[SUM:.+]] = linalg.generic {{.+}} ins(%[[PREV]] : tensor<4xf32>) outs(%[[CUR]] : tensor<4xf32>)
// CHECK:               arith.addf
// CHECK:             tensor.insert_slice %[[SUM]] into %[[ROWS]][%[[T]], 0] [1, 4]
// CHECK:           %[[LAST:.+]] = tensor.extract_slice %[[CUM]][15, 0] [1, 4]
// CHECK:           %[[ORIGIN:.+]] = tensor.extract_slice %[[CUM]][7, 0] [1, 4]
// CHECK:           %[[SUBKEYS:.+]] = linalg.generic {{.+}} ins(%{{.+}}, %{{.+}}, %[[ORIGIN]] : tensor<8x4xf32>, tensor<8x4xf32>, tensor<4xf32>) outs(%{{.+}} : tensor<8x4xf32>)
// CHECK:             math.exp
// CHECK:           %[[DIAG0:.+]] = linalg.generic {indexing_maps = [#{{.+}}, #{{.+}}, #{{.+}}, #{{.+}}, #{{.+}}], iterator_types = ["parallel", "parallel", "reduction"]} {{.+}} outs(%{{.+}} : tensor<8x8xf32>)
// CHECK:             arith.subf
// CHECK:             math.exp
// CHECK:             arith.cmpi ule
// CHECK:             arith.select
// CHECK:           tensor.insert_slice %[[DIAG0]] into %{{.+}}[0, 0] [8, 8]
// CHECK:           %[[DIAG1:.+]] = linalg.generic {{.+}} iterator_types = ["parallel", "parallel", "reduction"]
// CHECK:           tensor.insert_slice %[[DIAG1]] into %{{.+}}[8, 8] [8, 8]
// CHECK:           %[[DQ:.+]] = linalg.generic {{.+}} outs(%{{.+}} : tensor<8x4xf32>)
// CHECK:           %[[LEFT:.+]] = linalg.generic {{.+}} ins(%[[DQ]], %[[SUBKEYS]] : tensor<8x4xf32>, tensor<8x4xf32>) outs(%{{.+}} : tensor<8x8xf32>)
// CHECK:           %[[WEIGHTS:.+]] = tensor.insert_slice %[[LEFT]] into %{{.+}}[8, 0] [8, 8]
// CHECK:           linalg.generic {{.+}} ins(%[[WEIGHTS]], %{{.+}} : tensor<16x16xf32>, tensor<16x4xf32>)
// The state: S = exp(bC) (.) S + (k exp(bC - b))^T v, per key row.
// CHECK:           %[[ROWDECAY:.+]] = linalg.generic {{.+}} ins(%[[LAST]] : tensor<4xf32>)
// CHECK:             math.exp
// CHECK:           linalg.generic {{.+}} ins(%{{.+}}, %[[ROWDECAY]] : tensor<4x4xf32>, tensor<4xf32>)
// CHECK:           linalg.generic {{.+}} ins(%{{.+}}, %[[CUM]], %[[LAST]] : tensor<16x4xf32>, tensor<16x4xf32>, tensor<4xf32>)
// The last 4 steps: one sub-chunk, only its diagonal block.
// CHECK:           scf.for {{.+}} -> (tensor<4x4xf32>)
// CHECK:           linalg.generic {{.+}} iterator_types = ["parallel", "parallel", "reduction"]} {{.+}} outs(%{{.+}} : tensor<4x4xf32>)
// CHECK-NOT:       outs(%{{.+}} : tensor<4x8xf32>)
// CHECK:           scf.forall.in_parallel
func.func @vector(%q: tensor<1x2x20x4xf32>, %g: tensor<1x2x20x4xf32>) -> tensor<1x2x20x4xf32> {
  %o = seq.linear_attention %q, %q, %q decay<vector> gate(%g) update<additive>
      {seq.lowering_config = #seq.lowering_config<chunk_size = 16>}
      : (tensor<1x2x20x4xf32>, tensor<1x2x20x4xf32>, tensor<1x2x20x4xf32>, tensor<1x2x20x4xf32>) -> tensor<1x2x20x4xf32>
  return %o : tensor<1x2x20x4xf32>
}

// -----

// The delta rule with per-key-dim decay: k k^T is built like GLA's weights
// (keys against keys, sub-chunks of 16, factor 1), and the lower matrix
// takes it without another decay factor.
// CHECK-LABEL: func.func @vector_delta
// CHECK:         scf.for
// CHECK:           %[[GRAM:.+]] = linalg.generic {{.+}} iterator_types = ["parallel", "parallel", "reduction"]} {{.+}} outs(%{{.+}} : tensor<4x4xf32>)
// CHECK:             math.exp
// CHECK:           %[[LOWER:.+]] = linalg.generic {{.+}} ins(%{{.+}}, %{{.+}} : tensor<4x4xf32>, tensor<4xf32>)
// CHECK-NOT:         math.exp
// CHECK:             arith.cmpi ult
// CHECK:           scf.for {{.+}} -> (tensor<4x4xf32>)
// CHECK:             tensor.extract_slice %[[LOWER]]
func.func @vector_delta(%q: tensor<1x2x8x4xf32>, %b: tensor<1x2x8xf32>) -> tensor<1x2x8x4xf32> {
  %o = seq.linear_attention %q, %q, %q decay<vector> gate(%q) update<delta> beta(%b)
      {seq.lowering_config = #seq.lowering_config<chunk_size = 4>}
      : (tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8xf32>) -> tensor<1x2x8x4xf32>
  return %o : tensor<1x2x8x4xf32>
}

// -----

func.func @dynamic(%q: tensor<1x2x?x4xf32>) -> tensor<1x2x?x4xf32> {
  // expected-error @+1 {{the chunked form needs static f32 tensors; got 'tensor<1x2x?x4xf32>'}}
  %o = seq.linear_attention %q, %q, %q decay<none> update<additive>
      {seq.lowering_config = #seq.lowering_config<chunk_size = 4>}
      : (tensor<1x2x?x4xf32>, tensor<1x2x?x4xf32>, tensor<1x2x?x4xf32>) -> tensor<1x2x?x4xf32>
  return %o : tensor<1x2x?x4xf32>
}

// -----

func.func @bad_chunk(%q: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  // expected-error @+2 {{chunk_size must be positive, got 0}}
  %o = seq.linear_attention %q, %q, %q decay<none> update<additive>
      {seq.lowering_config = #seq.lowering_config<chunk_size = 0>}
      : (tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32>
  return %o : tensor<1x2x8x4xf32>
}

// -----

// Operands that are transposing copies of [B, L, H, D] tensors (as the ONNX
// importer makes them) are read in place through strided slices, and an
// output whose only user transposes it back is written in that layout: no
// copy is left (the dead transposes fold away).
// CHECK-LABEL: func.func @layouts
// CHECK-SAME:    (%[[Q:[^:]+]]: tensor<1x8x2x4xf32>, %[[K:[^:]+]]: tensor<1x8x2x4xf32>, %[[V:[^:]+]]: tensor<1x8x2x4xf32>, %[[G:[^:]+]]: tensor<1x8x2xf32>)
// CHECK-NOT:     linalg.transpose
// CHECK:         %[[INIT:.+]] = tensor.empty() : tensor<1x8x2x4xf32>
// CHECK:         %[[R:.+]]:2 = scf.forall (%[[SI:.+]]) in (2) shared_outs(%[[OUT:.+]] = %[[INIT]], %{{.+}} = %{{.+}}) -> (tensor<1x8x2x4xf32>, tensor<1x2x4x4xf32>)
// CHECK-DAG:       tensor.extract_slice %[[K]][0, 0, %[[SI]], 0] [1, 8, 1, 4] [1, 1, 1, 1] : tensor<1x8x2x4xf32> to tensor<8x4xf32>
// CHECK-DAG:       tensor.extract_slice %[[V]][0, 0, %[[SI]], 0] [1, 8, 1, 4] [1, 1, 1, 1] : tensor<1x8x2x4xf32> to tensor<8x4xf32>
// CHECK-DAG:       tensor.extract_slice %[[G]][0, 0, %[[SI]]] [1, 8, 1] [1, 1, 1] : tensor<1x8x2xf32> to tensor<8xf32>
// CHECK-DAG:       tensor.extract_slice %[[OUT]][0, 0, %[[SI]], 0] [1, 8, 1, 4] [1, 1, 1, 1] : tensor<1x8x2x4xf32> to tensor<8x4xf32>
// CHECK:           tensor.extract_slice %[[Q]][0, %{{.+}}, %[[SI]], 0] [1, 4, 1, 4] [1, 1, 1, 1] : tensor<1x8x2x4xf32> to tensor<4x4xf32>
// CHECK:         scf.forall.in_parallel
// CHECK-NEXT:      tensor.parallel_insert_slice %{{.+}} into %[[OUT]][0, 0, %[[SI]], 0] [1, 8, 1, 4] [1, 1, 1, 1] : tensor<8x4xf32> into tensor<1x8x2x4xf32>
// CHECK-NOT:     linalg.transpose
// CHECK:         return %[[R]]#0, %[[R]]#1
func.func @layouts(%q: tensor<1x8x2x4xf32>, %k: tensor<1x8x2x4xf32>, %v: tensor<1x8x2x4xf32>, %g: tensor<1x8x2xf32>)
    -> (tensor<1x8x2x4xf32>, tensor<1x2x4x4xf32>) {
  %e = tensor.empty() : tensor<1x2x8x4xf32>
  %qt = linalg.transpose ins(%q : tensor<1x8x2x4xf32>) outs(%e : tensor<1x2x8x4xf32>) permutation = [0, 2, 1, 3]
  %kt = linalg.transpose ins(%k : tensor<1x8x2x4xf32>) outs(%e : tensor<1x2x8x4xf32>) permutation = [0, 2, 1, 3]
  %vt = linalg.transpose ins(%v : tensor<1x8x2x4xf32>) outs(%e : tensor<1x2x8x4xf32>) permutation = [0, 2, 1, 3]
  %eg = tensor.empty() : tensor<1x2x8xf32>
  %gt = linalg.transpose ins(%g : tensor<1x8x2xf32>) outs(%eg : tensor<1x2x8xf32>) permutation = [0, 2, 1]
  %o, %s = seq.linear_attention %qt, %kt, %vt decay<scalar> gate(%gt) update<additive>
      {seq.lowering_config = #seq.lowering_config<chunk_size = 4>}
      : (tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8xf32>)
      -> (tensor<1x2x8x4xf32>, tensor<1x2x4x4xf32>)
  %eo = tensor.empty() : tensor<1x8x2x4xf32>
  %ot = linalg.transpose ins(%o : tensor<1x2x8x4xf32>) outs(%eo : tensor<1x8x2x4xf32>) permutation = [0, 2, 1, 3]
  return %ot, %s : tensor<1x8x2x4xf32>, tensor<1x2x4x4xf32>
}

// -----

// Not folded: an output with another user, and the outputs of query heads
// that share a state (each state writes several heads' rows). A copy that
// swaps L and D would reverse the slices' dims: that operand is copied.
// CHECK-LABEL: func.func @layouts_kept
// CHECK:         %[[KT:.+]] = linalg.transpose ins(%{{.+}} : tensor<1x2x4x8xf32>)
// CHECK:         scf.forall
// CHECK:           tensor.extract_slice %[[KT]]
// CHECK:         linalg.transpose
// CHECK:         scf.forall
// CHECK:         linalg.transpose
// CHECK:         return
func.func @layouts_kept(%q: tensor<1x2x8x4xf32>, %kd: tensor<1x2x4x8xf32>, %q4: tensor<1x4x8x4xf32>)
    -> (tensor<1x2x8x4xf32>, tensor<1x8x2x4xf32>, tensor<1x8x4x4xf32>) {
  %e = tensor.empty() : tensor<1x2x8x4xf32>
  %kt = linalg.transpose ins(%kd : tensor<1x2x4x8xf32>) outs(%e : tensor<1x2x8x4xf32>) permutation = [0, 1, 3, 2]
  %o = seq.linear_attention %q, %kt, %q decay<none> update<additive>
      {seq.lowering_config = #seq.lowering_config<chunk_size = 4>}
      : (tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32>
  %eo = tensor.empty() : tensor<1x8x2x4xf32>
  %ot = linalg.transpose ins(%o : tensor<1x2x8x4xf32>) outs(%eo : tensor<1x8x2x4xf32>) permutation = [0, 2, 1, 3]
  %o4 = seq.linear_attention %q4, %q, %q decay<none> update<additive>
      {seq.lowering_config = #seq.lowering_config<chunk_size = 4>}
      : (tensor<1x4x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>) -> tensor<1x4x8x4xf32>
  %eo4 = tensor.empty() : tensor<1x8x4x4xf32>
  %ot4 = linalg.transpose ins(%o4 : tensor<1x4x8x4xf32>) outs(%eo4 : tensor<1x8x4x4xf32>) permutation = [0, 2, 1, 3]
  return %o, %ot, %ot4 : tensor<1x2x8x4xf32>, tensor<1x8x2x4xf32>, tensor<1x8x4x4xf32>
}

// -----

// States that share their query and key head (SSD's groups: one C and B
// for many heads of x) share q k^T: it is computed once per (batch, key
// head, whole chunk) in a forall of its own (its unit dims fold away) and
// read per state. The delta
// rules share k k^T the same way. The last, shorter chunk computes its own.
// CHECK-LABEL: func.func @shared_keys
// CHECK:         %[[SHARED:.+]]:2 = scf.forall (%{{.+}}) in (2) shared_outs({{.+}}) -> (tensor<1x1x2x4x4xf32>, tensor<1x1x2x4x4xf32>)
// CHECK-COUNT-2:   linalg.generic {{.+}} outs(%{{.+}} : tensor<4x4xf32>)
// CHECK:         scf.forall (%[[SI:.+]]) in (3)
// CHECK:           scf.for %[[C:.+]] = {{.+}} iter_args
// CHECK-DAG:         tensor.extract_slice %[[SHARED]]#1[0, %{{.+}}, %[[C]], 0, 0] [1, 1, 1, 4, 4]
// CHECK-DAG:         tensor.extract_slice %[[SHARED]]#0[0, %{{.+}}, %[[C]], 0, 0] [1, 1, 1, 4, 4]
func.func @shared_keys(%q: tensor<1x1x10x4xf32>, %v: tensor<1x3x10x4xf32>, %b: tensor<1x3x10xf32>)
    -> tensor<1x3x10x4xf32> {
  %o = seq.linear_attention %q, %q, %v decay<scalar> gate(%b) update<delta> beta(%b)
      {seq.lowering_config = #seq.lowering_config<chunk_size = 4>}
      : (tensor<1x1x10x4xf32>, tensor<1x1x10x4xf32>, tensor<1x3x10x4xf32>, tensor<1x3x10xf32>, tensor<1x3x10xf32>) -> tensor<1x3x10x4xf32>
  return %o : tensor<1x3x10x4xf32>
}
