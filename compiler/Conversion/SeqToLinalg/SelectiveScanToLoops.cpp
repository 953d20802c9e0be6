//===- SelectiveScanToLoops.cpp - Mamba-1 scan to channel-blocked loops ---===//
//
// Lowers seq.selective_scan (docs/ops.md §1) and its step form. The
// parallel rows are (batch, block of kChannels channels); each carries the
// [N, kChannels] state of its channels in f32 and runs, per time step,
//
//   dt[c] = softplus(delta[c] + bias[c]),  w[c] = dt[c] * u[c]
//   for n: h[n, c] = exp(dt[c] A[c, n]) h[n, c] + B[n] w[c]
//          y[c]   += C[n] h[n, c]
//   y[c] = (y[c] + D[c] u[c]) * silu(z[c])
//
// with every inner loop running over the block's channels: A is read as
// [N, D], so its rows are contiguous across channels, and LLVM vectorizes
// each statement across channels, exp included (seqc-approximate-math),
// with the state in L1 and no reduction across lanes. u, delta and z keep
// their [B, D, L] layout and are gathered across channels per step (about
// a quarter of the scan's time; staging them time-major would need an
// in-register transpose). B and C are read time-major, once per (t, n)
// for the block when its channels share a group, else per channel.
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

/// Channels per row: one AVX-512 vector of f32 (two AVX2 ones).
constexpr int64_t kChannels = 16;

OpFoldResult one(OpBuilder &b) { return b.getIndexAttr(1); }
OpFoldResult zero(OpBuilder &b) { return b.getIndexAttr(0); }

/// `value` with its dims permuted: result dim i is input dim perm[i].
Value permuted(LoweringBuilder &lb, Value value, ArrayRef<int64_t> perm) {
  // The transpose needs its init typed exactly like the permuted input
  // (static where the input is), so the sizes are not folded here.
  SmallVector<OpFoldResult> sizes =
      tensor::getMixedSizes(lb.builder(), lb.location(), value);
  SmallVector<OpFoldResult> out;
  for (int64_t d : perm)
    out.push_back(sizes[d]);
  Value init = tensor::EmptyOp::create(lb.builder(), lb.location(), out,
                                       elementTypeOf(value));
  return linalg::TransposeOp::create(lb.builder(), lb.location(), value, init,
                                     perm)
      .getResult()[0];
}

/// Where one block's per-channel inputs of one step are read, by channel
/// offset c in the block.
struct StepReads {
  function_ref<Value(Value c)> input, delta, gate; // u, delta, z (z: null)
  function_ref<Value(Value n, Value c)> rate;      // A[d0 + c, n]
  // B and C at state n: `uniform*` (once per n for the block) when set,
  // else per channel.
  function_ref<Value(Value n)> uniformB, uniformC;
  function_ref<Value(Value n, Value c)> channelB, channelC;
};

/// The per-channel constants of a block: dt bias, D skip (null if absent).
struct BlockConstants {
  function_ref<Value(Value c)> bias, skip;
  bool softplus;
};

