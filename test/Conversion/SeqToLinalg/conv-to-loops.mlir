// convert-seq-to-linalg on seq.causal_conv1d and seq.causal_conv1d_step
// (ConvToLoops.cpp): one scf.forall over (batch, channel); each row slides a
// window of the last W-1 inputs along time (the scf.for over L), computing
//   y_t = act(bias + sum_{i<W-1} w[i] * window[i] + w[W-1] * x_t)
// and shifting the window left by one with x_t appended. For a static
// width of at most 8 the window is carried as loop scalars and the weights
// are read once per row; otherwise it is a buffer with loops over the taps.
// The final window is the final state.
// RUN: seqc-opt %s --split-input-file --convert-seq-to-linalg | FileCheck %s
// RUN: seqc-opt %s --split-input-file --convert-seq-to-linalg | FileCheck %s --check-prefix=LOOPS

// Mamba's conv: W = 4, bias, initial state, silu, final state. The three
// window values are scalars carried by the time loop.
// CHECK-LABEL: func.func @causal_conv1d_all_operands
// CHECK-SAME:    (%[[X:[a-zA-Z0-9_]+]]: tensor<2x64x37xf32>, %[[W:[a-zA-Z0-9_]+]]: tensor<64x4xf32>, %[[BIAS:[a-zA-Z0-9_]+]]: tensor<64xf32>, %[[S0:[a-zA-Z0-9_]+]]: tensor<2x64x3xf32>)
// CHECK-DAG:     %[[ONE:.+]] = arith.constant 1.000000e+00 : f32
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG:     %[[C2:.+]] = arith.constant 2 : index
// CHECK-DAG:     %[[C3:.+]] = arith.constant 3 : index
// CHECK-DAG:     %[[C37:.+]] = arith.constant 37 : index
// CHECK:         %[[OUT:.+]] = tensor.empty() : tensor<2x64x37xf32>
// CHECK:         %[[FIN:.+]] = tensor.empty() : tensor<2x64x3xf32>
// CHECK:         %[[R:[a-zA-Z0-9_]+]]:2 = scf.forall (%[[B:[a-zA-Z0-9_]+]], %[[D:[a-zA-Z0-9_]+]]) in (2, 64) shared_outs(%[[SO:[a-zA-Z0-9_]+]] = %[[OUT]], %[[SF:[a-zA-Z0-9_]+]] = %[[FIN]])
// CHECK-NEXT:      %[[ROW:.+]] = tensor.extract_slice %[[SO]][%[[B]], %[[D]], 0] [1, 1, 37] [1, 1, 1] : tensor<2x64x37xf32> to tensor<37xf32>
// CHECK-NEXT:      %[[BD:.+]] = tensor.extract %[[BIAS]][%[[D]]] : tensor<64xf32>
// CHECK-NEXT:      %[[W0:.+]] = tensor.extract %[[W]][%[[D]], %[[C0]]] : tensor<64x4xf32>
// CHECK-NEXT:      %[[W1:.+]] = tensor.extract %[[W]][%[[D]], %[[C1]]] : tensor<64x4xf32>
// CHECK-NEXT:      %[[W2:.+]] = tensor.extract %[[W]][%[[D]], %[[C2]]] : tensor<64x4xf32>
// CHECK-NEXT:      %[[W3:.+]] = tensor.extract %[[W]][%[[D]], %[[C3]]] : tensor<64x4xf32>
// CHECK-NEXT:      %[[S00:.+]] = tensor.extract %[[S0]][%[[B]], %[[D]], %[[C0]]] : tensor<2x64x3xf32>
// CHECK-NEXT:      %[[S01:.+]] = tensor.extract %[[S0]][%[[B]], %[[D]], %[[C1]]] : tensor<2x64x3xf32>
// CHECK-NEXT:      %[[S02:.+]] = tensor.extract %[[S0]][%[[B]], %[[D]], %[[C2]]] : tensor<2x64x3xf32>
// CHECK-NEXT:      %[[L:[a-zA-Z0-9_]+]]:4 = scf.for %[[T:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C37]] step %[[C1]] iter_args(%[[V0:[a-zA-Z0-9_]+]] = %[[S00]], %[[V1:[a-zA-Z0-9_]+]] = %[[S01]], %[[V2:[a-zA-Z0-9_]+]] = %[[S02]], %[[Y:[a-zA-Z0-9_]+]] = %[[ROW]]) -> (f32, f32, f32, tensor<37xf32>) {
// CHECK-NEXT:        %[[XT:.+]] = tensor.extract %[[X]][%[[B]], %[[D]], %[[T]]] : tensor<2x64x37xf32>
// CHECK-NEXT:        %[[P0:.+]] = arith.mulf %[[W0]], %[[V0]] : f32
// CHECK-NEXT:        %[[A0:.+]] = arith.addf %[[BD]], %[[P0]] : f32
// CHECK-NEXT:        %[[P1:.+]] = arith.mulf %[[W1]], %[[V1]] : f32
// CHECK-NEXT:        %[[A1:.+]] = arith.addf %[[A0]], %[[P1]] : f32
// CHECK-NEXT:        %[[P2:.+]] = arith.mulf %[[W2]], %[[V2]] : f32
// CHECK-NEXT:        %[[A2:.+]] = arith.addf %[[A1]], %[[P2]] : f32
// CHECK-NEXT:        %[[P3:.+]] = arith.mulf %[[W3]], %[[XT]] : f32
// CHECK-NEXT:        %[[ACC:.+]] = arith.addf %[[A2]], %[[P3]] : f32
// CHECK-NEXT:        %[[NEG:.+]] = arith.negf %[[ACC]] : f32
// CHECK-NEXT:        %[[E:.+]] = math.exp %[[NEG]] : f32
// CHECK-NEXT:        %[[DEN:.+]] = arith.addf %[[E]], %[[ONE]] : f32
// CHECK-NEXT:        %[[SIG:.+]] = arith.divf %[[ONE]], %[[DEN]] : f32
// CHECK-NEXT:        %[[YT:.+]] = arith.mulf %[[ACC]], %[[SIG]] : f32
// CHECK-NEXT:        %[[INS:.+]] = tensor.insert %[[YT]] into %[[Y]][%[[T]]] : tensor<37xf32>
// CHECK-NEXT:        scf.yield %[[V1]], %[[V2]], %[[XT]], %[[INS]] : f32, f32, f32, tensor<37xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:      %[[WIN:.+]] = tensor.from_elements %[[L]]#0, %[[L]]#1, %[[L]]#2 : tensor<3xf32>
// CHECK-NEXT:      scf.forall.in_parallel {
// CHECK-NEXT:        tensor.parallel_insert_slice %[[L]]#3 into %[[SO]][%[[B]], %[[D]], 0] [1, 1, 37] [1, 1, 1] : tensor<37xf32> into tensor<2x64x37xf32>
// CHECK-NEXT:        tensor.parallel_insert_slice %[[WIN]] into %[[SF]][%[[B]], %[[D]], 0] [1, 1, 3] [1, 1, 1] : tensor<3xf32> into tensor<2x64x3xf32>
// CHECK:         return %[[R]]#0, %[[R]]#1
// LOOPS:         scf.forall (
// LOOPS-NOT:     scf.forall (
// LOOPS:         scf.for {{.+}} to %c37 step
// LOOPS-NOT:     scf.for
// LOOPS:         scf.forall.in_parallel
// LOOPS-NOT:     seq.
// LOOPS:         return
func.func @causal_conv1d_all_operands(
    %x: tensor<2x64x37xf32>, %w: tensor<64x4xf32>, %b: tensor<64xf32>,
    %s0: tensor<2x64x3xf32>) -> (tensor<2x64x37xf32>, tensor<2x64x3xf32>) {
  %y, %s = seq.causal_conv1d %x, %w bias(%b) initial_state(%s0)
      activation<silu>
      : (tensor<2x64x37xf32>, tensor<64x4xf32>, tensor<64xf32>,
         tensor<2x64x3xf32>) -> (tensor<2x64x37xf32>, tensor<2x64x3xf32>)
  return %y, %s : tensor<2x64x37xf32>, tensor<2x64x3xf32>
}

