//===- NormToLinalg.cpp - RMS normalization to loops ----------------------===//
//
// Lowers seq.rms_norm (docs/ops.md §6): one parallel task per row and
// group, each summing the squares of its slice and then scaling it:
//
//   v = x (* silu(z));  y = v / sqrt(mean(v^2) + eps) * w
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

struct RMSNormLowering : OpRewritePattern<seq::RMSNormOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(seq::RMSNormOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    LoweringBuilder lb(rewriter, loc, elementTypeOf(op.getX()));
    Value x = op.getX(), gate = op.getGate(), weight = op.getWeight();
    int64_t rank = cast<RankedTensorType>(x.getType()).getRank();
    SmallVector<OpFoldResult> xSizes = lb.sizes(x);
    int64_t groups = op.getGroups();
    Value width = lb.dim(x, rank - 1);
    Value groupWidth =
        arith::DivUIOp::create(rewriter, loc, width, lb.index(groups));
    OpFoldResult groupWidthOfr = getAsOpFoldResult(groupWidth);

    SmallVector<OpFoldResult> bounds(xSizes.begin(), xSizes.end() - 1);
    bounds.push_back(rewriter.getIndexAttr(groups));
    Value output = lb.empty(xSizes, elementTypeOf(op.getY()));
    double eps = op.getEps().convertToDouble();

    ValueRange results = buildParallelRows(
        rewriter, loc, bounds, output,
        [&](ValueRange ivs, ValueRange shared) -> SmallVector<RowSlice> {
          SmallVector<Value> lead(ivs.drop_back());
          Value start =
              arith::MulIOp::create(rewriter, loc, ivs.back(), groupWidth);
          auto indexAt = [&](Value i) {
            SmallVector<Value> indices(lead);
            indices.push_back(arith::AddIOp::create(rewriter, loc, start, i));
            return indices;
          };
          auto gated = [&](Value i) {
            Value v = lb.load(x, indexAt(i));
            if (gate)
              v = lb.mul(v, lb.silu(lb.load(gate, indexAt(i))));
            return v;
          };
          ValueRange sum =
              lb.forLoop(groupWidth, {lb.constant(0.0)},
                         [&](Value i, ValueRange acc) -> SmallVector<Value> {
                           // Reassociable, so that LLVM vectorizes
                           // the sum of squares (partial sums per lane).
                           Value v = gated(i);
                           return {lb.addReassoc(acc[0], lb.mul(v, v))};
                         });
          Value count = arith::UIToFPOp::create(
              rewriter, loc, lb.computeType(),
              arith::IndexCastUIOp::create(rewriter, loc, rewriter.getI64Type(),
                                           groupWidth));
          Value inverse =
              lb.div(lb.constant(1.0),
                     lb.sqrt(lb.add(lb.div(sum[0], count), lb.constant(eps))));

          SmallVector<OpFoldResult> offsets(lead.begin(), lead.end());
          offsets.push_back(start);
          SmallVector<OpFoldResult> sizes(lead.size(),
                                          rewriter.getIndexAttr(1));
          sizes.push_back(groupWidthOfr);
          Value row = extractRow(rewriter, loc, shared[0], offsets, sizes,
                                 /*rowDim=*/sizes.size() - 1);
          ValueRange filled = lb.forLoop(
              groupWidth, {row},
              [&](Value i, ValueRange carried) -> SmallVector<Value> {
                Value channel = arith::AddIOp::create(rewriter, loc, start, i);
                Value y =
                    lb.mul(lb.mul(gated(i), inverse), lb.load(weight, channel));
                return {lb.store(y, carried[0], i)};
              });
          SmallVector<OpFoldResult> strides(sizes.size(),
                                            rewriter.getIndexAttr(1));
          return {{filled[0], offsets, sizes, strides}};
        });
    replaceWithCasts(rewriter, op, results);
    return success();
  }
};

} // namespace

void mlir::seqc::populateNormLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<RMSNormLowering>(patterns.getContext());
}
