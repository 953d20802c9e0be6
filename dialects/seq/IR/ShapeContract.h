//===- ShapeContract.h - Named-dimension shape checks -----------*- C++ -*-===//
//
// The seq verifiers state each op's shapes the way docs/ops.md does, as
// lists of named dimensions ("u: [B, D, L]", "A: [D, N]"). ShapeContract
// binds every name to the first static size it meets and reports the first
// operand or result that disagrees, in one diagnostic that names the value,
// the expected shape and what it got:
//
//   'seq.selective_scan' op operand `A` must have shape [D, N] = [4, 16],
//   got [4, 8]
//
// Dynamic sizes match anything and bind nothing.
//
//===----------------------------------------------------------------------===//

#ifndef SEQC_DIALECTS_SEQ_IR_SHAPECONTRACT_H
#define SEQC_DIALECTS_SEQ_IR_SHAPECONTRACT_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Operation.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"

#include <optional>

namespace mlir::seq {

class ShapeContract {
public:
  explicit ShapeContract(Operation *op) : op(op) {}

  /// Checks that `value`, an operand or result called `name`, is a ranked
  /// tensor whose shape matches `dims`, then binds the names still unbound
  /// to its static sizes. A leading "..." stands for any number of leading
  /// dims, which must agree with the leading dims of earlier "..." shapes.
  /// A null `value` (an absent optional operand) passes.
  LogicalResult check(StringRef name, Value value, ArrayRef<StringRef> dims);

  /// Checks `value` against one of two layouts told apart by rank (e.g. a
  /// time-varying [B, G, N, L] or a time-invariant [D, N] projection);
  /// `noteA`/`noteB` say what each layout means in the diagnostic.
  LogicalResult checkEither(StringRef name, Value value,
                            ArrayRef<StringRef> dimsA, StringRef noteA,
                            ArrayRef<StringRef> dimsB, StringRef noteB);

  /// Binds `symbol` to `size` unless it is dynamic or already bound.
  void bind(StringRef symbol, int64_t size);

  /// The size bound to `symbol`, or std::nullopt when it is not known.
  std::optional<int64_t> lookup(StringRef symbol) const;

  /// Checks that `value` has the element type of `reference`.
  LogicalResult sameElementType(StringRef name, Value value,
                                StringRef referenceName, Value reference);

  /// Checks that every (name, value) in `values` has `reference`'s element
  /// type.
  LogicalResult sameElementTypes(StringRef referenceName, Value reference,
                                 ArrayRef<std::pair<StringRef, Value>> values);

  /// Checks that `value` has element type `expected`.
  LogicalResult elementType(StringRef name, Value value, Type expected);

  /// Emits "'op' op <kind> `name` ..." for `value`, an operand or result.
  InFlightDiagnostic emitValueError(StringRef name, Value value);

  Operation *getOperation() const { return op; }

private:
  std::string expectedShape(ArrayRef<StringRef> dims) const;

  Operation *op;
  llvm::StringMap<int64_t> sizes;
  std::optional<llvm::SmallVector<int64_t>> leadingDims;
};

/// The rank of `value`'s ranked tensor type.
int64_t getRank(Value value);

/// The size of dim `index` of `value`'s ranked tensor type (negative
/// indices count from the back).
int64_t getDim(Value value, int64_t index);

/// Checks the rank of `value` against `dims` (as ShapeContract::check does)
/// for result type inference. The verifier runs first on parsed IR, so this
/// guards ops built without result types, where inference runs before any
/// verifier; it emits the same diagnostic at `location` when given.
LogicalResult checkRankForInference(std::optional<Location> location,
                                    StringRef opName, StringRef name,
                                    Value value, ArrayRef<StringRef> dims);

/// Whether inferred and declared result types agree: same element types and
/// compatible shapes (a dynamic size matches any size).
bool areCompatibleTensorTypes(TypeRange inferred, TypeRange declared);

} // namespace mlir::seq

#endif // SEQC_DIALECTS_SEQ_IR_SHAPECONTRACT_H
