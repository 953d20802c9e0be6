/*===- runtime_internal.h - Internals shared by the runtime files -*- C -*-===*
 *
 * Declarations shared between the runtime's translation units and its unit
 * tests. Nothing here is exported from a model library: every function is
 * hidden, so two model libraries in one process (or a model library and
 * a real libomp) never bind to each other's copies.
 *
 *===----------------------------------------------------------------------===*/

#ifndef SEQC_RUNTIME_INTERNAL_H
#define SEQC_RUNTIME_INTERNAL_H

#include "runtime/seqc_runtime.h"

#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SEQC_HIDDEN __attribute__((visibility("hidden")))
#define SEQC_EXPORT __attribute__((visibility("default")))

/* Ranks above this are rejected by the signature parser. */
#define SEQC_MAX_RANK 32

/*===-------------------------- Memref descriptors ------------------------===*/

/* A ranked memref descriptor as MLIR lowers it to LLVM: `dims` holds the
 * rank sizes, then the rank strides (both in elements). */
typedef struct seqc_memref {
  void *allocated;
  void *aligned;
  int64_t offset;
  int64_t dims[];
} seqc_memref;

/* MLIR's unranked memref: the rank and a pointer to a ranked descriptor. */
typedef struct seqc_unranked_memref {
  int64_t rank;
  void *descriptor;
} seqc_unranked_memref;

/* Copies a `rank`-dimensional array of `sizes` between two strided layouts
 * (strides in elements, possibly negative or zero on the source side). */
SEQC_HIDDEN void seqc_strided_copy(size_t elem_size, int32_t rank,
                                   const int64_t *sizes, const void *src,
                                   const int64_t *src_strides, void *dst,
                                   const int64_t *dst_strides);

/* Whether `strides` are the row-major strides of `sizes`; dimensions of
 * size 1 may have any stride. */
SEQC_HIDDEN bool seqc_is_contiguous(int32_t rank, const int64_t *sizes,
                                    const int64_t *strides);

/* MLIR's c_runner_utils ABI for memref.copy between non-identity layouts. */
SEQC_HIDDEN void memrefCopy(int64_t elem_size, void *src_unranked,
                            void *dst_unranked);

/*===------------------------------ Signature -----------------------------===*/

/* The parsed `signature` of a model definition. Names point into `text`,
 * the shapes into `dims`; all four arrays are owned. */
typedef struct seqc_signature {
  char *text;
  const char *model_name;
  size_t num_entries;
  seqc_entry_info *entries;
  seqc_value_info *values;
  int64_t *dims;
} seqc_signature;

/* Parses `text`; on failure returns SEQC_ERROR_INTERNAL (or
 * SEQC_ERROR_OUT_OF_MEMORY) with a message in `error`, and `out` holds
 * nothing to free. */
SEQC_HIDDEN seqc_status seqc_signature_parse(const char *text,
                                             seqc_signature *out, char *error,
                                             size_t error_size);
SEQC_HIDDEN void seqc_signature_free(seqc_signature *signature);

/* The dtype called `name` ("f32", ...); false for an unknown name. */
SEQC_HIDDEN bool seqc_dtype_from_name(const char *name, seqc_dtype *out);

/* Formats a message into `buffer` (NUL-terminated, cut to `size`); does
 * nothing when `buffer` is NULL or `size` is 0. */
SEQC_HIDDEN void seqc_format_to(char *buffer, size_t size, const char *format,
                                ...) __attribute__((format(printf, 3, 4)));

/*===-------------------------- External weights --------------------------===*/

/* Maps `def`'s weights file (from `path`, else next to the library holding
 * `def`) unless another instance already did, and counts this instance as
 * a user. Models without external weights succeed at once. */
SEQC_HIDDEN seqc_status seqc_weights_acquire(const seqc_model_def *def,
                                             const char *path, char *error,
                                             size_t error_size);
/* Ends this instance's use; the last user unmaps the file. */
SEQC_HIDDEN void seqc_weights_release(const seqc_model_def *def);

/*===------------------------- Temporary buffers --------------------------===*/

/* What finalize-memref-to-llvm{use-generic-functions} calls for the heap
 * temporaries of generated code (runtime/temporary_buffers.c). */
SEQC_HIDDEN void *_mlir_memref_to_llvm_alloc(size_t size);
SEQC_HIDDEN void _mlir_memref_to_llvm_free(void *ptr);
/* Frees the cached temporaries (at model destroy). */
SEQC_HIDDEN void seqc_temporaries_trim(void);

/*===----------------------------- Thread pool ----------------------------===*/

typedef struct seqc_thread_pool seqc_thread_pool;

