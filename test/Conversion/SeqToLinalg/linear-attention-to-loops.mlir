// convert-seq-to-linalg on seq.linear_attention and
// seq.linear_attention_step (LinearAttentionToLoops.cpp): one scf.forall over
// (batch, state head, value column), each row carrying one K-vector column
// of the [K, V] state through the time loop; loops over K for the update and
// for o = scale * q . S[:, v]; a loop over the output heads of a state when
// there are several (grouped-query heads).
// RUN: seqc-opt %s --split-input-file --convert-seq-to-linalg | FileCheck %s
// RUN: seqc-opt %s --split-input-file --convert-seq-to-linalg | FileCheck %s --check-prefix=LOOPS

// Plain causal linear attention (no decay, additive update) with an initial
// and a final state; the default scale is K^-0.5 = 0.25; one output head per
// state, so no loop over output heads.
// CHECK-LABEL: func.func @linear_attention_additive
// CHECK-SAME:    (%[[Q:[a-zA-Z0-9_]+]]: tensor<2x4x9x16xf32>, %[[K:[a-zA-Z0-9_]+]]: tensor<2x4x9x16xf32>, %[[V:[a-zA-Z0-9_]+]]: tensor<2x4x9x8xf32>, %[[S0:[a-zA-Z0-9_]+]]: tensor<2x4x16x8xf32>)
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG:     %[[C16:.+]] = arith.constant 16 : index
// CHECK-DAG:     %[[C9:.+]] = arith.constant 9 : index
// CHECK-DAG:     %[[SCALE:.+]] = arith.constant 2.500000e-01 : f32
// CHECK:         %[[OUT:.+]] = tensor.empty() : tensor<2x4x9x8xf32>
// CHECK:         %[[FIN:.+]] = tensor.empty() : tensor<2x4x16x8xf32>
// CHECK:         %[[R:[a-zA-Z0-9_]+]]:2 = scf.forall (%[[B:[a-zA-Z0-9_]+]], %[[S:[a-zA-Z0-9_]+]], %[[COL:[a-zA-Z0-9_]+]]) in (2, 4, 8) shared_outs(%[[SO:[a-zA-Z0-9_]+]] = %[[OUT]], %[[SF:[a-zA-Z0-9_]+]] = %[[FIN]]) -> (tensor<2x4x9x8xf32>, tensor<2x4x16x8xf32>) {
// CHECK:           %[[STATE:.+]] = tensor.extract_slice %[[S0]][%[[B]], %[[S]], 0, %[[COL]]] [1, 1, 16, 1] [1, 1, 1, 1] : tensor<2x4x16x8xf32> to tensor<16xf32>
// CHECK:           %[[SLAB:.+]] = tensor.extract_slice %[[SO]][%[[B]], %[[S]], 0, %[[COL]]] [1, 1, 9, 1] [1, 1, 1, 1] : tensor<2x4x9x8xf32> to tensor<1x1x9x1xf32>
// CHECK:           %[[T0:[a-zA-Z0-9_]+]]:2 = scf.for %[[T:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C9]] step %[[C1]] iter_args(%[[COLS:[a-zA-Z0-9_]+]] = %[[STATE]], %[[OS:[a-zA-Z0-9_]+]] = %[[SLAB]]) -> (tensor<16xf32>, tensor<1x1x9x1xf32>) {
// CHECK:             %[[VT:.+]] = tensor.extract %[[V]][%[[B]], %[[S]], %[[T]], %[[COL]]] : tensor<2x4x9x8xf32>
// CHECK:             %[[UPD:.+]] = scf.for %[[KK:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C16]] step %[[C1]] iter_args(%[[SK:[a-zA-Z0-9_]+]] = %[[COLS]]) -> (tensor<16xf32>) {
// CHECK-NEXT:          %[[SV:.+]] = tensor.extract %[[SK]][%[[KK]]] : tensor<16xf32>
// CHECK-NEXT:          %[[KV:.+]] = tensor.extract %[[K]][%[[B]], %[[S]], %[[T]], %[[KK]]] : tensor<2x4x9x16xf32>
// CHECK-NEXT:          %[[KVV:.+]] = arith.mulf %[[KV]], %[[VT]] : f32
// CHECK-NEXT:          %[[NEXT:.+]] = arith.addf %[[SV]], %[[KVV]] : f32
// CHECK-NEXT:          %[[INS:.+]] = tensor.insert %[[NEXT]] into %[[SK]][%[[KK]]] : tensor<16xf32>
// CHECK-NEXT:          scf.yield %[[INS]] : tensor<16xf32>
// CHECK-NEXT:        }
// CHECK:             %[[DOT:.+]] = scf.for %[[KK2:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C16]] step %[[C1]] iter_args(%[[ACC:[a-zA-Z0-9_]+]] = %[[ZERO]]) -> (f32) {
// CHECK-NEXT:          %[[SN:.+]] = tensor.extract %[[UPD]][%[[KK2]]] : tensor<16xf32>
// CHECK-NEXT:          %[[QV:.+]] = tensor.extract %[[Q]][%[[B]], %[[S]], %[[T]], %[[KK2]]] : tensor<2x4x9x16xf32>
// CHECK-NEXT:          %[[QS:.+]] = arith.mulf %[[QV]], %[[SN]] : f32
// CHECK-NEXT:          %[[SUM:.+]] = arith.addf %[[ACC]], %[[QS]] : f32
// CHECK-NEXT:          scf.yield %[[SUM]] : f32
// CHECK-NEXT:        }
// CHECK-NEXT:        %[[O:.+]] = arith.mulf %[[DOT]], %[[SCALE]] : f32
// CHECK:             %[[ONEW:.+]] = tensor.insert %[[O]] into %[[OS]][%[[Z:[a-zA-Z0-9_]+]], %{{[a-zA-Z0-9_]+}}, %[[T]], %[[Z]]] : tensor<1x1x9x1xf32>
// CHECK-NEXT:        scf.yield %[[UPD]], %[[ONEW]] : tensor<16xf32>, tensor<1x1x9x1xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:      scf.forall.in_parallel {
// CHECK-NEXT:        tensor.parallel_insert_slice %[[T0]]#1 into %[[SO]][%[[B]], %[[S]], 0, %[[COL]]] [1, 1, 9, 1] [1, 1, 1, 1] : tensor<1x1x9x1xf32> into tensor<2x4x9x8xf32>
// CHECK-NEXT:        tensor.parallel_insert_slice %[[T0]]#0 into %[[SF]][%[[B]], %[[S]], 0, %[[COL]]] [1, 1, 16, 1] [1, 1, 1, 1] : tensor<16xf32> into tensor<2x4x16x8xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    return %[[R]]#0, %[[R]]#1 : tensor<2x4x9x8xf32>, tensor<2x4x16x8xf32>
// CHECK-NOT:     seq.

