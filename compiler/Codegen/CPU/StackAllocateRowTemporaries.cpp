//===- StackAllocateRowTemporaries.cpp - Row scratch on the stack ---------===//
//
// The lowerings of the sequence ops give every parallel row small scratch
// buffers (a scan's [N, 16] state tile, its dt / dt*u / y rows), which
// bufferize to memref.alloc inside the scf.forall body: a malloc and a free
// per row and call, a third of a decode step's time. A static buffer of a
// few KiB directly in the body becomes a memref.alloca instead; after
// convert-scf-to-openmp, seqc-inline-alloca-scopes moves it to the start of
// the parallel region, so each thread allocates it once per call.
//
//===----------------------------------------------------------------------===//

#include "compiler/Codegen/CPU/Passes.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::seqc {
#define GEN_PASS_DEF_STACKALLOCATEROWTEMPORARIES
#include "compiler/Codegen/CPU/Passes.h.inc"
} // namespace mlir::seqc

using namespace mlir;

namespace {

/// Whether `alloc` is a static buffer of at most `maxBytes` whose uses are
/// all in the block that allocates it (it does not escape the row), with
/// only memref.dealloc to free it.
bool isRowTemporary(memref::AllocOp alloc, int64_t maxBytes) {
  MemRefType type = alloc.getType();
  if (!type.hasStaticShape() || !type.getLayout().isIdentity() ||
      !type.getElementType().isIntOrFloat())
    return false;
  int64_t bytes = type.getNumElements() * type.getElementTypeBitWidth() / 8;
  if (bytes > maxBytes)
    return false;
  Block *block = alloc->getBlock();
  for (Operation *user : alloc->getUsers())
    if (!block->findAncestorOpInBlock(*user))
      return false;
  return true;
}

struct StackAllocateRowTemporariesPass
    : mlir::seqc::impl::StackAllocateRowTemporariesBase<
          StackAllocateRowTemporariesPass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<memref::AllocOp> allocs;
    getOperation().walk([&](scf::ForallOp forall) {
      // A forall nested in another parallel loop is made sequential later
      // (seqc-sequentialize-nested-parallel), and its body gets no alloca
      // scope: an alloca there would grow the stack on every iteration.
      if (forall->getParentOfType<scf::ForallOp>() ||
          forall->getParentOfType<scf::ParallelOp>())
        return;
      for (Operation &op : forall.getBody()->getOperations())
        if (auto alloc = dyn_cast<memref::AllocOp>(op))
          if (isRowTemporary(alloc, maxBytes))
            allocs.push_back(alloc);
    });
    IRRewriter rewriter(&getContext());
    for (memref::AllocOp alloc : allocs) {
      for (Operation *user : llvm::make_early_inc_range(alloc->getUsers()))
        if (isa<memref::DeallocOp>(user))
          rewriter.eraseOp(user);
      rewriter.setInsertionPoint(alloc);
      rewriter.replaceOpWithNewOp<memref::AllocaOp>(alloc, alloc.getType(),
                                                    alloc.getAlignmentAttr());
    }
  }
};

} // namespace
