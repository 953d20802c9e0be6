//===- SequenceModelOps.cpp - LinearAttention and CausalConvWithState -----===//
//
// The sequence-model ops of ONNX opset 27 (and their com.microsoft twins in
// ONNX Runtime) map onto seq.linear_attention and seq.causal_conv1d, not
// onto their function bodies. ONNX packs heads into the last dim
// ([B, T, H*D]); seq is head-major ([B, H, T, D]), so operands are
// reshaped and transposed on the way in and out. Both sides keep decay in
// log space, apply the scale on the read, and share a key/value head among
// a group of query heads the same way, so nothing else changes.
//
//===----------------------------------------------------------------------===//

#include "frontend/onnx/ModelImporter.h"
#include "frontend/onnx/TensorBuilders.h"

#include "dialects/seq/IR/SeqOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::seqc::onnx_import;

namespace {

/// [B, T, H*D] -> [B, H, T, D].
Value toHeadMajor(OpBuilder &b, Location loc, Value x, int64_t heads) {
  llvm::ArrayRef<int64_t> s = shapeOf(x);
  Value split = reshape(b, loc, x, {s[0], s[1], heads, s[2] / heads});
  return transpose(b, loc, split, {0, 2, 1, 3});
}

/// [B, H, T, D] -> [B, T, H*D].
Value fromHeadMajor(OpBuilder &b, Location loc, Value x) {
  llvm::ArrayRef<int64_t> s = shapeOf(x);
  Value t = transpose(b, loc, x, {0, 2, 1, 3});
  return reshape(b, loc, t, {s[0], s[2], s[1] * s[3]});
}

bool isFloatTensor(Value v) { return isa<FloatType>(elementTypeOf(v)); }

std::string shapeText(Value v) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << v.getType();
  return s;
}

