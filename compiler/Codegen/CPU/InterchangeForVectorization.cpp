//===- InterchangeForVectorization.cpp - Unit-stride innermost loops ------===//

#include "compiler/Codegen/CPU/Passes.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::seqc {
#define GEN_PASS_DEF_INTERCHANGEFORVECTORIZATION
#include "compiler/Codegen/CPU/Passes.h.inc"
} // namespace mlir::seqc

using namespace mlir;

namespace {

/// The permutation that moves the trailing reduction of `op` before its
/// last parallel loop, or nothing when that would not help.
std::optional<SmallVector<unsigned>> innermostParallel(linalg::GenericOp op) {
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  unsigned loops = iterators.size();
  if (loops < 3 || iterators.back() != utils::IteratorType::reduction ||
      llvm::count(iterators, utils::IteratorType::reduction) != 1)
    return std::nullopt;
  unsigned lastParallel = loops - 2;
  // Every operand that reads or writes along the last parallel loop must do
  // so in its innermost dim, and only there.
  for (AffineMap map : op.getIndexingMapsArray()) {
    if (!map.isFunctionOfDim(lastParallel))
      continue;
    if (map.getNumResults() == 0)
      return std::nullopt;
    for (auto [i, result] : llvm::enumerate(map.getResults())) {
      bool isLast = i + 1 == map.getNumResults();
      auto dim = dyn_cast<AffineDimExpr>(result);
      bool usesLoop = result.isFunctionOfDim(lastParallel);
      if (usesLoop && (!isLast || !dim))
        return std::nullopt;
      if (isLast && (!dim || dim.getPosition() != lastParallel))
        return std::nullopt;
    }
  }
  SmallVector<unsigned> order;
  for (unsigned i = 0; i < lastParallel; ++i)
    order.push_back(i);
  order.push_back(loops - 1);
  order.push_back(lastParallel);
  return order;
}

struct InterchangeForVectorizationPass
    : mlir::seqc::impl::InterchangeForVectorizationBase<
          InterchangeForVectorizationPass> {
  using Base::Base;

  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    SmallVector<linalg::GenericOp> candidates;
    getOperation().walk(
        [&](linalg::GenericOp op) { candidates.push_back(op); });
    for (linalg::GenericOp op : candidates) {
      std::optional<SmallVector<unsigned>> order = innermostParallel(op);
      if (!order)
        continue;
      rewriter.setInsertionPoint(op);
      if (failed(linalg::interchangeGenericOp(rewriter, op, *order)))
        return signalPassFailure();
    }
  }
};

} // namespace
