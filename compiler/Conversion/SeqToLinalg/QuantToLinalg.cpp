//===- QuantToLinalg.cpp - Quantization ops to linalg.generic -------------===//
//
// Lowers seq.quantize, seq.dequantize and seq.qmatmul (docs/ops.md §7) to
// linalg.generic ops. The scale layouts (per tensor, per row, per group)
// and int4 packing (two values a byte, low nibble first) are expressed in
// the indexing maps: a group is `k floordiv group_size`, a packed byte
// `k floordiv 2`, and the nibble is chosen by `k mod 2` in the body.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/SeqToLinalg/LoweringBuilder.h"
#include "compiler/Conversion/SeqToLinalg/SeqToLinalg.h"
#include "dialects/seq/IR/SeqOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StructuredOpsUtils.h"

using namespace mlir;
using namespace mlir::seqc;

namespace {

/// The map of a scale over an iteration space of `rank` dims whose last
/// dim is the quantized one, `lastExpr` giving its element index.
AffineMap scaleMap(MLIRContext *context, int64_t rank, Value scale,
                   std::optional<uint64_t> groupSize, AffineExpr lastExpr) {
  int64_t scaleRank = cast<RankedTensorType>(scale.getType()).getRank();
  if (scaleRank == 0)
    return AffineMap::get(rank, 0, {}, context);
  SmallVector<AffineExpr> results;
  for (int64_t i = 0; i < rank - 1; ++i)
    results.push_back(getAffineDimExpr(i, context));
  if (groupSize)
    results.push_back(lastExpr.floorDiv(*groupSize));
  return AffineMap::get(rank, 0, results, context);
}

/// clamp(roundeven(x / s), -2^(bits-1), 2^(bits-1) - 1) as an i8.
Value quantizeScalar(LoweringBuilder &lb, Value x, Value scale, int64_t bits) {
  OpBuilder &b = lb.builder();
  Location loc = lb.location();
  Value scaled = lb.div(lb.convert(x, lb.computeType()),
                        lb.convert(scale, lb.computeType()));
  Value rounded = math::RoundEvenOp::create(b, loc, scaled);
  double high = (1 << (bits - 1)) - 1, low = -(1 << (bits - 1));
  Value clamped = arith::MinimumFOp::create(
      b, loc, arith::MaximumFOp::create(b, loc, rounded, lb.constant(low)),
      lb.constant(high));
  return arith::FPToSIOp::create(b, loc, b.getI8Type(), clamped);
}

/// The signed int4 in the low (`high` false) or high nibble of `byte`.
Value unpackNibble(OpBuilder &b, Location loc, Value byte, Value high) {
  Value four = arith::ConstantIntOp::create(b, loc, b.getI8Type(), 4);
  // Shifting the low nibble up first makes the arithmetic shift sign-extend.
  Value low = arith::ShRSIOp::create(
      b, loc, arith::ShLIOp::create(b, loc, byte, four), four);
  Value upper = arith::ShRSIOp::create(b, loc, byte, four);
  return arith::SelectOp::create(b, loc, high, upper, low);
}

/// Whether the element index `index` (an index value) is odd.
Value isOdd(OpBuilder &b, Location loc, Value index) {
  Value two = arith::ConstantIndexOp::create(b, loc, 2);
  Value rem = arith::RemUIOp::create(b, loc, index, two);
  return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, rem,
                               arith::ConstantIndexOp::create(b, loc, 0));
}

SmallVector<utils::IteratorType> parallel(int64_t rank) {
  return SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel);
}