LogicalResult importLinearAttention(NodeImporter &node) {
  bool contrib = node.proto().domain() == "com.microsoft";
  llvm::SmallVector<llvm::StringRef> known = {
      "q_num_heads", "kv_num_heads", "update_rule", "scale", "chunk_size"};
  if (contrib)
    known.push_back("state_window");
  if (failed(node.checkAttrs(known)))
    return failure();
  if (contrib && node.intAttr("state_window", 0) != 0) {
    node.error() << "state_window = " << node.intAttr("state_window", 0)
                 << " is not supported (only 0; ONNX Runtime runs it on CUDA "
                    "only)";
    return failure();
  }
  for (size_t i = 0; i < 3; ++i)
    if (failed(node.requiredInput(i)))
      return failure();
  if (!node.hasAttr("q_num_heads") || !node.hasAttr("kv_num_heads")) {
    node.error() << "attributes q_num_heads and kv_num_heads are required";
    return failure();
  }
  int64_t hq = node.intAttr("q_num_heads", 0);
  int64_t hkv = node.intAttr("kv_num_heads", 0);
  std::string rule = node.stringAttr("update_rule", "gated_delta");
  if (rule != "linear" && rule != "gated" && rule != "delta" &&
      rule != "gated_delta") {
    node.error() << "update_rule '" << rule
                 << "' is not one of linear, gated, delta, gated_delta";
    return failure();
  }
  bool gated = rule == "gated" || rule == "gated_delta";
  bool delta = rule == "delta" || rule == "gated_delta";
  if (hq <= 0 || hkv <= 0 || (hq % hkv != 0 && !(contrib && hkv % hq == 0))) {
    node.error() << "q_num_heads (" << hq
                 << ") must be a positive multiple of kv_num_heads (" << hkv
                 << ")";
    return failure();
  }
  Value query = node.input(0), key = node.input(1), value = node.input(2);
  for (Value v : {query, key, value})
    if (shapeOf(v).size() != 3 || !isFloatTensor(v)) {
      node.error() << "query, key and value must be float [B, T, H*D] tensors, "
                      "got "
                   << v.getType();
      return failure();
    }
  llvm::ArrayRef<int64_t> qs = shapeOf(query), ks = shapeOf(key),
                          vs = shapeOf(value);
  int64_t batch = qs[0], time = qs[1];
  if (qs[2] % hq || vs[2] % hkv) {
    node.error() << "query's last dim (" << qs[2] << ") must divide by " << hq
                 << " heads and value's (" << vs[2] << ") by " << hkv;
    return failure();
  }
  int64_t dk = qs[2] / hq, dv = vs[2] / hkv;
  if (ks[0] != batch || vs[0] != batch || ks[1] != time || vs[1] != time ||
      ks[2] != hkv * dk) {
    node.error() << "key must be [" << batch << ", " << time << ", " << hkv * dk
                 << "] and value [" << batch << ", " << time << ", " << hkv
                 << "*d_v] for query " << shapeText(query) << "; got "
                 << shapeText(key) << " and " << shapeText(value);
    return failure();
  }
  Type element = elementTypeOf(query);
  if (elementTypeOf(key) != element || elementTypeOf(value) != element) {
    node.error() << "query, key and value must share one element type";
    return failure();
  }
  if (node.hasInput(4) != gated) {
    node.error() << "update_rule '" << rule << "' "
                 << (gated ? "requires" : "takes no") << " decay (input #4)";
    return failure();
  }
  if (node.hasInput(5) != delta) {
    node.error() << "update_rule '" << rule << "' "
                 << (delta ? "requires" : "takes no") << " beta (input #5)";
    return failure();
  }

  OpBuilder &b = node.b();
  Location loc = node.loc();
  Value q = toHeadMajor(b, loc, query, hq);
  Value k = toHeadMajor(b, loc, key, hkv);
  Value v = toHeadMajor(b, loc, value, hkv);

  seq::DecayKind decayKind = seq::DecayKind::None;
  Value gate;
  if (gated) {
    Value decay = node.input(4);
    llvm::ArrayRef<int64_t> ds = shapeOf(decay);
    bool shapeOk = ds.size() == 3 && ds[0] == batch && ds[1] == time &&
                   isFloatTensor(decay);
    // Per head is checked first, as in the ONNX reference (they agree
    // when d_k is 1).
    if (shapeOk && ds[2] == hkv) {
      decayKind = seq::DecayKind::Scalar;
      gate = transpose(b, loc, decay, {0, 2, 1});
    } else if (shapeOk && ds[2] == hkv * dk) {
      decayKind = seq::DecayKind::Vector;
      gate = toHeadMajor(b, loc, decay, hkv);
    } else {
      node.error() << "decay must be [" << batch << ", " << time << ", " << hkv
                   << "] (per head) or [" << batch << ", " << time << ", "
                   << hkv * dk << "] (per key dim), got " << shapeText(decay);
      return failure();
    }
  }
  Value betaHeads;
  if (delta) {
    Value beta = node.input(5);
    llvm::ArrayRef<int64_t> bs = shapeOf(beta);
    if (bs.size() != 3 || bs[0] != batch || bs[1] != time ||
        (bs[2] != hkv && bs[2] != 1) || !isFloatTensor(beta)) {
      node.error() << "beta must be [" << batch << ", " << time << ", " << hkv
                   << "] or [" << batch << ", " << time << ", 1], got "
                   << shapeText(beta);
      return failure();
    }
    // One beta for all heads is broadcast to seq's [B, H, T].
    betaHeads = transpose(b, loc, beta, {0, 2, 1});
    betaHeads = broadcastTo(b, loc, betaHeads, {batch, hkv, time});
  }
  Value initial;
  Type stateElement = element;
  if (node.hasInput(3)) {
    Value past = node.input(3);
    llvm::SmallVector<int64_t> want = {batch, hkv, dk, dv};
    if (shapeOf(past) != llvm::ArrayRef<int64_t>(want) ||
        !isFloatTensor(past)) {
      node.error() << "past_state must be [" << batch << ", " << hkv << ", "
                   << dk << ", " << dv << "] of floats, got "
                   << shapeText(past);
      return failure();
    }
    stateElement = elementTypeOf(past);
    // The recurrent state is f32 in seq, as in the reference.
    initial = castTensor(b, loc, past, b.getF32Type());
  }
  float scale = node.floatAttr("scale", 0.0f);
  FloatAttr scaleAttr = scale != 0.0f ? b.getF32FloatAttr(scale) : FloatAttr();
  int64_t chunk = node.intAttr("chunk_size", 64);
  if (chunk <= 0 || (chunk & (chunk - 1)))
    chunk = 64; // only a tuning hint
  int64_t heads = std::max(hq, hkv);
  auto outType = RankedTensorType::get({batch, heads, time, dv}, element);
  Type stateType;
  if (node.hasOutput(1))
    stateType = RankedTensorType::get({batch, hkv, dk, dv}, b.getF32Type());
  auto op = seq::LinearAttentionOp::create(
      b, loc, outType, stateType, q, k, v, gate, betaHeads, initial, decayKind,
      delta ? seq::UpdateRule::Delta : seq::UpdateRule::Additive, scaleAttr,
      static_cast<uint64_t>(chunk));
  node.setOutput(0, fromHeadMajor(b, loc, op.getOut()));
  if (node.hasOutput(1))
    node.setOutput(1, castTensor(b, loc, op.getFinalState(), stateElement));
  return success();
}

