// convert-seq-to-linalg on seq.selective_scan, seq.selective_scan_step,
// seq.ssd and seq.ssd_step (ScanToLoops.cpp): one scf.forall over the
// independent rows, the time recurrence as the one scf.for over L inside it,
// and the state update h = exp(dt * A) * h + dt * B * x, y = C . h as a loop
// over N.
// RUN: seqc-opt %s --split-input-file --convert-seq-to-linalg | FileCheck %s
// RUN: seqc-opt %s --split-input-file --convert-seq-to-linalg | FileCheck %s --check-prefix=LOOPS

// Mamba-1 with every operand: G = 2 groups of time-varying B and C over
// D = 8 channels (channel d reads group d / (8 / 2)), delta_bias then
// softplus, D skip, silu(z) gate, an initial state and the final state.
// CHECK-LABEL: func.func @selective_scan_grouped
// CHECK-SAME:    (%[[U:[a-zA-Z0-9_]+]]: tensor<2x8x33xf32>, %[[DELTA:[a-zA-Z0-9_]+]]: tensor<2x8x33xf32>, %[[A:[a-zA-Z0-9_]+]]: tensor<8x16xf32>, %[[BM:[a-zA-Z0-9_]+]]: tensor<2x2x16x33xf32>, %[[CM:[a-zA-Z0-9_]+]]: tensor<2x2x16x33xf32>, %[[DS:[a-zA-Z0-9_]+]]: tensor<8xf32>, %[[Z:[a-zA-Z0-9_]+]]: tensor<2x8x33xf32>, %[[DB:[a-zA-Z0-9_]+]]: tensor<8xf32>, %[[H0:[a-zA-Z0-9_]+]]: tensor<2x8x16xf32>)
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG:     %[[ONE:.+]] = arith.constant 1.000000e+00 : f32
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG:     %[[TWENTY:.+]] = arith.constant 2.000000e+01 : f32
// CHECK-DAG:     %[[C4:.+]] = arith.constant 4 : index
// CHECK-DAG:     %[[C33:.+]] = arith.constant 33 : index
// CHECK-DAG:     %[[C16:.+]] = arith.constant 16 : index
// B and C are read time-major, so the state loop walks them contiguously.
// CHECK:         %[[BT:.+]] = linalg.transpose ins(%[[BM]] : tensor<2x2x16x33xf32>) outs(%{{.+}} : tensor<2x2x33x16xf32>) permutation = [0, 1, 3, 2]
// CHECK:         %[[CT:.+]] = linalg.transpose ins(%[[CM]] : tensor<2x2x16x33xf32>) outs(%{{.+}} : tensor<2x2x33x16xf32>) permutation = [0, 1, 3, 2]
// CHECK:         %[[OUT:.+]] = tensor.empty() : tensor<2x8x33xf32>
// CHECK:         %[[FIN:.+]] = tensor.empty() : tensor<2x8x16xf32>
// CHECK:         %[[R:[a-zA-Z0-9_]+]]:2 = scf.forall (%[[B:[a-zA-Z0-9_]+]], %[[D:[a-zA-Z0-9_]+]]) in (2, 8) shared_outs(%[[SO:[a-zA-Z0-9_]+]] = %[[OUT]], %[[SF:[a-zA-Z0-9_]+]] = %[[FIN]]) -> (tensor<2x8x33xf32>, tensor<2x8x16xf32>) {
// CHECK:           %[[G:.+]] = arith.divui %[[D]], %[[C4]] : index
// CHECK:           %[[STATE:.+]] = tensor.extract_slice %[[H0]][%[[B]], %[[D]], 0] [1, 1, 16] [1, 1, 1] : tensor<2x8x16xf32> to tensor<16xf32>
// CHECK:           %[[ROW:.+]] = tensor.extract_slice %[[SO]][%[[B]], %[[D]], 0] [1, 1, 33] [1, 1, 1] : tensor<2x8x33xf32> to tensor<33xf32>
// CHECK:           %[[SKIP:.+]] = tensor.extract %[[DS]][%[[D]]] : tensor<8xf32>
// CHECK:           %[[BIAS:.+]] = tensor.extract %[[DB]][%[[D]]] : tensor<8xf32>
// CHECK:           %[[T0:.+]]:2 = scf.for %[[T:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C33]] step %[[C1]] iter_args(%[[H:[a-zA-Z0-9_]+]] = %[[STATE]], %[[Y:[a-zA-Z0-9_]+]] = %[[ROW]]) -> (tensor<16xf32>, tensor<33xf32>) {
// CHECK:             %[[X:.+]] = tensor.extract %[[U]][%[[B]], %[[D]], %[[T]]] : tensor<2x8x33xf32>
// CHECK:             %[[DTRAW:.+]] = tensor.extract %[[DELTA]][%[[B]], %[[D]], %[[T]]] : tensor<2x8x33xf32>
// CHECK:             %[[DTB:.+]] = arith.addf %[[DTRAW]], %[[BIAS]] : f32
// CHECK:             %[[LARGE:.+]] = arith.cmpf ogt, %[[DTB]], %[[TWENTY]] : f32
// CHECK:             %[[SAFE:.+]] = arith.select %[[LARGE]], %[[ZERO]], %[[DTB]] : f32
// CHECK:             %[[ESAFE:.+]] = math.exp %[[SAFE]] : f32
// CHECK:             %[[SMOOTH:.+]] = math.log1p %[[ESAFE]] : f32
// CHECK:             %[[DT:.+]] = arith.select %[[LARGE]], %[[DTB]], %[[SMOOTH]] : f32
// CHECK:             %[[DTX:.+]] = arith.mulf %[[DT]], %[[X]] : f32
// CHECK:             %[[N0:[a-zA-Z0-9_]+]]:2 = scf.for %[[N:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C16]] step %[[C1]] iter_args(%[[HN:[a-zA-Z0-9_]+]] = %[[H]], %[[ACC:[a-zA-Z0-9_]+]] = %[[ZERO]]) -> (tensor<16xf32>, f32) {
// CHECK:               %[[AN:.+]] = tensor.extract %[[A]][%[[D]], %[[N]]] : tensor<8x16xf32>
// CHECK:               %[[DTA:.+]] = arith.mulf %[[DT]], %[[AN]] : f32
// CHECK:               %[[DECAY:.+]] = math.exp %[[DTA]] : f32
// CHECK:               %[[PREV:.+]] = tensor.extract %[[HN]][%[[N]]] : tensor<16xf32>
// CHECK:               %[[BN:.+]] = tensor.extract %[[BT]][%[[B]], %[[G]], %[[T]], %[[N]]] : tensor<2x2x33x16xf32>
// CHECK:               %[[IN:.+]] = arith.mulf %[[BN]], %[[DTX]] : f32
// CHECK:               %[[KEPT:.+]] = arith.mulf %[[DECAY]], %[[PREV]] : f32
// CHECK:               %[[NEXT:.+]] = arith.addf %[[KEPT]], %[[IN]] : f32
// CHECK:               %[[HNEW:.+]] = tensor.insert %[[NEXT]] into %[[HN]][%[[N]]] : tensor<16xf32>
// CHECK:               %[[CN:.+]] = tensor.extract %[[CT]][%[[B]], %[[G]], %[[T]], %[[N]]] : tensor<2x2x33x16xf32>
// CHECK:               %[[CH:.+]] = arith.mulf %[[CN]], %[[NEXT]] : f32
// CHECK:               %[[SUM:.+]] = arith.addf %[[ACC]], %[[CH]] fastmath<reassoc> : f32
// CHECK:               scf.yield %[[HNEW]], %[[SUM]] : tensor<16xf32>, f32
// CHECK:             }
// CHECK:             %[[DX:.+]] = arith.mulf %[[SKIP]], %[[X]] : f32
// CHECK:             %[[YD:.+]] = arith.addf %[[N0]]#1, %[[DX]] : f32
// CHECK:             %[[ZT:.+]] = tensor.extract %[[Z]][%[[B]], %[[D]], %[[T]]] : tensor<2x8x33xf32>
// CHECK:             %[[NEG:.+]] = arith.negf %[[ZT]] : f32
// CHECK:             %[[EN:.+]] = math.exp %[[NEG]] : f32
// CHECK:             %[[DEN:.+]] = arith.addf %[[EN]], %[[ONE]] : f32
// CHECK:             %[[SIG:.+]] = arith.divf %[[ONE]], %[[DEN]] : f32
// CHECK:             %[[SILU:.+]] = arith.mulf %[[ZT]], %[[SIG]] : f32
// CHECK:             %[[OUTT:.+]] = arith.mulf %[[YD]], %[[SILU]] : f32
// CHECK:             %[[YNEW:.+]] = tensor.insert %[[OUTT]] into %[[Y]][%[[T]]] : tensor<33xf32>
// CHECK:             scf.yield %[[N0]]#0, %[[YNEW]] : tensor<16xf32>, tensor<33xf32>
// CHECK:           }
// CHECK:           scf.forall.in_parallel {
// CHECK-NEXT:        tensor.parallel_insert_slice %[[T0]]#1 into %[[SO]][%[[B]], %[[D]], 0] [1, 1, 33] [1, 1, 1] : tensor<33xf32> into tensor<2x8x33xf32>
// CHECK-NEXT:        tensor.parallel_insert_slice %[[T0]]#0 into %[[SF]][%[[B]], %[[D]], 0] [1, 1, 16] [1, 1, 1] : tensor<16xf32> into tensor<2x8x16xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    return %[[R]]#0, %[[R]]#1 : tensor<2x8x33xf32>, tensor<2x8x16xf32>
// CHECK-NOT:     seq.