// LOOPS-LABEL: func.func @linear_attention_additive
// LOOPS-NOT:     seq.
// LOOPS:         scf.forall (
// LOOPS-NOT:     scf.forall (
// LOOPS-NOT:     scf.for
// LOOPS:         scf.for {{.+}} to %c9 step
// LOOPS-NOT:     math.exp
// LOOPS:         scf.for {{.+}} to %c16 step
// LOOPS-NOT:     math.exp
// LOOPS:         scf.for {{.+}} to %c16 step
// LOOPS-NOT:     scf.forall (
// LOOPS-NOT:     scf.for
// LOOPS-NOT:     math.exp
// LOOPS:         scf.forall.in_parallel
// LOOPS-NOT:     seq.
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

// RetNet: a fixed log-decay per state head; Decay = exp(gate[s]), one value
// for the whole column, formed in the time loop and applied in the K loop.
// Explicit scale 0.5; the state starts at zero; no final state.
// CHECK-LABEL: func.func @linear_attention_fixed_decay
// CHECK-SAME:    (%[[Q:[a-zA-Z0-9_]+]]: tensor<2x4x17x16xf32>, %[[K:[a-zA-Z0-9_]+]]: tensor<2x4x17x16xf32>, %[[V:[a-zA-Z0-9_]+]]: tensor<2x4x17x8xf32>, %[[GAMMA:[a-zA-Z0-9_]+]]: tensor<4xf32>)
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG:     %[[C16:.+]] = arith.constant 16 : index
// CHECK-DAG:     %[[C17:.+]] = arith.constant 17 : index
// CHECK-DAG:     %[[SCALE:.+]] = arith.constant 5.000000e-01 : f32
// CHECK:         %[[OUT:.+]] = tensor.empty() : tensor<2x4x17x8xf32>
// CHECK:         %[[R:.+]] = scf.forall (%[[B:[a-zA-Z0-9_]+]], %[[S:[a-zA-Z0-9_]+]], %[[COL:[a-zA-Z0-9_]+]]) in (2, 4, 8) shared_outs(%[[SO:[a-zA-Z0-9_]+]] = %[[OUT]]) -> (tensor<2x4x17x8xf32>) {
// CHECK:           %[[E:.+]] = tensor.empty() : tensor<16xf32>
// CHECK:           %[[STATE:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%[[E]] : tensor<16xf32>) -> tensor<16xf32>
// CHECK:           %[[SLAB:.+]] = tensor.extract_slice %[[SO]][%[[B]], %[[S]], 0, %[[COL]]] [1, 1, 17, 1] [1, 1, 1, 1] : tensor<2x4x17x8xf32> to tensor<1x1x17x1xf32>
// CHECK:           %[[T0:[a-zA-Z0-9_]+]]:2 = scf.for %[[T:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C17]] step %[[C1]] iter_args(%[[COLS:[a-zA-Z0-9_]+]] = %[[STATE]], %[[OS:[a-zA-Z0-9_]+]] = %[[SLAB]]) -> (tensor<16xf32>, tensor<1x1x17x1xf32>) {
// CHECK-NEXT:        %[[LOGD:.+]] = tensor.extract %[[GAMMA]][%[[S]]] : tensor<4xf32>
// CHECK-NEXT:        %[[DECAY:.+]] = math.exp %[[LOGD]] : f32
// CHECK-NEXT:        %[[VT:.+]] = tensor.extract %[[V]][%[[B]], %[[S]], %[[T]], %[[COL]]] : tensor<2x4x17x8xf32>
// CHECK:             %[[UPD:.+]] = scf.for %[[KK:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C16]] step %[[C1]] iter_args(%[[SK:[a-zA-Z0-9_]+]] = %[[COLS]]) -> (tensor<16xf32>) {
// CHECK-NEXT:          %[[SV:.+]] = tensor.extract %[[SK]][%[[KK]]] : tensor<16xf32>
// CHECK-NEXT:          %[[DS:.+]] = arith.mulf %[[DECAY]], %[[SV]] : f32
// CHECK-NEXT:          %[[KV:.+]] = tensor.extract %[[K]][%[[B]], %[[S]], %[[T]], %[[KK]]] : tensor<2x4x17x16xf32>
// CHECK-NEXT:          %[[KVV:.+]] = arith.mulf %[[KV]], %[[VT]] : f32
// CHECK-NEXT:          %[[NEXT:.+]] = arith.addf %[[DS]], %[[KVV]] : f32
// CHECK-NEXT:          %[[INS:.+]] = tensor.insert %[[NEXT]] into %[[SK]][%[[KK]]] : tensor<16xf32>
// CHECK-NEXT:          scf.yield %[[INS]] : tensor<16xf32>
// CHECK-NEXT:        }
// CHECK:             %[[DOT:.+]] = scf.for %[[KK2:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C16]] step %[[C1]] iter_args(%[[ACC:[a-zA-Z0-9_]+]] = %[[ZERO]]) -> (f32) {
// CHECK-NEXT:          %[[SN:.+]] = tensor.extract %[[UPD]][%[[KK2]]] : tensor<16xf32>
// CHECK-NEXT:          %[[QV:.+]] = tensor.extract %[[Q]][%[[B]], %[[S]], %[[T]], %[[KK2]]] : tensor<2x4x17x16xf32>
// CHECK-NEXT:          %[[QS:.+]] = arith.mulf %[[QV]], %[[SN]] : f32
// CHECK-NEXT:          %[[SUM:.+]] = arith.addf %[[ACC]], %[[QS]] : f32
// CHECK-NEXT:          scf.yield %[[SUM]] : f32
// CHECK-NEXT:        }
// CHECK-NEXT:        %[[O:.+]] = arith.mulf %[[DOT]], %[[SCALE]] : f32
// CHECK:             %[[ONEW:.+]] = tensor.insert %[[O]] into %[[OS]][%{{[a-zA-Z0-9_]+}}, %{{[a-zA-Z0-9_]+}}, %[[T]], %{{[a-zA-Z0-9_]+}}] : tensor<1x1x17x1xf32>
// CHECK-NEXT:        scf.yield %[[UPD]], %[[ONEW]] : tensor<16xf32>, tensor<1x1x17x1xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:      scf.forall.in_parallel {
// CHECK-NEXT:        tensor.parallel_insert_slice %[[T0]]#1 into %[[SO]][%[[B]], %[[S]], 0, %[[COL]]] [1, 1, 17, 1] [1, 1, 1, 1] : tensor<1x1x17x1xf32> into tensor<2x4x17x8xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    return %[[R]] : tensor<2x4x17x8xf32>
// CHECK-NOT:     seq.

