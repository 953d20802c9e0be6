//===- ConvToLoops.cpp - Causal depthwise convolution to loops ------------===//
//
// Lowers seq.causal_conv1d (docs/ops.md §4) and its step form. Each
// (batch, channel) row slides a window of the last W-1 inputs along time,
// started from the carried state (or zeros):
//
//   y_t = act(bias + sum_{i<W-1} w[i] * window[i] + w[W-1] * x_t)
//   window <- window[1:] ++ [x_t]
//
// so the inner loop has no boundary branches and the final window is the
// final state.
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

struct ConvRow {
  Value weight; // [D, W]
  Value channel;
  Value bias; // scalar or null
  seq::Activation activation;
  Value taps; // W - 1, an index
};

/// One step of a row: returns y_t and the shifted window.
std::pair<Value, Value> stepConv(LoweringBuilder &lb, const ConvRow &row,
                                 Value window, Value input) {
  OpBuilder &b = lb.builder();
  Location loc = lb.location();
  Value init = row.bias ? row.bias : lb.constant(0.0);
  // The last tap multiplies the current input; the window holds the rest.
  Value last = lb.mul(lb.load(row.weight, {row.channel, row.taps}), input);
  ValueRange acc =
      lb.forLoop(row.taps, {lb.add(init, last)},
                 [&](Value i, ValueRange carried) -> SmallVector<Value> {
                   Value term = lb.mul(lb.load(row.weight, {row.channel, i}),
                                       lb.load(window, i));
                   return {lb.add(carried[0], term)};
                 });
  Value y = acc[0];
  if (row.activation == seq::Activation::SiLU)
    y = lb.silu(y);

  // Shift left by one and append the input (no-op when W = 1).
  Value one = lb.index(1);
  Value shiftCount = arith::MaxSIOp::create(
      b, loc, arith::SubIOp::create(b, loc, row.taps, one), lb.index(0));
  ValueRange shifted =
      lb.forLoop(shiftCount, {window},
                 [&](Value i, ValueRange carried) -> SmallVector<Value> {
                   Value next = arith::AddIOp::create(b, loc, i, one);
                   return {lb.store(lb.load(carried[0], next), carried[0], i)};
                 });
  Value lastSlot = arith::SubIOp::create(b, loc, row.taps, one);
  Value hasTaps = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sgt,
                                        row.taps, lb.index(0));
  auto append = scf::IfOp::create(
      b, loc, hasTaps,
      [&](OpBuilder &, Location) {
        scf::YieldOp::create(b, loc, lb.store(input, shifted[0], lastSlot));
      },
      [&](OpBuilder &, Location) { scf::YieldOp::create(b, loc, shifted[0]); });
  return {y, append.getResult(0)};
}

/// Widths up to this carry their window as loop scalars (registers)
/// instead of a buffer: Mamba's W = 4 among them.
constexpr int64_t kMaxScalarTaps = 8;

/// The window of a row with a static number of taps, as scalars: the
/// weights are read once per row, and one step is a dot product and a
/// shift of loop-carried values, with no memory traffic.
struct ScalarConvRow {
  SmallVector<Value> weights; // w[d, 0..taps]
  Value bias;                 // scalar or null
  seq::Activation activation;

  /// One step: y_t and the shifted window.
  std::pair<Value, SmallVector<Value>>
  step(LoweringBuilder &lb, ValueRange window, Value input) const {
    Value acc = bias ? bias : lb.constant(0.0);
    for (auto [weight, value] : llvm::zip(weights, window))
      acc = lb.add(acc, lb.mul(weight, value));
    acc = lb.add(acc, lb.mul(weights.back(), input));
    if (activation == seq::Activation::SiLU)
      acc = lb.silu(acc);
    SmallVector<Value> next(window.drop_front());
    next.push_back(input);
    return {acc, next};
  }
};

/// The number of taps when the window is carried as scalars: static, and
/// between 1 and kMaxScalarTaps.
std::optional<int64_t> scalarTapCount(OpFoldResult taps) {
  std::optional<int64_t> count = getConstantIntValue(taps);
  if (count && (*count < 1 || *count > kMaxScalarTaps))
    return std::nullopt;
  return count;
}

ScalarConvRow scalarRow(LoweringBuilder &lb, Value weight, Value bias,
                        Value channel, seq::Activation activation,
                        int64_t taps) {
  ScalarConvRow row{{}, bias ? lb.load(bias, channel) : Value(), activation};
  for (int64_t i = 0; i <= taps; ++i)
    row.weights.push_back(lb.load(weight, {channel, lb.index(i)}));
  return row;
}

