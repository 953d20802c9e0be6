// convert-seq-to-linalg on seq.rms_norm (NormToLinalg.cpp): one scf.forall
// over the leading dims and the G groups; per row and group a loop sums the
// squares of v = x (* silu(z)) (a reassociable sum, which LLVM
// vectorizes), then y = v * (1 / sqrt(sum / width + eps)) * w
// in a second loop over the group, written as a slice of the output.
// RUN: seqc-opt %s --split-input-file --convert-seq-to-linalg | FileCheck %s

// Defaults: eps = 1e-5, one group (the group loop covers all 64 channels).
// CHECK-LABEL: func.func @rms_norm_default
// CHECK-SAME:    (%[[X:[a-zA-Z0-9_]+]]: tensor<4x64xf32>, %[[W:[a-zA-Z0-9_]+]]: tensor<64xf32>)
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG:     %[[ONE:.+]] = arith.constant 1.000000e+00 : f32
// CHECK-DAG:     %[[EPS:.+]] = arith.constant 9.99999974E-6 : f32
// CHECK-DAG:     %[[WIDTH:.+]] = arith.constant 6.400000e+01 : f32
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG:     %[[C64:.+]] = arith.constant 64 : index
// CHECK:         %[[OUT:.+]] = tensor.empty() : tensor<4x64xf32>
// CHECK:         %[[R:.+]] = scf.forall (%[[M:[a-zA-Z0-9_]+]], %[[G:[a-zA-Z0-9_]+]]) in (4, 1) shared_outs(%[[SO:[a-zA-Z0-9_]+]] = %[[OUT]]) -> (tensor<4x64xf32>) {
// CHECK-NEXT:      %[[START:.+]] = arith.muli %[[G]], %[[C64]] : index
// CHECK-NEXT:      %[[SUM:.+]] = scf.for %[[I:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C64]] step %[[C1]] iter_args(%[[ACC:[a-zA-Z0-9_]+]] = %[[ZERO]]) -> (f32) {
// CHECK-NEXT:        %[[CH:.+]] = arith.addi %[[START]], %[[I]] : index
// CHECK-NEXT:        %[[V:.+]] = tensor.extract %[[X]][%[[M]], %[[CH]]] : tensor<4x64xf32>
// CHECK-NEXT:        %[[SQ:.+]] = arith.mulf %[[V]], %[[V]] : f32
// CHECK-NEXT:        %[[NEXT:.+]] = arith.addf %[[ACC]], %[[SQ]] fastmath<reassoc> : f32
// CHECK-NEXT:        scf.yield %[[NEXT]] : f32
// CHECK-NEXT:      }
// CHECK-NEXT:      %[[MEAN:.+]] = arith.divf %[[SUM]], %[[WIDTH]] : f32
// CHECK-NEXT:      %[[MEPS:.+]] = arith.addf %[[MEAN]], %[[EPS]] : f32
// CHECK-NEXT:      %[[RMS:.+]] = math.sqrt %[[MEPS]] : f32
// CHECK-NEXT:      %[[INV:.+]] = arith.divf %[[ONE]], %[[RMS]] : f32
// CHECK-NEXT:      %[[ROW:.+]] = tensor.extract_slice %[[SO]][%[[M]], %[[START]]] [1, %[[C64]]] [1, 1] : tensor<4x64xf32> to tensor<?xf32>
// CHECK-NEXT:      %[[Y:.+]] = scf.for %[[J:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C64]] step %[[C1]] iter_args(%[[YR:[a-zA-Z0-9_]+]] = %[[ROW]]) -> (tensor<?xf32>) {
// CHECK-NEXT:        %[[WCH:.+]] = arith.addi %[[START]], %[[J]] : index
// CHECK-NEXT:        %[[WJ:.+]] = tensor.extract %[[W]][%[[WCH]]] : tensor<64xf32>
// CHECK-NEXT:        %[[XCH:.+]] = arith.addi %[[START]], %[[J]] : index
// CHECK-NEXT:        %[[XJ:.+]] = tensor.extract %[[X]][%[[M]], %[[XCH]]] : tensor<4x64xf32>
// CHECK-NEXT:        %[[NORMED:.+]] = arith.mulf %[[XJ]], %[[INV]] : f32
// CHECK-NEXT:        %[[SCALED:.+]] = arith.mulf %[[NORMED]], %[[WJ]] : f32
// CHECK-NEXT:        %[[YN:.+]] = tensor.insert %[[SCALED]] into %[[YR]][%[[J]]] : tensor<?xf32>
// CHECK-NEXT:        scf.yield %[[YN]] : tensor<?xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:      scf.forall.in_parallel {
// CHECK-NEXT:        tensor.parallel_insert_slice %[[Y]] into %[[SO]][%[[M]], %[[START]]] [1, %[[C64]]] [1, 1] : tensor<?xf32> into tensor<4x64xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    return %[[R]] : tensor<4x64xf32>
// CHECK-NOT:     seq.
func.func @rms_norm_default(%x: tensor<4x64xf32>, %w: tensor<64xf32>)
    -> tensor<4x64xf32> {
  %y = seq.rms_norm %x, %w : (tensor<4x64xf32>, tensor<64xf32>) -> tensor<4x64xf32>
  return %y : tensor<4x64xf32>
}

