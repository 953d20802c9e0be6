//===- ScanOpsVerify.cpp - Selective scan and SSD verifiers ---------------===//
//
// Shape rules from docs/ops.md, sections 1 (Mamba-1) and 2 (Mamba-2 SSD).
//
//===----------------------------------------------------------------------===//

#include "dialects/seq/IR/SeqOps.h"
#include "dialects/seq/IR/ShapeContract.h"

using namespace mlir;
using namespace mlir::seq;

/// Checks that the group count bound to "G" divides the size bound to
/// `unitSymbol` (channels for Mamba-1, heads for Mamba-2).
static LogicalResult checkGroups(ShapeContract &contract, StringRef unitName,
                                 StringRef unitSymbol) {
  std::optional<int64_t> groups = contract.lookup("G");
  if (!groups)
    return success();
  if (*groups < 1)
    return contract.getOperation()->emitOpError()
           << "group count G must be at least 1, got " << *groups;
  std::optional<int64_t> units = contract.lookup(unitSymbol);
  if (units && *units % *groups != 0)
    return contract.getOperation()->emitOpError()
           << "group count G = " << *groups << " must divide the " << unitName
           << " count " << unitSymbol << " = " << *units;
  return success();
}

/// Mamba-1's B and C are time-varying per group or time-invariant per
/// channel; the rank tells which.
static LogicalResult checkProjection(ShapeContract &contract, StringRef name,
                                     Value value, ArrayRef<StringRef> varying) {
  return contract.checkEither(name, value, varying, "time-varying", {"D", "N"},
                              "time-invariant");
}

/// Mamba-2's D skip is per head or per head and head dim.
static LogicalResult checkSSDSkip(ShapeContract &contract, Value skip) {
  return contract.checkEither("D", skip, {"H"}, "per head", {"H", "P"},
                              "per head and head dim");
}

//===----------------------------------------------------------------------===//
// SelectiveScanOp
//===----------------------------------------------------------------------===//

LogicalResult SelectiveScanOp::verify() {
  ShapeContract c(*this);
  if (failed(c.check("u", getU(), {"B", "D", "L"})) ||
      failed(c.check("delta", getDelta(), {"B", "D", "L"})) ||
      failed(c.check("A", getA(), {"D", "N"})) ||
      failed(checkProjection(c, "B", getB(), {"B", "G", "N", "L"})) ||
      failed(checkProjection(c, "C", getC(), {"B", "G", "N", "L"})) ||
      failed(c.check("D", getD(), {"D"})) ||
      failed(c.check("z", getZ(), {"B", "D", "L"})) ||
      failed(c.check("delta_bias", getDeltaBias(), {"D"})) ||
      failed(c.check("initial_state", getInitialState(), {"B", "D", "N"})) ||
      failed(c.check("out", getOut(), {"B", "D", "L"})) ||
      failed(c.check("final_state", getFinalState(), {"B", "D", "N"})) ||
      failed(checkGroups(c, "channel", "D")))
    return failure();
  if (failed(c.sameElementTypes("u", getU(),
                                {{"delta", getDelta()},
                                 {"B", getB()},
                                 {"C", getC()},
                                 {"z", getZ()},
                                 {"out", getOut()}})))
    return failure();
  return c.sameElementType("final_state", getFinalState(), "initial_state",
                           getInitialState());
}

//===----------------------------------------------------------------------===//
// SelectiveScanStepOp
//===----------------------------------------------------------------------===//

LogicalResult
SelectiveScanStepOp::inferReturnTypes(MLIRContext *, std::optional<Location>,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &inferred) {
  inferred.push_back(adaptor.getU().getType());
  inferred.push_back(adaptor.getState().getType());
  return success();
}

bool SelectiveScanStepOp::isCompatibleReturnTypes(TypeRange l, TypeRange r) {
  return areCompatibleTensorTypes(l, r);
}

