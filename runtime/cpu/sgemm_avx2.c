/*===- sgemm_avx2.c - The AVX2 + FMA f32 micro-kernel ---------------------===*
 *
 * A 6 x 16 register tile: 12 ymm accumulators, two ymm rows of B per step
 * and one broadcast of A (15 of the 16 ymm registers). Column edges go
 * through a masked path. Compiled with -mavx2 -mfma; called only when the
 * compiler was told (--mcpu) that the target has both.
 *
 *===----------------------------------------------------------------------===*/

#include "runtime/cpu/sgemm.h"

#include <immintrin.h>

#define MR 6
#define NR 16

/* `rows` and `full` are constants in every caller, so the loops over rows
 * unroll, the accumulators live in registers, and full tiles use plain
 * loads. */
static inline __attribute__((always_inline)) void
tile(int64_t rows, int full, int64_t kc, const float *a, const float *b,
     int64_t ldb, float *c, int64_t ldc, int64_t n_len, int accumulate) {
  __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
  __m256i m0 = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)n_len), lanes);
  __m256i m1 = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)n_len - 8), lanes);
  __m256 acc0[MR], acc1[MR];
#pragma GCC unroll 6
  for (int64_t r = 0; r < rows; ++r) {
    acc0[r] = _mm256_setzero_ps();
    acc1[r] = _mm256_setzero_ps();
  }
  for (int64_t p = 0; p < kc; ++p) {
    /* Few rows of a packed B: the panel streams from memory once
     * (decode), and one stream of sequential lines is latency bound
     * without a prefetch well ahead. */
    if (rows <= 2 && ldb == NR)
      _mm_prefetch((const char *)(b + 32 * ldb), _MM_HINT_T0);
    __m256 b0 = full ? _mm256_loadu_ps(b) : _mm256_maskload_ps(b, m0);
    __m256 b1 = full ? _mm256_loadu_ps(b + 8) : _mm256_maskload_ps(b + 8, m1);
#pragma GCC unroll 6
    for (int64_t r = 0; r < rows; ++r) {
      __m256 x = _mm256_broadcast_ss(a + r);
      acc0[r] = _mm256_fmadd_ps(x, b0, acc0[r]);
      acc1[r] = _mm256_fmadd_ps(x, b1, acc1[r]);
    }
    a += rows;
    b += ldb;
  }
#pragma GCC unroll 6
  for (int64_t r = 0; r < rows; ++r) {
    float *row = c + r * ldc;
    if (full) {
      if (accumulate) {
        acc0[r] = _mm256_add_ps(acc0[r], _mm256_loadu_ps(row));
        acc1[r] = _mm256_add_ps(acc1[r], _mm256_loadu_ps(row + 8));
      }
      _mm256_storeu_ps(row, acc0[r]);
      _mm256_storeu_ps(row + 8, acc1[r]);
    } else {
      if (accumulate) {
        acc0[r] = _mm256_add_ps(acc0[r], _mm256_maskload_ps(row, m0));
        acc1[r] = _mm256_add_ps(acc1[r], _mm256_maskload_ps(row + 8, m1));
      }
      _mm256_maskstore_ps(row, m0, acc0[r]);
      _mm256_maskstore_ps(row + 8, m1, acc1[r]);
    }
  }
}

static void micro_kernel(int64_t rows, int64_t kc, const float *a,
                         const float *b, int64_t ldb, float *c, int64_t ldc,
                         int64_t n_len, int accumulate) {
  int full = n_len == NR;
  switch (rows * 2 + full) {
    SEQC_SGEMM_ROWS_CASES(1)
    SEQC_SGEMM_ROWS_CASES(2)
    SEQC_SGEMM_ROWS_CASES(3)
    SEQC_SGEMM_ROWS_CASES(4)
    SEQC_SGEMM_ROWS_CASES(5)
    SEQC_SGEMM_ROWS_CASES(6)
  }
}

const seqc_sgemm_kernel seqc_sgemm_kernel_avx2 = {
    micro_kernel, MR, NR, /*kc=*/256, /*mc=*/144, /*nc=*/2048};
