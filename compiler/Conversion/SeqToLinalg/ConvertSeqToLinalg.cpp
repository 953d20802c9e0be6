//===- ConvertSeqToLinalg.cpp - The convert-seq-to-linalg pass ------------===//

#include "compiler/Conversion/Passes.h"
#include "compiler/Conversion/SeqToLinalg/SeqToLinalg.h"
#include "dialects/seq/IR/SeqDialect.h"
#include "dialects/seq/IR/SeqOps.h"

#include "mlir/Transforms/DialectConversion.h"

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
    populateConvLoweringPatterns(patterns);
    populateNormLoweringPatterns(patterns);
    populateLinearAttentionLoweringPatterns(patterns);
    populateMonarchLoweringPatterns(patterns);
    populateQuantLoweringPatterns(patterns);

    // Every seq op must go: a partial conversion reports the first op no
    // pattern could lower, on that op.
    ConversionTarget target(*context);
    target.addIllegalDialect<seq::SeqDialect>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
