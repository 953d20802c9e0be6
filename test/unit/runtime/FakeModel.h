//===- FakeModel.h - Hand-written stand-ins for generated code --*- C++ -*-===//
//
// The runtime tests drive seqc_model_* with model definitions written by
// hand: entry functions that take memref descriptors exactly as generated
// code does; and PoolScope, a current thread pool as during a run.
//
//===----------------------------------------------------------------------===//

#ifndef SEQC_TEST_UNIT_RUNTIME_FAKEMODEL_H
#define SEQC_TEST_UNIT_RUNTIME_FAKEMODEL_H

#include "runtime/runtime_internal.h"

#include <memory>
#include <string>

namespace seqc::test {

/// A ranked memref descriptor as MLIR lays it out.
template <int Rank> struct Memref {
  void *allocated;
  void *aligned;
  int64_t offset;
  int64_t sizes[Rank];
  int64_t strides[Rank];
};

template <> struct Memref<0> {
  void *allocated;
  void *aligned;
  int64_t offset;
};

using EntryFn = void (*)(void **descriptors);

/// Owns a model instance; empty when creation failed, with the status and
/// message kept.
struct ModelHandle {
  seqc_model *model = nullptr;
  seqc_status status = SEQC_OK;
  std::string error;

  ModelHandle(const seqc_model_def *def, int32_t numThreads = 1) {
    char buffer[1024] = "unset";
    seqc_model_options options = {numThreads, buffer, sizeof(buffer)};
    status = seqc_model_create(def, &options, &model);
    error = buffer;
  }
  ~ModelHandle() { seqc_model_destroy(model); }
  ModelHandle(const ModelHandle &) = delete;
  ModelHandle &operator=(const ModelHandle &) = delete;

  const char *lastError() const { return seqc_model_last_error(model); }
};

/// Makes a pool of `numThreads` current on this thread, as seqc_model_run
/// does around an entry.
struct PoolScope {
  explicit PoolScope(int32_t numThreads)
      : pool(seqc_thread_pool_create(numThreads)) {
    seqc_omp_enter(pool, &scope);
  }
  ~PoolScope() {
    seqc_omp_leave(&scope);
    seqc_thread_pool_destroy(pool);
  }
  PoolScope(const PoolScope &) = delete;
  PoolScope &operator=(const PoolScope &) = delete;
  seqc_thread_pool *pool;
  seqc_omp_scope scope;
};

} // namespace seqc::test

#endif // SEQC_TEST_UNIT_RUNTIME_FAKEMODEL_H
