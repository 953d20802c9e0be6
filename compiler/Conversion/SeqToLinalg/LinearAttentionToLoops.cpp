//===- LinearAttentionToLoops.cpp - Linear attention to loops -------------===//
//
// Lowers seq.linear_attention (docs/ops.md §3) and its step form. The
// parallel rows are (batch, state head); each carries its [K, V] state in
// f32 along time and updates it a key row at a time, with every inner loop
// running along V (unit stride, so it vectorizes):
//
//   additive: S[k, :] = d_k S[k, :] + k_t[k] v_t
//   delta:    S' = d (.) S;  u = beta (v_t - k_t^T S');  S = S' + k_t u^T
//   output:   o_t = scale * q_t^T S   (accumulated over k as a V-vector)
//
// d_k (exp of the gate) is computed once per key dim and step; u and the
// output accumulator are the rows of one [2, V] scratch carried through the
// time loop, so no step allocates. A row writes the outputs of every output
// head that reads its state. With an f32 state in and out (every decode
// step), the first step reads the incoming state in place and writes the
// outgoing state's own slice, which the later steps update: the [K, V]
// state is never copied.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/SeqToLinalg/LoweringBuilder.h"
#include "compiler/Conversion/SeqToLinalg/ParallelRows.h"
#include "compiler/Conversion/SeqToLinalg/SeqToLinalg.h"
#include "dialects/seq/IR/SeqOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
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

/// Reads of one step's vectors at a key or value index.
using IndexedRead = function_ref<Value(Value)>;

/// The rows of the [2, V] scratch that each step carries: u of the delta
/// rule, and the output accumulator. One tensor, not two: CSE merges equal
/// tensor.empty ops, and two carried vectors from one value may then share
/// a buffer. Each row is dead when the other is in use, so clearing the
/// whole scratch before each use is safe.
constexpr int64_t kURow = 0, kAccRow = 1;

/// `vec` (in the compute type) set to zero.
Value zeroed(LoweringBuilder &lb, Value vec) {
  Value zero = lb.constant(0.0);
  return linalg::FillOp::create(lb.builder(), lb.location(), zero, vec)
      .getResult(0);
}

/// One step of the [K, V] state: the first sweep reads the previous state
/// from `source` and writes `tile` (the same tensor along a sequence; for a
/// decode step, the input state and the new state's own slice, so neither
/// is copied); the delta rule keeps u in row kURow of `scratch`. Returns
/// the new tile and scratch.
std::pair<Value, Value> updateState(LoweringBuilder &lb, Value source,
                                    Value tile, Value scratch, Value keyDim,
                                    Value valueDim, const StepDecay &decay,
                                    IndexedRead keyAt, IndexedRead valueAt,
                                    Value beta) {
  Value uRow = lb.index(kURow);
  auto decayed = [&](Value s, Value d) { return d ? lb.mul(d, s) : s; };
  // Along a sequence the state is read from the tile being written (the
  // loop's own value, so bufferization keeps it in place).
  auto previous = [&](Value carried, Value k, Value v) {
    return lb.load(source == tile ? carried : source, {k, v});
  };
  auto decayOf = [&](Value k) { return decay.any() ? decay.at(k) : Value(); };
  if (!beta) {
    Value next = lb.forLoop(
        keyDim, {tile}, [&](Value k, ValueRange rows) -> SmallVector<Value> {
          Value d = decayOf(k), kk = keyAt(k);
          return lb.forLoop(
              valueDim, {rows[0]},
              [&](Value v, ValueRange carried) -> SmallVector<Value> {
                Value s = decayed(previous(carried[0], k, v), d);
                Value next = lb.add(s, lb.mul(kk, valueAt(v)));
                return {lb.store(next, carried[0], {k, v})};
              });
        })[0];
    return {next, scratch};
  }
  // Delta rule: decay and accumulate k^T S' in one sweep, then correct.
  ValueRange first = lb.forLoop(
      keyDim, {tile, zeroed(lb, scratch)},
      [&](Value k, ValueRange rows) -> SmallVector<Value> {
        Value d = decayOf(k), kk = keyAt(k);
        return lb.forLoop(
            valueDim, {rows[0], rows[1]},
            [&](Value v, ValueRange carried) -> SmallVector<Value> {
              Value s = decayed(previous(carried[0], k, v), d);
              Value u = lb.add(lb.load(carried[1], {uRow, v}), lb.mul(kk, s));
              return {lb.store(s, carried[0], {k, v}),
                      lb.store(u, carried[1], {uRow, v})};
            });
      });
  Value u = lb.forLoop(valueDim, {first[1]},
                       [&](Value v, ValueRange carried) -> SmallVector<Value> {
                         Value kS = lb.load(carried[0], {uRow, v});
                         Value u = lb.mul(beta, lb.sub(valueAt(v), kS));
                         return {lb.store(u, carried[0], {uRow, v})};
                       })[0];
  Value next = lb.forLoop(
      keyDim, {first[0]}, [&](Value k, ValueRange rows) -> SmallVector<Value> {
        Value kk = keyAt(k);
        return lb.forLoop(
            valueDim, {rows[0]},
            [&](Value v, ValueRange carried) -> SmallVector<Value> {
              Value s = lb.load(carried[0], {k, v});
              Value next = lb.add(s, lb.mul(kk, lb.load(u, {uRow, v})));
              return {lb.store(next, carried[0], {k, v})};
            });
      })[0];
  return {next, u};
}