// -----

// f16, W = 2, nothing optional: the one window value starts at zero (f32),
// the sum at 0, there is no activation, and y is truncated to f16. Only y
// is returned.
// CHECK-LABEL: func.func @causal_conv1d_minimal
// CHECK-SAME:    (%[[X:[a-zA-Z0-9_]+]]: tensor<1x8x5xf16>, %[[W:[a-zA-Z0-9_]+]]: tensor<8x2xf16>)
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG:     %[[C5:.+]] = arith.constant 5 : index
// CHECK:         scf.forall (%[[B:[a-zA-Z0-9_]+]], %[[D:[a-zA-Z0-9_]+]]) in (1, 8) shared_outs(%[[SO:[a-zA-Z0-9_]+]] = %{{.+}}) -> (tensor<1x8x5xf16>)
// CHECK:           %[[W0H:.+]] = tensor.extract %[[W]][%[[D]], %[[C0]]] : tensor<8x2xf16>
// CHECK-NEXT:      %[[W0:.+]] = arith.extf %[[W0H]] : f16 to f32
// CHECK-NEXT:      %[[W1H:.+]] = tensor.extract %[[W]][%[[D]], %[[C1]]] : tensor<8x2xf16>
// CHECK-NEXT:      %[[W1:.+]] = arith.extf %[[W1H]] : f16 to f32
// CHECK-NEXT:      scf.for %[[T:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C5]] step %[[C1]] iter_args(%[[V0:[a-zA-Z0-9_]+]] = %[[ZERO]], %[[Y:[a-zA-Z0-9_]+]] = %{{.+}}) -> (f32, tensor<5xf16>) {
// CHECK-NEXT:        %[[XH:.+]] = tensor.extract %[[X]][%[[B]], %[[D]], %[[T]]] : tensor<1x8x5xf16>
// CHECK-NEXT:        %[[XT:.+]] = arith.extf %[[XH]] : f16 to f32
// CHECK-NEXT:        %[[P0:.+]] = arith.mulf %[[W0]], %[[V0]] : f32
// CHECK-NEXT:        %[[A0:.+]] = arith.addf %[[P0]], %[[ZERO]] : f32
// CHECK-NEXT:        %[[P1:.+]] = arith.mulf %[[W1]], %[[XT]] : f32
// CHECK-NEXT:        %[[ACC:.+]] = arith.addf %[[A0]], %[[P1]] : f32
// CHECK-NEXT:        %[[YH:.+]] = arith.truncf %[[ACC]] : f32 to f16
// CHECK-NEXT:        %[[INS:.+]] = tensor.insert %[[YH]] into %[[Y]][%[[T]]] : tensor<5xf16>
// CHECK-NEXT:        scf.yield %[[XT]], %[[INS]] : f32, tensor<5xf16>
// LOOPS-LABEL:   func.func @causal_conv1d_minimal
// LOOPS:         scf.for {{.+}} to %c5 step
// LOOPS-NOT:     scf.for
// LOOPS-NOT:     arith.negf
// LOOPS-NOT:     math.exp
// LOOPS:         scf.forall.in_parallel
// LOOPS-NOT:     seq.
// LOOPS:         return
func.func @causal_conv1d_minimal(%x: tensor<1x8x5xf16>, %w: tensor<8x2xf16>)
    -> tensor<1x8x5xf16> {
  %y = seq.causal_conv1d %x, %w
      : (tensor<1x8x5xf16>, tensor<8x2xf16>) -> tensor<1x8x5xf16>
  return %y : tensor<1x8x5xf16>
}

