//===- OnnxReaderFuzzer.cpp - libFuzzer target for the ONNX reader --------===//
//
// Feeds arbitrary bytes to the ONNX importer (protobuf parsing, opset and
// initializer checks, every op importer and the seq verifiers). Any input
// must end in a module or in reported errors: never a crash, a hang or a
// sanitizer report. Built only with -DSEQC_BUILD_FUZZERS=ON and clang
// (scripts/fuzz-onnx-reader.sh).
//
//===----------------------------------------------------------------------===//

#include "dialects/seq/IR/SeqDialect.h"
#include "frontend/onnx/OnnxImporter.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/MLIRContext.h"

#include <cstddef>
#include <cstdint>

using namespace mlir;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  // A fresh context per input keeps memory flat (uniqued attributes of
  // large random constants would otherwise accumulate).
  DialectRegistry registry;
  registry.insert<arith::ArithDialect, func::FuncDialect, linalg::LinalgDialect,
                  math::MathDialect, scf::SCFDialect, tensor::TensorDialect,
                  seq::SeqDialect>();
  MLIRContext context(registry, MLIRContext::Threading::DISABLED);
  context.getDiagEngine().registerHandler([](Diagnostic &) {});
  seqc::OnnxImportOptions options;
  OwningOpRef<ModuleOp> module = seqc::importOnnxModelFromBuffer(
      context, llvm::StringRef(reinterpret_cast<const char *>(data), size),
      "fuzz.onnx", options);
  return 0;
}