struct QuantizeLowering : OpRewritePattern<seq::QuantizeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(seq::QuantizeOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *context = rewriter.getContext();
    LoweringBuilder lb(rewriter, loc, elementTypeOf(op.getInput()));
    Value input = op.getInput(), scale = op.getScale();
    auto outType = cast<RankedTensorType>(op.getOutput().getType());
    int64_t rank = outType.getRank();
    int64_t bits = op.getBits();
    // The output is the input's shape, with K/2 bytes when packed.
    SmallVector<OpFoldResult> outSizes = lb.sizes(input);
    if (op.getPacked())
      outSizes.back() = getAsOpFoldResult(rewriter.createOrFold<arith::DivUIOp>(
          loc, lb.dim(input, rank - 1), lb.index(2)));
    Value init = lb.empty(outSizes, outType.getElementType());
    AffineMap identity = AffineMap::getMultiDimIdentityMap(rank, context);
    AffineExpr last = getAffineDimExpr(rank - 1, context);
    auto withLast = [&](AffineExpr expr) {
      SmallVector<AffineExpr> results(identity.getResults());
      results.back() = expr;
      return AffineMap::get(rank, 0, results, context);
    };

    linalg::GenericOp generic;
    if (!op.getPacked()) {
      generic = linalg::GenericOp::create(
          rewriter, loc, init.getType(), ValueRange{input, scale}, init,
          {identity, scaleMap(context, rank, scale, op.getGroupSize(), last),
           identity},
          parallel(rank), [&](OpBuilder &b, Location l, ValueRange args) {
            LoweringBuilder inner(b, l, lb.computeType());
            linalg::YieldOp::create(
                b, l, quantizeScalar(inner, args[0], args[1], bits));
          });
    } else {
      // Byte j holds elements 2j (low nibble) and 2j + 1 (high nibble).
      AffineExpr even = last * 2, odd = last * 2 + 1;
      generic = linalg::GenericOp::create(
          rewriter, loc, init.getType(), ValueRange{input, scale, input, scale},
          init,
          {withLast(even),
           scaleMap(context, rank, scale, op.getGroupSize(), even),
           withLast(odd),
           scaleMap(context, rank, scale, op.getGroupSize(), odd), identity},
          parallel(rank), [&](OpBuilder &b, Location l, ValueRange args) {
            LoweringBuilder inner(b, l, lb.computeType());
            Value low = quantizeScalar(inner, args[0], args[1], bits);
            Value high = quantizeScalar(inner, args[2], args[3], bits);
            Value mask = arith::ConstantIntOp::create(b, l, b.getI8Type(), 15);
            Value four = arith::ConstantIntOp::create(b, l, b.getI8Type(), 4);
            Value byte = arith::OrIOp::create(
                b, l, arith::AndIOp::create(b, l, low, mask),
                arith::ShLIOp::create(b, l, high, four));
            linalg::YieldOp::create(b, l, byte);
          });
    }
    replaceWithCasts(rewriter, op, generic.getResults());
    return success();
  }
};

struct DequantizeLowering : OpRewritePattern<seq::DequantizeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(seq::DequantizeOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *context = rewriter.getContext();
    auto outType = cast<RankedTensorType>(op.getOutput().getType());
    LoweringBuilder lb(rewriter, loc, outType.getElementType());
    int64_t rank = outType.getRank();
    bool packed = op.getPacked();
    AffineMap identity = AffineMap::getMultiDimIdentityMap(rank, context);
    AffineExpr last = getAffineDimExpr(rank - 1, context);
    SmallVector<AffineExpr> inputResults(identity.getResults());
    if (packed)
      inputResults.back() = last.floorDiv(2);
    // The output is the input's shape, with 2 values a byte when packed.
    SmallVector<OpFoldResult> outSizes = lb.sizes(op.getInput());
    if (packed)
      outSizes.back() = getAsOpFoldResult(rewriter.createOrFold<arith::MulIOp>(
          loc, lb.dim(op.getInput(), rank - 1), lb.index(2)));
    Value init = lb.empty(outSizes, outType.getElementType());
    auto generic = linalg::GenericOp::create(
        rewriter, loc, init.getType(), ValueRange{op.getInput(), op.getScale()},
        init,
        {AffineMap::get(rank, 0, inputResults, context),
         scaleMap(context, rank, op.getScale(), op.getGroupSize(), last),
         identity},
        parallel(rank), [&](OpBuilder &b, Location l, ValueRange args) {
          LoweringBuilder inner(b, l, outType.getElementType());
          Value value = args[0];
          if (packed)
            value = unpackNibble(
                b, l, value,
                isOdd(b, l, linalg::IndexOp::create(b, l, rank - 1)));
          Value real =
              arith::SIToFPOp::create(b, l, inner.computeType(), value);
          Value scaled =
              inner.mul(real, inner.convert(args[1], inner.computeType()));
          linalg::YieldOp::create(
              b, l, inner.convert(scaled, outType.getElementType()));
        });
    replaceWithCasts(rewriter, op, generic.getResults());
    return success();
  }
};

/// Collapses the leading dims of `x` into one row dim: [..., K] -> [M, K].
Value rowsOf(OpBuilder &b, Location loc, Value x) {
  auto type = cast<RankedTensorType>(x.getType());
  int64_t rank = type.getRank();
  if (rank == 2)
    return x;
  if (rank == 1)
    return tensor::ExpandShapeOp::create(
        b, loc,
        RankedTensorType::get({1, type.getDimSize(0)}, type.getElementType()),
        x, ArrayRef<ReassociationIndices>{{0, 1}});
  ReassociationIndices leading;
  for (int64_t i = 0; i < rank - 1; ++i)
    leading.push_back(i);
  return tensor::CollapseShapeOp::create(
      b, loc, x, ArrayRef<ReassociationIndices>{leading, {rank - 1}});
}

