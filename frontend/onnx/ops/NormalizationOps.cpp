//===- NormalizationOps.cpp - LayerNormalization and RMSNormalization -----===//
//
// Both normalize over the trailing dims from `axis` on, with statistics in
// f32 (stash_type 1, the only value ONNX Runtime implements), then scale
// (and shift) with operands broadcast to the input.
//
//===----------------------------------------------------------------------===//

#include "frontend/onnx/ModelImporter.h"
#include "frontend/onnx/TensorBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"

using namespace mlir;
using namespace mlir::seqc::onnx_import;

namespace {

template <bool rms> LogicalResult importNormalization(NodeImporter &node) {
  if (failed(node.checkAttrs({"axis", "epsilon", "stash_type"})) ||
      failed(node.requiredInput(0)) || failed(node.requiredInput(1)))
    return failure();
  Value x = node.input(0), scale = node.input(1);
  Value bias = rms ? Value() : node.input(2);
  Type element = elementTypeOf(x);
  if (!isa<FloatType>(element)) {
    node.error() << "expects a floating-point input, got " << x.getType();
    return failure();
  }
  llvm::ArrayRef<int64_t> shape = shapeOf(x);
  int64_t rank = shape.size();
  FailureOr<int64_t> axis = node.axisAttr("axis", -1, rank);
  if (failed(axis))
    return failure();
  if (node.intAttr("stash_type", 1) != 1) {
    node.error() << "stash_type " << node.intAttr("stash_type", 1)
                 << " is not supported (only 1: statistics in float)";
    return failure();
  }
  for (Value operand : {scale, bias}) {
    if (!operand)
      continue;
    std::optional<llvm::SmallVector<int64_t>> b =
        broadcastShapes({shapeOf(operand), shape});
    if (!b || llvm::ArrayRef<int64_t>(*b) != shape ||
        elementTypeOf(operand) != element) {
      node.error() << "scale and bias must broadcast to " << x.getType()
                   << ", got " << operand.getType();
      return failure();
    }
  }
  double epsilon = node.floatAttr("epsilon", 1e-5f);
  OpBuilder &b = node.b();
  Location loc = node.loc();
  Type f32 = b.getF32Type();
  Type acc = isa<Float64Type>(element) ? element : f32;
  llvm::SmallVector<int64_t> axes, kept(shape);
  int64_t count = 1;
  for (int64_t i = *axis; i < rank; ++i) {
    axes.push_back(i);
    kept[i] = 1;
    count *= shape[i];
  }
  auto sum = [&](Value v, bool square) {
    Value s = buildReduction(
        b, loc, v, axes, scalarConstant(b, loc, acc, 0),
        [&](OpBuilder &nb, Location nl, Value e, Value a) -> Value {
          e = castScalar(nb, nl, e, acc);
          if (square)
            e = arith::MulFOp::create(nb, nl, e, e);
          return arith::AddFOp::create(nb, nl, a, e);
        });
    return reshape(b, loc, s, kept);
  };
  Value n = scalarConstant(b, loc, acc, static_cast<double>(count));
  Value mean;
  if (!rms) {
    mean = sum(x, false);
    mean = buildElementwise(
        b, loc, mean, kept, acc,
        [&](OpBuilder &nb, Location nl, ValueRange args) {
          return arith::DivFOp::create(nb, nl, args[0], n).getResult();
        });
  }
  // 1/sqrt(mean((x - mean)^2) + eps), or 1/sqrt(mean(x^2) + eps).
  Value centered = x;
  if (!rms)
    centered = buildElementwise(
        b, loc, ValueRange{x, mean}, shape, acc,
        [&](OpBuilder &nb, Location nl, ValueRange args) {
          return arith::SubFOp::create(nb, nl, castScalar(nb, nl, args[0], acc),
                                       args[1])
              .getResult();
        });
  Value invStd =
      buildElementwise(b, loc, sum(centered, true), kept, acc,
                       [&](OpBuilder &nb, Location nl, ValueRange args) {
                         Value var = arith::DivFOp::create(nb, nl, args[0], n);
                         var = arith::AddFOp::create(
                             nb, nl, var, scalarConstant(nb, nl, acc, epsilon));
                         return math::RsqrtOp::create(nb, nl, var).getResult();
                       });
  llvm::SmallVector<Value> inputs = {centered, invStd, scale};
  if (bias)
    inputs.push_back(bias);
  node.setOutput(
      0, buildElementwise(b, loc, inputs, shape, element,
                          [&](OpBuilder &nb, Location nl, ValueRange args) {
                            Value y = arith::MulFOp::create(
                                nb, nl, castScalar(nb, nl, args[0], acc),
                                args[1]);
                            y = arith::MulFOp::create(
                                nb, nl, y, castScalar(nb, nl, args[2], acc));
                            if (args.size() > 3)
                              y = arith::AddFOp::create(
                                  nb, nl, y, castScalar(nb, nl, args[3], acc));
                            return castScalar(nb, nl, y, element);
                          }));
  // LayerNormalization's optional Mean and InvStdDev outputs (f32).
  if (!rms && node.hasOutput(1))
    node.setOutput(1, mean);
  if (!rms && node.hasOutput(2))
    node.setOutput(2, invStd);
  return success();
}

} // namespace

void mlir::seqc::onnx_import::registerNormalizationOps(OpRegistry &registry) {
  registry.add("", "LayerNormalization", importNormalization<false>);
  registry.add("", "RMSNormalization", importNormalization<true>);
}