// LOOPS-LABEL: func.func @selective_scan_grouped
// LOOPS-NOT:     seq.
// LOOPS:         scf.forall (
// LOOPS-NOT:     scf.forall (
// LOOPS-NOT:     to %c33 step
// LOOPS:         scf.for {{.+}} to %c33 step
// LOOPS-NOT:     scf.forall (
// LOOPS-NOT:     to %c33 step
// LOOPS:         scf.for {{.+}} to %c16 step
// LOOPS-NOT:     scf.forall (
// LOOPS-NOT:     to %c33 step
// LOOPS-NOT:     scf.for
// LOOPS:         scf.forall.in_parallel
// LOOPS-NOT:     seq.
// LOOPS:         return
func.func @selective_scan_grouped(
    %u: tensor<2x8x33xf32>, %delta: tensor<2x8x33xf32>, %A: tensor<8x16xf32>,
    %B: tensor<2x2x16x33xf32>, %C: tensor<2x2x16x33xf32>, %D: tensor<8xf32>,
    %z: tensor<2x8x33xf32>, %bias: tensor<8xf32>, %h0: tensor<2x8x16xf32>)
    -> (tensor<2x8x33xf32>, tensor<2x8x16xf32>) {
  %y, %h = seq.selective_scan %u, %delta, %A, %B, %C D(%D) z(%z)
      delta_bias(%bias) initial_state(%h0) {delta_softplus}
      : (tensor<2x8x33xf32>, tensor<2x8x33xf32>, tensor<8x16xf32>,
         tensor<2x2x16x33xf32>, tensor<2x2x16x33xf32>, tensor<8xf32>,
         tensor<2x8x33xf32>, tensor<8xf32>, tensor<2x8x16xf32>)
      -> (tensor<2x8x33xf32>, tensor<2x8x16xf32>)
  return %y, %h : tensor<2x8x33xf32>, tensor<2x8x16xf32>
}

// -----

// Time-invariant B and C ([D, N], read per channel), nothing optional: no
// group index, no softplus, no D skip, no gate, the state starts at zero,
// one shared output. bf16 data is extended to f32 on every load and the
// f32 state never leaves the loop; y is truncated back to bf16.
// CHECK-LABEL: func.func @selective_scan_time_invariant
// CHECK-SAME:    (%[[U:[a-zA-Z0-9_]+]]: tensor<1x4x5xbf16>, %[[A:[a-zA-Z0-9_]+]]: tensor<4x16xf32>, %[[BC:[a-zA-Z0-9_]+]]: tensor<4x16xbf16>)
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG:     %[[C5:.+]] = arith.constant 5 : index
// CHECK-DAG:     %[[C16:.+]] = arith.constant 16 : index
// CHECK:         %[[OUT:.+]] = tensor.empty() : tensor<1x4x5xbf16>
// CHECK:         %[[R:.+]] = scf.forall (%[[B:[a-zA-Z0-9_]+]], %[[D:[a-zA-Z0-9_]+]]) in (1, 4) shared_outs(%[[SO:[a-zA-Z0-9_]+]] = %[[OUT]]) -> (tensor<1x4x5xbf16>) {
// CHECK-NEXT:      %[[E:.+]] = tensor.empty() : tensor<16xf32>
// CHECK-NEXT:      %[[STATE:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[E]] : tensor<16xf32>) -> tensor<16xf32>
// CHECK:           %[[ROW:.+]] = tensor.extract_slice %[[SO]][%[[B]], %[[D]], 0] [1, 1, 5] [1, 1, 1] : tensor<1x4x5xbf16> to tensor<5xbf16>
// CHECK:           %[[T0:[a-zA-Z0-9_]+]]:2 = scf.for %[[T:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C5]] step %[[C1]] iter_args(%[[H:[a-zA-Z0-9_]+]] = %[[STATE]], %[[Y:[a-zA-Z0-9_]+]] = %[[ROW]]) -> (tensor<16xf32>, tensor<5xbf16>) {
// CHECK:             %[[XB:.+]] = tensor.extract %[[U]][%[[B]], %[[D]], %[[T]]] : tensor<1x4x5xbf16>
// CHECK:             %[[X:.+]] = arith.extf %[[XB]] : bf16 to f32
// CHECK:             %[[DTB:.+]] = tensor.extract %[[U]][%[[B]], %[[D]], %[[T]]] : tensor<1x4x5xbf16>
// CHECK:             %[[DT:.+]] = arith.extf %[[DTB]] : bf16 to f32
// CHECK:             %[[DTX:.+]] = arith.mulf %[[DT]], %[[X]] : f32
// CHECK:             %[[N0:[a-zA-Z0-9_]+]]:2 = scf.for %[[N:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C16]] step %[[C1]] iter_args(%[[HN:[a-zA-Z0-9_]+]] = %[[H]], %[[ACC:[a-zA-Z0-9_]+]] = %[[ZERO]]) -> (tensor<16xf32>, f32) {
// CHECK:               %[[AN:.+]] = tensor.extract %[[A]][%[[D]], %[[N]]] : tensor<4x16xf32>
// CHECK:               %[[DTA:.+]] = arith.mulf %[[DT]], %[[AN]] : f32
// CHECK:               %[[DECAY:.+]] = math.exp %[[DTA]] : f32
// CHECK:               %[[PREV:.+]] = tensor.extract %[[HN]][%[[N]]] : tensor<16xf32>
// CHECK:               %[[BNB:.+]] = tensor.extract %[[BC]][%[[D]], %[[N]]] : tensor<4x16xbf16>
// CHECK:               %[[BN:.+]] = arith.extf %[[BNB]] : bf16 to f32
// CHECK:               %[[IN:.+]] = arith.mulf %[[BN]], %[[DTX]] : f32
// CHECK:               %[[KEPT:.+]] = arith.mulf %[[DECAY]], %[[PREV]] : f32
// CHECK:               %[[NEXT:.+]] = arith.addf %[[KEPT]], %[[IN]] : f32
// CHECK:               %[[HNEW:.+]] = tensor.insert %[[NEXT]] into %[[HN]][%[[N]]] : tensor<16xf32>
// CHECK:               %[[CNB:.+]] = tensor.extract %[[BC]][%[[D]], %[[N]]] : tensor<4x16xbf16>
// CHECK:               %[[CN:.+]] = arith.extf %[[CNB]] : bf16 to f32
// CHECK:               %[[CH:.+]] = arith.mulf %[[CN]], %[[NEXT]] : f32
// CHECK:               %[[SUM:.+]] = arith.addf %[[ACC]], %[[CH]] fastmath<reassoc> : f32
// CHECK:               scf.yield %[[HNEW]], %[[SUM]] : tensor<16xf32>, f32
// CHECK:             }
// CHECK-NEXT:        %[[YT:.+]] = arith.truncf %[[N0]]#1 : f32 to bf16
// CHECK-NEXT:        %[[YNEW:.+]] = tensor.insert %[[YT]] into %[[Y]][%[[T]]] : tensor<5xbf16>
// CHECK-NEXT:        scf.yield %[[N0]]#0, %[[YNEW]] : tensor<16xf32>, tensor<5xbf16>
// CHECK-NEXT:      }
// CHECK-NEXT:      scf.forall.in_parallel {
// CHECK-NEXT:        tensor.parallel_insert_slice %[[T0]]#1 into %[[SO]][%[[B]], %[[D]], 0] [1, 1, 5] [1, 1, 1] : tensor<5xbf16> into tensor<1x4x5xbf16>
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    return %[[R]] : tensor<1x4x5xbf16>
// CHECK-NOT:     seq.

