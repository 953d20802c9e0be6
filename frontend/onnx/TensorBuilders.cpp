//===- TensorBuilders.cpp - IR building blocks for op importers -----------===//

#include "frontend/onnx/TensorBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace mlir::seqc::onnx_import;

llvm::ArrayRef<int64_t> mlir::seqc::onnx_import::shapeOf(Value value) {
  return cast<RankedTensorType>(value.getType()).getShape();
}

Type mlir::seqc::onnx_import::elementTypeOf(Value value) {
  return cast<RankedTensorType>(value.getType()).getElementType();
}

std::optional<int64_t> mlir::seqc::onnx_import::normalizeAxis(int64_t axis,
                                                              int64_t rank) {
  if (axis < -rank || axis >= rank)
    return std::nullopt;
  return axis < 0 ? axis + rank : axis;
}

std::optional<llvm::SmallVector<int64_t>>
mlir::seqc::onnx_import::broadcastShapes(
    llvm::ArrayRef<llvm::ArrayRef<int64_t>> shapes) {
  size_t rank = 0;
  for (llvm::ArrayRef<int64_t> shape : shapes)
    rank = std::max(rank, shape.size());
  llvm::SmallVector<int64_t> result(rank, 1);
  for (llvm::ArrayRef<int64_t> shape : shapes) {
    size_t offset = rank - shape.size();
    for (auto [i, dim] : llvm::enumerate(shape)) {
      int64_t &out = result[offset + i];
      if (dim == out || dim == 1)
        continue;
      if (out != 1)
        return std::nullopt;
      out = dim;
    }
  }
  return result;
}

AffineMap
mlir::seqc::onnx_import::broadcastMap(MLIRContext *context,
                                      llvm::ArrayRef<int64_t> shape,
                                      llvm::ArrayRef<int64_t> outShape) {
  size_t offset = outShape.size() - shape.size();
  llvm::SmallVector<AffineExpr> exprs;
  for (auto [i, dim] : llvm::enumerate(shape))
    exprs.push_back(dim == 1 && outShape[offset + i] != 1
                        ? getAffineConstantExpr(0, context)
                        : getAffineDimExpr(offset + i, context));
  return AffineMap::get(outShape.size(), 0, exprs, context);
}

Value mlir::seqc::onnx_import::buildElementwise(
    OpBuilder &b, Location loc, ValueRange inputs,
    llvm::ArrayRef<int64_t> outShape, Type outElement, ScalarBody body) {
  MLIRContext *context = b.getContext();
  llvm::SmallVector<AffineMap> maps;
  for (Value input : inputs)
    maps.push_back(broadcastMap(context, shapeOf(input), outShape));
  maps.push_back(AffineMap::getMultiDimIdentityMap(outShape.size(), context));
  Value init = tensor::EmptyOp::create(b, loc, outShape, outElement);
  llvm::SmallVector<utils::IteratorType> iterators(
      outShape.size(), utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, init.getType(), inputs, ValueRange{init}, maps, iterators,
      [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        Value result = body(nested, nestedLoc, args.drop_back());
        linalg::YieldOp::create(nested, nestedLoc, result);
      });
  return generic.getResult(0);
}

Value mlir::seqc::onnx_import::castTensor(OpBuilder &b, Location loc,
                                          Value value, Type element) {
  if (elementTypeOf(value) == element)
    return value;
  return buildElementwise(b, loc, value, shapeOf(value), element,
                          [&](OpBuilder &nb, Location nl, ValueRange args) {
                            return castScalar(nb, nl, args[0], element);
                          });
}

Value mlir::seqc::onnx_import::copyThroughMap(
    OpBuilder &b, Location loc, Value value, AffineMap readMap,
    llvm::ArrayRef<int64_t> outShape) {
  MLIRContext *ctx = b.getContext();
  Value init = tensor::EmptyOp::create(b, loc, outShape, elementTypeOf(value));
  llvm::SmallVector<utils::IteratorType> iterators(
      outShape.size(), utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, init.getType(), ValueRange{value}, ValueRange{init},
      llvm::ArrayRef<AffineMap>{
          readMap, AffineMap::getMultiDimIdentityMap(outShape.size(), ctx)},
      iterators, [](OpBuilder &nb, Location nl, ValueRange args) {
        linalg::YieldOp::create(nb, nl, args[0]);
      });
  return generic.getResult(0);
}

