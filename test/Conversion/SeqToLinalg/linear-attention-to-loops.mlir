// convert-seq-to-linalg on seq.linear_attention and
// seq.linear_attention_step (LinearAttentionToLoops.cpp): one scf.forall over
// (batch, state head), each row carrying its [K, V] state tile through the
// time loop. Every update sweeps the key rows with an inner loop along V
// (unit stride): S[k, :] = d_k S[k, :] + k[k] v; the delta rule first
// decays and accumulates u = k^T S' along V, forms u = beta (v - u), then
// adds k u^T; the output is accumulated over k as a V-vector and written
// scaled. The decay is formed once per step (fixed, scalar) or once per key
// row (vector), never inside the V loop; u and the output accumulator are
// the rows of one carried [2, V] scratch, not allocated per step. Several
// output heads per state loop over the heads.
// RUN: seqc-opt %s --split-input-file --convert-seq-to-linalg | FileCheck %s
// RUN: seqc-opt %s --split-input-file --convert-seq-to-linalg | FileCheck %s --check-prefix=LOOPS

// Plain causal linear attention (no decay, additive update) with an initial
// and a final state; the default scale is K^-0.5 = 0.25; one output head per
// state, so no loop over output heads.
// CHECK-LABEL: func.func @linear_attention_additive
// CHECK-SAME:    (%[[Q:[a-zA-Z0-9_]+]]: tensor<2x4x9x16xf32>, %[[K:[a-zA-Z0-9_]+]]: tensor<2x4x9x16xf32>, %[[V:[a-zA-Z0-9_]+]]: tensor<2x4x9x8xf32>, %[[S0:[a-zA-Z0-9_]+]]: tensor<2x4x16x8xf32>)
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG:     %[[C8:.+]] = arith.constant 8 : index
// CHECK-DAG:     %[[C16:.+]] = arith.constant 16 : index
// CHECK-DAG:     %[[C9:.+]] = arith.constant 9 : index
// CHECK-DAG:     %[[SCALE:.+]] = arith.constant 2.500000e-01 : f32
// CHECK:         %[[OUT:.+]] = tensor.empty() : tensor<2x4x9x8xf32>
// CHECK:         %[[FIN:.+]] = tensor.empty() : tensor<2x4x16x8xf32>
// CHECK:         %[[R:[a-zA-Z0-9_]+]]:2 = scf.forall (%[[B:[a-zA-Z0-9_]+]], %[[S:[a-zA-Z0-9_]+]]) in (2, 4) shared_outs(%[[SO:[a-zA-Z0-9_]+]] = %[[OUT]], %[[SF:[a-zA-Z0-9_]+]] = %[[FIN]]) -> (tensor<2x4x9x8xf32>, tensor<2x4x16x8xf32>) {
// CHECK:           %[[SCRATCH:.+]] = tensor.empty() : tensor<2x8xf32>
// CHECK:           %[[SLAB:.+]] = tensor.extract_slice %[[SO]][%[[B]], %[[S]], 0, 0] [1, 1, 9, 8] [1, 1, 1, 1] : tensor<2x4x9x8xf32> to tensor<1x1x9x8xf32>
// The first step (t = 0) reads the initial state in place and writes the
// final state's own slice, so the state is not copied in or out.
// CHECK:           %[[SRC:.+]] = tensor.extract_slice %[[S0]][%[[B]], %[[S]], 0, 0] [1, 1, 16, 8] [1, 1, 1, 1] : tensor<2x4x16x8xf32> to tensor<16x8xf32>
// CHECK:           %[[DST:.+]] = tensor.extract_slice %[[SF]][%[[B]], %[[S]], 0, 0] [1, 1, 16, 8] [1, 1, 1, 1] : tensor<2x4x16x8xf32> to tensor<16x8xf32>
// CHECK:           %[[FIRST:.+]] = scf.for {{.+}} iter_args(%{{.+}} = %[[DST]]) -> (tensor<16x8xf32>)
// CHECK:             tensor.extract %[[SRC]]
// CHECK:           %[[DOT0:.+]] = scf.for %{{.+}} = %[[C0]] to %[[C16]] {{.+}} -> (tensor<2x8xf32>)
// CHECK:           %[[WRITTEN0:.+]] = scf.for {{.+}} -> (tensor<1x1x9x8xf32>)
// The other steps update that slice.
// CHECK:           %[[T0:[a-zA-Z0-9_]+]]:3 = scf.for %[[T:[a-zA-Z0-9_]+]] = %[[C1]] to %[[C9]] step %[[C1]] iter_args(%[[ST:[a-zA-Z0-9_]+]] = %[[FIRST]], %[[OS:[a-zA-Z0-9_]+]] = %[[WRITTEN0]], %[[U:[a-zA-Z0-9_]+]] = %[[DOT0]])
// CHECK-NEXT:        %[[UPD:.+]] = scf.for %[[KK:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C16]] step %[[C1]] iter_args(%[[SK:[a-zA-Z0-9_]+]] = %[[ST]]) -> (tensor<16x8xf32>) {
// CHECK-NEXT:          %[[KV:.+]] = tensor.extract %[[K]][%[[B]], %[[S]], %[[T]], %[[KK]]] : tensor<2x4x9x16xf32>
// CHECK-NEXT:          %[[ROW:.+]] = scf.for %[[VV:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C8]] step %[[C1]] iter_args(%[[SV:[a-zA-Z0-9_]+]] = %[[SK]]) -> (tensor<16x8xf32>) {
// CHECK-NEXT:            %[[OLD:.+]] = tensor.extract %[[SV]][%[[KK]], %[[VV]]] : tensor<16x8xf32>
// CHECK-NEXT:            %[[VT:.+]] = tensor.extract %[[V]][%[[B]], %[[S]], %[[T]], %[[VV]]] : tensor<2x4x9x8xf32>
// CHECK-NEXT:            %[[KVV:.+]] = arith.mulf %[[KV]], %[[VT]] : f32
// CHECK-NEXT:            %[[NEW:.+]] = arith.addf %[[OLD]], %[[KVV]] : f32
// CHECK-NEXT:            %[[INS:.+]] = tensor.insert %[[NEW]] into %[[SV]][%[[KK]], %[[VV]]] : tensor<16x8xf32>
// CHECK-NEXT:            scf.yield %[[INS]] : tensor<16x8xf32>
// CHECK-NEXT:          }
// CHECK-NEXT:          scf.yield %[[ROW]] : tensor<16x8xf32>
// CHECK-NEXT:        }
// CHECK-NEXT:        %[[CLEAR:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[U]] : tensor<2x8xf32>) -> tensor<2x8xf32>
// CHECK-NEXT:        %[[DOT:.+]] = scf.for %[[KK2:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C16]] step %[[C1]] iter_args(%[[A:[a-zA-Z0-9_]+]] = %[[CLEAR]]) -> (tensor<2x8xf32>) {
// CHECK-NEXT:          %[[QV:.+]] = tensor.extract %[[Q]][%[[B]], %[[S]], %[[T]], %[[KK2]]] : tensor<2x4x9x16xf32>
// CHECK-NEXT:          %[[AROW:.+]] = scf.for %[[VV2:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C8]] step %[[C1]] iter_args(%[[AV:[a-zA-Z0-9_]+]] = %[[A]]) -> (tensor<2x8xf32>) {
// CHECK-NEXT:            %[[SN:.+]] = tensor.extract %[[UPD]][%[[KK2]], %[[VV2]]] : tensor<16x8xf32>
// CHECK-NEXT:            %[[QS:.+]] = arith.mulf %[[QV]], %[[SN]] : f32
// CHECK-NEXT:            %[[AOLD:.+]] = tensor.extract %[[AV]][%[[C1]], %[[VV2]]] : tensor<2x8xf32>
// CHECK-NEXT:            %[[SUM:.+]] = arith.addf %[[AOLD]], %[[QS]] : f32
// CHECK-NEXT:            %[[AINS:.+]] = tensor.insert %[[SUM]] into %[[AV]][%[[C1]], %[[VV2]]] : tensor<2x8xf32>
// CHECK-NEXT:            scf.yield %[[AINS]] : tensor<2x8xf32>
// CHECK-NEXT:          }
// CHECK-NEXT:          scf.yield %[[AROW]] : tensor<2x8xf32>
// CHECK-NEXT:        }
// CHECK-NEXT:        %[[WRITTEN:.+]] = scf.for %[[VV3:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C8]] step %[[C1]] iter_args(%[[OV:[a-zA-Z0-9_]+]] = %[[OS]]) -> (tensor<1x1x9x8xf32>) {
// CHECK-NEXT:          %[[Y:.+]] = tensor.extract %[[DOT]][%[[C1]], %[[VV3]]] : tensor<2x8xf32>
// CHECK-NEXT:          %[[YS:.+]] = arith.mulf %[[Y]], %[[SCALE]] : f32
// CHECK-NEXT:          %[[OINS:.+]] = tensor.insert %[[YS]] into %[[OV]][%[[C0]], %[[C0]], %[[T]], %[[VV3]]] : tensor<1x1x9x8xf32>
// CHECK-NEXT:          scf.yield %[[OINS]] : tensor<1x1x9x8xf32>
// CHECK-NEXT:        }
// CHECK-NEXT:        scf.yield %[[UPD]], %[[WRITTEN]], %[[DOT]] : tensor<16x8xf32>, tensor<1x1x9x8xf32>, tensor<2x8xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:      scf.forall.in_parallel {
// CHECK-NEXT:        tensor.parallel_insert_slice %[[T0]]#1 into %[[SO]][%[[B]], %[[S]], 0, 0] [1, 1, 9, 8] [1, 1, 1, 1] : tensor<1x1x9x8xf32> into tensor<2x4x9x8xf32>
// CHECK-NEXT:        tensor.parallel_insert_slice %[[T0]]#0 into %[[SF]][%[[B]], %[[S]], 0, 0] [1, 1, 16, 8] [1, 1, 1, 1] : tensor<16x8xf32> into tensor<2x4x16x8xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    return %[[R]]#0, %[[R]]#1 : tensor<2x4x9x8xf32>, tensor<2x4x16x8xf32>
// CHECK-NOT:     seq.

