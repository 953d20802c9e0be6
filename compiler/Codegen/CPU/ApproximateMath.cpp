//===- ApproximateMath.cpp - Polynomial f32 transcendentals ---------------===//

#include "compiler/Codegen/CPU/Passes.h"

#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::seqc {
#define GEN_PASS_DEF_APPROXIMATEMATH
#include "compiler/Codegen/CPU/Passes.h.inc"
} // namespace mlir::seqc

using namespace mlir;

namespace {

/// The math ops whose approximations are accurate to a few ulp over their
/// whole range (docs/cpu-codegen.md has the measured errors).
bool isApproximated(StringRef name) {
  name.consume_front("math.");
  return llvm::is_contained(
      {"exp", "expm1", "log", "log1p", "log2", "tanh", "erf"}, name);
}

struct ApproximateMathPass
    : mlir::seqc::impl::ApproximateMathBase<ApproximateMathPass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<Operation *> ops;
    getOperation().walk([&](Operation *op) {
      if (isa<math::MathDialect>(op->getDialect()) &&
          isApproximated(op->getName().getStringRef()))
        ops.push_back(op);
    });
    if (ops.empty())
      return;
    RewritePatternSet patterns(&getContext());
    populateMathPolynomialApproximationPatterns(patterns, isApproximated);
    // Only these ops and what their rewrites create.
    GreedyRewriteConfig config;
    config.setStrictness(GreedyRewriteStrictness::ExistingAndNewOps);
    if (failed(applyOpPatternsGreedily(ops, std::move(patterns), config)))
      return signalPassFailure();
  }
};

} // namespace
