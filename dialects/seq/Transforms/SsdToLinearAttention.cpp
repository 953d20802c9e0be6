//===- SsdToLinearAttention.cpp - SSD as scalar-decay linear attention ----===//
//
// docs/ops.md, sections 2 and 3: the SSD recurrence h_t = exp(dt A) h_{t-1}
// + dt x_t (outer) B_t, y_t = h_t C_t is linear attention with q = C,
// k = B, v = dt x, log-gate dt A (decay<scalar>), scale 1, and the state
// transposed ([N, P] instead of [P, N]); groups are shared key and query
// heads. An SSD that the strategy chose to chunk is rewritten into that
// form (carrying its config), so seq-chunk-linear-attention gives it the
// chunked form of section 2.
//
//===----------------------------------------------------------------------===//

#include "dialects/seq/Transforms/Passes.h"

#include "dialects/seq/IR/ScalarFunctions.h"
#include "dialects/seq/IR/SeqOps.h"
#include "dialects/seq/Transforms/ChunkingPreconditions.h"
#include "dialects/seq/Transforms/ElementwiseBuilders.h"

#include "mlir/Dialect/Utils/StructuredOpsUtils.h"
#include "mlir/IR/AffineMap.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::seq {
#define GEN_PASS_DEF_SSDTOLINEARATTENTION
#include "dialects/seq/Transforms/Passes.h.inc"
} // namespace mlir::seq

using namespace mlir;
using namespace mlir::seq;

namespace {

void rewrite(IRRewriter &rewriter, SSDOp op, LoweringConfigAttr config) {
  Location loc = op.getLoc();
  ArrayRef<int64_t> xs = op.getX().getType().getShape();
  int64_t batch = xs[0], length = xs[1], heads = xs[2], headDim = xs[3];
  int64_t stateDim = op.getB().getType().getDimSize(3);

  // dt after bias and softplus, head-major: [B, H, L].
  SmallVector<Value> dtInputs = {op.getDt()};
  SmallVector<SmallVector<unsigned>> dtDims = {{0, 2, 1}};
  if (op.getDtBias()) {
    dtInputs.push_back(op.getDtBias());
    dtDims.push_back({1});
  }
  bool useSoftplus = op.getDtSoftplus();
  Value dt = buildElementwise(
      rewriter, loc, {batch, heads, length}, dtInputs, dtDims,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        Value value = args[0];
        if (args.size() > 2)
          value = arith::AddFOp::create(nb, nloc, value, args[1]);
        return useSoftplus ? buildSoftplus(nb, nloc, value) : value;
      });
  // The log-gate dt A and the values dt x.
  Value gate = buildElementwise(
      rewriter, loc, {batch, heads, length}, {dt, op.getA()}, {{0, 1, 2}, {1}},
      [](OpBuilder &nb, Location nloc, ValueRange args) {
        return arith::MulFOp::create(nb, nloc, args[0], args[1]).getResult();
      });
  Value values = buildElementwise(
      rewriter, loc, {batch, heads, length, headDim}, {op.getX(), dt},
      {{0, 2, 1, 3}, {0, 1, 2}},
      [](OpBuilder &nb, Location nloc, ValueRange args) {
        return arith::MulFOp::create(nb, nloc, args[0], args[1]).getResult();
      });
  Value queries = buildTranspose(rewriter, loc, op.getC(), {0, 2, 1, 3});
  Value keys = buildTranspose(rewriter, loc, op.getB(), {0, 2, 1, 3});
  Value initial;
  if (op.getInitialState())
    initial = buildTranspose(rewriter, loc, op.getInitialState(), {0, 1, 3, 2});

  auto f32 = rewriter.getF32Type();
  auto outType = RankedTensorType::get({batch, heads, length, headDim}, f32);
  Type stateType;
  if (op.getFinalState())
    stateType = RankedTensorType::get({batch, heads, stateDim, headDim}, f32);
  auto attention = LinearAttentionOp::create(
      rewriter, loc, outType, stateType, queries, keys, values, gate,
      /*beta=*/Value(), initial, DecayKind::Scalar, UpdateRule::Additive,
      rewriter.getF32FloatAttr(1.0f), config.getChunkSize());
  attention->setAttr(LoweringConfigAttr::name, config);

  // y = o (back to [B, L, H, P]) + D x.
  SmallVector<Value> yInputs = {attention.getOut()};
  SmallVector<SmallVector<unsigned>> yDims = {{0, 2, 1, 3}};
  if (Value skip = op.getD()) {
    yInputs.append({op.getX(), skip});
    yDims.push_back({0, 1, 2, 3});
    if (cast<RankedTensorType>(skip.getType()).getRank() == 1)
      yDims.push_back({2});
    else
      yDims.push_back({2, 3});
  }
  Value y = buildElementwise(
      rewriter, loc, {batch, length, heads, headDim}, yInputs, yDims,
      [](OpBuilder &nb, Location nloc, ValueRange args) {
        Value out = args[0];
        if (args.size() > 2)
          out = arith::AddFOp::create(
              nb, nloc, out, arith::MulFOp::create(nb, nloc, args[2], args[1]));
        return out;
      });
  SmallVector<Value> results = {y};
  if (op.getFinalState())
    results.push_back(
        buildTranspose(rewriter, loc, attention.getFinalState(), {0, 1, 3, 2}));
  rewriter.replaceOp(op, results);
}

struct SsdToLinearAttentionPass
    : mlir::seq::impl::SsdToLinearAttentionBase<SsdToLinearAttentionPass> {
  using Base::Base;

  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    for (auto [op, config] : configuredOps<SSDOp>(getOperation())) {
      if (failed(verifyStaticF32Tensors(op)))
        return signalPassFailure();
      rewriter.setInsertionPoint(op);
      rewrite(rewriter, op, config);
    }
  }
};

} // namespace
