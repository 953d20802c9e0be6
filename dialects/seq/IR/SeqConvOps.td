//===- SeqConvOps.td - Causal depthwise convolution ops ----*- tablegen -*-===//

#ifndef SEQ_CONV_OPS_TD
#define SEQ_CONV_OPS_TD

include "dialects/seq/IR/SeqDialect.td"
include "dialects/seq/IR/SeqAttrs.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def Seq_CausalConv1dOp : Seq_Op<"causal_conv1d",
    [Pure, AttrSizedOperandSegments]> {
  let summary = "causal depthwise 1-D convolution with carried state";
  let description = [{
    Depthwise causal convolution along the sequence (docs/ops.md,
    section 4), as in front of Mamba's scan:

    ```
    y[b,d,t] = act(bias[d] + sum_{i<W} w[d,i] * x[b,d,t-W+1+i])
    ```

    where inputs before `t = 0` come from `initial_state` (the last `W-1`
    inputs of the previous call) or are zero. `x`: `[B, D, L]`; `weight`:
    `[D, W]`; `bias`: `[D]`; `initial_state` and the optional
    `final_state` result (the last `W-1` inputs seen): `[B, D, W-1]`.
    `activation` is `none` or `silu`.

    ```mlir
    %y, %tail = seq.causal_conv1d %x, %w bias(%b) activation<silu>
        : (tensor<2x64x37xf32>, tensor<64x4xf32>, tensor<64xf32>)
        -> (tensor<2x64x37xf32>, tensor<2x64x3xf32>)
    ```
  }];
  let arguments = (ins
    Seq_FloatTensor:$x,
    Seq_FloatTensor:$weight,
    Optional<Seq_FloatTensor>:$bias,
    Optional<Seq_FloatTensor>:$initial_state,
    DefaultValuedAttr<Seq_ActivationAttr, "Activation::None">:$activation
  );
  let results = (outs
    Seq_FloatTensor:$out,
    Optional<Seq_FloatTensor>:$final_state
  );
  let assemblyFormat = [{
    $x `,` $weight (`bias` `(` $bias^ `)`)?
    (`initial_state` `(` $initial_state^ `)`)?
    (`activation` `` $activation^)?
    attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Seq_CausalConv1dStepOp : Seq_Op<"causal_conv1d_step",
    [Pure, InferTypeOpAdaptorWithIsCompatible]> {
  let summary = "one decode step of the causal depthwise convolution";
  let description = [{
    One step of `seq.causal_conv1d`: `x`: `[B, D]`; `weight`: `[D, W]`;
    `bias`: `[D]`; `state`: `[B, D, W-1]` (the previous `W-1` inputs,
    oldest first). Results: `out` `[B, D]` and `new_state` (the state
    shifted by one with `x` appended).

    ```mlir
    %y, %s1 = seq.causal_conv1d_step %x, %w state(%s0)
        : (tensor<2x64xf32>, tensor<64x4xf32>, tensor<2x64x3xf32>)
        -> (tensor<2x64xf32>, tensor<2x64x3xf32>)
    ```
  }];
  let arguments = (ins
    Seq_FloatTensor:$x,
    Seq_FloatTensor:$weight,
    Optional<Seq_FloatTensor>:$bias,
    Seq_FloatTensor:$state,
    DefaultValuedAttr<Seq_ActivationAttr, "Activation::None">:$activation
  );
  let results = (outs Seq_FloatTensor:$out, Seq_FloatTensor:$new_state);
  let assemblyFormat = [{
    $x `,` $weight (`bias` `(` $bias^ `)`)? `state` `(` $state `)`
    (`activation` `` $activation^)?
    attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

#endif // SEQ_CONV_OPS_TD
