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

/// Replaces an outermost `loop` of several dims by a parallel loop over all
/// but its last dim around an scf.for over the last one. OpenMP would
/// collapse every dim into one linear loop whose indices are recovered by
/// division, which LLVM cannot vectorize; the unit-stride innermost dim
/// stays a plain loop that it can.
void keepInnermostSequential(scf::ParallelOp loop, IRRewriter &rewriter) {
  unsigned rank = loop.getNumLoops();
  rewriter.setInsertionPoint(loop);
  Location loc = loop.getLoc();
  auto outer = scf::ParallelOp::create(
      rewriter, loc, loop.getLowerBound().drop_back(),
      loop.getUpperBound().drop_back(), loop.getStep().drop_back());
  rewriter.setInsertionPoint(outer.getBody()->getTerminator());
  auto inner = scf::ForOp::create(rewriter, loc, loop.getLowerBound()[rank - 1],
                                  loop.getUpperBound()[rank - 1],
                                  loop.getStep()[rank - 1]);
  SmallVector<Value> ivs(outer.getInductionVars());
  ivs.push_back(inner.getInductionVar());
  Block *body = loop.getBody();
  rewriter.eraseOp(body->getTerminator());
  rewriter.inlineBlockBefore(body, inner.getBody()->getTerminator(), ivs);
  rewriter.eraseOp(loop);
}

struct SequentializeNestedParallelPass
    : mlir::seqc::impl::SequentializeNestedParallelBase<
          SequentializeNestedParallelPass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<scf::ParallelOp> nested, outermost;
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
      else if (loop.getNumLoops() > 1)
        outermost.push_back(loop);
    });
    if (failedAny)
      return signalPassFailure();
    // The walk is post-order, so inner loops come first and each rewrite
    // leaves the loops still to visit intact.
    IRRewriter rewriter(&getContext());
    for (scf::ParallelOp loop : nested)
      sequentialize(loop, rewriter);
    for (scf::ParallelOp loop : outermost)
      keepInnermostSequential(loop, rewriter);
  }
};

} // namespace
