//===- Passes.td - seq-level transformations ---------------*- tablegen -*-===//
//
// The passes of the `tiled` phase: a strategy step that records how each
// sequence op is to run (`#seq.lowering_config`), then the rewrites that
// follow those records.
//
//===----------------------------------------------------------------------===//

#ifndef SEQC_DIALECTS_SEQ_TRANSFORMS_PASSES_TD
#define SEQC_DIALECTS_SEQ_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def SelectChunking : Pass<"seq-select-chunking", "func::FuncOp"> {
  let summary = "Choose the chunked form and its chunk length per op";
  let description = [{
    The strategy step of the `tiled` phase. Every `seq.linear_attention`
    that the chunked rewrite handles and that is long enough for it to pay
    gets `seq.lowering_config = #seq.lowering_config<chunk_size = C>`;
    the others keep the recurrent form (the linalg phase lowers them to
    loops), and so does every decode step.

    The chunked form is taken for f32 operands, static shapes and a
    sequence at least `min-length` steps long: for linear attention whose
    key dim is at least `min-key-dim` (additive update) or
    `delta-min-key-dim` (the delta rules), and for every `seq.ssd` (it
    becomes linear attention first, `seq-ssd-to-linear-attention`). The
    recurrent form keeps a small [K, V] state in L1 and beats the chunked
    one there: measured at K = V = 64, the chunked form runs 0.7-0.8x
    (additive) and 0.4-0.5x (delta, which adds a C x C triangular inverse
    and three products per chunk); at 96, 1.05-1.4x and 0.6-0.8x; at 128,
    1.6-1.9x and 1.2-1.35x (docs/passes.md).
    `chunk-size` is the chunk length; the
    op's own `chunk_size` attribute (an exporter's hint) is not a schedule
    and is not read. An op that already has a config keeps it, so a test
    or a user can pin one.
  }];
  let options = [
    Option<"minLength", "min-length", "int64_t", /*default=*/"64",
           "Shortest sequence that is chunked (shorter ones stay recurrent)">,
    Option<"minKeyDim", "min-key-dim", "int64_t", /*default=*/"96",
           "Smallest key dim at which additive linear attention is chunked">,
    Option<"deltaMinKeyDim", "delta-min-key-dim", "int64_t",
           /*default=*/"128",
           "Smallest key dim at which the delta rules are chunked">,
    Option<"chunkSize", "chunk-size", "int64_t", /*default=*/"32",
           "Chunk length of the chunked form">
  ];
  let dependentDialects = ["::mlir::seq::SeqDialect"];
}

def ChunkLinearAttention
    : Pass<"seq-chunk-linear-attention", "func::FuncOp"> {
  let summary = "Rewrite linear attention into its chunked form";
  let description = [{
    Rewrites each `seq.linear_attention` that carries a
    `#seq.lowering_config` into the chunked form of docs/ops.md, section 3:
    one `scf.forall` over (batch, state head), and in it an `scf.for` over
    chunks of C steps that carries the `[K, V]` state. Per chunk, with `b`
    the cumulative log-decay inside the chunk and `bC` its last value:

    ```
    scores = (q k^T) (.) exp(b_t - b_s) (.) causal mask (.) scale
    o      = scores v + (scale exp(b_t) q) S
    S      = exp(bC) S + (exp(bC - b_s) k)^T v
    ```

    Every product is a `linalg.generic` contraction that the CPU codegen
    runs in its matmul kernels; the decay weights are formed pairwise,
    `exp(b_t - b_s)` with `s <= t`, so no factor exceeds 1 and long chunks
    with strong decay cannot overflow. A sequence that is not a multiple of
    C ends with one shorter chunk of static length. Query heads that share
    a state (`Hq > Hs`) are handled in the same loop, one product set per
    query head. Ops without a config are left alone.

    Per-key-dim decay (GLA) builds the weights per sub-chunk of 8 steps:
    pairwise on the diagonal blocks, one product relative to the step
    between sub-chunks left of them. The delta rules replace each chunk's
    values by the pseudo-values of the WY / UT representation,
    `u = T (beta v) - T (beta e^b k) S` with `T` a C x C unit lower
    triangular inverse (blocks of 16). q k^T (and the delta rules' k k^T)
    is computed once per key head when several states share it (SSD's
    groups), and operands that are transposing copies of another layout
    are read in place, an output transposed back written in place.
    docs/passes.md has the details and measurements.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect"
  ];
}

def SsdToLinearAttention
    : Pass<"seq-ssd-to-linear-attention", "func::FuncOp"> {
  let summary = "Rewrite a chunked SSD as scalar-decay linear attention";
  let description = [{
    Mamba-2's SSD is linear attention with `q = C`, `k = B`, `v = dt x`,
    log-gate `dt A` (`decay<scalar>`) and scale 1, its `[P, N]` state
    transposed to `[N, P]` and its groups shared query and key heads
    (docs/ops.md, sections 2 and 3). Each `seq.ssd` that carries a
    `#seq.lowering_config` is rewritten into that `seq.linear_attention`
    (with the config), between elementwise ops that apply `dt_bias` and
    softplus, form `dt A` and `dt x` head-major, and add `D x` to the
    output; `seq-chunk-linear-attention` then gives it the chunked form.
    SSDs without a config stay as they are.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::tensor::TensorDialect"
  ];
}

#endif // SEQC_DIALECTS_SEQ_TRANSFORMS_PASSES_TD
