//===- ScanRaising.cpp - Recognizing recurrences in Scan bodies -----------===//
//
// A Scan that carries one state through a diagonal linear recurrence is
// the selective scan or linear attention written step by step. Matching
// the body's ONNX nodes (before anything is imported) lets the whole scan
// become one seq op, which the compiler runs as a fused, parallel
// recurrence instead of a loop of small tensor ops. Two forms are
// recognized; Add and Mul operands may come in either order, and factor
// products may be nested either way:
//
// Selective scan (Mamba-1), state h [B, D, N], scan inputs dt, u [B, D],
// Bt, Ct [B, N], A [D, N] from outside the body:
//   h' = Exp(Unsqueeze(dt, 2) * A) * h + Unsqueeze(dt, 2) * Unsqueeze(Bt, 1)
//          * Unsqueeze(u, 2)
//   y  = ReduceSum(h' * Unsqueeze(Ct, 1), axes = [2], keepdims = 0)
//
// Linear attention, state S [B, H, K, V], scan inputs q, k [B, H, K],
// v [B, H, V], optional log-decay g [B, H] or [B, H, K]:
//   S' = S (or Exp(g') * S) + Unsqueeze(k, 3) * Unsqueeze(v, 2)
//        with g' = Unsqueeze(g, [2, 3]) or Unsqueeze(g, 3)
//   o  = ReduceSum(S' * Unsqueeze(q, 3), axes = [2], keepdims = 0)
//        (optionally times a constant scale)
// or, with the delta rule and beta [B, H], D = S or Exp(g') * S:
//   r  = ReduceSum(D * Unsqueeze(k, 3), axes = [2], keepdims = 0)
//   S' = D + Unsqueeze(k, 3) * Unsqueeze(Unsqueeze(beta, 2) * (v - r), 2)
//
// Outputs are (h', y) / (S', o); scan axes may be any, directions must be
// forward. Anything else stays a loop (ControlFlowOps.cpp).
//
//===----------------------------------------------------------------------===//

#include "frontend/onnx/ScanRaising.h"
#include "frontend/onnx/ModelImporter.h"
#include "frontend/onnx/TensorBuilders.h"

#include "dialects/seq/IR/SeqOps.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/Verifier.h"

using namespace mlir;
using namespace mlir::seqc::onnx_import;

namespace {

/// Read-only view of a body graph for matching.
class BodyMatcher {
public:
  BodyMatcher(NodeImporter &node, const onnx::GraphProto &body)
      : node(node), body(body) {
    for (const onnx::NodeProto &n : body.node())
      for (const std::string &out : n.output())
        producers[out] = &n;
    for (auto [i, input] : llvm::enumerate(body.input()))
      inputIndex[input.name()] = i;
  }

  const onnx::NodeProto *def(llvm::StringRef name) const {
    auto it = producers.find(name);
    return it == producers.end() ? nullptr : it->second;
  }

  /// The op producing `name` if it is `opType` of the default domain
  /// (with no attributes unless `withAttributes`).
  const onnx::NodeProto *op(llvm::StringRef name, llvm::StringRef opType,
                            bool withAttributes = false) const {
    const onnx::NodeProto *n = def(name);
    if (!n || n->op_type() != opType ||
        !(n->domain().empty() || n->domain() == "ai.onnx") ||
        (!withAttributes && n->attribute_size() > 0))
      return nullptr;
    return n;
  }

  /// The operand of `name` when it is ReduceSum(x, axes = [axis]) with
  /// keepdims = 0 and no other attribute (`negAxis` is the same axis
  /// counted from the end); "" otherwise.
  std::string reduceSumOver(llvm::StringRef name, int64_t axis,
                            int64_t negAxis) const {
    const onnx::NodeProto *sum = op(name, "ReduceSum", true);
    if (!sum || sum->input_size() != 2 || sum->attribute_size() != 1 ||
        sum->attribute(0).name() != "keepdims" || sum->attribute(0).i() != 0)
      return "";
    std::optional<llvm::SmallVector<int64_t>> axes = ints(sum->input(1));
    if (!axes || axes->size() != 1 ||
        ((*axes)[0] != axis && (*axes)[0] != negAxis))
      return "";
    return sum->input(0);
  }

