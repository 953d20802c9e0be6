//===- ChunkingPreconditions.h - What the chunked forms take ----*- C++ -*-===//
//
// The chunked rewrites build static f32 tensors; the strategy step offers
// them only ops whose operands and results are all such tensors, and a
// rewrite reports a config pinned on any other op.
//
//===----------------------------------------------------------------------===//

#ifndef SEQC_DIALECTS_SEQ_TRANSFORMS_CHUNKINGPRECONDITIONS_H
#define SEQC_DIALECTS_SEQ_TRANSFORMS_CHUNKINGPRECONDITIONS_H

#include "mlir/IR/Operation.h"

namespace mlir::seq {

/// Whether every operand and result of `op` is an f32 tensor of static
/// shape.
bool hasStaticF32Tensors(Operation *op);

/// As hasStaticF32Tensors, but reports the first other type on `op`.
LogicalResult verifyStaticF32Tensors(Operation *op);

} // namespace mlir::seq

#endif // SEQC_DIALECTS_SEQ_TRANSFORMS_CHUNKINGPRECONDITIONS_H
