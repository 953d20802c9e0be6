//===- ElementwiseBuilders.h - linalg.generic builders for rewrites -*- C++
//-*-===//
//
// The elementwise linalg.generics that the seq-level rewrites emit around
// their contractions (decay weights, layout changes, gates), each operand
// read through a projection of the iteration dims.
//
//===----------------------------------------------------------------------===//

#ifndef SEQC_DIALECTS_SEQ_TRANSFORMS_ELEMENTWISEBUILDERS_H
#define SEQC_DIALECTS_SEQ_TRANSFORMS_ELEMENTWISEBUILDERS_H

#include "mlir/IR/AffineMap.h"
#include "mlir/IR/Builders.h"

namespace mlir::seq {

/// The map from `rank` iteration dims to the dims listed in `dims`.
AffineMap projectionMap(unsigned rank, ArrayRef<unsigned> dims,
                        MLIRContext *context);

/// An all-parallel linalg.generic whose f32 result is `shape` (iteration
/// dim i is result dim i) and whose input i is read at `inputDims[i]`.
/// `body` gets the block arguments (inputs, then the output) and returns
/// the value to yield.
Value buildElementwise(
    OpBuilder &b, Location loc, ArrayRef<int64_t> shape, ValueRange inputs,
    ArrayRef<SmallVector<unsigned>> inputDims,
    function_ref<Value(OpBuilder &, Location, ValueRange)> body);

/// `source` (f32) with its dims permuted: result dim i is source dim
/// perm[i].
Value buildTranspose(OpBuilder &b, Location loc, Value source,
                     ArrayRef<unsigned> perm);

} // namespace mlir::seq

#endif // SEQC_DIALECTS_SEQ_TRANSFORMS_ELEMENTWISEBUILDERS_H
