//===- ConvOpsVerify.cpp - Causal depthwise convolution verifiers ---------===//
//
// Shape rules from docs/ops.md, section 4.
//
//===----------------------------------------------------------------------===//

#include "dialects/seq/IR/SeqOps.h"
#include "dialects/seq/IR/ShapeContract.h"

using namespace mlir;
using namespace mlir::seq;

/// Checks the weight [D, W] and binds "W-1", the length of the carried
/// state.
static LogicalResult checkWeight(ShapeContract &contract, Value weight) {
  if (failed(contract.check("weight", weight, {"D", "W"})))
    return failure();
  std::optional<int64_t> width = contract.lookup("W");
  if (!width)
    return success();
  if (*width < 1)
    return contract.getOperation()->emitOpError()
           << "kernel width W must be at least 1, got " << *width;
  contract.bind("W-1", *width - 1);
  return success();
}

//===----------------------------------------------------------------------===//
// CausalConv1dOp
//===----------------------------------------------------------------------===//

LogicalResult CausalConv1dOp::verify() {
  ShapeContract c(*this);
  if (failed(c.check("x", getX(), {"B", "D", "L"})) ||
      failed(checkWeight(c, getWeight())) ||
      failed(c.check("bias", getBias(), {"D"})) ||
      failed(c.check("initial_state", getInitialState(), {"B", "D", "W-1"})) ||
      failed(c.check("out", getOut(), {"B", "D", "L"})) ||
      failed(c.check("final_state", getFinalState(), {"B", "D", "W-1"})))
    return failure();
  // The states hold raw inputs, so they are stored like x.
  return c.sameElementTypes("x", getX(),
                            {{"initial_state", getInitialState()},
                             {"out", getOut()},
                             {"final_state", getFinalState()}});
}

//===----------------------------------------------------------------------===//
// CausalConv1dStepOp
//===----------------------------------------------------------------------===//

LogicalResult
CausalConv1dStepOp::inferReturnTypes(MLIRContext *, std::optional<Location>,
                                     Adaptor adaptor,
                                     SmallVectorImpl<Type> &inferred) {
  inferred.push_back(adaptor.getX().getType());
  inferred.push_back(adaptor.getState().getType());
  return success();
}

bool CausalConv1dStepOp::isCompatibleReturnTypes(TypeRange l, TypeRange r) {
  return areCompatibleTensorTypes(l, r);
}

LogicalResult CausalConv1dStepOp::verify() {
  ShapeContract c(*this);
  if (failed(c.check("x", getX(), {"B", "D"})) ||
      failed(checkWeight(c, getWeight())) ||
      failed(c.check("bias", getBias(), {"D"})) ||
      failed(c.check("state", getState(), {"B", "D", "W-1"})) ||
      failed(c.check("out", getOut(), {"B", "D"})) ||
      failed(c.check("new_state", getNewState(), {"B", "D", "W-1"})))
    return failure();
  return c.sameElementTypes(
      "x", getX(),
      {{"state", getState()}, {"out", getOut()}, {"new_state", getNewState()}});
}