// LOOPS-LABEL: func.func @selective_scan_time_invariant
// LOOPS-NOT:     seq.
// LOOPS:         scf.forall (
// LOOPS-NOT:     scf.forall (
// LOOPS-NOT:     arith.divui
// LOOPS-NOT:     to %c5 step
// LOOPS:         scf.for {{.+}} to %c5 step
// LOOPS-NOT:     scf.forall (
// LOOPS-NOT:     to %c5 step
// LOOPS-NOT:     arith.cmpf
// LOOPS-NOT:     math.log1p
// LOOPS-NOT:     arith.negf
// LOOPS-NOT:     arith.divf
// LOOPS:         scf.forall.in_parallel
// LOOPS-NOT:     seq.
// LOOPS:         return
func.func @selective_scan_time_invariant(
    %u: tensor<1x4x5xbf16>, %A: tensor<4x16xf32>, %B: tensor<4x16xbf16>)
    -> tensor<1x4x5xbf16> {
  %y = seq.selective_scan %u, %u, %A, %B, %B
      : (tensor<1x4x5xbf16>, tensor<1x4x5xbf16>, tensor<4x16xf32>,
         tensor<4x16xbf16>, tensor<4x16xbf16>) -> tensor<1x4x5xbf16>
  return %y : tensor<1x4x5xbf16>
}

// -----

// Only C is time-varying: the group count comes from C ([B, G, N, L]), B is
// read per channel.
// CHECK-LABEL: func.func @selective_scan_only_c_varying
// CHECK-SAME:    (%[[U:[a-zA-Z0-9_]+]]: tensor<2x8x7xf32>, %[[A:[a-zA-Z0-9_]+]]: tensor<8x4xf32>, %[[BM:[a-zA-Z0-9_]+]]: tensor<8x4xf32>, %[[CM:[a-zA-Z0-9_]+]]: tensor<2x2x4x7xf32>)
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG:     %[[C7:.+]] = arith.constant 7 : index
// CHECK-DAG:     %[[C4:.+]] = arith.constant 4 : index
// CHECK:         %[[CT:.+]] = linalg.transpose ins(%[[CM]] : tensor<2x2x4x7xf32>) outs(%{{.+}} : tensor<2x2x7x4xf32>) permutation = [0, 1, 3, 2]
// CHECK:         %[[OUT:.+]] = tensor.empty() : tensor<2x8x7xf32>
// CHECK-NEXT:    %[[R:.+]] = scf.forall (%[[B:[a-zA-Z0-9_]+]], %[[D:[a-zA-Z0-9_]+]]) in (2, 8) shared_outs(%[[SO:[a-zA-Z0-9_]+]] = %[[OUT]]) -> (tensor<2x8x7xf32>) {
// CHECK-NEXT:      %[[G:.+]] = arith.divui %[[D]], %[[C4]] : index
// CHECK-NEXT:      %[[E:.+]] = tensor.empty() : tensor<4xf32>
// CHECK-NEXT:      %[[STATE:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[E]] : tensor<4xf32>) -> tensor<4xf32>
// CHECK-NEXT:      %[[ROW:.+]] = tensor.extract_slice %[[SO]][%[[B]], %[[D]], 0] [1, 1, 7] [1, 1, 1] : tensor<2x8x7xf32> to tensor<7xf32>
// CHECK-NEXT:      %[[T0:[a-zA-Z0-9_]+]]:2 = scf.for %[[T:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C7]] step %[[C1]] iter_args(%[[H:[a-zA-Z0-9_]+]] = %[[STATE]], %[[Y:[a-zA-Z0-9_]+]] = %[[ROW]]) -> (tensor<4xf32>, tensor<7xf32>) {
// CHECK-NEXT:        %[[X:.+]] = tensor.extract %[[U]][%[[B]], %[[D]], %[[T]]] : tensor<2x8x7xf32>
// CHECK-NEXT:        %[[DT:.+]] = tensor.extract %[[U]][%[[B]], %[[D]], %[[T]]] : tensor<2x8x7xf32>
// CHECK-NEXT:        %[[DTX:.+]] = arith.mulf %[[DT]], %[[X]] : f32
// CHECK-NEXT:        %[[N0:[a-zA-Z0-9_]+]]:2 = scf.for %[[N:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C4]] step %[[C1]] iter_args(%[[HN:[a-zA-Z0-9_]+]] = %[[H]], %[[ACC:[a-zA-Z0-9_]+]] = %[[ZERO]]) -> (tensor<4xf32>, f32) {
// CHECK-NEXT:          %[[AN:.+]] = tensor.extract %[[A]][%[[D]], %[[N]]] : tensor<8x4xf32>
// CHECK-NEXT:          %[[DTA:.+]] = arith.mulf %[[DT]], %[[AN]] : f32
// CHECK-NEXT:          %[[DECAY:.+]] = math.exp %[[DTA]] : f32
// CHECK-NEXT:          %[[PREV:.+]] = tensor.extract %[[HN]][%[[N]]] : tensor<4xf32>
// CHECK-NEXT:          %[[BN:.+]] = tensor.extract %[[BM]][%[[D]], %[[N]]] : tensor<8x4xf32>
// CHECK-NEXT:          %[[IN:.+]] = arith.mulf %[[BN]], %[[DTX]] : f32
// CHECK-NEXT:          %[[KEPT:.+]] = arith.mulf %[[DECAY]], %[[PREV]] : f32
// CHECK-NEXT:          %[[NEXT:.+]] = arith.addf %[[KEPT]], %[[IN]] : f32
// CHECK-NEXT:          %[[HNEW:.+]] = tensor.insert %[[NEXT]] into %[[HN]][%[[N]]] : tensor<4xf32>
// CHECK-NEXT:          %[[CN:.+]] = tensor.extract %[[CT]][%[[B]], %[[G]], %[[T]], %[[N]]] : tensor<2x2x7x4xf32>
// CHECK-NEXT:          %[[CH:.+]] = arith.mulf %[[CN]], %[[NEXT]] : f32
// CHECK-NEXT:          %[[SUM:.+]] = arith.addf %[[ACC]], %[[CH]] fastmath<reassoc> : f32
// CHECK-NEXT:          scf.yield %[[HNEW]], %[[SUM]] : tensor<4xf32>, f32
// CHECK-NEXT:        }
// CHECK-NEXT:        %[[YNEW:.+]] = tensor.insert %[[N0]]#1 into %[[Y]][%[[T]]] : tensor<7xf32>
// CHECK-NEXT:        scf.yield %[[N0]]#0, %[[YNEW]] : tensor<4xf32>, tensor<7xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:      scf.forall.in_parallel {
// CHECK-NEXT:        tensor.parallel_insert_slice %[[T0]]#1 into %[[SO]][%[[B]], %[[D]], 0] [1, 1, 7] [1, 1, 1] : tensor<7xf32> into tensor<2x8x7xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    return %[[R]] : tensor<2x8x7xf32>
// CHECK-NOT:     seq.

