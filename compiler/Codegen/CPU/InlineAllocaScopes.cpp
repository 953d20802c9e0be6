//===- InlineAllocaScopes.cpp - Drop alloca scopes that allocate nothing --===//

#include "compiler/Codegen/CPU/Passes.h"

#include "mlir/IR/PatternMatch.h"

namespace mlir::seqc {
#define GEN_PASS_DEF_INLINEALLOCASCOPES
#include "compiler/Codegen/CPU/Passes.h.inc"
} // namespace mlir::seqc

using namespace mlir;

namespace {

/// Whether `scope` holds a memref.alloca of its own (not one inside a
/// nested op that is an allocation scope itself).
bool allocates(memref::AllocaScopeOp scope) {
  WalkResult result = scope.getBodyRegion().walk([&](Operation *op) {
    if (op != scope.getOperation() &&
        op->hasTrait<OpTrait::AutomaticAllocationScope>())
      return WalkResult::skip();
    if (isa<memref::AllocaOp>(op))
      return WalkResult::interrupt();
    return WalkResult::advance();
  });
  return result.wasInterrupted();
}

struct InlineAllocaScopesPass
    : mlir::seqc::impl::InlineAllocaScopesBase<InlineAllocaScopesPass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<memref::AllocaScopeOp> scopes;
    getOperation().walk(
        [&](memref::AllocaScopeOp scope) { scopes.push_back(scope); });
    IRRewriter rewriter(&getContext());
    // Inner scopes first (post-order walk), so outer ones see them inlined.
    for (memref::AllocaScopeOp scope : scopes) {
      if (allocates(scope) || !scope.getBodyRegion().hasOneBlock())
        continue;
      Block &body = scope.getBodyRegion().front();
      Operation *terminator = body.getTerminator();
      SmallVector<Value> results(terminator->getOperands());
      rewriter.eraseOp(terminator);
      rewriter.inlineBlockBefore(&body, scope);
      rewriter.replaceOp(scope, results);
    }
  }
};

} // namespace
