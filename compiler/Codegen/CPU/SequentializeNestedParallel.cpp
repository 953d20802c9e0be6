//===- SequentializeNestedParallel.cpp - Nested scf.parallel to scf.for ---===//

#include "compiler/Codegen/CPU/Passes.h"

#include "mlir/Dialect/SCF/Utils/Utils.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::seqc {
#define GEN_PASS_DEF_SEQUENTIALIZENESTEDPARALLEL
#include "compiler/Codegen/CPU/Passes.h.inc"
} // namespace mlir::seqc

using namespace mlir;

namespace {

/// Replaces `loop` by a nest of scf.for with its bounds and body.
void sequentialize(scf::ParallelOp loop, IRRewriter &rewriter) {
  rewriter.setInsertionPoint(loop);
  scf::LoopNest nest =
      scf::buildLoopNest(rewriter, loop.getLoc(), loop.getLowerBound(),
                         loop.getUpperBound(), loop.getStep());
  Block *innermost = nest.loops.back().getBody();
  SmallVector<Value> ivs;
  for (scf::ForOp forOp : nest.loops)
    ivs.push_back(forOp.getInductionVar());
  Block *body = loop.getBody();
  // The parallel body ends in an operand-less scf.reduce; the for body
  // keeps its own scf.yield.
  rewriter.eraseOp(body->getTerminator());
  rewriter.inlineBlockBefore(body, innermost->getTerminator(), ivs);
  rewriter.eraseOp(loop);
}

struct SequentializeNestedParallelPass
    : mlir::seqc::impl::SequentializeNestedParallelBase<
          SequentializeNestedParallelPass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<scf::ParallelOp> nested;
    bool failedAny = false;
    getOperation().walk([&](scf::ParallelOp loop) {
      if (!loop.getInitVals().empty()) {
        loop.emitOpError("parallel reductions are not supported by the CPU "
                         "pipeline");
        failedAny = true;
        return;
      }
      if (loop->getParentOfType<scf::ParallelOp>())
        nested.push_back(loop);
    });
    if (failedAny)
      return signalPassFailure();
    // The walk is post-order, so inner loops come first and each rewrite
    // leaves the loops still to visit intact.
    IRRewriter rewriter(&getContext());
    for (scf::ParallelOp loop : nested)
      sequentialize(loop, rewriter);
  }
};

} // namespace
