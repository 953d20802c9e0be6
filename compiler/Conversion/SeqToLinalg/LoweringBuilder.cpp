//===- LoweringBuilder.cpp - Scalar and loop building for seq lowerings ---===//

#include "compiler/Conversion/SeqToLinalg/LoweringBuilder.h"

#include "dialects/seq/IR/ScalarFunctions.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StructuredOpsUtils.h"
#include "mlir/IR/TypeUtilities.h"

using namespace mlir;
using namespace mlir::seqc;

Type mlir::seqc::elementTypeOf(Value tensor) {
  return getElementTypeOrSelf(tensor.getType());
}

LoweringBuilder::LoweringBuilder(OpBuilder &builder, Location loc,
                                 Type dataType)
    : b(builder), loc(loc) {
  auto floatType = dyn_cast<FloatType>(dataType);
  compute = floatType && floatType.getWidth() > 32
                ? floatType
                : Float32Type::get(b.getContext());
}

Value LoweringBuilder::index(int64_t value) {
  return arith::ConstantIndexOp::create(b, loc, value);
}

Value LoweringBuilder::constant(double value) {
  return arith::ConstantOp::create(b, loc, b.getFloatAttr(compute, value));
}

Value LoweringBuilder::dim(Value tensor, int64_t dim) {
  auto type = cast<RankedTensorType>(tensor.getType());
  if (!type.isDynamicDim(dim))
    return index(type.getDimSize(dim));
  return tensor::DimOp::create(b, loc, tensor, dim);
}

SmallVector<OpFoldResult>
mlir::seqc::foldConstants(OpBuilder &builder, ArrayRef<OpFoldResult> values) {
  SmallVector<OpFoldResult> result;
  for (OpFoldResult value : values) {
    std::optional<int64_t> constant = getConstantIntValue(value);
    result.push_back(constant ? builder.getIndexAttr(*constant) : value);
  }
  return result;
}

SmallVector<OpFoldResult> LoweringBuilder::sizes(Value tensor) {
  return foldConstants(b, tensor::getMixedSizes(b, loc, tensor));
}

Value LoweringBuilder::convert(Value value, Type type) {
  auto from = cast<FloatType>(value.getType());
  auto to = cast<FloatType>(type);
  if (from == to)
    return value;
  if (from.getWidth() < to.getWidth())
    return arith::ExtFOp::create(b, loc, to, value);
  return arith::TruncFOp::create(b, loc, to, value);
}

Value LoweringBuilder::load(Value tensor, ValueRange indices) {
  Value value = tensor::ExtractOp::create(b, loc, tensor, indices);
  return convert(value, compute);
}

Value LoweringBuilder::store(Value value, Value tensor, ValueRange indices) {
  Value converted = convert(value, elementTypeOf(tensor));
  return tensor::InsertOp::create(b, loc, converted, tensor, indices);
}

Value LoweringBuilder::add(Value lhs, Value rhs) {
  return arith::AddFOp::create(b, loc, lhs, rhs);
}
Value LoweringBuilder::addReassoc(Value lhs, Value rhs) {
  return arith::AddFOp::create(b, loc, lhs, rhs, arith::FastMathFlags::reassoc);
}
Value LoweringBuilder::sub(Value lhs, Value rhs) {
  return arith::SubFOp::create(b, loc, lhs, rhs);
}
Value LoweringBuilder::mul(Value lhs, Value rhs) {
  return arith::MulFOp::create(b, loc, lhs, rhs);
}
Value LoweringBuilder::div(Value lhs, Value rhs) {
  return arith::DivFOp::create(b, loc, lhs, rhs);
}
Value LoweringBuilder::exp(Value x) { return math::ExpOp::create(b, loc, x); }
Value LoweringBuilder::sqrt(Value x) { return math::SqrtOp::create(b, loc, x); }

Value LoweringBuilder::sigmoid(Value x) {
  Value negated = arith::NegFOp::create(b, loc, x);
  return div(constant(1.0), add(constant(1.0), exp(negated)));
}

Value LoweringBuilder::silu(Value x) { return mul(x, sigmoid(x)); }

Value LoweringBuilder::softplus(Value x) {
  return seq::buildSoftplus(b, loc, x);
}

Value LoweringBuilder::empty(ArrayRef<OpFoldResult> sizes, Type elementType) {
  return tensor::EmptyOp::create(b, loc, foldConstants(b, sizes), elementType);
}

Value LoweringBuilder::filled(ArrayRef<OpFoldResult> sizes, Type elementType,
                              double value) {
  Value init = empty(sizes, elementType);
  Value scalar = convert(constant(value), elementType);
  return linalg::FillOp::create(b, loc, scalar, init).getResult(0);
}

Value LoweringBuilder::scalarTensor(Value value, Type elementType) {
  return tensor::FromElementsOp::create(b, loc,
                                        RankedTensorType::get({}, elementType),
                                        convert(value, elementType));
}

