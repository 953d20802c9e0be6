//===- KernelTableTest.cpp - Compiler and runtime agree on the kernels ----===//
//
// The compiler packs constant weights for a kernel's NR and calls it by
// name with the runtime's flags: both sides must describe the same kernels.
//
//===----------------------------------------------------------------------===//

#include "compiler/Codegen/CPU/ContractionKernels.h"
#include "runtime/cpu/sgemm.h"

#include <gtest/gtest.h>

namespace {

TEST(KernelTable, CompilerMatchesRuntime) {
  struct {
    const char *isa;
    const seqc_sgemm_kernel *runtime;
  } expected[] = {{"avx512", &seqc_sgemm_kernel_avx512},
                  {"avx2", &seqc_sgemm_kernel_avx2},
                  {"generic", &seqc_sgemm_kernel_generic}};
  ASSERT_EQ(mlir::seqc::cpuContractionKernels().size(), 3u);
  for (const auto &e : expected) {
    const mlir::seqc::CPUContractionKernel *kernel =
        mlir::seqc::lookupCPUContractionKernel(e.isa);
    ASSERT_NE(kernel, nullptr) << e.isa;
    EXPECT_EQ(kernel->mr, e.runtime->mr) << e.isa;
    EXPECT_EQ(kernel->nr, e.runtime->nr) << e.isa;
    EXPECT_EQ(kernel->callee, std::string("seqc_cpu_sgemm_") + e.isa);
  }
  EXPECT_EQ(mlir::seqc::kSgemmAccumulate, SEQC_SGEMM_ACCUMULATE);
  EXPECT_EQ(mlir::seqc::kSgemmPackedB, SEQC_SGEMM_PACKED_B);
}

TEST(KernelTable, IsaFollowsCpu) {
  EXPECT_EQ(mlir::seqc::cpuVectorISA("x86-64"), "generic");
  EXPECT_EQ(mlir::seqc::cpuVectorISA("x86-64-v3"), "avx2");
  EXPECT_EQ(mlir::seqc::cpuVectorISA("x86-64-v4"), "avx512");
  EXPECT_EQ(mlir::seqc::cpuVectorISA("znver3"), "avx2");
  EXPECT_EQ(mlir::seqc::cpuVectorISA("skylake-avx512"), "avx512");
}

} // namespace