LogicalResult importCausalConvWithState(NodeImporter &node) {
  bool contrib = node.proto().domain() == "com.microsoft";
  llvm::SmallVector<llvm::StringRef> known = {"activation"};
  if (contrib)
    known.append({"ndim", "dilation", "channels_last", "state_window",
                  "state_update_capacity", "state_channels_last",
                  "state_length", "input_channel_offset", "input_channels"});
  if (failed(node.checkAttrs(known)) || failed(node.requiredInput(0)) ||
      failed(node.requiredInput(1)))
    return failure();
  int64_t dilation = node.intAttr("dilation", 1);
  bool channelsLast = node.intAttr("channels_last", 0);
  if (contrib) {
    auto reject = [&](llvm::StringRef name, int64_t value) {
      node.error() << "attribute " << name << " = " << value
                   << " is not supported (ONNX Runtime runs it on CUDA only)";
      return failure();
    };
    if (node.intAttr("ndim", 1) != 1)
      return reject("ndim", node.intAttr("ndim", 1));
    for (llvm::StringRef name : {"state_window", "state_update_capacity",
                                 "input_channel_offset", "input_channels"})
      if (node.intAttr(name, 0) != 0)
        return reject(name, node.intAttr(name, 0));
    int64_t stateChannelsLast = node.intAttr("state_channels_last", -1);
    if (stateChannelsLast != -1 && stateChannelsLast != channelsLast)
      return reject("state_channels_last", stateChannelsLast);
    if (node.hasOutput(2)) {
      node.error() << "output state_update is not supported";
      return failure();
    }
    if (dilation < 1) {
      node.error() << "dilation must be >= 1, got " << dilation;
      return failure();
    }
  }
  std::string activation = node.stringAttr("activation", "none");
  if (activation != "none" && activation != "silu" && activation != "swish") {
    node.error() << "activation '" << activation
                 << "' is not one of none, silu, swish";
    return failure();
  }
  OpBuilder &b = node.b();
  Location loc = node.loc();
  Value x = node.input(0), weight = node.input(1);
  if (!isFloatTensor(x) || shapeOf(x).size() < 3 ||
      (!channelsLast && shapeOf(x).size() != 3)) {
    node.error() << "input must be a float [B, C, L] tensor, got "
                 << shapeText(x);
    return failure();
  }
  // channels_last [B, L, d1..dn]: C = d1*...*dn, run channel-major.
  llvm::SmallVector<int64_t> lastShape(shapeOf(x));
  auto toChannelMajor = [&](Value v) {
    llvm::ArrayRef<int64_t> s = shapeOf(v);
    int64_t c = 1;
    for (int64_t d : s.drop_front(2))
      c *= d;
    return transpose(b, loc, reshape(b, loc, v, {s[0], s[1], c}), {0, 2, 1});
  };
  if (channelsLast)
    x = toChannelMajor(x);
  llvm::ArrayRef<int64_t> xs = shapeOf(x);
  int64_t batch = xs[0], channels = xs[1];
  llvm::ArrayRef<int64_t> ws = shapeOf(weight);
  if (ws.size() != 3 || ws[0] != channels || ws[1] != 1 ||
      !isFloatTensor(weight)) {
    node.error() << "weight must be [" << channels << ", 1, k], got "
                 << shapeText(weight);
    return failure();
  }
  int64_t width = ws[2];
  Value w = reshape(b, loc, weight, {channels, width});
  // Dilation d is a causal conv with a zero-interleaved weight.
  if (dilation > 1 && width > 1) {
    int64_t dilated = (width - 1) * dilation + 1;
    Value zeros = filled(b, loc, {channels, dilated},
                         scalarConstant(b, loc, elementTypeOf(w), 0));
    w = tensor::InsertSliceOp::create(
        b, loc, w, zeros, ValueRange{}, ValueRange{}, ValueRange{},
        llvm::ArrayRef<int64_t>{0, 0}, llvm::ArrayRef<int64_t>{channels, width},
        llvm::ArrayRef<int64_t>{1, dilation});
    width = dilated;
  }
  Value bias;
  if (node.hasInput(2)) {
    bias = node.input(2);
    if (shapeOf(bias) != llvm::ArrayRef<int64_t>{channels} ||
        !isFloatTensor(bias)) {
      node.error() << "bias must be [" << channels << "], got "
                   << shapeText(bias);
      return failure();
    }
  }
  Value initial;
  if (node.hasInput(3)) {
    initial = node.input(3);
    if (channelsLast && shapeOf(initial).size() >= 3)
      initial = toChannelMajor(initial);
    llvm::SmallVector<int64_t> want = {batch, channels, width - 1};
    if (shapeOf(initial) != llvm::ArrayRef<int64_t>(want) ||
        elementTypeOf(initial) != elementTypeOf(x)) {
      node.error() << "past_state must be [" << batch << ", " << channels
                   << ", " << width - 1 << "] of " << elementTypeOf(x)
                   << ", got " << shapeText(node.input(3));
      return failure();
    }
  }
  Type stateType;
  if (node.hasOutput(1))
    stateType =
        RankedTensorType::get({batch, channels, width - 1}, elementTypeOf(x));
  auto op = seq::CausalConv1dOp::create(
      b, loc, x.getType(), stateType, x, w, bias, initial,
      activation == "none" ? seq::Activation::None : seq::Activation::SiLU);
  auto fromChannelMajor = [&](Value v, int64_t length) {
    Value t = transpose(b, loc, v, {0, 2, 1});
    llvm::SmallVector<int64_t> shape = {lastShape[0], length};
    shape.append(lastShape.begin() + 2, lastShape.end());
    return reshape(b, loc, t, shape);
  };
  Value out = op.getOut();
  node.setOutput(0, channelsLast ? fromChannelMajor(out, lastShape[1]) : out);
  if (node.hasOutput(1)) {
    Value state = op.getFinalState();
    node.setOutput(1,
                   channelsLast ? fromChannelMajor(state, width - 1) : state);
  }
  return success();
}

} // namespace

void mlir::seqc::onnx_import::registerSequenceModelOps(OpRegistry &registry) {
  registry.add("", "LinearAttention", importLinearAttention);
  registry.add("", "CausalConvWithState", importCausalConvWithState);
  registry.add("com.microsoft", "LinearAttention", importLinearAttention);
  registry.add("com.microsoft", "CausalConvWithState",
               importCausalConvWithState);
}
