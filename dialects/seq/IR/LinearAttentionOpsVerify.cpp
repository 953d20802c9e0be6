//===- LinearAttentionOpsVerify.cpp - Linear attention verifiers ----------===//
//
// Shape rules from docs/ops.md, section 3, and the head-sharing rules in
// the op descriptions: Hs = max(Hk, Hv) states, Ho = max(Hq, Hs) outputs.
//
//===----------------------------------------------------------------------===//

#include "dialects/seq/IR/SeqOps.h"
#include "dialects/seq/IR/ShapeContract.h"

#include "llvm/ADT/bit.h"

#include <cmath>

using namespace mlir;
using namespace mlir::seq;

/// Binds `combined` = max(a, b) when one of the head counts bound to `a`
/// and `b` divides the other: that is what head sharing allows.
static LogicalResult bindSharedHeads(ShapeContract &contract, StringRef a,
                                     StringRef aWhat, StringRef b,
                                     StringRef bWhat, StringRef combined) {
  std::optional<int64_t> sizeA = contract.lookup(a);
  std::optional<int64_t> sizeB = contract.lookup(b);
  if (!sizeA || !sizeB)
    return success();
  int64_t large = std::max(*sizeA, *sizeB);
  int64_t small = std::min(*sizeA, *sizeB);
  if (small < 1 || large % small != 0)
    return contract.getOperation()->emitOpError()
           << "the " << aWhat << " head count " << a << " = " << *sizeA
           << " and the " << bWhat << " head count " << b << " = " << *sizeB
           << " must divide one another (heads are shared, not mixed)";
  contract.bind(combined, large);
  return success();
}

/// Checks the gate against the decay kind and the beta against the update
/// rule; `perStep` is the dims of one step ({"B", "Hs", "L"} for the
/// whole-sequence op, {"B", "Hs"} for the step).
static LogicalResult checkGateAndBeta(ShapeContract &contract, DecayKind decay,
                                      Value gate, UpdateRule update, Value beta,
                                      ArrayRef<StringRef> perStep) {
  Operation *op = contract.getOperation();
  StringRef decayName = stringifyDecayKind(decay);
  if (decay == DecayKind::None && gate)
    return op->emitOpError() << "decay<none> takes no `gate` operand";
  if (decay != DecayKind::None && !gate)
    return op->emitOpError()
           << "decay<" << decayName << "> needs a `gate` operand";
  SmallVector<StringRef> gateDims;
  switch (decay) {
  case DecayKind::None:
    break;
  case DecayKind::Fixed:
    gateDims = {"Hs"};
    break;
  case DecayKind::Scalar:
    gateDims.assign(perStep.begin(), perStep.end());
    break;
  case DecayKind::Vector:
    gateDims.assign(perStep.begin(), perStep.end());
    gateDims.push_back("K");
    break;
  }
  if (gate && failed(contract.check("gate", gate, gateDims)))
    return failure();

  if (update == UpdateRule::Additive && beta)
    return op->emitOpError() << "update<additive> takes no `beta` operand";
  if (update == UpdateRule::Delta && !beta)
    return op->emitOpError() << "update<delta> needs a `beta` operand";
  return contract.check("beta", beta, perStep);
}

static LogicalResult checkScale(Operation *op, std::optional<APFloat> scale) {
  if (scale && !scale->isFiniteNonZero())
    return op->emitOpError() << "scale must be finite and non-zero, got "
                             << scale->convertToDouble();
  return success();
}

static float scaleOrDefault(std::optional<APFloat> scale, Value key) {
  if (scale)
    return scale->convertToFloat();
  // K^-0.5, the softmax-attention convention the models keep.
  return 1.0f / std::sqrt((float)getDim(key, -1));
}

//===----------------------------------------------------------------------===//
// LinearAttentionOp
//===----------------------------------------------------------------------===//

float LinearAttentionOp::getScaleOrDefault() {
  return scaleOrDefault(getScale(), getK());
}

