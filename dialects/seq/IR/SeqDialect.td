//===- SeqDialect.td - The seq dialect ---------------------*- tablegen -*-===//
//
// The `seq` dialect: the operations of efficient sequence models (state-space
// scans, linear attention, causal convolutions, structured matrices and
// quantized linear layers) on tensors.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_DIALECT_TD
#define SEQ_DIALECT_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"

def Seq_Dialect : Dialect {
  let name = "seq";
  let cppNamespace = "::mlir::seq";
  let summary = "Operations of efficient sequence models";
  let description = [{
    The `seq` dialect holds the operations that state-space models (Mamba-1,
    Mamba-2), linear-attention models (RetNet, GLA, DeltaNet) and
    structured-matrix layers (Monarch) are built from, on ranked tensors.
    Each op computes exactly the equations of `docs/ops.md`; recurrent ops
    come in a whole-sequence form (prefill) that can return its final state
    and a single-step form (decode) that takes a state in and gives it back.
    Shapes may be dynamic; every relation between static sizes is verified.
    The activations and results of an op share one element type, while
    parameters (weights, biases, `A`, `D`, scales) may use any float type,
    so f32 parameters can drive bf16 activations.
  }];
  let useDefaultAttributePrinterParser = 1;
  // `seq.lowering_config` (LoweringConfigAttr) is checked wherever it is.
  let hasOperationAttrVerify = 1;
}

class Seq_Op<string mnemonic, list<Trait> traits = []>
    : Op<Seq_Dialect, mnemonic, traits>;

// Floating-point tensors carry activations, parameters and states.
def Seq_FloatTensor : RankedTensorOf<[AnyFloat]>;
// Quantized values are stored as signless 8-bit integers; int4 values are
// packed two per byte, low nibble first.
def Seq_I8Tensor : RankedTensorOf<[I8]>;
def Seq_FloatOrI8Tensor : RankedTensorOf<[AnyFloat, I8]>;

#endif // SEQ_DIALECT_TD
