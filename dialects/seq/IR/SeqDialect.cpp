//===- SeqDialect.cpp - The seq dialect -----------------------------------===//

#include "dialects/seq/IR/SeqDialect.h"
#include "dialects/seq/IR/SeqOps.h"

#include "mlir/Transforms/InliningUtils.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::seq;

#include "dialects/seq/IR/SeqDialect.cpp.inc"
#include "dialects/seq/IR/SeqEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "dialects/seq/IR/SeqAttrs.cpp.inc"

namespace {
/// seq ops are pure and hold no regions: a call to a function made of them
/// can always be inlined.
struct SeqInlinerInterface : DialectInlinerInterface {
  using DialectInlinerInterface::DialectInlinerInterface;
  bool isLegalToInline(Operation *, Region *, bool, IRMapping &) const final {
    return true;
  }
};
} // namespace

void SeqDialect::initialize() {
  addInterfaces<SeqInlinerInterface>();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "dialects/seq/IR/SeqAttrs.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "dialects/seq/IR/SeqOps.cpp.inc"
      >();
}

LogicalResult
LoweringConfigAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                           int64_t chunkSize) {
  if (chunkSize < 1)
    return emitError() << "chunk_size must be positive, got " << chunkSize;
  return success();
}

LogicalResult SeqDialect::verifyOperationAttribute(Operation *op,
                                                   NamedAttribute attribute) {
  if (attribute.getName() != LoweringConfigAttr::name)
    return op->emitError("unknown seq attribute '")
           << attribute.getName().getValue() << "'";
  if (!isa<LoweringConfigAttr>(attribute.getValue()))
    return op->emitError("'")
           << LoweringConfigAttr::name
           << "' must be a #seq.lowering_config, got " << attribute.getValue();
  // Only the ops that have a chunked form take a schedule.
  if (!isa<LinearAttentionOp, SSDOp>(op))
    return op->emitError("'")
           << LoweringConfigAttr::name
           << "' is only taken by seq.linear_attention and seq.ssd";
  return success();
}
