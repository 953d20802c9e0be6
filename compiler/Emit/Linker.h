//===- Linker.h - Linking a model object into a shared library --*- C++ -*-===//

#ifndef SEQC_COMPILER_EMIT_LINKER_H
#define SEQC_COMPILER_EMIT_LINKER_H

#include "mlir/Support/LLVM.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace mlir::seqc {

/// Links `objectPath` with the whole runtime archive into the shared
/// library `outputPath`, with clang-22 driving ld.lld so that the library
/// depends on libc, libm and libpthread only. On failure returns the
/// linker's message in `error`.
LogicalResult linkSharedLibrary(llvm::StringRef objectPath,
                                llvm::StringRef runtimeArchive,
                                llvm::StringRef outputPath, std::string &error);

/// The runtime archive next to the running seqc (`<bin>/../lib/
/// libseqc_runtime.a`), given the path of the seqc executable.
std::string defaultRuntimeArchive(llvm::StringRef executablePath);

} // namespace mlir::seqc

#endif // SEQC_COMPILER_EMIT_LINKER_H