/// One time step of a block: updates `tile` [N, kChannels] and writes y of
/// each channel through `write(c, y, slab)`. `scratch` is a [3, kChannels]
/// tensor carried by the caller, rows dt, dt * u and y (one tensor: three
/// equal tensor.empty would be merged into one value by CSE, and their
/// buffers with it). Returns the new tile, slab and scratch.
SmallVector<Value> stepBlock(LoweringBuilder &lb, Value width, Value states,
                             Value tile, Value slab, Value scratch,
                             const StepReads &reads, const BlockConstants &k,
                             function_ref<Value(Value, Value, Value)> write) {
  Value dtRow = lb.index(0), wRow = lb.index(1), yRow = lb.index(2);
  // dt, dt * u and y = 0 for every channel.
  Value pre = lb.forLoop(
      width, {scratch}, [&](Value c, ValueRange v) -> SmallVector<Value> {
        Value dt = reads.delta(c);
        if (k.bias)
          dt = lb.add(dt, k.bias(c));
        if (k.softplus)
          dt = lb.softplus(dt);
        Value next = lb.store(dt, v[0], {dtRow, c});
        next = lb.store(lb.mul(dt, reads.input(c)), next, {wRow, c});
        return {lb.store(lb.constant(0.0), next, {yRow, c})};
      })[0];
  // The state sweep: one pass over n, each over the block's channels.
  ValueRange swept = lb.forLoop(
      states, {tile, pre}, [&](Value n, ValueRange v) -> SmallVector<Value> {
        Value bn = reads.uniformB ? reads.uniformB(n) : Value();
        Value cn = reads.uniformC ? reads.uniformC(n) : Value();
        return lb.forLoop(
            width, {v[0], v[1]},
            [&](Value c, ValueRange w) -> SmallVector<Value> {
              Value dt = lb.load(w[1], {dtRow, c});
              Value decay = lb.exp(lb.mul(dt, reads.rate(n, c)));
              Value bv = bn ? bn : reads.channelB(n, c);
              Value cv = cn ? cn : reads.channelC(n, c);
              Value h = lb.add(lb.mul(decay, lb.load(w[0], {n, c})),
                               lb.mul(bv, lb.load(w[1], {wRow, c})));
              Value y = lb.add(lb.load(w[1], {yRow, c}), lb.mul(cv, h));
              return {lb.store(h, w[0], {n, c}), lb.store(y, w[1], {yRow, c})};
            });
      });
  // y = (y + D u) * silu(z), written out.
  Value written = lb.forLoop(
      width, {slab}, [&](Value c, ValueRange v) -> SmallVector<Value> {
        Value y = lb.load(swept[1], {yRow, c});
        if (k.skip)
          y = lb.add(y, lb.mul(k.skip(c), reads.input(c)));
        if (reads.gate)
          y = lb.mul(y, lb.silu(reads.gate(c)));
        return {write(c, y, v[0])};
      })[0];
  return {swept[0], written, swept[1]};
}

/// The block's state as [N, kChannels] in f32: from `state` [B, D, N] at
/// (b, d0 + c, n), or zeros.
Value initialTile(LoweringBuilder &lb, Value state, Value b, Value d0,
                  Value width, OpFoldResult states) {
  Value tile = lb.filled({states, lb.builder().getIndexAttr(kChannels)},
                         lb.computeType(), 0.0);
  if (!state)
    return tile;
  OpBuilder &builder = lb.builder();
  return lb.forLoop(
      getValueOrCreateConstantIndexOp(builder, lb.location(), states), {tile},
      [&](Value n, ValueRange v) -> SmallVector<Value> {
        return lb.forLoop(
            width, {v[0]}, [&](Value c, ValueRange w) -> SmallVector<Value> {
              Value d = arith::AddIOp::create(builder, lb.location(), d0, c);
              return {lb.store(lb.load(state, {b, d, n}), w[0], {n, c})};
            });
      })[0];
}

/// The block's final state as a [1, width, N] tensor of `type`.
Value finalSlice(LoweringBuilder &lb, Value tile, Value width,
                 OpFoldResult states, Type type) {
  OpBuilder &builder = lb.builder();
  Value out = lb.empty({one(builder), width, states}, type);
  Value zeroIndex = lb.index(0);
  return lb.forLoop(
      getValueOrCreateConstantIndexOp(builder, lb.location(), states), {out},
      [&](Value n, ValueRange v) -> SmallVector<Value> {
        return lb.forLoop(
            width, {v[0]}, [&](Value c, ValueRange w) -> SmallVector<Value> {
              return {lb.store(lb.load(tile, {n, c}), w[0], {zeroIndex, c, n})};
            });
      })[0];
}

/// Whether every block of kChannels channels lies in one group of the
/// time-varying one of B and C (rank `varyingRank`): always without one or
/// with a single group, else when the static group size is a multiple.
bool blocksShareGroup(Value channels, Value bm, Value cm, int64_t varyingRank) {
  Value varying = getRank(bm) == varyingRank   ? bm
                  : getRank(cm) == varyingRank ? cm
                                               : Value();
  if (!varying)
    return true;
  int64_t groups = cast<RankedTensorType>(varying.getType()).getDimSize(1);
  if (groups == 1)
    return true;
  std::optional<int64_t> d = getConstantIntValue(channels);
  return !ShapedType::isDynamic(groups) && d && (*d / groups) % kChannels == 0;
}

