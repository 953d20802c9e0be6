//===- SelectChunking.cpp - Choose the chunked form per op ----------------===//

#include "dialects/seq/Transforms/Passes.h"

#include "dialects/seq/IR/SeqOps.h"
#include "dialects/seq/Transforms/ChunkingPreconditions.h"

namespace mlir::seq {
#define GEN_PASS_DEF_SELECTCHUNKING
#include "dialects/seq/Transforms/Passes.h.inc"
} // namespace mlir::seq

using namespace mlir;
using namespace mlir::seq;

namespace {

/// Whether seq-chunk-linear-attention can rewrite `op`: what it does not
/// handle (other float types, dynamic shapes) stays recurrent.
bool isChunkable(LinearAttentionOp op) { return hasStaticF32Tensors(op); }

struct SelectChunkingPass
    : mlir::seq::impl::SelectChunkingBase<SelectChunkingPass> {
  using Base::Base;

  void runOnOperation() override {
    if (chunkSize < 1) {
      getOperation().emitError("seq-select-chunking: chunk-size must be "
                               "positive, got ")
          << static_cast<int64_t>(chunkSize);
      return signalPassFailure();
    }
    MLIRContext *context = &getContext();
    auto config = LoweringConfigAttr::get(context, chunkSize);
    getOperation().walk([&](Operation *op) {
      if (op->hasAttr(LoweringConfigAttr::name))
        return;
      if (auto attention = dyn_cast<LinearAttentionOp>(op)) {
        if (!isChunkable(attention) ||
            attention.getQ().getType().getDimSize(2) < minLength)
          return;
        // Small states stay in L1 in the recurrent form, and the delta
        // rules' UT transform pays off for large heads only.
        int64_t keyDim = attention.getQ().getType().getDimSize(3);
        if (keyDim < (attention.getUpdate() == UpdateRule::Delta
                          ? deltaMinKeyDim
                          : minKeyDim))
          return;
        op->setAttr(LoweringConfigAttr::name, config);
      } else if (auto ssd = dyn_cast<SSDOp>(op)) {
        // Through linear attention: the same constraints on its operands.
        if (hasStaticF32Tensors(op) &&
            ssd.getX().getType().getDimSize(1) >= minLength)
          op->setAttr(LoweringConfigAttr::name, config);
      }
    });
  }
};

} // namespace
