//===- HeaderWriter.h - The C header of a compiled model --------*- C++ -*-===//

#ifndef SEQC_COMPILER_EMIT_HEADERWRITER_H
#define SEQC_COMPILER_EMIT_HEADERWRITER_H

#include "compiler/Emit/ModelSignature.h"

#include "llvm/Support/raw_ostream.h"

namespace mlir::seqc {

/// Writes the C header of a model: the `<name>_model_def()` declaration,
/// and per entry point its inputs and outputs (names, dtypes, shapes), its
/// workspace size and a typed inline function that runs it through the
/// runtime API. It includes "seqc_runtime.h", which seqc writes next to it.
void writeModelHeader(const ModelSignature &signature,
                      llvm::StringRef sourceName, llvm::raw_ostream &os);

/// The runtime API header, as shipped with seqc.
llvm::StringRef runtimeHeaderText();

} // namespace mlir::seqc

#endif // SEQC_COMPILER_EMIT_HEADERWRITER_H
