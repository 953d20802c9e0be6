//===- ContractionKernels.h - The runtime's contraction kernels -*- C++ -*-===//
//
// What the compiler knows about the f32 matmul kernels of the runtime
// (runtime/cpu/sgemm.h): the entry point of each ISA, its register tile,
// and the flags and pre-packed layout of B it takes. A unit test keeps
// these equal to the runtime's tables.
//
//===----------------------------------------------------------------------===//

#ifndef SEQC_COMPILER_CODEGEN_CPU_CONTRACTIONKERNELS_H
#define SEQC_COMPILER_CODEGEN_CPU_CONTRACTIONKERNELS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>

namespace mlir::seqc {

struct CPUContractionKernel {
  llvm::StringLiteral isa;    // the --mcpu feature level it needs
  llvm::StringLiteral callee; // the runtime entry point
  int64_t mr, nr;             // register tile rows and columns
};

/// The kernels, best first.
llvm::ArrayRef<CPUContractionKernel> cpuContractionKernels();

/// The kernel for `isa` ("avx512", "avx2" or "generic"), or null.
const CPUContractionKernel *lookupCPUContractionKernel(llvm::StringRef isa);

/// The vector ISA level of a target CPU ("native" = the host): "avx512"
/// with AVX-512F, "avx2" with AVX2 and FMA, else "generic".
std::string cpuVectorISA(llvm::StringRef cpu);

/// Flags of the kernel entry points (SEQC_SGEMM_* in the runtime).
enum : int64_t {
  kSgemmAccumulate = 1,
  kSgemmPackedB = 2,
};

/// The name of the attribute that the selection step records its choice in.
inline constexpr llvm::StringLiteral kContractionKernelAttr =
    "seqc.contraction_kernel";

} // namespace mlir::seqc

#endif // SEQC_COMPILER_CODEGEN_CPU_CONTRACTIONKERNELS_H
