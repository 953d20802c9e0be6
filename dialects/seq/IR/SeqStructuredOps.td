//===- SeqStructuredOps.td - Monarch and RMSNorm ops -------*- tablegen -*-===//

#ifndef SEQ_STRUCTURED_OPS_TD
#define SEQ_STRUCTURED_OPS_TD

include "dialects/seq/IR/SeqDialect.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def Seq_MonarchMatmulOp : Seq_Op<"monarch_matmul",
    [Pure, InferTypeOpAdaptorWithIsCompatible]> {
  let summary = "Monarch (two-stage block-diagonal) matrix times vectors";
  let description = [{
    `y = M x` for a Monarch matrix `M = P L P^T R` (docs/ops.md, section 5),
    applied to the last dim of `x`. `w1` (`R`) holds `k` blocks of shape
    `[q, p]`, `w2` (`L`) holds `l` blocks of shape `[s, r]`:

    ```
    X1[k, :]  = w1[k] X[k, :]            X = x viewed as [k, p]
    X2        = X1 flattened to k*q, viewed as [r, l], transposed to [l, r]
    X3[l, :]  = w2[l] X2[l, :]           (s values per block)
    y         = X3 transposed to [s, l], flattened to s*l
    ```

    So `x`: `[..., k*p]`, `w1`: `[k, q, p]`, `w2`: `[l, s, r]` with
    `l*r = k*q`, and `y`: `[..., s*l]`. Square Monarch is `k = q = p = l =
    s = r = sqrt(n)`; rectangular layers pick other block counts and sizes.
    Without `w2` the op is the one-stage block-diagonal linear
    `y[..., k*q] = blockdiag(w1) x`.

    ```mlir
    %y = seq.monarch_matmul %x, %w1, %w2
        : (tensor<8x1024xf32>, tensor<32x32x32xf32>, tensor<32x32x32xf32>)
        -> tensor<8x1024xf32>
    ```
  }];
  let arguments = (ins
    Seq_FloatTensor:$x,
    Seq_FloatTensor:$w1,
    Optional<Seq_FloatTensor>:$w2
  );
  let results = (outs Seq_FloatTensor:$y);
  let assemblyFormat = [{
    $x `,` $w1 (`,` $w2^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Seq_RMSNormOp : Seq_Op<"rms_norm", [Pure, InferTypeOpAdaptorWithIsCompatible]> {
  let summary = "RMS normalization over the last dim, optionally grouped and gated";
  let description = [{
    `y = x / sqrt(mean(x^2) + eps) * weight` over the last dim
    (docs/ops.md, section 6). With `groups = G` the last dim is cut into
    `G` equal slices, each normalized on its own (Mamba-2's grouped norm).
    With a gate `z` (same shape as `x`) the input is first multiplied by
    `silu(z)`, Mamba-2's `RMSNorm(y * silu(z))`. `x`, `z`, `y`:
    `[..., D]` (`G` divides `D`); `weight`: `[D]`.

    ```mlir
    %y = seq.rms_norm %x, %w gate(%z) {eps = 1.0e-05 : f32, groups = 8 : i64}
        : (tensor<2x17x512xf32>, tensor<512xf32>, tensor<2x17x512xf32>)
        -> tensor<2x17x512xf32>
    ```
  }];
  let arguments = (ins
    Seq_FloatTensor:$x,
    Seq_FloatTensor:$weight,
    Optional<Seq_FloatTensor>:$gate,
    DefaultValuedAttr<F32Attr, "1.0e-5f">:$eps,
    DefaultValuedAttr<I64Attr, "1">:$groups
  );
  let results = (outs Seq_FloatTensor:$y);
  let assemblyFormat = [{
    $x `,` $weight (`gate` `(` $gate^ `)`)?
    attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

#endif // SEQ_STRUCTURED_OPS_TD
