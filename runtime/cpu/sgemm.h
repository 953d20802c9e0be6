/*===- sgemm.h - f32 matrix multiplication kernels -------------*- C -*-===*
 *
 * The contraction kernels that generated code calls for f32 matmuls
 * (compiler/Codegen/CPU/LowerContractionsToKernels.cpp emits the calls and
 * picks the ISA by --mcpu; docs/cpu-codegen.md describes the design).
 *
 * One driver (sgemm.c) blocks the problem for the caches, packs operands
 * and splits the output over the model's thread pool; each ISA file
 * supplies a register-tiled micro-kernel that computes a `rows` x NR tile
 * of C from packed A and a B panel, with the accumulators held in vector
 * registers.
 *
 *===----------------------------------------------------------------------===*/

#ifndef SEQC_RUNTIME_CPU_SGEMM_H
#define SEQC_RUNTIME_CPU_SGEMM_H

#include "runtime/runtime_internal.h"

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Flags of the seqc_cpu_sgemm_* entry points. */
enum {
  /* C += A * B; without it C = A * B (C's old contents are not read). */
  SEQC_SGEMM_ACCUMULATE = 1,
  /* B is pre-packed (seqc_sgemm_pack_b's layout for the kernel's NR): the
   * B strides are ignored but for the batch stride, in packed floats. */
  SEQC_SGEMM_PACKED_B = 2,
};

/* The micro-kernel: C[0..rows)[0..n_len) (+)= sum over k < kc of
 * a[k * rows + r] * b[k * ldb + j], where `a` holds `rows` rows of A packed
 * k-major, `b` points at a panel of NR columns with `ldb` floats between
 * rows, and n_len <= NR (only n_len columns of b are read). C has unit
 * column stride and `ldc` floats between rows. */
typedef void (*seqc_sgemm_micro_kernel)(int64_t rows, int64_t kc,
                                        const float *a, const float *b,
                                        int64_t ldb, float *c, int64_t ldc,
                                        int64_t n_len, int accumulate);

/* Packs `width` <= nr columns of a k-deep B that is stored transposed
 * (column j at b + j * b_n_stride, unit stride along k, as k in q k^T) into
 * one panel: panel[p * nr + j] = b[j * b_n_stride + p], the columns from
 * `width` to nr zero. A group of rows of a row-major A is packed the same
 * way (width = nr = the group's rows). */
typedef void (*seqc_sgemm_transposed_panel)(int64_t k, int64_t width,
                                            const float *b, int64_t b_n_stride,
                                            int64_t nr, float *panel);

/* A micro-kernel with its register tile and cache blocking. */
typedef struct seqc_sgemm_kernel {
  seqc_sgemm_micro_kernel micro_kernel;
  int64_t mr; /* rows of the register tile (at most) */
  int64_t nr; /* columns of the register tile (vector width multiple) */
  int64_t kc; /* depth of a cache block */
  int64_t mc; /* rows of a cache block of A (a multiple of mr) */
  int64_t nc; /* columns of a cache block of B (a multiple of nr) */
  /* Packs transposed panels for this ISA. */
  seqc_sgemm_transposed_panel transposed_panel;
} seqc_sgemm_kernel;

/* The portable transposing panel packer: a column at a time. */
SEQC_HIDDEN void seqc_sgemm_transposed_panel_generic(int64_t k, int64_t width,
                                                     const float *b,
                                                     int64_t b_n_stride,
                                                     int64_t nr, float *panel);

/* The transposing panel packer with 8 x 8 and 4 x 4 blocks in registers
 * (AVX; the AVX-512 kernel uses it too). */
SEQC_HIDDEN void seqc_sgemm_transposed_panel_avx2(int64_t k, int64_t width,
                                                  const float *b,
                                                  int64_t b_n_stride,
                                                  int64_t nr, float *panel);

SEQC_HIDDEN extern const seqc_sgemm_kernel seqc_sgemm_kernel_generic;
SEQC_HIDDEN extern const seqc_sgemm_kernel seqc_sgemm_kernel_avx2;
SEQC_HIDDEN extern const seqc_sgemm_kernel seqc_sgemm_kernel_avx512;

/* The driver: `batch` products of an m x k A and a k x n B into an m x n C,
 * every operand given by its base pointer and strides in elements (zero
 * batch strides broadcast; A and B may have any strides, C must have unit
 * column stride). Runs on the calling thread's current pool unless it is
 * already inside a parallel region. */
SEQC_HIDDEN void
seqc_sgemm(const seqc_sgemm_kernel *kernel, int64_t batch, int64_t m, int64_t n,
           int64_t k, const float *a, int64_t a_batch_stride,
           int64_t a_m_stride, int64_t a_k_stride, const float *b,
           int64_t b_batch_stride, int64_t b_k_stride, int64_t b_n_stride,
           float *c, int64_t c_batch_stride, int64_t c_m_stride, int64_t flags);

/* The size in floats of one k x n B packed for a kernel with `nr` columns:
 * ceil(n / nr) panels of k x nr, zero padded. */
SEQC_HIDDEN int64_t seqc_sgemm_packed_b_size(int64_t k, int64_t n, int64_t nr);

/* Packs one k x n B (strides in elements) into `packed`: panel p holds
 * columns [p * nr, p * nr + nr) as k rows of nr floats. The compiler packs
 * constant weights the same way at compile time. */
SEQC_HIDDEN void seqc_sgemm_pack_b(const seqc_sgemm_kernel *kernel, int64_t k,
                                   int64_t n, const float *b,
                                   int64_t b_k_stride, int64_t b_n_stride,
                                   float *packed);

/* The two cases of a micro-kernel's dispatch on `rows * 2 + full` for R
 * rows: the file's `tile` inlined with R and the full-width flag as
 * constants, so each row count gets its own register allocation. Used
 * inside `switch` by each ISA file, whose micro_kernel has the parameters
 * named here. */
#define SEQC_SGEMM_ROWS_CASES(R)                                               \
  case 2 * (R):                                                                \
    tile(R, 0, kc, a, b, ldb, c, ldc, n_len, accumulate);                      \
    return;                                                                    \
  case 2 * (R) + 1:                                                            \
    tile(R, 1, kc, a, b, ldb, c, ldc, n_len, accumulate);                      \
    return;

/* The entry points generated code calls, one per ISA; the compiler picks
 * one that --mcpu supports. Each runs seqc_sgemm with its ISA's kernel. */
#define SEQC_SGEMM_ENTRY_SIGNATURE(ISA)                                        \
  void seqc_cpu_sgemm_##ISA(                                                   \
      int64_t batch, int64_t m, int64_t n, int64_t k, const float *a,          \
      int64_t a_batch_stride, int64_t a_m_stride, int64_t a_k_stride,          \
      const float *b, int64_t b_batch_stride, int64_t b_k_stride,              \
      int64_t b_n_stride, float *c, int64_t c_batch_stride,                    \
      int64_t c_m_stride, int64_t flags)
SEQC_HIDDEN SEQC_SGEMM_ENTRY_SIGNATURE(generic);
SEQC_HIDDEN SEQC_SGEMM_ENTRY_SIGNATURE(avx2);
SEQC_HIDDEN SEQC_SGEMM_ENTRY_SIGNATURE(avx512);

#ifdef __cplusplus
}
#endif

#endif /* SEQC_RUNTIME_CPU_SGEMM_H */