/// Reads weight element (n, k) as an integer: a byte, or the nibble of a
/// packed byte chosen by the parity of the `kDim` index.
Value weightValue(OpBuilder &b, Location loc, Value stored, bool packed,
                  Value kIndex) {
  if (!packed)
    return stored;
  return unpackNibble(b, loc, stored, isOdd(b, loc, kIndex));
}

struct QMatmulLowering : OpRewritePattern<seq::QMatmulOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(seq::QMatmulOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *context = rewriter.getContext();
    auto yType = cast<RankedTensorType>(op.getY().getType());
    bool packed = op.getWeightBits() == 4;
    auto xType = cast<RankedTensorType>(op.getX().getType());
    bool integerInput = isa<IntegerType>(xType.getElementType());
    // K from x, else from the weight; checked before any IR is built, so
    // that a refusal leaves the op as it was.
    auto weightType = cast<RankedTensorType>(op.getWeight().getType());
    std::optional<int64_t> staticK;
    if (!xType.isDynamicDim(xType.getRank() - 1))
      staticK = xType.getShape().back();
    else if (!weightType.isDynamicDim(1))
      staticK = weightType.getDimSize(1) * (packed ? 2 : 1);
    int64_t groupSize =
        op.getGroupSize() ? (int64_t)*op.getGroupSize() : staticK.value_or(0);
    if (integerInput && !staticK)
      return rewriter.notifyMatchFailure(op, "integer inputs need a static K");
    if (integerInput && packed && groupSize % 2 != 0)
      return rewriter.notifyMatchFailure(
          op, "packed int4 weights need an even group_size");

    LoweringBuilder lb(rewriter, loc, yType.getElementType());
    Value rows = rowsOf(rewriter, loc, op.getX());
    Value weight = op.getWeight(), weightScale = op.getWeightScale();
    OpFoldResult m = tensor::getMixedSize(rewriter, loc, rows, 0);
    OpFoldResult n = tensor::getMixedSize(rewriter, loc, weight, 0);

    AffineExpr d0, d1, d2, d3;
    bindDims(context, d0, d1, d2, d3);
    FloatType compute = lb.computeType();
    Value acc;
    SmallVector<OpFoldResult> accSizes = {m, n};
    if (!integerInput) {
      // (m, n, k): acc[m, n] += x[m, k] * W[n, k] * s_w[n(, k / gs)]
      auto map = [&](ArrayRef<AffineExpr> results) {
        return AffineMap::get(3, 0, results, context);
      };
      AffineMap scaleMapNK =
          op.getGroupSize() ? map({d1, d2.floorDiv(groupSize)}) : map({d1});
      Value init = lb.filled(accSizes, compute, 0.0);
      auto generic = linalg::GenericOp::create(
          rewriter, loc, init.getType(), ValueRange{rows, weight, weightScale},
          init,
          {map({d0, d2}), map({d1, packed ? d2.floorDiv(2) : d2}), scaleMapNK,
           map({d0, d1})},
          {utils::IteratorType::parallel, utils::IteratorType::parallel,
           utils::IteratorType::reduction},
          [&](OpBuilder &b, Location l, ValueRange args) {
            LoweringBuilder inner(b, l, compute);
            Value w = weightValue(b, l, args[1], packed,
                                  linalg::IndexOp::create(b, l, 2));
            Value real = arith::SIToFPOp::create(b, l, compute, w);
            Value dequantized =
                inner.mul(real, inner.convert(args[2], compute));
            Value product =
                inner.mul(inner.convert(args[0], compute), dequantized);
            linalg::YieldOp::create(b, l, inner.add(args[3], product));
          });
      acc = generic.getResult(0);
    } else {
      // (m, n, g, kk): acc[m, n, g] += x[m, g, kk] * W[n, g, kk] in i32,
      // with x and W viewed as [rows, groups, group_size], then
      // y[m, n] = s_x * sum_g s_w[n, g] * acc[m, n, g].
      auto map = [&](ArrayRef<AffineExpr> results) {
        return AffineMap::get(4, 0, results, context);
      };
      int64_t groups = *staticK / groupSize;
      int64_t storedGroup = packed ? groupSize / 2 : groupSize;
      auto grouped = [&](Value value, OpFoldResult rowsSize,
                         int64_t inner) -> Value {
        return expandLastDim(
            lb, value, rowsSize,
            {rewriter.getIndexAttr(groups), rewriter.getIndexAttr(inner)});
      };
      Value groupedRows = grouped(rows, m, groupSize);
      Value groupedWeight = grouped(weight, n, storedGroup);
      SmallVector<OpFoldResult> groupSizes = {m, n,
                                              rewriter.getIndexAttr(groups)};
      Value zero =
          arith::ConstantIntOp::create(rewriter, loc, rewriter.getI32Type(), 0);
      Value init =
          linalg::FillOp::create(rewriter, loc, zero,
                                 lb.empty(groupSizes, rewriter.getI32Type()))
              .getResult(0);
      auto integerAcc = linalg::GenericOp::create(
          rewriter, loc, init.getType(), ValueRange{groupedRows, groupedWeight},
          init,
          {map({d0, d2, d3}), map({d1, d2, packed ? d3.floorDiv(2) : d3}),
           map({d0, d1, d2})},
          {utils::IteratorType::parallel, utils::IteratorType::parallel,
           utils::IteratorType::parallel, utils::IteratorType::reduction},
          [&](OpBuilder &b, Location l, ValueRange args) {
            // With an even group size, k and kk have the same parity.
            Value w = weightValue(b, l, args[1], packed,
                                  linalg::IndexOp::create(b, l, 3));
            Value x32 = arith::ExtSIOp::create(b, l, b.getI32Type(), args[0]);
            Value w32 = arith::ExtSIOp::create(b, l, b.getI32Type(), w);
            Value product = arith::MulIOp::create(b, l, x32, w32);
            Value sum = arith::AddIOp::create(b, l, args[2], product);
            linalg::YieldOp::create(b, l, sum);
          });
      Value inputScale = op.getInputScale();
      auto map3 = [&](ArrayRef<AffineExpr> results) {
        return AffineMap::get(3, 0, results, context);
      };
      AffineMap inputScaleMap =
          cast<RankedTensorType>(inputScale.getType()).getRank() == 0
              ? map3({})
              : map3({d0});
      Value inputScaleRows = inputScale;
      if (cast<RankedTensorType>(inputScale.getType()).getRank() > 1)
        inputScaleRows = tensor::CollapseShapeOp::create(
            rewriter, loc, inputScale,
            ArrayRef<ReassociationIndices>{llvm::to_vector(llvm::seq<int64_t>(
                0, cast<RankedTensorType>(inputScale.getType()).getRank()))});
      AffineMap weightScaleMap =
          op.getGroupSize() ? map3({d1, d2}) : map3({d1});
      Value accInit = lb.filled(accSizes, compute, 0.0);
      auto rescale = linalg::GenericOp::create(
          rewriter, loc, accInit.getType(),
          ValueRange{integerAcc.getResult(0), weightScale, inputScaleRows},
          accInit,
          {map3({d0, d1, d2}), weightScaleMap, inputScaleMap, map3({d0, d1})},
          {utils::IteratorType::parallel, utils::IteratorType::parallel,
           utils::IteratorType::reduction},
          [&](OpBuilder &b, Location l, ValueRange args) {
            LoweringBuilder inner(b, l, compute);
            Value real = arith::SIToFPOp::create(b, l, compute, args[0]);
            Value term =
                inner.mul(inner.mul(real, inner.convert(args[1], compute)),
                          inner.convert(args[2], compute));
            linalg::YieldOp::create(b, l, inner.add(args[3], term));
          });
      acc = rescale.getResult(0);
    }

    // y = acc (+ bias), in y's element type and shape.
    auto map2 = [&](ArrayRef<AffineExpr> results) {
      return AffineMap::get(2, 0, results, context);
    };
    Value bias = op.getBias();
    Value yRowsInit = lb.empty(accSizes, yType.getElementType());
    SmallVector<Value> inputs = {acc};
    SmallVector<AffineMap> maps = {map2({d0, d1})};
    if (bias) {
      inputs.push_back(bias);
      maps.push_back(map2({d1}));
    }
    maps.push_back(map2({d0, d1}));
    auto finish = linalg::GenericOp::create(
        rewriter, loc, yRowsInit.getType(), inputs, yRowsInit, maps,
        parallel(2), [&](OpBuilder &b, Location l, ValueRange args) {
          LoweringBuilder inner(b, l, compute);
          Value value = args[0];
          if (bias)
            value = inner.add(value, inner.convert(args[1], compute));
          linalg::YieldOp::create(b, l,
                                  inner.convert(value, yType.getElementType()));
        });
    Value y = restoreLeadingDims(lb, finish.getResult(0), op.getX());
    replaceWithCasts(rewriter, op, y);
    return success();
  }
};

} // namespace

void mlir::seqc::populateQuantLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<QuantizeLowering, DequantizeLowering, QMatmulLowering>(
      patterns.getContext());
}
