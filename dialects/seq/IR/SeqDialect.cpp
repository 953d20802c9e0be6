//===- SeqDialect.cpp - The seq dialect -----------------------------------===//

#include "dialects/seq/IR/SeqDialect.h"
#include "dialects/seq/IR/SeqOps.h"

#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::seq;

#include "dialects/seq/IR/SeqDialect.cpp.inc"
#include "dialects/seq/IR/SeqEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "dialects/seq/IR/SeqAttrs.cpp.inc"

void SeqDialect::initialize() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "dialects/seq/IR/SeqAttrs.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "dialects/seq/IR/SeqOps.cpp.inc"
      >();
}