// -----

// Mamba-2's gated, grouped norm: 8 groups of 64 channels, each normalized
// on its own (the forall covers them), v = x * silu(z) in both loops.
// CHECK-LABEL: func.func @rms_norm_grouped_gated
// CHECK-SAME:    (%[[X:[a-zA-Z0-9_]+]]: tensor<2x17x512xf32>, %[[W:[a-zA-Z0-9_]+]]: tensor<512xf32>, %[[Z:[a-zA-Z0-9_]+]]: tensor<2x17x512xf32>)
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG:     %[[EPS:.+]] = arith.constant 9.99999997E-7 : f32
// CHECK-DAG:     %[[WIDTH:.+]] = arith.constant 6.400000e+01 : f32
// CHECK-DAG:     %[[ONE:.+]] = arith.constant 1.000000e+00 : f32
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG:     %[[C64:.+]] = arith.constant 64 : index
// CHECK:         %[[OUT:.+]] = tensor.empty() : tensor<2x17x512xf32>
// CHECK:         %[[R:.+]] = scf.forall (%[[B:[a-zA-Z0-9_]+]], %[[T:[a-zA-Z0-9_]+]], %[[G:[a-zA-Z0-9_]+]]) in (2, 17, 8) shared_outs(%[[SO:[a-zA-Z0-9_]+]] = %[[OUT]]) -> (tensor<2x17x512xf32>) {
// CHECK-NEXT:      %[[START:.+]] = arith.muli %[[G]], %[[C64]] : index
// CHECK-NEXT:      %[[SUM:.+]] = scf.for %[[I:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C64]] step %[[C1]] iter_args(%[[ACC:[a-zA-Z0-9_]+]] = %[[ZERO]]) -> (f32) {
// CHECK-NEXT:        %[[CH:.+]] = arith.addi %[[START]], %[[I]] : index
// CHECK-NEXT:        %[[XV:.+]] = tensor.extract %[[X]][%[[B]], %[[T]], %[[CH]]] : tensor<2x17x512xf32>
// CHECK-NEXT:        %[[ZCH:.+]] = arith.addi %[[START]], %[[I]] : index
// CHECK-NEXT:        %[[ZV:.+]] = tensor.extract %[[Z]][%[[B]], %[[T]], %[[ZCH]]] : tensor<2x17x512xf32>
// CHECK-NEXT:        %[[NEG:.+]] = arith.negf %[[ZV]] : f32
// CHECK-NEXT:        %[[EN:.+]] = math.exp %[[NEG]] : f32
// CHECK-NEXT:        %[[DEN:.+]] = arith.addf %[[EN]], %[[ONE]] : f32
// CHECK-NEXT:        %[[SIG:.+]] = arith.divf %[[ONE]], %[[DEN]] : f32
// CHECK-NEXT:        %[[SILU:.+]] = arith.mulf %[[ZV]], %[[SIG]] : f32
// CHECK-NEXT:        %[[V:.+]] = arith.mulf %[[XV]], %[[SILU]] : f32
// CHECK-NEXT:        %[[SQ:.+]] = arith.mulf %[[V]], %[[V]] : f32
// CHECK-NEXT:        %[[NEXT:.+]] = arith.addf %[[ACC]], %[[SQ]] fastmath<reassoc> : f32
// CHECK-NEXT:        scf.yield %[[NEXT]] : f32
// CHECK-NEXT:      }
// CHECK-NEXT:      %[[MEAN:.+]] = arith.divf %[[SUM]], %[[WIDTH]] : f32
// CHECK-NEXT:      %[[MEPS:.+]] = arith.addf %[[MEAN]], %[[EPS]] : f32
// CHECK-NEXT:      %[[RMS:.+]] = math.sqrt %[[MEPS]] : f32
// CHECK-NEXT:      %[[INV:.+]] = arith.divf %[[ONE]], %[[RMS]] : f32
// CHECK-NEXT:      %[[ROW:.+]] = tensor.extract_slice %[[SO]][%[[B]], %[[T]], %[[START]]] [1, 1, %[[C64]]] [1, 1, 1] : tensor<2x17x512xf32> to tensor<?xf32>
// CHECK-NEXT:      %[[Y:.+]] = scf.for %[[J:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C64]] step %[[C1]] iter_args(%[[YR:[a-zA-Z0-9_]+]] = %[[ROW]]) -> (tensor<?xf32>) {
// CHECK-NEXT:        %[[WCH:.+]] = arith.addi %[[START]], %[[J]] : index
// CHECK-NEXT:        %[[WJ:.+]] = tensor.extract %[[W]][%[[WCH]]] : tensor<512xf32>
// CHECK-NEXT:        %[[XCH:.+]] = arith.addi %[[START]], %[[J]] : index
// CHECK-NEXT:        %[[XJ:.+]] = tensor.extract %[[X]][%[[B]], %[[T]], %[[XCH]]] : tensor<2x17x512xf32>
// CHECK-NEXT:        %[[ZCH2:.+]] = arith.addi %[[START]], %[[J]] : index
// CHECK-NEXT:        %[[ZJ:.+]] = tensor.extract %[[Z]][%[[B]], %[[T]], %[[ZCH2]]] : tensor<2x17x512xf32>
// CHECK-NEXT:        %[[NEG2:.+]] = arith.negf %[[ZJ]] : f32
// CHECK-NEXT:        %[[EN2:.+]] = math.exp %[[NEG2]] : f32
// CHECK-NEXT:        %[[DEN2:.+]] = arith.addf %[[EN2]], %[[ONE]] : f32
// CHECK-NEXT:        %[[SIG2:.+]] = arith.divf %[[ONE]], %[[DEN2]] : f32
// CHECK-NEXT:        %[[SILU2:.+]] = arith.mulf %[[ZJ]], %[[SIG2]] : f32
// CHECK-NEXT:        %[[VJ:.+]] = arith.mulf %[[XJ]], %[[SILU2]] : f32
// CHECK-NEXT:        %[[NORMED:.+]] = arith.mulf %[[VJ]], %[[INV]] : f32
// CHECK-NEXT:        %[[SCALED:.+]] = arith.mulf %[[NORMED]], %[[WJ]] : f32
// CHECK-NEXT:        %[[YN:.+]] = tensor.insert %[[SCALED]] into %[[YR]][%[[J]]] : tensor<?xf32>
// CHECK-NEXT:        scf.yield %[[YN]] : tensor<?xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:      scf.forall.in_parallel {
// CHECK-NEXT:        tensor.parallel_insert_slice %[[Y]] into %[[SO]][%[[B]], %[[T]], %[[START]]] [1, 1, %[[C64]]] [1, 1, 1] : tensor<?xf32> into tensor<2x17x512xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    return %[[R]] : tensor<2x17x512xf32>
// CHECK-NOT:     seq.
func.func @rms_norm_grouped_gated(%x: tensor<2x17x512xf32>,
                                  %w: tensor<512xf32>,
                                  %z: tensor<2x17x512xf32>)
    -> tensor<2x17x512xf32> {
  %y = seq.rms_norm %x, %w gate(%z) {eps = 1.0e-6 : f32, groups = 8 : i64}
      : (tensor<2x17x512xf32>, tensor<512xf32>, tensor<2x17x512xf32>)
      -> tensor<2x17x512xf32>
  return %y : tensor<2x17x512xf32>
}