// -----

// Dynamic length and width: the W - 1 taps are computed from the weight,
// the shift count is max(W - 2, 0) and the append is guarded by W - 1 > 0;
// the final state is [B, D, W - 1].
// CHECK-LABEL: func.func @causal_conv1d_dynamic
// CHECK-SAME:    (%[[X:[a-zA-Z0-9_]+]]: tensor<2x4x?xf32>, %[[W:[a-zA-Z0-9_]+]]: tensor<4x?xf32>)
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG:     %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG:     %[[C2:.+]] = arith.constant 2 : index
// CHECK:         %[[L:.+]] = tensor.dim %[[X]], %[[C2]] : tensor<2x4x?xf32>
// CHECK:         %[[WD:.+]] = tensor.dim %[[W]], %[[C1]] : tensor<4x?xf32>
// CHECK:         %[[TAPS:.+]] = arith.subi %[[WD]], %[[C1]] : index
// CHECK:         %[[L2:.+]] = tensor.dim %[[X]], %[[C2]] : tensor<2x4x?xf32>
// CHECK:         %[[OUT:.+]] = tensor.empty(%[[L]]) : tensor<2x4x?xf32>
// CHECK:         %[[FIN:.+]] = tensor.empty(%[[TAPS]]) : tensor<2x4x?xf32>
// CHECK:         %[[R:[a-zA-Z0-9_]+]]:2 = scf.forall (%[[B:[a-zA-Z0-9_]+]], %[[D:[a-zA-Z0-9_]+]]) in (2, 4) shared_outs(%[[SO:[a-zA-Z0-9_]+]] = %[[OUT]], %[[SF:[a-zA-Z0-9_]+]] = %[[FIN]]) -> (tensor<2x4x?xf32>, tensor<2x4x?xf32>) {
// CHECK-NEXT:      %[[ROW:.+]] = tensor.extract_slice %[[SO]][%[[B]], %[[D]], 0] [1, 1, %[[L]]] [1, 1, 1] : tensor<2x4x?xf32> to tensor<?xf32>
// CHECK-NEXT:      %[[E:.+]] = tensor.empty(%[[TAPS]]) : tensor<?xf32>
// CHECK-NEXT:      %[[WIN0:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[E]] : tensor<?xf32>) -> tensor<?xf32>
// CHECK-NEXT:      %[[T0:[a-zA-Z0-9_]+]]:2 = scf.for %[[T:[a-zA-Z0-9_]+]] = %[[C0]] to %[[L2]] step %[[C1]] iter_args(%[[WIN:[a-zA-Z0-9_]+]] = %[[WIN0]], %[[Y:[a-zA-Z0-9_]+]] = %[[ROW]]) -> (tensor<?xf32>, tensor<?xf32>) {
// CHECK-NEXT:        %[[XT:.+]] = tensor.extract %[[X]][%[[B]], %[[D]], %[[T]]] : tensor<2x4x?xf32>
// CHECK-NEXT:        %[[WLAST:.+]] = tensor.extract %[[W]][%[[D]], %[[TAPS]]] : tensor<4x?xf32>
// CHECK-NEXT:        %[[LAST:.+]] = arith.mulf %[[WLAST]], %[[XT]] : f32
// CHECK-NEXT:        %[[INIT:.+]] = arith.addf %[[LAST]], %[[ZERO]] : f32
// CHECK-NEXT:        %[[ACC:.+]] = scf.for %[[I:[a-zA-Z0-9_]+]] = %[[C0]] to %[[TAPS]] step %[[C1]] iter_args(%[[SUM:[a-zA-Z0-9_]+]] = %[[INIT]]) -> (f32) {
// CHECK-NEXT:          %[[XW:.+]] = tensor.extract %[[WIN]][%[[I]]] : tensor<?xf32>
// CHECK-NEXT:          %[[WI:.+]] = tensor.extract %[[W]][%[[D]], %[[I]]] : tensor<4x?xf32>
// CHECK-NEXT:          %[[TERM:.+]] = arith.mulf %[[WI]], %[[XW]] : f32
// CHECK-NEXT:          %[[NEXT:.+]] = arith.addf %[[SUM]], %[[TERM]] : f32
// CHECK-NEXT:          scf.yield %[[NEXT]] : f32
// CHECK-NEXT:        }
// CHECK-NEXT:        %[[TM1:.+]] = arith.subi %[[TAPS]], %[[C1]] : index
// CHECK-NEXT:        %[[SHIFTS:.+]] = arith.maxsi %[[TM1]], %[[C0]] : index
// CHECK-NEXT:        %[[SHIFTED:.+]] = scf.for %[[J:[a-zA-Z0-9_]+]] = %[[C0]] to %[[SHIFTS]] step %[[C1]] iter_args(%[[SW:[a-zA-Z0-9_]+]] = %[[WIN]]) -> (tensor<?xf32>) {
// CHECK-NEXT:          %[[J1:.+]] = arith.addi %[[J]], %[[C1]] : index
// CHECK-NEXT:          %[[MOVED:.+]] = tensor.extract %[[SW]][%[[J1]]] : tensor<?xf32>
// CHECK-NEXT:          %[[SWN:.+]] = tensor.insert %[[MOVED]] into %[[SW]][%[[J]]] : tensor<?xf32>
// CHECK-NEXT:          scf.yield %[[SWN]] : tensor<?xf32>
// CHECK-NEXT:        }
// CHECK-NEXT:        %[[SLOT:.+]] = arith.subi %[[TAPS]], %[[C1]] : index
// CHECK-NEXT:        %[[HAS:.+]] = arith.cmpi sgt, %[[TAPS]], %[[C0]] : index
// CHECK-NEXT:        %[[NEWWIN:.+]] = scf.if %[[HAS]] -> (tensor<?xf32>) {
// CHECK-NEXT:          %[[APP:.+]] = tensor.insert %[[XT]] into %[[SHIFTED]][%[[SLOT]]] : tensor<?xf32>
// CHECK-NEXT:          scf.yield %[[APP]] : tensor<?xf32>
// CHECK-NEXT:        } else {
// CHECK-NEXT:          scf.yield %[[SHIFTED]] : tensor<?xf32>
// CHECK-NEXT:        }
// CHECK-NEXT:        %[[YNEW:.+]] = tensor.insert %[[ACC]] into %[[Y]][%[[T]]] : tensor<?xf32>
// CHECK-NEXT:        scf.yield %[[NEWWIN]], %[[YNEW]] : tensor<?xf32>, tensor<?xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:      scf.forall.in_parallel {
// CHECK-NEXT:        tensor.parallel_insert_slice %[[T0]]#1 into %[[SO]][%[[B]], %[[D]], 0] [1, 1, %[[L]]] [1, 1, 1] : tensor<?xf32> into tensor<2x4x?xf32>
// CHECK-NEXT:        tensor.parallel_insert_slice %[[T0]]#0 into %[[SF]][%[[B]], %[[D]], 0] [1, 1, %[[TAPS]]] [1, 1, 1] : tensor<?xf32> into tensor<2x4x?xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    return %[[R]]#0, %[[R]]#1 : tensor<2x4x?xf32>, tensor<2x4x?xf32>
// CHECK-NOT:     seq.