// LOOPS-LABEL: func.func @linear_attention_additive
// LOOPS-NOT:     seq.
// LOOPS:         scf.forall ({{[^)]*}}) in (2, 4)
// LOOPS:         scf.for {{.+}} to %c9 step
// LOOPS-NOT:     tensor.empty
// LOOPS-NOT:     math.exp
// LOOPS:         scf.forall.in_parallel
// LOOPS:         return
func.func @linear_attention_additive(
    %q: tensor<2x4x9x16xf32>, %k: tensor<2x4x9x16xf32>,
    %v: tensor<2x4x9x8xf32>, %s0: tensor<2x4x16x8xf32>)
    -> (tensor<2x4x9x8xf32>, tensor<2x4x16x8xf32>) {
  %o, %s = seq.linear_attention %q, %k, %v decay<none> update<additive>
      initial_state(%s0)
      : (tensor<2x4x9x16xf32>, tensor<2x4x9x16xf32>, tensor<2x4x9x8xf32>,
         tensor<2x4x16x8xf32>)
      -> (tensor<2x4x9x8xf32>, tensor<2x4x16x8xf32>)
  return %o, %s : tensor<2x4x9x8xf32>, tensor<2x4x16x8xf32>
}


// -----

// RetNet: a fixed log-decay per state head; exp(gate[s]) is formed once per
// step, before the key rows, and scales each state element in the V loop.
// CHECK-LABEL: func.func @linear_attention_fixed_decay
// CHECK-SAME:    (%{{.+}}: tensor<2x4x17x16xf32>, %{{.+}}: tensor<2x4x17x16xf32>, %{{.+}}: tensor<2x4x17x8xf32>, %[[GAMMA:[a-zA-Z0-9_]+]]: tensor<4xf32>)
// CHECK-DAG:     %[[HALF:.+]] = arith.constant 5.000000e-01 : f32
// CHECK:         scf.forall (%{{.+}}, %[[S:[a-zA-Z0-9_]+]]) in (2, 4)
// CHECK:           %[[ZT:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<16x8xf32>) -> tensor<16x8xf32>
// CHECK:           scf.for %{{.+}} iter_args(%{{.+}} = %[[ZT]],
// CHECK-NEXT:        %[[LOGD:.+]] = tensor.extract %[[GAMMA]][%[[S]]] : tensor<4xf32>
// CHECK-NEXT:        %[[D:.+]] = math.exp %[[LOGD]] : f32
// CHECK-NEXT:        scf.for
// CHECK-NEXT:          tensor.extract
// CHECK-NEXT:          scf.for
// CHECK-NEXT:            %[[OLD:.+]] = tensor.extract
// CHECK-NEXT:            %{{.+}} = arith.mulf %[[D]], %[[OLD]] : f32
// CHECK:             arith.mulf %{{.+}}, %[[HALF]] : f32