/// q^T `tile` into row kAccRow of `scratch` (unscaled).
Value readState(LoweringBuilder &lb, Value tile, Value scratch, Value keyDim,
                Value valueDim, IndexedRead queryAt) {
  Value accRow = lb.index(kAccRow);
  return lb.forLoop(
      keyDim, {zeroed(lb, scratch)},
      [&](Value k, ValueRange rows) -> SmallVector<Value> {
        Value qk = queryAt(k);
        return lb.forLoop(
            valueDim, {rows[0]},
            [&](Value v, ValueRange carried) -> SmallVector<Value> {
              Value sum = lb.add(lb.load(carried[0], {accRow, v}),
                                 lb.mul(qk, lb.load(tile, {k, v})));
              return {lb.store(sum, carried[0], {accRow, v})};
            });
      })[0];
}

/// Writes scale * row kAccRow of `scratch` into `slab` at `prefix` + [v]
/// for every v.
Value writeScaled(LoweringBuilder &lb, Value slab, Value scratch,
                  Value valueDim, Value scale, ValueRange prefix) {
  Value accRow = lb.index(kAccRow);
  return lb.forLoop(valueDim, {slab},
                    [&](Value v, ValueRange carried) -> SmallVector<Value> {
                      SmallVector<Value> indices(prefix);
                      indices.push_back(v);
                      Value y = lb.mul(scale, lb.load(scratch, {accRow, v}));
                      return {lb.store(y, carried[0], indices)};
                    })[0];
}

/// The query head of output `firstOutput + oo`.
Value queryHeadOf(LoweringBuilder &lb, const HeadMap &heads, Value oo) {
  OpBuilder &b = lb.builder();
  Value o = b.createOrFold<arith::AddIOp>(lb.location(), heads.firstOutput, oo);
  return b.createOrFold<arith::DivUIOp>(lb.location(), o,
                                        heads.outputsPerQuery);
}