// LOOPS-LABEL: func.func @selective_scan_only_c_varying
// LOOPS-NOT:     seq.
// LOOPS:         scf.forall (
// LOOPS-NOT:     scf.forall (
// LOOPS:         scf.for {{.+}} to %c7 step
// LOOPS-NOT:     scf.forall (
// LOOPS-NOT:     to %c7 step
// LOOPS:         scf.forall.in_parallel
// LOOPS-NOT:     seq.
// LOOPS:         return
func.func @selective_scan_only_c_varying(
    %u: tensor<2x8x7xf32>, %A: tensor<8x4xf32>, %B: tensor<8x4xf32>,
    %C: tensor<2x2x4x7xf32>) -> tensor<2x8x7xf32> {
  %y = seq.selective_scan %u, %u, %A, %B, %C
      : (tensor<2x8x7xf32>, tensor<2x8x7xf32>, tensor<8x4xf32>,
         tensor<8x4xf32>, tensor<2x2x4x7xf32>) -> tensor<2x8x7xf32>
  return %y : tensor<2x8x7xf32>
}

// -----

// One decode step: the forall covers (batch, channel) and there is no time
// loop, only the loop over N; y becomes a 0-d tensor inserted at (b, d).
// CHECK-LABEL: func.func @selective_scan_step
// CHECK-SAME:    (%[[U:[a-zA-Z0-9_]+]]: tensor<2x8xf32>, %[[DELTA:[a-zA-Z0-9_]+]]: tensor<2x8xf32>, %[[A:[a-zA-Z0-9_]+]]: tensor<8x16xf32>, %[[BM:[a-zA-Z0-9_]+]]: tensor<2x2x16xf32>, %[[CM:[a-zA-Z0-9_]+]]: tensor<2x2x16xf32>, %[[DS:[a-zA-Z0-9_]+]]: tensor<8xf32>, %[[Z:[a-zA-Z0-9_]+]]: tensor<2x8xf32>, %[[DB:[a-zA-Z0-9_]+]]: tensor<8xf32>, %[[S:[a-zA-Z0-9_]+]]: tensor<2x8x16xf32>)
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG:     %[[ONE:.+]] = arith.constant 1.000000e+00 : f32
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG:     %[[TWENTY:.+]] = arith.constant 2.000000e+01 : f32
// CHECK-DAG:     %[[C4:.+]] = arith.constant 4 : index
// CHECK-DAG:     %[[C16:.+]] = arith.constant 16 : index
// CHECK:         %[[OUT:.+]] = tensor.empty() : tensor<2x8xf32>
// CHECK:         %[[NS:.+]] = tensor.empty() : tensor<2x8x16xf32>
// CHECK:         %[[R:[a-zA-Z0-9_]+]]:2 = scf.forall (%[[B:[a-zA-Z0-9_]+]], %[[D:[a-zA-Z0-9_]+]]) in (2, 8) shared_outs(%[[SO:[a-zA-Z0-9_]+]] = %[[OUT]], %[[SS:[a-zA-Z0-9_]+]] = %[[NS]]) -> (tensor<2x8xf32>, tensor<2x8x16xf32>) {
// CHECK-NEXT:      %[[G:.+]] = arith.divui %[[D]], %[[C4]] : index
// CHECK:           %[[STATE:.+]] = tensor.extract_slice %[[S]][%[[B]], %[[D]], 0] [1, 1, 16] [1, 1, 1] : tensor<2x8x16xf32> to tensor<16xf32>
// CHECK:           %[[X:.+]] = tensor.extract %[[U]][%[[B]], %[[D]]] : tensor<2x8xf32>
// CHECK:           %[[BIAS:.+]] = tensor.extract %[[DB]][%[[D]]] : tensor<8xf32>
// CHECK:           %[[DTRAW:.+]] = tensor.extract %[[DELTA]][%[[B]], %[[D]]] : tensor<2x8xf32>
// CHECK:           %[[DTB:.+]] = arith.addf %[[DTRAW]], %[[BIAS]] : f32
// CHECK:           %[[LARGE:.+]] = arith.cmpf ogt, %[[DTB]], %[[TWENTY]] : f32
// CHECK:           %[[SAFE:.+]] = arith.select %[[LARGE]], %[[ZERO]], %[[DTB]] : f32
// CHECK:           %[[ESAFE:.+]] = math.exp %[[SAFE]] : f32
// CHECK:           %[[SMOOTH:.+]] = math.log1p %[[ESAFE]] : f32
// CHECK:           %[[DT:.+]] = arith.select %[[LARGE]], %[[DTB]], %[[SMOOTH]] : f32
// CHECK:           %[[DTX:.+]] = arith.mulf %[[DT]], %[[X]] : f32
// CHECK:           %[[N0:[a-zA-Z0-9_]+]]:2 = scf.for %[[N:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C16]] step %[[C1]] iter_args(%[[HN:[a-zA-Z0-9_]+]] = %[[STATE]], %[[ACC:[a-zA-Z0-9_]+]] = %[[ZERO]]) -> (tensor<16xf32>, f32) {
// CHECK:             %[[AN:.+]] = tensor.extract %[[A]][%[[D]], %[[N]]] : tensor<8x16xf32>
// CHECK:             %[[DTA:.+]] = arith.mulf %[[DT]], %[[AN]] : f32
// CHECK:             %[[DECAY:.+]] = math.exp %[[DTA]] : f32
// CHECK:             %[[PREV:.+]] = tensor.extract %[[HN]][%[[N]]] : tensor<16xf32>
// CHECK:             %[[BN:.+]] = tensor.extract %[[BM]][%[[B]], %[[G]], %[[N]]] : tensor<2x2x16xf32>
// CHECK:             %[[IN:.+]] = arith.mulf %[[BN]], %[[DTX]] : f32
// CHECK:             %[[KEPT:.+]] = arith.mulf %[[DECAY]], %[[PREV]] : f32
// CHECK:             %[[NEXT:.+]] = arith.addf %[[KEPT]], %[[IN]] : f32
// CHECK:             %[[HNEW:.+]] = tensor.insert %[[NEXT]] into %[[HN]][%[[N]]] : tensor<16xf32>
// CHECK:             %[[CN:.+]] = tensor.extract %[[CM]][%[[B]], %[[G]], %[[N]]] : tensor<2x2x16xf32>
// CHECK:             %[[CH:.+]] = arith.mulf %[[CN]], %[[NEXT]] : f32
// CHECK:             %[[SUM:.+]] = arith.addf %[[ACC]], %[[CH]] fastmath<reassoc> : f32
// CHECK:             scf.yield %[[HNEW]], %[[SUM]] : tensor<16xf32>, f32
// CHECK:           }
// CHECK:           %[[SKIP:.+]] = tensor.extract %[[DS]][%[[D]]] : tensor<8xf32>
// CHECK:           %[[DX:.+]] = arith.mulf %[[SKIP]], %[[X]] : f32
// CHECK:           %[[YD:.+]] = arith.addf %[[N0]]#1, %[[DX]] : f32
// CHECK:           %[[ZT:.+]] = tensor.extract %[[Z]][%[[B]], %[[D]]] : tensor<2x8xf32>
// CHECK:           %[[NEG:.+]] = arith.negf %[[ZT]] : f32
// CHECK:           %[[EN:.+]] = math.exp %[[NEG]] : f32
// CHECK:           %[[DEN:.+]] = arith.addf %[[EN]], %[[ONE]] : f32
// CHECK:           %[[SIG:.+]] = arith.divf %[[ONE]], %[[DEN]] : f32
// CHECK:           %[[SILU:.+]] = arith.mulf %[[ZT]], %[[SIG]] : f32
// CHECK:           %[[OUTT:.+]] = arith.mulf %[[YD]], %[[SILU]] : f32
// CHECK:           %[[Y0:.+]] = tensor.from_elements %[[OUTT]] : tensor<f32>
// CHECK:           scf.forall.in_parallel {
// CHECK-NEXT:        tensor.parallel_insert_slice %[[Y0]] into %[[SO]][%[[B]], %[[D]]] [1, 1] [1, 1] : tensor<f32> into tensor<2x8xf32>
// CHECK-NEXT:        tensor.parallel_insert_slice %[[N0]]#0 into %[[SS]][%[[B]], %[[D]], 0] [1, 1, 16] [1, 1, 1] : tensor<16xf32> into tensor<2x8x16xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    return %[[R]]#0, %[[R]]#1 : tensor<2x8xf32>, tensor<2x8x16xf32>
// CHECK-NOT:     seq.

