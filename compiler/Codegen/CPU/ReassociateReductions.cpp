//===- ReassociateReductions.cpp - Vectorizable float sums ----------------===//

#include "compiler/Codegen/CPU/Passes.h"

namespace mlir::seqc {
#define GEN_PASS_DEF_REASSOCIATEREDUCTIONS
#include "compiler/Codegen/CPU/Passes.h.inc"
} // namespace mlir::seqc

using namespace mlir;

namespace {

struct ReassociateReductionsPass
    : mlir::seqc::impl::ReassociateReductionsBase<ReassociateReductionsPass> {
  using Base::Base;

  void runOnOperation() override {
    getOperation().walk([](linalg::GenericOp op) {
      if (op.getNumReductionLoops() == 0)
        return;
      Block *body = op.getBody();
      auto yield = cast<linalg::YieldOp>(body->getTerminator());
      for (OpOperand &init : op.getDpsInitsMutable()) {
        BlockArgument acc = op.getMatchingBlockArgument(&init);
        Value yielded =
            yield.getOperand(init.getOperandNumber() - op.getNumDpsInputs());
        // The combiner: an addf of the accumulator and one other value.
        auto add = yielded.getDefiningOp<arith::AddFOp>();
        if (!add || add->getBlock() != body ||
            (add.getLhs() != acc && add.getRhs() != acc))
          continue;
        add.setFastmath(add.getFastmath() | arith::FastMathFlags::reassoc);
      }
    });
  }
};

} // namespace
