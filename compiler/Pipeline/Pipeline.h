//===- Pipeline.h - The phases of the seqc pipeline -------------*- C++ -*-===//
//
// seqc compiles in named phases; each name is what `--compile-to` accepts:
//
//   input      the module as read (func + seq + upstream tensor ops)
//   seq        seq-level rewriting (canonicalization for now)
//   tiled      seq ops rewritten into their chunked forms where the
//              strategy step chose them (chunked linear attention)
//   linalg     seq ops lowered to linalg/scf/tensor/arith/math
//   bufferized one-shot bufferization, results as out-params, deallocation;
//              a runtime matmul kernel chosen for each f32 contraction
//   llvm       CPU lowering: kernel calls, parallel loops on the runtime's
//              thread pool
//              (OpenMP dialect), everything else to the LLVM dialect
//   obj, lib   object code, then a shared library with the runtime
//
// buildPhasePipeline adds the passes of one phase, so the driver can stop,
// print or dump between any two.
//
//===----------------------------------------------------------------------===//

#ifndef SEQC_COMPILER_PIPELINE_PIPELINE_H
#define SEQC_COMPILER_PIPELINE_PIPELINE_H

#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace mlir::seqc {

enum class Phase {
  Input,
  Seq,
  Tiled,
  Linalg,
  Bufferized,
  LLVM,
  Object,
  Library
};

/// The phases in order, for iteration.
llvm::ArrayRef<Phase> allPhases();
llvm::StringRef phaseName(Phase phase);
std::optional<Phase> parsePhase(llvm::StringRef name);

/// Options that shape code generation; bound to flags in tools/seqc.
struct CompileOptions {
  /// Prefix of every exported symbol (`<name>_model_def`).
  std::string modelName = "model";
  /// 0..3, as -O0..-O3: the LLVM optimization level.
  unsigned optLevel = 2;
  /// Target CPU for code generation ("native" = the host, or a name such
  /// as "x86-64-v3").
  std::string cpu = "native";
  /// The shortest sequence that linear attention and SSD run in their
  /// chunked form (seq-select-chunking's min-length).
  int64_t chunkedMinLength = 64;
  /// How the strategy picks the chunked form: by its measured thresholds
  /// (auto), for every op it can rewrite (always: min-length 1, no key-dim
  /// minimum), or for none (never; configs written by hand still apply).
  enum class Chunking { Auto, Always, Never };
  Chunking chunking = Chunking::Auto;
};

/// The textual pass pipeline of `phase` for `options` (the CPU's vector
/// ISA picks the contraction kernels); empty for Input, Object and
/// Library, which run no MLIR passes.
std::string phasePipeline(Phase phase, const CompileOptions &options);

/// Adds the passes that produce `phase` from the previous phase. The passes
/// must be registered (registerAllPasses and registerSeqcPasses).
LogicalResult buildPhasePipeline(OpPassManager &pm, Phase phase,
                                 const CompileOptions &options);

/// Registers seqc's own passes (for textual pipelines and seqc-opt).
void registerSeqcPasses();

} // namespace mlir::seqc

#endif // SEQC_COMPILER_PIPELINE_PIPELINE_H
