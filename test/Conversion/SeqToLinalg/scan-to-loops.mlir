// convert-seq-to-linalg on seq.ssd and seq.ssd_step (ScanToLoops.cpp): one
// scf.forall over the independent rows, the time recurrence as the one
// scf.for over L inside it, and the state update
// h = exp(dt * A) * h + dt * B * x, y = C . h as a loop over N.
// RUN: seqc-opt %s --split-input-file --convert-seq-to-linalg | FileCheck %s
// RUN: seqc-opt %s --split-input-file --convert-seq-to-linalg | FileCheck %s --check-prefix=LOOPS

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
