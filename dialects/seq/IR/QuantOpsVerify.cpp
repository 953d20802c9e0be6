//===- QuantOpsVerify.cpp - Quantization verifiers ------------------------===//
//
// Shape and attribute rules from docs/ops.md, section 7: symmetric int8 or
// int4 (packed two per byte), scales per tensor, per row or per group.
//
//===----------------------------------------------------------------------===//

#include "dialects/seq/IR/SeqOps.h"
#include "dialects/seq/IR/ShapeContract.h"

#include "mlir/IR/TypeUtilities.h"

using namespace mlir;
using namespace mlir::seq;

static LogicalResult checkBits(Operation *op, StringRef attrName,
                               int64_t bits) {
  if (bits != 4 && bits != 8)
    return op->emitOpError() << attrName << " must be 4 or 8, got " << bits;
  return success();
}

/// Checks `packed` against `bits` and binds "K/2" (packed) from "K" or the
/// reverse, whichever is known.
static LogicalResult checkPacking(ShapeContract &contract, int64_t bits,
                                  bool packed) {
  Operation *op = contract.getOperation();
  if (packed && bits != 4)
    return op->emitOpError() << "packed storage needs bits = 4, got " << bits;
  if (!packed)
    return success();
  if (std::optional<int64_t> k = contract.lookup("K")) {
    if (*k % 2 != 0)
      return op->emitOpError()
             << "packed int4 needs an even last dim K, got " << *k;
    contract.bind("K/2", *k / 2);
  } else if (std::optional<int64_t> half = contract.lookup("K/2")) {
    contract.bind("K", *half * 2);
  }
  return success();
}

/// Checks `groupSize` and binds "K/group_size".
static LogicalResult checkGroupSize(ShapeContract &contract,
                                    std::optional<uint64_t> groupSize) {
  if (!groupSize)
    return success();
  Operation *op = contract.getOperation();
  int64_t size = *groupSize;
  if (size < 1)
    return op->emitOpError() << "group_size must be at least 1, got " << size;
  std::optional<int64_t> k = contract.lookup("K");
  if (!k)
    return success();
  if (*k % size != 0)
    return op->emitOpError()
           << "group_size = " << size << " must divide the last dim K = " << *k;
  contract.bind("K/group_size", *k / size);
  return success();
}

/// A scale is per tensor (rank 0), per row ([...]: the quantized shape
/// without its last dim) or, with group_size, per group ([..., K/group_size]).
static LogicalResult checkScale(ShapeContract &contract, StringRef name,
                                Value scale, bool grouped) {
  if (grouped)
    return contract.check(name, scale, {"...", "K/group_size"});
  if (getRank(scale) == 0)
    return success();
  return contract.check(name, scale, {"..."});
}

//===----------------------------------------------------------------------===//
// QuantizeOp
//===----------------------------------------------------------------------===//

LogicalResult QuantizeOp::inferReturnTypes(MLIRContext *context,
                                           std::optional<Location> location,
                                           Adaptor adaptor,
                                           SmallVectorImpl<Type> &inferred) {
  Value input = adaptor.getInput();
  if (failed(checkRankForInference(location, getOperationName(), "input", input,
                                   {"...", "K"})))
    return failure();
  SmallVector<int64_t> shape(
      cast<RankedTensorType>(input.getType()).getShape());
  if (adaptor.getPacked() && !ShapedType::isDynamic(shape.back()))
    shape.back() /= 2;
  inferred.push_back(
      RankedTensorType::get(shape, IntegerType::get(context, 8)));
  return success();
}

bool QuantizeOp::isCompatibleReturnTypes(TypeRange l, TypeRange r) {
  return areCompatibleTensorTypes(l, r);
}

LogicalResult QuantizeOp::verify() {
  ShapeContract c(*this);
  if (failed(checkBits(*this, "bits", getBits())) ||
      failed(c.check("input", getInput(), {"...", "K"})) ||
      failed(checkPacking(c, getBits(), getPacked())) ||
      failed(checkGroupSize(c, getGroupSize())) ||
      failed(checkScale(c, "scale", getScale(), getGroupSize().has_value())) ||
      failed(
          c.check("output", getOutput(), {"...", getPacked() ? "K/2" : "K"})) ||
      // Again, for a dynamic K in the input that the output now gives.
      failed(checkPacking(c, getBits(), getPacked())) ||
      failed(checkGroupSize(c, getGroupSize())))
    return failure();
  return success();
}