  /// The body input index `name` is, or -1.
  int64_t bodyInput(llvm::StringRef name) const {
    auto it = inputIndex.find(name);
    return it == inputIndex.end() ? -1 : it->second;
  }

  /// Integer constants: a Constant node of the body or an outer constant.
  std::optional<llvm::SmallVector<int64_t>> ints(llvm::StringRef name) const {
    if (const onnx::NodeProto *n = def(name)) {
      if (n->op_type() != "Constant" || n->attribute_size() != 1 ||
          !n->attribute(0).has_t())
        return std::nullopt;
      FailureOr<DenseElementsAttr> attr = node.modelImporter().tensorAttr(
          n->attribute(0).t(), "constant '" + name.str() + "'");
      if (failed(attr) || !attr->getElementType().isInteger(64))
        return std::nullopt;
      return llvm::to_vector(llvm::map_range(attr->getValues<int64_t>(),
                                             [](int64_t v) { return v; }));
    }
    DenseElementsAttr attr;
    Value outer = node.scope().lookup(name);
    if (!outer || !matchPattern(outer, m_Constant(&attr)) ||
        !attr.getElementType().isInteger(64))
      return std::nullopt;
    return llvm::to_vector(llvm::map_range(attr.getValues<int64_t>(),
                                           [](int64_t v) { return v; }));
  }

  std::optional<double> scalar(llvm::StringRef name) const {
    DenseElementsAttr attr;
    Value outer = node.scope().lookup(name);
    if (const onnx::NodeProto *n = def(name)) {
      if (n->op_type() != "Constant" || n->attribute_size() != 1 ||
          !n->attribute(0).has_t())
        return std::nullopt;
      FailureOr<DenseElementsAttr> a = node.modelImporter().tensorAttr(
          n->attribute(0).t(), "constant '" + name.str() + "'");
      if (failed(a))
        return std::nullopt;
      attr = *a;
    } else if (!outer || !matchPattern(outer, m_Constant(&attr))) {
      return std::nullopt;
    }
    if (attr.getNumElements() != 1 || !isa<FloatType>(attr.getElementType()))
      return std::nullopt;
    return (*attr.value_begin<APFloat>()).convertToDouble();
  }

  /// Follows an Unsqueeze with constant axes: returns its input and sets
  /// `axes` (normalized against `outRank`); otherwise returns `name`.
  std::string unsqueezed(llvm::StringRef name, int64_t outRank,
                         llvm::SmallVector<int64_t> &axes) const {
    axes.clear();
    const onnx::NodeProto *n = def(name);
    if (!n || n->op_type() != "Unsqueeze" || n->input_size() != 2 ||
        n->attribute_size() != 0)
      return name.str();
    std::optional<llvm::SmallVector<int64_t>> a = ints(n->input(1));
    if (!a)
      return name.str();
    for (int64_t axis : *a)
      axes.push_back(axis < 0 ? axis + outRank : axis);
    llvm::sort(axes);
    return n->input(0);
  }

  /// The factors of a tree of binary Muls.
  void factors(llvm::StringRef name, llvm::SmallVector<std::string> &out,
               int depth = 0) const {
    if (const onnx::NodeProto *n = op(name, "Mul"); n && depth < 4) {
      factors(n->input(0), out, depth + 1);
      factors(n->input(1), out, depth + 1);
      return;
    }
    out.push_back(name.str());
  }

