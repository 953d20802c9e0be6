//===- ConvOps.cpp - Conv (1-D and 2-D, grouped, depthwise) ---------------===//
//
// Conv is one linalg.generic over [N, G, M/G, out spatial..., C/G, kernel
// spatial...]: the input map reads x[n, g*C/G + c, o*stride + k*dilation]
// from the zero-padded input, so groups (and depthwise, G = C) need no
// copies.
//
//===----------------------------------------------------------------------===//

#include "frontend/onnx/ModelImporter.h"
#include "frontend/onnx/TensorBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::seqc::onnx_import;

namespace {

LogicalResult importConv(NodeImporter &node) {
  if (failed(node.checkAttrs({"auto_pad", "dilations", "group", "kernel_shape",
                              "pads", "strides"})) ||
      failed(node.requiredInput(0)) || failed(node.requiredInput(1)))
    return failure();
  Value x = node.input(0), w = node.input(1);
  llvm::ArrayRef<int64_t> xs = shapeOf(x), ws = shapeOf(w);
  Type element = elementTypeOf(x);
  int64_t rank = xs.size(), spatial = rank - 2;
  if (rank < 3 || rank > 4 || !isa<FloatType>(element) ||
      static_cast<int64_t>(ws.size()) != rank || elementTypeOf(w) != element) {
    node.error() << "expects float X [N, C, L] or [N, C, H, W] and W of the "
                    "same rank and type, got "
                 << x.getType() << " and " << w.getType();
    return failure();
  }
  int64_t batch = xs[0], channels = xs[1], outChannels = ws[0];
  int64_t groups = node.intAttr("group", 1);
  if (groups <= 0 || channels % groups || outChannels % groups ||
      ws[1] != channels / groups) {
    node.error() << "W " << w.getType() << " does not fit " << channels
                 << " input channels in " << groups << " groups";
    return failure();
  }
  int64_t cg = channels / groups, mg = outChannels / groups;
  auto attrOr = [&](llvm::StringRef name, int64_t dflt, size_t size) {
    std::optional<llvm::SmallVector<int64_t>> v = node.intsAttr(name);
    return v ? *v : llvm::SmallVector<int64_t>(size, dflt);
  };
  llvm::SmallVector<int64_t> strides = attrOr("strides", 1, spatial);
  llvm::SmallVector<int64_t> dilations = attrOr("dilations", 1, spatial);
  llvm::SmallVector<int64_t> pads = attrOr("pads", 0, 2 * spatial);
  if (auto kernel = node.intsAttr("kernel_shape"))
    if (llvm::ArrayRef<int64_t>(*kernel) != ws.drop_front(2)) {
      node.error() << "kernel_shape does not match W " << w.getType();
      return failure();
    }
  if (static_cast<int64_t>(strides.size()) != spatial ||
      static_cast<int64_t>(dilations.size()) != spatial ||
      static_cast<int64_t>(pads.size()) != 2 * spatial ||
      llvm::any_of(strides, [](int64_t s) { return s <= 0; }) ||
      llvm::any_of(dilations, [](int64_t d) { return d <= 0; }) ||
      llvm::any_of(pads, [](int64_t p) { return p < 0; })) {
    node.error() << "strides, dilations and pads must have one positive "
                    "value per spatial dim (pads two, non-negative)";
    return failure();
  }
  std::string autoPad = node.stringAttr("auto_pad", "NOTSET");
  llvm::SmallVector<int64_t> outSize;
  for (int64_t i = 0; i < spatial; ++i) {
    int64_t in = xs[2 + i], extent = (ws[2 + i] - 1) * dilations[i] + 1;
    if (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER") {
      int64_t out = (in + strides[i] - 1) / strides[i];
      int64_t total =
          std::max<int64_t>(0, (out - 1) * strides[i] + extent - in);
      pads[i] = autoPad == "SAME_UPPER" ? total / 2 : total - total / 2;
      pads[i + spatial] = total - pads[i];
    } else if (autoPad == "VALID") {
      pads[i] = pads[i + spatial] = 0;
    } else if (autoPad != "NOTSET") {
      node.error() << "auto_pad '" << autoPad << "' is not supported";
      return failure();
    }
    int64_t padded = in + pads[i] + pads[i + spatial];
    if (padded < extent) {
      node.error() << "the kernel does not fit the padded input";
      return failure();
    }
    outSize.push_back((padded - extent) / strides[i] + 1);
  }
  OpBuilder &b = node.b();
  Location loc = node.loc();
  Value zero = scalarConstant(b, loc, element, 0);
  if (llvm::any_of(pads, [](int64_t p) { return p != 0; })) {
    llvm::SmallVector<OpFoldResult> low(2, b.getIndexAttr(0)),
        high(2, b.getIndexAttr(0));
    llvm::SmallVector<int64_t> paddedShape(xs.begin(), xs.begin() + 2);
    for (int64_t i = 0; i < spatial; ++i) {
      low.push_back(b.getIndexAttr(pads[i]));
      high.push_back(b.getIndexAttr(pads[i + spatial]));
      paddedShape.push_back(xs[2 + i] + pads[i] + pads[i + spatial]);
    }
    x = tensor::PadOp::create(b, loc,
                              RankedTensorType::get(paddedShape, element), x,
                              low, high, zero);
  }
  // Loops: n, g, m, o_0.., c, k_0..
  MLIRContext *ctx = node.context();
  int64_t loops = 4 + 2 * spatial;
  auto d = [&](int64_t i) { return getAffineDimExpr(i, ctx); };
  AffineExpr n = d(0), g = d(1), m = d(2), c = d(3 + spatial);
  llvm::SmallVector<AffineExpr> xExprs = {n, g * cg + c};
  llvm::SmallVector<AffineExpr> wExprs = {g * mg + m, c};
  llvm::SmallVector<AffineExpr> outExprs = {n, g, m};
  for (int64_t i = 0; i < spatial; ++i) {
    AffineExpr o = d(3 + i), k = d(4 + spatial + i);
    xExprs.push_back(o * strides[i] + k * dilations[i]);
    wExprs.push_back(k);
    outExprs.push_back(o);
  }
  llvm::SmallVector<int64_t> outShape = {batch, groups, mg};
  outShape.append(outSize);
  Type acc = computeType(element);
  Value init = filled(b, loc, outShape, scalarConstant(b, loc, acc, 0));
  llvm::SmallVector<utils::IteratorType> iterators(
      3 + spatial, utils::IteratorType::parallel);
  iterators.append(1 + spatial, utils::IteratorType::reduction);
  auto conv = linalg::GenericOp::create(
      b, loc, init.getType(), ValueRange{x, w}, ValueRange{init},
      llvm::ArrayRef<AffineMap>{AffineMap::get(loops, 0, xExprs, ctx),
                                AffineMap::get(loops, 0, wExprs, ctx),
                                AffineMap::get(loops, 0, outExprs, ctx)},
      iterators, [&](OpBuilder &nb, Location nl, ValueRange args) {
        Value p =
            arith::MulFOp::create(nb, nl, castScalar(nb, nl, args[0], acc),
                                  castScalar(nb, nl, args[1], acc));
        linalg::YieldOp::create(
            nb, nl, arith::AddFOp::create(nb, nl, args[2], p).getResult());
      });
  llvm::SmallVector<int64_t> finalShape = {batch, outChannels};
  finalShape.append(outSize);
  Value y = reshape(b, loc, conv.getResult(0), finalShape);
  llvm::SmallVector<Value> inputs = {y};
  if (node.hasInput(2)) {
    Value bias = node.input(2);
    if (shapeOf(bias) != llvm::ArrayRef<int64_t>{outChannels} ||
        elementTypeOf(bias) != element) {
      node.error() << "B must be [" << outChannels << "] of " << element
                   << ", got " << bias.getType();
      return failure();
    }
    // [M] read as [M, 1, ...] against [N, M, spatial...].
    llvm::SmallVector<int64_t> biasShape = {outChannels};
    biasShape.append(spatial, 1);
    inputs.push_back(reshape(b, loc, bias, biasShape));
  }
  node.setOutput(
      0, buildElementwise(b, loc, inputs, finalShape, element,
                          [&](OpBuilder &nb, Location nl, ValueRange args) {
                            Value v = castScalar(nb, nl, args[0], acc);
                            if (args.size() > 1)
                              v = arith::AddFOp::create(
                                  nb, nl, v, castScalar(nb, nl, args[1], acc));
                            return castScalar(nb, nl, v, element);
                          }));
  return success();
}

} // namespace

void mlir::seqc::onnx_import::registerConvOps(OpRegistry &registry) {
  registry.add("", "Conv", importConv);
}