/// The group of channel `d`: d / (D / G), G from the varying projection.
Value groupOfChannel(LoweringBuilder &lb, Value d, Value channels, Value bm,
                     Value cm, int64_t varyingRank) {
  Value varying = getRank(bm) == varyingRank   ? bm
                  : getRank(cm) == varyingRank ? cm
                                               : Value();
  if (!varying)
    return lb.index(0);
  OpBuilder &b = lb.builder();
  Value perGroup =
      arith::DivUIOp::create(b, lb.location(), channels, lb.dim(varying, 1));
  return arith::DivUIOp::create(b, lb.location(), d, perGroup);
}

/// Block `blk`'s first channel and width (kChannels, or what is left; a
/// constant kChannels when a static channel count is a multiple of it, so
/// the channel loops have a constant trip count and the row's buffers a
/// static size).
std::pair<Value, Value> blockChannels(LoweringBuilder &lb, Value blk,
                                      Value channels) {
  OpBuilder &b = lb.builder();
  Location loc = lb.location();
  Value d0 = arith::MulIOp::create(b, loc, blk, lb.index(kChannels));
  std::optional<int64_t> count = getConstantIntValue(channels);
  if (count && *count % kChannels == 0)
    return {d0, lb.index(kChannels)};
  Value left = arith::SubIOp::create(b, loc, channels, d0);
  Value width = arith::MinUIOp::create(b, loc, left, lb.index(kChannels));
  return {d0, width};
}

OpFoldResult blockCount(LoweringBuilder &lb, Value channels) {
  OpBuilder &b = lb.builder();
  Value count = arith::CeilDivUIOp::create(b, lb.location(), channels,
                                           lb.index(kChannels));
  return getAsOpFoldResult(count);
}

/// The operands of a selective scan or of its step, as the block loops
/// read them: A as [N, D], time-invariant B/C as [N, D], time-varying ones
/// [B, G, (L,) N]; u, delta and z indexed [b, d (, t)].
struct ScanOperands {
  Value u, delta, z, aT, bT, cT, bias, skip;
  Value channels, b, c; // the original B and C, for their group count
  bool softplus;
  int64_t varyingRank; // rank of a time-varying B or C
  bool uniform;        // every block lies in one group (blocksShareGroup)
};

/// The operands of the scan or its step `op` as the block loops read them:
/// A transposed to [N, D], B and C through `projection`, whose rank when
/// time-varying is `varyingRank`.
template <typename ScanOpT>
ScanOperands scanOperands(LoweringBuilder &lb, ScanOpT op, Value channels,
                          int64_t varyingRank,
                          function_ref<Value(Value)> projection) {
  Value bm = op.getB(), cm = op.getC();
  return {op.getU(),
          op.getDelta(),
          op.getZ(),
          permuted(lb, op.getA(), {1, 0}),
          projection(bm),
          projection(cm),
          op.getDeltaBias(),
          op.getD(),
          channels,
          bm,
          cm,
          op.getDeltaSoftplus(),
          varyingRank,
          blocksShareGroup(channels, bm, cm, varyingRank)};
}

