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
      independent rows (batch x channel, batch x head x head dim, batch x
      state head x value column) around one sequential `scf.for` over
      time; the state lives in loop-carried tensors and is accumulated in
      f32 (f64 for f64 inputs);
    - RMS norm becomes an `scf.forall` over rows and groups with a sum of
      squares and a scaling loop;
    - Monarch becomes two block contractions (`linalg.generic`) whose
      indexing maps hold the Monarch permutation, between reshapes;
    - quantize, dequantize and qmatmul become `linalg.generic` ops with
      the scale layout and int4 packing in their maps.

    Sizes come from the operands; where the op's result type is more
    static, the result is cast to it. The rewrites are applied greedily;
    any seq op left afterwards (e.g. an i8 `seq.qmatmul` with a dynamic K)
    is reported on the op and the pass fails.
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
