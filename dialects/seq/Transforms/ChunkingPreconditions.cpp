//===- ChunkingPreconditions.cpp - What the chunked forms take ------------===//

#include "dialects/seq/Transforms/ChunkingPreconditions.h"

#include "mlir/IR/BuiltinTypes.h"

using namespace mlir;

/// The first operand or result type of `op` that is not a static f32
/// tensor, or null.
static Type firstOtherType(Operation *op) {
  for (Type type :
       llvm::concat<Type>(op->getOperandTypes(), op->getResultTypes())) {
    auto tensor = dyn_cast<RankedTensorType>(type);
    if (!tensor || !tensor.hasStaticShape() || !tensor.getElementType().isF32())
      return type;
  }
  return nullptr;
}

bool mlir::seq::hasStaticF32Tensors(Operation *op) {
  return !firstOtherType(op);
}

LogicalResult mlir::seq::verifyStaticF32Tensors(Operation *op) {
  if (Type other = firstOtherType(op))
    return op->emitOpError("has a chunked lowering config, but the chunked "
                           "form needs static f32 tensors; got ")
           << other;
  return success();
}
