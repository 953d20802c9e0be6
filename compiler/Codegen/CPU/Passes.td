//===- Passes.td - seqc CPU codegen passes -----------------*- tablegen -*-===//

#ifndef SEQC_COMPILER_CODEGEN_CPU_PASSES_TD
#define SEQC_COMPILER_CODEGEN_CPU_PASSES_TD

include "mlir/Pass/PassBase.td"

def SequentializeNestedParallel
    : Pass<"seqc-sequentialize-nested-parallel", "func::FuncOp"> {
  let summary = "Keep one level of scf.parallel, without its innermost dim";
  let description = [{
    The CPU pipeline runs each outermost `scf.parallel` on the runtime's
    thread pool (through the OpenMP dialect). A parallel loop inside one
    (for instance the loops of a linalg op in the body of a parallel row)
    would only open a nested team of one thread per iteration; this pass
    rewrites every such nested loop into a nest of `scf.for` with the same
    bounds and body, so exactly one level of parallelism is left per loop
    nest. An outermost loop of several dims keeps all but its last dim
    parallel and runs the last one as an `scf.for` inside: OpenMP would
    collapse every dim into one linear loop with indices recovered by
    division, which LLVM does not vectorize, while the unit-stride last dim
    as a plain loop it does. Loops with reductions are not expected here
    (linalg lowers reductions to sequential loops) and are reported as
    errors.
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

def SelectContractionKernels
    : Pass<"seqc-select-contraction-kernels", "ModuleOp"> {
  let summary = "Choose a runtime matmul kernel for each f32 contraction";
  let description = [{
    The configuration step of the CPU contraction strategy. On buffers,
    after bufferization, every `linalg` contraction (named or generic) that
    is a batched matmul in disguise with an f32 result and f32, bf16 or f16
    inputs (the body exactly `acc + a * b`, extensions to f32 allowed) (see `getContractionShape`: loops
    of one role fold into one row-major run, C has unit column stride, at
    least `min-work` multiply-adds or a dynamic size) gets a
    `seqc.contraction_kernel` dictionary recording the choice:

      - `callee`: the runtime entry point of the `isa` level
        (`seqc_cpu_sgemm_avx512|avx2|generic`);
      - `mr`, `nr`: its register tile (the packed layout of B uses `nr`);
      - `b`: `"prepacked"` when B is a constant global (the weights are
        packed into the kernel's layout at compile time), else `"strided"`.

    Other ops are untouched and keep the loop lowering. The seqc driver
    sets `isa` from `--mcpu`.
  }];
  let options = [
    Option<"isa", "isa", "std::string", /*default=*/"\"generic\"",
           "Vector ISA level of the target: avx512, avx2 or generic">,
    Option<"minWork", "min-work", "int64_t", /*default=*/"4096",
           "Smallest static number of multiply-adds worth a kernel call">,
  ];
}

def LowerContractionsToKernels
    : Pass<"seqc-lower-contractions-to-kernels", "ModuleOp"> {
  let summary = "Replace selected contractions by calls to runtime kernels";
  let description = [{
    Rewrites every op that `seqc-select-contraction-kernels` marked into one
    `func.call` of its `callee` with the batched-matmul shape: sizes
    (batch, M, N, K), and for A, B and C the aligned base pointer plus
    offset and the stride of each role, all as `index`. A `linalg.fill`
    of zero that only initializes C right before the op is dropped and the
    kernel overwrites C instead of accumulating. With `b = "prepacked"` the
    constant B is packed at compile time into a new `memref.global`
    (`<name>__packed_nr<nr>`: panels of nr columns, K x nr each, zero
    padded) that the kernel reads in place; the unpacked global is removed
    when nothing else reads it. bf16 or f16 inputs are extended to f32
    (constant weights when they are packed, activations into a temporary
    by a `linalg.generic` right before the call, freed right after). A
    marked op that no longer has a batched-matmul shape is an error.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::func::FuncDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::memref::MemRefDialect"];
}

def ApproximateMath : Pass<"seqc-approximate-math", "func::FuncOp"> {
  let summary = "Replace f32 transcendentals by polynomial approximations";
  let description = [{
    Rewrites f32 (scalar or vector) `math.exp`, `expm1`, `log`, `log1p`,
    `log2`, `tanh` and `erf` into MLIR's polynomial approximations: plain
    arithmetic with no libm call, so the loops that hold them (sigmoid,
    SiLU, softplus, GELU, the decays of the scans) vectorize. Their maximum
    errors against float64, measured over dense sweeps of each input range,
    are in docs/cpu-codegen.md and asserted by a test. Other element types
    keep the libm calls.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::vector::VectorDialect"];
}

def FuseElementwiseOps : Pass<"seqc-fuse-elementwise-ops", "func::FuncOp"> {
  let summary = "Fuse chains of elementwise linalg ops into one loop nest";
  let description = [{
    Fuses an elementwise `linalg.generic` (all loops parallel) into the
    elementwise op that consumes it, when it has no other user, so a chain
    such as bias add, SiLU and a gate multiply is one pass over memory.
    Unlike upstream `linalg-fuse-elementwise-ops`, producers are never
    fused into ops with reduction loops: a contraction stays a pure
    multiply-add that the contraction strategy can hand to its kernels,
    and a producer is not recomputed once per reduction step. Run it after
    the seq ops are lowered, on tensors.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def FuseContractionEpilogues
    : Pass<"seqc-fuse-contraction-epilogues", "func::FuncOp"> {
  let summary = "Run elementwise consumers of kernel contractions per row block";
  let description = [{
    For a contraction that `seqc-select-contraction-kernels` chose a kernel
    for, whose result buffer is a temporary read by the next op, an
    elementwise `linalg.generic` (bias, activation, residual add, gate:
    whatever `seqc-fuse-elementwise-ops` merged into it), this pass tiles
    both along the rows of the output: one `scf.parallel` over blocks of
    rows (and any batch and outer row loops), each block running the
    contraction (its zero fill included, so the kernel still overwrites)
    and then the epilogue on the same rows while they are in cache. The
    block height keeps a block of C within `tile-bytes`, is low enough to
    give `min-blocks` blocks, and is a multiple of the kernel's register
    rows; the fusion is skipped when B is larger than `max-b-bytes` (each
    block reads all of B) or when there are still fewer than `min-blocks`
    blocks (the kernel's own threading is better then, e.g. for decode). Run after
    `seqc-select-contraction-kernels`, before the kernels are called.
  }];
  let options = [
    Option<"tileBytes", "tile-bytes", "int64_t", /*default=*/"256 << 10",
           "Bytes of one block of the contraction's result">,
    Option<"maxBBytes", "max-b-bytes", "int64_t", /*default=*/"2 << 20",
           "Largest B (bytes) that every block may read again">,
    Option<"minBlocks", "min-blocks", "int64_t", /*default=*/"4",
           "Fewest row blocks worth a fused loop">,
  ];
  let dependentDialects = ["::mlir::affine::AffineDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::scf::SCFDialect"];
}

def TileTransposes : Pass<"seqc-tile-transposes", "func::FuncOp"> {
  let summary = "Tile transposes that move the innermost dim";
  let description = [{
    A `linalg.transpose` on buffers whose output's innermost dim is not
    the input's is tiled by `tile` in those two dims (every other dim by
    1), as an `scf.parallel` over the tiles: each tile then reads and
    writes whole cache lines instead of one element per line. Transposes
    that keep the innermost dim (row copies) are left alone.
  }];
  let options = [
    Option<"tile", "tile", "int64_t", /*default=*/"16",
           "Tile size in each of the two swapped dims">,
  ];
  let dependentDialects = ["::mlir::scf::SCFDialect",
                           "::mlir::memref::MemRefDialect"];
}

def StackAllocateRowTemporaries
    : Pass<"seqc-stack-allocate-row-temporaries", "func::FuncOp"> {
  let summary = "Put the small static scratch buffers of parallel rows on "
                "the stack";
  let description = [{
    Runs after one-shot bufferization and before the deallocation
    pipeline. A `memref.alloc` directly in an `scf.forall` body, with a
    static shape of at most `max-bytes` and no use outside the body,
    becomes a `memref.alloca` (its deallocs are dropped): the per-row
    scratch of the sequence-op lowerings then costs no malloc and free per
    row. `seqc-inline-alloca-scopes` later moves such allocas to the start
    of the OpenMP parallel region, once per thread. Foralls nested in
    another parallel loop (made sequential later, with no alloca scope per
    iteration) keep their heap buffers.
  }];
  let options = [
    Option<"maxBytes", "max-bytes", "int64_t", /*default=*/"16384",
           "Largest buffer put on the stack">,
  ];
  let dependentDialects = ["::mlir::memref::MemRefDialect"];
}

def InlineAllocaScopes : Pass<"seqc-inline-alloca-scopes", "func::FuncOp"> {
  let summary = "Inline memref.alloca_scope regions that allocate nothing";
  let description = [{
    `convert-scf-to-openmp` wraps every parallel loop body in a
    `memref.alloca_scope`, which must be gone before `convert-scf-to-cf`
    gives the body several blocks. The canonicalizer inlines a scope only
    when nothing in it may allocate on the stack, and it assumes any call
    might: a body that calls a runtime kernel keeps its scope. This pass
    first moves the static allocas directly in a scope's body (the row
    scratch of `seqc-stack-allocate-row-temporaries`) to the start of the
    enclosing allocation scope (the `omp.parallel` region: once per thread,
    reused by its iterations, which are independent), then inlines every
    scope with no `memref.alloca` left in it (outside nested allocation
    scopes); a call cannot allocate in its caller's frame.
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect"];
}

def ReassociateReductions
    : Pass<"seqc-reassociate-reductions", "func::FuncOp"> {
  let summary = "Let LLVM vectorize the float sums of linalg reductions";
  let description = [{
    A `linalg.generic` with reduction loops whose body combines into an
    output with `arith.addf` (a sum: ReduceSum/Mean, softmax and norm
    denominators, contractions left to loops) gets the `reassoc` fast-math
    flag on that add. Lowered to loops, the reduction is then an ordered
    chain LLVM may split into per-lane partial sums and vectorize; without
    the flag it stays a scalar chain. The result may differ from the
    sequential sum by a few ulps of the partial sums, as in any vectorized
    BLAS or ONNX Runtime reduction. Other combiners are left alone.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect"];
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
