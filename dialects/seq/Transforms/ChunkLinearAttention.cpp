//===- ChunkLinearAttention.cpp - The chunked form of linear attention ----===//
//
// docs/ops.md, section 3: within a chunk of C steps the recurrence
// S_t = exp(g_t) S_{t-1} + k_t^T v_t unrolls into products of [C, K],
// [C, C] and [K, V] matrices, and only the chunk's final state is carried
// to the next chunk. The products run in the matmul kernels of the CPU
// codegen instead of a K x V state update per step.
//
// The delta rules (S' = d S; S = S' + beta k^T (v - k S')) take the same
// form once each chunk's values are replaced by the pseudo-values
// u = T (beta v) - T (beta e^b k) S_prev of the WY / UT representation,
// T = (I + tril(beta e^{b_s - b_r} k_s . k_r, -1))^-1 (docs/ops.md, section
// 3): T is one C x C triangular inverse per chunk, the rest are products.
// Per-key-dim decay (GLA) forms the weights by sub-chunks, pairwise on the
// diagonal, so that no exp factor exceeds 1.
//
//===----------------------------------------------------------------------===//

#include "dialects/seq/Transforms/Passes.h"

#include "dialects/seq/IR/SeqOps.h"
#include "dialects/seq/Transforms/ChunkingPreconditions.h"
#include "dialects/seq/Transforms/ElementwiseBuilders.h"

#include "mlir/Dialect/Utils/IndexingUtils.h"
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

/// In a generic body over (t, s, ...): `value` where column s is at or
/// left of row t (strictly left when `strict`), else 0 (the causal mask of
/// the chunked products).
Value lowerTriangle(OpBuilder &nb, Location nloc, Value value, bool strict) {
  Value t = linalg::IndexOp::create(nb, nloc, 0);
  Value s = linalg::IndexOp::create(nb, nloc, 1);
  Value inside = arith::CmpIOp::create(
      nb, nloc, strict ? arith::CmpIPredicate::ult : arith::CmpIPredicate::ule,
      s, t);
  Value none = arith::ConstantOp::create(nb, nloc, nb.getF32FloatAttr(0.0f));
  return arith::SelectOp::create(nb, nloc, inside, value, none);
}

/// The operands of one (batch, state head) row, sliced once outside the
/// chunk loop. Null where the op has no such operand.
struct HeadRows {
  Value queryBatch, firstQuery; // queries: q[queryBatch, firstQuery + r]
  Value keys;                   // [L, K]
  Value values;                 // [L, V]
  Value gates;                  // [L] (decay<scalar>)
  Value gamma;                  // scalar log-decay (decay<fixed>)
  Value betas;                  // [L] (the delta rules)
  // Products that depend only on the key head, computed for every whole
  // chunk before the loop: [B, Hk, chunks, C, C] (or null), read at
  // [keyBatch, keyHead, chunk].
  Value keyBatch, keyHead;
  Value sharedScores; // q k^T, when the query head follows the key head
  Value sharedGram;   // k k^T (the delta rules)
};

/// An operand of the op read through a layout change: logical dim i (the
/// op's [B, H, L, D] order) is dim perm[i] of `source`. Exporters hand
/// linear attention [B, L, H, D] tensors that the importer transposes to
/// head-major; reading the slices of the chunked form from the original
/// tensor (strided rows, which the matmul kernels take as they are)
/// leaves the transposes dead instead of copying every operand.
struct OperandView {
  Value source;
  SmallVector<int64_t> perm;
};

/// The permutation of a pure transposing copy: a linalg.transpose, or an
/// all-parallel linalg.generic that yields its one input read through a
/// permutation map into an identity-mapped init. Result dim i is source
/// dim perm[i].
std::optional<SmallVector<int64_t>> transposePermutation(Operation *op) {
  if (auto transpose = dyn_cast_or_null<linalg::TransposeOp>(op))
    return llvm::to_vector(transpose.getPermutation());
  auto generic = dyn_cast_or_null<linalg::GenericOp>(op);
  if (!generic || generic.getNumDpsInputs() != 1 ||
      generic.getNumDpsInits() != 1 ||
      generic.getNumParallelLoops() != generic.getNumLoops())
    return std::nullopt;
  auto yield = cast<linalg::YieldOp>(generic.getBody()->getTerminator());
  if (yield.getNumOperands() != 1 ||
      yield.getOperand(0) != generic.getBody()->getArgument(0))
    return std::nullopt;
  AffineMap input = generic.getIndexingMapsArray()[0];
  AffineMap output = generic.getIndexingMapsArray()[1];
  if (!output.isIdentity() || !input.isPermutation())
    return std::nullopt;
  // Source dim j is read at iteration (= result) dim input(j).
  SmallVector<int64_t> readAt;
  for (unsigned j = 0; j < input.getNumResults(); ++j)
    readAt.push_back(input.getDimPosition(j));
  return invertPermutationVector(readAt);
}

/// For a transposing copy of the op's output: the result dim that holds
/// each logical dim (the inverse of its permutation).
SmallVector<int64_t> resultDimsOf(Operation *copy) {
  return invertPermutationVector(*transposePermutation(copy));
}

