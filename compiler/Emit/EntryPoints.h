//===- EntryPoints.h - Runtime glue in the LLVM dialect ---------*- C++ -*-===//
//
// After lowering to the LLVM dialect, each entry point gets a uniform
// wrapper `void (void **descriptors)` that unpacks an array of memref
// descriptor pointers (inputs, then the output buffers) into the call of
// its C interface, and the module gets the `seqc_model_def` the runtime
// reads (runtime/seqc_runtime.h): ABI version, entry count, signature text
// and the wrapper table, returned by `<name>_model_def()`. Every other
// function becomes internal, so that models compiled with different names
// link into one binary.
//
//===----------------------------------------------------------------------===//

#ifndef SEQC_COMPILER_EMIT_ENTRYPOINTS_H
#define SEQC_COMPILER_EMIT_ENTRYPOINTS_H

#include "compiler/Emit/ExternalWeights.h"
#include "compiler/Emit/ModelSignature.h"

namespace mlir::seqc {

/// The exported accessor of a model: `<name>_model_def`.
std::string modelDefSymbol(llvm::StringRef modelName);

/// The accessor a shared library also exports so that tools can load it
/// without knowing its name.
inline constexpr llvm::StringLiteral kDefaultModelDefSymbol =
    "seqc_default_model_def";

/// Adds the wrappers, the model definition and its accessor(s) to an
/// LLVM-dialect `module`; `exportDefault` adds kDefaultModelDefSymbol;
/// `weights` (when given) are recorded in the definition.
LogicalResult emitEntryPoints(ModuleOp module, const ModelSignature &signature,
                              bool exportDefault,
                              const ExternalWeights *weights = nullptr);

} // namespace mlir::seqc

#endif // SEQC_COMPILER_EMIT_ENTRYPOINTS_H
