//===- SeqAttrs.td - Attributes of the seq dialect ---------*- tablegen -*-===//

#ifndef SEQ_ATTRS_TD
#define SEQ_ATTRS_TD

include "dialects/seq/IR/SeqDialect.td"
include "mlir/IR/EnumAttr.td"

def Seq_Activation : I32EnumAttr<"Activation",
    "activation applied to the output of a convolution", [
      I32EnumAttrCase<"None", 0, "none">,
      I32EnumAttrCase<"SiLU", 1, "silu">
    ]> {
  let cppNamespace = "::mlir::seq";
  let genSpecializedAttr = 0;
}
def Seq_ActivationAttr : EnumAttr<Seq_Dialect, Seq_Activation, "activation"> {
  let assemblyFormat = "`<` $value `>`";
}

def Seq_DecayKind : I32EnumAttr<"DecayKind",
    "how the linear-attention state decays between steps", [
      // Decay = 1: plain causal linear attention.
      I32EnumAttrCase<"None", 0, "none">,
      // One constant log-decay per state head (RetNet).
      I32EnumAttrCase<"Fixed", 1, "fixed">,
      // A data-dependent log-decay per head and step (simple GLA, Mamba-2).
      I32EnumAttrCase<"Scalar", 2, "scalar">,
      // A data-dependent log-decay per head, step and key dim (GLA).
      I32EnumAttrCase<"Vector", 3, "vector">
    ]> {
  let cppNamespace = "::mlir::seq";
  let genSpecializedAttr = 0;
}
def Seq_DecayKindAttr : EnumAttr<Seq_Dialect, Seq_DecayKind, "decay"> {
  let assemblyFormat = "`<` $value `>`";
}

def Seq_UpdateRule : I32EnumAttr<"UpdateRule",
    "how the linear-attention state takes in a new key/value pair", [
      // S_t = Decay (.) S_{t-1} + k_t^T v_t
      I32EnumAttrCase<"Additive", 0, "additive">,
      // S_t = S' + beta_t k_t^T (v_t - k_t S'), S' = Decay (.) S_{t-1}
      I32EnumAttrCase<"Delta", 1, "delta">
    ]> {
  let cppNamespace = "::mlir::seq";
  let genSpecializedAttr = 0;
}
def Seq_UpdateRuleAttr : EnumAttr<Seq_Dialect, Seq_UpdateRule, "update"> {
  let assemblyFormat = "`<` $value `>`";
}

// The schedule a strategy step chose for one op (dialects/seq/Transforms/
// SelectChunking.cpp). It is held by a discardable attribute of the same
// name (`LoweringConfigAttr::name`, "seq.lowering_config"): it never changes what the op computes, only how
// the `tiled` phase rewrites it, so tests can pin a choice.
def Seq_LoweringConfigAttr : AttrDef<Seq_Dialect, "LoweringConfig"> {
  let mnemonic = "lowering_config";
  let summary = "how the tiled phase rewrites one sequence op";
  let description = [{
    `chunk_size`: the chunk length of the chunked form (linear attention,
    SSD): the time steps whose intra-chunk products become one set of
    matmuls between two state updates.

    ```mlir
    func.func @chunked(%q: tensor<1x2x256x32xf32>, %v: tensor<1x2x256x64xf32>)
        -> tensor<1x2x256x64xf32> {
      %o = seq.linear_attention %q, %q, %v decay<none> update<additive>
          {seq.lowering_config = #seq.lowering_config<chunk_size = 64>}
          : (tensor<1x2x256x32xf32>, tensor<1x2x256x32xf32>,
             tensor<1x2x256x64xf32>) -> tensor<1x2x256x64xf32>
      return %o : tensor<1x2x256x64xf32>
    }
    ```
  }];
  let parameters = (ins "int64_t":$chunk_size);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
}

#endif // SEQ_ATTRS_TD