// LOOPS-LABEL: func.func @linear_attention_fixed_decay
// LOOPS-NOT:     seq.
// LOOPS:         scf.forall (
// LOOPS-NOT:     scf.forall (
// LOOPS-NOT:     scf.for
// LOOPS:         scf.for {{.+}} to %c17 step
// LOOPS:         math.exp
// LOOPS:         scf.for {{.+}} to %c16 step
// LOOPS-NOT:     math.exp
// LOOPS:         scf.for {{.+}} to %c16 step
// LOOPS-NOT:     scf.forall (
// LOOPS-NOT:     scf.for
// LOOPS-NOT:     math.exp
// LOOPS:         scf.forall.in_parallel
// LOOPS-NOT:     seq.
// LOOPS:         return
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

// Simple GLA with a scalar gate [B, Hs, L]: exp(gate[b, s, t]) once per
// step, outside the K loop. Key heads shared by value heads the other way
// round (Hk = 4, Hv = 2): state s reads value head s / 2. bf16 data: loads
// are extended, o is truncated.
// CHECK-LABEL: func.func @linear_attention_scalar_decay
// CHECK-SAME:    (%[[Q:[a-zA-Z0-9_]+]]: tensor<1x4x6x8xbf16>, %[[K:[a-zA-Z0-9_]+]]: tensor<1x4x6x8xbf16>, %[[V:[a-zA-Z0-9_]+]]: tensor<1x2x6x4xbf16>, %[[GATE:[a-zA-Z0-9_]+]]: tensor<1x4x6xf32>)
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG:     %[[C2:.+]] = arith.constant 2 : index
// CHECK-DAG:     %[[C8:.+]] = arith.constant 8 : index
// CHECK-DAG:     %[[C6:.+]] = arith.constant 6 : index
// CHECK-DAG:     %[[SCALE:.+]] = arith.constant 0.353553385 : f32
// CHECK:         %[[OUT:.+]] = tensor.empty() : tensor<1x4x6x4xbf16>
// CHECK:         %[[R:.+]] = scf.forall (%[[B:[a-zA-Z0-9_]+]], %[[S:[a-zA-Z0-9_]+]], %[[COL:[a-zA-Z0-9_]+]]) in (1, 4, 4) shared_outs(%[[SO:[a-zA-Z0-9_]+]] = %[[OUT]]) -> (tensor<1x4x6x4xbf16>) {
// CHECK-NEXT:      %[[VH:.+]] = arith.divui %[[S]], %[[C2]] : index
// CHECK-NEXT:      %[[E:.+]] = tensor.empty() : tensor<8xf32>
// CHECK-NEXT:      %[[STATE:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[E]] : tensor<8xf32>) -> tensor<8xf32>
// CHECK-NEXT:      %[[SLAB:.+]] = tensor.extract_slice %[[SO]][%[[B]], %[[S]], 0, %[[COL]]] [1, 1, 6, 1] [1, 1, 1, 1] : tensor<1x4x6x4xbf16> to tensor<1x1x6x1xbf16>
// CHECK:           %[[T0:[a-zA-Z0-9_]+]]:2 = scf.for %[[T:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C6]] step %[[C1]] iter_args(%[[COLS:[a-zA-Z0-9_]+]] = %[[STATE]], %[[OS:[a-zA-Z0-9_]+]] = %[[SLAB]]) -> (tensor<8xf32>, tensor<1x1x6x1xbf16>) {
// CHECK-NEXT:        %[[LOGD:.+]] = tensor.extract %[[GATE]][%[[B]], %[[S]], %[[T]]] : tensor<1x4x6xf32>
// CHECK-NEXT:        %[[DECAY:.+]] = math.exp %[[LOGD]] : f32
// CHECK-NEXT:        %[[VB:.+]] = tensor.extract %[[V]][%[[B]], %[[VH]], %[[T]], %[[COL]]] : tensor<1x2x6x4xbf16>
// CHECK-NEXT:        %[[VT:.+]] = arith.extf %[[VB]] : bf16 to f32
// CHECK:             %[[UPD:.+]] = scf.for %[[KK:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C8]] step %[[C1]] iter_args(%[[SK:[a-zA-Z0-9_]+]] = %[[COLS]]) -> (tensor<8xf32>) {
// CHECK-NEXT:          %[[SV:.+]] = tensor.extract %[[SK]][%[[KK]]] : tensor<8xf32>
// CHECK-NEXT:          %[[DS:.+]] = arith.mulf %[[DECAY]], %[[SV]] : f32
// CHECK-NEXT:          %[[KB:.+]] = tensor.extract %[[K]][%[[B]], %[[S]], %[[T]], %[[KK]]] : tensor<1x4x6x8xbf16>
// CHECK-NEXT:          %[[KV:.+]] = arith.extf %[[KB]] : bf16 to f32
// CHECK-NEXT:          %[[KVV:.+]] = arith.mulf %[[KV]], %[[VT]] : f32
// CHECK-NEXT:          %[[NEXT:.+]] = arith.addf %[[DS]], %[[KVV]] : f32
// CHECK-NEXT:          %[[INS:.+]] = tensor.insert %[[NEXT]] into %[[SK]][%[[KK]]] : tensor<8xf32>
// CHECK-NEXT:          scf.yield %[[INS]] : tensor<8xf32>
// CHECK-NEXT:        }
// CHECK:             %[[DOT:.+]] = scf.for %[[KK2:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C8]] step %[[C1]] iter_args(%[[ACC:[a-zA-Z0-9_]+]] = %[[ZERO]]) -> (f32) {
// CHECK-NEXT:          %[[SN:.+]] = tensor.extract %[[UPD]][%[[KK2]]] : tensor<8xf32>
// CHECK-NEXT:          %[[QB:.+]] = tensor.extract %[[Q]][%[[B]], %[[S]], %[[T]], %[[KK2]]] : tensor<1x4x6x8xbf16>
// CHECK-NEXT:          %[[QV:.+]] = arith.extf %[[QB]] : bf16 to f32
// CHECK-NEXT:          %[[QS:.+]] = arith.mulf %[[QV]], %[[SN]] : f32
// CHECK-NEXT:          %[[SUM:.+]] = arith.addf %[[ACC]], %[[QS]] : f32
// CHECK-NEXT:          scf.yield %[[SUM]] : f32
// CHECK-NEXT:        }
// CHECK-NEXT:        %[[O:.+]] = arith.mulf %[[DOT]], %[[SCALE]] : f32
// CHECK:             %[[OB:.+]] = arith.truncf %[[O]] : f32 to bf16
// CHECK-NEXT:        %[[ONEW:.+]] = tensor.insert %[[OB]] into %[[OS]][%{{[a-zA-Z0-9_]+}}, %{{[a-zA-Z0-9_]+}}, %[[T]], %{{[a-zA-Z0-9_]+}}] : tensor<1x1x6x1xbf16>
// CHECK-NEXT:        scf.yield %[[UPD]], %[[ONEW]] : tensor<8xf32>, tensor<1x1x6x1xbf16>
// CHECK-NEXT:      }
// CHECK-NEXT:      scf.forall.in_parallel {
// CHECK-NEXT:        tensor.parallel_insert_slice %[[T0]]#1 into %[[SO]][%[[B]], %[[S]], 0, %[[COL]]] [1, 1, 6, 1] [1, 1, 1, 1] : tensor<1x1x6x1xbf16> into tensor<1x4x6x4xbf16>
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    return %[[R]] : tensor<1x4x6x4xbf16>
// CHECK-NOT:     seq.