// LOOPS-LABEL: func.func @linear_attention_fixed_decay
// LOOPS:         scf.forall
// LOOPS:         scf.for {{.+}} to %c17 step
// LOOPS:         math.exp
// LOOPS-NOT:     math.exp
// LOOPS:         scf.forall.in_parallel
func.func @linear_attention_fixed_decay(
    %q: tensor<2x4x17x16xf32>, %k: tensor<2x4x17x16xf32>,
    %v: tensor<2x4x17x8xf32>, %gamma: tensor<4xf32>)
    -> tensor<2x4x17x8xf32> {
  %o = seq.linear_attention %q, %k, %v decay<fixed> gate(%gamma)
      update<additive> {chunk_size = 32 : i64, scale = 0.5 : f32}
      : (tensor<2x4x17x16xf32>, tensor<2x4x17x16xf32>,
         tensor<2x4x17x8xf32>, tensor<4xf32>) -> tensor<2x4x17x8xf32>
  return %o : tensor<2x4x17x8xf32>
}


// -----

// bf16 data with a scalar (per head and step) f32 gate and two value heads
// shared by four query/key heads: four state heads, each reading value
// head s / 2; the state is f32, the output converted back to bf16.
// CHECK-LABEL: func.func @linear_attention_scalar_decay
// CHECK:         scf.forall (%[[B:[a-zA-Z0-9_]+]], %[[S:[a-zA-Z0-9_]+]]) in (1, 4)
// CHECK:           %[[VH:.+]] = arith.divui %[[S]], %{{.+}} : index
// CHECK:           scf.for %[[T:[a-zA-Z0-9_]+]] =
// CHECK-NEXT:        %[[G:.+]] = tensor.extract %{{.+}}[%[[B]], %[[S]], %[[T]]] : tensor<1x4x6xf32>
// CHECK-NEXT:        math.exp %[[G]] : f32
// CHECK:             tensor.extract %{{.+}}[%[[B]], %[[VH]], %[[T]], %{{.+}}] : tensor<1x2x6x4xbf16>
// CHECK:             arith.extf
// CHECK:             arith.truncf %{{.+}} : f32 to bf16

