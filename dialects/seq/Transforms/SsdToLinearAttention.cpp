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

#include "dialects/seq/IR/SeqOps.h"

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

/// Builds elementwise linalg.generics over an iteration space of `rank`
/// dims, each operand read through the dims listed for it.
class ElementwiseBuilder {
public:
  ElementwiseBuilder(OpBuilder &b, Location loc) : b(b), loc(loc) {}

  /// A generic whose result is [sizes] (dims 0..rank-1 in order) and whose
  /// inputs are read at `dims[i]`.
  Value build(ArrayRef<int64_t> sizes, ValueRange inputs,
              ArrayRef<SmallVector<unsigned>> dims,
              function_ref<Value(OpBuilder &, Location, ValueRange)> fn) {
    MLIRContext *context = b.getContext();
    unsigned rank = sizes.size();
    SmallVector<AffineMap> maps;
    for (ArrayRef<unsigned> operandDims : dims) {
      SmallVector<AffineExpr> exprs;
      for (unsigned dim : operandDims)
        exprs.push_back(getAffineDimExpr(dim, context));
      maps.push_back(AffineMap::get(rank, 0, exprs, context));
    }
    maps.push_back(AffineMap::getMultiDimIdentityMap(rank, context));
    Value init = tensor::EmptyOp::create(b, loc, sizes, b.getF32Type());
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    auto generic = linalg::GenericOp::create(
        b, loc, init.getType(), inputs, ValueRange{init}, maps, iterators,
        [&](OpBuilder &nb, Location nloc, ValueRange args) {
          linalg::YieldOp::create(nb, nloc, fn(nb, nloc, args));
        });
    return generic.getResult(0);
  }

  /// `source` with its dims permuted: result dim i is source dim perm[i].
  Value transpose(Value source, ArrayRef<unsigned> perm) {
    ArrayRef<int64_t> shape =
        cast<RankedTensorType>(source.getType()).getShape();
    SmallVector<int64_t> sizes;
    for (unsigned dim : perm)
      sizes.push_back(shape[dim]);
    // Input dim d is read at the result dim that holds it.
    SmallVector<unsigned> read(perm.size());
    for (auto [resultDim, sourceDim] : llvm::enumerate(perm))
      read[sourceDim] = resultDim;
    return build(
        sizes, {source}, {read},
        [](OpBuilder &, Location, ValueRange args) { return args[0]; });
  }

private:
  OpBuilder &b;
  Location loc;
};

/// log(1 + e^x), x itself above 20 (docs/ops.md, notation).
Value softplus(OpBuilder &b, Location loc, Value x) {
  Value twenty = arith::ConstantOp::create(b, loc, b.getF32FloatAttr(20.0f));
  Value zero = arith::ConstantOp::create(b, loc, b.getF32FloatAttr(0.0f));
  Value large =
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x, twenty);
  Value safe = arith::SelectOp::create(b, loc, large, zero, x);
  Value smooth =
      math::Log1pOp::create(b, loc, math::ExpOp::create(b, loc, safe));
  return arith::SelectOp::create(b, loc, large, x, smooth);
}

void rewrite(IRRewriter &rewriter, SSDOp op, LoweringConfigAttr config) {
  Location loc = op.getLoc();
  ElementwiseBuilder eb(rewriter, loc);
  ArrayRef<int64_t> xs = op.getX().getType().getShape();
  int64_t batch = xs[0], length = xs[1], heads = xs[2], headDim = xs[3];
  int64_t groups = op.getB().getType().getDimSize(2);
  int64_t stateDim = op.getB().getType().getDimSize(3);

  // dt after bias and softplus, head-major: [B, H, L].
  SmallVector<Value> dtInputs = {op.getDt()};
  SmallVector<SmallVector<unsigned>> dtDims = {{0, 2, 1}};
  if (op.getDtBias()) {
    dtInputs.push_back(op.getDtBias());
    dtDims.push_back({1});
  }
  bool useSoftplus = op.getDtSoftplus();
  Value dt = eb.build({batch, heads, length}, dtInputs, dtDims,
                      [&](OpBuilder &nb, Location nloc, ValueRange args) {
                        Value value = args[0];
                        if (args.size() > 2)
                          value =
                              arith::AddFOp::create(nb, nloc, value, args[1]);
                        return useSoftplus ? softplus(nb, nloc, value) : value;
                      });
  // The log-gate dt A and the values dt x.
  Value gate = eb.build(
      {batch, heads, length}, {dt, op.getA()}, {{0, 1, 2}, {1}},
      [](OpBuilder &nb, Location nloc, ValueRange args) {
        return arith::MulFOp::create(nb, nloc, args[0], args[1]).getResult();
      });
  Value values = eb.build(
      {batch, heads, length, headDim}, {op.getX(), dt},
      {{0, 2, 1, 3}, {0, 1, 2}},
      [](OpBuilder &nb, Location nloc, ValueRange args) {
        return arith::MulFOp::create(nb, nloc, args[0], args[1]).getResult();
      });
  Value queries = eb.transpose(op.getC(), {0, 2, 1, 3});
  Value keys = eb.transpose(op.getB(), {0, 2, 1, 3});
  Value initial;
  if (op.getInitialState())
    initial = eb.transpose(op.getInitialState(), {0, 1, 3, 2});

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
  (void)groups;

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
  Value y = eb.build({batch, length, heads, headDim}, yInputs, yDims,
                     [](OpBuilder &nb, Location nloc, ValueRange args) {
                       Value out = args[0];
                       if (args.size() > 2)
                         out = arith::AddFOp::create(
                             nb, nloc, out,
                             arith::MulFOp::create(nb, nloc, args[2], args[1]));
                       return out;
                     });
  SmallVector<Value> results = {y};
  if (op.getFinalState())
    results.push_back(eb.transpose(attention.getFinalState(), {0, 1, 3, 2}));
  rewriter.replaceOp(op, results);
}

struct SsdToLinearAttentionPass
    : mlir::seq::impl::SsdToLinearAttentionBase<SsdToLinearAttentionPass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<SSDOp> ops;
    getOperation().walk([&](SSDOp op) {
      if (op->hasAttr(LoweringConfigAttr::name))
        ops.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (SSDOp op : ops) {
      auto config =
          dyn_cast<LoweringConfigAttr>(op->getAttr(LoweringConfigAttr::name));
      if (!config) {
        op.emitOpError("has a ") << LoweringConfigAttr::name
                                 << " that is not a #seq.lowering_config";
        return signalPassFailure();
      }
      for (Value value : op->getOperands()) {
        auto type = cast<RankedTensorType>(value.getType());
        if (!type.hasStaticShape() || !type.getElementType().isF32()) {
          op.emitOpError("has a chunked lowering config, but the chunked "
                         "form needs static f32 tensors; got ")
              << type;
          return signalPassFailure();
        }
      }
      rewriter.setInsertionPoint(op);
      rewrite(rewriter, op, config);
    }
  }
};

} // namespace
