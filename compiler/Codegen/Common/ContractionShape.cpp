//===- ContractionShape.cpp - A linalg contraction as a batched matmul ----===//

#include "compiler/Codegen/Common/ContractionShape.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"

using namespace mlir;
using namespace mlir::seqc;

namespace {

/// The static strides of one operand, indexed by the results of its map.
struct OperandLayout {
  AffineMap map;
  SmallVector<int64_t> strides;

  /// The result position of loop `d` in the map, or -1.
  int64_t position(unsigned d) const {
    for (auto [i, e] : llvm::enumerate(map.getResults()))
      if (cast<AffineDimExpr>(e).getPosition() == d)
        return i;
    return -1;
  }
};

/// Orders `loops` by their result position in `layout`'s map (all of them
/// appear there).
SmallVector<unsigned> orderedBy(ArrayRef<unsigned> loops,
                                const OperandLayout &layout) {
  SmallVector<unsigned> ordered(loops);
  llvm::sort(ordered, [&](unsigned a, unsigned b) {
    return layout.position(a) < layout.position(b);
  });
  return ordered;
}

/// Folds `loops` (outermost first) into one role, or fails with `reason`.
LogicalResult foldRole(ArrayRef<unsigned> loops,
                       ArrayRef<OperandLayout> layouts,
                       ArrayRef<int64_t> loopSizes, ContractionRole &role,
                       StringRef name, std::string &reason) {
  role.loops.assign(loops.begin(), loops.end());
  role.resultPos = {-1, -1, -1};
  if (loops.empty())
    return success();
  for (auto [o, layout] : llvm::enumerate(layouts)) {
    SmallVector<int64_t> positions;
    for (unsigned d : loops)
      positions.push_back(layout.position(d));
    int64_t used = llvm::count_if(positions, [](int64_t p) { return p >= 0; });
    if (used == 0)
      continue;
    if (used != static_cast<int64_t>(loops.size())) {
      reason =
          ("operand #" + Twine(o) + " uses only some of the " + name + " loops")
              .str();
      return failure();
    }
    // Outer loop stride == inner loop stride * inner loop size, statically.
    for (size_t i = 0; i + 1 < loops.size(); ++i) {
      int64_t outer = layout.strides[positions[i]];
      int64_t inner = layout.strides[positions[i + 1]];
      int64_t size = loopSizes[loops[i + 1]];
      if (ShapedType::isDynamic(outer) || ShapedType::isDynamic(inner) ||
          ShapedType::isDynamic(size) || outer != inner * size) {
        reason = ("the " + name + " loops of operand #" + Twine(o) +
                  " are not one row-major run")
                     .str();
        return failure();
      }
    }
    role.resultPos[o] = positions.back();
  }
  return success();
}

/// Whether the body of `op` is exactly `acc + a * b` (either order of either
/// operation) on its two input block arguments, each possibly extended to
/// the accumulator's type first (arith.extf), and nothing else:
/// isaContractionOpInterface also accepts other unary ops such as negf or
/// exp on the operands, which a matmul kernel does not compute.
bool isPlainMultiplyAdd(linalg::LinalgOp op) {
  Block *body = op.getBlock();
  if (!body || body->getNumArguments() != 3)
    return false;
  auto yield = dyn_cast<linalg::YieldOp>(body->getTerminator());
  if (!yield || yield.getNumOperands() != 1)
    return false;
  auto add = yield.getOperand(0).getDefiningOp<arith::AddFOp>();
  if (!add || add->getBlock() != body)
    return false;
  BlockArgument a = body->getArgument(0), b = body->getArgument(1),
                acc = body->getArgument(2);
  Value product = add.getLhs() == acc   ? add.getRhs()
                  : add.getRhs() == acc ? add.getLhs()
                                        : Value();
  auto mul = product ? product.getDefiningOp<arith::MulFOp>() : nullptr;
  if (!mul || mul->getBlock() != body)
    return false;
  int64_t extensions = 0;
  auto input = [&](Value v) -> Value {
    if (auto ext = v.getDefiningOp<arith::ExtFOp>()) {
      if (ext->getBlock() != body)
        return Value();
      ++extensions;
      return ext.getIn();
    }
    return v;
  };
  Value lhs = input(mul.getLhs()), rhs = input(mul.getRhs());
  bool direct = (lhs == a && rhs == b) || (lhs == b && rhs == a);
  // The multiply, the add, the extensions and the yield: nothing else.
  return direct && std::distance(body->begin(), body->end()) == 3 + extensions;
}

} // namespace

