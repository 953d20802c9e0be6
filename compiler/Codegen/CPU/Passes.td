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

#endif // SEQC_COMPILER_CODEGEN_CPU_PASSES_TD
