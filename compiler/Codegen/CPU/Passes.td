//===- Passes.td - seqc CPU codegen passes -----------------*- tablegen -*-===//

#ifndef SEQC_COMPILER_CODEGEN_CPU_PASSES_TD
#define SEQC_COMPILER_CODEGEN_CPU_PASSES_TD

include "mlir/Pass/PassBase.td"

def SequentializeNestedParallel
    : Pass<"seqc-sequentialize-nested-parallel", "func::FuncOp"> {
  let summary = "Turn scf.parallel loops nested in another into scf.for";
  let description = [{
    The CPU pipeline runs each outermost `scf.parallel` on the runtime's
    thread pool (through the OpenMP dialect). A parallel loop inside one
    (for instance the loops of a linalg op in the body of a parallel row)
    would only open a nested team of one thread per iteration; this pass
    rewrites every such nested loop into a nest of `scf.for` with the same
    bounds and body, so exactly one level of parallelism is left per loop
    nest. Outermost loops are untouched. Loops with reductions are not
    expected here (linalg lowers reductions to sequential loops) and are
    reported as errors.
  }];
  let dependentDialects = ["::mlir::scf::SCFDialect"];
}

def InterchangeForVectorization
    : Pass<"seqc-interchange-for-vectorization", "func::FuncOp"> {
  let summary = "Make the innermost loop of a contraction unit-stride";
  let description = [{
    A `linalg.generic` whose last loop is its only reduction (a matmul
    `(m, n, k)`) lowers to loops whose innermost one walks `k`: strided
    through `B[k, n]` and a floating-point reduction that LLVM will not
    vectorize without reassociation. When the last parallel loop (`n`)
    indexes only the innermost dim of every operand that uses it, this
    pass swaps it with the reduction, `(m, n, k) -> (m, k, n)`, so the
    innermost loop is `C[m, :] += A[m, k] * B[k, :]`: unit stride, no
    reduction, and vectorized by LLVM as it is. Other ops are untouched.
    Run it after `linalg-generalize-named-ops`.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def CopyRepeatedResults
    : Pass<"seqc-copy-repeated-results", "func::FuncOp"> {
  let summary = "Give every returned tensor its own value";
  let description = [{
    Entry points return their results through out-parameters
    (`buffer-results-to-out-params`), one buffer per result. A function
    that returns the same tensor twice (an ONNX graph whose outputs are one
    value, or two Identity nodes of it) would need one buffer to be two
    out-parameters, which that pass cannot express (it crashes). This pass
    returns a copy (`linalg.copy` into a `tensor.empty`) for every repeat
    of a value already returned, before bufferization.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
}

#endif // SEQC_COMPILER_CODEGEN_CPU_PASSES_TD
