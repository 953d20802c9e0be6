// The bundled example parses, verifies and canonicalizes with its seq ops
// intact and wired as a Mamba block: conv -> scan, gate from in_proj.
// RUN: seqc-opt %S/../../examples/mamba_block.mlir --canonicalize --cse | FileCheck %s

// CHECK-LABEL: func.func @mamba_block
// CHECK-SAME:    (%[[X:[^:]+]]: tensor<2x50x256xf32> {seqc.name = "x"}, %[[NORM_W:[^:]+]]: tensor<256xf32> {seqc.name = "norm_w"}
// CHECK:         seq.rms_norm %[[X]], %[[NORM_W]]
// CHECK:         %[[XC:.+]] = seq.causal_conv1d %{{.+}}, %{{.+}} bias(%{{.+}}) activation<silu>
// CHECK:         %[[Y:.+]] = seq.selective_scan %[[XC]], %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}} D(%{{.+}}) z(%{{.+}}) delta_bias(%{{.+}}) {delta_softplus}
// CHECK:         linalg.transpose ins(%[[Y]]
// CHECK:         %[[OUT:.+]] = linalg.add ins(%[[X]],
// CHECK:         return %[[OUT]]