// LOOPS-LABEL: func.func @linear_attention_scalar_decay
// LOOPS:         scf.forall
// LOOPS:         scf.for {{.+}} to %c6 step
// LOOPS:         math.exp
// LOOPS-NOT:     math.exp
// LOOPS:         scf.forall.in_parallel
func.func @linear_attention_scalar_decay(
    %q: tensor<1x4x6x8xbf16>, %k: tensor<1x4x6x8xbf16>,
    %v: tensor<1x2x6x4xbf16>, %g: tensor<1x4x6xf32>)
    -> tensor<1x4x6x4xbf16> {
  %o = seq.linear_attention %q, %k, %v decay<scalar> gate(%g)
      update<additive>
      : (tensor<1x4x6x8xbf16>, tensor<1x4x6x8xbf16>, tensor<1x2x6x4xbf16>,
         tensor<1x4x6xf32>) -> tensor<1x4x6x4xbf16>
  return %o : tensor<1x4x6x4xbf16>
}


// -----

// GLA with a per-key-dim gate and grouped queries: 8 query heads over 2
// state heads, so each row loops over its 4 output heads, each reading query
// head firstOutput + oo. exp(gate[k]) is formed once per key row, outside
// the V loop.
// CHECK-LABEL: func.func @linear_attention_vector_decay_grouped_query
// CHECK:         scf.forall (%[[B:[a-zA-Z0-9_]+]], %[[S:[a-zA-Z0-9_]+]]) in (1, 2)
// CHECK:           scf.for %[[T:[a-zA-Z0-9_]+]] =
// CHECK-NEXT:        scf.for %[[KK:[a-zA-Z0-9_]+]] =
// CHECK-NEXT:          %[[G:.+]] = tensor.extract %{{.+}}[%[[B]], %[[S]], %[[T]], %[[KK]]] : tensor<1x2x9x16xf32>
// CHECK-NEXT:          %[[D:.+]] = math.exp %[[G]] : f32
// CHECK-NEXT:          tensor.extract
// CHECK-NEXT:          scf.for
// CHECK-NEXT:            %[[OLD:.+]] = tensor.extract
// CHECK-NEXT:            arith.mulf %[[D]], %[[OLD]] : f32
// CHECK:             scf.for %[[OO:[a-zA-Z0-9_]+]] = %{{.+}} to %c4 step
// CHECK:               %[[O:.+]] = arith.addi %{{.+}}, %[[OO]] : index
// CHECK:               tensor.extract %{{.+}}[%[[B]], %[[O]], %[[T]], %{{.+}}] : tensor<1x8x9x16xf32>

