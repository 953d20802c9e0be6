//===- ChunkLinearAttention.cpp - The chunked form of linear attention ----===//
//
// docs/ops.md, section 3: within a chunk of C steps the recurrence
// S_t = exp(g_t) S_{t-1} + k_t^T v_t unrolls into products of [C, K],
// [C, C] and [K, V] matrices, and only the chunk's final state is carried
// to the next chunk. The products run in the matmul kernels of the CPU
// codegen instead of a K x V state update per step.
//
//===----------------------------------------------------------------------===//

#include "dialects/seq/Transforms/Passes.h"

#include "dialects/seq/IR/SeqOps.h"
#include "dialects/seq/Transforms/ChunkingPreconditions.h"
#include "dialects/seq/Transforms/ElementwiseBuilders.h"

#include "mlir/Dialect/Utils/StructuredOpsUtils.h"
#include "mlir/IR/AffineMap.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::seq {
#define GEN_PASS_DEF_CHUNKLINEARATTENTION
#include "dialects/seq/Transforms/Passes.h.inc"
} // namespace mlir::seq

using namespace mlir;
using namespace mlir::seq;

namespace {

/// Builds the chunked form of one seq.linear_attention whose shapes are
/// static and whose operands are f32 (seq-select-chunking checks both).
class ChunkedBuilder {
public:
  ChunkedBuilder(OpBuilder &builder, LinearAttentionOp op, int64_t chunk)
      : b(builder), loc(op.getLoc()), op(op), chunk(chunk),
        decay(op.getDecay()), scale(op.getScaleOrDefault()) {
    ArrayRef<int64_t> q = op.getQ().getType().getShape();
    batch = q[0];
    queryHeads = q[1];
    length = q[2];
    keyDim = q[3];
    keyHeads = op.getK().getType().getDimSize(1);
    valueHeads = op.getV().getType().getDimSize(1);
    valueDim = op.getV().getType().getDimSize(3);
    stateHeads = std::max(keyHeads, valueHeads);
    outHeads = std::max(queryHeads, stateHeads);
    queriesPerState = outHeads / stateHeads;
  }

  /// The chunked form's results: the output and the final state.
  std::pair<Value, Value> build();

private:
  Value index(int64_t value) {
    return arith::ConstantIndexOp::create(b, loc, value);
  }
  Value f32(double value) {
    return arith::ConstantOp::create(b, loc, b.getF32FloatAttr(value));
  }
  Value zeros(ArrayRef<int64_t> shape) {
    Value empty = tensor::EmptyOp::create(b, loc, shape, b.getF32Type());
    return linalg::FillOp::create(b, loc, f32(0.0), empty).getResult(0);
  }
  /// `index / ratio` (the head of a shared operand), folded for ratio 1.
  Value divide(Value value, int64_t ratio) {
    if (ratio == 1)
      return value;
    return arith::DivUIOp::create(b, loc, value, index(ratio));
  }
  /// The slice of `source` at `offsets` with `sizes`, keeping only the
  /// dims in `kept` (the others have size 1).
  Value slice(Value source, ArrayRef<OpFoldResult> offsets,
              ArrayRef<int64_t> sizes, ArrayRef<int64_t> kept);
  /// acc + lhs * rhs over the iteration space (i, j, r) with i, j the dims
  /// of the [I, J] accumulator and r the reduction: a contraction that the
  /// CPU codegen hands to its matmul kernels.
  Value contract(Value lhs, AffineMap lhsMap, Value rhs, AffineMap rhsMap,
                 Value acc);
  /// scale exp(logDecay), or scale alone for a null `logDecay` (decay<none>):
  /// the factor of every decayed product, built in a generic's body.
  Value scaledDecay(OpBuilder &nb, Location nloc, Value logDecay) const {
    Value factor =
        arith::ConstantOp::create(nb, nloc, nb.getF32FloatAttr(scale));
    if (!logDecay)
      return factor;
    return arith::MulFOp::create(nb, nloc, factor,
                                 math::ExpOp::create(nb, nloc, logDecay));
  }
  /// The cumulative log-decay of the `steps` steps from `start` ([steps]),
  /// or null for decay<none>.
  Value cumulativeDecay(Value gateRow, Value gamma, Value start, int64_t steps);
  /// One chunk of `steps` steps from `start`: writes the chunk's outputs of
  /// every query head into `outRows` and returns it with the next state.
  std::pair<Value, Value> chunkStep(Value start, int64_t steps, Value qRows,
                                    Value kRow, Value vRow, Value gateRow,
                                    Value gamma, Value state, Value outRows);

