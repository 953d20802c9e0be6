// convert-seq-to-linalg on seq.selective_scan and seq.selective_scan_step
// (SelectiveScanToLoops.cpp): one scf.forall over (batch, block of 16
// channels); each row carries its [N, 16] state tile (zeros, or the initial
// state transposed in) through the time loop and a [3, 16] scratch of dt,
// dt * u and y. Per step: a loop over the block's channels forms dt (bias,
// softplus) and dt * u; the state sweep runs over n, then over the
// channels, with exp(dt * A) read from A transposed to [N, D]; a last loop
// over the channels adds the D skip, gates with silu(z) and writes y. B and
// C are read once per n for the block when all its channels are in one
// group, else per channel.
// RUN: seqc-opt %s --split-input-file --convert-seq-to-linalg | FileCheck %s
// RUN: seqc-opt %s --split-input-file --convert-seq-to-linalg | FileCheck %s --check-prefix=LOOPS

// Every operand: G = 2 groups of time-varying B and C over D = 8 channels
// (4 per group, so per-channel group reads d / 4), delta_bias then
// softplus, D skip, silu(z), an initial and the final state. One block of
// width min(8 - d0, 16).
// CHECK-LABEL: func.func @selective_scan_grouped
// CHECK-SAME:    (%[[U:[a-zA-Z0-9_]+]]: tensor<2x8x33xf32>, %[[DELTA:[a-zA-Z0-9_]+]]: tensor<2x8x33xf32>, %[[A:[a-zA-Z0-9_]+]]: tensor<8x16xf32>, %[[B:[a-zA-Z0-9_]+]]: tensor<2x2x16x33xf32>, %[[C:[a-zA-Z0-9_]+]]: tensor<2x2x16x33xf32>, %[[D:[a-zA-Z0-9_]+]]: tensor<8xf32>, %[[Z:[a-zA-Z0-9_]+]]: tensor<2x8x33xf32>, %[[BIAS:[a-zA-Z0-9_]+]]: tensor<8xf32>, %[[H0:[a-zA-Z0-9_]+]]: tensor<2x8x16xf32>)
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG:     %[[C2:.+]] = arith.constant 2 : index
// CHECK-DAG:     %[[C4:.+]] = arith.constant 4 : index
// CHECK-DAG:     %[[C16:.+]] = arith.constant 16 : index
// CHECK-DAG:     %[[C33:.+]] = arith.constant 33 : index
// CHECK-DAG:     %[[TWENTY:.+]] = arith.constant 2.000000e+01 : f32
// CHECK:         %[[AT:.+]] = linalg.transpose ins(%[[A]] : tensor<8x16xf32>) outs(%{{.+}} : tensor<16x8xf32>) permutation = [1, 0]
// CHECK:         %[[BT:.+]] = linalg.transpose ins(%[[B]] : tensor<2x2x16x33xf32>) outs(%{{.+}} : tensor<2x2x33x16xf32>) permutation = [0, 1, 3, 2]
// CHECK:         %[[CT:.+]] = linalg.transpose ins(%[[C]] : tensor<2x2x16x33xf32>) outs(%{{.+}} : tensor<2x2x33x16xf32>) permutation = [0, 1, 3, 2]
// CHECK:         scf.forall (%[[BI:[a-zA-Z0-9_]+]], %[[BLK:[a-zA-Z0-9_]+]]) in (2, %{{.+}}) shared_outs(%[[SO:[a-zA-Z0-9_]+]] = %{{.+}}, %[[SF:[a-zA-Z0-9_]+]] = %{{.+}})
// CHECK:           %[[D0:.+]] = arith.muli %[[BLK]], %[[C16]] : index
// CHECK:           %[[LEFT:.+]] = arith.subi %{{.+}}, %[[D0]] : index
// CHECK:           %[[W:.+]] = arith.minui %[[LEFT]], %[[C16]] : index
// CHECK:           linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<16x16xf32>)
// CHECK:           tensor.extract %[[H0]][%[[BI]], %{{.+}}, %{{.+}}] : tensor<2x8x16xf32>
// CHECK:           %[[SLAB:.+]] = tensor.extract_slice %[[SO]][%[[BI]], %[[D0]], 0] [1, %[[W]], 33] [1, 1, 1] : tensor<2x8x33xf32> to tensor<1x?x33xf32>
// CHECK:           %[[SCRATCH:.+]] = tensor.empty() : tensor<3x16xf32>
// CHECK:           scf.for %[[T:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C33]] step %[[C1]] iter_args(%[[TILE:[a-zA-Z0-9_]+]] = %{{.+}}, %[[OS:[a-zA-Z0-9_]+]] = %[[SLAB]], %[[S:[a-zA-Z0-9_]+]] = %[[SCRATCH]]) -> (tensor<16x16xf32>, tensor<1x?x33xf32>, tensor<3x16xf32>) {
// CHECK-NEXT:        %[[PRE:.+]] = scf.for %[[CC:[a-zA-Z0-9_]+]] = %[[C0]] to %[[W]] step %[[C1]] iter_args(%[[SP:[a-zA-Z0-9_]+]] = %[[S]])
// CHECK-NEXT:          %[[CH:.+]] = arith.addi %[[D0]], %[[CC]] : index
// CHECK-NEXT:          %[[DT0:.+]] = tensor.extract %[[DELTA]][%[[BI]], %[[CH]], %[[T]]] : tensor<2x8x33xf32>
// CHECK:               %[[BV:.+]] = tensor.extract %[[BIAS]][%{{.+}}] : tensor<8xf32>
// CHECK-NEXT:          %[[DTB:.+]] = arith.addf %[[DT0]], %[[BV]] : f32
// CHECK-NEXT:          arith.cmpf ogt, %[[DTB]], %[[TWENTY]] : f32
// CHECK:               math.log1p
// CHECK:               %[[DT:.+]] = arith.select
// CHECK-NEXT:          tensor.insert %[[DT]] into %[[SP]][%[[C0]], %[[CC]]] : tensor<3x16xf32>
// CHECK:               %[[UV:.+]] = tensor.extract %[[U]][%[[BI]], %{{.+}}, %[[T]]] : tensor<2x8x33xf32>
// CHECK-NEXT:          %[[WV:.+]] = arith.mulf %[[DT]], %[[UV]] : f32
// CHECK-NEXT:          tensor.insert %[[WV]] into %{{.+}}[%[[C1]], %[[CC]]] : tensor<3x16xf32>
// CHECK-NEXT:          tensor.insert %{{.+}} into %{{.+}}[%[[C2]], %[[CC]]] : tensor<3x16xf32>
// CHECK:             %[[SWEEP:.+]]:2 = scf.for %[[N:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C16]] step %[[C1]] iter_args(%{{.+}} = %[[TILE]], %{{.+}} = %[[PRE]])
// CHECK-NEXT:          scf.for %[[CC2:[a-zA-Z0-9_]+]] = %[[C0]] to %[[W]] step %[[C1]]
// CHECK-NEXT:            %[[DTN:.+]] = tensor.extract %{{.+}}[%[[C0]], %[[CC2]]] : tensor<3x16xf32>
// CHECK-NEXT:            %[[CH2:.+]] = arith.addi %[[D0]], %[[CC2]] : index
// CHECK-NEXT:            %[[AV:.+]] = tensor.extract %[[AT]][%[[N]], %[[CH2]]] : tensor<16x8xf32>
// CHECK-NEXT:            %[[ARG:.+]] = arith.mulf %[[DTN]], %[[AV]] : f32
// CHECK-NEXT:            math.exp %[[ARG]] : f32
// CHECK-NEXT:            %[[CH3:.+]] = arith.addi %[[D0]], %[[CC2]] : index
// CHECK-NEXT:            %[[G:.+]] = arith.divui %[[CH3]], %[[C4]] : index
// CHECK-NEXT:            tensor.extract %[[BT]][%[[BI]], %[[G]], %[[T]], %[[N]]] : tensor<2x2x33x16xf32>
// CHECK:                 tensor.extract %[[CT]][%[[BI]], %{{.+}}, %[[T]], %[[N]]] : tensor<2x2x33x16xf32>
// CHECK:             scf.for %{{.+}} = %[[C0]] to %[[W]] step %[[C1]] iter_args(%[[OW:[a-zA-Z0-9_]+]] = %[[OS]])
// CHECK-NEXT:          %[[Y:.+]] = tensor.extract %[[SWEEP]]#1[%[[C2]], %{{.+}}] : tensor<3x16xf32>
// CHECK:               tensor.extract %[[D]][%{{.+}}] : tensor<8xf32>
// CHECK:               tensor.extract %[[Z]][%[[BI]], %{{.+}}, %[[T]]] : tensor<2x8x33xf32>
// CHECK:               math.exp
// CHECK:               tensor.insert %{{.+}} into %[[OW]][%[[C0]], %{{.+}}, %[[T]]] : tensor<1x?x33xf32>
// CHECK:           scf.forall.in_parallel {
// CHECK-NEXT:        tensor.parallel_insert_slice %{{.+}} into %[[SO]][%[[BI]], %[[D0]], 0] [1, %[[W]], 33] [1, 1, 1] : tensor<1x?x33xf32> into tensor<2x8x33xf32>
// CHECK-NEXT:        tensor.parallel_insert_slice %{{.+}} into %[[SF]][%[[BI]], %[[D0]], 0] [1, %[[W]], 16] [1, 1, 1] : tensor<1x?x16xf32> into tensor<2x8x16xf32>
// CHECK-NOT:     seq.