/// Whether slices that keep the logical dims `kept` (ascending) keep them
/// in the same order in the source.
bool keepsOrder(ArrayRef<int64_t> perm, ArrayRef<int64_t> kept) {
  for (size_t i = 1; i < kept.size(); ++i)
    if (perm[kept[i - 1]] > perm[kept[i]])
      return false;
  return true;
}

/// `value` itself, or the source of the transposing copy that produces it
/// when slices keeping `kept` can read the source directly.
OperandView viewOf(Value value, ArrayRef<int64_t> kept) {
  int64_t rank = cast<ShapedType>(value.getType()).getRank();
  OperandView identity{value, llvm::to_vector(llvm::seq<int64_t>(0, rank))};
  auto perm = transposePermutation(value.getDefiningOp());
  if (!perm || !keepsOrder(*perm, kept))
    return identity;
  return {value.getDefiningOp()->getOperand(0), *perm};
}

/// Offsets and sizes given in a view's logical order, in its source's.
std::pair<SmallVector<OpFoldResult>, SmallVector<int64_t>>
toSourceOrder(const OperandView &view, ArrayRef<OpFoldResult> offsets,
              ArrayRef<int64_t> sizes) {
  SmallVector<OpFoldResult> sourceOffsets(offsets.size());
  SmallVector<int64_t> sourceSizes(sizes.size());
  for (auto [dim, sourceDim] : llvm::enumerate(view.perm)) {
    sourceOffsets[sourceDim] = offsets[dim];
    sourceSizes[sourceDim] = sizes[dim];
  }
  return {sourceOffsets, sourceSizes};
}