// LOOPS-LABEL: func.func @selective_scan_step
// LOOPS-NOT:     seq.
// LOOPS-NOT:     scf.for
// LOOPS:         scf.forall (
// LOOPS-NOT:     scf.forall (
// LOOPS-NOT:     scf.for
// LOOPS:         scf.for {{.+}} to %c16 step
// LOOPS-NOT:     scf.forall (
// LOOPS-NOT:     scf.for
// LOOPS:         scf.forall.in_parallel
// LOOPS-NOT:     seq.
// LOOPS:         return
func.func @selective_scan_step(
    %u: tensor<2x8xf32>, %delta: tensor<2x8xf32>, %A: tensor<8x16xf32>,
    %B: tensor<2x2x16xf32>, %C: tensor<2x2x16xf32>, %D: tensor<8xf32>,
    %z: tensor<2x8xf32>, %bias: tensor<8xf32>, %s: tensor<2x8x16xf32>)
    -> (tensor<2x8xf32>, tensor<2x8x16xf32>) {
  %y, %s1 = seq.selective_scan_step %u, %delta, %A, %B, %C D(%D) z(%z)
      delta_bias(%bias) state(%s) {delta_softplus}
      : (tensor<2x8xf32>, tensor<2x8xf32>, tensor<8x16xf32>,
         tensor<2x2x16xf32>, tensor<2x2x16xf32>, tensor<8xf32>,
         tensor<2x8xf32>, tensor<8xf32>, tensor<2x8x16xf32>)
      -> (tensor<2x8xf32>, tensor<2x8x16xf32>)
  return %y, %s1 : tensor<2x8xf32>, tensor<2x8x16xf32>
}

// -----