// LOOPS-LABEL: func.func @selective_scan_grouped
// LOOPS:         scf.forall
// LOOPS:         scf.for {{.+}} to %c33 step
// LOOPS-NOT:     tensor.empty
// LOOPS:         scf.yield {{.+}} : tensor<16x16xf32>, tensor<1x?x33xf32>, tensor<3x16xf32>
// LOOPS:         scf.forall.in_parallel
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

// Time-invariant B and C ([D, N], read per channel from [N, D]), nothing
// optional: no softplus, no D skip, no gate. bf16 data is extended to f32
// on every load; y is truncated back to bf16.
// CHECK-LABEL: func.func @selective_scan_time_invariant
// CHECK-SAME:    (%[[U:[a-zA-Z0-9_]+]]: tensor<1x4x5xbf16>, %{{.+}}: tensor<4x16xf32>, %[[B:[a-zA-Z0-9_]+]]: tensor<4x16xbf16>)
// CHECK:         %[[BT:.+]] = linalg.transpose ins(%[[B]] : tensor<4x16xbf16>) outs(%{{.+}} : tensor<16x4xbf16>) permutation = [1, 0]
// CHECK:         scf.forall
// CHECK-NOT:       math.log1p
// CHECK:             scf.for %[[N:[a-zA-Z0-9_]+]] = %c0 to %c16 step %c1 iter_args({{.+}}) -> (tensor<16x16xf32>, tensor<3x16xf32>)
// CHECK:               tensor.extract %[[BT]][%[[N]], %{{.+}}] : tensor<16x4xbf16>
// CHECK-NEXT:          arith.extf
// CHECK:             arith.truncf %{{.+}} : f32 to bf16
// CHECK-NOT:         math.exp
// CHECK:           scf.forall.in_parallel
func.func @selective_scan_time_invariant(
    %u: tensor<1x4x5xbf16>, %A: tensor<4x16xf32>, %B: tensor<4x16xbf16>)
    -> tensor<1x4x5xbf16> {
  %y = seq.selective_scan %u, %u, %A, %B, %B
      : (tensor<1x4x5xbf16>, tensor<1x4x5xbf16>, tensor<4x16xf32>,
         tensor<4x16xbf16>, tensor<4x16xbf16>) -> tensor<1x4x5xbf16>
  return %y : tensor<1x4x5xbf16>
}

