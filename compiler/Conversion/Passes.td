//===- Passes.td - seqc conversion passes ------------------*- tablegen -*-===//

#ifndef SEQC_COMPILER_CONVERSION_PASSES_TD
#define SEQC_COMPILER_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertSeqToLinalg : Pass<"convert-seq-to-linalg", "ModuleOp"> {
  let summary = "Lower seq ops to linalg, scf, tensor, arith and math";
  let description = [{
    Rewrites every op of the `seq` dialect into upstream ops on tensors,
    computing exactly the recurrent equations of docs/ops.md:

    - recurrences (selective scan, SSD, linear attention, causal conv1d,
      and their single-step forms) become one `scf.forall` over the
      independent dims (batch, channel or head) around one sequential
      `scf.for` over time; the state lives in loop-carried tensors and is
      accumulated in f32 (f64 for f64 inputs);
    - Monarch becomes two batched block matmuls (`linalg.batch_matmul`)
      around reshapes and transposes;
    - RMS norm, quantize, dequantize and qmatmul become `linalg.generic`
      ops (reductions for the norm and the matmul).

    Nothing of the `seq` dialect is left; an op that cannot be lowered is
    reported on the op and the pass fails.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect"
  ];
}

#endif // SEQC_COMPILER_CONVERSION_PASSES_TD
