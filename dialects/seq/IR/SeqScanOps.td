//===- SeqScanOps.td - Selective scan and SSD ops ----------*- tablegen -*-===//

#ifndef SEQ_SCAN_OPS_TD
#define SEQ_SCAN_OPS_TD

include "dialects/seq/IR/SeqDialect.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def Seq_SelectiveScanOp : Seq_Op<"selective_scan",
    [Pure, AttrSizedOperandSegments]> {
  let summary = "Mamba-1 selective scan over a whole sequence";
  let description = [{
    The selective state-space scan of Mamba-1 (docs/ops.md, section 1). For
    batch `b`, channel `d` (in group `g = d / (D/G)`), state index `n`:

    ```
    dt_t   = softplus?(delta_t + delta_bias[d])
    h_t[n] = exp(dt_t * A[d,n]) * h_{t-1}[n] + dt_t * B_t[g,n] * u_t
    y_t    = sum_n C_t[g,n] * h_t[n] + D[d] * u_t
    out_t  = z given ? y_t * silu(z_t) : y_t
    ```

    Shapes: `u`, `delta`, `z`: `[B, D, L]`; `A`: `[D, N]`; `B`, `C`:
    `[B, G, N, L]` (time-varying, `G` divides `D`) or `[D, N]`
    (time-invariant); `D`, `delta_bias`: `[D]`; `initial_state` `h_0`:
    `[B, D, N]` (zeros when absent). Results: `out` `[B, D, L]` and, when
    asked for, the state after the last step `[B, D, N]`. `u`, `delta`,
    `z`, `B`, `C` and `out` share one element type; the state is
    accumulated in f32 whatever its storage type.

    ```mlir
    %y, %h = seq.selective_scan %u, %dt, %A, %B, %C D(%D) z(%z)
        {delta_softplus}
        : (tensor<2x8x33xf32>, tensor<2x8x33xf32>, tensor<8x16xf32>,
           tensor<2x2x16x33xf32>, tensor<2x2x16x33xf32>, tensor<8xf32>,
           tensor<2x8x33xf32>) -> (tensor<2x8x33xf32>, tensor<2x8x16xf32>)
    ```
  }];
  let arguments = (ins
    Seq_FloatTensor:$u,
    Seq_FloatTensor:$delta,
    Seq_FloatTensor:$A,
    Seq_FloatTensor:$B,
    Seq_FloatTensor:$C,
    Optional<Seq_FloatTensor>:$D,
    Optional<Seq_FloatTensor>:$z,
    Optional<Seq_FloatTensor>:$delta_bias,
    Optional<Seq_FloatTensor>:$initial_state,
    UnitAttr:$delta_softplus
  );
  let results = (outs
    Seq_FloatTensor:$out,
    Optional<Seq_FloatTensor>:$final_state
  );
  let assemblyFormat = [{
    $u `,` $delta `,` $A `,` $B `,` $C
    (`D` `(` $D^ `)`)? (`z` `(` $z^ `)`)?
    (`delta_bias` `(` $delta_bias^ `)`)?
    (`initial_state` `(` $initial_state^ `)`)?
    attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Seq_SelectiveScanStepOp : Seq_Op<"selective_scan_step",
    [Pure, AttrSizedOperandSegments, InferTypeOpAdaptorWithIsCompatible]> {
  let summary = "one decode step of the Mamba-1 selective scan";
  let description = [{
    One step of `seq.selective_scan` (docs/ops.md, section 1) for streaming
    decode: the same equations with `L = 1` folded away. `u`, `delta`, `z`:
    `[B, D]`; `A`: `[D, N]`; `B`, `C`: `[B, G, N]` or time-invariant
    `[D, N]`; `D`, `delta_bias`: `[D]`; `state`: `[B, D, N]`. Results: `out`
    `[B, D]` and `new_state` (same type as `state`).

    ```mlir
    %y, %h1 = seq.selective_scan_step %u, %dt, %A, %B, %C state(%h0)
        {delta_softplus}
        : (tensor<2x8xf32>, tensor<2x8xf32>, tensor<8x16xf32>,
           tensor<2x1x16xf32>, tensor<2x1x16xf32>, tensor<2x8x16xf32>)
        -> (tensor<2x8xf32>, tensor<2x8x16xf32>)
    ```
  }];
  let arguments = (ins
    Seq_FloatTensor:$u,
    Seq_FloatTensor:$delta,
    Seq_FloatTensor:$A,
    Seq_FloatTensor:$B,
    Seq_FloatTensor:$C,
    Optional<Seq_FloatTensor>:$D,
    Optional<Seq_FloatTensor>:$z,
    Optional<Seq_FloatTensor>:$delta_bias,
    Seq_FloatTensor:$state,
    UnitAttr:$delta_softplus
  );
  let results = (outs Seq_FloatTensor:$out, Seq_FloatTensor:$new_state);
  let assemblyFormat = [{
    $u `,` $delta `,` $A `,` $B `,` $C
    (`D` `(` $D^ `)`)? (`z` `(` $z^ `)`)?
    (`delta_bias` `(` $delta_bias^ `)`)?
    `state` `(` $state `)`
    attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Seq_SSDOp : Seq_Op<"ssd", [Pure, AttrSizedOperandSegments]> {
  let summary = "Mamba-2 structured state-space duality (SSD) scan";
  let description = [{
    The scan of Mamba-2 (docs/ops.md, section 2): one scalar decay per head
    and step, heads sharing `B`/`C` within groups. For head `h` in group
    `g = h / (H/G)`, with `dt` after `dt_bias` and the optional softplus:

    ```
    h_t = exp(dt_t * A[h]) * h_{t-1} + dt_t * x_t (outer) B_t[g]   (P x N)
    y_t = h_t . C_t[g] + D * x_t
    ```

    Shapes: `x`: `[B, L, H, P]`; `dt`: `[B, L, H]`; `A`, `dt_bias`: `[H]`;
    `B`, `C`: `[B, L, G, N]` (`G` divides `H`); `D`: `[H]` or `[H, P]`;
    `initial_state`: `[B, H, P, N]`. Results: `y` `[B, L, H, P]` and
    optionally the final state `[B, H, P, N]`. `chunk_size` is the chunk
    length `Q` the chunked (tiled) form uses; it does not change the result.

    ```mlir
    %y = seq.ssd %x, %dt, %A, %B, %C D(%D) {chunk_size = 64 : i64}
        : (tensor<1x100x4x16xf32>, tensor<1x100x4xf32>, tensor<4xf32>,
           tensor<1x100x1x32xf32>, tensor<1x100x1x32xf32>, tensor<4xf32>)
        -> tensor<1x100x4x16xf32>
    ```
  }];
  let arguments = (ins
    Seq_FloatTensor:$x,
    Seq_FloatTensor:$dt,
    Seq_FloatTensor:$A,
    Seq_FloatTensor:$B,
    Seq_FloatTensor:$C,
    Optional<Seq_FloatTensor>:$D,
    Optional<Seq_FloatTensor>:$dt_bias,
    Optional<Seq_FloatTensor>:$initial_state,
    UnitAttr:$dt_softplus,
    DefaultValuedAttr<I64Attr, "256">:$chunk_size
  );
  let results = (outs
    Seq_FloatTensor:$y,
    Optional<Seq_FloatTensor>:$final_state
  );
  let assemblyFormat = [{
    $x `,` $dt `,` $A `,` $B `,` $C
    (`D` `(` $D^ `)`)? (`dt_bias` `(` $dt_bias^ `)`)?
    (`initial_state` `(` $initial_state^ `)`)?
    attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Seq_SSDStepOp : Seq_Op<"ssd_step",
    [Pure, AttrSizedOperandSegments, InferTypeOpAdaptorWithIsCompatible]> {
  let summary = "one decode step of the Mamba-2 SSD scan";
  let description = [{
    One step of `seq.ssd` (docs/ops.md, section 2). `x`: `[B, H, P]`;
    `dt`: `[B, H]`; `A`, `dt_bias`: `[H]`; `B`, `C`: `[B, G, N]`; `D`:
    `[H]` or `[H, P]`; `state`: `[B, H, P, N]`. Results: `y` `[B, H, P]`
    and `new_state` (same type as `state`).

    ```mlir
    %y, %s1 = seq.ssd_step %x, %dt, %A, %B, %C state(%s0)
        : (tensor<2x4x16xf32>, tensor<2x4xf32>, tensor<4xf32>,
           tensor<2x1x32xf32>, tensor<2x1x32xf32>, tensor<2x4x16x32xf32>)
        -> (tensor<2x4x16xf32>, tensor<2x4x16x32xf32>)
    ```
  }];
  let arguments = (ins
    Seq_FloatTensor:$x,
    Seq_FloatTensor:$dt,
    Seq_FloatTensor:$A,
    Seq_FloatTensor:$B,
    Seq_FloatTensor:$C,
    Optional<Seq_FloatTensor>:$D,
    Optional<Seq_FloatTensor>:$dt_bias,
    Seq_FloatTensor:$state,
    UnitAttr:$dt_softplus
  );
  let results = (outs Seq_FloatTensor:$y, Seq_FloatTensor:$new_state);
  let assemblyFormat = [{
    $x `,` $dt `,` $A `,` $B `,` $C
    (`D` `(` $D^ `)`)? (`dt_bias` `(` $dt_bias^ `)`)?
    `state` `(` $state `)`
    attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

#endif // SEQ_SCAN_OPS_TD
