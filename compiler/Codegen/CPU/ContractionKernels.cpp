//===- ContractionKernels.cpp - The runtime's contraction kernels ---------===//

#include "compiler/Codegen/CPU/ContractionKernels.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

#include <memory>

using namespace mlir::seqc;

static const CPUContractionKernel kKernels[] = {
    {"avx512", "seqc_cpu_sgemm_avx512", 12, 32},
    {"avx2", "seqc_cpu_sgemm_avx2", 6, 16},
    {"generic", "seqc_cpu_sgemm_generic", 4, 8},
};

llvm::ArrayRef<CPUContractionKernel> mlir::seqc::cpuContractionKernels() {
  return kKernels;
}

const CPUContractionKernel *
mlir::seqc::lookupCPUContractionKernel(llvm::StringRef isa) {
  for (const CPUContractionKernel &kernel : kKernels)
    if (kernel.isa == isa)
      return &kernel;
  return nullptr;
}

std::string mlir::seqc::cpuVectorISA(llvm::StringRef cpu) {
  if (cpu == "native") {
    llvm::StringMap<bool> features = llvm::sys::getHostCPUFeatures();
    if (features.lookup("avx512f"))
      return "avx512";
    if (features.lookup("avx2") && features.lookup("fma"))
      return "avx2";
    return "generic";
  }
  llvm::InitializeNativeTarget();
  llvm::Triple triple(llvm::sys::getDefaultTargetTriple());
  std::string error;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(triple, error);
  if (!target)
    return "generic";
  std::unique_ptr<llvm::MCSubtargetInfo> subtarget(
      target->createMCSubtargetInfo(triple, "", ""));
  // Asked only for names LLVM knows, so that it prints no warning.
  if (!subtarget || !subtarget->isCPUStringValid(cpu))
    return "generic";
  subtarget.reset(target->createMCSubtargetInfo(triple, cpu, ""));
  if (subtarget->checkFeatures("+avx512f"))
    return "avx512";
  if (subtarget->checkFeatures("+avx2,+fma"))
    return "avx2";
  return "generic";
}