  NodeImporter &node;
  const onnx::GraphProto &body;
  llvm::StringMap<const onnx::NodeProto *> producers;
  llvm::StringMap<int64_t> inputIndex;
};

bool sameAxes(llvm::ArrayRef<int64_t> a, llvm::ArrayRef<int64_t> b) {
  return a == b;
}

/// Moves the scan axis of a whole-sequence input to position `to`.
Value moveAxis(OpBuilder &b, Location loc, Value v, int64_t from, int64_t to) {
  int64_t rank = shapeOf(v).size();
  llvm::SmallVector<int64_t> perm;
  for (int64_t i = 0; i < rank; ++i)
    if (i != from)
      perm.push_back(i);
  perm.insert(perm.begin() + to, from);
  return transpose(b, loc, v, perm);
}

struct ScanLayout {
  int64_t numStates;
  llvm::SmallVector<int64_t> inAxes, outAxes;
};

/// Matches the selective-scan form; on success builds the op.
FailureOr<bool> raiseSelectiveScan(NodeImporter &node, BodyMatcher &m,
                                   const ScanLayout &layout) {
  const onnx::GraphProto &body = m.body;
  if (layout.numStates != 1 || body.output_size() != 2 ||
      body.input_size() != 5)
    return false;
  Value h0 = node.input(0);
  if (shapeOf(h0).size() != 3)
    return false;
  // h' = Mul(Exp(...), h) + dBu, in either order.
  const onnx::NodeProto *add = m.op(body.output(0).name(), "Add");
  if (!add)
    return false;
  std::string hName = body.input(0).name();
  for (int swap = 0; swap < 2; ++swap) {
    llvm::SmallVector<std::string> decayFactors, inputFactors;
    m.factors(add->input(swap), decayFactors);
    m.factors(add->input(1 - swap), inputFactors);
    if (decayFactors.size() != 2 || inputFactors.size() != 3)
      continue;
    // One decay factor is h, the other Exp(Unsqueeze(dt, 2) * A).
    std::string expName;
    if (decayFactors[0] == hName)
      expName = decayFactors[1];
    else if (decayFactors[1] == hName)
      expName = decayFactors[0];
    else
      continue;
    const onnx::NodeProto *exp = m.op(expName, "Exp");
    if (!exp)
      continue;
    llvm::SmallVector<std::string> expFactors;
    m.factors(exp->input(0), expFactors);
    if (expFactors.size() != 2)
      continue;
    int64_t dt = -1;
    std::string aName;
    for (int i = 0; i < 2; ++i) {
      llvm::SmallVector<int64_t> axes;
      std::string leaf = m.unsqueezed(expFactors[i], 3, axes);
      if (m.bodyInput(leaf) >= 1 && sameAxes(axes, {2})) {
        dt = m.bodyInput(leaf);
        aName = expFactors[1 - i];
      }
    }
    Value a = aName.empty() ? Value() : node.scope().lookup(aName);
    if (dt < 0 || !a || m.def(aName) || shapeOf(a).size() != 2)
      continue;
    // dBu = Unsqueeze(dt, 2) * Unsqueeze(Bt, 1) * Unsqueeze(u, 2).
    int64_t bt = -1, u = -1;
    bool sawDt = false, other = false;
    for (const std::string &f : inputFactors) {
      llvm::SmallVector<int64_t> axes;
      int64_t in = m.bodyInput(m.unsqueezed(f, 3, axes));
      if (in == dt && sameAxes(axes, {2}) && !sawDt)
        sawDt = true;
      else if (in >= 1 && in != dt && sameAxes(axes, {1}) && bt < 0)
        bt = in;
      else if (in >= 1 && in != dt && sameAxes(axes, {2}) && u < 0)
        u = in;
      else
        other = true;
    }
    if (!sawDt || other || bt < 0 || u < 0)
      continue;
    // y = ReduceSum(h' * Unsqueeze(Ct, 1), axes = [2], keepdims = 0).
    std::string summed = m.reduceSumOver(body.output(1).name(), 2, -1);
    if (summed.empty())
      continue;
    llvm::SmallVector<std::string> outFactors;
    m.factors(summed, outFactors);
    if (outFactors.size() != 2)
      continue;
    int64_t ct = -1;
    for (int i = 0; i < 2; ++i) {
      llvm::SmallVector<int64_t> cAxes;
      int64_t in = m.bodyInput(m.unsqueezed(outFactors[i], 3, cAxes));
      if (outFactors[1 - i] == body.output(0).name() && in >= 1 &&
          sameAxes(cAxes, {1}))
        ct = in;
    }
    if (ct < 0 || dt == u || dt == bt || dt == ct || u == bt || u == ct ||
        bt == ct)
      continue;

    // Shapes: h [B, D, N], dt/u [B, D], Bt/Ct [B, N], A [D, N].
    auto full = [&](int64_t bodyIndex) { return node.input(bodyIndex); };
    auto axisOf = [&](int64_t bodyIndex) {
      return layout.inAxes[bodyIndex - layout.numStates];
    };
    llvm::ArrayRef<int64_t> hs = shapeOf(h0);
    auto stepShape = [&](int64_t bodyIndex) {
      llvm::SmallVector<int64_t> s(shapeOf(full(bodyIndex)));
      s.erase(s.begin() + axisOf(bodyIndex));
      return s;
    };
    llvm::SmallVector<int64_t> bd = {hs[0], hs[1]}, bn = {hs[0], hs[2]};
    if (stepShape(dt) != bd || stepShape(u) != bd || stepShape(bt) != bn ||
        stepShape(ct) != bn ||
        shapeOf(a) != llvm::ArrayRef<int64_t>{hs[1], hs[2]})
      continue;
    Type element = elementTypeOf(h0);
    for (int64_t i : {dt, u, bt, ct})
      if (elementTypeOf(full(i)) != element)
        return false;
    if (elementTypeOf(a) != element)
      return false;

    OpBuilder &b = node.b();
    Location loc = node.loc();
    // Whole sequences, time last: [B, D, L] and [B, 1, N, L].
    auto timeLast = [&](int64_t i) {
      return moveAxis(b, loc, full(i), axisOf(i), 2);
    };
    Value uSeq = timeLast(u), dtSeq = timeLast(dt);
    int64_t length = shapeOf(uSeq)[2];
    auto grouped = [&](int64_t i) {
      return reshape(b, loc, timeLast(i), {hs[0], 1, hs[2], length});
    };
    auto op = seq::SelectiveScanOp::create(
        b, loc, uSeq.getType(), h0.getType(), uSeq, dtSeq, a, grouped(bt),
        grouped(ct), Value(), Value(), Value(), h0, false);
    if (failed(verify(op))) {
      op->erase();
      return false;
    }
    node.setOutput(0, op.getFinalState());
    // y [B, D, L] -> the scan output layout (time at its axis).
    Value y = op.getOut();
    node.setOutput(1, moveAxis(b, loc, y, 2, layout.outAxes[0]));
    return true;
  }
  return false;
}

/// Matches the linear-attention form; on success builds the op.
FailureOr<bool> raiseLinearAttention(NodeImporter &node, BodyMatcher &m,
                                     const ScanLayout &layout) {
  const onnx::GraphProto &body = m.body;
  if (layout.numStates != 1 || body.output_size() != 2 ||
      body.input_size() < 4 || body.input_size() > 6)
    return false;
  Value s0 = node.input(0);
  if (shapeOf(s0).size() != 4 || !elementTypeOf(s0).isF32())
    return false;
  const onnx::NodeProto *add = m.op(body.output(0).name(), "Add");
  if (!add)
    return false;
  std::string sName = body.input(0).name();
  for (int swap = 0; swap < 2; ++swap) {
    llvm::SmallVector<std::string> decayFactors, kvFactors;
    m.factors(add->input(swap), decayFactors);
    m.factors(add->input(1 - swap), kvFactors);
    if (kvFactors.size() != 2)
      continue;
    // S, or Exp(g') * S.
    int64_t gate = -1;
    llvm::SmallVector<int64_t> gateAxes;
    if (decayFactors.size() == 1 && decayFactors[0] == sName) {
    } else if (decayFactors.size() == 2 &&
               llvm::is_contained(decayFactors, sName)) {
      std::string expName =
          decayFactors[0] == sName ? decayFactors[1] : decayFactors[0];
      const onnx::NodeProto *exp = m.op(expName, "Exp");
      if (!exp)
        continue;
      gate = m.bodyInput(m.unsqueezed(exp->input(0), 4, gateAxes));
      if (gate < 1)
        continue;
    } else {
      continue;
    }
    int64_t k = -1, v = -1, beta = -1;
    std::string update; // the factor unsqueezed on axis 2
    for (const std::string &f : kvFactors) {
      llvm::SmallVector<int64_t> axes;
      std::string leaf = m.unsqueezed(f, 4, axes);
      int64_t in = m.bodyInput(leaf);
      if (in >= 1 && sameAxes(axes, {3}) && k < 0)
        k = in;
      else if (sameAxes(axes, {2}) && update.empty())
        update = leaf;
    }
    if (k < 0 || update.empty())
      continue;
    if (m.bodyInput(update) >= 1) {
      v = m.bodyInput(update);
    } else {
      // The delta rule: update = Unsqueeze(beta, 2) * (v - retrieved),
      // retrieved = ReduceSum(S_decayed * Unsqueeze(k, 3), axes=[2]).
      const onnx::NodeProto *mul = m.op(update, "Mul");
      if (!mul)
        continue;
      std::string decayedName = add->input(swap);
      for (int i = 0; i < 2 && v < 0; ++i) {
        llvm::SmallVector<int64_t> betaAxes;
        int64_t b = m.bodyInput(m.unsqueezed(mul->input(i), 3, betaAxes));
        const onnx::NodeProto *sub = m.op(mul->input(1 - i), "Sub");
        if (b < 1 || !sameAxes(betaAxes, {2}) || !sub ||
            m.bodyInput(sub->input(0)) < 1)
          continue;
        // The decayed state is itself a product: take the Mul's operands
        // as they are instead of flattening.
        const onnx::NodeProto *rMul =
            m.op(m.reduceSumOver(sub->input(1), 2, -2), "Mul");
        if (!rMul)
          continue;
        llvm::SmallVector<std::string> rFactors = {rMul->input(0),
                                                   rMul->input(1)};
        for (int j = 0; j < 2; ++j) {
          llvm::SmallVector<int64_t> kAxes;
          if (rFactors[1 - j] == decayedName &&
              m.bodyInput(m.unsqueezed(rFactors[j], 4, kAxes)) == k &&
              sameAxes(kAxes, {3})) {
            v = m.bodyInput(sub->input(0));
            beta = b;
          }
        }
      }
      if (v < 0)
        continue;
    }
    if (v == k)
      continue;
    // o = [scale *] ReduceSum(S' * Unsqueeze(q, 3), axes = [2], keepdims = 0).
    std::string outName = body.output(1).name();
    std::optional<double> scale;
    if (const onnx::NodeProto *mul = m.op(outName, "Mul")) {
      for (int i = 0; i < 2 && !scale; ++i)
        if ((scale = m.scalar(mul->input(i))))
          outName = mul->input(1 - i);
      if (!scale)
        continue;
    }
    std::string summed = m.reduceSumOver(outName, 2, -2);
    if (summed.empty())
      continue;
    llvm::SmallVector<std::string> outFactors;
    m.factors(summed, outFactors);
    if (outFactors.size() != 2)
      continue;
    int64_t q = -1;
    for (int i = 0; i < 2; ++i) {
      llvm::SmallVector<int64_t> qAxes;
      int64_t in = m.bodyInput(m.unsqueezed(outFactors[i], 4, qAxes));
      if (outFactors[1 - i] == body.output(0).name() && in >= 1 &&
          sameAxes(qAxes, {3}))
        q = in;
    }
    llvm::SmallVector<int64_t> used = {q, k, v};
    if (gate >= 0)
      used.push_back(gate);
    if (beta >= 0)
      used.push_back(beta);
    if (q < 0 || static_cast<int64_t>(used.size()) !=
                     static_cast<int64_t>(body.input_size()) - 1)
      continue;
    llvm::SmallVector<int64_t> sorted(used);
    llvm::sort(sorted);
    if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
      continue;

    // Shapes: S [B, H, K, V]; q, k [B, H, K]; v [B, H, V]; g [B, H] with
    // Unsqueeze [2, 3] or [B, H, K] with Unsqueeze [3].
    llvm::ArrayRef<int64_t> ss = shapeOf(s0);
    auto axisOf = [&](int64_t i) {
      return layout.inAxes[i - layout.numStates];
    };
    auto stepShape = [&](int64_t i) {
      llvm::SmallVector<int64_t> s(shapeOf(node.input(i)));
      s.erase(s.begin() + axisOf(i));
      return s;
    };
    llvm::SmallVector<int64_t> bhk = {ss[0], ss[1], ss[2]},
                               bhv = {ss[0], ss[1], ss[3]}, bh = {ss[0], ss[1]};
    if (stepShape(q) != bhk || stepShape(k) != bhk || stepShape(v) != bhv)
      continue;
    seq::DecayKind decay = seq::DecayKind::None;
    if (gate >= 0) {
      if (stepShape(gate) == bh && sameAxes(gateAxes, {2, 3}))
        decay = seq::DecayKind::Scalar;
      else if (stepShape(gate) == bhk && sameAxes(gateAxes, {3}))
        decay = seq::DecayKind::Vector;
      else
        continue;
    }
    if (beta >= 0 && stepShape(beta) != bh)
      continue;
    Type element = elementTypeOf(node.input(q));
    if (elementTypeOf(node.input(k)) != element ||
        elementTypeOf(node.input(v)) != element || !isa<FloatType>(element))
      return false;

    OpBuilder &b = node.b();
    Location loc = node.loc();
    // Whole sequences as [B, H, L, D] (time third).
    auto timeThird = [&](int64_t i) {
      return moveAxis(b, loc, node.input(i), axisOf(i), 2);
    };
    Value qSeq = timeThird(q), kSeq = timeThird(k), vSeq = timeThird(v);
    Value gSeq = gate >= 0 ? timeThird(gate) : Value();
    int64_t length = shapeOf(qSeq)[2];
    auto outType =
        RankedTensorType::get({ss[0], ss[1], length, ss[3]}, element);
    Value betaSeq = beta >= 0 ? timeThird(beta) : Value();
    auto op = seq::LinearAttentionOp::create(
        b, loc, outType, s0.getType(), qSeq, kSeq, vSeq, gSeq, betaSeq, s0,
        decay, beta >= 0 ? seq::UpdateRule::Delta : seq::UpdateRule::Additive,
        b.getF32FloatAttr(scale ? static_cast<float>(*scale) : 1.0f),
        uint64_t(64));
    if (failed(verify(op))) {
      op->erase();
      return false;
    }
    node.setOutput(0, op.getFinalState());
    node.setOutput(1, moveAxis(b, loc, op.getOut(), 2, layout.outAxes[0]));
    return true;
  }
  return false;
}

} // namespace

