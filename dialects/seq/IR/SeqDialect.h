//===- SeqDialect.h - The seq dialect ---------------------------*- C++ -*-===//

#ifndef SEQC_DIALECTS_SEQ_IR_SEQDIALECT_H
#define SEQC_DIALECTS_SEQ_IR_SEQDIALECT_H

#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/DialectImplementation.h"

#include "dialects/seq/IR/SeqDialect.h.inc"
#include "dialects/seq/IR/SeqEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "dialects/seq/IR/SeqAttrs.h.inc"

#endif // SEQC_DIALECTS_SEQ_IR_SEQDIALECT_H
