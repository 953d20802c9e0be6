//===- ScalarFunctions.h - The scalar functions of docs/ops.md --*- C++ -*-===//
//
// The elementwise functions that docs/ops.md's notation defines, built from
// arith and math ops, so that every lowering and rewrite of a seq op
// computes them the same way.
//
//===----------------------------------------------------------------------===//

#ifndef SEQC_DIALECTS_SEQ_IR_SCALARFUNCTIONS_H
#define SEQC_DIALECTS_SEQ_IR_SCALARFUNCTIONS_H

#include "mlir/IR/Builders.h"

namespace mlir::seq {

/// softplus(x) = log(1 + e^x), and x itself for x > 20; `x` is a float
/// scalar of any width.
Value buildSoftplus(OpBuilder &b, Location loc, Value x);

} // namespace mlir::seq

#endif // SEQC_DIALECTS_SEQ_IR_SCALARFUNCTIONS_H