LogicalResult SelectiveScanStepOp::verify() {
  ShapeContract c(*this);
  if (failed(c.check("u", getU(), {"B", "D"})) ||
      failed(c.check("delta", getDelta(), {"B", "D"})) ||
      failed(c.check("A", getA(), {"D", "N"})) ||
      failed(checkProjection(c, "B", getB(), {"B", "G", "N"})) ||
      failed(checkProjection(c, "C", getC(), {"B", "G", "N"})) ||
      failed(c.check("D", getD(), {"D"})) ||
      failed(c.check("z", getZ(), {"B", "D"})) ||
      failed(c.check("delta_bias", getDeltaBias(), {"D"})) ||
      failed(c.check("state", getState(), {"B", "D", "N"})) ||
      failed(c.check("out", getOut(), {"B", "D"})) ||
      failed(c.check("new_state", getNewState(), {"B", "D", "N"})) ||
      failed(checkGroups(c, "channel", "D")))
    return failure();
  if (failed(c.sameElementTypes("u", getU(),
                                {{"delta", getDelta()},
                                 {"B", getB()},
                                 {"C", getC()},
                                 {"z", getZ()},
                                 {"out", getOut()}})))
    return failure();
  return c.sameElementType("new_state", getNewState(), "state", getState());
}

//===----------------------------------------------------------------------===//
// SSDOp
//===----------------------------------------------------------------------===//

LogicalResult SSDOp::verify() {
  ShapeContract c(*this);
  if (failed(c.check("x", getX(), {"B", "L", "H", "P"})) ||
      failed(c.check("dt", getDt(), {"B", "L", "H"})) ||
      failed(c.check("A", getA(), {"H"})) ||
      failed(c.check("B", getB(), {"B", "L", "G", "N"})) ||
      failed(c.check("C", getC(), {"B", "L", "G", "N"})) ||
      failed(checkSSDSkip(c, getD())) ||
      failed(c.check("dt_bias", getDtBias(), {"H"})) ||
      failed(
          c.check("initial_state", getInitialState(), {"B", "H", "P", "N"})) ||
      failed(c.check("y", getY(), {"B", "L", "H", "P"})) ||
      failed(c.check("final_state", getFinalState(), {"B", "H", "P", "N"})) ||
      failed(checkGroups(c, "head", "H")))
    return failure();
  // I64Attr reads back as unsigned; the attribute itself is signed.
  int64_t chunk = getChunkSize();
  if (chunk < 1)
    return emitOpError() << "chunk_size must be at least 1, got " << chunk;
  if (failed(c.sameElementTypes(
          "x", getX(),
          {{"dt", getDt()}, {"B", getB()}, {"C", getC()}, {"y", getY()}})))
    return failure();
  return c.sameElementType("final_state", getFinalState(), "initial_state",
                           getInitialState());
}

//===----------------------------------------------------------------------===//
// SSDStepOp
//===----------------------------------------------------------------------===//

LogicalResult SSDStepOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location>,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &inferred) {
  inferred.push_back(adaptor.getX().getType());
  inferred.push_back(adaptor.getState().getType());
  return success();
}

bool SSDStepOp::isCompatibleReturnTypes(TypeRange l, TypeRange r) {
  return areCompatibleTensorTypes(l, r);
}

LogicalResult SSDStepOp::verify() {
  ShapeContract c(*this);
  if (failed(c.check("x", getX(), {"B", "H", "P"})) ||
      failed(c.check("dt", getDt(), {"B", "H"})) ||
      failed(c.check("A", getA(), {"H"})) ||
      failed(c.check("B", getB(), {"B", "G", "N"})) ||
      failed(c.check("C", getC(), {"B", "G", "N"})) ||
      failed(checkSSDSkip(c, getD())) ||
      failed(c.check("dt_bias", getDtBias(), {"H"})) ||
      failed(c.check("state", getState(), {"B", "H", "P", "N"})) ||
      failed(c.check("y", getY(), {"B", "H", "P"})) ||
      failed(c.check("new_state", getNewState(), {"B", "H", "P", "N"})) ||
      failed(checkGroups(c, "head", "H")))
    return failure();
  if (failed(c.sameElementTypes(
          "x", getX(),
          {{"dt", getDt()}, {"B", getB()}, {"C", getC()}, {"y", getY()}})))
    return failure();
  return c.sameElementType("new_state", getNewState(), "state", getState());
}
