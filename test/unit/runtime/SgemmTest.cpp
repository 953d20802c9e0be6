//===- SgemmTest.cpp - The f32 matmul kernels against a double loop -------===//
//
// Every micro-kernel the CPU can run (generic always; AVX2 and AVX-512 when
// this machine has them) over shapes that are not multiples of any tile or
// cache block, with transposed operands, broadcast batches, accumulation,
// pre-packed B and 1 or 2 threads. The reference is a plain triple loop in
// double; the kernels sum in f32 in another order, so the tolerance is
// relative to the sum of |a| |b| over k (a few ulp per term).
//
//===----------------------------------------------------------------------===//

#include "runtime/cpu/sgemm.h"
#include "test/unit/runtime/FakeModel.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <tuple>
#include <vector>

namespace {

using seqc::test::PoolScope;

struct KernelCase {
  const char *name;
  const seqc_sgemm_kernel *kernel;
  bool supported;
};

std::vector<KernelCase> kernels() {
  __builtin_cpu_init();
  return {{"generic", &seqc_sgemm_kernel_generic, true},
          {"avx2", &seqc_sgemm_kernel_avx2,
           __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")},
          {"avx512", &seqc_sgemm_kernel_avx512,
           __builtin_cpu_supports("avx512f") != 0}};
}

struct Shape {
  int64_t batch, m, n, k;
  bool transA, transB, broadcastB, accumulate, packB;
  int32_t threads;
};

std::string describe(const Shape &s) {
  return "batch=" + std::to_string(s.batch) + " m=" + std::to_string(s.m) +
         " n=" + std::to_string(s.n) + " k=" + std::to_string(s.k) +
         (s.transA ? " A^T" : "") + (s.transB ? " B^T" : "") +
         (s.broadcastB ? " B broadcast" : "") +
         (s.accumulate ? " accumulate" : "") + (s.packB ? " packed B" : "") +
         " threads=" + std::to_string(s.threads);
}

void check(const KernelCase &kc, const Shape &s) {
  std::mt19937 rng(static_cast<unsigned>(s.m * 131 + s.n * 7 + s.k));
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  int64_t bBatches = s.broadcastB ? 1 : s.batch;
  std::vector<float> a(s.batch * s.m * s.k), b(bBatches * s.k * s.n),
      c(s.batch * s.m * s.n);
  for (float &x : a)
    x = dist(rng);
  for (float &x : b)
    x = dist(rng);
  for (float &x : c)
    x = dist(rng);
  std::vector<float> c0 = c;
  // Strides in elements, row-major storage of the (possibly transposed)
  // operand.
  int64_t aM = s.transA ? 1 : s.k, aK = s.transA ? s.m : 1;
  int64_t bK = s.transB ? 1 : s.n, bN = s.transB ? s.k : 1;
  int64_t aBatch = s.m * s.k, bBatch = s.broadcastB ? 0 : s.k * s.n;

  std::vector<float> packed;
  const float *bArg = b.data();
  int64_t bBatchArg = bBatch;
  int64_t flags = s.accumulate ? SEQC_SGEMM_ACCUMULATE : 0;
  if (s.packB) {
    int64_t size = seqc_sgemm_packed_b_size(s.k, s.n, kc.kernel->nr);
    packed.assign(size * bBatches, -7.0f);
    for (int64_t i = 0; i < bBatches; ++i)
      seqc_sgemm_pack_b(kc.kernel, s.k, s.n, b.data() + i * s.k * s.n, bK, bN,
                        packed.data() + i * size);
    bArg = packed.data();
    bBatchArg = s.broadcastB ? 0 : size;
    flags |= SEQC_SGEMM_PACKED_B;
  }
  {
    PoolScope pool(s.threads);
    seqc_sgemm(kc.kernel, s.batch, s.m, s.n, s.k, a.data(), aBatch, aM, aK,
               bArg, bBatchArg, bK, bN, c.data(), s.m * s.n, s.n, flags);
  }
  int64_t bad = 0;
  for (int64_t t = 0; t < s.batch; ++t)
    for (int64_t i = 0; i < s.m; ++i)
      for (int64_t j = 0; j < s.n; ++j) {
        double sum = s.accumulate ? c0[(t * s.m + i) * s.n + j] : 0.0;
        double magnitude = std::fabs(sum);
        for (int64_t p = 0; p < s.k; ++p) {
          double x = a[t * aBatch + i * aM + p * aK];
          double y = b[(s.broadcastB ? 0 : t * s.k * s.n) + p * bK + j * bN];
          sum += x * y;
          magnitude += std::fabs(x * y);
        }
        double got = c[(t * s.m + i) * s.n + j];
        double tolerance = 4 * 1.2e-7 * (magnitude + 1e-30) * 8;
        if (!(std::fabs(got - sum) <= tolerance) && bad++ < 5)
          ADD_FAILURE() << kc.name << " " << describe(s) << ": C[" << t << "]["
                        << i << "][" << j << "] = " << got << ", expected "
                        << sum;
      }
  EXPECT_EQ(bad, 0) << kc.name << " " << describe(s);
}

class SgemmTest : public ::testing::TestWithParam<Shape> {};

TEST_P(SgemmTest, MatchesDoubleLoop) {
  for (const KernelCase &kc : kernels()) {
    if (!kc.supported)
      continue;
    check(kc, GetParam());
  }
}

// Sizes straddle every register tile (4x8, 6x16, 12x32) and cache block
// (kc 256/384, mc 128/144, nc 1024/2048), and the small-M path (M up to
// 2 * mr).
INSTANTIATE_TEST_SUITE_P(
    Shapes, SgemmTest,
    ::testing::Values(
        Shape{1, 1, 1, 1, false, false, false, false, false, 1},
        Shape{1, 1, 97, 37, false, false, false, false, false, 1},
        Shape{1, 7, 33, 5, false, false, false, true, false, 1},
        Shape{1, 13, 17, 1, false, false, false, false, false, 2},
        Shape{1, 25, 49, 64, true, false, false, false, false, 2},
        Shape{1, 37, 97, 1021, false, true, false, false, false, 2},
        Shape{1, 150, 2100, 400, false, false, false, false, false, 2},
        Shape{1, 300, 70, 390, true, true, false, true, false, 1},
        Shape{3, 19, 41, 23, false, false, true, false, false, 2},
        Shape{4, 29, 65, 130, false, true, false, true, false, 2},
        Shape{2, 30, 45, 77, false, true, false, false, false, 1},
        Shape{1, 1, 1030, 300, false, false, false, false, true, 2},
        Shape{2, 16, 96, 513, false, true, true, false, true, 2},
        Shape{1, 200, 33, 700, false, false, false, true, true, 2},
        Shape{1, 5, 3, 0, false, false, false, false, false, 1}));

} // namespace