//===----------------------------------------------------------------------===//
// DequantizeOp
//===----------------------------------------------------------------------===//

LogicalResult DequantizeOp::verify() {
  ShapeContract c(*this);
  if (failed(checkBits(*this, "bits", getBits())))
    return failure();
  // The result carries the logical last dim K; the input holds K/2 bytes
  // when packed.
  if (failed(c.check("output", getOutput(), {"...", "K"})) ||
      failed(checkPacking(c, getBits(), getPacked())) ||
      failed(
          c.check("input", getInput(), {"...", getPacked() ? "K/2" : "K"})) ||
      // Again, for a dynamic K in the output that the input now gives.
      failed(checkPacking(c, getBits(), getPacked())) ||
      failed(checkGroupSize(c, getGroupSize())) ||
      failed(checkScale(c, "scale", getScale(), getGroupSize().has_value())))
    return failure();
  return success();
}

//===----------------------------------------------------------------------===//
// QMatmulOp
//===----------------------------------------------------------------------===//

LogicalResult QMatmulOp::inferReturnTypes(MLIRContext *context,
                                          std::optional<Location> location,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &inferred) {
  StringRef name = getOperationName();
  Value x = adaptor.getX(), weight = adaptor.getWeight();
  if (failed(checkRankForInference(location, name, "x", x, {"...", "K"})) ||
      failed(
          checkRankForInference(location, name, "weight", weight, {"N", "K"})))
    return failure();
  auto xType = cast<RankedTensorType>(x.getType());
  SmallVector<int64_t> shape(xType.getShape());
  shape.back() = getDim(weight, 0);
  // Integer activations are rescaled into f32; float ones keep their type.
  Type elementType = xType.getElementType();
  if (isa<IntegerType>(elementType))
    elementType = Float32Type::get(context);
  inferred.push_back(RankedTensorType::get(shape, elementType));
  return success();
}

bool QMatmulOp::isCompatibleReturnTypes(TypeRange l, TypeRange r) {
  return areCompatibleTensorTypes(l, r);
}

LogicalResult QMatmulOp::verify() {
  ShapeContract c(*this);
  int64_t bits = getWeightBits();
  bool packed = bits == 4;
  if (failed(checkBits(*this, "weight_bits", bits)) ||
      failed(c.check("x", getX(), {"...", "K"})) ||
      failed(checkPacking(c, bits, packed)) ||
      failed(c.check("weight", getWeight(), {"N", packed ? "K/2" : "K"})) ||
      // Again, for a dynamic K in x that the weight now gives.
      failed(checkPacking(c, bits, packed)) ||
      failed(checkGroupSize(c, getGroupSize())))
    return failure();
  if (getGroupSize()) {
    if (failed(
            c.check("weight_scale", getWeightScale(), {"N", "K/group_size"})))
      return failure();
  } else if (failed(c.check("weight_scale", getWeightScale(), {"N"}))) {
    return failure();
  }

  bool integerInput = isa<IntegerType>(getElementTypeOrSelf(getX()));
  Value inputScale = getInputScale();
  if (integerInput && !inputScale)
    return emitOpError() << "an i8 input `x` needs an `input_scale` operand";
  if (!integerInput && inputScale)
    return emitOpError() << "a float input `x` takes no `input_scale` "
                            "operand (the weights are dequantized)";
  // The input scale is per tensor or per token (x's leading dims).
  if (inputScale && getRank(inputScale) != 0 &&
      failed(c.check("input_scale", inputScale, {"..."})))
    return failure();
  if (failed(c.check("bias", getBias(), {"N"})) ||
      failed(c.check("y", getY(), {"...", "N"})))
    return failure();
  // Integer activations are rescaled into f32; float ones keep their type.
  if (integerInput)
    return c.elementType("y", getY(), Float32Type::get(getContext()));
  return c.sameElementType("y", getY(), "x", getX());
}
