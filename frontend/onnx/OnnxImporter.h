//===- OnnxImporter.h - ONNX ModelProto to func + seq IR -------*- C++ -*-===//
//
// The ONNX frontend: reads a ModelProto file and builds one public
// func.func whose arguments are the graph inputs (named after them) and
// whose body is upstream tensor/linalg/arith/math ops and seq ops. Every
// shape is static: symbolic dims must be fixed with `--shape`.
//
//===----------------------------------------------------------------------===//

#ifndef SEQC_FRONTEND_ONNX_ONNXIMPORTER_H
#define SEQC_FRONTEND_ONNX_ONNXIMPORTER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringMap.h"

#include <string>
#include <utility>
#include <vector>

namespace mlir::seqc {

struct OnnxImportOptions {
  /// Shapes given with --shape NAME=2x128: they fix the symbolic dims of
  /// graph input NAME (and must agree with its static dims).
  llvm::StringMap<llvm::SmallVector<int64_t>> inputShapes;
  /// The name of the entry point.
  std::string entryName = "forward";
};

/// Reads the model at `path` into a new module. Errors are reported on the
/// context as one line each ("<file>: node 'n' (Op): what is wrong") and
/// yield a null module.
OwningOpRef<ModuleOp> importOnnxModel(MLIRContext &context,
                                      llvm::StringRef path,
                                      const OnnxImportOptions &options);

/// Same, from bytes already in memory (the fuzzer's entry). `path` names
/// the model in diagnostics and anchors external data files.
OwningOpRef<ModuleOp>
importOnnxModelFromBuffer(MLIRContext &context, llvm::StringRef bytes,
                          llvm::StringRef path,
                          const OnnxImportOptions &options);

/// Parses "NAME=2x128" into `options`; returns an error message or "".
std::string parseShapeOption(llvm::StringRef text, OnnxImportOptions &options);

/// The (domain, op type) pairs the importer handles, sorted; the default
/// domain is spelled "ai.onnx".
std::vector<std::pair<std::string, std::string>> supportedOnnxOps();

/// The opset range of the default domain.
constexpr int64_t kMinOnnxOpset = 13;
constexpr int64_t kMaxOnnxOpset = 28;

} // namespace mlir::seqc

#endif // SEQC_FRONTEND_ONNX_ONNXIMPORTER_H