// -----

// Only C is time-varying: the group comes from C ([B, G, N, L], 4
// channels per group, read per channel); B is read per channel from [N, D].
// CHECK-LABEL: func.func @selective_scan_only_c_varying
// CHECK-DAG:     %[[C4:.+]] = arith.constant 4 : index
// CHECK:         %[[BT:.+]] = linalg.transpose ins(%{{.+}} : tensor<8x4xf32>) outs(%{{.+}} : tensor<4x8xf32>) permutation = [1, 0]
// CHECK:         %[[CT:.+]] = linalg.transpose ins(%{{.+}} : tensor<2x2x4x7xf32>) outs(%{{.+}} : tensor<2x2x7x4xf32>) permutation = [0, 1, 3, 2]
// CHECK:               tensor.extract %[[BT]][%{{.+}}, %{{.+}}] : tensor<4x8xf32>
// CHECK:               %[[G:.+]] = arith.divui %{{.+}}, %[[C4]] : index
// CHECK-NEXT:          tensor.extract %[[CT]][%{{.+}}, %[[G]], %{{.+}}, %{{.+}}] : tensor<2x2x7x4xf32>
func.func @selective_scan_only_c_varying(
    %u: tensor<2x8x7xf32>, %A: tensor<8x4xf32>, %B: tensor<8x4xf32>,
    %C: tensor<2x2x4x7xf32>) -> tensor<2x8x7xf32> {
  %y = seq.selective_scan %u, %u, %A, %B, %C
      : (tensor<2x8x7xf32>, tensor<2x8x7xf32>, tensor<8x4xf32>,
         tensor<8x4xf32>, tensor<2x2x4x7xf32>) -> tensor<2x8x7xf32>
  return %y : tensor<2x8x7xf32>
}