Value mlir::seqc::onnx_import::broadcastTo(OpBuilder &b, Location loc,
                                           Value value,
                                           llvm::ArrayRef<int64_t> shape) {
  if (shapeOf(value) == shape)
    return value;
  return buildElementwise(
      b, loc, value, shape, elementTypeOf(value),
      [](OpBuilder &, Location, ValueRange args) { return args[0]; });
}

Value mlir::seqc::onnx_import::reshape(OpBuilder &b, Location loc, Value value,
                                       llvm::ArrayRef<int64_t> shape) {
  auto type = cast<RankedTensorType>(value.getType());
  if (type.getShape() == shape)
    return value;
  Type element = type.getElementType();
  int64_t count = type.getNumElements();
  // Constants stay constants (shape arithmetic is folded on them).
  DenseElementsAttr constant;
  if (matchPattern(value, m_Constant(&constant)))
    return arith::ConstantOp::create(
        b, loc, constant.reshape(RankedTensorType::get(shape, element)));
  // To 1-D [count].
  Value flat = value;
  if (type.getRank() == 0) {
    flat = tensor::ExpandShapeOp::create(
        b, loc, RankedTensorType::get({1}, element), value,
        llvm::ArrayRef<ReassociationIndices>{});
  } else if (type.getRank() > 1) {
    ReassociationIndices all;
    for (int64_t i = 0; i < type.getRank(); ++i)
      all.push_back(i);
    flat = tensor::CollapseShapeOp::create(
        b, loc, RankedTensorType::get({count}, element), value,
        llvm::ArrayRef<ReassociationIndices>{all});
  }
  // From 1-D to the target.
  auto target = RankedTensorType::get(shape, element);
  if (shape.empty())
    return tensor::CollapseShapeOp::create(
        b, loc, target, flat, llvm::ArrayRef<ReassociationIndices>{});
  if (shape.size() == 1)
    return flat;
  ReassociationIndices all;
  for (size_t i = 0; i < shape.size(); ++i)
    all.push_back(i);
  return tensor::ExpandShapeOp::create(
      b, loc, target, flat, llvm::ArrayRef<ReassociationIndices>{all});
}

Value mlir::seqc::onnx_import::transpose(OpBuilder &b, Location loc,
                                         Value value,
                                         llvm::ArrayRef<int64_t> perm) {
  bool identity = true;
  for (auto [i, p] : llvm::enumerate(perm))
    identity &= static_cast<int64_t>(i) == p;
  if (identity)
    return value;
  llvm::ArrayRef<int64_t> shape = shapeOf(value);
  llvm::SmallVector<int64_t> outShape;
  for (int64_t p : perm)
    outShape.push_back(shape[p]);
  Value init = tensor::EmptyOp::create(b, loc, outShape, elementTypeOf(value));
  return linalg::TransposeOp::create(b, loc, value, init, perm).getResult()[0];
}

Value mlir::seqc::onnx_import::filled(OpBuilder &b, Location loc,
                                      llvm::ArrayRef<int64_t> shape,
                                      Value scalar) {
  Value init = tensor::EmptyOp::create(b, loc, shape, scalar.getType());
  return linalg::FillOp::create(b, loc, scalar, init).getResult(0);
}

Value mlir::seqc::onnx_import::scalarConstant(OpBuilder &b, Location loc,
                                              Type type, double value) {
  if (auto floatType = dyn_cast<FloatType>(type))
    return arith::ConstantOp::create(b, loc, b.getFloatAttr(floatType, value));
  return arith::ConstantOp::create(
      b, loc, b.getIntegerAttr(type, static_cast<int64_t>(value)));
}

Value mlir::seqc::onnx_import::lowestValue(OpBuilder &b, Location loc,
                                           Type type) {
  if (auto floatType = dyn_cast<FloatType>(type))
    return arith::ConstantOp::create(
        b, loc,
        b.getFloatAttr(floatType, APFloat::getInf(floatType.getFloatSemantics(),
                                                  /*Negative=*/true)));
  unsigned width = type.getIntOrFloatBitWidth();
  return arith::ConstantOp::create(
      b, loc,
      b.getIntegerAttr(type, width == 1 ? APInt(1, 0)
                                        : APInt::getSignedMinValue(width)));
}

