/*===- memref_copy.c - Copies between strided layouts ---------------------===*
 *
 * memrefCopy is what MLIR lowers a memref.copy between non-identity layouts
 * to; the runtime uses the same code to stage strided tensors.
 *
 *===----------------------------------------------------------------------===*/

#include "runtime/runtime_internal.h"

#include <string.h>

/* Copies one row (the innermost dimension); the fixed-size cases let the
 * compiler turn each memcpy into a single move. */
static void copy_row(size_t elem_size, int64_t count, const char *src,
                     int64_t src_step, char *dst, int64_t dst_step) {
  if (src_step == (int64_t)elem_size && dst_step == (int64_t)elem_size) {
    memcpy(dst, src, (size_t)count * elem_size);
    return;
  }
#define SEQC_COPY_ROW(SIZE)                                                    \
  for (int64_t i = 0; i < count; ++i)                                          \
    memcpy(dst + i * dst_step, src + i * src_step, SIZE);                      \
  return;
  switch (elem_size) {
  case 1:
    SEQC_COPY_ROW(1)
  case 2:
    SEQC_COPY_ROW(2)
  case 4:
    SEQC_COPY_ROW(4)
  case 8:
    SEQC_COPY_ROW(8)
  default:
    SEQC_COPY_ROW(elem_size)
  }
#undef SEQC_COPY_ROW
}

/* Recurses over the outer dimensions, so any rank works without an index
 * array; the calls cost one per row. */
static void copy_dims(size_t elem_size, int32_t rank, const int64_t *sizes,
                      const char *src, const int64_t *src_strides, char *dst,
                      const int64_t *dst_strides) {
  int64_t src_step = src_strides[0] * (int64_t)elem_size;
  int64_t dst_step = dst_strides[0] * (int64_t)elem_size;
  if (rank == 1) {
    copy_row(elem_size, sizes[0], src, src_step, dst, dst_step);
    return;
  }
  for (int64_t i = 0; i < sizes[0]; ++i)
    copy_dims(elem_size, rank - 1, sizes + 1, src + i * src_step,
              src_strides + 1, dst + i * dst_step, dst_strides + 1);
}

bool seqc_is_contiguous(int32_t rank, const int64_t *sizes,
                        const int64_t *strides) {
  int64_t expected = 1;
  for (int32_t d = rank - 1; d >= 0; --d) {
    if (sizes[d] != 1 && strides[d] != expected)
      return false;
    expected *= sizes[d];
  }
  return true;
}

void seqc_strided_copy(size_t elem_size, int32_t rank, const int64_t *sizes,
                       const void *src, const int64_t *src_strides, void *dst,
                       const int64_t *dst_strides) {
  int64_t count = 1;
  for (int32_t d = 0; d < rank; ++d) {
    if (sizes[d] <= 0)
      return;
    count *= sizes[d];
  }
  if (seqc_is_contiguous(rank, sizes, src_strides) &&
      seqc_is_contiguous(rank, sizes, dst_strides)) {
    memcpy(dst, src, (size_t)count * elem_size);
    return;
  }
  copy_dims(elem_size, rank, sizes, (const char *)src, src_strides, (char *)dst,
            dst_strides);
}

void memrefCopy(int64_t elem_size, void *src_unranked, void *dst_unranked) {
  const seqc_unranked_memref *src_arg = src_unranked;
  const seqc_unranked_memref *dst_arg = dst_unranked;
  const seqc_memref *src = src_arg->descriptor;
  const seqc_memref *dst = dst_arg->descriptor;
  int32_t rank = (int32_t)src_arg->rank;
  const char *src_data = (const char *)src->aligned + src->offset * elem_size;
  char *dst_data = (char *)dst->aligned + dst->offset * elem_size;
  /* Both sides have the same sizes (memref.copy requires it). */
  seqc_strided_copy((size_t)elem_size, rank, src->dims, src_data,
                    src->dims + rank, dst_data, dst->dims + rank);
}
