//===- SeqOps.cpp - Operations of the seq dialect -------------------------===//
//
// The generated op definitions. Verifiers and type inference live next to
// their op family in *OpsVerify.cpp.
//
//===----------------------------------------------------------------------===//

#include "dialects/seq/IR/SeqOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace mlir::seq;

#define GET_OP_CLASSES
#include "dialects/seq/IR/SeqOps.cpp.inc"