// Mamba-2: the rows are (batch, head, head dim); head h reads group
// h / (H / G) of B and C (H = 4, G = 2); one scalar decay exp(dt * A[h]) per
// step; D per head and head dim; the initial and final states are the
// [N] rows of [B, H, P, N].
// CHECK-LABEL: func.func @ssd_grouped
// CHECK-SAME:    (%[[X:[a-zA-Z0-9_]+]]: tensor<2x100x4x16xf32>, %[[DTS:[a-zA-Z0-9_]+]]: tensor<2x100x4xf32>, %[[A:[a-zA-Z0-9_]+]]: tensor<4xf32>, %[[BM:[a-zA-Z0-9_]+]]: tensor<2x100x2x32xf32>, %[[CM:[a-zA-Z0-9_]+]]: tensor<2x100x2x32xf32>, %[[DS:[a-zA-Z0-9_]+]]: tensor<4x16xf32>, %[[DB:[a-zA-Z0-9_]+]]: tensor<4xf32>, %[[H0:[a-zA-Z0-9_]+]]: tensor<2x4x16x32xf32>)
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG:     %[[TWENTY:.+]] = arith.constant 2.000000e+01 : f32
// CHECK-DAG:     %[[C2:.+]] = arith.constant 2 : index
// CHECK-DAG:     %[[C100:.+]] = arith.constant 100 : index
// CHECK-DAG:     %[[C32:.+]] = arith.constant 32 : index
// CHECK:         %[[OUT:.+]] = tensor.empty() : tensor<2x100x4x16xf32>
// CHECK:         %[[FIN:.+]] = tensor.empty() : tensor<2x4x16x32xf32>
// CHECK:         %[[R:[a-zA-Z0-9_]+]]:2 = scf.forall (%[[B:[a-zA-Z0-9_]+]], %[[H:[a-zA-Z0-9_]+]], %[[P:[a-zA-Z0-9_]+]]) in (2, 4, 16) shared_outs(%[[SO:[a-zA-Z0-9_]+]] = %[[OUT]], %[[SF:[a-zA-Z0-9_]+]] = %[[FIN]]) -> (tensor<2x100x4x16xf32>, tensor<2x4x16x32xf32>) {
// CHECK-NEXT:      %[[G:.+]] = arith.divui %[[H]], %[[C2]] : index
// CHECK:           %[[STATE:.+]] = tensor.extract_slice %[[H0]][%[[B]], %[[H]], %[[P]], 0] [1, 1, 1, 32] [1, 1, 1, 1] : tensor<2x4x16x32xf32> to tensor<32xf32>
// CHECK:           %[[ROW:.+]] = tensor.extract_slice %[[SO]][%[[B]], 0, %[[H]], %[[P]]] [1, 100, 1, 1] [1, 1, 1, 1] : tensor<2x100x4x16xf32> to tensor<100xf32>
// CHECK:           %[[AH:.+]] = tensor.extract %[[A]][%[[H]]] : tensor<4xf32>
// CHECK:           %[[BIAS:.+]] = tensor.extract %[[DB]][%[[H]]] : tensor<4xf32>
// CHECK:           %[[SKIP:.+]] = tensor.extract %[[DS]][%[[H]], %[[P]]] : tensor<4x16xf32>
// CHECK:           %[[T0:[a-zA-Z0-9_]+]]:2 = scf.for %[[T:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C100]] step %[[C1]] iter_args(%[[HS:[a-zA-Z0-9_]+]] = %[[STATE]], %[[Y:[a-zA-Z0-9_]+]] = %[[ROW]]) -> (tensor<32xf32>, tensor<100xf32>) {
// CHECK:             %[[XT:.+]] = tensor.extract %[[X]][%[[B]], %[[T]], %[[H]], %[[P]]] : tensor<2x100x4x16xf32>
// CHECK:             %[[DTRAW:.+]] = tensor.extract %[[DTS]][%[[B]], %[[T]], %[[H]]] : tensor<2x100x4xf32>
// CHECK:             %[[DTB:.+]] = arith.addf %[[DTRAW]], %[[BIAS]] : f32
// CHECK:             %[[LARGE:.+]] = arith.cmpf ogt, %[[DTB]], %[[TWENTY]] : f32
// CHECK:             %[[SAFE:.+]] = arith.select %[[LARGE]], %[[ZERO]], %[[DTB]] : f32
// CHECK:             %[[ESAFE:.+]] = math.exp %[[SAFE]] : f32
// CHECK:             %[[SMOOTH:.+]] = math.log1p %[[ESAFE]] : f32
// CHECK:             %[[DT:.+]] = arith.select %[[LARGE]], %[[DTB]], %[[SMOOTH]] : f32
// CHECK:             %[[DTX:.+]] = arith.mulf %[[DT]], %[[XT]] : f32
// CHECK:             %[[N0:[a-zA-Z0-9_]+]]:2 = scf.for %[[N:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C32]] step %[[C1]] iter_args(%[[HN:[a-zA-Z0-9_]+]] = %[[HS]], %[[ACC:[a-zA-Z0-9_]+]] = %[[ZERO]]) -> (tensor<32xf32>, f32) {
// CHECK:               %[[DTA:.+]] = arith.mulf %[[DT]], %[[AH]] : f32
// CHECK:               %[[DECAY:.+]] = math.exp %[[DTA]] : f32
// CHECK:               %[[PREV:.+]] = tensor.extract %[[HN]][%[[N]]] : tensor<32xf32>
// CHECK:               %[[BN:.+]] = tensor.extract %[[BM]][%[[B]], %[[T]], %[[G]], %[[N]]] : tensor<2x100x2x32xf32>
// CHECK:               %[[IN:.+]] = arith.mulf %[[BN]], %[[DTX]] : f32
// CHECK:               %[[KEPT:.+]] = arith.mulf %[[DECAY]], %[[PREV]] : f32
// CHECK:               %[[NEXT:.+]] = arith.addf %[[KEPT]], %[[IN]] : f32
// CHECK:               %[[HNEW:.+]] = tensor.insert %[[NEXT]] into %[[HN]][%[[N]]] : tensor<32xf32>
// CHECK:               %[[CN:.+]] = tensor.extract %[[CM]][%[[B]], %[[T]], %[[G]], %[[N]]] : tensor<2x100x2x32xf32>
// CHECK:               %[[CH:.+]] = arith.mulf %[[CN]], %[[NEXT]] : f32
// CHECK:               %[[SUM:.+]] = arith.addf %[[ACC]], %[[CH]] fastmath<reassoc> : f32
// CHECK:               scf.yield %[[HNEW]], %[[SUM]] : tensor<32xf32>, f32
// CHECK:             }
// CHECK:             %[[DX:.+]] = arith.mulf %[[SKIP]], %[[XT]] : f32
// CHECK:             %[[YT:.+]] = arith.addf %[[N0]]#1, %[[DX]] : f32
// CHECK:             %[[YNEW:.+]] = tensor.insert %[[YT]] into %[[Y]][%[[T]]] : tensor<100xf32>
// CHECK:             scf.yield %[[N0]]#0, %[[YNEW]] : tensor<32xf32>, tensor<100xf32>
// CHECK:           }
// CHECK:           scf.forall.in_parallel {
// CHECK-NEXT:        tensor.parallel_insert_slice %[[T0]]#1 into %[[SO]][%[[B]], 0, %[[H]], %[[P]]] [1, 100, 1, 1] [1, 1, 1, 1] : tensor<100xf32> into tensor<2x100x4x16xf32>
// CHECK-NEXT:        tensor.parallel_insert_slice %[[T0]]#0 into %[[SF]][%[[B]], %[[H]], %[[P]], 0] [1, 1, 1, 32] [1, 1, 1, 1] : tensor<32xf32> into tensor<2x4x16x32xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    return %[[R]]#0, %[[R]]#1 : tensor<2x100x4x16xf32>, tensor<2x4x16x32xf32>
// CHECK-NOT:     seq.

// LOOPS-LABEL: func.func @ssd_grouped
// LOOPS-NOT:     seq.
// LOOPS:         scf.forall (
// LOOPS-NOT:     scf.forall (
// LOOPS-NOT:     to %c100 step
// LOOPS:         scf.for {{.+}} to %c100 step
// LOOPS-NOT:     scf.forall (
// LOOPS-NOT:     to %c100 step
// LOOPS:         scf.for {{.+}} to %c32 step
// LOOPS-NOT:     scf.forall (
// LOOPS-NOT:     to %c100 step
// LOOPS-NOT:     scf.for
// LOOPS:         scf.forall.in_parallel
// LOOPS-NOT:     seq.
// LOOPS:         return
func.func @ssd_grouped(
    %x: tensor<2x100x4x16xf32>, %dt: tensor<2x100x4xf32>, %A: tensor<4xf32>,
    %B: tensor<2x100x2x32xf32>, %C: tensor<2x100x2x32xf32>,
    %D: tensor<4x16xf32>, %bias: tensor<4xf32>, %h0: tensor<2x4x16x32xf32>)
    -> (tensor<2x100x4x16xf32>, tensor<2x4x16x32xf32>) {
  %y, %h = seq.ssd %x, %dt, %A, %B, %C D(%D) dt_bias(%bias) initial_state(%h0)
      {chunk_size = 64 : i64, dt_softplus}
      : (tensor<2x100x4x16xf32>, tensor<2x100x4xf32>, tensor<4xf32>,
         tensor<2x100x2x32xf32>, tensor<2x100x2x32xf32>, tensor<4x16xf32>,
         tensor<4xf32>, tensor<2x4x16x32xf32>)
      -> (tensor<2x100x4x16xf32>, tensor<2x4x16x32xf32>)
  return %y, %h : tensor<2x100x4x16xf32>, tensor<2x4x16x32xf32>
}

// -----