  OpBuilder &b;
  Location loc;
  LinearAttentionOp op;
  int64_t chunk;
  DecayKind decay;
  float scale;
  int64_t batch, queryHeads, keyHeads, valueHeads, stateHeads, outHeads;
  int64_t length, keyDim, valueDim, queriesPerState;
};

Value ChunkedBuilder::slice(Value source, ArrayRef<OpFoldResult> offsets,
                            ArrayRef<int64_t> sizes, ArrayRef<int64_t> kept) {
  SmallVector<int64_t> shape;
  for (int64_t dim : kept)
    shape.push_back(sizes[dim]);
  auto type = RankedTensorType::get(shape, b.getF32Type());
  SmallVector<OpFoldResult> sizeValues, strides;
  for (int64_t size : sizes) {
    sizeValues.push_back(b.getIndexAttr(size));
    strides.push_back(b.getIndexAttr(1));
  }
  return tensor::ExtractSliceOp::create(b, loc, type, source, offsets,
                                        sizeValues, strides);
}

Value ChunkedBuilder::contract(Value lhs, AffineMap lhsMap, Value rhs,
                               AffineMap rhsMap, Value acc) {
  MLIRContext *context = b.getContext();
  AffineMap accMap =
      AffineMap::getMultiDimIdentityMap(3, context).getSubMap({0, 1});
  SmallVector<utils::IteratorType> iterators = {utils::IteratorType::parallel,
                                                utils::IteratorType::parallel,
                                                utils::IteratorType::reduction};
  auto generic = linalg::GenericOp::create(
      b, loc, acc.getType(), ValueRange{lhs, rhs}, ValueRange{acc},
      ArrayRef<AffineMap>{lhsMap, rhsMap, accMap}, iterators,
      [](OpBuilder &nb, Location nloc, ValueRange args) {
        Value product = arith::MulFOp::create(nb, nloc, args[0], args[1]);
        Value sum = arith::AddFOp::create(nb, nloc, args[2], product);
        linalg::YieldOp::create(nb, nloc, sum);
      });
  return generic.getResult(0);
}

Value ChunkedBuilder::cumulativeDecay(Value gateRow, Value gamma, Value start,
                                      int64_t steps) {
  if (decay == DecayKind::None)
    return nullptr;
  if (decay == DecayKind::Fixed) {
    // b_t = (t + 1) log(gamma): exact, no running sum.
    return buildElementwise(
        b, loc, {steps}, {}, {}, [&](OpBuilder &nb, Location nloc, ValueRange) {
          Value t = linalg::IndexOp::create(nb, nloc, 0);
          Value count = arith::AddIOp::create(
              nb, nloc, t, arith::ConstantIndexOp::create(nb, nloc, 1));
          Value asInt =
              arith::IndexCastUIOp::create(nb, nloc, nb.getI64Type(), count);
          Value asFloat =
              arith::UIToFPOp::create(nb, nloc, nb.getF32Type(), asInt);
          return arith::MulFOp::create(nb, nloc, asFloat, gamma).getResult();
        });
  }
  // A running sum over the chunk, in step order as the recurrence adds
  // them (C scalar additions: nothing next to the chunk's products).
  Value gates = slice(gateRow, {start}, {steps}, {0});
  Value empty =
      tensor::EmptyOp::create(b, loc, ArrayRef<int64_t>{steps}, b.getF32Type());
  auto loop = scf::ForOp::create(
      b, loc, index(0), index(steps), index(1), ValueRange{f32(0.0), empty},
      [&](OpBuilder &nb, Location nloc, Value t, ValueRange carried) {
        Value g = tensor::ExtractOp::create(nb, nloc, gates, t);
        Value sum = arith::AddFOp::create(nb, nloc, carried[0], g);
        Value row = tensor::InsertOp::create(nb, nloc, sum, carried[1], t);
        scf::YieldOp::create(nb, nloc, ValueRange{sum, row});
      });
  return loop.getResult(1);
}

std::pair<Value, Value> ChunkedBuilder::chunkStep(Value start, int64_t steps,
                                                  Value qRows, Value kRow,
                                                  Value vRow, Value gateRow,
                                                  Value gamma, Value state,
                                                  Value outRows) {
  MLIRContext *context = b.getContext();
  auto map = [&](unsigned rank, ArrayRef<unsigned> dims) {
    return projectionMap(rank, dims, context);
  };
  Value zero = index(0);
  Value keys = slice(kRow, {start, zero}, {steps, keyDim}, {0, 1});
  Value values = slice(vRow, {start, zero}, {steps, valueDim}, {0, 1});
  Value cumulative = cumulativeDecay(gateRow, gamma, start, steps);
  Value last;
  if (cumulative)
    last = tensor::ExtractOp::create(b, loc, cumulative,
                                     ValueRange{index(steps - 1)});

  // The outputs of one query head: the intra-chunk products against this
  // chunk's keys, then the queries against the state entering the chunk.
  auto headOutputs = [&](Value r, Value rows) -> Value {
    Value queries = slice(qRows, {r, start, zero}, {1, steps, keyDim}, {1, 2});
    // scores[t, s] = q_t . k_s
    Value scores = contract(queries, map(3, {0, 2}), keys, map(3, {1, 2}),
                            zeros({steps, steps}));
    // weights[t, s] = s <= t ? scale exp(b_t - b_s) scores[t, s] : 0
    SmallVector<Value> weightInputs = {scores};
    SmallVector<SmallVector<unsigned>> weightDims = {{0, 1}};
    if (cumulative) {
      weightInputs.append({cumulative, cumulative});
      weightDims.append({{0}, {1}});
    }
    Value weights = buildElementwise(
        b, loc, {steps, steps}, weightInputs, weightDims,
        [&](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
          Value diff;
          if (cumulative)
            diff = arith::SubFOp::create(nb, nloc, args[1], args[2]);
          Value weighted = arith::MulFOp::create(nb, nloc, args[0],
                                                 scaledDecay(nb, nloc, diff));
          Value t = linalg::IndexOp::create(nb, nloc, 0);
          Value s = linalg::IndexOp::create(nb, nloc, 1);
          Value causal =
              arith::CmpIOp::create(nb, nloc, arith::CmpIPredicate::ule, s, t);
          Value none =
              arith::ConstantOp::create(nb, nloc, nb.getF32FloatAttr(0.0f));
          return arith::SelectOp::create(nb, nloc, causal, weighted, none);
        });
    // o = weights v
    Value out = contract(weights, map(3, {0, 2}), values, map(3, {2, 1}),
                         zeros({steps, valueDim}));
    // o += (scale exp(b_t) q_t) S
    SmallVector<Value> scaledInputs = {queries};
    SmallVector<SmallVector<unsigned>> scaledDims = {{0, 1}};
    if (cumulative) {
      scaledInputs.push_back(cumulative);
      scaledDims.push_back({0});
    }
    Value scaled = buildElementwise(
        b, loc, {steps, keyDim}, scaledInputs, scaledDims,
        [&](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
          return arith::MulFOp::create(
              nb, nloc, args[0],
              scaledDecay(nb, nloc, cumulative ? args[1] : Value()));
        });
    out = contract(scaled, map(3, {0, 2}), state, map(3, {2, 1}), out);
    SmallVector<OpFoldResult> offsets = {r, start, b.getIndexAttr(0)};
    SmallVector<OpFoldResult> sizes = {b.getIndexAttr(1), b.getIndexAttr(steps),
                                       b.getIndexAttr(valueDim)};
    SmallVector<OpFoldResult> strides(3, b.getIndexAttr(1));
    return tensor::InsertSliceOp::create(b, loc, out, rows, offsets, sizes,
                                         strides);
  };

  if (queriesPerState == 1) {
    outRows = headOutputs(zero, outRows);
  } else {
    auto loop = scf::ForOp::create(
        b, loc, zero, index(queriesPerState), index(1), ValueRange{outRows},
        [&](OpBuilder &nb, Location, Value r, ValueRange carried) {
          OpBuilder::InsertionGuard guard(b);
          b.setInsertionPointToEnd(nb.getInsertionBlock());
          scf::YieldOp::create(b, loc, headOutputs(r, carried[0]));
        });
    outRows = loop.getResult(0);
  }

  // S = exp(bC) S + (exp(bC - b_s) k_s)^T v_s
  Value decayedState = state, decayedKeys = keys;
  if (cumulative) {
    // The chunk's whole decay, once for all K x V entries.
    Value chunkDecay = math::ExpOp::create(b, loc, last);
    decayedState = buildElementwise(
        b, loc, {keyDim, valueDim}, {state}, {{0, 1}},
        [&](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
          return arith::MulFOp::create(nb, nloc, args[0], chunkDecay);
        });
    decayedKeys = buildElementwise(
        b, loc, {steps, keyDim}, {keys, cumulative}, {{0, 1}, {0}},
        [&](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
          Value toEnd = arith::SubFOp::create(nb, nloc, last, args[1]);
          return arith::MulFOp::create(nb, nloc, args[0],
                                       math::ExpOp::create(nb, nloc, toEnd));
        });
  }
  Value next = contract(decayedKeys, map(3, {2, 0}), values, map(3, {2, 1}),
                        decayedState);
  return {next, outRows};
}

std::pair<Value, Value> ChunkedBuilder::build() {
  Value outInit = tensor::EmptyOp::create(
      b, loc, ArrayRef<int64_t>{batch, outHeads, length, valueDim},
      b.getF32Type());
  Value stateInit = tensor::EmptyOp::create(
      b, loc, ArrayRef<int64_t>{batch, stateHeads, keyDim, valueDim},
      b.getF32Type());
  SmallVector<OpFoldResult> bounds = {b.getIndexAttr(batch),
                                      b.getIndexAttr(stateHeads)};
  auto forall = scf::ForallOp::create(
      b, loc, bounds, ValueRange{outInit, stateInit}, std::nullopt);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPoint(forall.getTerminator());
  Value bi = forall.getInductionVar(0), si = forall.getInductionVar(1);
  Value zero = index(0);

  Value kHead = divide(si, stateHeads / keyHeads);
  Value vHead = divide(si, stateHeads / valueHeads);
  Value firstOut =
      queriesPerState == 1
          ? si
          : arith::MulIOp::create(b, loc, si, index(queriesPerState))
                .getResult();
  Value qHead = divide(firstOut, outHeads / queryHeads);
  Value kRow =
      slice(op.getK(), {bi, kHead, zero, zero}, {1, 1, length, keyDim}, {2, 3});
  Value vRow = slice(op.getV(), {bi, vHead, zero, zero},
                     {1, 1, length, valueDim}, {2, 3});
  Value qRows = slice(op.getQ(), {bi, qHead, zero, zero},
                      {1, queriesPerState, length, keyDim}, {1, 2, 3});
  Value gateRow, gamma;
  if (decay == DecayKind::Scalar)
    gateRow = slice(op.getGate(), {bi, si, zero}, {1, 1, length}, {2});
  if (decay == DecayKind::Fixed)
    gamma = tensor::ExtractOp::create(b, loc, op.getGate(), ValueRange{si});
  Value state = op.getInitialState()
                    ? slice(op.getInitialState(), {bi, si, zero, zero},
                            {1, 1, keyDim, valueDim}, {2, 3})
                    : zeros({keyDim, valueDim});
  Value sharedOut = forall.getRegionIterArgs()[0];
  Value outRows = slice(sharedOut, {bi, firstOut, zero, zero},
                        {1, queriesPerState, length, valueDim}, {1, 2, 3});

  int64_t fullChunks = length / chunk, rest = length % chunk;
  if (fullChunks > 0) {
    auto loop = scf::ForOp::create(
        b, loc, zero, index(fullChunks), index(1), ValueRange{state, outRows},
        [&](OpBuilder &nb, Location, Value c, ValueRange carried) {
          OpBuilder::InsertionGuard inner(b);
          b.setInsertionPointToEnd(nb.getInsertionBlock());
          Value start = arith::MulIOp::create(b, loc, c, index(chunk));
          auto [next, rows] = chunkStep(start, chunk, qRows, kRow, vRow,
                                        gateRow, gamma, carried[0], carried[1]);
          scf::YieldOp::create(b, loc, ValueRange{next, rows});
        });
    state = loop.getResult(0);
    outRows = loop.getResult(1);
  }
  if (rest > 0)
    std::tie(state, outRows) =
        chunkStep(index(fullChunks * chunk), rest, qRows, kRow, vRow, gateRow,
                  gamma, state, outRows);

  b.setInsertionPointToStart(forall.getTerminator().getBody());
  auto ones = [&](unsigned n) {
    return SmallVector<OpFoldResult>(n, b.getIndexAttr(1));
  };
  auto sizes = [&](ArrayRef<int64_t> values) {
    SmallVector<OpFoldResult> result;
    for (int64_t value : values)
      result.push_back(b.getIndexAttr(value));
    return result;
  };
  tensor::ParallelInsertSliceOp::create(
      b, loc, outRows, sharedOut,
      SmallVector<OpFoldResult>{bi, firstOut, zero, zero},
      sizes({1, queriesPerState, length, valueDim}), ones(4));
  tensor::ParallelInsertSliceOp::create(
      b, loc, state, forall.getRegionIterArgs()[1],
      SmallVector<OpFoldResult>{bi, si, zero, zero},
      sizes({1, 1, keyDim, valueDim}), ones(4));
  return {forall.getResult(0), forall.getResult(1)};
}

struct ChunkLinearAttentionPass
    : mlir::seq::impl::ChunkLinearAttentionBase<ChunkLinearAttentionPass> {
  using Base::Base;

  void runOnOperation() override {
    // The dialect verifier has checked that every seq.lowering_config is a
    // LoweringConfigAttr.
    SmallVector<std::pair<LinearAttentionOp, LoweringConfigAttr>> ops;
    getOperation().walk([&](LinearAttentionOp op) {
      if (auto config =
              op->getAttrOfType<LoweringConfigAttr>(LoweringConfigAttr::name))
        ops.push_back({op, config});
    });
    IRRewriter rewriter(&getContext());
    for (auto [op, config] : ops) {
      if (failed(checkSupported(op)))
        return signalPassFailure();
      rewriter.setInsertionPoint(op);
      ChunkedBuilder builder(rewriter, op, config.getChunkSize());
      auto [out, state] = builder.build();
      SmallVector<Value> results = {out};
      if (op.getFinalState())
        results.push_back(state);
      rewriter.replaceOp(op, results);
    }
  }

  /// A config on an op that the chunked form does not cover is an error,
  /// not a silent fallback: it was pinned by hand or by a wrong strategy.
  LogicalResult checkSupported(LinearAttentionOp op) {
    if (op.getUpdate() != UpdateRule::Additive)
      return op.emitOpError(
          "has a chunked lowering config, but the chunked form of the delta "
          "rule is not implemented (it stays recurrent without a config)");
    if (op.getDecay() == DecayKind::Vector)
      return op.emitOpError(
          "has a chunked lowering config, but the chunked form of decay "
          "<vector> is not implemented (it stays recurrent without a "
          "config)");
    return verifyStaticF32Tensors(op);
  }
};

} // namespace