// LOOPS-LABEL: func.func @linear_attention_vector_decay_grouped_query
// LOOPS:         scf.forall
// LOOPS:         scf.for {{.+}} to %c9 step
// LOOPS:         scf.for {{.+}} to %c16 step
// LOOPS:         math.exp
// LOOPS:         scf.for {{.+}} to %c24 step
// LOOPS-NOT:     math.exp
// LOOPS:         scf.forall.in_parallel
func.func @linear_attention_vector_decay_grouped_query(
    %q: tensor<1x8x9x16xf32>, %k: tensor<1x2x9x16xf32>,
    %v: tensor<1x2x9x24xf32>, %g: tensor<1x2x9x16xf32>)
    -> tensor<1x8x9x24xf32> {
  %o = seq.linear_attention %q, %k, %v decay<vector> gate(%g)
      update<additive>
      : (tensor<1x8x9x16xf32>, tensor<1x2x9x16xf32>, tensor<1x2x9x24xf32>,
         tensor<1x2x9x16xf32>) -> tensor<1x8x9x24xf32>
  return %o : tensor<1x8x9x24xf32>
}


// -----

// Gated delta rule (Qwen3-Next style heads: 4 q/k heads, 8 value heads);
// the scalar decay is formed once per step; one sweep decays the tile and
// accumulates u = k^T S' along V into the carried scratch, then
// u = beta (v - u), then S += k u^T; the output accumulator is cleared,
// filled over k and written (scale 1.0 folds away).
// CHECK-LABEL: func.func @linear_attention_gated_delta
// CHECK-SAME:    (%[[Q:[a-zA-Z0-9_]+]]: tensor<1x4x50x32xf32>, %[[K:[a-zA-Z0-9_]+]]: tensor<1x4x50x32xf32>, %[[V:[a-zA-Z0-9_]+]]: tensor<1x8x50x64xf32>, %[[G:[a-zA-Z0-9_]+]]: tensor<1x8x50xf32>, %[[BETA:[a-zA-Z0-9_]+]]: tensor<1x8x50xf32>, %[[S0:[a-zA-Z0-9_]+]]: tensor<1x8x32x64xf32>)
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK:         scf.forall (%[[B:[a-zA-Z0-9_]+]], %[[S:[a-zA-Z0-9_]+]]) in (1, 8)
// CHECK:           %[[KH:.+]] = arith.divui %[[S]], %{{.+}} : index
// CHECK:           scf.for %[[T:[a-zA-Z0-9_]+]] = {{.+}} iter_args(%[[ST:[a-zA-Z0-9_]+]] = %{{.+}}, %[[OS:[a-zA-Z0-9_]+]] = %{{.+}}, %[[U:[a-zA-Z0-9_]+]] = %{{.+}})
// CHECK-NEXT:        %[[LG:.+]] = tensor.extract %[[G]][%[[B]], %[[S]], %[[T]]]
// CHECK-NEXT:        %[[D:.+]] = math.exp %[[LG]] : f32
// CHECK-NEXT:        %[[BT:.+]] = tensor.extract %[[BETA]][%[[B]], %[[S]], %[[T]]]
// CHECK-NEXT:        %[[U0:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[U]] : tensor<2x64xf32>)
// CHECK-NEXT:        %[[SWEEP:.+]]:2 = scf.for %[[KK:[a-zA-Z0-9_]+]] = {{.+}} iter_args(%{{.+}} = %[[ST]], %{{.+}} = %[[U0]])
// CHECK-NEXT:          %[[KV:.+]] = tensor.extract %[[K]][%[[B]], %[[KH]], %[[T]], %[[KK]]]
// CHECK-NEXT:          scf.for
// CHECK-NEXT:            %[[OLD:.+]] = tensor.extract
// CHECK-NEXT:            %[[DS:.+]] = arith.mulf %[[D]], %[[OLD]] : f32
// CHECK-NEXT:            %[[KS:.+]] = arith.mulf %[[KV]], %[[DS]] : f32
// CHECK-NEXT:            %[[UOLD:.+]] = tensor.extract
// CHECK-NEXT:            %[[UNEW:.+]] = arith.addf %[[UOLD]], %[[KS]] : f32
// CHECK-NEXT:            tensor.insert %[[DS]]
// CHECK-NEXT:            tensor.insert %[[UNEW]]
// CHECK:             %[[CORR:.+]] = scf.for %{{.+}} iter_args(%{{.+}} = %[[SWEEP]]#1)
// CHECK-NEXT:          %[[KSV:.+]] = tensor.extract
// CHECK-NEXT:          %[[VT:.+]] = tensor.extract %[[V]][%[[B]], %[[S]], %[[T]], %{{.+}}]
// CHECK-NEXT:          %[[DIFF:.+]] = arith.subf %[[VT]], %[[KSV]] : f32
// CHECK-NEXT:          %[[UB:.+]] = arith.mulf %[[BT]], %[[DIFF]] : f32
// CHECK:             %[[NEXT:.+]] = scf.for %{{.+}} iter_args(%{{.+}} = %[[SWEEP]]#0)
// CHECK-NEXT:          tensor.extract %[[K]]
// CHECK-NEXT:          scf.for
// CHECK-NEXT:            tensor.extract
// CHECK-NEXT:            tensor.extract %[[CORR]]
// CHECK:             linalg.fill ins(%[[ZERO]] : f32) outs(%[[CORR]] : tensor<2x64xf32>)
// CHECK:             tensor.extract %[[Q]]
// CHECK:               tensor.extract %[[NEXT]]
// CHECK:             scf.yield %[[NEXT]], %{{.+}}, %{{.+}} : tensor<32x64xf32>, tensor<1x1x50x64xf32>, tensor<2x64xf32>