// f16 SSD with one group, D per head, no bias, no softplus, no states: the
// state row starts at zero, f16 loads are extended, y is truncated.
// CHECK-LABEL: func.func @ssd_minimal
// CHECK-SAME:    (%[[X:[a-zA-Z0-9_]+]]: tensor<1x7x4x16xf16>, %[[DTS:[a-zA-Z0-9_]+]]: tensor<1x7x4xf16>, %[[A:[a-zA-Z0-9_]+]]: tensor<4xf32>, %[[BC:[a-zA-Z0-9_]+]]: tensor<1x7x1x8xf16>, %[[DS:[a-zA-Z0-9_]+]]: tensor<4xf32>)
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG:     %[[C7:.+]] = arith.constant 7 : index
// CHECK-DAG:     %[[C4:.+]] = arith.constant 4 : index
// CHECK-DAG:     %[[C8:.+]] = arith.constant 8 : index
// CHECK:         %[[OUT:.+]] = tensor.empty() : tensor<1x7x4x16xf16>
// CHECK:         %[[R:.+]] = scf.forall (%[[B:[a-zA-Z0-9_]+]], %[[H:[a-zA-Z0-9_]+]], %[[P:[a-zA-Z0-9_]+]]) in (1, 4, 16) shared_outs(%[[SO:[a-zA-Z0-9_]+]] = %[[OUT]]) -> (tensor<1x7x4x16xf16>) {
// CHECK-NEXT:      %[[G:.+]] = arith.divui %[[H]], %[[C4]] : index
// CHECK-NEXT:      %[[E:.+]] = tensor.empty() : tensor<8xf32>
// CHECK-NEXT:      %[[STATE:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[E]] : tensor<8xf32>) -> tensor<8xf32>
// CHECK:           %[[ROW:.+]] = tensor.extract_slice %[[SO]][%[[B]], 0, %[[H]], %[[P]]] [1, 7, 1, 1] [1, 1, 1, 1] : tensor<1x7x4x16xf16> to tensor<7xf16>
// CHECK:           %[[AH:.+]] = tensor.extract %[[A]][%[[H]]] : tensor<4xf32>
// CHECK:           %[[SKIP:.+]] = tensor.extract %[[DS]][%[[H]]] : tensor<4xf32>
// CHECK:           %[[T0:[a-zA-Z0-9_]+]]:2 = scf.for %[[T:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C7]] step %[[C1]] iter_args(%[[HS:[a-zA-Z0-9_]+]] = %[[STATE]], %[[Y:[a-zA-Z0-9_]+]] = %[[ROW]]) -> (tensor<8xf32>, tensor<7xf16>) {
// CHECK:             %[[XH:.+]] = tensor.extract %[[X]][%[[B]], %[[T]], %[[H]], %[[P]]] : tensor<1x7x4x16xf16>
// CHECK:             %[[XT:.+]] = arith.extf %[[XH]] : f16 to f32
// CHECK:             %[[DTH:.+]] = tensor.extract %[[DTS]][%[[B]], %[[T]], %[[H]]] : tensor<1x7x4xf16>
// CHECK:             %[[DT:.+]] = arith.extf %[[DTH]] : f16 to f32
// CHECK:             %[[DTX:.+]] = arith.mulf %[[DT]], %[[XT]] : f32
// CHECK:             %[[N0:[a-zA-Z0-9_]+]]:2 = scf.for %[[N:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C8]] step %[[C1]] iter_args(%[[HN:[a-zA-Z0-9_]+]] = %[[HS]], %[[ACC:[a-zA-Z0-9_]+]] = %[[ZERO]]) -> (tensor<8xf32>, f32) {
// CHECK:               %[[DTA:.+]] = arith.mulf %[[DT]], %[[AH]] : f32
// CHECK:               %[[DECAY:.+]] = math.exp %[[DTA]] : f32
// CHECK:               %[[PREV:.+]] = tensor.extract %[[HN]][%[[N]]] : tensor<8xf32>
// CHECK:               tensor.extract %[[BC]][%[[B]], %[[T]], %[[G]], %[[N]]] : tensor<1x7x1x8xf16>
// CHECK:               %[[BN:.+]] = arith.extf
// CHECK:               %[[IN:.+]] = arith.mulf %[[BN]], %[[DTX]] : f32
// CHECK:               %[[KEPT:.+]] = arith.mulf %[[DECAY]], %[[PREV]] : f32
// CHECK:               %[[NEXT:.+]] = arith.addf %[[KEPT]], %[[IN]] : f32
// CHECK:               %[[HNEW:.+]] = tensor.insert %[[NEXT]] into %[[HN]][%[[N]]] : tensor<8xf32>
// CHECK:               tensor.extract %[[BC]][%[[B]], %[[T]], %[[G]], %[[N]]] : tensor<1x7x1x8xf16>
// CHECK:               %[[CN:.+]] = arith.extf
// CHECK:               %[[CH:.+]] = arith.mulf %[[CN]], %[[NEXT]] : f32
// CHECK:               %[[SUM:.+]] = arith.addf %[[ACC]], %[[CH]] fastmath<reassoc> : f32
// CHECK:               scf.yield %[[HNEW]], %[[SUM]] : tensor<8xf32>, f32
// CHECK:             }
// CHECK-NEXT:        %[[DX:.+]] = arith.mulf %[[SKIP]], %[[XT]] : f32
// CHECK-NEXT:        %[[YT:.+]] = arith.addf %[[N0]]#1, %[[DX]] : f32
// CHECK-NEXT:        %[[YH:.+]] = arith.truncf %[[YT]] : f32 to f16
// CHECK-NEXT:        %[[YNEW:.+]] = tensor.insert %[[YH]] into %[[Y]][%[[T]]] : tensor<7xf16>
// CHECK-NEXT:        scf.yield %[[N0]]#0, %[[YNEW]] : tensor<8xf32>, tensor<7xf16>
// CHECK-NEXT:      }
// CHECK-NEXT:      scf.forall.in_parallel {
// CHECK-NEXT:        tensor.parallel_insert_slice %[[T0]]#1 into %[[SO]][%[[B]], 0, %[[H]], %[[P]]] [1, 7, 1, 1] [1, 1, 1, 1] : tensor<7xf16> into tensor<1x7x4x16xf16>
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    return %[[R]] : tensor<1x7x4x16xf16>
// CHECK-NOT:     seq.

// LOOPS-LABEL: func.func @ssd_minimal
// LOOPS-NOT:     seq.
// LOOPS:         scf.forall (
// LOOPS-NOT:     scf.forall (
// LOOPS-NOT:     to %c7 step
// LOOPS:         scf.for {{.+}} to %c7 step
// LOOPS-NOT:     scf.forall (
// LOOPS-NOT:     to %c7 step
// LOOPS-NOT:     math.log1p
// LOOPS-NOT:     arith.negf
// LOOPS:         scf.forall.in_parallel
// LOOPS-NOT:     seq.
// LOOPS:         return
func.func @ssd_minimal(
    %x: tensor<1x7x4x16xf16>, %dt: tensor<1x7x4xf16>, %A: tensor<4xf32>,
    %B: tensor<1x7x1x8xf16>, %D: tensor<4xf32>) -> tensor<1x7x4x16xf16> {
  %y = seq.ssd %x, %dt, %A, %B, %B D(%D)
      : (tensor<1x7x4x16xf16>, tensor<1x7x4xf16>, tensor<4xf32>,
         tensor<1x7x1x8xf16>, tensor<1x7x1x8xf16>, tensor<4xf32>)
      -> tensor<1x7x4x16xf16>
  return %y : tensor<1x7x4x16xf16>
}

// -----