FailureOr<ContractionShape>
mlir::seqc::getContractionShape(linalg::LinalgOp op, std::string &reason) {
  if (!op.hasPureBufferSemantics() || op.getNumDpsInputs() != 2 ||
      op.getNumDpsInits() != 1) {
    reason = "not a two-input, one-output op on buffers";
    return failure();
  }
  if (!linalg::isaContractionOpInterface(op) || !isPlainMultiplyAdd(op)) {
    reason = "not a multiply-add contraction";
    return failure();
  }
  SmallVector<OperandLayout> layouts;
  for (OpOperand &operand : op->getOpOperands()) {
    auto type = dyn_cast<MemRefType>(operand.get().getType());
    AffineMap map = op.getMatchingIndexingMap(&operand);
    if (!type || !map.isProjectedPermutation(/*allowZeroInResults=*/false)) {
      reason = "an operand is not indexed by a projected permutation";
      return failure();
    }
    OperandLayout layout{map, {}};
    int64_t offset;
    if (failed(type.getStridesAndOffset(layout.strides, offset))) {
      reason = "an operand has no strided layout";
      return failure();
    }
    layouts.push_back(std::move(layout));
  }
  FailureOr<linalg::ContractionDimensions> dims =
      linalg::inferContractionDims(op);
  if (failed(dims)) {
    reason = "no batch/m/n/k split of the loops";
    return failure();
  }
  SmallVector<int64_t> loopSizes = op.getStaticLoopRanges();
  const OperandLayout &a = layouts[0], &c = layouts[2];

  // Unit loops add nothing to a role (their index is always 0), and a tile
  // of a folded role may have them next to a dynamic loop.
  auto nonUnit = [&](ArrayRef<unsigned> loops, const OperandLayout &layout) {
    SmallVector<unsigned> kept;
    for (unsigned d : orderedBy(loops, layout))
      if (loopSizes[d] != 1)
        kept.push_back(d);
    return kept;
  };
  ContractionShape shape;
  SmallVector<unsigned> batch = nonUnit(dims->batch, c);
  SmallVector<unsigned> m = nonUnit(dims->m, c);
  // A batch that B does not read is more rows of A and C: one bigger M.
  if (!batch.empty() && llvm::none_of(batch, [&](unsigned d) {
        return layouts[1].position(d) >= 0;
      })) {
    SmallVector<unsigned> rows(batch);
    rows.append(m.begin(), m.end());
    std::string ignored;
    if (succeeded(foldRole(rows, layouts, loopSizes, shape.m, "m", ignored))) {
      batch.clear();
      m = rows;
    }
  }
  if (failed(
          foldRole(batch, layouts, loopSizes, shape.batch, "batch", reason)) ||
      failed(foldRole(m, layouts, loopSizes, shape.m, "m", reason)) ||
      failed(foldRole(nonUnit(dims->n, c), layouts, loopSizes, shape.n, "n",
                      reason)) ||
      failed(foldRole(nonUnit(dims->k, a), layouts, loopSizes, shape.k, "k",
                      reason)))
    return failure();
  if (dims->k.empty()) {
    reason = "no reduction loop";
    return failure();
  }
  return shape;
}

std::optional<int64_t> mlir::seqc::staticContractionWork(linalg::LinalgOp op) {
  int64_t work = 1;
  for (int64_t size : op.getStaticLoopRanges()) {
    if (ShapedType::isDynamic(size))
      return std::nullopt;
    work *= size;
  }
  return work;
}
