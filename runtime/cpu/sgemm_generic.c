/*===- sgemm_generic.c - The portable f32 micro-kernel --------------------===*
 *
 * A 4 x 8 tile in plain C for targets without AVX2 (x86-64 baseline SSE2,
 * which the C compiler vectorizes the column loop for). Accumulates in a
 * local tile, so edges need no special path.
 *
 *===----------------------------------------------------------------------===*/

#include "runtime/cpu/sgemm.h"

#define MR 4
#define NR 8

static void micro_kernel(int64_t rows, int64_t kc, const float *a,
                         const float *b, int64_t ldb, float *c, int64_t ldc,
                         int64_t n_len, int accumulate) {
  float acc[MR][NR] = {{0}};
  for (int64_t p = 0; p < kc; ++p) {
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t j = 0; j < NR; ++j)
        acc[r][j] += a[r] * (j < n_len ? b[j] : 0.0f);
    a += rows;
    b += ldb;
  }
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t j = 0; j < n_len; ++j)
      c[r * ldc + j] = accumulate ? c[r * ldc + j] + acc[r][j] : acc[r][j];
}

void seqc_sgemm_transposed_panel_generic(int64_t k, int64_t width,
                                         const float *b, int64_t b_n_stride,
                                         int64_t nr, float *panel) {
  /* A column at a time, reading each source row front to back. */
  for (int64_t j = 0; j < width; ++j) {
    const float *column = b + j * b_n_stride;
    for (int64_t p = 0; p < k; ++p)
      panel[p * nr + j] = column[p];
  }
  for (int64_t p = 0; p < k; ++p)
    for (int64_t j = width; j < nr; ++j)
      panel[p * nr + j] = 0.0f;
}

const seqc_sgemm_kernel seqc_sgemm_kernel_generic = {
    .micro_kernel = micro_kernel,
    .mr = MR,
    .nr = NR,
    .kc = 256,
    .mc = 128,
    .nc = 1024,
    .transposed_panel = seqc_sgemm_transposed_panel_generic,
};