// One SSD decode step over (batch, head, head dim): no time loop, the state
// row comes from `state`, y is a 0-d tensor inserted at (b, h, p).
// CHECK-LABEL: func.func @ssd_step
// CHECK-SAME:    (%[[X:[a-zA-Z0-9_]+]]: tensor<2x4x16xf32>, %[[DTS:[a-zA-Z0-9_]+]]: tensor<2x4xf32>, %[[A:[a-zA-Z0-9_]+]]: tensor<4xf32>, %[[BM:[a-zA-Z0-9_]+]]: tensor<2x2x32xf32>, %[[CM:[a-zA-Z0-9_]+]]: tensor<2x2x32xf32>, %[[DS:[a-zA-Z0-9_]+]]: tensor<4x16xf32>, %[[DB:[a-zA-Z0-9_]+]]: tensor<4xf32>, %[[S:[a-zA-Z0-9_]+]]: tensor<2x4x16x32xf32>)
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG:     %[[TWENTY:.+]] = arith.constant 2.000000e+01 : f32
// CHECK-DAG:     %[[C2:.+]] = arith.constant 2 : index
// CHECK-DAG:     %[[C32:.+]] = arith.constant 32 : index
// CHECK:         %[[OUT:.+]] = tensor.empty() : tensor<2x4x16xf32>
// CHECK:         %[[NS:.+]] = tensor.empty() : tensor<2x4x16x32xf32>
// CHECK:         %[[R:[a-zA-Z0-9_]+]]:2 = scf.forall (%[[B:[a-zA-Z0-9_]+]], %[[H:[a-zA-Z0-9_]+]], %[[P:[a-zA-Z0-9_]+]]) in (2, 4, 16) shared_outs(%[[SO:[a-zA-Z0-9_]+]] = %[[OUT]], %[[SS:[a-zA-Z0-9_]+]] = %[[NS]]) -> (tensor<2x4x16xf32>, tensor<2x4x16x32xf32>) {
// CHECK-NEXT:      %[[G:.+]] = arith.divui %[[H]], %[[C2]] : index
// CHECK:           %[[STATE:.+]] = tensor.extract_slice %[[S]][%[[B]], %[[H]], %[[P]], 0] [1, 1, 1, 32] [1, 1, 1, 1] : tensor<2x4x16x32xf32> to tensor<32xf32>
// CHECK:           %[[XT:.+]] = tensor.extract %[[X]][%[[B]], %[[H]], %[[P]]] : tensor<2x4x16xf32>
// CHECK:           %[[BIAS:.+]] = tensor.extract %[[DB]][%[[H]]] : tensor<4xf32>
// CHECK:           %[[DTRAW:.+]] = tensor.extract %[[DTS]][%[[B]], %[[H]]] : tensor<2x4xf32>
// CHECK:           %[[DTB:.+]] = arith.addf %[[DTRAW]], %[[BIAS]] : f32
// CHECK:           %[[LARGE:.+]] = arith.cmpf ogt, %[[DTB]], %[[TWENTY]] : f32
// CHECK:           %[[SAFE:.+]] = arith.select %[[LARGE]], %[[ZERO]], %[[DTB]] : f32
// CHECK:           %[[ESAFE:.+]] = math.exp %[[SAFE]] : f32
// CHECK:           %[[SMOOTH:.+]] = math.log1p %[[ESAFE]] : f32
// CHECK:           %[[DT:.+]] = arith.select %[[LARGE]], %[[DTB]], %[[SMOOTH]] : f32
// CHECK:           %[[AH:.+]] = tensor.extract %[[A]][%[[H]]] : tensor<4xf32>
// CHECK:           %[[DTX:.+]] = arith.mulf %[[DT]], %[[XT]] : f32
// CHECK:           %[[N0:[a-zA-Z0-9_]+]]:2 = scf.for %[[N:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C32]] step %[[C1]] iter_args(%[[HN:[a-zA-Z0-9_]+]] = %[[STATE]], %[[ACC:[a-zA-Z0-9_]+]] = %[[ZERO]]) -> (tensor<32xf32>, f32) {
// CHECK:             %[[DTA:.+]] = arith.mulf %[[DT]], %[[AH]] : f32
// CHECK:             %[[DECAY:.+]] = math.exp %[[DTA]] : f32
// CHECK:             %[[PREV:.+]] = tensor.extract %[[HN]][%[[N]]] : tensor<32xf32>
// CHECK:             %[[BN:.+]] = tensor.extract %[[BM]][%[[B]], %[[G]], %[[N]]] : tensor<2x2x32xf32>
// CHECK:             %[[IN:.+]] = arith.mulf %[[BN]], %[[DTX]] : f32
// CHECK:             %[[KEPT:.+]] = arith.mulf %[[DECAY]], %[[PREV]] : f32
// CHECK:             %[[NEXT:.+]] = arith.addf %[[KEPT]], %[[IN]] : f32
// CHECK:             %[[HNEW:.+]] = tensor.insert %[[NEXT]] into %[[HN]][%[[N]]] : tensor<32xf32>
// CHECK:             %[[CN:.+]] = tensor.extract %[[CM]][%[[B]], %[[G]], %[[N]]] : tensor<2x2x32xf32>
// CHECK:             %[[CH:.+]] = arith.mulf %[[CN]], %[[NEXT]] : f32
// CHECK:             %[[SUM:.+]] = arith.addf %[[ACC]], %[[CH]] fastmath<reassoc> : f32
// CHECK:             scf.yield %[[HNEW]], %[[SUM]] : tensor<32xf32>, f32
// CHECK:           }
// CHECK:           %[[SKIP:.+]] = tensor.extract %[[DS]][%[[H]], %[[P]]] : tensor<4x16xf32>
// CHECK:           %[[DX:.+]] = arith.mulf %[[SKIP]], %[[XT]] : f32
// CHECK:           %[[YT:.+]] = arith.addf %[[N0]]#1, %[[DX]] : f32
// CHECK:           %[[Y0:.+]] = tensor.from_elements %[[YT]] : tensor<f32>
// CHECK:           scf.forall.in_parallel {
// CHECK-NEXT:        tensor.parallel_insert_slice %[[Y0]] into %[[SO]][%[[B]], %[[H]], %[[P]]] [1, 1, 1] [1, 1, 1] : tensor<f32> into tensor<2x4x16xf32>
// CHECK-NEXT:        tensor.parallel_insert_slice %[[N0]]#0 into %[[SS]][%[[B]], %[[H]], %[[P]], 0] [1, 1, 1, 32] [1, 1, 1, 1] : tensor<32xf32> into tensor<2x4x16x32xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    return %[[R]]#0, %[[R]]#1 : tensor<2x4x16xf32>, tensor<2x4x16x32xf32>
// CHECK-NOT:     seq.

// LOOPS-LABEL: func.func @ssd_step
// LOOPS-NOT:     seq.
// LOOPS-NOT:     scf.for
// LOOPS:         scf.forall (
// LOOPS-NOT:     scf.forall (
// LOOPS-NOT:     scf.for
// LOOPS:         scf.for {{.+}} to %c32 step
// LOOPS-NOT:     scf.forall (
// LOOPS-NOT:     scf.for
// LOOPS:         scf.forall.in_parallel
// LOOPS-NOT:     seq.
// LOOPS:         return
func.func @ssd_step(
    %x: tensor<2x4x16xf32>, %dt: tensor<2x4xf32>, %A: tensor<4xf32>,
    %B: tensor<2x2x32xf32>, %C: tensor<2x2x32xf32>, %D: tensor<4x16xf32>,
    %bias: tensor<4xf32>, %s: tensor<2x4x16x32xf32>)
    -> (tensor<2x4x16xf32>, tensor<2x4x16x32xf32>) {
  %y, %s1 = seq.ssd_step %x, %dt, %A, %B, %C D(%D) dt_bias(%bias) state(%s)
      {dt_softplus}
      : (tensor<2x4x16xf32>, tensor<2x4xf32>, tensor<4xf32>,
         tensor<2x2x32xf32>, tensor<2x2x32xf32>, tensor<4x16xf32>,
         tensor<4xf32>, tensor<2x4x16x32xf32>)
      -> (tensor<2x4x16xf32>, tensor<2x4x16x32xf32>)
  return %y, %s1 : tensor<2x4x16xf32>, tensor<2x4x16x32xf32>
}