// -----

// One decode step: no time loop; u, delta and z read at [b, d0 + c]; the
// new state is written back transposed from the tile.
// CHECK-LABEL: func.func @selective_scan_step
// CHECK-SAME:    (%[[U:[a-zA-Z0-9_]+]]: tensor<2x8xf32>,
// CHECK:         scf.forall (%[[BI:[a-zA-Z0-9_]+]], %{{.+}}) in (2, %{{.+}})
// CHECK-NOT:       scf.for {{.+}} to %c33
// CHECK:           tensor.extract %[[U]][%[[BI]], %{{.+}}] : tensor<2x8xf32>
// CHECK:           scf.forall.in_parallel {
// CHECK-NEXT:        tensor.parallel_insert_slice %{{.+}} into %{{.+}}[%[[BI]], %{{.+}}] [1, %{{.+}}] [1, 1] : tensor<1x?xf32> into tensor<2x8xf32>
// CHECK-NEXT:        tensor.parallel_insert_slice %{{.+}} into %{{.+}}[%[[BI]], %{{.+}}, 0] [1, %{{.+}}, 16] [1, 1, 1] : tensor<1x?x16xf32> into tensor<2x8x16xf32>
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

// D = 40 channels in one group: three blocks (16, 16, 8 wide); B and C are
// read once per (t, n) for the whole block, before the loop over channels.
// CHECK-LABEL: func.func @selective_scan_shared_group
// CHECK-SAME:    (%{{.+}}: tensor<1x40x9xf32>, %{{.+}}: tensor<40x4xf32>, %[[B:[a-zA-Z0-9_]+]]: tensor<1x1x4x9xf32>
// CHECK:         %[[BT:.+]] = linalg.transpose ins(%[[B]]
// CHECK:         scf.forall (%[[BI:[a-zA-Z0-9_]+]], %{{.+}}) in (1, %{{.+}})
// CHECK:             scf.for %[[N:[a-zA-Z0-9_]+]] = %c0 to %c4 step %c1 iter_args({{.+}}) -> (tensor<4x16xf32>, tensor<3x16xf32>)
// CHECK-NEXT:          %[[BN:.+]] = tensor.extract %[[BT]][%[[BI]], %[[G:.+]], %[[T:.+]], %[[N]]] : tensor<1x1x9x4xf32>
// CHECK-NEXT:          %[[CN:.+]] = tensor.extract %{{.+}}[%[[BI]], %[[G]], %[[T]], %[[N]]] : tensor<1x1x9x4xf32>
// CHECK-NEXT:          scf.for
// CHECK-NOT:             tensor.extract %[[BT]]
// CHECK:                 arith.mulf %[[BN]],
// CHECK:                 arith.mulf %[[CN]],
func.func @selective_scan_shared_group(
    %u: tensor<1x40x9xf32>, %A: tensor<40x4xf32>, %B: tensor<1x1x4x9xf32>,
    %C: tensor<1x1x4x9xf32>) -> tensor<1x40x9xf32> {
  %y = seq.selective_scan %u, %u, %A, %B, %C
      : (tensor<1x40x9xf32>, tensor<1x40x9xf32>, tensor<40x4xf32>,
         tensor<1x1x4x9xf32>, tensor<1x1x4x9xf32>) -> tensor<1x40x9xf32>
  return %y : tensor<1x40x9xf32>
}
