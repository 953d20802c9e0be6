//===- LinearAttentionToLoops.cpp - Linear attention to loops -------------===//
//
// Lowers seq.linear_attention (docs/ops.md §3) and its step form. Every
// value column v of a [K, V] state evolves on its own, for the additive
// and the delta rule alike:
//
//   additive: S[:, v] = d (.) S[:, v] + k_t * v_t[v]
//   delta:    S'      = d (.) S[:, v];  S[:, v] = S' + beta k_t (v_t[v] - k_t .
//   S')
//
// so the parallel rows are (batch, state head, value column), each carrying
// a K-vector of state in f32 along time. A row writes the outputs of every
// output head that reads its state: o_t[v] = scale * q_t . S[:, v].
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/SeqToLinalg/LoweringBuilder.h"
#include "compiler/Conversion/SeqToLinalg/ParallelRows.h"
#include "compiler/Conversion/SeqToLinalg/SeqToLinalg.h"
#include "dialects/seq/IR/SeqOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::seqc;

namespace {

/// Which heads a state row (b, s) reads and feeds.
struct HeadMap {
  Value keyHead, valueHead; // s / (Hs/Hk), s / (Hs/Hv)
  Value outputsPerState;    // Ho / Hs
  Value outputsPerQuery;    // Ho / Hq
  Value firstOutput;        // s * (Ho / Hs)
};

HeadMap mapHeads(LoweringBuilder &lb, Value s, Value queryHeads, Value keyHeads,
                 Value valueHeads, Value outputHeads) {
  OpBuilder &b = lb.builder();
  Location loc = lb.location();
  // Folded as they are built, so that static head counts give static slice
  // shapes.
  auto div = [&](Value x, Value y) {
    return b.createOrFold<arith::DivUIOp>(loc, x, y);
  };
  Value stateHeads = b.createOrFold<arith::MaxUIOp>(loc, keyHeads, valueHeads);
  HeadMap map;
  map.keyHead = div(s, div(stateHeads, keyHeads));
  map.valueHead = div(s, div(stateHeads, valueHeads));
  map.outputsPerState = div(outputHeads, stateHeads);
  map.outputsPerQuery = div(outputHeads, queryHeads);
  map.firstOutput = b.createOrFold<arith::MulIOp>(loc, s, map.outputsPerState);
  return map;
}

/// The decay of one step: `perKey(k)` gives d_k; null when there is none.
struct StepDecay {
  Value uniform;                     // fixed/scalar: one d for all k
  function_ref<Value(Value)> perKey; // vector: d_k
  Value at(Value k) const { return perKey ? perKey(k) : uniform; }
  bool any() const { return uniform || perKey; }
};

/// One step of a state column; returns the new column.
Value updateColumn(LoweringBuilder &lb, Value column, Value keyDim,
                   const StepDecay &decay, function_ref<Value(Value)> keyAt,
                   Value value, Value beta) {
  auto decayed = [&](Value s, Value k) {
    return decay.any() ? lb.mul(decay.at(k), s) : s;
  };
  if (!beta) {
    return lb.forLoop(keyDim, {column},
                      [&](Value k, ValueRange carried) -> SmallVector<Value> {
                        Value s = decayed(lb.load(carried[0], k), k);
                        Value next = lb.add(s, lb.mul(keyAt(k), value));
                        return {lb.store(next, carried[0], k)};
                      })[0];
  }
  // Delta rule: decay first and read k . S' on the way, then correct.
  ValueRange first =
      lb.forLoop(keyDim, {column, lb.constant(0.0)},
                 [&](Value k, ValueRange carried) -> SmallVector<Value> {
                   Value s = decayed(lb.load(carried[0], k), k);
                   return {lb.store(s, carried[0], k),
                           lb.add(carried[1], lb.mul(keyAt(k), s))};
                 });
  Value correction = lb.mul(beta, lb.sub(value, first[1]));
  return lb.forLoop(keyDim, {first[0]},
                    [&](Value k, ValueRange carried) -> SmallVector<Value> {
                      Value s = lb.load(carried[0], k);
                      Value next = lb.add(s, lb.mul(keyAt(k), correction));
                      return {lb.store(next, carried[0], k)};
                    })[0];
}

/// scale * q . column.
Value readColumn(LoweringBuilder &lb, Value column, Value keyDim,
                 function_ref<Value(Value)> queryAt, Value scale) {
  ValueRange dot = lb.forLoop(
      keyDim, {lb.constant(0.0)},
      [&](Value k, ValueRange carried) -> SmallVector<Value> {
        return {lb.add(carried[0], lb.mul(queryAt(k), lb.load(column, k)))};
      });
  return lb.mul(scale, dot[0]);
}

/// The query head of output `firstOutput + oo`.
Value queryHeadOf(LoweringBuilder &lb, const HeadMap &heads, Value oo) {
  OpBuilder &b = lb.builder();
  Value o = b.createOrFold<arith::AddIOp>(lb.location(), heads.firstOutput, oo);
  return b.createOrFold<arith::DivUIOp>(lb.location(), o,
                                        heads.outputsPerQuery);
}

/// Writes the outputs of every output head that reads this state into
/// `slab` through `write(oo, slab)`: a loop over them, or one write when
/// there is exactly one (the common case, and no loop to simplify later).
Value writeOutputs(LoweringBuilder &lb, const HeadMap &heads, Value slab,
                   function_ref<Value(Value, Value)> write) {
  std::optional<int64_t> count = getConstantIntValue(heads.outputsPerState);
  if (count && *count == 1)
    return write(lb.index(0), slab);
  return lb.forLoop(heads.outputsPerState, {slab},
                    [&](Value oo, ValueRange carried) -> SmallVector<Value> {
                      return {write(oo, carried[0])};
                    })[0];
}

/// The uniform decay exp(g) of a fixed or scalar gate, read at `indices`.
Value uniformDecay(LoweringBuilder &lb, seq::DecayKind kind, Value gate,
                   ValueRange scalarIndices, Value stateHead) {
  if (kind == seq::DecayKind::Fixed)
    return lb.exp(lb.load(gate, stateHead));
  if (kind == seq::DecayKind::Scalar)
    return lb.exp(lb.load(gate, scalarIndices));
  return Value();
}

OpFoldResult one(OpBuilder &b) { return b.getIndexAttr(1); }
OpFoldResult zero(OpBuilder &b) { return b.getIndexAttr(0); }

/// The state column (b, s, :, v) in the compute type, or zeros.
Value initialColumn(LoweringBuilder &lb, Value state, Value b, Value s, Value v,
                    OpFoldResult keyDim) {
  if (!state)
    return lb.filled({keyDim}, lb.computeType(), 0.0);
  OpBuilder &builder = lb.builder();
  Value column =
      extractRow(builder, lb.location(), state, {b, s, zero(builder), v},
                 {one(builder), one(builder), keyDim, one(builder)},
                 /*rowDim=*/2);
  return lb.convertTensor(column, lb.computeType());
}

struct LinearAttentionLowering : OpRewritePattern<seq::LinearAttentionOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(seq::LinearAttentionOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    LoweringBuilder lb(rewriter, loc, elementTypeOf(op.getQ()));
    Value q = op.getQ(), k = op.getK(), v = op.getV(), gate = op.getGate();
    Value out = op.getOut();
    SmallVector<OpFoldResult> vSizes = lb.sizes(v); // B, Hv, L, V
    SmallVector<OpFoldResult> kSizes = lb.sizes(k); // B, Hk, L, K
    OpFoldResult keyDimOfr = kSizes[3];
    Value keyDim = lb.dim(k, 3), length = lb.dim(q, 2);
    Value stateHeads =
        rewriter.createOrFold<arith::MaxUIOp>(loc, lb.dim(k, 1), lb.dim(v, 1));
    Value scale = lb.constant(op.getScaleOrDefault());
    seq::DecayKind decayKind = op.getDecay();

    // Sizes come from the operands: the op's own results are being
    // replaced.
    Value outputHeads =
        rewriter.createOrFold<arith::MaxUIOp>(loc, lb.dim(q, 1), stateHeads);
    SmallVector<OpFoldResult> outSizes = lb.sizes(q);
    outSizes[1] = getAsOpFoldResult(outputHeads);
    outSizes[3] = vSizes[3];
    SmallVector<Value> outputs = {lb.empty(outSizes, elementTypeOf(out))};
    if (Value final = op.getFinalState())
      outputs.push_back(lb.empty(
          {vSizes[0], getAsOpFoldResult(stateHeads), keyDimOfr, vSizes[3]},
          elementTypeOf(final)));

    ValueRange results = buildParallelRows(
        rewriter, loc, {vSizes[0], getAsOpFoldResult(stateHeads), vSizes[3]},
        outputs,
        [&](ValueRange ivs, ValueRange shared) -> SmallVector<RowSlice> {
          Value b = ivs[0], s = ivs[1], col = ivs[2];
          HeadMap heads = mapHeads(lb, s, lb.dim(q, 1), lb.dim(k, 1),
                                   lb.dim(v, 1), outputHeads);
          Value column =
              initialColumn(lb, op.getInitialState(), b, s, col, keyDimOfr);
          SmallVector<OpFoldResult> slabOffsets = {b, heads.firstOutput,
                                                   zero(rewriter), col};
          SmallVector<OpFoldResult> slabSizes = {
              one(rewriter), getAsOpFoldResult(heads.outputsPerState),
              outSizes[2], one(rewriter)};
          // The slab keeps its rank: with one output head per state, a
          // rank-reduced [1, L] slice is ambiguous about which unit dims it
          // dropped, and the forall canonicalization crashes on that.
          Value slab = extractSlab(rewriter, loc, shared[0], slabOffsets,
                                   slabSizes, {0, 1, 2, 3});

          ValueRange loop = lb.forLoop(
              length, {column, slab},
              [&](Value t, ValueRange carried) -> SmallVector<Value> {
                auto perKey = [&](Value kk) {
                  return lb.exp(lb.load(gate, {b, s, t, kk}));
                };
                StepDecay decay{uniformDecay(lb, decayKind, gate, {b, s, t}, s),
                                decayKind == seq::DecayKind::Vector
                                    ? function_ref<Value(Value)>(perKey)
                                    : function_ref<Value(Value)>()};
                auto keyAt = [&](Value kk) {
                  return lb.load(k, {b, heads.keyHead, t, kk});
                };
                Value value = lb.load(v, {b, heads.valueHead, t, col});
                Value beta =
                    op.getBeta() ? lb.load(op.getBeta(), {b, s, t}) : Value();
                Value next = updateColumn(lb, carried[0], keyDim, decay, keyAt,
                                          value, beta);
                Value written = writeOutputs(
                    lb, heads, carried[1], [&](Value oo, Value slabIn) {
                      Value queryHead = queryHeadOf(lb, heads, oo);
                      auto queryAt = [&](Value kk) {
                        return lb.load(q, {b, queryHead, t, kk});
                      };
                      Value y = readColumn(lb, next, keyDim, queryAt, scale);
                      Value zeroIndex = lb.index(0);
                      return lb.store(y, slabIn, {zeroIndex, oo, t, zeroIndex});
                    });
                return {next, written};
              });

          SmallVector<RowSlice> slices = {
              {loop[1], slabOffsets, slabSizes, units(rewriter, 4)}};
          if (Value final = op.getFinalState())
            slices.push_back(
                {lb.convertTensor(loop[0], elementTypeOf(final)),
                 {b, s, zero(rewriter), col},
                 {one(rewriter), one(rewriter), keyDimOfr, one(rewriter)},
                 units(rewriter, 4)});
          return slices;
        });
    replaceWithCasts(rewriter, op, results);
    return success();
  }
};

