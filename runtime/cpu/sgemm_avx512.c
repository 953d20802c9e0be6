/*===- sgemm_avx512.c - The AVX-512 f32 micro-kernel ----------------------===*
 *
 * A 12 x 32 register tile: 24 zmm accumulators, two zmm rows of B per
 * step, A broadcast from memory into the FMAs. Column edges use masked
 * loads and stores, so no tile goes through a scratch buffer. Compiled with
 * -mavx512f -mfma; called only when the compiler was told (--mcpu) that
 * the target has AVX-512F.
 *
 *===----------------------------------------------------------------------===*/

#include "runtime/cpu/sgemm.h"

#include <immintrin.h>

#define MR 12
#define NR 32

/* `rows` and `full` are constants in every caller, so the loops over rows
 * unroll, the accumulators live in registers, and full tiles load B
 * without masks (a mask register reloaded per step costs a few percent). */
static inline __attribute__((always_inline)) void
tile(int64_t rows, int full, int64_t kc, const float *a, const float *b,
     int64_t ldb, float *c, int64_t ldc, int64_t n_len, int accumulate) {
  __mmask16 m0 = (__mmask16)(n_len >= 16 ? 0xffff : (1u << n_len) - 1);
  __mmask16 m1 =
      (__mmask16)(n_len >= 32 ? 0xffff
                              : (n_len <= 16 ? 0 : (1u << (n_len - 16)) - 1));
  __m512 acc0[MR], acc1[MR];
#pragma GCC unroll 12
  for (int64_t r = 0; r < rows; ++r) {
    acc0[r] = _mm512_setzero_ps();
    acc1[r] = _mm512_setzero_ps();
  }
  for (int64_t p = 0; p < kc; ++p) {
    /* Few rows of a packed B: the panel streams from memory once
     * (decode), and one stream of sequential lines is latency bound
     * without a prefetch well ahead. */
    if (rows <= 4 && ldb == NR) {
      _mm_prefetch((const char *)(b + 24 * ldb), _MM_HINT_T0);
      _mm_prefetch((const char *)(b + 24 * ldb + 16), _MM_HINT_T0);
    }
    __m512 b0 = full ? _mm512_loadu_ps(b) : _mm512_maskz_loadu_ps(m0, b);
    __m512 b1 =
        full ? _mm512_loadu_ps(b + 16) : _mm512_maskz_loadu_ps(m1, b + 16);
#pragma GCC unroll 12
    for (int64_t r = 0; r < rows; ++r) {
      __m512 x = _mm512_set1_ps(a[r]);
      acc0[r] = _mm512_fmadd_ps(x, b0, acc0[r]);
      acc1[r] = _mm512_fmadd_ps(x, b1, acc1[r]);
    }
    a += rows;
    b += ldb;
  }
#pragma GCC unroll 12
  for (int64_t r = 0; r < rows; ++r) {
    float *row = c + r * ldc;
    if (accumulate) {
      acc0[r] = _mm512_add_ps(acc0[r], _mm512_maskz_loadu_ps(m0, row));
      acc1[r] = _mm512_add_ps(acc1[r], _mm512_maskz_loadu_ps(m1, row + 16));
    }
    _mm512_mask_storeu_ps(row, m0, acc0[r]);
    _mm512_mask_storeu_ps(row + 16, m1, acc1[r]);
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
    SEQC_SGEMM_ROWS_CASES(7)
    SEQC_SGEMM_ROWS_CASES(8)
    SEQC_SGEMM_ROWS_CASES(9)
    SEQC_SGEMM_ROWS_CASES(10)
    SEQC_SGEMM_ROWS_CASES(11)
    SEQC_SGEMM_ROWS_CASES(12)
  }
}

const seqc_sgemm_kernel seqc_sgemm_kernel_avx512 = {
    .micro_kernel = micro_kernel,
    .mr = MR,
    .nr = NR,
    .kc = 512,
    .mc = 96,
    .nc = 2048,
    .transposed_panel = seqc_sgemm_transposed_panel_avx2,
};
