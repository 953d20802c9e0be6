//===- ObjectEmitter.h - LLVM-dialect module to machine code ----*- C++ -*-===//
//
// Translates the LLVM-dialect module to LLVM IR in-process, optimizes it
// with LLVM's standard pipeline at the requested level, and writes LLVM IR
// text, assembly or an object file for the host triple and the requested
// CPU (the host's own CPU and features for "native").
//
//===----------------------------------------------------------------------===//

#ifndef SEQC_COMPILER_EMIT_OBJECTEMITTER_H
#define SEQC_COMPILER_EMIT_OBJECTEMITTER_H

#include "compiler/Pipeline/Pipeline.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/raw_ostream.h"

namespace mlir::seqc {

enum class MachineOutput { LLVMIR, Assembly, Object };

/// Whether code can be generated for `options.cpu` on the host triple
/// (checked before compiling, so a typo fails fast).
LogicalResult validateTarget(const CompileOptions &options);

/// Writes `module` as `kind` to `os`; errors are reported on the module.
LogicalResult emitMachineCode(ModuleOp module, const CompileOptions &options,
                              MachineOutput kind, llvm::raw_pwrite_stream &os);

} // namespace mlir::seqc

#endif // SEQC_COMPILER_EMIT_OBJECTEMITTER_H