Value LoweringBuilder::convertTensor(Value tensor, Type elementType) {
  if (elementTypeOf(tensor) == elementType)
    return tensor;
  auto type = cast<RankedTensorType>(tensor.getType());
  Value init = empty(sizes(tensor), elementType);
  AffineMap identity = b.getMultiDimIdentityMap(type.getRank());
  SmallVector<utils::IteratorType> iterators(type.getRank(),
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, init.getType(), tensor, init,
      ArrayRef<AffineMap>{identity, identity}, iterators,
      [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        LoweringBuilder inner(nested, nestedLoc, compute);
        linalg::YieldOp::create(nested, nestedLoc,
                                inner.convert(args[0], elementType));
      });
  return generic.getResult(0);
}

ValueRange LoweringBuilder::forLoop(
    Value upper, ValueRange inits,
    function_ref<SmallVector<Value>(Value, ValueRange)> body) {
  return forLoop(index(0), upper, inits, body);
}

ValueRange LoweringBuilder::forLoop(
    Value lower, Value upper, ValueRange inits,
    function_ref<SmallVector<Value>(Value, ValueRange)> body) {
  auto loop = scf::ForOp::create(
      b, loc, lower, upper, index(1), inits,
      [&](OpBuilder &nested, Location nestedLoc, Value iv, ValueRange carried) {
        OpBuilder::InsertionGuard guard(b);
        b.setInsertionPoint(nested.getInsertionBlock(),
                            nested.getInsertionPoint());
        SmallVector<Value> yielded = body(iv, carried);
        scf::YieldOp::create(b, nestedLoc, yielded);
      });
  return loop.getResults();
}

void mlir::seqc::replaceWithCasts(RewriterBase &rewriter, Operation *op,
                                  ValueRange values) {
  SmallVector<Value> results;
  for (auto [value, type] : llvm::zip_equal(values, op->getResultTypes()))
    results.push_back(
        value.getType() == type
            ? value
            : tensor::CastOp::create(rewriter, op->getLoc(), type, value)
                  .getResult());
  rewriter.replaceOp(op, results);
}

Value mlir::seqc::expandLastDim(LoweringBuilder &lb, Value value,
                                OpFoldResult rows,
                                ArrayRef<OpFoldResult> parts) {
  OpBuilder &b = lb.builder();
  Location loc = lb.location();
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<OpFoldResult> outputShape =
      foldConstants(b, {rows, parts[0], parts[1]});
  SmallVector<int64_t> shape;
  for (OpFoldResult size : outputShape)
    shape.push_back(getConstantIntValue(size).value_or(ShapedType::kDynamic));
  // The source's last dim is static exactly when both parts are.
  int64_t last =
      ShapedType::isDynamic(shape[1]) || ShapedType::isDynamic(shape[2])
          ? ShapedType::kDynamic
          : shape[1] * shape[2];
  auto source = RankedTensorType::get({shape[0], last}, type.getElementType());
  if (source != type)
    value = tensor::CastOp::create(b, loc, source, value);
  auto resultType = RankedTensorType::get(shape, type.getElementType());
  return tensor::ExpandShapeOp::create(
      b, loc, resultType, value, ArrayRef<ReassociationIndices>{{0}, {1, 2}},
      outputShape);
}

Value mlir::seqc::restoreLeadingDims(LoweringBuilder &lb, Value rows,
                                     Value like) {
  OpBuilder &b = lb.builder();
  Location loc = lb.location();
  auto rowsType = cast<RankedTensorType>(rows.getType());
  int64_t rank = cast<RankedTensorType>(like.getType()).getRank();
  if (rank == 2)
    return rows;
  SmallVector<OpFoldResult> shape = lb.sizes(like);
  shape.back() = tensor::getMixedSize(b, loc, rows, 1);
  shape = foldConstants(b, shape);
  SmallVector<int64_t> staticShape;
  int64_t leading = 1;
  for (auto [i, size] : llvm::enumerate(shape)) {
    std::optional<int64_t> constant = getConstantIntValue(size);
    staticShape.push_back(constant.value_or(ShapedType::kDynamic));
    if (i + 1 < shape.size())
      leading = constant && leading != ShapedType::kDynamic
                    ? leading * *constant
                    : ShapedType::kDynamic;
  }
  auto source = RankedTensorType::get({leading, staticShape.back()},
                                      rowsType.getElementType());
  if (source != rowsType)
    rows = tensor::CastOp::create(b, loc, source, rows);
  auto resultType =
      RankedTensorType::get(staticShape, rowsType.getElementType());
  if (rank == 1)
    return tensor::CollapseShapeOp::create(
        b, loc, resultType, rows, ArrayRef<ReassociationIndices>{{0, 1}});
  ReassociationIndices leadingDims;
  for (int64_t i = 0; i < rank - 1; ++i)
    leadingDims.push_back(i);
  return tensor::ExpandShapeOp::create(
      b, loc, resultType, rows,
      ArrayRef<ReassociationIndices>{leadingDims, {rank - 1}}, shape);
}