LogicalResult LinearAttentionOp::verify() {
  ShapeContract c(*this);
  if (failed(c.check("q", getQ(), {"B", "Hq", "L", "K"})) ||
      failed(c.check("k", getK(), {"B", "Hk", "L", "K"})) ||
      failed(c.check("v", getV(), {"B", "Hv", "L", "V"})) ||
      failed(bindSharedHeads(c, "Hk", "key", "Hv", "value", "Hs")) ||
      failed(checkGateAndBeta(c, getDecay(), getGate(), getUpdate(), getBeta(),
                              {"B", "Hs", "L"})) ||
      failed(
          c.check("initial_state", getInitialState(), {"B", "Hs", "K", "V"})) ||
      failed(bindSharedHeads(c, "Hq", "query", "Hs", "state", "Ho")) ||
      failed(c.check("out", getOut(), {"B", "Ho", "L", "V"})) ||
      failed(c.check("final_state", getFinalState(), {"B", "Hs", "K", "V"})))
    return failure();
  if (failed(c.sameElementTypes(
          "q", getQ(), {{"k", getK()}, {"v", getV()}, {"out", getOut()}})) ||
      failed(c.sameElementType("final_state", getFinalState(), "initial_state",
                               getInitialState())) ||
      failed(checkScale(*this, getScale())))
    return failure();
  int64_t chunk = getChunkSize();
  if (chunk < 1 || !llvm::has_single_bit((uint64_t)chunk))
    return emitOpError() << "chunk_size must be a positive power of two, got "
                         << chunk;
  return success();
}

//===----------------------------------------------------------------------===//
// LinearAttentionStepOp
//===----------------------------------------------------------------------===//

float LinearAttentionStepOp::getScaleOrDefault() {
  return scaleOrDefault(getScale(), getK());
}

LogicalResult LinearAttentionStepOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> location, Adaptor adaptor,
    SmallVectorImpl<Type> &inferred) {
  StringRef name = getOperationName();
  Value q = adaptor.getQ(), v = adaptor.getV(), state = adaptor.getState();
  if (failed(checkRankForInference(location, name, "q", q, {"B", "Hq", "K"})) ||
      failed(checkRankForInference(location, name, "v", v, {"B", "Hv", "V"})) ||
      failed(checkRankForInference(location, name, "state", state,
                                   {"B", "Hs", "K", "V"})))
    return failure();
  // Ho = max(Hq, Hs); the verifier checks that one divides the other.
  int64_t heads = ShapedType::kDynamic;
  int64_t queryHeads = getDim(q, 1), stateHeads = getDim(state, 1);
  if (!ShapedType::isDynamic(queryHeads) && !ShapedType::isDynamic(stateHeads))
    heads = std::max(queryHeads, stateHeads);
  auto qType = cast<RankedTensorType>(q.getType());
  inferred.push_back(RankedTensorType::get({getDim(q, 0), heads, getDim(v, 2)},
                                           qType.getElementType()));
  inferred.push_back(state.getType());
  return success();
}

bool LinearAttentionStepOp::isCompatibleReturnTypes(TypeRange l, TypeRange r) {
  return areCompatibleTensorTypes(l, r);
}

LogicalResult LinearAttentionStepOp::verify() {
  ShapeContract c(*this);
  if (failed(c.check("q", getQ(), {"B", "Hq", "K"})) ||
      failed(c.check("k", getK(), {"B", "Hk", "K"})) ||
      failed(c.check("v", getV(), {"B", "Hv", "V"})) ||
      failed(bindSharedHeads(c, "Hk", "key", "Hv", "value", "Hs")) ||
      failed(checkGateAndBeta(c, getDecay(), getGate(), getUpdate(), getBeta(),
                              {"B", "Hs"})) ||
      failed(c.check("state", getState(), {"B", "Hs", "K", "V"})) ||
      failed(bindSharedHeads(c, "Hq", "query", "Hs", "state", "Ho")) ||
      failed(c.check("out", getOut(), {"B", "Ho", "V"})))
    return failure();
  if (failed(c.sameElementTypes("q", getQ(), {{"k", getK()}, {"v", getV()}})))
    return failure();
  return checkScale(*this, getScale());
}
