//===- LoweringBuilder.h - Scalar and loop building for seq lowerings -*- C++
//-*-===//
//
// The seq lowerings spell the recurrences of docs/ops.md out as loops over
// scalars read from and written to tensors. LoweringBuilder holds the
// builder, the location and the compute type (f32, or f64 for f64 data)
// and builds the handful of scalar functions the equations use, so each
// lowering reads like its equation.
//
//===----------------------------------------------------------------------===//

#ifndef SEQC_COMPILER_CONVERSION_SEQTOLINALG_LOWERINGBUILDER_H
#define SEQC_COMPILER_CONVERSION_SEQTOLINALG_LOWERINGBUILDER_H

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::seqc {

class LoweringBuilder {
public:
  /// `dataType` is the element type of the op's activations; the compute
  /// type is f32 unless that is wider.
  LoweringBuilder(OpBuilder &builder, Location loc, Type dataType);

  OpBuilder &builder() { return b; }
  Location location() const { return loc; }
  FloatType computeType() const { return compute; }

  Value index(int64_t value);
  Value constant(double value);
  /// `tensor`'s size along `dim` as an index value.
  Value dim(Value tensor, int64_t dim);
  /// The sizes of `tensor` as OpFoldResults (static where known).
  SmallVector<OpFoldResult> sizes(Value tensor);

  /// Reads `tensor[indices]` and converts it to the compute type.
  Value load(Value tensor, ValueRange indices);
  /// Converts `value` to the element type of `tensor` and writes it at
  /// `indices`, returning the updated tensor.
  Value store(Value value, Value tensor, ValueRange indices);
  /// Converts a float scalar to `type` (extension or truncation).
  Value convert(Value value, Type type);

  Value add(Value lhs, Value rhs);
  /// An addition that may be reassociated: for reductions, which LLVM
  /// vectorizes only when it may reorder them.
  Value addReassoc(Value lhs, Value rhs);
  Value sub(Value lhs, Value rhs);
  Value mul(Value lhs, Value rhs);
  Value div(Value lhs, Value rhs);
  Value exp(Value x);
  Value sigmoid(Value x);
  /// x * sigmoid(x).
  Value silu(Value x);
  /// log(1 + e^x), or x itself for x > 20 (docs/ops.md).
  Value softplus(Value x);
  Value sqrt(Value x);

  /// An uninitialized tensor shaped like `sizes`.
  Value empty(ArrayRef<OpFoldResult> sizes, Type elementType);
  /// A tensor of `sizes` filled with `value` (a compute-type scalar
  /// converted to `elementType`).
  Value filled(ArrayRef<OpFoldResult> sizes, Type elementType, double value);
  /// A 0-d tensor of `elementType` holding `value` (converted): what a step
  /// op's row writes into its output at (batch, channel/head...).
  Value scalarTensor(Value value, Type elementType);
  /// `tensor` with every element converted to `elementType` (the same
  /// value when it already has it).
  Value convertTensor(Value tensor, Type elementType);

  /// Builds `scf.for %i = 0 to %upper` carrying `inits`; `body` gets the
  /// induction variable and the carried values and returns the values to
  /// yield. Returns the loop's results.
  ValueRange forLoop(Value upper, ValueRange inits,
                     function_ref<SmallVector<Value>(Value, ValueRange)> body);
  /// The same from `lower` instead of 0.
  ValueRange forLoop(Value lower, Value upper, ValueRange inits,
                     function_ref<SmallVector<Value>(Value, ValueRange)> body);

private:
  OpBuilder &b;
  Location loc;
  FloatType compute;
};

/// The element type of a tensor value.
Type elementTypeOf(Value tensor);

/// `values` with every constant index value replaced by its attribute. Ops
/// whose result type follows from their sizes (tensor.empty, slices) must
/// see a size that folded to a constant (the dim of a cast static tensor)
/// as the constant it is, or their types disagree with later folding.
SmallVector<OpFoldResult> foldConstants(OpBuilder &builder,
                                        ArrayRef<OpFoldResult> values);

/// Splits the last dim of a [M, n] tensor into `parts` ([M, a, b]), `rows`
/// being M. Sizes known as constants are made static on both sides (a cast
/// refines or relaxes the source first), as expand_shape requires its
/// static and dynamic dims to agree.
Value expandLastDim(LoweringBuilder &lb, Value value, OpFoldResult rows,
                    ArrayRef<OpFoldResult> parts);

/// Reshapes `rows` ([M, N], M the collapsed leading dims of `like`) to
/// `like`'s leading dims + [N], with the same care for static sizes.
Value restoreLeadingDims(LoweringBuilder &lb, Value rows, Value like);

/// Replaces `op` by `values`, each cast to the op's result type where the
/// lowering derived a more (or less) static type from the operands.
void replaceWithCasts(RewriterBase &rewriter, Operation *op, ValueRange values);

} // namespace mlir::seqc

#endif // SEQC_COMPILER_CONVERSION_SEQTOLINALG_LOWERINGBUILDER_H