// LOOPS-LABEL: func.func @linear_attention_gated_delta
// LOOPS:         scf.forall
// LOOPS:         scf.for {{.+}} to %c50 step
// LOOPS-NOT:     tensor.empty
// LOOPS:         math.exp
// LOOPS-NOT:     math.exp
// LOOPS-NOT:     tensor.empty
// LOOPS:         scf.forall.in_parallel
func.func @linear_attention_gated_delta(
    %q: tensor<1x4x50x32xf32>, %k: tensor<1x4x50x32xf32>,
    %v: tensor<1x8x50x64xf32>, %g: tensor<1x8x50xf32>,
    %beta: tensor<1x8x50xf32>, %s0: tensor<1x8x32x64xf32>)
    -> (tensor<1x8x50x64xf32>, tensor<1x8x32x64xf32>) {
  %o, %s = seq.linear_attention %q, %k, %v decay<scalar> gate(%g)
      update<delta> beta(%beta) initial_state(%s0) {scale = 1.0 : f32}
      : (tensor<1x4x50x32xf32>, tensor<1x4x50x32xf32>,
         tensor<1x8x50x64xf32>, tensor<1x8x50xf32>, tensor<1x8x50xf32>,
         tensor<1x8x32x64xf32>)
      -> (tensor<1x8x50x64xf32>, tensor<1x8x32x64xf32>)
  return %o, %s : tensor<1x8x50x64xf32>, tensor<1x8x32x64xf32>
}


