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

/// Checks that the head counts bound to `symbols` are at least 1.
static LogicalResult checkHeadCounts(ShapeContract &contract,
                                     ArrayRef<StringRef> symbols) {
  for (StringRef symbol : symbols) {
    std::optional<int64_t> heads = contract.lookup(symbol);
    if (heads && *heads < 1)
      return contract.getOperation()->emitOpError()
             << "head count " << symbol << " must be at least 1, got "
             << *heads;
  }
  return success();
}

/// Binds `combined` = max(a, b) when the head counts bound to `a` and `b`
/// are known and one divides the other: that is what head sharing allows.
static LogicalResult bindSharedHeads(ShapeContract &contract, StringRef a,
                                     StringRef aWhat, StringRef b,
                                     StringRef bWhat, StringRef combined) {
  std::optional<int64_t> sizeA = contract.lookup(a);
  std::optional<int64_t> sizeB = contract.lookup(b);
  if (!sizeA || !sizeB)
    return success();
  int64_t large = std::max(*sizeA, *sizeB);
  int64_t small = std::min(*sizeA, *sizeB);
  if (large % small != 0)
    return contract.getOperation()->emitOpError()
           << "the " << aWhat << " head count " << a << " = " << *sizeA
           << " and the " << bWhat << " head count " << b << " = " << *sizeB
           << " must divide one another (heads are shared, not mixed)";
  contract.bind(combined, large);
  return success();
}

/// Once every operand and result is seen: `combined` (bound from a gate,
/// state or result when `a` or `b` was dynamic) must be a multiple of each
/// of the head counts it shares.
static LogicalResult checkSharedHeads(ShapeContract &contract, StringRef a,
                                      StringRef aWhat, StringRef b,
                                      StringRef bWhat, StringRef combined,
                                      StringRef combinedWhat) {
  std::optional<int64_t> total = contract.lookup(combined);
  if (!total)
    return success();
  for (auto [symbol, what] : {std::pair(a, aWhat), std::pair(b, bWhat)}) {
    std::optional<int64_t> part = contract.lookup(symbol);
    if (part && *total % *part != 0)
      return contract.getOperation()->emitOpError()
             << "the " << combinedWhat << " head count " << combined << " = "
             << *total << " must be a multiple of the " << what
             << " head count " << symbol << " = " << *part;
  }
  return success();
}

/// Checks all head relations: counts, Hs = max(Hk, Hv), Ho = max(Hq, Hs).
static LogicalResult checkAllHeads(ShapeContract &contract) {
  if (failed(checkHeadCounts(contract, {"Hq", "Hk", "Hv", "Hs", "Ho"})) ||
      failed(checkSharedHeads(contract, "Hk", "key", "Hv", "value", "Hs",
                              "state")))
    return failure();
  return checkSharedHeads(contract, "Hq", "query", "Hs", "state", "Ho",
                          "output");
}

/// The recurrent state is accumulated and stored in f32 (docs/ops.md §3).
static LogicalResult
checkStateType(ShapeContract &contract,
               ArrayRef<std::pair<StringRef, Value>> states) {
  Type f32 = Float32Type::get(contract.getOperation()->getContext());
  for (auto [name, value] : states)
    if (failed(contract.elementType(name, value, f32)))
      return failure();
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

static LogicalResult checkScale(ShapeContract &contract,
                                std::optional<APFloat> scale) {
  Operation *op = contract.getOperation();
  if (scale && !scale->isFiniteNonZero())
    return op->emitOpError() << "scale must be finite and non-zero, got "
                             << scale->convertToDouble();
  if (!scale && !contract.lookup("K"))
    return op->emitOpError() << "needs an explicit `scale` when the key dim K "
                                "is dynamic (the default is K^-0.5)";
  return success();
}

/// K^-0.5, the softmax-attention convention the models keep, with K from
/// whichever of `values` (each with K at `dims`) has it static; the
/// verifier ensures one does when there is no `scale`.
static float scaleOrDefault(std::optional<APFloat> scale,
                            ArrayRef<std::pair<Value, int64_t>> values) {
  if (scale)
    return scale->convertToFloat();
  for (auto [value, dim] : values)
    if (value && !ShapedType::isDynamic(getDim(value, dim)))
      return 1.0f / std::sqrt((float)getDim(value, dim));
  return 1.0f;
}

//===----------------------------------------------------------------------===//
// LinearAttentionOp
//===----------------------------------------------------------------------===//

float LinearAttentionOp::getScaleOrDefault() {
  return scaleOrDefault(getScale(), {{getK(), -1},
                                     {getQ(), -1},
                                     {getInitialState(), 2},
                                     {getFinalState(), 2}});
}

LogicalResult LinearAttentionOp::verify() {
  ShapeContract c(*this);
  if (failed(c.check("q", getQ(), {"B", "Hq", "L", "K"})) ||
      failed(c.check("k", getK(), {"B", "Hk", "L", "K"})) ||
      failed(c.check("v", getV(), {"B", "Hv", "L", "V"})) ||
      failed(checkHeadCounts(c, {"Hq", "Hk", "Hv"})) ||
      failed(bindSharedHeads(c, "Hk", "key", "Hv", "value", "Hs")) ||
      failed(checkGateAndBeta(c, getDecay(), getGate(), getUpdate(), getBeta(),
                              {"B", "Hs", "L"})) ||
      failed(
          c.check("initial_state", getInitialState(), {"B", "Hs", "K", "V"})) ||
      failed(checkHeadCounts(c, {"Hs"})) ||
      failed(bindSharedHeads(c, "Hq", "query", "Hs", "state", "Ho")) ||
      failed(c.check("out", getOut(), {"B", "Ho", "L", "V"})) ||
      failed(c.check("final_state", getFinalState(), {"B", "Hs", "K", "V"})) ||
      failed(checkAllHeads(c)) ||
      failed(checkStateType(c, {{"initial_state", getInitialState()},
                                {"final_state", getFinalState()}})))
    return failure();
  if (failed(c.sameElementTypes(
          "q", getQ(), {{"k", getK()}, {"v", getV()}, {"out", getOut()}})) ||
      failed(checkScale(c, getScale())))
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
  return scaleOrDefault(
      getScale(),
      {{getK(), -1}, {getQ(), -1}, {getState(), 2}, {getNewState(), 2}});
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
      failed(checkHeadCounts(c, {"Hq", "Hk", "Hv"})) ||
      failed(bindSharedHeads(c, "Hk", "key", "Hv", "value", "Hs")) ||
      failed(checkGateAndBeta(c, getDecay(), getGate(), getUpdate(), getBeta(),
                              {"B", "Hs"})) ||
      failed(c.check("state", getState(), {"B", "Hs", "K", "V"})) ||
      failed(checkHeadCounts(c, {"Hs"})) ||
      failed(bindSharedHeads(c, "Hq", "query", "Hs", "state", "Ho")) ||
      failed(c.check("out", getOut(), {"B", "Ho", "V"})) ||
      failed(c.check("new_state", getNewState(), {"B", "Hs", "K", "V"})) ||
      failed(checkAllHeads(c)) ||
      failed(checkStateType(
          c, {{"state", getState()}, {"new_state", getNewState()}})))
    return failure();
  if (failed(c.sameElementTypes(
          "q", getQ(), {{"k", getK()}, {"v", getV()}, {"out", getOut()}})))
    return failure();
  return checkScale(c, getScale());
}