/// Writes the outputs of every output head that reads this state:
/// `write(oo, carried)` writes head `firstOutput + oo` and returns the new
/// carried values (the slab and the accumulator). A loop over the heads, or
/// one write when there is exactly one (the common case, and no loop to
/// simplify later).
SmallVector<Value>
writeOutputs(LoweringBuilder &lb, const HeadMap &heads, ValueRange carried,
             function_ref<SmallVector<Value>(Value, ValueRange)> write) {
  std::optional<int64_t> count = getConstantIntValue(heads.outputsPerState);
  if (count && *count == 1)
    return write(lb.index(0), carried);
  ValueRange results = lb.forLoop(heads.outputsPerState, carried, write);
  return SmallVector<Value>(results.begin(), results.end());
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

/// The state tile (b, s, :, :) in the compute type, or zeros.
Value initialTile(LoweringBuilder &lb, Value state, Value b, Value s,
                  OpFoldResult keyDim, OpFoldResult valueDim) {
  if (!state)
    return lb.filled({keyDim, valueDim}, lb.computeType(), 0.0);
  OpBuilder &builder = lb.builder();
  Value tile = extractSlab(
      builder, lb.location(), state, {b, s, zero(builder), zero(builder)},
      {one(builder), one(builder), keyDim, valueDim}, {2, 3});
  return lb.convertTensor(tile, lb.computeType());
}

/// The [K, V] slices of state row (b, s) in `from` (the incoming state)
/// and in `into` (the outgoing state's own slice of the result): a step
/// that reads the first and writes the second copies no state.
std::pair<Value, Value> stateSlices(OpBuilder &builder, Location loc,
                                    Value from, Value into, Value b, Value s,
                                    OpFoldResult keyDim,
                                    OpFoldResult valueDim) {
  SmallVector<OpFoldResult> offsets = {b, s, zero(builder), zero(builder)};
  SmallVector<OpFoldResult> sizes = {one(builder), one(builder), keyDim,
                                     valueDim};
  return {extractSlab(builder, loc, from, offsets, sizes, {2, 3}),
          extractSlab(builder, loc, into, offsets, sizes, {2, 3})};
}

/// The operands one step reads, as a sequence op or a decode step holds
/// them: q, k, v, the gate and beta indexed [b, head, (t,) d], with `time`
/// the step's index (empty for a decode step, whose operands have no time
/// dim).
struct StepOperands {
  Value q, k, v, gate, beta;
  seq::DecayKind decay;
  Value keyDim, valueDim, scale;
};

/// One step of state row (b, s): reads the previous state from `source`,
/// writes `tile` (see updateState), and writes the outputs of every output
/// head that reads the state into `slab` at [0, head (, t), v]. Returns the
/// new tile, slab and scratch.
SmallVector<Value> stepRow(LoweringBuilder &lb, const StepOperands &ops,
                           const HeadMap &heads, Value b, Value s,
                           ValueRange time, Value source, Value tile,
                           Value slab, Value scratch) {
  // [prefix..., (t,) suffix...]: an operand's indices at this step.
  auto at = [&](ValueRange prefix, ValueRange suffix) {
    SmallVector<Value> indices(prefix);
    indices.append(time.begin(), time.end());
    indices.append(suffix.begin(), suffix.end());
    return indices;
  };
  auto perKey = [&](Value kk) {
    return lb.exp(lb.load(ops.gate, at({b, s}, {kk})));
  };
  StepDecay decay{uniformDecay(lb, ops.decay, ops.gate, at({b, s}, {}), s),
                  ops.decay == seq::DecayKind::Vector
                      ? function_ref<Value(Value)>(perKey)
                      : function_ref<Value(Value)>()};
  auto keyAt = [&](Value kk) {
    return lb.load(ops.k, at({b, heads.keyHead}, {kk}));
  };
  auto valueAt = [&](Value vv) {
    return lb.load(ops.v, at({b, heads.valueHead}, {vv}));
  };
  Value beta = ops.beta ? lb.load(ops.beta, at({b, s}, {})) : Value();
  auto [next, used] = updateState(lb, source, tile, scratch, ops.keyDim,
                                  ops.valueDim, decay, keyAt, valueAt, beta);
  SmallVector<Value> written =
      writeOutputs(lb, heads, {slab, used},
                   [&](Value oo, ValueRange in) -> SmallVector<Value> {
                     Value queryHead = queryHeadOf(lb, heads, oo);
                     auto queryAt = [&](Value kk) {
                       return lb.load(ops.q, at({b, queryHead}, {kk}));
                     };
                     Value sum = readState(lb, next, in[1], ops.keyDim,
                                           ops.valueDim, queryAt);
                     return {writeScaled(lb, in[0], sum, ops.valueDim,
                                         ops.scale, at({lb.index(0), oo}, {})),
                             sum};
                   });
  return {next, written[0], written[1]};
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

    Value valueDim = lb.dim(v, 3);
    ValueRange results = buildParallelRows(
        rewriter, loc, {vSizes[0], getAsOpFoldResult(stateHeads)}, outputs,
        [&](ValueRange ivs, ValueRange shared) -> SmallVector<RowSlice> {
          Value b = ivs[0], s = ivs[1];
          HeadMap heads = mapHeads(lb, s, lb.dim(q, 1), lb.dim(k, 1),
                                   lb.dim(v, 1), outputHeads);
          Value scratch =
              lb.empty({rewriter.getIndexAttr(2), vSizes[3]}, lb.computeType());
          SmallVector<OpFoldResult> slabOffsets = {
              b, heads.firstOutput, zero(rewriter), zero(rewriter)};
          SmallVector<OpFoldResult> slabSizes = {
              one(rewriter), getAsOpFoldResult(heads.outputsPerState),
              outSizes[2], vSizes[3]};
          // The slab keeps its rank: with one output head per state, a
          // rank-reduced slice is ambiguous about which unit dims it
          // dropped, and the forall canonicalization crashes on that.
          Value slab = extractSlab(rewriter, loc, shared[0], slabOffsets,
                                   slabSizes, {0, 1, 2, 3});

          StepOperands stepOps{q,         k,      v,        gate, op.getBeta(),
                               decayKind, keyDim, valueDim, scale};
          auto step = [&](Value t, Value source, Value tile, Value slab,
                          Value scratch) -> SmallVector<Value> {
            return stepRow(lb, stepOps, heads, b, s, {t}, source, tile, slab,
                           scratch);
          };

          // With an f32 initial and final state, the first step reads the
          // initial state in place and writes the final state's own slice,
          // and the rest update that slice: the [K, V] state is not copied
          // in or out (a decode step of L = 1 is only this first step).
          Value initial = op.getInitialState(), final = op.getFinalState();
          bool inPlace = initial && final &&
                         elementTypeOf(initial) == lb.computeType() &&
                         elementTypeOf(final) == lb.computeType();
          Value tile, start = lb.index(0);
          if (inPlace) {
            auto [source, target] = stateSlices(
                rewriter, loc, initial, shared[1], b, s, keyDimOfr, vSizes[3]);
            SmallVector<Value> first =
                step(lb.index(0), source, target, slab, scratch);
            tile = first[0];
            slab = first[1];
            scratch = first[2];
            start = lb.index(1);
          } else {
            tile = initialTile(lb, initial, b, s, keyDimOfr, vSizes[3]);
          }
          ValueRange loop = lb.forLoop(
              start, length, {tile, slab, scratch},
              [&](Value t, ValueRange carried) -> SmallVector<Value> {
                return step(t, carried[0], carried[0], carried[1], carried[2]);
              });

          SmallVector<RowSlice> slices = {
              {loop[1], slabOffsets, slabSizes, units(rewriter, 4)}};
          if (Value final = op.getFinalState())
            slices.push_back(
                {lb.convertTensor(loop[0], elementTypeOf(final)),
                 {b, s, zero(rewriter), zero(rewriter)},
                 {one(rewriter), one(rewriter), keyDimOfr, vSizes[3]},
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
    Value valueDim = lb.dim(state, 3);
    ValueRange results = buildParallelRows(
        rewriter, loc, {stateSizes[0], stateSizes[1]}, outputs,
        [&](ValueRange ivs, ValueRange shared) -> SmallVector<RowSlice> {
          Value b = ivs[0], s = ivs[1];
          HeadMap heads = mapHeads(lb, s, lb.dim(q, 1), lb.dim(k, 1),
                                   lb.dim(v, 1), outputHeads);
          // The new state is written into its own slice of the result,
          // reading the old one in place; a state stored in another type
          // goes through a converted copy.
          Value source, tile;
          if (elementTypeOf(state) == lb.computeType() &&
              elementTypeOf(op.getNewState()) == lb.computeType()) {
            std::tie(source, tile) =
                stateSlices(rewriter, loc, state, shared[1], b, s,
                            stateSizes[2], stateSizes[3]);
          } else {
            source = tile =
                initialTile(lb, state, b, s, stateSizes[2], stateSizes[3]);
          }
          Value scratch = lb.empty({rewriter.getIndexAttr(2), stateSizes[3]},
                                   lb.computeType());
          SmallVector<OpFoldResult> slabOffsets = {b, heads.firstOutput,
                                                   zero(rewriter)};
          SmallVector<OpFoldResult> slabSizes = {
              one(rewriter), getAsOpFoldResult(heads.outputsPerState),
              stateSizes[3]};
          Value slab = extractSlab(rewriter, loc, shared[0], slabOffsets,
                                   slabSizes, {0, 1, 2});
          StepOperands stepOps{q,         k,      v,        gate, op.getBeta(),
                               decayKind, keyDim, valueDim, scale};
          SmallVector<Value> stepped =
              stepRow(lb, stepOps, heads, b, s,
                      /*time=*/{}, source, tile, slab, scratch);
          return {
              {stepped[1], slabOffsets, slabSizes, units(rewriter, 3)},
              {lb.convertTensor(stepped[0], elementTypeOf(op.getNewState())),
               {b, s, zero(rewriter), zero(rewriter)},
               {one(rewriter), one(rewriter), stateSizes[2], stateSizes[3]},
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
