//===- FuseContractionEpilogues.cpp - Epilogues on cached row blocks ------===//
//
// A contraction with a kernel writes its result C to a temporary that one
// elementwise op E reads right after. Both are tiled along the rows of C
// into one parallel loop, so every block of rows is computed by the kernel
// and finished by E while it is still in cache, instead of E streaming the
// whole of C back from memory.
//
//===----------------------------------------------------------------------===//

#include "compiler/Codegen/CPU/Passes.h"

#include "compiler/Codegen/CPU/ContractionKernels.h"
#include "compiler/Codegen/Common/ContractionShape.h"

#include "mlir/Dialect/Linalg/Utils/Utils.h"
#include "mlir/Dialect/Utils/StructuredOpsUtils.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace mlir::seqc {
#define GEN_PASS_DEF_FUSECONTRACTIONEPILOGUES
#include "compiler/Codegen/CPU/Passes.h.inc"
} // namespace mlir::seqc

using namespace mlir;
using namespace mlir::seqc;

namespace {

/// The next op after `op` in its block that may touch memory.
Operation *nextWithEffects(Operation *op) {
  for (Operation *next = op->getNextNode(); next; next = next->getNextNode())
    if (!isMemoryEffectFree(next))
      return next;
  return nullptr;
}

/// The elementwise consumer of `c` in `next`: an all-parallel linalg op on
/// buffers with one loop per dim of `c` that reads `c` and writes its output
/// through identity maps.
linalg::LinalgOp epilogueOf(Operation *next, Value c) {
  auto e = dyn_cast_or_null<linalg::LinalgOp>(next);
  if (!e || !e.hasPureBufferSemantics() || e.getNumDpsInits() != 1 ||
      e.getNumLoops() != e.getNumParallelLoops() ||
      e.getNumLoops() != cast<MemRefType>(c.getType()).getRank())
    return nullptr;
  bool readsC = false;
  for (OpOperand &operand : e->getOpOperands()) {
    if (operand.get() != c)
      continue;
    if (!e.getMatchingIndexingMap(&operand).isIdentity())
      return nullptr;
    readsC |= e.isDpsInput(&operand);
  }
  if (!readsC)
    return nullptr;
  // Its output must be indexed like C, so that a block of C's rows is a
  // block of the output's rows.
  if (!e.getMatchingIndexingMap(e.getDpsInitOperand(0)).isIdentity())
    return nullptr;
  return e;
}

struct FuseContractionEpiloguesPass
    : mlir::seqc::impl::FuseContractionEpiloguesBase<
          FuseContractionEpiloguesPass> {
  using Base::Base;

  /// Fuses `e` into row blocks of `mm` when it pays.
  void fuse(linalg::LinalgOp mm, linalg::LinalgOp e, linalg::FillOp fill) {
    std::string reason;
    FailureOr<ContractionShape> shape = getContractionShape(mm, reason);
    if (failed(shape))
      return;
    SmallVector<int64_t> sizes = mm.getStaticLoopRanges();
    auto product = [&](const ContractionRole &role) -> std::optional<int64_t> {
      int64_t p = 1;
      for (unsigned d : role.loops) {
        if (ShapedType::isDynamic(sizes[d]))
          return std::nullopt;
        p *= sizes[d];
      }
      return p;
    };
    std::optional<int64_t> n = product(shape->n), k = product(shape->k),
                           m = product(shape->m), batch = product(shape->batch);
    if (!n || !k || !m || !batch || shape->m.loops.empty() ||
        *k * *n * 4 > maxBBytes)
      return;
    auto config = mm->getAttrOfType<DictionaryAttr>(kContractionKernelAttr);
    auto mrAttr = config ? config.getAs<IntegerAttr>("mr") : nullptr;
    int64_t mr = mrAttr ? std::max<int64_t>(mrAttr.getInt(), 1) : 1;
    unsigned inner = shape->m.loops.back();
    int64_t outer = *batch * (*m / sizes[inner]);
    // As tall as tile-bytes allows, but low enough for min-blocks blocks;
    // a multiple of the kernel's register rows.
    int64_t rows = std::max<int64_t>(tileBytes / (4 * *n), 1);
    int64_t splits = (minBlocks + outer - 1) / outer;
    rows = std::min(rows, sizes[inner] / std::max<int64_t>(splits, 1));
    rows = std::max(mr, rows / mr * mr);
    rows = std::min(rows, sizes[inner]);
    int64_t blocks = outer * ((sizes[inner] + rows - 1) / rows);
    if (blocks < minBlocks)
      return;

    // The tiled loops of mm, by loop index: the batch loops and the outer
    // row loops one at a time, the innermost row loop by `rows`.
    SmallVector<unsigned> tiled(shape->batch.loops);
    tiled.append(shape->m.loops.begin(), shape->m.loops.end());
    llvm::sort(tiled);
    // C's dim of each tiled mm loop, for E's loops (E is indexed like C).
    AffineMap cMap = mm.getMatchingIndexingMap(mm.getDpsInitOperand(0));
    SmallVector<unsigned> cDims;
    for (unsigned d : tiled) {
      std::optional<unsigned> cDim =
          cMap.getResultPosition(getAffineDimExpr(d, mm.getContext()));
      if (!cDim)
        return;
      cDims.push_back(*cDim);
    }

    IRRewriter b(mm);
    Location loc = mm.getLoc();
    SmallVector<Value> lbs, ubs, steps;
    for (unsigned d : tiled) {
      lbs.push_back(arith::ConstantIndexOp::create(b, loc, 0));
      ubs.push_back(arith::ConstantIndexOp::create(b, loc, sizes[d]));
      steps.push_back(
          arith::ConstantIndexOp::create(b, loc, d == inner ? rows : 1));
    }
    auto loop = scf::ParallelOp::create(b, loc, lbs, ubs, steps);
    b.setInsertionPoint(loop.getBody()->getTerminator());

    SmallVector<OpFoldResult> mmTiles(mm.getNumLoops(), b.getIndexAttr(0));
    SmallVector<OpFoldResult> eTiles(e.getNumLoops(), b.getIndexAttr(0));
    SmallVector<OpFoldResult> eOffsets(e.getNumLoops(), b.getIndexAttr(0));
    SmallVector<OpFoldResult> mmIvs;
    for (auto [i, d] : llvm::enumerate(tiled)) {
      OpFoldResult tile = b.getIndexAttr(d == inner ? rows : 1);
      mmTiles[d] = tile;
      mmIvs.push_back(loop.getInductionVars()[i]);
      eTiles[cDims[i]] = tile;
      eOffsets[cDims[i]] = loop.getInductionVars()[i];
    }
    SmallVector<OpFoldResult> eIvs;
    for (auto [tile, offset] : llvm::zip(eTiles, eOffsets))
      if (!isZeroInteger(tile))
        eIvs.push_back(offset);

    auto bounds = [&](linalg::LinalgOp op) {
      SmallVector<OpFoldResult> result;
      for (int64_t size : op.getStaticLoopRanges())
        result.push_back(b.getIndexAttr(size));
      return result;
    };
    SmallVector<Value> mmOperands = linalg::makeTiledShapes(
        b, loc, mm, mm->getOperands(), mmIvs, mmTiles, bounds(mm),
        /*omitPartialTileCheck=*/false);
    // A B that no tiled loop indexes stays the value it was (a constant
    // global that is packed at compile time, for one).
    OpOperand *bOperand = mm.getDpsInputOperand(1);
    AffineMap bMap = mm.getMatchingIndexingMap(bOperand);
    if (llvm::none_of(tiled,
                      [&](unsigned d) { return bMap.isFunctionOfDim(d); }))
      mmOperands[bOperand->getOperandNumber()] = bOperand->get();
    if (fill)
      linalg::FillOp::create(
          b, fill.getLoc(), fill.getInputs()[0],
          mmOperands[mm.getDpsInitOperand(0)->getOperandNumber()]);
    mlir::clone(b, mm, TypeRange(), mmOperands);
    SmallVector<Value> eOperands = linalg::makeTiledShapes(
        b, loc, e, e->getOperands(), eIvs, eTiles, bounds(e),
        /*omitPartialTileCheck=*/false);
    // E's linalg.index values count from the block's first row now: shift
    // them back to whole-tensor positions (a causal mask reads them).
    auto tiledE =
        cast<linalg::LinalgOp>(mlir::clone(b, e, TypeRange(), eOperands));
    linalg::offsetIndices(b, tiledE, eOffsets);

    if (fill)
      b.eraseOp(fill);
    b.eraseOp(mm);
    b.eraseOp(e);
  }

  void runOnOperation() override {
    SmallVector<linalg::LinalgOp> selected;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (op->hasAttr(kContractionKernelAttr) && op.hasPureBufferSemantics())
        selected.push_back(op);
    });
    for (linalg::LinalgOp mm : selected) {
      // C and E's output are whole buffers (temporaries or the entry's
      // out-parameters), so a block of rows of one is nothing but those
      // rows of the other; ops before the fill and after E see the same
      // contents either way.
      Value c = mm.getDpsInits()[0];
      if (!c.getDefiningOp<memref::AllocOp>() && !isa<BlockArgument>(c))
        continue;
      linalg::LinalgOp e = epilogueOf(nextWithEffects(mm), c);
      if (!e)
        continue;
      Value d = e.getDpsInits()[0];
      if (d != c && !d.getDefiningOp<memref::AllocOp>() &&
          !isa<BlockArgument>(d))
        continue;
      if (llvm::is_contained(mm.getDpsInputs(), d))
        continue;
      auto fill = dyn_cast_or_null<linalg::FillOp>(mm->getPrevNode());
      if (fill && fill.getDpsInits()[0] != c)
        fill = nullptr;
      fuse(mm, e, fill);
    }
  }
};

} // namespace