// -----

// bf16 rows of dynamic count with an f32 weight: the forall's first bound is
// the dynamic dim, x is extended to f32 for the sums and y truncated back.
// CHECK-LABEL: func.func @rms_norm_bf16_dynamic_rows
// CHECK-SAME:    (%[[X:[a-zA-Z0-9_]+]]: tensor<?x7xbf16>, %[[W:[a-zA-Z0-9_]+]]: tensor<7xf32>)
// CHECK-DAG:     %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG:     %[[ONE:.+]] = arith.constant 1.000000e+00 : f32
// CHECK-DAG:     %[[EPS:.+]] = arith.constant 9.99999974E-6 : f32
// CHECK-DAG:     %[[WIDTH:.+]] = arith.constant 7.000000e+00 : f32
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG:     %[[C7:.+]] = arith.constant 7 : index
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK:         %[[ROWS:.+]] = tensor.dim %[[X]], %[[C0]] : tensor<?x7xbf16>
// CHECK-NEXT:    %[[OUT:.+]] = tensor.empty(%[[ROWS]]) : tensor<?x7xbf16>
// CHECK-NEXT:    %[[R:.+]] = scf.forall (%[[M:[a-zA-Z0-9_]+]], %[[G:[a-zA-Z0-9_]+]]) in (%[[ROWS]], 1) shared_outs(%[[SO:[a-zA-Z0-9_]+]] = %[[OUT]]) -> (tensor<?x7xbf16>) {
// CHECK-NEXT:      %[[START:.+]] = arith.muli %[[G]], %[[C7]] : index
// CHECK-NEXT:      %[[SUM:.+]] = scf.for %[[I:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C7]] step %[[C1]] iter_args(%[[ACC:[a-zA-Z0-9_]+]] = %[[ZERO]]) -> (f32) {
// CHECK-NEXT:        %[[CH:.+]] = arith.addi %[[START]], %[[I]] : index
// CHECK-NEXT:        %[[VB:.+]] = tensor.extract %[[X]][%[[M]], %[[CH]]] : tensor<?x7xbf16>
// CHECK-NEXT:        %[[V:.+]] = arith.extf %[[VB]] : bf16 to f32
// CHECK-NEXT:        %[[SQ:.+]] = arith.mulf %[[V]], %[[V]] : f32
// CHECK-NEXT:        %[[NEXT:.+]] = arith.addf %[[ACC]], %[[SQ]] fastmath<reassoc> : f32
// CHECK-NEXT:        scf.yield %[[NEXT]] : f32
// CHECK-NEXT:      }
// CHECK-NEXT:      %[[MEAN:.+]] = arith.divf %[[SUM]], %[[WIDTH]] : f32
// CHECK-NEXT:      %[[MEPS:.+]] = arith.addf %[[MEAN]], %[[EPS]] : f32
// CHECK-NEXT:      %[[RMS:.+]] = math.sqrt %[[MEPS]] : f32
// CHECK-NEXT:      %[[INV:.+]] = arith.divf %[[ONE]], %[[RMS]] : f32
// CHECK-NEXT:      %[[ROW:.+]] = tensor.extract_slice %[[SO]][%[[M]], %[[START]]] [1, %[[C7]]] [1, 1] : tensor<?x7xbf16> to tensor<?xbf16>
// CHECK-NEXT:      %[[Y:.+]] = scf.for %[[J:[a-zA-Z0-9_]+]] = %[[C0]] to %[[C7]] step %[[C1]] iter_args(%[[YR:[a-zA-Z0-9_]+]] = %[[ROW]]) -> (tensor<?xbf16>) {
// CHECK-NEXT:        %[[WCH:.+]] = arith.addi %[[START]], %[[J]] : index
// CHECK-NEXT:        %[[WJ:.+]] = tensor.extract %[[W]][%[[WCH]]] : tensor<7xf32>
// CHECK-NEXT:        %[[XCH:.+]] = arith.addi %[[START]], %[[J]] : index
// CHECK-NEXT:        %[[XJB:.+]] = tensor.extract %[[X]][%[[M]], %[[XCH]]] : tensor<?x7xbf16>
// CHECK-NEXT:        %[[XJ:.+]] = arith.extf %[[XJB]] : bf16 to f32
// CHECK-NEXT:        %[[NORMED:.+]] = arith.mulf %[[XJ]], %[[INV]] : f32
// CHECK-NEXT:        %[[SCALED:.+]] = arith.mulf %[[NORMED]], %[[WJ]] : f32
// CHECK-NEXT:        %[[YB:.+]] = arith.truncf %[[SCALED]] : f32 to bf16
// CHECK-NEXT:        %[[YN:.+]] = tensor.insert %[[YB]] into %[[YR]][%[[J]]] : tensor<?xbf16>
// CHECK-NEXT:        scf.yield %[[YN]] : tensor<?xbf16>
// CHECK-NEXT:      }
// CHECK-NEXT:      scf.forall.in_parallel {
// CHECK-NEXT:        tensor.parallel_insert_slice %[[Y]] into %[[SO]][%[[M]], %[[START]]] [1, %[[C7]]] [1, 1] : tensor<?xbf16> into tensor<?x7xbf16>
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    return %[[R]] : tensor<?x7xbf16>
// CHECK-NOT:     seq.
func.func @rms_norm_bf16_dynamic_rows(%x: tensor<?x7xbf16>, %w: tensor<7xf32>)
    -> tensor<?x7xbf16> {
  %y = seq.rms_norm %x, %w
      : (tensor<?x7xbf16>, tensor<7xf32>) -> tensor<?x7xbf16>
  return %y : tensor<?x7xbf16>
}