/// One step of the block of channels [d0, d0 + width) of batch `b`, at time
/// `t` (null for the step form); see stepBlock.
SmallVector<Value>
stepChannels(LoweringBuilder &lb, const ScanOperands &ops, Value b, Value d0,
             Value width, Value states, Value t, Value tile, Value slab,
             Value scratch, function_ref<Value(Value, Value, Value)> write) {
  OpBuilder &builder = lb.builder();
  Location loc = lb.location();
  SmallVector<Value> time;
  if (t)
    time.push_back(t);
  auto channel = [&](Value c) {
    return arith::AddIOp::create(builder, loc, d0, c).getResult();
  };
  // [b, d0 + c (, t)]: how u, delta and z are read.
  auto perChannel = [&](Value tensor) {
    return [&, tensor](Value c) {
      SmallVector<Value> indices = {b, channel(c)};
      indices.append(time.begin(), time.end());
      return lb.load(tensor, indices);
    };
  };
  auto input = perChannel(ops.u), delta = perChannel(ops.delta),
       gate = perChannel(ops.z);
  auto bias = [&](Value c) { return lb.load(ops.bias, channel(c)); };
  auto skip = [&](Value c) { return lb.load(ops.skip, channel(c)); };
  auto rate = [&](Value n, Value c) {
    return lb.load(ops.aT, {n, channel(c)});
  };
  // A time-varying projection at the block's group, or the channel's.
  auto varyingAt = [&](Value p, Value g, Value n) {
    SmallVector<Value> indices = {b, g};
    indices.append(time.begin(), time.end());
    indices.push_back(n);
    return lb.load(p, indices);
  };
  Value blockGroup =
      groupOfChannel(lb, d0, ops.channels, ops.b, ops.c, ops.varyingRank);
  auto uniformRead = [&](Value p) {
    return [&, p](Value n) { return varyingAt(p, blockGroup, n); };
  };
  auto channelRead = [&](Value p) {
    return [&, p](Value n, Value c) {
      if (getRank(p) == 2)
        return lb.load(p, {n, channel(c)});
      Value g = groupOfChannel(lb, channel(c), ops.channels, ops.b, ops.c,
                               ops.varyingRank);
      return varyingAt(p, g, n);
    };
  };
  auto uniB = uniformRead(ops.bT), uniC = uniformRead(ops.cT);
  auto chanB = channelRead(ops.bT), chanC = channelRead(ops.cT);
  bool uniformB = ops.uniform && getRank(ops.bT) == ops.varyingRank;
  bool uniformC = ops.uniform && getRank(ops.cT) == ops.varyingRank;
  StepReads reads{input,
                  delta,
                  ops.z ? function_ref<Value(Value)>(gate) : nullptr,
                  rate,
                  uniformB ? function_ref<Value(Value)>(uniB) : nullptr,
                  uniformC ? function_ref<Value(Value)>(uniC) : nullptr,
                  chanB,
                  chanC};
  BlockConstants constants{
      ops.bias ? function_ref<Value(Value)>(bias) : nullptr,
      ops.skip ? function_ref<Value(Value)>(skip) : nullptr, ops.softplus};
  return stepBlock(lb, width, states, tile, slab, scratch, reads, constants,
                   write);
}

/// A [3, kChannels] scratch for stepBlock.
Value blockScratch(LoweringBuilder &lb) {
  OpBuilder &b = lb.builder();
  return lb.empty({b.getIndexAttr(3), b.getIndexAttr(kChannels)},
                  lb.computeType());
}