// LOOPS-LABEL: func.func @linear_attention_scalar_decay
// LOOPS-NOT:     seq.
// LOOPS:         scf.forall (
// LOOPS-NOT:     scf.forall (
// LOOPS-NOT:     scf.for
// LOOPS:         scf.for {{.+}} to %c6 step
// LOOPS-NEXT:    tensor.extract
// LOOPS-NEXT:    math.exp
// LOOPS:         scf.for {{.+}} to %c8 step
// LOOPS-NOT:     math.exp
// LOOPS:         scf.for {{.+}} to %c8 step
// LOOPS-NOT:     scf.forall (
// LOOPS-NOT:     scf.for
// LOOPS-NOT:     math.exp
// LOOPS:         scf.forall.in_parallel
// LOOPS-NOT:     seq.
// LOOPS:         return
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

// GLA with grouped-query heads: a per-key-dim gate, exp(gate[b, s, t, k])
// inside the K loop; 8 query heads over 2 key/value heads, so each of the
// 2 states feeds 4 output heads through a loop over them, writing a
// [1, 4, L, 1] slab at output head s * 4; output head s * 4 + oo reads query
// head s * 4 + oo.
// CHECK-LABEL: func.func @linear_attention_vector_decay_grouped_query
// CHECK-SAME:    (%[[Q:[a-zA-Z0-9_]+]]: tensor<1x8x9x16xf32>, %[[K:[a-zA-Z0-9_]+]]: tensor<1x2x9x16xf32>, %[[V:[a-zA-Z0-9_]+]]: tensor<1x2x9x24xf32>, %[[GATE:[a-zA-Z0-9_]+]]: tensor<1x2x9x16xf32>)
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG:     %[[C4:.+]] = arith.constant 4 : index
// CHECK-DAG:     %[[C16:.+]] = arith.constant 16 : index
// CHECK-DAG:     %[[C9:.+]] = arith.constant 9 : index
// CHECK-DAG:     %[[SCALE:.+]] = arith.constant 2.500000e-01 : f32
// CHECK:         %[[OUT:.+]] = tensor.empty() : tensor<1x8x9x24xf32>
// CHECK:         %[[R:.+]] = scf.forall (%[[B:[a-zA-Z0-9_]+]], %[[S:[a-zA-Z0-9_]+]], %[[COL:[a-zA-Z0-9_]+]]) in (1, 2, 24) shared_outs(%[[SO:[a-zA-Z0-9_]+]] = %[[OUT]]) -> (tensor<1x8x9x24xf32>) {
// CHECK-NEXT:      %[[FIRST:.+]] = arith.muli %[[S]], %[[C4]] : index
// CHECK-NEXT:      %[[E:.+]] = tensor.empty() : tensor<16xf32>
// CHECK-NEXT:      %[[STATE:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[E]] : tensor<16xf32>) -> tensor<16xf32>
// CHECK-NEXT:      %[[SLAB:.+]] = tensor.extract_slice %[[SO]][%[[B]], %[[FIRST]], 0, %[[COL]]] [1, 4, 9, 1] [1, 1, 1, 1] : tensor<1x8x9x24xf32> to tensor<1x4x9x1xf32>
// CHECK:           %[[T0:[a-zA-Z0-9_]+]]:2 = scf.for %[[T:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C9]] step %[[C1]] iter_args(%[[COLS:[a-zA-Z0-9_]+]] = %[[STATE]], %[[OS:[a-zA-Z0-9_]+]] = %[[SLAB]]) -> (tensor<16xf32>, tensor<1x4x9x1xf32>) {
// CHECK-NEXT:        %[[VT:.+]] = tensor.extract %[[V]][%[[B]], %[[S]], %[[T]], %[[COL]]] : tensor<1x2x9x24xf32>
// CHECK:             %[[UPD:.+]] = scf.for %[[KK:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C16]] step %[[C1]] iter_args(%[[SK:[a-zA-Z0-9_]+]] = %[[COLS]]) -> (tensor<16xf32>) {
// CHECK-NEXT:          %[[SV:.+]] = tensor.extract %[[SK]][%[[KK]]] : tensor<16xf32>
// CHECK-NEXT:          %[[LOGD:.+]] = tensor.extract %[[GATE]][%[[B]], %[[S]], %[[T]], %[[KK]]] : tensor<1x2x9x16xf32>
// CHECK-NEXT:          %[[DECAY:.+]] = math.exp %[[LOGD]] : f32
// CHECK-NEXT:          %[[DS:.+]] = arith.mulf %[[DECAY]], %[[SV]] : f32
// CHECK-NEXT:          %[[KV:.+]] = tensor.extract %[[K]][%[[B]], %[[S]], %[[T]], %[[KK]]] : tensor<1x2x9x16xf32>
// CHECK-NEXT:          %[[KVV:.+]] = arith.mulf %[[KV]], %[[VT]] : f32
// CHECK-NEXT:          %[[NEXT:.+]] = arith.addf %[[DS]], %[[KVV]] : f32
// CHECK-NEXT:          %[[INS:.+]] = tensor.insert %[[NEXT]] into %[[SK]][%[[KK]]] : tensor<16xf32>
// CHECK-NEXT:          scf.yield %[[INS]] : tensor<16xf32>
// CHECK-NEXT:        }
// CHECK:             %[[HEADS:.+]] = scf.for %[[OO:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C4]] step %[[C1]] iter_args(%[[OSI:[a-zA-Z0-9_]+]] = %[[OS]]) -> (tensor<1x4x9x1xf32>) {
// CHECK-NEXT:          %[[QH:.+]] = arith.addi %[[FIRST]], %[[OO]] : index
// CHECK:               %[[DOT:.+]] = scf.for %[[KK2:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C16]] step %[[C1]] iter_args(%[[ACC:[a-zA-Z0-9_]+]] = %[[ZERO]]) -> (f32) {
// CHECK-NEXT:            %[[SN:.+]] = tensor.extract %[[UPD]][%[[KK2]]] : tensor<16xf32>
// CHECK-NEXT:            %[[QV:.+]] = tensor.extract %[[Q]][%[[B]], %[[QH]], %[[T]], %[[KK2]]] : tensor<1x8x9x16xf32>
// CHECK-NEXT:            %[[QS:.+]] = arith.mulf %[[QV]], %[[SN]] : f32
// CHECK-NEXT:            %[[SUM:.+]] = arith.addf %[[ACC]], %[[QS]] : f32
// CHECK-NEXT:            scf.yield %[[SUM]] : f32
// CHECK-NEXT:          }
// CHECK-NEXT:          %[[O:.+]] = arith.mulf %[[DOT]], %[[SCALE]] : f32
// CHECK:               %[[ONEW:.+]] = tensor.insert %[[O]] into %[[OSI]][%[[Z:[a-zA-Z0-9_]+]], %[[OO]], %[[T]], %[[Z]]] : tensor<1x4x9x1xf32>
// CHECK-NEXT:          scf.yield %[[ONEW]] : tensor<1x4x9x1xf32>
// CHECK-NEXT:        }
// CHECK-NEXT:        scf.yield %[[UPD]], %[[HEADS]] : tensor<16xf32>, tensor<1x4x9x1xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:      scf.forall.in_parallel {
// CHECK-NEXT:        tensor.parallel_insert_slice %[[T0]]#1 into %[[SO]][%[[B]], %[[FIRST]], 0, %[[COL]]] [1, 4, 9, 1] [1, 1, 1, 1] : tensor<1x4x9x1xf32> into tensor<1x8x9x24xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    return %[[R]] : tensor<1x8x9x24xf32>
// CHECK-NOT:     seq.

