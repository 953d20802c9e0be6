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

/* dst row i = element i of the 8 source rows: unpack pairs, then
 * quadruples, then swap the 128-bit halves. */
static inline __attribute__((always_inline)) void
transpose8(const float *src, int64_t src_stride, float *dst,
           int64_t dst_stride) {
  __m256 r[8], t[8], u[8];
  for (int i = 0; i < 8; ++i)
    r[i] = _mm256_loadu_ps(src + i * src_stride);
  for (int i = 0; i < 4; ++i) {
    t[2 * i] = _mm256_unpacklo_ps(r[2 * i], r[2 * i + 1]);
    t[2 * i + 1] = _mm256_unpackhi_ps(r[2 * i], r[2 * i + 1]);
  }
  for (int h = 0; h < 2; ++h) {
    /* Rows 4h..4h+3: elements 0/4, 1/5 from the low unpacks, 2/6, 3/7
     * from the high ones. */
    u[4 * h + 0] = _mm256_shuffle_ps(t[4 * h], t[4 * h + 2], 0x44);
    u[4 * h + 1] = _mm256_shuffle_ps(t[4 * h], t[4 * h + 2], 0xEE);
    u[4 * h + 2] = _mm256_shuffle_ps(t[4 * h + 1], t[4 * h + 3], 0x44);
    u[4 * h + 3] = _mm256_shuffle_ps(t[4 * h + 1], t[4 * h + 3], 0xEE);
  }
  for (int i = 0; i < 4; ++i) {
    _mm256_storeu_ps(dst + i * dst_stride,
                     _mm256_permute2f128_ps(u[i], u[4 + i], 0x20));
    _mm256_storeu_ps(dst + (i + 4) * dst_stride,
                     _mm256_permute2f128_ps(u[i], u[4 + i], 0x31));
  }
}

void seqc_sgemm_transposed_panel_avx2(int64_t k, int64_t width, const float *b,
                                      int64_t b_n_stride, int64_t nr,
                                      float *panel) {
  int64_t j = 0;
  for (; j + 8 <= width; j += 8) {
    int64_t p = 0;
    for (; p + 8 <= k; p += 8)
      transpose8(b + j * b_n_stride + p, b_n_stride, panel + p * nr + j, nr);
    for (; p < k; ++p)
      for (int64_t jj = j; jj < j + 8; ++jj)
        panel[p * nr + jj] = b[jj * b_n_stride + p];
  }
  for (; j + 4 <= width; j += 4) {
    int64_t p = 0;
    for (; p + 4 <= k; p += 4) {
      __m128 r0 = _mm_loadu_ps(b + j * b_n_stride + p);
      __m128 r1 = _mm_loadu_ps(b + (j + 1) * b_n_stride + p);
      __m128 r2 = _mm_loadu_ps(b + (j + 2) * b_n_stride + p);
      __m128 r3 = _mm_loadu_ps(b + (j + 3) * b_n_stride + p);
      _MM_TRANSPOSE4_PS(r0, r1, r2, r3);
      _mm_storeu_ps(panel + p * nr + j, r0);
      _mm_storeu_ps(panel + (p + 1) * nr + j, r1);
      _mm_storeu_ps(panel + (p + 2) * nr + j, r2);
      _mm_storeu_ps(panel + (p + 3) * nr + j, r3);
    }
    for (; p < k; ++p)
      for (int64_t jj = j; jj < j + 4; ++jj)
        panel[p * nr + jj] = b[jj * b_n_stride + p];
  }
  for (; j < width; ++j)
    for (int64_t p = 0; p < k; ++p)
      panel[p * nr + j] = b[j * b_n_stride + p];
  for (int64_t p = 0; p < k; ++p)
    for (int64_t jj = width; jj < nr; ++jj)
      panel[p * nr + jj] = 0.0f;
}

const seqc_sgemm_kernel seqc_sgemm_kernel_avx2 = {
    .micro_kernel = micro_kernel,
    .mr = MR,
    .nr = NR,
    .kc = 256,
    .mc = 144,
    .nc = 2048,
    .transposed_panel = seqc_sgemm_transposed_panel_avx2,
};
