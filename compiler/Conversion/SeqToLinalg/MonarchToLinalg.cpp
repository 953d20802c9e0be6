//===- MonarchToLinalg.cpp - Monarch matmul to block contractions ---------===//
//
// Lowers seq.monarch_matmul (docs/ops.md §5) to two batched block
// contractions (linalg.generic), with the Monarch permutations folded into
// their indexing maps instead of materialized transposes:
//
//   X  = x viewed as [M, k, p]
//   X1[m, k, q] = sum_p X[m, k, p] * w1[k, q, p]
//   X2 = X1 viewed as [M, r, l]                    (k*q = r*l)
//   Y [m, s, l] = sum_r X2[m, r, l] * w2[l, s, r]
//   y  = Y viewed as [..., s*l]
//
// Products accumulate in f32 (f64 for f64 data).
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/SeqToLinalg/LoweringBuilder.h"
#include "compiler/Conversion/SeqToLinalg/SeqToLinalg.h"
#include "dialects/seq/IR/SeqOps.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StructuredOpsUtils.h"

using namespace mlir;
using namespace mlir::seqc;

namespace {

/// `out[...] += lhs[...] * rhs[...]` over a 4-D iteration space whose last
/// dim is the reduction, in the compute type.
Value contract(LoweringBuilder &lb, Value lhs, Value rhs,
               ArrayRef<OpFoldResult> outSizes, ArrayRef<AffineMap> maps) {
  OpBuilder &b = lb.builder();
  Location loc = lb.location();
  Value init = lb.filled(outSizes, lb.computeType(), 0.0);
  SmallVector<utils::IteratorType> iterators(3, utils::IteratorType::parallel);
  iterators.push_back(utils::IteratorType::reduction);
  FloatType compute = lb.computeType();
  auto generic = linalg::GenericOp::create(
      b, loc, init.getType(), ValueRange{lhs, rhs}, init, maps, iterators,
      [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        LoweringBuilder inner(nested, nestedLoc, compute);
        Value product = inner.mul(inner.convert(args[0], compute),
                                  inner.convert(args[1], compute));
        linalg::YieldOp::create(nested, nestedLoc, inner.add(args[2], product));
      });
  return generic.getResult(0);
}

/// Collapses all leading dims of `x` into one: [..., n] -> [M, n].
Value collapseLeading(OpBuilder &b, Location loc, Value x) {
  auto type = cast<RankedTensorType>(x.getType());
  int64_t rank = type.getRank();
  if (rank == 2)
    return x;
  if (rank == 1) {
    auto expanded =
        RankedTensorType::get({1, type.getDimSize(0)}, type.getElementType());
    return tensor::ExpandShapeOp::create(
        b, loc, expanded, x, ArrayRef<ReassociationIndices>{{0, 1}});
  }
  ReassociationIndices leading;
  for (int64_t i = 0; i < rank - 1; ++i)
    leading.push_back(i);
  return tensor::CollapseShapeOp::create(
      b, loc, x, ArrayRef<ReassociationIndices>{leading, {rank - 1}});
}

struct MonarchMatmulLowering : OpRewritePattern<seq::MonarchMatmulOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(seq::MonarchMatmulOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    LoweringBuilder lb(rewriter, loc, elementTypeOf(op.getX()));
    MLIRContext *context = rewriter.getContext();
    Value w1 = op.getW1(), w2 = op.getW2();
    SmallVector<OpFoldResult> w1Sizes = lb.sizes(w1); // k, q, p

    // X: [M, k, p]
    Value rows = collapseLeading(rewriter, loc, op.getX());
    OpFoldResult m = tensor::getMixedSize(rewriter, loc, rows, 0);
    Value blocks = expandLastDim(lb, rows, m, {w1Sizes[0], w1Sizes[2]});

    AffineExpr d0, d1, d2, d3;
    bindDims(context, d0, d1, d2, d3);
    // (m, k, q, p): X[m, k, p] * w1[k, q, p] -> X1[m, k, q]
    auto map = [&](ArrayRef<AffineExpr> results) {
      return AffineMap::get(4, 0, results, context);
    };
    Value stage1 =
        contract(lb, blocks, w1, {m, w1Sizes[0], w1Sizes[1]},
                 {map({d0, d1, d3}), map({d1, d2, d3}), map({d0, d1, d2})});
    Value result = stage1;
    if (w2) {
      SmallVector<OpFoldResult> w2Sizes = lb.sizes(w2); // l, s, r
      // X1 [M, k, q] -> [M, k*q] -> [M, r, l]
      Value flat = tensor::CollapseShapeOp::create(
          rewriter, loc, stage1, ArrayRef<ReassociationIndices>{{0}, {1, 2}});
      Value view = expandLastDim(lb, flat, m, {w2Sizes[2], w2Sizes[0]});
      // (m, s, l, r): X2[m, r, l] * w2[l, s, r] -> Y[m, s, l]
      result =
          contract(lb, view, w2, {m, w2Sizes[1], w2Sizes[0]},
                   {map({d0, d3, d2}), map({d2, d1, d3}), map({d0, d1, d2})});
    }
    auto yType = cast<RankedTensorType>(op.getY().getType());
    // [M, a, b] -> [M, a*b] -> x's leading dims + [a*b]
    Value flat = tensor::CollapseShapeOp::create(
        rewriter, loc, result, ArrayRef<ReassociationIndices>{{0}, {1, 2}});
    Value y = restoreLeadingDims(lb, flat, op.getX());
    replaceWithCasts(rewriter, op, lb.convertTensor(y, yType.getElementType()));
    return success();
  }
};

} // namespace

void mlir::seqc::populateMonarchLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<MonarchMatmulLowering>(patterns.getContext());
}
