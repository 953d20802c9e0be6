//===- ExternalWeights.h - Weights in a file beside the library -*- C++ -*-===//
//
// With --weights=external the dense constants of an LLVM-dialect module
// are written to `<model>.weights` instead of `.rodata`; the code reads
// them at their offset from a pointer that the runtime sets to a mapping of
// that file when the model is created (runtime/weights.c).
//
//===----------------------------------------------------------------------===//

#ifndef SEQC_COMPILER_EMIT_EXTERNALWEIGHTS_H
#define SEQC_COMPILER_EMIT_EXTERNALWEIGHTS_H

#include "mlir/IR/BuiltinOps.h"

#include <string>

namespace mlir::seqc {

/// What the model definition records about its external weights.
struct ExternalWeights {
  std::string fileName; // the file's name, without its directory
  uint64_t size = 0;    // bytes
  std::string baseSymbol, usersSymbol;
};

/// Moves every non-splat dense constant global of at least `minBytes` into
/// the file at `path` (64-byte aligned), rewrites its uses to read through
/// `<model>__weights_base`, and adds that pointer and its user count as
/// globals. Writes the data straight from the attributes, one global at a
/// time.
FailureOr<ExternalWeights> externalizeWeights(ModuleOp module,
                                              llvm::StringRef modelName,
                                              llvm::StringRef path,
                                              uint64_t minBytes = 64);

} // namespace mlir::seqc

#endif // SEQC_COMPILER_EMIT_EXTERNALWEIGHTS_H
