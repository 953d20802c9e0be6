//===- SeqLinearAttentionOps.td - Linear attention ops -----*- tablegen -*-===//

#ifndef SEQ_LINEAR_ATTENTION_OPS_TD
#define SEQ_LINEAR_ATTENTION_OPS_TD

include "dialects/seq/IR/SeqDialect.td"
include "dialects/seq/IR/SeqAttrs.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def Seq_LinearAttentionOp : Seq_Op<"linear_attention",
    [Pure, AttrSizedOperandSegments]> {
  let summary = "causal linear attention with optional decay and delta rule";
  let description = [{
    The linear-attention family (docs/ops.md, section 3): RetNet, GLA,
    simple GLA, the Mamba-2 dual form, DeltaNet and gated DeltaNet. With
    `S` the `[K, V]` state of a head:

    ```
    additive:  S_t = Decay_t (.) S_{t-1} + k_t^T v_t
    delta:     S'  = Decay_t (.) S_{t-1};  S_t = S' + beta_t k_t^T (v_t - k_t S')
    o_t = scale * q_t S_t
    ```

    `decay` says what `gate` holds, always as a log-decay (Decay = exp(g)):
    `none` (no gate), `fixed` `[Hs]` (one constant per state head, RetNet),
    `scalar` `[B, Hs, L]`, `vector` `[B, Hs, L, K]` (per key dim, scaling
    the rows of S). `update = delta` needs `beta`: `[B, Hs, L]`.

    Heads: `q`: `[B, Hq, L, K]`, `k`: `[B, Hk, L, K]`, `v`: `[B, Hv, L, V]`.
    There are `Hs = max(Hk, Hv)` states (each of `Hk`, `Hv` divides `Hs`:
    key heads shared across value heads, or the reverse) and
    `Ho = max(Hq, Hs)` output heads (each of `Hq`, `Hs` divides `Ho`, as in
    grouped-query attention). Output head `o` reads query head
    `o / (Ho/Hq)` and state `o / (Ho/Hs)`; state `s` is written from key
    head `s / (Hs/Hk)` and value head `s / (Hs/Hv)`. `initial_state` and the
    optional `final_state` result: `[B, Hs, K, V]`, always f32 (the state
    accumulates over the whole sequence). `out`: `[B, Ho, L, V]`.
    `scale` defaults to `K^-0.5`; `chunk_size` (a power of two) is the chunk
    length of the tiled form and does not change the result.

    ```mlir
    %o, %s = seq.linear_attention %q, %k, %v decay<scalar> gate(%g)
        update<delta> beta(%beta) {scale = 1.0 : f32}
        : (tensor<1x4x50x32xf32>, tensor<1x4x50x32xf32>,
           tensor<1x8x50x64xf32>, tensor<1x8x50xf32>, tensor<1x8x50xf32>)
        -> (tensor<1x8x50x64xf32>, tensor<1x8x32x64xf32>)
    ```
  }];
  let arguments = (ins
    Seq_FloatTensor:$q,
    Seq_FloatTensor:$k,
    Seq_FloatTensor:$v,
    Optional<Seq_FloatTensor>:$gate,
    Optional<Seq_FloatTensor>:$beta,
    Optional<Seq_FloatTensor>:$initial_state,
    Seq_DecayKindAttr:$decay,
    Seq_UpdateRuleAttr:$update,
    OptionalAttr<F32Attr>:$scale,
    DefaultValuedAttr<I64Attr, "64">:$chunk_size
  );
  let results = (outs
    Seq_FloatTensor:$out,
    Optional<Seq_FloatTensor>:$final_state
  );
  let assemblyFormat = [{
    $q `,` $k `,` $v
    `decay` `` $decay (`gate` `(` $gate^ `)`)?
    `update` `` $update (`beta` `(` $beta^ `)`)?
    (`initial_state` `(` $initial_state^ `)`)?
    attr-dict `:` functional-type(operands, results)
  }];
  let extraClassDeclaration = [{
    /// The scale applied to q S: the `scale` attribute, or K^-0.5.
    float getScaleOrDefault();
  }];
  let hasVerifier = 1;
}

def Seq_LinearAttentionStepOp : Seq_Op<"linear_attention_step",
    [Pure, AttrSizedOperandSegments, InferTypeOpAdaptorWithIsCompatible]> {
  let summary = "one decode step of linear attention";
  let description = [{
    One step of `seq.linear_attention` (same equations and head rules).
    `q`: `[B, Hq, K]`, `k`: `[B, Hk, K]`, `v`: `[B, Hv, V]`; `gate`:
    `[Hs]` (fixed), `[B, Hs]` (scalar) or `[B, Hs, K]` (vector); `beta`:
    `[B, Hs]`; `state`: `[B, Hs, K, V]` (f32). Results: `out` `[B, Ho, V]` and
    `new_state` (same type as `state`).

    ```mlir
    %o, %s1 = seq.linear_attention_step %q, %k, %v decay<none>
        update<additive> state(%s0)
        : (tensor<2x4x32xf32>, tensor<2x4x32xf32>, tensor<2x4x32xf32>,
           tensor<2x4x32x32xf32>)
        -> (tensor<2x4x32xf32>, tensor<2x4x32x32xf32>)
    ```
  }];
  let arguments = (ins
    Seq_FloatTensor:$q,
    Seq_FloatTensor:$k,
    Seq_FloatTensor:$v,
    Optional<Seq_FloatTensor>:$gate,
    Optional<Seq_FloatTensor>:$beta,
    Seq_FloatTensor:$state,
    Seq_DecayKindAttr:$decay,
    Seq_UpdateRuleAttr:$update,
    OptionalAttr<F32Attr>:$scale
  );
  let results = (outs Seq_FloatTensor:$out, Seq_FloatTensor:$new_state);
  let assemblyFormat = [{
    $q `,` $k `,` $v
    `decay` `` $decay (`gate` `(` $gate^ `)`)?
    `update` `` $update (`beta` `(` $beta^ `)`)?
    `state` `(` $state `)`
    attr-dict `:` functional-type(operands, results)
  }];
  let extraClassDeclaration = [{
    /// The scale applied to q S: the `scale` attribute, or K^-0.5.
    float getScaleOrDefault();
  }];
  let hasVerifier = 1;
}

#endif // SEQ_LINEAR_ATTENTION_OPS_TD