struct LinearAttentionStepLowering
    : OpRewritePattern<seq::LinearAttentionStepOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(seq::LinearAttentionStepOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    LoweringBuilder lb(rewriter, loc, elementTypeOf(op.getQ()));
    Value q = op.getQ(), k = op.getK(), v = op.getV(), gate = op.getGate();
    Value out = op.getOut(), state = op.getState();
    SmallVector<OpFoldResult> stateSizes = lb.sizes(state); // B, Hs, K, V
    Value keyDim = lb.dim(state, 2);
    Value scale = lb.constant(op.getScaleOrDefault());
    seq::DecayKind decayKind = op.getDecay();

    Value outputHeads = rewriter.createOrFold<arith::MaxUIOp>(loc, lb.dim(q, 1),
                                                              lb.dim(state, 1));
    SmallVector<Value> outputs = {
        lb.empty({stateSizes[0], getAsOpFoldResult(outputHeads), stateSizes[3]},
                 elementTypeOf(out)),
        lb.empty(stateSizes, elementTypeOf(op.getNewState()))};
    ValueRange results = buildParallelRows(
        rewriter, loc, {stateSizes[0], stateSizes[1], stateSizes[3]}, outputs,
        [&](ValueRange ivs, ValueRange shared) -> SmallVector<RowSlice> {
          Value b = ivs[0], s = ivs[1], col = ivs[2];
          HeadMap heads = mapHeads(lb, s, lb.dim(q, 1), lb.dim(k, 1),
                                   lb.dim(v, 1), outputHeads);
          Value column = initialColumn(lb, state, b, s, col, stateSizes[2]);
          auto perKey = [&](Value kk) {
            return lb.exp(lb.load(gate, {b, s, kk}));
          };
          StepDecay decay{uniformDecay(lb, decayKind, gate, {b, s}, s),
                          decayKind == seq::DecayKind::Vector
                              ? function_ref<Value(Value)>(perKey)
                              : function_ref<Value(Value)>()};
          auto keyAt = [&](Value kk) {
            return lb.load(k, {b, heads.keyHead, kk});
          };
          Value value = lb.load(v, {b, heads.valueHead, col});
          Value beta = op.getBeta() ? lb.load(op.getBeta(), {b, s}) : Value();
          Value next =
              updateColumn(lb, column, keyDim, decay, keyAt, value, beta);

          SmallVector<OpFoldResult> slabOffsets = {b, heads.firstOutput, col};
          SmallVector<OpFoldResult> slabSizes = {
              one(rewriter), getAsOpFoldResult(heads.outputsPerState),
              one(rewriter)};
          Value slab = extractSlab(rewriter, loc, shared[0], slabOffsets,
                                   slabSizes, {0, 1, 2});
          Value written =
              writeOutputs(lb, heads, slab, [&](Value oo, Value slabIn) {
                Value queryHead = queryHeadOf(lb, heads, oo);
                auto queryAt = [&](Value kk) {
                  return lb.load(q, {b, queryHead, kk});
                };
                Value y = readColumn(lb, next, keyDim, queryAt, scale);
                Value zeroIndex = lb.index(0);
                return lb.store(y, slabIn, {zeroIndex, oo, zeroIndex});
              });
          return {{written, slabOffsets, slabSizes, units(rewriter, 3)},
                  {lb.convertTensor(next, elementTypeOf(op.getNewState())),
                   {b, s, zero(rewriter), col},
                   {one(rewriter), one(rewriter), stateSizes[2], one(rewriter)},
                   units(rewriter, 4)}};
        });
    replaceWithCasts(rewriter, op, results);
    return success();
  }
};

} // namespace

void mlir::seqc::populateLinearAttentionLoweringPatterns(
    RewritePatternSet &patterns) {
  patterns.add<LinearAttentionLowering, LinearAttentionStepLowering>(
      patterns.getContext());
}
