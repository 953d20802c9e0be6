//===- Passes.h - seq-level transformations ---------------------*- C++ -*-===//

#ifndef SEQC_DIALECTS_SEQ_TRANSFORMS_PASSES_H
#define SEQC_DIALECTS_SEQ_TRANSFORMS_PASSES_H

#include "dialects/seq/IR/SeqDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Pass/Pass.h"

namespace mlir::seq {

#define GEN_PASS_DECL
#include "dialects/seq/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "dialects/seq/Transforms/Passes.h.inc"

} // namespace mlir::seq

#endif // SEQC_DIALECTS_SEQ_TRANSFORMS_PASSES_H
