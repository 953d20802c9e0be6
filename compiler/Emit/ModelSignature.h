//===- ModelSignature.h - Entry points of a compiled model ------*- C++ -*-===//
//
// The public functions of the input module become the model's entry points.
// Their tensor signature (names, element types, static shapes) is read once
// from the tensor-level IR and then drives everything the user sees: the
// text the runtime checks calls against, the generated C header, and the
// glue that calls each entry from the runtime.
//
//===----------------------------------------------------------------------===//

#ifndef SEQC_COMPILER_EMIT_MODELSIGNATURE_H
#define SEQC_COMPILER_EMIT_MODELSIGNATURE_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/SmallVector.h"

#include <string>
#include <vector>

namespace mlir::seqc {

struct ValueSignature {
  std::string name;
  std::string
      dtype; // runtime spelling: f32, f64, f16, bf16, i8, i16, i32, i64, bool
  llvm::SmallVector<int64_t> shape;

  int64_t numElements() const;
};

struct EntrySignature {
  std::string name;
  llvm::SmallVector<ValueSignature> inputs, outputs;
  /// Bytes of temporary buffers one call allocates at most (the sum of its
  /// statically sized allocations after bufferization).
  int64_t workspaceBytes = 0;
};

struct ModelSignature {
  std::string name;
  std::vector<EntrySignature> entries;

  /// The signature text the runtime parses (runtime/seqc_runtime.h).
  std::string text() const;
};

/// Reads the entry points of `module` (its public functions with bodies)
/// and marks them for C-interface emission. Argument and result names come
/// from a `seqc.name` string attribute, else `arg<i>` / `result<i>`. A
/// signature the runtime cannot pass (non-tensor, dynamic shape,
/// unsupported element type) is reported on the function.
FailureOr<ModelSignature> collectModelSignature(ModuleOp module,
                                                llvm::StringRef modelName);

/// Fills in the workspace size of each entry from the bufferized module.
void measureWorkspaces(ModuleOp bufferized, ModelSignature &signature);

/// Whether `name` is a C identifier (what --name and entry names must be).
bool isCIdentifier(llvm::StringRef name);

/// Names a value may not take: the generated header declares them next to
/// the value names (C and C++ keywords and its own `seqc_` locals).
bool isReservedName(llvm::StringRef name);

} // namespace mlir::seqc

#endif // SEQC_COMPILER_EMIT_MODELSIGNATURE_H
