//===- ScanToLoops.cpp - SSD to loops -------------------------------------===//
//
// Lowers seq.ssd (docs/ops.md §2) and its step form to one scf.forall over
// the independent rows around one sequential scf.for over time. A row is
// one head-dim lane of one head: it carries an N-vector of state (in the
// compute type) and updates it with
//
//   h[n] = exp(dt * A) * h[n] + dt * B[n] * x,   y = sum_n C[n] * h[n]
//
// which the innermost loop over n spells out.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/SeqToLinalg/LoweringBuilder.h"
#include "compiler/Conversion/SeqToLinalg/ParallelRows.h"
#include "compiler/Conversion/SeqToLinalg/SeqToLinalg.h"
#include "dialects/seq/IR/SeqOps.h"
#include "dialects/seq/IR/ShapeContract.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::seqc;
using mlir::seq::getRank;

namespace {

/// What one step of a state row needs besides the state: the decay
/// argument `dt * A[n]` and the input weight `dt * x`, with B and C read
/// per n.
struct RowStep {
  Value dt;                               // dt after bias and softplus
  function_ref<Value(Value n)> decayRate; // A[.., n] (per n for Mamba-1)
  Value input;                            // x (u) of this step
  function_ref<Value(Value n)> loadB, loadC;
};

/// Runs one step over the N state entries of a row: returns the new state
/// and y = sum_n C[n] h[n].
std::pair<Value, Value> stepRow(LoweringBuilder &lb, Value state, Value size,
                                const RowStep &step) {
  Value weightedInput = lb.mul(step.dt, step.input);
  ValueRange results =
      lb.forLoop(size, {state, lb.constant(0.0)},
                 [&](Value n, ValueRange carried) -> SmallVector<Value> {
                   Value decay = lb.exp(lb.mul(step.dt, step.decayRate(n)));
                   Value previous = lb.load(carried[0], n);
                   Value next = lb.add(lb.mul(decay, previous),
                                       lb.mul(step.loadB(n), weightedInput));
                   Value newState = lb.store(next, carried[0], n);
                   Value acc =
                       lb.addReassoc(carried[1], lb.mul(step.loadC(n), next));
                   return {newState, acc};
                 });
  return {results[0], results[1]};
}

/// dt + bias, then softplus when asked.
Value prepareDt(LoweringBuilder &lb, Value dt, Value bias, bool softplus) {
  if (bias)
    dt = lb.add(dt, bias);
  return softplus ? lb.softplus(dt) : dt;
}

/// The row's initial state in the compute type: a slice of `initial`, or
/// zeros.
Value initialRow(LoweringBuilder &lb, Value initial,
                 ArrayRef<OpFoldResult> offsets, ArrayRef<OpFoldResult> sizes,
                 OpFoldResult length) {
  if (!initial)
    return lb.filled({length}, lb.computeType(), 0.0);
  Value row = extractRow(lb.builder(), lb.location(), initial, offsets, sizes,
                         /*rowDim=*/sizes.size() - 1);
  return lb.convertTensor(row, lb.computeType());
}

OpFoldResult one(OpBuilder &b) { return b.getIndexAttr(1); }

//===----------------------------------------------------------------------===//
// Mamba-2 (SSD)
//===----------------------------------------------------------------------===//

/// The D skip of SSD: per head, or per head and head dim.
Value loadSSDSkip(LoweringBuilder &lb, Value skip, Value h, Value p) {
  if (getRank(skip) == 2)
    return lb.load(skip, {h, p});
  return lb.load(skip, h);
}

/// The group of head `h`: h / (H / G).
Value headGroup(LoweringBuilder &lb, Value h, Value heads, Value groups) {
  OpBuilder &b = lb.builder();
  Value perGroup = arith::DivUIOp::create(b, lb.location(), heads, groups);
  return arith::DivUIOp::create(b, lb.location(), h, perGroup);
}

struct SSDLowering : OpRewritePattern<seq::SSDOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(seq::SSDOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    LoweringBuilder lb(rewriter, loc, elementTypeOf(op.getX()));
    Value x = op.getX(), bm = op.getB(), cm = op.getC();
    SmallVector<OpFoldResult> xSizes = lb.sizes(x); // B, L, H, P
    OpFoldResult stateSize = lb.sizes(bm)[3];
    Value length = lb.dim(x, 1), heads = lb.dim(x, 2);
    Value groups = lb.dim(bm, 2), states = lb.dim(bm, 3);

    SmallVector<Value> outputs = {lb.empty(xSizes, elementTypeOf(op.getY()))};
    if (Value final = op.getFinalState())
      outputs.push_back(lb.empty({xSizes[0], xSizes[2], xSizes[3], stateSize},
                                 elementTypeOf(final)));

    ValueRange results = buildParallelRows(
        rewriter, loc, {xSizes[0], xSizes[2], xSizes[3]}, outputs,
        [&](ValueRange ivs, ValueRange shared) -> SmallVector<RowSlice> {
          Value b = ivs[0], h = ivs[1], p = ivs[2];
          Value g = headGroup(lb, h, heads, groups);
          SmallVector<OpFoldResult> stateOffsets = {b, h, p,
                                                    rewriter.getIndexAttr(0)};
          SmallVector<OpFoldResult> stateSizes = {one(rewriter), one(rewriter),
                                                  one(rewriter), stateSize};
          Value state = initialRow(lb, op.getInitialState(), stateOffsets,
                                   stateSizes, stateSize);
          SmallVector<OpFoldResult> rowOffsets = {b, rewriter.getIndexAttr(0),
                                                  h, p};
          SmallVector<OpFoldResult> rowSizes = {one(rewriter), xSizes[1],
                                                one(rewriter), one(rewriter)};
          Value outRow =
              extractRow(rewriter, loc, shared[0], rowOffsets, rowSizes,
                         /*rowDim=*/1);
          Value decayRate = lb.load(op.getA(), h);
          Value bias = op.getDtBias() ? lb.load(op.getDtBias(), h) : Value();
          Value skip = op.getD() ? loadSSDSkip(lb, op.getD(), h, p) : Value();

          ValueRange loop = lb.forLoop(
              length, {state, outRow},
              [&](Value t, ValueRange carried) -> SmallVector<Value> {
                Value xt = lb.load(x, {b, t, h, p});
                Value dt = prepareDt(lb, lb.load(op.getDt(), {b, t, h}), bias,
                                     op.getDtSoftplus());
                auto rate = [&](Value) { return decayRate; };
                auto loadB = [&](Value n) { return lb.load(bm, {b, t, g, n}); };
                auto loadC = [&](Value n) { return lb.load(cm, {b, t, g, n}); };
                auto [next, y] = stepRow(lb, carried[0], states,
                                         {dt, rate, xt, loadB, loadC});
                if (skip)
                  y = lb.add(y, lb.mul(skip, xt));
                return {next, lb.store(y, carried[1], t)};
              });

          SmallVector<RowSlice> slices = {
              {loop[1], rowOffsets, rowSizes, units(rewriter, 4)}};
          if (Value final = op.getFinalState())
            slices.push_back({lb.convertTensor(loop[0], elementTypeOf(final)),
                              stateOffsets, stateSizes, units(rewriter, 4)});
          return slices;
        });
    replaceWithCasts(rewriter, op, results);
    return success();
  }
};

