//===- Compile.h - Compiling one model file ---------------------*- C++ -*-===//
//
// What `seqc` does, as a library call: read a model, run the pipeline
// phase by phase (printing, dumping or stopping where asked) and write the
// requested output. tools/seqc only binds flags to DriverOptions.
//
//===----------------------------------------------------------------------===//

#ifndef SEQC_COMPILER_DRIVER_COMPILE_H
#define SEQC_COMPILER_DRIVER_COMPILE_H

#include "compiler/Pipeline/Pipeline.h"
#include "frontend/onnx/OnnxImporter.h"

#include "mlir/IR/MLIRContext.h"

#include <optional>
#include <string>

namespace mlir::seqc {

enum class EmitKind { Library, Object, Assembly, LLVMIR, MLIR, Header };

std::optional<EmitKind> parseEmitKind(llvm::StringRef name);

struct DriverOptions {
  std::string inputPath;
  /// "-" for stdout; empty to derive from the input (lib<name>.so etc.).
  std::string outputPath;
  EmitKind emit = EmitKind::Library;
  /// Stop after this phase and write its IR.
  std::optional<Phase> compileTo;
  /// Write the IR after every phase into this folder.
  std::string dumpPhasesDir;
  /// Print a line per phase to stderr.
  bool verbose = false;
  /// The runtime archive linked into libraries (default: next to seqc).
  std::string runtimeArchive;
  /// Write large constants to `<name>.weights` next to the output instead
  /// of embedding them (--weights=external).
  bool externalWeights = false;
  /// Whether --name was given (else it is derived from the output).
  bool explicitName = false;
  CompileOptions compile;
  /// How .onnx inputs are imported (--shape).
  OnnxImportOptions onnx;
};

/// Compiles `options.inputPath`; diagnostics go to the context's handler.
/// Returns failure on any error (after reporting it).
LogicalResult compileFile(MLIRContext &context, DriverOptions options);

/// A C identifier derived from a file name: "libmamba-block.so" ->
/// "mamba_block".
std::string modelNameFromPath(llvm::StringRef path);

} // namespace mlir::seqc

#endif // SEQC_COMPILER_DRIVER_COMPILE_H
