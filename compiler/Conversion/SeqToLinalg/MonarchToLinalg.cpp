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

/// Splits the last dim of a [M, n] tensor into `parts` ([M, a, b]). When
/// the parts are static but n is not (a dynamically typed operand whose
/// sizes are known), n is first refined by a cast, as expand_shape needs a
/// static source for static results.
Value expandLast(LoweringBuilder &lb, Value value, OpFoldResult rows,
                 ArrayRef<OpFoldResult> parts) {
  OpBuilder &b = lb.builder();
  Location loc = lb.location();
  auto type = cast<RankedTensorType>(value.getType());
  // Every size known as a constant is made static in the source (a cast
  // refines it) and in the result, so that the two agree with the
  // output shape.
  SmallVector<OpFoldResult> outputShape =
      foldConstants(b, {rows, parts[0], parts[1]});
  SmallVector<int64_t> shape;
  for (OpFoldResult size : outputShape)
    shape.push_back(getConstantIntValue(size).value_or(ShapedType::kDynamic));
  SmallVector<int64_t> sourceShape = {shape[0],
                                      ShapedType::isDynamic(shape[1]) ||
                                              ShapedType::isDynamic(shape[2])
                                          ? type.getDimSize(1)
                                          : shape[1] * shape[2]};
  if (ShapedType::isDynamic(sourceShape[0]))
    sourceShape[0] = type.getDimSize(0);
  auto refined = RankedTensorType::get(sourceShape, type.getElementType());
  if (refined != type)
    value = tensor::CastOp::create(b, loc, refined, value);
  auto resultType = RankedTensorType::get(shape, type.getElementType());
  return tensor::ExpandShapeOp::create(
      b, loc, resultType, value, ArrayRef<ReassociationIndices>{{0}, {1, 2}},
      outputShape);
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

/// Reshapes `value` ([M, a, b]) back to `like`'s leading dims + [a*b].
Value restoreLeading(LoweringBuilder &lb, Value value, Value like,
                     RankedTensorType resultType) {
  OpBuilder &b = lb.builder();
  Location loc = lb.location();
  // [M, a, b] -> [M, a*b]
  Value flat = tensor::CollapseShapeOp::create(
      b, loc, value, ArrayRef<ReassociationIndices>{{0}, {1, 2}});
  int64_t rank = resultType.getRank();
  auto flatType = cast<RankedTensorType>(flat.getType());
  auto target =
      RankedTensorType::get(resultType.getShape(), flatType.getElementType());
  if (rank == 2)
    return flat;
  if (rank == 1)
    return tensor::CollapseShapeOp::create(
        b, loc, target, flat, ArrayRef<ReassociationIndices>{{0, 1}});
  ReassociationIndices leading;
  for (int64_t i = 0; i < rank - 1; ++i)
    leading.push_back(i);
  SmallVector<OpFoldResult> outputShape = lb.sizes(like);
  outputShape.back() = tensor::getMixedSize(b, loc, flat, 1);
  return tensor::ExpandShapeOp::create(
      b, loc, target, flat, ArrayRef<ReassociationIndices>{leading, {rank - 1}},
      outputShape);
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
    Value blocks = expandLast(lb, rows, m, {w1Sizes[0], w1Sizes[2]});

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
      Value view = expandLast(lb, flat, m, {w2Sizes[2], w2Sizes[0]});
      // (m, s, l, r): X2[m, r, l] * w2[l, s, r] -> Y[m, s, l]
      result =
          contract(lb, view, w2, {m, w2Sizes[1], w2Sizes[0]},
                   {map({d0, d3, d2}), map({d2, d1, d3}), map({d0, d1, d2})});
    }
    auto yType = cast<RankedTensorType>(op.getY().getType());
    Value y = restoreLeading(lb, result, op.getX(), yType);
    rewriter.replaceOp(op, lb.convertTensor(y, yType.getElementType()));
    return success();
  }
};

} // namespace

void mlir::seqc::populateMonarchLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<MonarchMatmulLowering>(patterns.getContext());
}