Value mlir::seqc::onnx_import::highestValue(OpBuilder &b, Location loc,
                                            Type type) {
  if (auto floatType = dyn_cast<FloatType>(type))
    return arith::ConstantOp::create(
        b, loc,
        b.getFloatAttr(floatType,
                       APFloat::getInf(floatType.getFloatSemantics())));
  unsigned width = type.getIntOrFloatBitWidth();
  return arith::ConstantOp::create(
      b, loc,
      b.getIntegerAttr(type, width == 1 ? APInt(1, 1)
                                        : APInt::getSignedMaxValue(width)));
}

Value mlir::seqc::onnx_import::castScalar(OpBuilder &b, Location loc,
                                          Value value, Type to) {
  Type from = value.getType();
  if (from == to)
    return value;
  auto fromFloat = dyn_cast<FloatType>(from);
  auto toFloat = dyn_cast<FloatType>(to);
  if (to.isInteger(1)) {
    Value zero = scalarConstant(b, loc, from, 0);
    if (fromFloat)
      return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNE, value,
                                   zero);
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, value, zero);
  }
  if (fromFloat && toFloat) {
    if (fromFloat.getWidth() < toFloat.getWidth())
      return arith::ExtFOp::create(b, loc, to, value);
    if (fromFloat.getWidth() > toFloat.getWidth())
      return arith::TruncFOp::create(b, loc, to, value);
    // f16 <-> bf16 go through f32.
    Value wide = arith::ExtFOp::create(b, loc, b.getF32Type(), value);
    return arith::TruncFOp::create(b, loc, to, wide);
  }
  if (fromFloat)
    return arith::FPToSIOp::create(b, loc, to, value);
  // Bool is unsigned (true is 1, not -1).
  if (toFloat)
    return from.isInteger(1)
               ? arith::UIToFPOp::create(b, loc, to, value).getResult()
               : arith::SIToFPOp::create(b, loc, to, value).getResult();
  unsigned fromWidth = from.getIntOrFloatBitWidth();
  unsigned toWidth = to.getIntOrFloatBitWidth();
  if (fromWidth < toWidth)
    return from.isInteger(1)
               ? arith::ExtUIOp::create(b, loc, to, value).getResult()
               : arith::ExtSIOp::create(b, loc, to, value).getResult();
  return arith::TruncIOp::create(b, loc, to, value);
}

Type mlir::seqc::onnx_import::computeType(Type element) {
  if (element.isF16() || element.isBF16())
    return Float32Type::get(element.getContext());
  return element;
}

Value mlir::seqc::onnx_import::buildReduction(
    OpBuilder &b, Location loc, Value input, llvm::ArrayRef<int64_t> axes,
    Value init,
    llvm::function_ref<Value(OpBuilder &, Location, Value, Value)> combine) {
  MLIRContext *context = b.getContext();
  llvm::ArrayRef<int64_t> shape = shapeOf(input);
  llvm::SmallVector<int64_t> outShape;
  llvm::SmallVector<AffineExpr> outExprs;
  llvm::SmallVector<utils::IteratorType> iterators;
  for (auto [i, dim] : llvm::enumerate(shape)) {
    bool reduced = llvm::is_contained(axes, static_cast<int64_t>(i));
    iterators.push_back(reduced ? utils::IteratorType::reduction
                                : utils::IteratorType::parallel);
    if (!reduced) {
      outShape.push_back(dim);
      outExprs.push_back(getAffineDimExpr(i, context));
    }
  }
  Value acc = filled(b, loc, outShape, init);
  llvm::SmallVector<AffineMap> maps = {
      AffineMap::getMultiDimIdentityMap(shape.size(), context),
      AffineMap::get(shape.size(), 0, outExprs, context)};
  auto generic = linalg::GenericOp::create(
      b, loc, acc.getType(), ValueRange{input}, ValueRange{acc}, maps,
      iterators, [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        linalg::YieldOp::create(nested, nestedLoc,
                                combine(nested, nestedLoc, args[0], args[1]));
      });
  return generic.getResult(0);
}
