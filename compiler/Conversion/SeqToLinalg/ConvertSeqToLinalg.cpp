//===- ConvertSeqToLinalg.cpp - The convert-seq-to-linalg pass ------------===//

#include "compiler/Conversion/Passes.h"
#include "compiler/Conversion/SeqToLinalg/SeqToLinalg.h"
#include "dialects/seq/IR/SeqDialect.h"
#include "dialects/seq/IR/SeqOps.h"

#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::seqc {
#define GEN_PASS_DEF_CONVERTSEQTOLINALG
#include "compiler/Conversion/Passes.h.inc"
} // namespace mlir::seqc

using namespace mlir;
using namespace mlir::seqc;

namespace {

struct ConvertSeqToLinalgPass
    : mlir::seqc::impl::ConvertSeqToLinalgBase<ConvertSeqToLinalgPass> {
  using Base::Base;

  void runOnOperation() override {
    MLIRContext *context = &getContext();
    RewritePatternSet patterns(context);
    populateScanLoweringPatterns(patterns);
    populateSelectiveScanLoweringPatterns(patterns);
    populateConvLoweringPatterns(patterns);
    populateNormLoweringPatterns(patterns);
    populateLinearAttentionLoweringPatterns(patterns);
    populateMonarchLoweringPatterns(patterns);
    populateQuantLoweringPatterns(patterns);

    // The patterns are plain 1:1 rewrites on tensors (no type conversion),
    // applied until none matches; then every seq op must be gone.
    // (Non-convergence is reported through the ops left below.)
    (void)applyPatternsGreedily(getOperation(), std::move(patterns));
    WalkResult left = getOperation().walk([](Operation *op) {
      if (!isa<seq::SeqDialect>(op->getDialect()))
        return WalkResult::advance();
      op->emitOpError("could not be lowered to linalg (see the lowering's "
                      "requirements in docs/seqc.md)");
      return WalkResult::interrupt();
    });
    if (left.wasInterrupted())
      signalPassFailure();
  }
};

} // namespace