struct SelectiveScanLowering : OpRewritePattern<seq::SelectiveScanOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(seq::SelectiveScanOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    LoweringBuilder lb(rewriter, loc, elementTypeOf(op.getU()));
    Value u = op.getU();
    SmallVector<OpFoldResult> uSizes = lb.sizes(u); // B, D, L
    OpFoldResult stateSize = lb.sizes(op.getA())[1];
    Value channels = lb.dim(u, 1), length = lb.dim(u, 2);
    Value states = lb.dim(op.getA(), 1);

    // Time-major projections, so the state loop walks them contiguously.
    auto projection = [&](Value p) {
      return getRank(p) == 4 ? permuted(lb, p, {0, 1, 3, 2}) // [B, G, L, N]
                             : permuted(lb, p, {1, 0});      // [N, D]
    };
    ScanOperands operands =
        scanOperands(lb, op, channels, /*varyingRank=*/4, projection);

    Type outType = elementTypeOf(op.getOut());
    SmallVector<Value> outputs = {lb.empty(uSizes, outType)};
    if (Value final = op.getFinalState())
      outputs.push_back(
          lb.empty({uSizes[0], uSizes[1], stateSize}, elementTypeOf(final)));

    ValueRange results = buildParallelRows(
        rewriter, loc, {uSizes[0], blockCount(lb, channels)}, outputs,
        [&](ValueRange ivs, ValueRange shared) -> SmallVector<RowSlice> {
          Value b = ivs[0];
          auto [d0, width] = blockChannels(lb, ivs[1], channels);
          Value tile =
              initialTile(lb, op.getInitialState(), b, d0, width, stateSize);
          SmallVector<OpFoldResult> slabOffsets = {b, d0, zero(rewriter)};
          SmallVector<OpFoldResult> slabSizes = {one(rewriter), width,
                                                 uSizes[2]};
          Value slab = extractSlab(rewriter, loc, shared[0], slabOffsets,
                                   slabSizes, {0, 1, 2});
          ValueRange loop =
              lb.forLoop(length, {tile, slab, blockScratch(lb)},
                         [&](Value t, ValueRange v) -> SmallVector<Value> {
                           Value zeroIndex = lb.index(0);
                           return stepChannels(
                               lb, operands, b, d0, width, states, t, v[0],
                               v[1], v[2], [&](Value c, Value y, Value into) {
                                 return lb.store(y, into, {zeroIndex, c, t});
                               });
                         });

          SmallVector<RowSlice> slices = {
              {loop[1], slabOffsets, slabSizes, units(rewriter, 3)}};
          if (Value final = op.getFinalState())
            slices.push_back({finalSlice(lb, loop[0], width, stateSize,
                                         elementTypeOf(final)),
                              {b, d0, zero(rewriter)},
                              {one(rewriter), width, stateSize},
                              units(rewriter, 3)});
          return slices;
        });
    replaceWithCasts(rewriter, op, results);
    return success();
  }
};

struct SelectiveScanStepLowering : OpRewritePattern<seq::SelectiveScanStepOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(seq::SelectiveScanStepOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    LoweringBuilder lb(rewriter, loc, elementTypeOf(op.getU()));
    Value u = op.getU(); // [B, D]
    SmallVector<OpFoldResult> uSizes = lb.sizes(u);
    OpFoldResult stateSize = lb.sizes(op.getA())[1];
    Value channels = lb.dim(u, 1), states = lb.dim(op.getA(), 1);
    auto projection = [&](Value p) {
      return getRank(p) == 2 ? permuted(lb, p, {1, 0}) : p; // [N, D]
    };
    ScanOperands operands =
        scanOperands(lb, op, channels, /*varyingRank=*/3, projection);

    SmallVector<Value> outputs = {
        lb.empty(uSizes, elementTypeOf(op.getOut())),
        lb.empty(lb.sizes(op.getState()), elementTypeOf(op.getNewState()))};
    ValueRange results = buildParallelRows(
        rewriter, loc, {uSizes[0], blockCount(lb, channels)}, outputs,
        [&](ValueRange ivs, ValueRange shared) -> SmallVector<RowSlice> {
          Value b = ivs[0];
          auto [d0, width] = blockChannels(lb, ivs[1], channels);
          Value tile = initialTile(lb, op.getState(), b, d0, width, stateSize);
          SmallVector<OpFoldResult> slabOffsets = {b, d0};
          SmallVector<OpFoldResult> slabSizes = {one(rewriter), width};
          Value slab = extractSlab(rewriter, loc, shared[0], slabOffsets,
                                   slabSizes, {0, 1});
          Value zeroIndex = lb.index(0);
          SmallVector<Value> stepped = stepChannels(
              lb, operands, b, d0, width, states, /*t=*/Value(), tile, slab,
              blockScratch(lb), [&](Value c, Value y, Value into) {
                return lb.store(y, into, {zeroIndex, c});
              });
          return {{stepped[1], slabOffsets, slabSizes, units(rewriter, 2)},
                  {finalSlice(lb, stepped[0], width, stateSize,
                              elementTypeOf(op.getNewState())),
                   {b, d0, zero(rewriter)},
                   {one(rewriter), width, stateSize},
                   units(rewriter, 3)}};
        });
    replaceWithCasts(rewriter, op, results);
    return success();
  }
};

} // namespace

void mlir::seqc::populateSelectiveScanLoweringPatterns(
    RewritePatternSet &patterns) {
  patterns.add<SelectiveScanLowering, SelectiveScanStepLowering>(
      patterns.getContext());
}
