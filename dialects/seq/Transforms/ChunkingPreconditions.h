//===- ChunkingPreconditions.h - What the chunked forms take ----*- C++ -*-===//
//
// The chunked rewrites build static f32 tensors; the strategy step offers
// them only ops whose operands and results are all such tensors, and a
// rewrite reports a config pinned on any other op. The rewrites take the
// ops that carry a config, in walk order.
//
//===----------------------------------------------------------------------===//

#ifndef SEQC_DIALECTS_SEQ_TRANSFORMS_CHUNKINGPRECONDITIONS_H
#define SEQC_DIALECTS_SEQ_TRANSFORMS_CHUNKINGPRECONDITIONS_H

#include "dialects/seq/IR/SeqOps.h"

#include "mlir/IR/Operation.h"

namespace mlir::seq {

/// Whether every operand and result of `op` is an f32 tensor of static
/// shape.
bool hasStaticF32Tensors(Operation *op);

/// As hasStaticF32Tensors, but reports the first other type on `op`.
LogicalResult verifyStaticF32Tensors(Operation *op);

/// The ops of type `OpT` under `root` that carry a `seq.lowering_config`,
/// with it (the dialect verifier has checked that it is a
/// LoweringConfigAttr).
template <typename OpT>
SmallVector<std::pair<OpT, LoweringConfigAttr>> configuredOps(Operation *root) {
  SmallVector<std::pair<OpT, LoweringConfigAttr>> ops;
  root->walk([&](OpT op) {
    if (auto config = op->template getAttrOfType<LoweringConfigAttr>(
            LoweringConfigAttr::name))
      ops.push_back({op, config});
  });
  return ops;
}

} // namespace mlir::seq

#endif // SEQC_DIALECTS_SEQ_TRANSFORMS_CHUNKINGPRECONDITIONS_H