/* Runs on each thread of a team; `tid` is 0 on the calling thread. */
typedef void (*seqc_team_task)(void *context, int32_t tid);

/* Starts `num_threads - 1` workers (the caller is thread 0). Returns NULL
 * when a thread or memory cannot be had. */
SEQC_HIDDEN seqc_thread_pool *seqc_thread_pool_create(int32_t num_threads);
SEQC_HIDDEN void seqc_thread_pool_destroy(seqc_thread_pool *pool);
SEQC_HIDDEN int32_t seqc_thread_pool_size(const seqc_thread_pool *pool);

/* Runs `task` on threads 0 .. team_size-1 (clamped to the pool size) and
 * returns when all are done. Only one team runs on a pool at a time. */
SEQC_HIDDEN void seqc_thread_pool_run(seqc_thread_pool *pool, int32_t team_size,
                                      seqc_team_task task, void *context);

/* Waits until all `team_size` threads of the running team have arrived. */
SEQC_HIDDEN void seqc_thread_pool_barrier(seqc_thread_pool *pool,
                                          int32_t team_size);

/* The number of online CPUs (at least 1). */
SEQC_HIDDEN int32_t seqc_online_cpus(void);

/*===------------------------------ OpenMP ABI ----------------------------===*/

/* What the calling thread had as its current pool before seqc_omp_enter. */
typedef struct seqc_omp_scope {
  seqc_thread_pool *previous_pool;
  int32_t previous_level;
} seqc_omp_scope;

/* Makes `pool` the calling thread's current pool (the one its parallel
 * regions fork onto) until seqc_omp_leave. */
SEQC_HIDDEN void seqc_omp_enter(seqc_thread_pool *pool, seqc_omp_scope *scope);
SEQC_HIDDEN void seqc_omp_leave(const seqc_omp_scope *scope);

/* The team a runtime kernel called here may use: the current pool's size
 * outside parallel regions, else 1 (nested work stays on its thread). */
SEQC_HIDDEN int32_t seqc_parallel_team_size(void);
/* Runs task(context, tid) for tid = 0 .. team_size-1 (clamped to
 * seqc_parallel_team_size()) on the current pool; the members count as
 * inside a parallel region, so kernels they call run on their thread. */
SEQC_HIDDEN void seqc_parallel_run(int32_t team_size, seqc_team_task task,
                                   void *context);

/* The subset of the libomp ABI that LLVM's OpenMP lowering emits. */
typedef void (*seqc_kmpc_microtask)(int32_t *gtid, int32_t *btid, ...);

#define SEQC_KMP_SCH_STATIC_CHUNKED 33
#define SEQC_KMP_SCH_STATIC 34

SEQC_HIDDEN int32_t __kmpc_global_thread_num(void *loc);
SEQC_HIDDEN void __kmpc_fork_call(void *loc, int32_t argc,
                                  seqc_kmpc_microtask microtask, ...);
SEQC_HIDDEN void __kmpc_push_num_threads(void *loc, int32_t gtid,
                                         int32_t num_threads);
SEQC_HIDDEN void __kmpc_barrier(void *loc, int32_t gtid);
SEQC_HIDDEN void __kmpc_for_static_init_4(void *loc, int32_t gtid,
                                          int32_t schedtype, int32_t *plastiter,
                                          int32_t *plower, int32_t *pupper,
                                          int32_t *pstride, int32_t incr,
                                          int32_t chunk);
SEQC_HIDDEN void __kmpc_for_static_init_4u(void *loc, int32_t gtid,
                                           int32_t schedtype,
                                           int32_t *plastiter, uint32_t *plower,
                                           uint32_t *pupper, int32_t *pstride,
                                           int32_t incr, int32_t chunk);
SEQC_HIDDEN void __kmpc_for_static_init_8(void *loc, int32_t gtid,
                                          int32_t schedtype, int32_t *plastiter,
                                          int64_t *plower, int64_t *pupper,
                                          int64_t *pstride, int64_t incr,
                                          int64_t chunk);
SEQC_HIDDEN void __kmpc_for_static_init_8u(void *loc, int32_t gtid,
                                           int32_t schedtype,
                                           int32_t *plastiter, uint64_t *plower,
                                           uint64_t *pupper, int64_t *pstride,
                                           int64_t incr, int64_t chunk);
SEQC_HIDDEN void __kmpc_for_static_fini(void *loc, int32_t gtid);
SEQC_HIDDEN int omp_get_thread_num(void);
SEQC_HIDDEN int omp_get_num_threads(void);

#ifdef __cplusplus
}
#endif

#endif /* SEQC_RUNTIME_INTERNAL_H */
