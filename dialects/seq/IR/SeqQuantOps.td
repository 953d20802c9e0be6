//===- SeqQuantOps.td - Quantization ops -------------------*- tablegen -*-===//

#ifndef SEQ_QUANT_OPS_TD
#define SEQ_QUANT_OPS_TD

include "dialects/seq/IR/SeqDialect.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

// The scale layouts shared by quantize and dequantize are described once in
// docs/ops.md, section 7, and repeated briefly in each description.

def Seq_QuantizeOp : Seq_Op<"quantize", [Pure, InferTypeOpAdaptorWithIsCompatible]> {
  let summary = "symmetric integer quantization of a float tensor";
  let description = [{
    `q = clamp(round(x / s), -2^(bits-1), 2^(bits-1) - 1)` (docs/ops.md,
    section 7), rounding half to even, stored as `i8`. `input`: `[..., K]`.
    `scale` is per tensor (rank 0), per row (`[...]`, the input shape
    without its last dim: per output channel of a `[N, K]` weight, or per
    token of a `[M, K]` activation), or per group of `group_size` input
    channels (`[..., K / group_size]`, with the `group_size` attribute).
    `bits` is 8 or 4; with `packed` (4 bits only) two values share a byte,
    low nibble first, and the result is `[..., K/2]`.

    ```mlir
    %q = seq.quantize %w, %s {bits = 4 : i64, group_size = 128 : i64, packed}
        : (tensor<256x512xf32>, tensor<256x4xf32>) -> tensor<256x256xi8>
    ```
  }];
  let arguments = (ins
    Seq_FloatTensor:$input,
    Seq_FloatTensor:$scale,
    DefaultValuedAttr<I64Attr, "8">:$bits,
    OptionalAttr<I64Attr>:$group_size,
    UnitAttr:$packed
  );
  let results = (outs Seq_I8Tensor:$output);
  let assemblyFormat = [{
    $input `,` $scale attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Seq_DequantizeOp : Seq_Op<"dequantize", [Pure]> {
  let summary = "symmetric integer dequantization to a float tensor";
  let description = [{
    `x = q * s`, the inverse of `seq.quantize`, with the same `scale`
    layouts, `bits`, `group_size` and `packed` attributes. `input` is `i8`:
    `[..., K]`, or `[..., K/2]` when `packed`; the result is `[..., K]` of
    the float type the result type names.

    ```mlir
    %w = seq.dequantize %q, %s {bits = 4 : i64, packed}
        : (tensor<256x256xi8>, tensor<256xf32>) -> tensor<256x512xf16>
    ```
  }];
  let arguments = (ins
    Seq_I8Tensor:$input,
    Seq_FloatTensor:$scale,
    DefaultValuedAttr<I64Attr, "8">:$bits,
    OptionalAttr<I64Attr>:$group_size,
    UnitAttr:$packed
  );
  let results = (outs Seq_FloatTensor:$output);
  let assemblyFormat = [{
    $input `,` $scale attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Seq_QMatmulOp : Seq_Op<"qmatmul",
    [Pure, AttrSizedOperandSegments, InferTypeOpAdaptorWithIsCompatible]> {
  let summary = "linear layer with quantized weights (W4A8, W8A8, W4A16)";
  let description = [{
    `y[..., n] = sum_k x[..., k] * W[n, k] (+ bias[n])` with `W` stored as
    signed integers (docs/ops.md, section 7). `weight`: `[N, K]` `i8` for
    `weight_bits = 8`, or `[N, K/2]` with two int4 values per byte (low
    nibble first) for `weight_bits = 4`. `weight_scale`: `[N]` (per output
    channel) or `[N, K / group_size]` (per group, with `group_size`).

    - `x` of a float type (`W4A16`, `W8A16`): `W` is dequantized and the
      product is taken in f32; `y` has `x`'s element type.
    - `x` of type `i8` (`W4A8`, `W8A8`): `input_scale` is required, per
      tensor (rank 0) or per token (`x`'s shape without its last dim); the
      products are accumulated in i32 (per group when grouped) and
      `y = s_x * s_w * acc` in f32.

    `bias`: `[N]`. `y`: `[..., N]`.

    ```mlir
    %y = seq.qmatmul %xq, %w, %ws input_scale(%xs) bias(%b) {weight_bits = 4 : i64}
        : (tensor<16x512xi8>, tensor<256x256xi8>, tensor<256xf32>,
           tensor<f32>, tensor<256xf32>) -> tensor<16x256xf32>
    ```
  }];
  let arguments = (ins
    Seq_FloatOrI8Tensor:$x,
    Seq_I8Tensor:$weight,
    Seq_FloatTensor:$weight_scale,
    Optional<Seq_FloatTensor>:$input_scale,
    Optional<Seq_FloatTensor>:$bias,
    DefaultValuedAttr<I64Attr, "8">:$weight_bits,
    OptionalAttr<I64Attr>:$group_size
  );
  let results = (outs Seq_FloatTensor:$y);
  let assemblyFormat = [{
    $x `,` $weight `,` $weight_scale
    (`input_scale` `(` $input_scale^ `)`)? (`bias` `(` $bias^ `)`)?
    attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

#endif // SEQ_QUANT_OPS_TD
