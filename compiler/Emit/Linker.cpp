//===- Linker.cpp - Linking a model object into a shared library ----------===//

#include "compiler/Emit/Linker.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

using namespace mlir;
using namespace mlir::seqc;

std::string mlir::seqc::defaultRuntimeArchive(llvm::StringRef executablePath) {
  llvm::SmallString<256> path(llvm::sys::path::parent_path(executablePath));
  llvm::sys::path::append(path, "..", "lib", "libseqc_runtime.a");
  llvm::sys::path::remove_dots(path, /*remove_dot_dot=*/true);
  return std::string(path);
}

/// clang-22 from PATH or from LLVM 22's own bin directory.
static std::string findClang() {
  for (const char *name : {"clang-22", "clang"}) {
    if (llvm::ErrorOr<std::string> path =
            llvm::sys::findProgramByName(name, {"/usr/lib/llvm-22/bin"}))
      return *path;
  }
  return "";
}

LogicalResult mlir::seqc::linkSharedLibrary(llvm::StringRef objectPath,
                                            llvm::StringRef runtimeArchive,
                                            llvm::StringRef outputPath,
                                            std::string &error) {
  if (!llvm::sys::fs::exists(runtimeArchive)) {
    error = ("runtime library not found at " + runtimeArchive +
             " (pass --runtime-lib=PATH)")
                .str();
    return failure();
  }
  std::string clang = findClang();
  if (clang.empty()) {
    error = "clang-22 not found (it drives ld.lld to link the library)";
    return failure();
  }
  llvm::SmallString<128> log;
  if (llvm::sys::fs::createTemporaryFile("seqc-link", "log", log)) {
    error = "cannot create a temporary file for the linker's output";
    return failure();
  }
  // The whole runtime goes in: its API is what users call, not the model.
  llvm::SmallVector<llvm::StringRef> args = {clang,
                                             "-shared",
                                             "-fuse-ld=lld",
                                             "-o",
                                             outputPath,
                                             objectPath,
                                             "-Wl,--whole-archive",
                                             runtimeArchive,
                                             "-Wl,--no-whole-archive",
                                             "-Wl,--no-undefined",
                                             "-Wl,-z,noexecstack",
                                             "-lm",
                                             "-lpthread"};
  std::optional<llvm::StringRef> redirects[] = {std::nullopt, log.str(),
                                                log.str()};
  std::string execError;
  int status = llvm::sys::ExecuteAndWait(clang, args, std::nullopt, redirects,
                                         0, 0, &execError);
  auto output = llvm::MemoryBuffer::getFile(log);
  llvm::sys::fs::remove(log);
  if (status == 0)
    return success();
  error = "linking failed";
  if (!execError.empty())
    error += ": " + execError;
  if (output)
    error += ":\n" + (*output)->getBuffer().str();
  return failure();
}