/// Builds the chunked form of one seq.linear_attention whose shapes are
/// static and whose operands are f32 (seq-select-chunking checks both).
class ChunkedBuilder {
public:
  /// `outLayout`, when set, is a transposing copy that is the only user of
  /// the op's output: the chunked form then writes its result directly.
  ChunkedBuilder(OpBuilder &builder, LinearAttentionOp op, int64_t chunk,
                 Operation *outLayout)
      : b(builder), loc(op.getLoc()), op(op), chunk(chunk),
        decay(op.getDecay()), scale(op.getScaleOrDefault()),
        outLayout(outLayout) {
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

  /// The chunked form's results: the output (in the layout of
  /// `outLayout`'s result when set) and the final state.
  std::pair<Value, Value> build();

  /// The logical dims that the output's row slices keep.
  SmallVector<int64_t> outputKept() const {
    if (queriesPerState == 1)
      return {2, 3};
    return {1, 2, 3};
  }

private:
  Value index(int64_t value) {
    return arith::ConstantIndexOp::create(b, loc, value);
  }
  OpFoldResult at(int64_t value) { return b.getIndexAttr(value); }
  SmallVector<OpFoldResult> at(ArrayRef<int64_t> values) {
    return llvm::map_to_vector(values, [&](int64_t v) { return at(v); });
  }
  /// The map from `rank` iteration dims to the dims listed in `dims`.
  AffineMap map(unsigned rank, ArrayRef<unsigned> dims) {
    return projectionMap(rank, dims, b.getContext());
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
  /// The same through a view: offsets and sizes in the logical order.
  Value slice(const OperandView &view, ArrayRef<OpFoldResult> offsets,
              ArrayRef<int64_t> sizes, ArrayRef<int64_t> kept);
  /// `part` written into `into` at `offsets` with `sizes` (unit strides;
  /// `part` may drop the unit dims).
  Value insert(Value part, Value into, ArrayRef<OpFoldResult> offsets,
               ArrayRef<int64_t> sizes);
  /// The same as a forall's parallel_insert_slice, at the insertion point
  /// (the forall's terminator).
  void parallelInsert(Value part, Value into, ArrayRef<OpFoldResult> offsets,
                      ArrayRef<int64_t> sizes);
  /// acc + lhs * rhs over the iteration space (i, j, r) with i, j the dims
  /// of the [I, J] accumulator and r the reduction: a contraction that the
  /// CPU codegen hands to its matmul kernels.
  Value contract(Value lhs, AffineMap lhsMap, Value rhs, AffineMap rhsMap,
                 Value acc);
  /// factor exp(logDecay), or the factor alone for a null `logDecay`
  /// (decay<none>): the factor of every decayed product, built in a
  /// generic's body. The factor is the op's scale unless given.
  Value scaledDecay(OpBuilder &nb, Location nloc, Value logDecay,
                    std::optional<float> given = std::nullopt) const {
    Value factor = arith::ConstantOp::create(
        nb, nloc, nb.getF32FloatAttr(given.value_or(scale)));
    if (!logDecay)
      return factor;
    return arith::MulFOp::create(nb, nloc, factor,
                                 math::ExpOp::create(nb, nloc, logDecay));
  }
  /// The cumulative log-decay of the `steps` steps from `start` ([steps],
  /// or [steps, K] for decay<vector>), or null for decay<none>.
  Value cumulativeDecay(Value gateRow, Value gamma, Value start, int64_t steps);
  /// decay<vector>: the keys of the sub-chunks before each sub-chunk i,
  /// k_s exp(b_p - b_s) with p the last step before sub-chunk i (null for
  /// the first): no factor exceeds 1, and they do not depend on the query.
  SmallVector<Value> subChunkKeys(Value keys, Value cumulative, int64_t steps);
  /// decay<vector>: the chunk's weights, factor sum_k q_tk k_sk
  /// exp(b_tk - b_sk) for s <= t, else 0. Per sub-chunk of 8 steps, the
  /// block on the diagonal is formed pairwise and the blocks left of it
  /// are one product of (q_t exp(b_t - b_p)) and `subKeys`.
  Value vectorDecayWeights(Value queries, Value keys, Value cumulative,
                           ArrayRef<Value> subKeys, int64_t steps,
                           float factor);
  /// One chunk of `steps` steps from `start`: writes the chunk's outputs of
  /// every query head into `outRows` and returns it with the next state.
  std::pair<Value, Value> chunkStep(Value start, int64_t steps,
                                    const HeadRows &rows, Value state,
                                    Value outRows, Value chunkIndex);
  /// Computes q k^T (`scores`) and k k^T (`gram`) once per (batch, key head,
  /// whole chunk) when several states share them; returns the
  /// [B, Hk, chunks, C, C] tensors (null where not asked).
  std::pair<Value, Value> keyHeadProducts(bool scores, bool gram,
                                          int64_t chunks);
  /// The [C, C] slice of a keyHeadProducts result for one chunk.
  Value sharedChunk(Value products, const HeadRows &rows, Value chunkIndex) {
    Value zero = index(0);
    return slice(products,
                 {rows.keyBatch, rows.keyHead, chunkIndex, zero, zero},
                 {1, 1, 1, chunk, chunk}, {3, 4});
  }
  /// The delta rules' pseudo-values of one chunk, u = T (beta v) +
  /// T (-beta e^b k) S: the values that the additive form then uses.
  /// `gram` is k k^T when computed ahead, else null; for decay<vector> it
  /// is given with the decay inside, sum_k k_sk k_rk exp(b_sk - b_rk).
  Value deltaValues(Value keys, Value values, Value betas, Value cumulative,
                    Value state, int64_t steps, Value gram);
  /// (I - negatedLower)^-1 for a strictly lower-triangular [n, n]
  /// `negatedLower`, by blocks of 16 rows: the diagonal blocks by forward
  /// substitution, the blocks left of them by two products each.
  Value invertUnitLower(Value negatedLower, int64_t n);
  /// The same for a small diagonal block, by forward substitution: row i
  /// of the inverse is e_i + (row i of `negatedLower`) times the rows
  /// above it.
  Value substituteUnitLower(Value negatedLower, int64_t n);

  OpBuilder &b;
  Location loc;
  LinearAttentionOp op;
  int64_t chunk;
  DecayKind decay;
  float scale;
  Operation *outLayout;
  OperandView queryView;
  /// decay<vector>: steps per sub-chunk, the span over which the weights
  /// are formed pairwise (docs/ops.md, section 3, suggests 16): one exp per
  /// (t, s <= t, k) pair costs more than the products it replaces, and 8
  /// was fastest at B1 H8 L4096 K = V = 128 (4 and 16: 5-15% slower).
  static constexpr int64_t subChunk = 8;
  int64_t batch, queryHeads, keyHeads, valueHeads, stateHeads, outHeads;
  int64_t length, keyDim, valueDim, queriesPerState;
};

Value ChunkedBuilder::slice(Value source, ArrayRef<OpFoldResult> offsets,
                            ArrayRef<int64_t> sizes, ArrayRef<int64_t> kept) {
  SmallVector<int64_t> shape;
  for (int64_t dim : kept)
    shape.push_back(sizes[dim]);
  auto type = RankedTensorType::get(shape, b.getF32Type());
  return tensor::ExtractSliceOp::create(
      b, loc, type, source, offsets, at(sizes),
      at(SmallVector<int64_t>(sizes.size(), 1)));
}

Value ChunkedBuilder::slice(const OperandView &view,
                            ArrayRef<OpFoldResult> offsets,
                            ArrayRef<int64_t> sizes, ArrayRef<int64_t> kept) {
  auto [sourceOffsets, sourceSizes] = toSourceOrder(view, offsets, sizes);
  SmallVector<int64_t> sourceKept;
  for (int64_t dim : kept)
    sourceKept.push_back(view.perm[dim]);
  return slice(view.source, sourceOffsets, sourceSizes, sourceKept);
}

Value ChunkedBuilder::insert(Value part, Value into,
                             ArrayRef<OpFoldResult> offsets,
                             ArrayRef<int64_t> sizes) {
  return tensor::InsertSliceOp::create(
      b, loc, part, into, offsets, at(sizes),
      at(SmallVector<int64_t>(sizes.size(), 1)));
}

void ChunkedBuilder::parallelInsert(Value part, Value into,
                                    ArrayRef<OpFoldResult> offsets,
                                    ArrayRef<int64_t> sizes) {
  tensor::ParallelInsertSliceOp::create(
      b, loc, part, into, offsets, at(sizes),
      at(SmallVector<int64_t>(sizes.size(), 1)));
}

Value ChunkedBuilder::contract(Value lhs, AffineMap lhsMap, Value rhs,
                               AffineMap rhsMap, Value acc) {
  AffineMap accMap = map(3, {0, 1});
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
  if (decay == DecayKind::Vector) {
    // A running sum of [K] rows over the chunk, in step order, in place:
    // row t += row t - 1 (bufferization copies the gates once).
    Value gates = slice(gateRow, {start, index(0)}, {steps, keyDim}, {0, 1});
    auto loop = scf::ForOp::create(
        b, loc, index(1), index(steps), index(1), ValueRange{gates},
        [&](OpBuilder &nb, Location, Value t, ValueRange carried) {
          OpBuilder::InsertionGuard guard(b);
          b.setInsertionPointToEnd(nb.getInsertionBlock());
          Value before = arith::SubIOp::create(b, loc, t, index(1));
          Value previous =
              slice(carried[0], {before, index(0)}, {1, keyDim}, {1});
          Value current = slice(carried[0], {t, index(0)}, {1, keyDim}, {1});
          AffineMap identity = map(1, {0});
          auto add = linalg::GenericOp::create(
              b, loc, current.getType(), ValueRange{previous},
              ValueRange{current}, ArrayRef<AffineMap>{identity, identity},
              ArrayRef<utils::IteratorType>{utils::IteratorType::parallel},
              [](OpBuilder &eb, Location eloc, ValueRange args) {
                linalg::YieldOp::create(eb, eloc,
                                        ValueRange{arith::AddFOp::create(
                                            eb, eloc, args[1], args[0])});
              });
          scf::YieldOp::create(
              b, loc,
              insert(add.getResult(0), carried[0], {t, at(0)}, {1, keyDim}));
        });
    return loop.getResult(0);
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

Value ChunkedBuilder::substituteUnitLower(Value negatedLower, int64_t n) {
  Value zero = index(0);
  auto loop = scf::ForOp::create(
      b, loc, zero, index(n), index(1), ValueRange{zeros({n, n})},
      [&](OpBuilder &nb, Location, Value i, ValueRange carried) {
        OpBuilder::InsertionGuard guard(b);
        b.setInsertionPointToEnd(nb.getInsertionBlock());
        // Rows i.. of the inverse are still zero and the matrix is strictly
        // lower, so the product only sums over the rows above row i.
        Value lowerRow = slice(negatedLower, {i, zero}, {1, n}, {0, 1});
        Value row = contract(lowerRow, map(3, {0, 2}), carried[0],
                             map(3, {2, 1}), zeros({1, n}));
        row = tensor::InsertOp::create(b, loc, f32(1.0), row,
                                       ValueRange{zero, i});
        scf::YieldOp::create(b, loc,
                             insert(row, carried[0], {i, at(0)}, {1, n}));
      });
  return loop.getResult(0);
}

Value ChunkedBuilder::invertUnitLower(Value negatedLower, int64_t n) {
  // One row of substitution costs an n-wide product; in blocks of 16 rows
  // that is a loop of small products, and the blocks left of the diagonal
  // are matmuls: from (I - N) T = I, T_ij = T_ii sum_{m<i} N_im T_mj.
  constexpr int64_t block = 16;
  Value inverse = zeros({n, n});
  for (int64_t r0 = 0; r0 < n; r0 += block) {
    int64_t rows = std::min(block, n - r0);
    Value diagonal = substituteUnitLower(
        slice(negatedLower, {at(r0), at(r0)}, {rows, rows}, {0, 1}), rows);
    inverse = insert(diagonal, inverse, {at(r0), at(r0)}, {rows, rows});
    if (r0 == 0)
      continue;
    Value left = slice(negatedLower, {at(r0), at(0)}, {rows, r0}, {0, 1});
    Value above = slice(inverse, {at(0), at(0)}, {r0, r0}, {0, 1});
    Value sum = contract(left, map(3, {0, 2}), above, map(3, {2, 1}),
                         zeros({rows, r0}));
    Value part = contract(diagonal, map(3, {0, 2}), sum, map(3, {2, 1}),
                          zeros({rows, r0}));
    inverse = insert(part, inverse, {at(r0), at(0)}, {rows, r0});
  }
  return inverse;
}

Value ChunkedBuilder::deltaValues(Value keys, Value values, Value betas,
                                  Value cumulative, Value state, int64_t steps,
                                  Value gram) {
  // The correction that step s applies for step r < s of the same chunk:
  // lower[s, r] = -beta_s exp(b_s - b_r) k_s . k_r (pairwise, so no factor
  // exceeds 1).
  if (!gram)
    gram = contract(keys, map(3, {0, 2}), keys, map(3, {1, 2}),
                    zeros({steps, steps}));
  bool perKey = decay == DecayKind::Vector;
  bool pairwise = cumulative && !perKey;
  SmallVector<Value> lowerInputs = {gram, betas};
  SmallVector<SmallVector<unsigned>> lowerDims = {{0, 1}, {0}};
  if (pairwise) {
    lowerInputs.append({cumulative, cumulative});
    lowerDims.append({{0}, {1}});
  }
  Value lower = buildElementwise(
      b, loc, {steps, steps}, lowerInputs, lowerDims,
      [&](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
        Value weight = arith::MulFOp::create(nb, nloc, args[0], args[1]);
        if (pairwise) {
          Value diff = arith::SubFOp::create(nb, nloc, args[2], args[3]);
          weight = arith::MulFOp::create(nb, nloc, weight,
                                         math::ExpOp::create(nb, nloc, diff));
        }
        Value negated = arith::NegFOp::create(nb, nloc, weight);
        return lowerTriangle(nb, nloc, negated, /*strict=*/true);
      });
  Value inverse = invertUnitLower(lower, steps);

  // -beta_s exp(b_s) k_s (the decay from the chunk's start) and beta_s v_s.
  SmallVector<Value> keyInputs = {keys, betas};
  SmallVector<SmallVector<unsigned>> keyDims = {{0, 1}, {0}};
  if (cumulative) {
    keyInputs.push_back(cumulative);
    keyDims.push_back(perKey ? SmallVector<unsigned>{0, 1}
                             : SmallVector<unsigned>{0});
  }
  Value scaledKeys = buildElementwise(
      b, loc, {steps, keyDim}, keyInputs, keyDims,
      [&](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
        Value factor = args[1];
        if (cumulative)
          factor = arith::MulFOp::create(
              nb, nloc, factor, math::ExpOp::create(nb, nloc, args[2]));
        Value scaled = arith::MulFOp::create(nb, nloc, args[0], factor);
        return arith::NegFOp::create(nb, nloc, scaled);
      });
  Value scaledValues = buildElementwise(
      b, loc, {steps, valueDim}, {values, betas}, {{0, 1}, {0}},
      [&](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
        return arith::MulFOp::create(nb, nloc, args[0], args[1]);
      });
  Value negatedW = contract(inverse, map(3, {0, 2}), scaledKeys, map(3, {2, 1}),
                            zeros({steps, keyDim}));
  Value pseudo = contract(inverse, map(3, {0, 2}), scaledValues, map(3, {2, 1}),
                          zeros({steps, valueDim}));
  return contract(negatedW, map(3, {0, 2}), state, map(3, {2, 1}), pseudo);
}

SmallVector<Value> ChunkedBuilder::subChunkKeys(Value keys, Value cumulative,
                                                int64_t steps) {
  SmallVector<Value> result;
  for (int64_t i0 = 0; i0 < steps; i0 += subChunk) {
    if (i0 == 0) {
      result.push_back(nullptr);
      continue;
    }
    Value origin =
        slice(cumulative, {index(i0 - 1), index(0)}, {1, keyDim}, {1});
    result.push_back(buildElementwise(
        b, loc, {i0, keyDim},
        {slice(keys, {index(0), index(0)}, {i0, keyDim}, {0, 1}),
         slice(cumulative, {index(0), index(0)}, {i0, keyDim}, {0, 1}), origin},
        {{0, 1}, {0, 1}, {1}},
        [](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
          Value diff = arith::SubFOp::create(nb, nloc, args[2], args[1]);
          return arith::MulFOp::create(nb, nloc, args[0],
                                       math::ExpOp::create(nb, nloc, diff));
        }));
  }
  return result;
}

Value ChunkedBuilder::vectorDecayWeights(Value queries, Value keys,
                                         Value cumulative,
                                         ArrayRef<Value> subKeys, int64_t steps,
                                         float factor) {
  Value weights = zeros({steps, steps});
  for (int64_t i0 = 0, i = 0; i0 < steps; i0 += subChunk, ++i) {
    int64_t rows = std::min(subChunk, steps - i0);
    Value blockQueries =
        slice(queries, {at(i0), at(0)}, {rows, keyDim}, {0, 1});
    Value blockDecay =
        slice(cumulative, {at(i0), at(0)}, {rows, keyDim}, {0, 1});
    Value blockKeys = slice(keys, {at(i0), at(0)}, {rows, keyDim}, {0, 1});
    // The diagonal block: scale q_tk k_sk exp(b_tk - b_sk) summed over k,
    // for s <= t (the select keeps exp's overflow above the diagonal out).
    SmallVector<utils::IteratorType> iterators = {
        utils::IteratorType::parallel, utils::IteratorType::parallel,
        utils::IteratorType::reduction};
    auto diagonal = linalg::GenericOp::create(
        b, loc, TypeRange{RankedTensorType::get({rows, rows}, b.getF32Type())},
        ValueRange{blockQueries, blockKeys, blockDecay, blockDecay},
        ValueRange{zeros({rows, rows})},
        ArrayRef<AffineMap>{map(3, {0, 2}), map(3, {1, 2}), map(3, {0, 2}),
                            map(3, {1, 2}), map(3, {0, 1})},
        iterators, [&](OpBuilder &nb, Location nloc, ValueRange args) {
          Value diff = arith::SubFOp::create(nb, nloc, args[2], args[3]);
          Value product = arith::MulFOp::create(nb, nloc, args[0], args[1]);
          product = arith::MulFOp::create(nb, nloc, product,
                                          math::ExpOp::create(nb, nloc, diff));
          product = arith::MulFOp::create(
              nb, nloc, product,
              arith::ConstantOp::create(nb, nloc, nb.getF32FloatAttr(factor)));
          product = lowerTriangle(nb, nloc, product, /*strict=*/false);
          Value sum = arith::AddFOp::create(nb, nloc, args[4], product);
          linalg::YieldOp::create(nb, nloc, sum);
        });
    weights =
        insert(diagonal.getResult(0), weights, {at(i0), at(i0)}, {rows, rows});
    if (i0 == 0)
      continue;
    // Left of the diagonal, relative to the step p = i0 - 1 that separates
    // the columns from the rows: q_t exp(b_t - b_p) scale, times subKeys.
    Value origin = slice(cumulative, {at(i0 - 1), at(0)}, {1, keyDim}, {1});
    Value decayedQueries = buildElementwise(
        b, loc, {rows, keyDim}, {blockQueries, blockDecay, origin},
        {{0, 1}, {0, 1}, {1}},
        [&](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
          Value diff = arith::SubFOp::create(nb, nloc, args[1], args[2]);
          return arith::MulFOp::create(nb, nloc, args[0],
                                       scaledDecay(nb, nloc, diff, factor));
        });
    Value left = contract(decayedQueries, map(3, {0, 2}), subKeys[i],
                          map(3, {1, 2}), zeros({rows, i0}));
    weights = insert(left, weights, {at(i0), at(0)}, {rows, i0});
  }
  return weights;
}

std::pair<Value, Value> ChunkedBuilder::keyHeadProducts(bool scores, bool gram,
                                                        int64_t chunks) {
  SmallVector<Value> inits;
  auto type = RankedTensorType::get({batch, keyHeads, chunks, chunk, chunk},
                                    b.getF32Type());
  for (int i = 0, e = int(scores) + int(gram); i < e; ++i)
    inits.push_back(tensor::EmptyOp::create(b, loc, type.getShape(),
                                            type.getElementType()));
  auto forall = scf::ForallOp::create(b, loc, at({batch, keyHeads, chunks}),
                                      inits, std::nullopt);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPoint(forall.getTerminator());
  Value bi = forall.getInductionVar(0), hi = forall.getInductionVar(1);
  Value start =
      arith::MulIOp::create(b, loc, forall.getInductionVar(2), index(chunk));
  Value zero = index(0);
  // Query head hi goes with key head hi (the caller's precondition).
  Value keys = slice(viewOf(op.getK(), {2, 3}), {bi, hi, start, zero},
                     {1, 1, chunk, keyDim}, {2, 3});
  SmallVector<Value> products;
  if (scores) {
    Value queries =
        slice(queryView, {bi, hi, start, zero}, {1, 1, chunk, keyDim}, {2, 3});
    products.push_back(contract(queries, map(3, {0, 2}), keys, map(3, {1, 2}),
                                zeros({chunk, chunk})));
  }
  if (gram)
    products.push_back(contract(keys, map(3, {0, 2}), keys, map(3, {1, 2}),
                                zeros({chunk, chunk})));
  b.setInsertionPointToStart(forall.getTerminator().getBody());
  for (auto [product, shared] : llvm::zip(products, forall.getRegionIterArgs()))
    parallelInsert(product, shared,
                   {bi, hi, forall.getInductionVar(2), at(0), at(0)},
                   {1, 1, 1, chunk, chunk});
  Value scoresResult = scores ? forall.getResult(0) : Value();
  Value gramResult = gram ? forall.getResult(scores ? 1 : 0) : Value();
  return {scoresResult, gramResult};
}

std::pair<Value, Value> ChunkedBuilder::chunkStep(Value start, int64_t steps,
                                                  const HeadRows &rows,
                                                  Value state, Value outRows,
                                                  Value chunkIndex) {
  Value zero = index(0);
  Value keys = slice(rows.keys, {start, zero}, {steps, keyDim}, {0, 1});
  Value values = slice(rows.values, {start, zero}, {steps, valueDim}, {0, 1});
  Value cumulative = cumulativeDecay(rows.gates, rows.gamma, start, steps);
  bool perKey = decay == DecayKind::Vector;
  // The decay over the whole chunk: a scalar, or [K] for decay<vector>.
  Value last;
  if (perKey)
    last = slice(cumulative, {index(steps - 1), zero}, {1, keyDim}, {1});
  else if (cumulative)
    last = tensor::ExtractOp::create(b, loc, cumulative,
                                     ValueRange{index(steps - 1)});
  // The dims of the cumulative decay in a [steps, K] iteration space.
  SmallVector<unsigned> decayDims =
      perKey ? SmallVector<unsigned>{0, 1} : SmallVector<unsigned>{0};
  SmallVector<Value> subKeys;
  if (perKey)
    subKeys = subChunkKeys(keys, cumulative, steps);
  if (rows.betas) {
    // k k^T: shared by the states of a key head, or with the per-key-dim
    // decay inside (built like the weights, keys against keys).
    Value gram;
    if (perKey)
      gram = vectorDecayWeights(keys, keys, cumulative, subKeys, steps, 1.0f);
    else if (chunkIndex && rows.sharedGram)
      gram = sharedChunk(rows.sharedGram, rows, chunkIndex);
    values = deltaValues(keys, values, slice(rows.betas, {start}, {steps}, {0}),
                         cumulative, state, steps, gram);
  }

  // The outputs of one query head: the intra-chunk products against this
  // chunk's keys, then the queries against the state entering the chunk.
  auto headOutputs = [&](Value r, Value written) -> Value {
    Value head = arith::AddIOp::create(b, loc, rows.firstQuery, r);
    Value queries = slice(queryView, {rows.queryBatch, head, start, zero},
                          {1, 1, steps, keyDim}, {2, 3});
    Value weights;
    if (perKey) {
      weights =
          vectorDecayWeights(queries, keys, cumulative, subKeys, steps, scale);
    } else {
      // scores[t, s] = q_t . k_s
      Value scores = chunkIndex && rows.sharedScores
                         ? sharedChunk(rows.sharedScores, rows, chunkIndex)
                         : contract(queries, map(3, {0, 2}), keys,
                                    map(3, {1, 2}), zeros({steps, steps}));
      // weights[t, s] = s <= t ? scale exp(b_t - b_s) scores[t, s] : 0
      SmallVector<Value> weightInputs = {scores};
      SmallVector<SmallVector<unsigned>> weightDims = {{0, 1}};
      if (cumulative) {
        weightInputs.append({cumulative, cumulative});
        weightDims.append({{0}, {1}});
      }
      weights = buildElementwise(
          b, loc, {steps, steps}, weightInputs, weightDims,
          [&](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
            Value diff;
            if (cumulative)
              diff = arith::SubFOp::create(nb, nloc, args[1], args[2]);
            Value weighted = arith::MulFOp::create(nb, nloc, args[0],
                                                   scaledDecay(nb, nloc, diff));
            return lowerTriangle(nb, nloc, weighted, /*strict=*/false);
          });
    }
    // o = weights v
    Value out = contract(weights, map(3, {0, 2}), values, map(3, {2, 1}),
                         zeros({steps, valueDim}));
    // o += (scale exp(b_t) q_t) S
    SmallVector<Value> scaledInputs = {queries};
    SmallVector<SmallVector<unsigned>> scaledDims = {{0, 1}};
    if (cumulative) {
      scaledInputs.push_back(cumulative);
      scaledDims.push_back(decayDims);
    }
    Value scaled = buildElementwise(
        b, loc, {steps, keyDim}, scaledInputs, scaledDims,
        [&](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
          return arith::MulFOp::create(
              nb, nloc, args[0],
              scaledDecay(nb, nloc, cumulative ? args[1] : Value()));
        });
    out = contract(scaled, map(3, {0, 2}), state, map(3, {2, 1}), out);
    // The rows of one query head: [L, V], or [queriesPerState, L, V].
    if (queriesPerState > 1)
      return insert(out, written, {r, start, at(0)}, {1, steps, valueDim});
    return insert(out, written, {start, at(0)}, {steps, valueDim});
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
  if (perKey) {
    // Row k of the state decays by exp(bC_k).
    Value rowDecay = buildElementwise(
        b, loc, {keyDim}, {last}, {{0}},
        [](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
          return math::ExpOp::create(nb, nloc, args[0]);
        });
    decayedState = buildElementwise(
        b, loc, {keyDim, valueDim}, {state, rowDecay}, {{0, 1}, {0}},
        [](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
          return arith::MulFOp::create(nb, nloc, args[0], args[1]);
        });
    decayedKeys = buildElementwise(
        b, loc, {steps, keyDim}, {keys, cumulative, last},
        {{0, 1}, {0, 1}, {1}},
        [](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
          Value toEnd = arith::SubFOp::create(nb, nloc, args[2], args[1]);
          return arith::MulFOp::create(nb, nloc, args[0],
                                       math::ExpOp::create(nb, nloc, toEnd));
        });
  } else if (cumulative) {
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
  // The output in the op's layout, or written through `outLayout`: logical
  // dim i is dim outPerm[i] of the result.
  OperandView outView;
  RankedTensorType outType = RankedTensorType::get(
      {batch, outHeads, length, valueDim}, b.getF32Type());
  outView.perm = {0, 1, 2, 3};
  if (outLayout) {
    outType = cast<RankedTensorType>(outLayout->getResult(0).getType());
    outView.perm = resultDimsOf(outLayout);
  }
  // Products that several states would compute alike: q k^T when the
  // query head follows the key head (SSD's groups, values with more heads
  // than keys), k k^T for the delta rules when keys are shared.
  queryView = viewOf(op.getQ(), {2, 3});
  int64_t fullChunks = length / chunk, rest = length % chunk;
  bool keysShared = keyHeads < stateHeads && fullChunks > 0;
  bool shareScores = keysShared && queriesPerState == 1 &&
                     queryHeads == keyHeads && decay != DecayKind::Vector;
  bool shareGram = keysShared && op.getBeta() && decay != DecayKind::Vector;
  Value sharedScores, sharedGram;
  if (shareScores || shareGram)
    std::tie(sharedScores, sharedGram) =
        keyHeadProducts(shareScores, shareGram, fullChunks);

  Value outInit = tensor::EmptyOp::create(b, loc, outType.getShape(),
                                          outType.getElementType());
  Value stateInit = tensor::EmptyOp::create(
      b, loc, ArrayRef<int64_t>{batch, stateHeads, keyDim, valueDim},
      b.getF32Type());
  auto forall =
      scf::ForallOp::create(b, loc, at({batch, stateHeads}),
                            ValueRange{outInit, stateInit}, std::nullopt);
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
  // With several queries per state, outHeads == queryHeads: query head
  // firstOut + r.
  Value qHead = divide(firstOut, outHeads / queryHeads);
  Value kRow = slice(viewOf(op.getK(), {2, 3}), {bi, kHead, zero, zero},
                     {1, 1, length, keyDim}, {2, 3});
  Value vRow = slice(viewOf(op.getV(), {2, 3}), {bi, vHead, zero, zero},
                     {1, 1, length, valueDim}, {2, 3});
  HeadRows rows{bi,      qHead, kRow,  vRow,         Value(),   Value(),
                Value(), bi,    kHead, sharedScores, sharedGram};
  if (decay == DecayKind::Scalar)
    rows.gates =
        slice(viewOf(op.getGate(), {2}), {bi, si, zero}, {1, 1, length}, {2});
  if (decay == DecayKind::Vector)
    rows.gates = slice(viewOf(op.getGate(), {2, 3}), {bi, si, zero, zero},
                       {1, 1, length, keyDim}, {2, 3});
  if (decay == DecayKind::Fixed)
    rows.gamma =
        tensor::ExtractOp::create(b, loc, op.getGate(), ValueRange{si});
  if (op.getBeta())
    rows.betas =
        slice(viewOf(op.getBeta(), {2}), {bi, si, zero}, {1, 1, length}, {2});
  Value state =
      op.getInitialState()
          ? slice(viewOf(op.getInitialState(), {2, 3}), {bi, si, zero, zero},
                  {1, 1, keyDim, valueDim}, {2, 3})
          : zeros({keyDim, valueDim});
  Value sharedOut = forall.getRegionIterArgs()[0];
  OperandView sharedView{sharedOut, outView.perm};
  SmallVector<OpFoldResult> outOffsets = {bi, firstOut, zero, zero};
  SmallVector<int64_t> outSizes = {1, queriesPerState, length, valueDim};
  Value outRows = slice(sharedView, outOffsets, outSizes, outputKept());

  if (fullChunks > 0) {
    auto loop = scf::ForOp::create(
        b, loc, zero, index(fullChunks), index(1), ValueRange{state, outRows},
        [&](OpBuilder &nb, Location, Value c, ValueRange carried) {
          OpBuilder::InsertionGuard inner(b);
          b.setInsertionPointToEnd(nb.getInsertionBlock());
          Value start = arith::MulIOp::create(b, loc, c, index(chunk));
          auto [next, written] =
              chunkStep(start, chunk, rows, carried[0], carried[1], c);
          scf::YieldOp::create(b, loc, ValueRange{next, written});
        });
    state = loop.getResult(0);
    outRows = loop.getResult(1);
  }
  if (rest > 0)
    std::tie(state, outRows) = chunkStep(index(fullChunks * chunk), rest, rows,
                                         state, outRows, Value());

  b.setInsertionPointToStart(forall.getTerminator().getBody());
  auto [sharedOffsets, sharedSizes] =
      toSourceOrder(sharedView, outOffsets, outSizes);
  parallelInsert(outRows, sharedOut, sharedOffsets, sharedSizes);
  parallelInsert(state, forall.getRegionIterArgs()[1], {bi, si, zero, zero},
                 {1, 1, keyDim, valueDim});
  return {forall.getResult(0), forall.getResult(1)};
}

struct ChunkLinearAttentionPass
    : mlir::seq::impl::ChunkLinearAttentionBase<ChunkLinearAttentionPass> {
  using Base::Base;

  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    for (auto [op, config] : configuredOps<LinearAttentionOp>(getOperation())) {
      // A config on an op that the chunked form does not cover is an error,
      // not a silent fallback: it was pinned by hand or by a wrong strategy.
      if (failed(verifyStaticF32Tensors(op)))
        return signalPassFailure();
      rewriter.setInsertionPoint(op);
      Operation *outLayout = outputLayout(op);
      ChunkedBuilder builder(rewriter, op, config.getChunkSize(), outLayout);
      auto [out, state] = builder.build();
      if (op.getFinalState())
        rewriter.replaceAllUsesWith(op.getFinalState(), state);
      if (outLayout) {
        rewriter.replaceAllUsesWith(outLayout->getResult(0), out);
        rewriter.eraseOp(outLayout);
      } else {
        rewriter.replaceAllUsesWith(op.getOut(), out);
      }
      rewriter.eraseOp(op);
    }
  }

  /// The transposing copy that is the only user of the op's output, when
  /// the chunked form can write that layout directly: one query head per
  /// state (so each row slice is one [L, V] head), and the L and V dims in
  /// their order.
  static Operation *outputLayout(LinearAttentionOp op) {
    if (!op.getOut().hasOneUse())
      return nullptr;
    Operation *user = *op.getOut().getUsers().begin();
    if (!transposePermutation(user))
      return nullptr;
    int64_t heads = op.getOut().getType().getDimSize(1);
    int64_t states = std::max(op.getK().getType().getDimSize(1),
                              op.getV().getType().getDimSize(1));
    if (heads != states || !keepsOrder(resultDimsOf(user), {2, 3}))
      return nullptr;
    return user;
  }
};

} // namespace