struct SSDStepLowering : OpRewritePattern<seq::SSDStepOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(seq::SSDStepOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    LoweringBuilder lb(rewriter, loc, elementTypeOf(op.getX()));
    Value x = op.getX(), bm = op.getB(), cm = op.getC();
    SmallVector<OpFoldResult> xSizes = lb.sizes(x); // B, H, P
    OpFoldResult stateSize = lb.sizes(bm)[2];
    Value heads = lb.dim(x, 1), groups = lb.dim(bm, 1), states = lb.dim(bm, 2);

    SmallVector<Value> outputs = {
        lb.empty(xSizes, elementTypeOf(op.getY())),
        lb.empty(lb.sizes(op.getState()), elementTypeOf(op.getNewState()))};
    ValueRange results = buildParallelRows(
        rewriter, loc, xSizes, outputs,
        [&](ValueRange ivs, ValueRange shared) -> SmallVector<RowSlice> {
          Value b = ivs[0], h = ivs[1], p = ivs[2];
          Value g = headGroup(lb, h, heads, groups);
          SmallVector<OpFoldResult> stateOffsets = {b, h, p,
                                                    rewriter.getIndexAttr(0)};
          SmallVector<OpFoldResult> stateSizes = {one(rewriter), one(rewriter),
                                                  one(rewriter), stateSize};
          Value state = initialRow(lb, op.getState(), stateOffsets, stateSizes,
                                   stateSize);
          Value xt = lb.load(x, {b, h, p});
          Value bias = op.getDtBias() ? lb.load(op.getDtBias(), h) : Value();
          Value dt = prepareDt(lb, lb.load(op.getDt(), {b, h}), bias,
                               op.getDtSoftplus());
          Value decayRate = lb.load(op.getA(), h);
          auto rate = [&](Value) { return decayRate; };
          auto loadB = [&](Value n) { return lb.load(bm, {b, g, n}); };
          auto loadC = [&](Value n) { return lb.load(cm, {b, g, n}); };
          auto [next, y] =
              stepRow(lb, state, states, {dt, rate, xt, loadB, loadC});
          if (Value skip = op.getD())
            y = lb.add(y, lb.mul(loadSSDSkip(lb, skip, h, p), xt));
          Value scalar = lb.scalarTensor(y, elementTypeOf(op.getY()));
          return {{scalar,
                   {b, h, p},
                   {one(rewriter), one(rewriter), one(rewriter)},
                   units(rewriter, 3)},
                  {lb.convertTensor(next, elementTypeOf(op.getNewState())),
                   stateOffsets, stateSizes, units(rewriter, 4)}};
        });
    replaceWithCasts(rewriter, op, results);
    return success();
  }
};

} // namespace

void mlir::seqc::populateScanLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<SSDLowering, SSDStepLowering>(patterns.getContext());
}
