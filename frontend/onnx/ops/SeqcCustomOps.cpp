//===- SeqcCustomOps.cpp - The seqc domain: seq ops as ONNX nodes ---------===//
//
// What standard ONNX does not cover (Mamba-1's selective scan, Mamba-2's
// SSD, Monarch matrices, grouped/gated RMSNorm) can be written into a model
// as nodes of domain "seqc" (version 1). Each maps 1:1 onto the seq op of
// the same name: inputs in the op's operand order ("" skips an optional
// one), attributes named as in docs/onnx-custom-ops.md. The seq verifier
// checks every shape relation right away, so a bad node is reported with
// its name.
//
//===----------------------------------------------------------------------===//

#include "frontend/onnx/ModelImporter.h"
#include "frontend/onnx/TensorBuilders.h"

#include "dialects/seq/IR/SeqOps.h"

#include "mlir/IR/Verifier.h"

using namespace mlir;
using namespace mlir::seqc::onnx_import;

namespace {

/// Checks input ranks before result types are derived from them.
LogicalResult checkRanks(NodeImporter &node,
                         llvm::ArrayRef<std::pair<size_t, size_t>> ranks) {
  for (auto [index, rank] : ranks)
    if (node.hasInput(index) && shapeOf(node.input(index)).size() != rank) {
      node.error() << "input #" << index << " must have rank " << rank
                   << ", got " << node.input(index).getType();
      return failure();
    }
  for (size_t i = 0; i < node.numInputs(); ++i)
    if (node.hasInput(i) && !isa<FloatType>(elementTypeOf(node.input(i)))) {
      node.error() << "input #" << i << " must be a float tensor, got "
                   << node.input(i).getType();
      return failure();
    }
  return success();
}

/// Verifies the new op now, so that its errors come with the node.
LogicalResult verifyNow(NodeImporter &node, Operation *op) {
  if (succeeded(verify(op)))
    return success();
  node.error() << "the node does not describe a valid " << op->getName();
  op->erase();
  return failure();
}

LogicalResult requireInputs(NodeImporter &node, size_t count) {
  for (size_t i = 0; i < count; ++i)
    if (failed(node.requiredInput(i)))
      return failure();
  return success();
}

LogicalResult importSelectiveScan(NodeImporter &node) {
  if (failed(node.checkAttrs({"delta_softplus"})) ||
      failed(requireInputs(node, 5)) ||
      failed(checkRanks(node, {{0, 3}, {1, 3}, {2, 2}, {8, 3}})))
    return failure();
  Value u = node.input(0), a = node.input(2);
  Type stateType;
  if (node.hasOutput(1))
    stateType =
        RankedTensorType::get({shapeOf(u)[0], shapeOf(u)[1], shapeOf(a)[1]},
                              node.hasInput(8) ? elementTypeOf(node.input(8))
                                               : node.b().getF32Type());
  auto op = seq::SelectiveScanOp::create(
      node.b(), node.loc(), u.getType(), stateType, u, node.input(1), a,
      node.input(3), node.input(4), node.input(5), node.input(6), node.input(7),
      node.input(8), node.intAttr("delta_softplus", 0) != 0);
  if (failed(verifyNow(node, op)))
    return failure();
  node.setOutput(0, op.getOut());
  if (node.hasOutput(1))
    node.setOutput(1, op.getFinalState());
  return success();
}

LogicalResult importSSD(NodeImporter &node) {
  if (failed(node.checkAttrs({"dt_softplus", "chunk_size"})) ||
      failed(requireInputs(node, 5)) ||
      failed(checkRanks(node, {{0, 4}, {1, 3}, {3, 4}, {7, 4}})))
    return failure();
  Value x = node.input(0), bm = node.input(3);
  Type stateType;
  if (node.hasOutput(1))
    stateType = RankedTensorType::get(
        {shapeOf(x)[0], shapeOf(x)[2], shapeOf(x)[3], shapeOf(bm)[3]},
        node.hasInput(7) ? elementTypeOf(node.input(7))
                         : node.b().getF32Type());
  int64_t chunk = node.intAttr("chunk_size", 256);
  auto op = seq::SSDOp::create(node.b(), node.loc(), x.getType(), stateType, x,
                               node.input(1), node.input(2), bm, node.input(4),
                               node.input(5), node.input(6), node.input(7),
                               node.intAttr("dt_softplus", 0) != 0,
                               static_cast<uint64_t>(chunk));
  if (failed(verifyNow(node, op)))
    return failure();
  node.setOutput(0, op.getY());
  if (node.hasOutput(1))
    node.setOutput(1, op.getFinalState());
  return success();
}

LogicalResult importMonarchMatMul(NodeImporter &node) {
  if (failed(node.checkAttrs({})) || failed(requireInputs(node, 2)) ||
      failed(checkRanks(node, {{1, 3}, {2, 3}})))
    return failure();
  Value x = node.input(0);
  if (shapeOf(x).empty()) {
    node.error() << "x must have rank >= 1";
    return failure();
  }
  // y: [..., s*l] with w2 [l, s, r], or [..., k*q] with w1 [k, q, p] alone.
  llvm::ArrayRef<int64_t> last =
      node.hasInput(2) ? shapeOf(node.input(2)) : shapeOf(node.input(1));
  llvm::SmallVector<int64_t> shape(shapeOf(x));
  shape.back() = last[0] * last[1];
  auto op = seq::MonarchMatmulOp::create(
      node.b(), node.loc(), RankedTensorType::get(shape, elementTypeOf(x)), x,
      node.input(1), node.input(2));
  if (failed(verifyNow(node, op)))
    return failure();
  node.setOutput(0, op.getY());
  return success();
}

LogicalResult importRMSNorm(NodeImporter &node) {
  if (failed(node.checkAttrs({"epsilon", "groups"})) ||
      failed(requireInputs(node, 2)) || failed(checkRanks(node, {{1, 1}})))
    return failure();
  Value x = node.input(0);
  OpBuilder &b = node.b();
  auto op = seq::RMSNormOp::create(
      b, node.loc(), x.getType(), x, node.input(1), node.input(2),
      b.getF32FloatAttr(node.floatAttr("epsilon", 1e-5f)),
      b.getI64IntegerAttr(node.intAttr("groups", 1)));
  if (failed(verifyNow(node, op)))
    return failure();
  node.setOutput(0, op.getY());
  return success();
}

} // namespace

void mlir::seqc::onnx_import::registerSeqcCustomOps(OpRegistry &registry) {
  registry.add("seqc", "SelectiveScan", importSelectiveScan);
  registry.add("seqc", "SSD", importSSD);
  registry.add("seqc", "MonarchMatMul", importMonarchMatMul);
  registry.add("seqc", "RMSNorm", importRMSNorm);
}