/// The row's initial window as scalars: its state, or zeros.
SmallVector<Value> scalarWindow(LoweringBuilder &lb, Value state, Value b,
                                Value d, int64_t taps) {
  SmallVector<Value> window;
  for (int64_t i = 0; i < taps; ++i)
    window.push_back(state ? lb.load(state, {b, d, lb.index(i)})
                           : lb.constant(0.0));
  return window;
}

/// The window scalars as a [taps] tensor of `elementType`, for the state
/// result.
Value windowTensor(LoweringBuilder &lb, ValueRange window, Type elementType) {
  SmallVector<Value> elements;
  for (Value value : window)
    elements.push_back(lb.convert(value, elementType));
  return tensor::FromElementsOp::create(
      lb.builder(), lb.location(),
      RankedTensorType::get({(int64_t)window.size()}, elementType), elements);
}

/// The row's window in the compute type: its slice of the state, or zeros.
Value initialWindow(LoweringBuilder &lb, Value state, Value b, Value d,
                    OpFoldResult taps) {
  OpBuilder &builder = lb.builder();
  // Without taps (W = 1) the state is empty: there is nothing to slice.
  if (!state || isConstantIntValue(taps, 0))
    return lb.filled({taps}, lb.computeType(), 0.0);
  Value row =
      extractRow(builder, lb.location(), state, {b, d, builder.getIndexAttr(0)},
                 {builder.getIndexAttr(1), builder.getIndexAttr(1), taps},
                 /*rowDim=*/2);
  return lb.convertTensor(row, lb.computeType());
}

/// W - 1 as an OpFoldResult (static when W is).
OpFoldResult tapCount(LoweringBuilder &lb, Value weight) {
  auto type = cast<RankedTensorType>(weight.getType());
  if (!type.isDynamicDim(1))
    return lb.builder().getIndexAttr(type.getDimSize(1) - 1);
  Value taps = arith::SubIOp::create(lb.builder(), lb.location(),
                                     lb.dim(weight, 1), lb.index(1));
  return taps;
}

struct CausalConv1dLowering : OpRewritePattern<seq::CausalConv1dOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(seq::CausalConv1dOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    LoweringBuilder lb(rewriter, loc, elementTypeOf(op.getX()));
    Value x = op.getX();
    SmallVector<OpFoldResult> xSizes = lb.sizes(x);
    OpFoldResult taps = tapCount(lb, op.getWeight());
    Value tapsValue = getValueOrCreateConstantIndexOp(rewriter, loc, taps);
    Value length = lb.dim(x, 2);

    // With W = 1 the final state is empty and no row writes it.
    Value final = op.getFinalState();
    std::optional<int64_t> scalarTaps = scalarTapCount(taps);
    bool rowsWriteState = final && !isConstantIntValue(taps, 0);
    SmallVector<Value> outputs = {lb.empty(xSizes, elementTypeOf(op.getOut()))};
    if (rowsWriteState)
      outputs.push_back(
          lb.empty({xSizes[0], xSizes[1], taps}, elementTypeOf(final)));
    SmallVector<Value> results = buildParallelRows(
        rewriter, loc, {xSizes[0], xSizes[1]}, outputs,
        [&](ValueRange ivs, ValueRange shared) -> SmallVector<RowSlice> {
          Value b = ivs[0], d = ivs[1];
          SmallVector<OpFoldResult> rowOffsets = {b, d,
                                                  rewriter.getIndexAttr(0)};
          SmallVector<OpFoldResult> rowSizes = {
              rewriter.getIndexAttr(1), rewriter.getIndexAttr(1), xSizes[2]};
          Value outRow =
              extractRow(rewriter, loc, shared[0], rowOffsets, rowSizes,
                         /*rowDim=*/2);
          Value outFilled, finalWindow;
          if (scalarTaps) {
            ScalarConvRow row = scalarRow(lb, op.getWeight(), op.getBias(), d,
                                          op.getActivation(), *scalarTaps);
            SmallVector<Value> inits =
                scalarWindow(lb, op.getInitialState(), b, d, *scalarTaps);
            inits.push_back(outRow);
            ValueRange loop = lb.forLoop(
                length, inits,
                [&](Value t, ValueRange carried) -> SmallVector<Value> {
                  auto [y, next] =
                      row.step(lb, carried.drop_back(), lb.load(x, {b, d, t}));
                  next.push_back(lb.store(y, carried.back(), t));
                  return next;
                });
            outFilled = loop.back();
            if (rowsWriteState)
              finalWindow =
                  windowTensor(lb, loop.drop_back(), elementTypeOf(final));
          } else {
            ConvRow row{op.getWeight(), d,
                        op.getBias() ? lb.load(op.getBias(), d) : Value(),
                        op.getActivation(), tapsValue};
            Value window = initialWindow(lb, op.getInitialState(), b, d, taps);
            ValueRange loop = lb.forLoop(
                length, {window, outRow},
                [&](Value t, ValueRange carried) -> SmallVector<Value> {
                  auto [y, next] =
                      stepConv(lb, row, carried[0], lb.load(x, {b, d, t}));
                  return {next, lb.store(y, carried[1], t)};
                });
            outFilled = loop[1];
            if (rowsWriteState)
              finalWindow = lb.convertTensor(loop[0], elementTypeOf(final));
          }
          SmallVector<RowSlice> slices = {
              {outFilled, rowOffsets, rowSizes, units(rewriter, 3)}};
          if (rowsWriteState)
            slices.push_back(
                {finalWindow,
                 {b, d, rewriter.getIndexAttr(0)},
                 {rewriter.getIndexAttr(1), rewriter.getIndexAttr(1), taps},
                 units(rewriter, 3)});
          return slices;
        });
    if (final && !rowsWriteState)
      results.push_back(
          lb.empty({xSizes[0], xSizes[1], taps}, elementTypeOf(final)));
    replaceWithCasts(rewriter, op, results);
    return success();
  }
};