// LOOPS-LABEL: func.func @linear_attention_vector_decay_grouped_query
// LOOPS-NOT:     seq.
// LOOPS:         scf.forall (
// LOOPS-NOT:     scf.forall (
// LOOPS-NOT:     scf.for
// LOOPS:         scf.for {{.+}} to %c9 step
// LOOPS-NOT:     math.exp
// LOOPS:         scf.for {{.+}} to %c16 step
// LOOPS:         math.exp
// LOOPS:         scf.yield
// LOOPS-NOT:     math.exp
// LOOPS:         scf.for {{.+}} to %c4 step
// LOOPS-NOT:     math.exp
// LOOPS:         scf.for {{.+}} to %c16 step
// LOOPS-NOT:     scf.forall (
// LOOPS-NOT:     scf.for
// LOOPS-NOT:     math.exp
// LOOPS:         scf.forall.in_parallel
// LOOPS-NOT:     seq.
// LOOPS:         return
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

// Gated DeltaNet (Qwen3-Next style): 4 query/key heads, 8 value heads, so 8
// states; state s reads key head s / 2 and value head s, and its one output
// head reads query head s / 2. The delta rule takes two loops over K: the
// first decays the column and forms k . S', then
// S = S' + k * (beta * (v - k . S')). The scale 1.0 folds away.
// CHECK-LABEL: func.func @linear_attention_gated_delta
// CHECK-SAME:    (%[[Q:[a-zA-Z0-9_]+]]: tensor<1x4x50x32xf32>, %[[K:[a-zA-Z0-9_]+]]: tensor<1x4x50x32xf32>, %[[V:[a-zA-Z0-9_]+]]: tensor<1x8x50x64xf32>, %[[GATE:[a-zA-Z0-9_]+]]: tensor<1x8x50xf32>, %[[BETA:[a-zA-Z0-9_]+]]: tensor<1x8x50xf32>, %[[S0:[a-zA-Z0-9_]+]]: tensor<1x8x32x64xf32>)
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG:     %[[C2:.+]] = arith.constant 2 : index
// CHECK-DAG:     %[[C32:.+]] = arith.constant 32 : index
// CHECK-DAG:     %[[C50:.+]] = arith.constant 50 : index
// CHECK:         %[[OUT:.+]] = tensor.empty() : tensor<1x8x50x64xf32>
// CHECK:         %[[FIN:.+]] = tensor.empty() : tensor<1x8x32x64xf32>
// CHECK:         %[[R:[a-zA-Z0-9_]+]]:2 = scf.forall (%[[B:[a-zA-Z0-9_]+]], %[[S:[a-zA-Z0-9_]+]], %[[COL:[a-zA-Z0-9_]+]]) in (1, 8, 64) shared_outs(%[[SO:[a-zA-Z0-9_]+]] = %[[OUT]], %[[SF:[a-zA-Z0-9_]+]] = %[[FIN]]) -> (tensor<1x8x50x64xf32>, tensor<1x8x32x64xf32>) {
// CHECK-NEXT:      %[[KH:.+]] = arith.divui %[[S]], %[[C2]] : index
// CHECK:           %[[STATE:.+]] = tensor.extract_slice %[[S0]][%[[B]], %[[S]], 0, %[[COL]]] [1, 1, 32, 1] [1, 1, 1, 1] : tensor<1x8x32x64xf32> to tensor<32xf32>
// CHECK:           %[[SLAB:.+]] = tensor.extract_slice %[[SO]][%[[B]], %[[S]], 0, %[[COL]]] [1, 1, 50, 1] [1, 1, 1, 1] : tensor<1x8x50x64xf32> to tensor<1x1x50x1xf32>
// CHECK:           %[[T0:[a-zA-Z0-9_]+]]:2 = scf.for %[[T:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C50]] step %[[C1]] iter_args(%[[COLS:[a-zA-Z0-9_]+]] = %[[STATE]], %[[OS:[a-zA-Z0-9_]+]] = %[[SLAB]]) -> (tensor<32xf32>, tensor<1x1x50x1xf32>) {
// CHECK-NEXT:        %[[LOGD:.+]] = tensor.extract %[[GATE]][%[[B]], %[[S]], %[[T]]] : tensor<1x8x50xf32>
// CHECK-NEXT:        %[[DECAY:.+]] = math.exp %[[LOGD]] : f32
// CHECK-NEXT:        %[[VT:.+]] = tensor.extract %[[V]][%[[B]], %[[S]], %[[T]], %[[COL]]] : tensor<1x8x50x64xf32>
// CHECK-NEXT:        %[[BT:.+]] = tensor.extract %[[BETA]][%[[B]], %[[S]], %[[T]]] : tensor<1x8x50xf32>
// CHECK:             %[[FIRSTK:[a-zA-Z0-9_]+]]:2 = scf.for %[[KK:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C32]] step %[[C1]] iter_args(%[[SK:[a-zA-Z0-9_]+]] = %[[COLS]], %[[KS:[a-zA-Z0-9_]+]] = %[[ZERO]]) -> (tensor<32xf32>, f32) {
// CHECK-NEXT:          %[[SV:.+]] = tensor.extract %[[SK]][%[[KK]]] : tensor<32xf32>
// CHECK-NEXT:          %[[DS:.+]] = arith.mulf %[[DECAY]], %[[SV]] : f32
// CHECK-NEXT:          %[[DINS:.+]] = tensor.insert %[[DS]] into %[[SK]][%[[KK]]] : tensor<32xf32>
// CHECK-NEXT:          %[[KV:.+]] = tensor.extract %[[K]][%[[B]], %[[KH]], %[[T]], %[[KK]]] : tensor<1x4x50x32xf32>
// CHECK-NEXT:          %[[KDS:.+]] = arith.mulf %[[KV]], %[[DS]] : f32
// CHECK-NEXT:          %[[KSUM:.+]] = arith.addf %[[KS]], %[[KDS]] : f32
// CHECK-NEXT:          scf.yield %[[DINS]], %[[KSUM]] : tensor<32xf32>, f32
// CHECK-NEXT:        }
// CHECK-NEXT:        %[[ERR:.+]] = arith.subf %[[VT]], %[[FIRSTK]]#1 : f32
// CHECK-NEXT:        %[[CORR:.+]] = arith.mulf %[[BT]], %[[ERR]] : f32
// CHECK:             %[[UPD:.+]] = scf.for %[[KK1:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C32]] step %[[C1]] iter_args(%[[SK1:[a-zA-Z0-9_]+]] = %[[FIRSTK]]#0) -> (tensor<32xf32>) {
// CHECK-NEXT:          %[[SV1:.+]] = tensor.extract %[[SK1]][%[[KK1]]] : tensor<32xf32>
// CHECK-NEXT:          %[[KV1:.+]] = tensor.extract %[[K]][%[[B]], %[[KH]], %[[T]], %[[KK1]]] : tensor<1x4x50x32xf32>
// CHECK-NEXT:          %[[KC:.+]] = arith.mulf %[[KV1]], %[[CORR]] : f32
// CHECK-NEXT:          %[[NEXT:.+]] = arith.addf %[[SV1]], %[[KC]] : f32
// CHECK-NEXT:          %[[INS:.+]] = tensor.insert %[[NEXT]] into %[[SK1]][%[[KK1]]] : tensor<32xf32>
// CHECK-NEXT:          scf.yield %[[INS]] : tensor<32xf32>
// CHECK-NEXT:        }
// CHECK-NEXT:        %[[QH:.+]] = arith.divui %[[S]], %[[C2]] : index
// CHECK:             %[[DOT:.+]] = scf.for %[[KK2:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C32]] step %[[C1]] iter_args(%[[ACC:[a-zA-Z0-9_]+]] = %[[ZERO]]) -> (f32) {
// CHECK-NEXT:          %[[SN:.+]] = tensor.extract %[[UPD]][%[[KK2]]] : tensor<32xf32>
// CHECK-NEXT:          %[[QV:.+]] = tensor.extract %[[Q]][%[[B]], %[[QH]], %[[T]], %[[KK2]]] : tensor<1x4x50x32xf32>
// CHECK-NEXT:          %[[QS:.+]] = arith.mulf %[[QV]], %[[SN]] : f32
// CHECK-NEXT:          %[[SUM:.+]] = arith.addf %[[ACC]], %[[QS]] : f32
// CHECK-NEXT:          scf.yield %[[SUM]] : f32
// CHECK-NEXT:        }
// CHECK-NEXT:        %[[ONEW:.+]] = tensor.insert %[[DOT]] into %[[OS]][%{{[a-zA-Z0-9_]+}}, %{{[a-zA-Z0-9_]+}}, %[[T]], %{{[a-zA-Z0-9_]+}}] : tensor<1x1x50x1xf32>
// CHECK-NEXT:        scf.yield %[[UPD]], %[[ONEW]] : tensor<32xf32>, tensor<1x1x50x1xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:      scf.forall.in_parallel {
// CHECK-NEXT:        tensor.parallel_insert_slice %[[T0]]#1 into %[[SO]][%[[B]], %[[S]], 0, %[[COL]]] [1, 1, 50, 1] [1, 1, 1, 1] : tensor<1x1x50x1xf32> into tensor<1x8x50x64xf32>
// CHECK-NEXT:        tensor.parallel_insert_slice %[[T0]]#0 into %[[SF]][%[[B]], %[[S]], 0, %[[COL]]] [1, 1, 32, 1] [1, 1, 1, 1] : tensor<32xf32> into tensor<1x8x32x64xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    return %[[R]]#0, %[[R]]#1 : tensor<1x8x50x64xf32>, tensor<1x8x32x64xf32>
// CHECK-NOT:     seq.