FailureOr<bool>
mlir::seqc::onnx_import::raiseScan(NodeImporter &node,
                                   const onnx::GraphProto &body) {
  int64_t numScan = node.intAttr("num_scan_inputs", 0);
  ScanLayout layout;
  layout.numStates = static_cast<int64_t>(node.numInputs()) - numScan;
  if (layout.numStates != 1 || body.output_size() != 2)
    return false;
  // Forward directions only; axes normalized.
  for (llvm::StringRef name :
       {"scan_input_directions", "scan_output_directions"})
    if (auto dirs = node.intsAttr(name))
      if (llvm::any_of(*dirs, [](int64_t d) { return d != 0; }))
        return false;
  for (int64_t i = 0; i < numScan; ++i) {
    if (!node.hasInput(layout.numStates + i))
      return false;
    int64_t rank = shapeOf(node.input(layout.numStates + i)).size();
    int64_t axis = 0;
    if (auto axes = node.intsAttr("scan_input_axes"))
      axis = i < static_cast<int64_t>(axes->size()) ? (*axes)[i] : 0;
    std::optional<int64_t> a = normalizeAxis(axis, rank);
    if (!a)
      return false;
    layout.inAxes.push_back(*a);
  }
  if (!node.hasInput(0))
    return false;
  int64_t outRank = shapeOf(node.input(0)).size(); // y has the state's rank
  int64_t outAxis = 0;
  if (auto axes = node.intsAttr("scan_output_axes"))
    outAxis = axes->empty() ? 0 : (*axes)[0];
  std::optional<int64_t> a = normalizeAxis(outAxis, outRank);
  if (!a)
    return false;
  layout.outAxes.push_back(*a);

  BodyMatcher matcher(node, body);
  FailureOr<bool> raised = raiseSelectiveScan(node, matcher, layout);
  if (failed(raised) || *raised)
    return raised;
  return raiseLinearAttention(node, matcher, layout);
}
