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

/// Moves the static allocas in the entry block of `scope`'s body to the
/// start of the enclosing allocation scope: a parallel loop's body scope
/// then reuses one buffer per thread instead of growing the stack.
void hoistStaticAllocas(IRRewriter &rewriter, memref::AllocaScopeOp scope) {
  Operation *owner =
      scope->getParentWithTrait<OpTrait::AutomaticAllocationScope>();
  if (!owner || owner->getNumRegions() == 0 || owner->getRegion(0).empty())
    return;
  Block &entry = owner->getRegion(0).front();
  for (Operation &op : llvm::make_early_inc_range(
           scope.getBodyRegion().front().getOperations())) {
    auto alloca = dyn_cast<memref::AllocaOp>(op);
    if (alloca && alloca->getNumOperands() == 0)
      rewriter.moveOpBefore(alloca, &entry, entry.begin());
  }
}

struct InlineAllocaScopesPass
    : mlir::seqc::impl::InlineAllocaScopesBase<InlineAllocaScopesPass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<memref::AllocaScopeOp> scopes;
    getOperation().walk(
        [&](memref::AllocaScopeOp scope) { scopes.push_back(scope); });
    IRRewriter rewriter(&getContext());
    for (memref::AllocaScopeOp scope : scopes)
      hoistStaticAllocas(rewriter, scope);
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