struct CausalConv1dStepLowering : OpRewritePattern<seq::CausalConv1dStepOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(seq::CausalConv1dStepOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    LoweringBuilder lb(rewriter, loc, elementTypeOf(op.getX()));
    Value x = op.getX();
    SmallVector<OpFoldResult> xSizes = lb.sizes(x);
    OpFoldResult taps = tapCount(lb, op.getWeight());
    Value tapsValue = getValueOrCreateConstantIndexOp(rewriter, loc, taps);
    Type outType = elementTypeOf(op.getOut());

    // With W = 1 the state is empty and no row writes it.
    bool rowsWriteState = !isConstantIntValue(taps, 0);
    std::optional<int64_t> scalarTaps = scalarTapCount(taps);
    SmallVector<Value> outputs = {lb.empty(xSizes, outType)};
    if (rowsWriteState)
      outputs.push_back(
          lb.empty(lb.sizes(op.getState()), elementTypeOf(op.getNewState())));
    SmallVector<Value> results = buildParallelRows(
        rewriter, loc, xSizes, outputs,
        [&](ValueRange ivs, ValueRange) -> SmallVector<RowSlice> {
          Value b = ivs[0], d = ivs[1];
          Value y, next;
          if (scalarTaps) {
            ScalarConvRow row = scalarRow(lb, op.getWeight(), op.getBias(), d,
                                          op.getActivation(), *scalarTaps);
            SmallVector<Value> window =
                scalarWindow(lb, op.getState(), b, d, *scalarTaps);
            auto [out, shifted] = row.step(lb, window, lb.load(x, {b, d}));
            y = out;
            next = windowTensor(lb, shifted, lb.computeType());
          } else {
            ConvRow row{op.getWeight(), d,
                        op.getBias() ? lb.load(op.getBias(), d) : Value(),
                        op.getActivation(), tapsValue};
            Value window = initialWindow(lb, op.getState(), b, d, taps);
            std::tie(y, next) = stepConv(lb, row, window, lb.load(x, {b, d}));
          }
          Value scalar = lb.scalarTensor(y, outType);
          SmallVector<RowSlice> slices = {
              {scalar, {b, d}, units(rewriter, 2), units(rewriter, 2)}};
          if (rowsWriteState)
            slices.push_back(
                {lb.convertTensor(next, elementTypeOf(op.getNewState())),
                 {b, d, rewriter.getIndexAttr(0)},
                 {rewriter.getIndexAttr(1), rewriter.getIndexAttr(1), taps},
                 units(rewriter, 3)});
          return slices;
        });
    if (!rowsWriteState)
      results.push_back(
          lb.empty(lb.sizes(op.getState()), elementTypeOf(op.getNewState())));
    replaceWithCasts(rewriter, op, results);
    return success();
  }
};

} // namespace

void mlir::seqc::populateConvLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<CausalConv1dLowering, CausalConv1dStepLowering>(
      patterns.getContext());
}