// LOOPS-LABEL: func.func @causal_conv1d_dynamic
// LOOPS-NOT:     seq.
// LOOPS:         scf.forall (
// LOOPS-NOT:     scf.forall (
// LOOPS:         scf.for
// LOOPS:         scf.for
// LOOPS:         scf.for
// LOOPS-NOT:     scf.forall (
// LOOPS-NOT:     scf.for
// LOOPS:         scf.forall.in_parallel
// LOOPS-NOT:     seq.
// LOOPS:         return
func.func @causal_conv1d_dynamic(%x: tensor<2x4x?xf32>, %w: tensor<4x?xf32>)
    -> (tensor<2x4x?xf32>, tensor<2x4x?xf32>) {
  %y, %s = seq.causal_conv1d %x, %w
      : (tensor<2x4x?xf32>, tensor<4x?xf32>)
      -> (tensor<2x4x?xf32>, tensor<2x4x?xf32>)
  return %y, %s : tensor<2x4x?xf32>, tensor<2x4x?xf32>
}


// -----

// One decode step: no time loop; the window is the row of `state` read as
// scalars, y a 0-d tensor at (b, d), and the shifted window (state[1:] and
// x) the new state.
// CHECK-LABEL: func.func @causal_conv1d_step
// CHECK-SAME:    (%[[X:[a-zA-Z0-9_]+]]: tensor<2x64xf32>, %[[W:[a-zA-Z0-9_]+]]: tensor<64x4xf32>, %[[BIAS:[a-zA-Z0-9_]+]]: tensor<64xf32>, %[[S:[a-zA-Z0-9_]+]]: tensor<2x64x3xf32>)
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG:     %[[C2:.+]] = arith.constant 2 : index
// CHECK-DAG:     %[[C3:.+]] = arith.constant 3 : index
// CHECK:         %[[R:[a-zA-Z0-9_]+]]:2 = scf.forall (%[[B:[a-zA-Z0-9_]+]], %[[D:[a-zA-Z0-9_]+]]) in (2, 64) shared_outs(%[[SO:[a-zA-Z0-9_]+]] = %{{.+}}, %[[SS:[a-zA-Z0-9_]+]] = %{{.+}}) -> (tensor<2x64xf32>, tensor<2x64x3xf32>) {
// CHECK:           %[[S0:.+]] = tensor.extract %[[S]][%[[B]], %[[D]], %[[C0]]] : tensor<2x64x3xf32>
// CHECK-NEXT:      %[[S1:.+]] = tensor.extract %[[S]][%[[B]], %[[D]], %[[C1]]] : tensor<2x64x3xf32>
// CHECK-NEXT:      %[[S2:.+]] = tensor.extract %[[S]][%[[B]], %[[D]], %[[C2]]] : tensor<2x64x3xf32>
// CHECK-NEXT:      %[[XT:.+]] = tensor.extract %[[X]][%[[B]], %[[D]]] : tensor<2x64xf32>
// CHECK:           %[[SIG:.+]] = arith.divf
// CHECK-NEXT:      %[[YT:.+]] = arith.mulf %{{.+}}, %[[SIG]] : f32
// CHECK-NEXT:      %[[NEW:.+]] = tensor.from_elements %[[S1]], %[[S2]], %[[XT]] : tensor<3xf32>
// CHECK-NEXT:      %[[Y0:.+]] = tensor.from_elements %[[YT]] : tensor<f32>
// CHECK-NEXT:      scf.forall.in_parallel {
// CHECK-NEXT:        tensor.parallel_insert_slice %[[Y0]] into %[[SO]][%[[B]], %[[D]]] [1, 1] [1, 1] : tensor<f32> into tensor<2x64xf32>
// CHECK-NEXT:        tensor.parallel_insert_slice %[[NEW]] into %[[SS]][%[[B]], %[[D]], 0] [1, 1, 3] [1, 1, 1] : tensor<3xf32> into tensor<2x64x3xf32>
// LOOPS-LABEL:   func.func @causal_conv1d_step
// LOOPS:         scf.forall (
// LOOPS-NOT:     scf.for
// LOOPS:         scf.forall.in_parallel
// LOOPS-NOT:     seq.
// LOOPS:         return
func.func @causal_conv1d_step(%x: tensor<2x64xf32>, %w: tensor<64x4xf32>,
                              %b: tensor<64xf32>, %s: tensor<2x64x3xf32>)
    -> (tensor<2x64xf32>, tensor<2x64x3xf32>) {
  %y, %s1 = seq.causal_conv1d_step %x, %w bias(%b) state(%s)
      activation<silu>
      : (tensor<2x64xf32>, tensor<64x4xf32>, tensor<64xf32>,
         tensor<2x64x3xf32>) -> (tensor<2x64xf32>, tensor<2x64x3xf32>)
  return %y, %s1 : tensor<2x64xf32>, tensor<2x64x3xf32>
}