// LOOPS-LABEL: func.func @linear_attention_gated_delta
// LOOPS-NOT:     seq.
// LOOPS:         scf.forall (
// LOOPS-NOT:     scf.forall (
// LOOPS-NOT:     scf.for
// LOOPS:         scf.for {{.+}} to %c50 step
// LOOPS:         scf.for {{.+}} to %c32 step
// LOOPS:         scf.for {{.+}} to %c32 step
// LOOPS:         scf.for {{.+}} to %c32 step
// LOOPS-NOT:     scf.forall (
// LOOPS-NOT:     scf.for
// LOOPS:         scf.forall.in_parallel
// LOOPS-NOT:     seq.
// LOOPS:         return
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

// DeltaNet decode step (no decay): no time loop; the first K loop only
// forms k . S, then the correction loop; the output is a [1, 1, 1] slab of
// `out` and the new state column goes to `new_state`.
// CHECK-LABEL: func.func @linear_attention_step_delta
// CHECK-SAME:    (%[[Q:[a-zA-Z0-9_]+]]: tensor<2x4x32xf32>, %[[K:[a-zA-Z0-9_]+]]: tensor<2x4x32xf32>, %[[V:[a-zA-Z0-9_]+]]: tensor<2x4x16xf32>, %[[BETA:[a-zA-Z0-9_]+]]: tensor<2x4xf32>, %[[ST:[a-zA-Z0-9_]+]]: tensor<2x4x32x16xf32>)
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG:     %[[C32:.+]] = arith.constant 32 : index
// CHECK-DAG:     %[[SCALE:.+]] = arith.constant 0.176776692 : f32
// CHECK:         %[[OUT:.+]] = tensor.empty() : tensor<2x4x16xf32>
// CHECK:         %[[NS:.+]] = tensor.empty() : tensor<2x4x32x16xf32>
// CHECK:         %[[R:[a-zA-Z0-9_]+]]:2 = scf.forall (%[[B:[a-zA-Z0-9_]+]], %[[S:[a-zA-Z0-9_]+]], %[[COL:[a-zA-Z0-9_]+]]) in (2, 4, 16) shared_outs(%[[SO:[a-zA-Z0-9_]+]] = %[[OUT]], %[[SS:[a-zA-Z0-9_]+]] = %[[NS]]) -> (tensor<2x4x16xf32>, tensor<2x4x32x16xf32>) {
// CHECK:           %[[COLS:.+]] = tensor.extract_slice %[[ST]][%[[B]], %[[S]], 0, %[[COL]]] [1, 1, 32, 1] [1, 1, 1, 1] : tensor<2x4x32x16xf32> to tensor<32xf32>
// CHECK-NEXT:      %[[VT:.+]] = tensor.extract %[[V]][%[[B]], %[[S]], %[[COL]]] : tensor<2x4x16xf32>
// CHECK-NEXT:      %[[BT:.+]] = tensor.extract %[[BETA]][%[[B]], %[[S]]] : tensor<2x4xf32>
// CHECK:           %[[FIRSTK:[a-zA-Z0-9_]+]]:2 = scf.for %[[KK:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C32]] step %[[C1]] iter_args(%[[SK:[a-zA-Z0-9_]+]] = %[[COLS]], %[[KS:[a-zA-Z0-9_]+]] = %[[ZERO]]) -> (tensor<32xf32>, f32) {
// CHECK-NEXT:        %[[SV:.+]] = tensor.extract %[[SK]][%[[KK]]] : tensor<32xf32>
// CHECK-NEXT:        %[[SAME:.+]] = tensor.insert %[[SV]] into %[[SK]][%[[KK]]] : tensor<32xf32>
// CHECK-NEXT:        %[[KV:.+]] = tensor.extract %[[K]][%[[B]], %[[S]], %[[KK]]] : tensor<2x4x32xf32>
// CHECK-NEXT:        %[[KDS:.+]] = arith.mulf %[[KV]], %[[SV]] : f32
// CHECK-NEXT:        %[[KSUM:.+]] = arith.addf %[[KS]], %[[KDS]] : f32
// CHECK-NEXT:        scf.yield %[[SAME]], %[[KSUM]] : tensor<32xf32>, f32
// CHECK-NEXT:      }
// CHECK-NEXT:      %[[ERR:.+]] = arith.subf %[[VT]], %[[FIRSTK]]#1 : f32
// CHECK-NEXT:      %[[CORR:.+]] = arith.mulf %[[BT]], %[[ERR]] : f32
// CHECK:           %[[UPD:.+]] = scf.for %[[KK1:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C32]] step %[[C1]] iter_args(%[[SK1:[a-zA-Z0-9_]+]] = %[[FIRSTK]]#0) -> (tensor<32xf32>) {
// CHECK-NEXT:        %[[SV1:.+]] = tensor.extract %[[SK1]][%[[KK1]]] : tensor<32xf32>
// CHECK-NEXT:        %[[KV1:.+]] = tensor.extract %[[K]][%[[B]], %[[S]], %[[KK1]]] : tensor<2x4x32xf32>
// CHECK-NEXT:        %[[KC:.+]] = arith.mulf %[[KV1]], %[[CORR]] : f32
// CHECK-NEXT:        %[[NEXT:.+]] = arith.addf %[[SV1]], %[[KC]] : f32
// CHECK-NEXT:        %[[INS:.+]] = tensor.insert %[[NEXT]] into %[[SK1]][%[[KK1]]] : tensor<32xf32>
// CHECK-NEXT:        scf.yield %[[INS]] : tensor<32xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:      %[[SLAB:.+]] = tensor.extract_slice %[[SO]][%[[B]], %[[S]], %[[COL]]] [1, 1, 1] [1, 1, 1] : tensor<2x4x16xf32> to tensor<1x1x1xf32>
// CHECK:           %[[DOT:.+]] = scf.for %[[KK2:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C32]] step %[[C1]] iter_args(%[[ACC:[a-zA-Z0-9_]+]] = %[[ZERO]]) -> (f32) {
// CHECK-NEXT:        %[[SN:.+]] = tensor.extract %[[UPD]][%[[KK2]]] : tensor<32xf32>
// CHECK-NEXT:        %[[QV:.+]] = tensor.extract %[[Q]][%[[B]], %[[S]], %[[KK2]]] : tensor<2x4x32xf32>
// CHECK-NEXT:        %[[QS:.+]] = arith.mulf %[[QV]], %[[SN]] : f32
// CHECK-NEXT:        %[[SUM:.+]] = arith.addf %[[ACC]], %[[QS]] : f32
// CHECK-NEXT:        scf.yield %[[SUM]] : f32
// CHECK-NEXT:      }
// CHECK-NEXT:      %[[O:.+]] = arith.mulf %[[DOT]], %[[SCALE]] : f32
// CHECK:           %[[ONEW:.+]] = tensor.insert %[[O]] into %[[SLAB]][%{{[a-zA-Z0-9_]+}}, %{{[a-zA-Z0-9_]+}}, %{{[a-zA-Z0-9_]+}}] : tensor<1x1x1xf32>
// CHECK-NEXT:      scf.forall.in_parallel {
// CHECK-NEXT:        tensor.parallel_insert_slice %[[ONEW]] into %[[SO]][%[[B]], %[[S]], %[[COL]]] [1, 1, 1] [1, 1, 1] : tensor<1x1x1xf32> into tensor<2x4x16xf32>
// CHECK-NEXT:        tensor.parallel_insert_slice %[[UPD]] into %[[SS]][%[[B]], %[[S]], 0, %[[COL]]] [1, 1, 32, 1] [1, 1, 1, 1] : tensor<32xf32> into tensor<2x4x32x16xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    return %[[R]]#0, %[[R]]#1 : tensor<2x4x16xf32>, tensor<2x4x32x16xf32>
// CHECK-NOT:     seq.