// -----

// Decode step with the delta rule: the same sweeps without a time loop,
// the state read from and written to (b, s, :, :).
// CHECK-LABEL: func.func @linear_attention_step_delta
// CHECK:         scf.forall (%[[B:[a-zA-Z0-9_]+]], %[[S:[a-zA-Z0-9_]+]]) in (2, 4)
// CHECK:           tensor.extract_slice %{{.+}}[%[[B]], %[[S]], 0, 0] [1, 1, 32, 16] [1, 1, 1, 1] : tensor<2x4x32x16xf32> to tensor<32x16xf32>
// CHECK:           scf.for
// CHECK:           scf.forall.in_parallel
// CHECK:             tensor.parallel_insert_slice %{{.+}} into %{{.+}}[%[[B]], %[[S]], 0] [1, 1, 16] [1, 1, 1] : tensor<1x1x16xf32> into tensor<2x4x16xf32>
// CHECK:             tensor.parallel_insert_slice %{{.+}} into %{{.+}}[%[[B]], %[[S]], 0, 0] [1, 1, 32, 16] [1, 1, 1, 1] : tensor<32x16xf32> into tensor<2x4x32x16xf32>

// LOOPS-LABEL: func.func @linear_attention_step_delta
// LOOPS:         scf.forall
// LOOPS-NOT:     math.exp
// LOOPS:         scf.forall.in_parallel
func.func @linear_attention_step_delta(
    %q: tensor<2x4x32xf32>, %k: tensor<2x4x32xf32>, %v: tensor<2x4x16xf32>,
    %beta: tensor<2x4xf32>, %s: tensor<2x4x32x16xf32>)
    -> (tensor<2x4x16xf32>, tensor<2x4x32x16xf32>) {
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<none> update<delta>
      beta(%beta) state(%s)
      : (tensor<2x4x32xf32>, tensor<2x4x32xf32>, tensor<2x4x16xf32>,
         tensor<2x4xf32>, tensor<2x4x32x16xf32>)
      -> (tensor<2x4x16xf32>, tensor<2x4x32x16xf32>)
  return %o, %s1 : tensor<2x4x16xf32>, tensor<2x4x32x16xf32>
}


// -----

// Decode step, per-key-dim gate, 4 output heads per state head: exp(gate)
// once per key row; a loop over the output heads.
// CHECK-LABEL: func.func @linear_attention_step_vector_grouped_query
// CHECK:         scf.forall (%{{.+}}, %{{.+}}) in (2, 2)
// CHECK:           scf.for %{{.+}} to %c16 step
// CHECK-NEXT:        tensor.extract
// CHECK-NEXT:        math.exp
// CHECK:           scf.for %{{.+}} to %c4 step

// LOOPS-LABEL: func.func @linear_attention_step_vector_grouped_query
// LOOPS:         scf.forall
// LOOPS:         math.exp
// LOOPS-NOT:     math.exp
// LOOPS:         scf.forall.in_parallel
func.func @linear_attention_step_vector_grouped_query(
    %q: tensor<2x8x16xf32>, %k: tensor<2x2x16xf32>, %v: tensor<2x2x8xf32>,
    %g: tensor<2x2x16xf32>, %s: tensor<2x2x16x8xf32>)
    -> (tensor<2x8x8xf32>, tensor<2x2x16x8xf32>) {
  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<vector> gate(%g)
      update<additive> state(%s)
      : (tensor<2x8x16xf32>, tensor<2x2x16xf32>, tensor<2x2x8xf32>,
         tensor<2x2x16xf32>, tensor<2x2x16x8xf32>)
      -> (tensor<2x8x8xf32>, tensor<2x2x16x8xf32>)
  return %o, %s1 : tensor<2x8x8xf32>, tensor<2x2x16x8xf32>
}

