//===- TensorBuilders.h - IR building blocks for op importers --*- C++ -*-===//
//
// ONNX ops are mostly numpy-style tensor expressions. These helpers build
// them from linalg.generic (with broadcasting indexing maps), tensor
// reshapes and arith scalars, on static shapes.
//
//===----------------------------------------------------------------------===//

#ifndef SEQC_FRONTEND_ONNX_TENSORBUILDERS_H
#define SEQC_FRONTEND_ONNX_TENSORBUILDERS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

#include <optional>

namespace mlir::seqc::onnx_import {

using ScalarBody = llvm::function_ref<Value(OpBuilder &, Location, ValueRange)>;

/// The numpy broadcast of `shapes`, or nullopt when they do not broadcast.
std::optional<llvm::SmallVector<int64_t>>
broadcastShapes(llvm::ArrayRef<llvm::ArrayRef<int64_t>> shapes);

/// The indexing map that reads a tensor of `shape` broadcast to an
/// iteration space of rank `rank` (right-aligned, size-1 dims pinned to 0).
AffineMap broadcastMap(MLIRContext *context, llvm::ArrayRef<int64_t> shape,
                       llvm::ArrayRef<int64_t> outShape);

/// A tensor of `outShape` whose elements are `body(inputs...)`, with the
/// inputs broadcast numpy-style.
Value buildElementwise(OpBuilder &b, Location loc, ValueRange inputs,
                       llvm::ArrayRef<int64_t> outShape, Type outElement,
                       ScalarBody body);

/// `value` with its elements converted to `element` (castScalar); `value`
/// itself when it already has that type.
Value castTensor(OpBuilder &b, Location loc, Value value, Type element);

/// A tensor of `outShape` whose element at index i is `value` read at
/// `readMap(i)`: reversed slices, tiles.
Value copyThroughMap(OpBuilder &b, Location loc, Value value, AffineMap readMap,
                     llvm::ArrayRef<int64_t> outShape);

/// `value` broadcast to `shape` (Expand).
Value broadcastTo(OpBuilder &b, Location loc, Value value,
                  llvm::ArrayRef<int64_t> shape);

/// `value` with the same elements in row-major order and a new shape
/// (collapse to 1-D, then expand): no data moves.
Value reshape(OpBuilder &b, Location loc, Value value,
              llvm::ArrayRef<int64_t> shape);

/// linalg.transpose with `perm` (result dim i = input dim perm[i]).
Value transpose(OpBuilder &b, Location loc, Value value,
                llvm::ArrayRef<int64_t> perm);

/// A tensor of `shape` filled with `scalar`.
Value filled(OpBuilder &b, Location loc, llvm::ArrayRef<int64_t> shape,
             Value scalar);

/// A scalar constant of an int or float type (bool for i1).
Value scalarConstant(OpBuilder &b, Location loc, Type type, double value);

/// The smallest / largest value of `type` (-inf/inf for floats).
Value lowestValue(OpBuilder &b, Location loc, Type type);
Value highestValue(OpBuilder &b, Location loc, Type type);

/// Converts a scalar between int, float and bool types like ONNX Cast
/// (float->int truncates toward zero; to bool is != 0).
Value castScalar(OpBuilder &b, Location loc, Value value, Type to);

/// f16 and bf16 compute in f32; other types as they are.
Type computeType(Type element);

/// Reduces `input` over `axes` (sorted, unique, in range): the result has
/// the other dims in order. `init` is the accumulator's start (its type is
/// the accumulator type); `combine(element, acc)` the step.
Value buildReduction(
    OpBuilder &b, Location loc, Value input, llvm::ArrayRef<int64_t> axes,
    Value init,
    llvm::function_ref<Value(OpBuilder &, Location, Value, Value)> combine);

/// The shape of a ranked tensor value.
llvm::ArrayRef<int64_t> shapeOf(Value value);
Type elementTypeOf(Value value);

/// An ONNX axis in [-rank, rank) made non-negative; nullopt if out of range.
std::optional<int64_t> normalizeAxis(int64_t axis, int64_t rank);

} // namespace mlir::seqc::onnx_import

#endif // SEQC_FRONTEND_ONNX_TENSORBUILDERS_H