// LOOPS-LABEL: func.func @linear_attention_step_delta
// LOOPS-NOT:     seq.
// LOOPS:         scf.forall (
// LOOPS-NOT:     scf.forall (
// LOOPS-NOT:     scf.for
// LOOPS:         scf.for {{.+}} to %c32 step
// LOOPS-NOT:     scf.for
// LOOPS:         scf.for {{.+}} to %c32 step
// LOOPS-NOT:     scf.for
// LOOPS:         scf.for {{.+}} to %c32 step
// LOOPS-NOT:     scf.forall (
// LOOPS-NOT:     scf.for
// LOOPS-NOT:     math.exp
// LOOPS:         scf.forall.in_parallel
// LOOPS-NOT:     seq.
// LOOPS:         return
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

// GLA decode step with grouped-query heads: the gate is [B, Hs, K], exp
// inside the K loop; each state writes its 4 output heads through a loop.
// CHECK-LABEL: func.func @linear_attention_step_vector_grouped_query
// CHECK-SAME:    (%[[Q:[a-zA-Z0-9_]+]]: tensor<2x8x16xf32>, %[[K:[a-zA-Z0-9_]+]]: tensor<2x2x16xf32>, %[[V:[a-zA-Z0-9_]+]]: tensor<2x2x8xf32>, %[[GATE:[a-zA-Z0-9_]+]]: tensor<2x2x16xf32>, %[[ST:[a-zA-Z0-9_]+]]: tensor<2x2x16x8xf32>)
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG:     %[[C4:.+]] = arith.constant 4 : index
// CHECK-DAG:     %[[C16:.+]] = arith.constant 16 : index
// CHECK-DAG:     %[[SCALE:.+]] = arith.constant 2.500000e-01 : f32
// CHECK:         %[[OUT:.+]] = tensor.empty() : tensor<2x8x8xf32>
// CHECK:         %[[NS:.+]] = tensor.empty() : tensor<2x2x16x8xf32>
// CHECK:         %[[R:[a-zA-Z0-9_]+]]:2 = scf.forall (%[[B:[a-zA-Z0-9_]+]], %[[S:[a-zA-Z0-9_]+]], %[[COL:[a-zA-Z0-9_]+]]) in (2, 2, 8) shared_outs(%[[SO:[a-zA-Z0-9_]+]] = %[[OUT]], %[[SS:[a-zA-Z0-9_]+]] = %[[NS]]) -> (tensor<2x8x8xf32>, tensor<2x2x16x8xf32>) {
// CHECK-NEXT:      %[[FIRST:.+]] = arith.muli %[[S]], %[[C4]] : index
// CHECK-NEXT:      %[[COLS:.+]] = tensor.extract_slice %[[ST]][%[[B]], %[[S]], 0, %[[COL]]] [1, 1, 16, 1] [1, 1, 1, 1] : tensor<2x2x16x8xf32> to tensor<16xf32>
// CHECK-NEXT:      %[[VT:.+]] = tensor.extract %[[V]][%[[B]], %[[S]], %[[COL]]] : tensor<2x2x8xf32>
// CHECK:           %[[UPD:.+]] = scf.for %[[KK:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C16]] step %[[C1]] iter_args(%[[SK:[a-zA-Z0-9_]+]] = %[[COLS]]) -> (tensor<16xf32>) {
// CHECK-NEXT:        %[[SV:.+]] = tensor.extract %[[SK]][%[[KK]]] : tensor<16xf32>
// CHECK-NEXT:        %[[LOGD:.+]] = tensor.extract %[[GATE]][%[[B]], %[[S]], %[[KK]]] : tensor<2x2x16xf32>
// CHECK-NEXT:        %[[DECAY:.+]] = math.exp %[[LOGD]] : f32
// CHECK-NEXT:        %[[DS:.+]] = arith.mulf %[[DECAY]], %[[SV]] : f32
// CHECK-NEXT:        %[[KV:.+]] = tensor.extract %[[K]][%[[B]], %[[S]], %[[KK]]] : tensor<2x2x16xf32>
// CHECK-NEXT:        %[[KVV:.+]] = arith.mulf %[[KV]], %[[VT]] : f32
// CHECK-NEXT:        %[[NEXT:.+]] = arith.addf %[[DS]], %[[KVV]] : f32
// CHECK-NEXT:        %[[INS:.+]] = tensor.insert %[[NEXT]] into %[[SK]][%[[KK]]] : tensor<16xf32>
// CHECK-NEXT:        scf.yield %[[INS]] : tensor<16xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:      %[[SLAB:.+]] = tensor.extract_slice %[[SO]][%[[B]], %[[FIRST]], %[[COL]]] [1, 4, 1] [1, 1, 1] : tensor<2x8x8xf32> to tensor<1x4x1xf32>
// CHECK:           %[[HEADS:.+]] = scf.for %[[OO:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C4]] step %[[C1]] iter_args(%[[OSI:[a-zA-Z0-9_]+]] = %[[SLAB]]) -> (tensor<1x4x1xf32>) {
// CHECK-NEXT:        %[[QH:.+]] = arith.addi %[[FIRST]], %[[OO]] : index
// CHECK:             %[[DOT:.+]] = scf.for %[[KK2:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C16]] step %[[C1]] iter_args(%[[ACC:[a-zA-Z0-9_]+]] = %[[ZERO]]) -> (f32) {
// CHECK-NEXT:          %[[SN:.+]] = tensor.extract %[[UPD]][%[[KK2]]] : tensor<16xf32>
// CHECK-NEXT:          %[[QV:.+]] = tensor.extract %[[Q]][%[[B]], %[[QH]], %[[KK2]]] : tensor<2x8x16xf32>
// CHECK-NEXT:          %[[QS:.+]] = arith.mulf %[[QV]], %[[SN]] : f32
// CHECK-NEXT:          %[[SUM:.+]] = arith.addf %[[ACC]], %[[QS]] : f32
// CHECK-NEXT:          scf.yield %[[SUM]] : f32
// CHECK-NEXT:        }
// CHECK-NEXT:        %[[O:.+]] = arith.mulf %[[DOT]], %[[SCALE]] : f32
// CHECK:             %[[ONEW:.+]] = tensor.insert %[[O]] into %[[OSI]][%[[Z:[a-zA-Z0-9_]+]], %[[OO]], %[[Z]]] : tensor<1x4x1xf32>
// CHECK-NEXT:        scf.yield %[[ONEW]] : tensor<1x4x1xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:      scf.forall.in_parallel {
// CHECK-NEXT:        tensor.parallel_insert_slice %[[HEADS]] into %[[SO]][%[[B]], %[[FIRST]], %[[COL]]] [1, 4, 1] [1, 1, 1] : tensor<1x4x1xf32> into tensor<2x8x8xf32>
// CHECK-NEXT:        tensor.parallel_insert_slice %[[UPD]] into %[[SS]][%[[B]], %[[S]], 0, %[[COL]]] [1, 1, 16, 1] [1, 1, 1, 1] : tensor<16xf32> into tensor<2x2x16x8xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    return %[[R]]#0, %[[R]]#1 : tensor<2x8x8xf32>, tensor<2x2x16x8xf32>
// CHECK-NOT:     seq.

// LOOPS-LABEL: func.func @linear_attention_step_vector_grouped_query
// LOOPS-NOT:     seq.
// LOOPS:         scf.forall (
// LOOPS-NOT:     scf.forall (
// LOOPS-NOT:     scf.for
// LOOPS:         scf.for {{.+}} to %c16 step
// LOOPS-NOT:     scf.for
// LOOPS:         scf.for {{.+}} to %c4 step
// LOOPS-NOT:     scf.for
// LOOPS:         scf.for {{.+}} to %c16 step
// LOOPS-NOT:     scf.forall (
// LOOPS-NOT:     scf.for
// LOOPS:         scf.forall.in_parallel
// LOOPS-NOT:     seq.
// LOOPS:         return
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
