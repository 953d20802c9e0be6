//===- ParallelRows.h - scf.forall over independent rows --------*- C++ -*-===//
//
// Every recurrent seq op runs one independent recurrence per "row" (batch x
// channel, batch x head x head-dim, ...). This builds the scf.forall over
// the rows, hands the body the induction variables and the shared output
// tensors, and inserts the slices the body returns back in parallel.
//
//===----------------------------------------------------------------------===//

#ifndef SEQC_COMPILER_CONVERSION_SEQTOLINALG_PARALLELROWS_H
#define SEQC_COMPILER_CONVERSION_SEQTOLINALG_PARALLELROWS_H

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Builders.h"

namespace mlir::seqc {

/// A slice of a shared output that one row produces.
struct RowSlice {
  Value source; // the row's values (possibly rank-reduced)
  SmallVector<OpFoldResult> offsets, sizes, strides;
};

/// `n` unit sizes or strides.
inline SmallVector<OpFoldResult> units(OpBuilder &builder, size_t n) {
  return SmallVector<OpFoldResult>(n, builder.getIndexAttr(1));
}

/// Builds `scf.forall` over `upperBounds` with `outputs` as shared outputs.
/// `body(ivs, sharedOutputs)` returns one RowSlice per output. Returns the
/// forall results (the filled outputs).
ValueRange buildParallelRows(
    OpBuilder &builder, Location loc, ArrayRef<OpFoldResult> upperBounds,
    ValueRange outputs,
    function_ref<SmallVector<RowSlice>(ValueRange, ValueRange)> body);

/// Extracts the 1-D row of `tensor` along dim `rowDim` (every other size in
/// `sizes` is 1 and is dropped), with unit strides.
Value extractRow(OpBuilder &builder, Location loc, Value tensor,
                 ArrayRef<OpFoldResult> offsets, ArrayRef<OpFoldResult> sizes,
                 int64_t rowDim);

/// Extracts the slice of `tensor` at `offsets`/`sizes` keeping only the dims
/// in `keptDims` (the others have size 1 and are dropped), unit strides.
Value extractSlab(OpBuilder &builder, Location loc, Value tensor,
                  ArrayRef<OpFoldResult> offsets, ArrayRef<OpFoldResult> sizes,
                  ArrayRef<int64_t> keptDims);

} // namespace mlir::seqc

#endif // SEQC_COMPILER_CONVERSION_SEQTOLINALG_PARALLELROWS_H
