//===- StructuredOpsVerify.cpp - Monarch and RMSNorm verifiers ------------===//
//
// Shape rules from docs/ops.md, sections 5 and 6.
//
//===----------------------------------------------------------------------===//

#include "dialects/seq/IR/SeqOps.h"
#include "dialects/seq/IR/ShapeContract.h"

using namespace mlir;
using namespace mlir::seq;

/// The product of two sizes, dynamic when either is.
static int64_t mulSizes(int64_t a, int64_t b) {
  if (ShapedType::isDynamic(a) || ShapedType::isDynamic(b))
    return ShapedType::kDynamic;
  return a * b;
}

//===----------------------------------------------------------------------===//
// MonarchMatmulOp
//===----------------------------------------------------------------------===//

LogicalResult MonarchMatmulOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> location, Adaptor adaptor,
    SmallVectorImpl<Type> &inferred) {
  StringRef name = getOperationName();
  Value x = adaptor.getX(), w1 = adaptor.getW1(), w2 = adaptor.getW2();
  if (failed(checkRankForInference(location, name, "x", x, {"...", "n"})) ||
      failed(
          checkRankForInference(location, name, "w1", w1, {"k", "q", "p"})) ||
      (w2 && failed(checkRankForInference(location, name, "w2", w2,
                                          {"l", "s", "r"}))))
    return failure();
  // Two stages give s*l outputs, one stage k*q.
  int64_t outputs = w2 ? mulSizes(getDim(w2, 1), getDim(w2, 0))
                       : mulSizes(getDim(w1, 0), getDim(w1, 1));
  auto xType = cast<RankedTensorType>(x.getType());
  SmallVector<int64_t> shape(xType.getShape());
  shape.back() = outputs;
  inferred.push_back(RankedTensorType::get(shape, xType.getElementType()));
  return success();
}

bool MonarchMatmulOp::isCompatibleReturnTypes(TypeRange l, TypeRange r) {
  return areCompatibleTensorTypes(l, r);
}

LogicalResult MonarchMatmulOp::verify() {
  ShapeContract c(*this);
  if (failed(c.check("w1", getW1(), {"k", "q", "p"})))
    return failure();
  // A dynamic block count follows from the input size.
  int64_t blockInputs = getDim(getW1(), 2);
  int64_t inputs =
      getRank(getX()) > 0 ? getDim(getX(), -1) : ShapedType::kDynamic;
  if (!c.lookup("k") && !ShapedType::isDynamic(inputs) &&
      !ShapedType::isDynamic(blockInputs) && blockInputs > 0) {
    if (inputs % blockInputs != 0)
      return emitOpError() << "operand `x` has " << inputs
                           << " inputs, not a multiple of the block size p = "
                           << blockInputs;
    c.bind("k", inputs / blockInputs);
  }
  int64_t blocks = c.lookup("k").value_or(ShapedType::kDynamic);
  c.bind("k*p", mulSizes(blocks, blockInputs));
  c.bind("k*q", mulSizes(blocks, getDim(getW1(), 1)));
  if (failed(c.check("x", getX(), {"...", "k*p"})))
    return failure();
  if (Value w2 = getW2()) {
    if (failed(c.check("w2", w2, {"l", "s", "r"})))
      return failure();
    std::optional<int64_t> stage1 = c.lookup("k*q");
    int64_t stage2 = mulSizes(getDim(w2, 0), getDim(w2, 2));
    if (stage1 && !ShapedType::isDynamic(stage2) && *stage1 != stage2)
      return emitOpError()
             << "the first stage's " << *stage1
             << " outputs (k*q) must be the second stage's inputs l*r = "
             << stage2;
    c.bind("s*l", mulSizes(getDim(w2, 1), getDim(w2, 0)));
    if (failed(c.check("y", getY(), {"...", "s*l"})))
      return failure();
  } else if (failed(c.check("y", getY(), {"...", "k*q"}))) {
    return failure();
  }
  return c.sameElementType("y", getY(), "x", getX());
}

//===----------------------------------------------------------------------===//
// RMSNormOp
//===----------------------------------------------------------------------===//

LogicalResult RMSNormOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location>,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &inferred) {
  inferred.push_back(adaptor.getX().getType());
  return success();
}

bool RMSNormOp::isCompatibleReturnTypes(TypeRange l, TypeRange r) {
  return areCompatibleTensorTypes(l, r);
}

LogicalResult RMSNormOp::verify() {
  ShapeContract c(*this);
  if (failed(c.check("x", getX(), {"...", "D"})) ||
      failed(c.check("weight", getWeight(), {"D"})) ||
      failed(c.check("gate", getGate(), {"...", "D"})) ||
      failed(c.check("y", getY(), {"...", "D"})) ||
      failed(c.sameElementTypes("x", getX(),
                                {{"gate", getGate()}, {"y", getY()}})))
    return failure();
  int64_t groups = getGroups();
  if (groups < 1)
    return emitOpError() << "groups must be at least 1, got " << groups;
  std::optional<int64_t> dim = c.lookup("D");
  if (dim && *dim % groups != 0)
    return emitOpError() << "groups = " << groups
                         << " must divide the normalized dim D = " << *dim;
  if (!getEps().isFiniteNonZero() || getEps().isNegative())
    return emitOpError() << "eps must be positive and finite, got "
                         << getEps().convertToDouble();
  return success();
}
