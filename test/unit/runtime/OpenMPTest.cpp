//===- OpenMPTest.cpp - The libomp subset on the runtime's thread pool ----===//
//
// Calls __kmpc_* the way LLVM's OpenMP lowering does: forks of outlined
// microtasks, static worksharing (chunked and not, all four integer
// flavours, negative increments), barriers, nested forks and
// __kmpc_push_num_threads.
//
//===----------------------------------------------------------------------===//

#include "test/unit/runtime/FakeModel.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace seqc::test;

namespace {

template <typename Fn> seqc_kmpc_microtask microtask(Fn fn) {
  return reinterpret_cast<seqc_kmpc_microtask>(fn);
}

//===----------------------------------------------------------------------===//
// A parallel fill, through a fake model
//===----------------------------------------------------------------------===//

constexpr int64_t kFillSize = 1000;

struct FillContext {
  int32_t *owner;
  std::atomic<int> *writes;
  std::atomic<int> teamSize;
};
FillContext *fillContext;

/// The body of an outlined `omp.wsloop` over [0, kFillSize), as
/// OpenMPIRBuilder emits it for a static schedule.
void fillMicrotask(int32_t *gtid, int32_t *, void *arg) {
  auto *context = static_cast<FillContext *>(arg);
  int32_t last = 0;
  uint64_t lower = 0, upper = kFillSize - 1;
  int64_t stride = 1;
  __kmpc_for_static_init_8u(nullptr, *gtid, SEQC_KMP_SCH_STATIC, &last, &lower,
                            &upper, &stride, 1, 0);
  uint64_t count = upper - lower + 1;
  for (uint64_t k = 0; k < count; ++k) {
    context->owner[lower + k] = omp_get_thread_num();
    context->writes[lower + k].fetch_add(1);
  }
  __kmpc_for_static_fini(nullptr, *gtid);
  __kmpc_barrier(nullptr, *gtid);
  context->teamSize = omp_get_num_threads();
}

void fillEntry(void **descriptors) {
  auto *out = static_cast<Memref<1> *>(descriptors[0]);
  fillContext->owner = static_cast<int32_t *>(out->aligned);
  __kmpc_fork_call(nullptr, 1, microtask(fillMicrotask), fillContext);
}

const EntryFn kFillEntries[] = {fillEntry};
const seqc_model_def kFillModel = {
    SEQC_ABI_VERSION, 1,
    "model fill\nentry fill 0 1\noutput owner i32 1 1000\n", kFillEntries};

/// Runs the fill model and returns the owner of each index.
std::vector<int32_t> runFill(ModelHandle &handle, FillContext &context) {
  std::vector<int32_t> owner(kFillSize, -1);
  std::vector<std::atomic<int>> writes(kFillSize);
  context.writes = writes.data();
  fillContext = &context;
  const int64_t shape[] = {kFillSize};
  seqc_tensor out = {owner.data(), SEQC_I32, 1, shape, nullptr};
  EXPECT_EQ(seqc_model_run(handle.model, "fill", nullptr, 0, &out, 1), SEQC_OK)
      << handle.lastError();
  for (int64_t i = 0; i < kFillSize; ++i)
    EXPECT_EQ(writes[i].load(), 1) << "index " << i;
  return owner;
}

TEST(OpenMPTest, ParallelFillWritesEveryIndexOnce) {
  ModelHandle handle(&kFillModel, 2);
  ASSERT_EQ(handle.status, SEQC_OK) << handle.error;
  // The pool persists across runs; every run must split the same way.
  for (int run = 0; run < 20; ++run) {
    FillContext context{};
    std::vector<int32_t> owner = runFill(handle, context);
    EXPECT_EQ(context.teamSize.load(), 2);
    // One contiguous block per thread: [0, 500) on 0, [500, 1000) on 1.
    for (int64_t i = 0; i < kFillSize; ++i)
      ASSERT_EQ(owner[i], i < kFillSize / 2 ? 0 : 1) << "index " << i;
  }
}

TEST(OpenMPTest, DefaultTeamIsOneThreadPerOnlineCpu) {
  ModelHandle handle(&kFillModel, 0);
  ASSERT_EQ(handle.status, SEQC_OK) << handle.error;
  FillContext context{};
  std::vector<int32_t> owner = runFill(handle, context);
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  EXPECT_EQ(context.teamSize.load(), cpus);
  EXPECT_EQ(std::set<int32_t>(owner.begin(), owner.end()).size(),
            size_t(std::min<long>(cpus, kFillSize)));
}

TEST(OpenMPTest, OneThreadModelRunsInline) {
  ModelHandle handle(&kFillModel, 1);
  ASSERT_EQ(handle.status, SEQC_OK) << handle.error;
  FillContext context{};
  std::vector<int32_t> owner = runFill(handle, context);
  EXPECT_EQ(context.teamSize.load(), 1);
  EXPECT_EQ(std::count(owner.begin(), owner.end(), 0), kFillSize);
}

//===----------------------------------------------------------------------===//
// Forks, teams and barriers
//===----------------------------------------------------------------------===//

struct TeamRecord {
  std::mutex mutex;
  std::map<int, std::thread::id> threads; // by thread number
  std::set<int> teamSizes;
  std::vector<int> gtids;
};

void recordMicrotask(int32_t *gtid, int32_t *btid, void *arg) {
  auto *record = static_cast<TeamRecord *>(arg);
  std::lock_guard<std::mutex> lock(record->mutex);
  record->threads[omp_get_thread_num()] = std::this_thread::get_id();
  record->teamSizes.insert(omp_get_num_threads());
  record->gtids.push_back(*gtid);
  EXPECT_EQ(*btid, omp_get_thread_num());
  EXPECT_EQ(__kmpc_global_thread_num(nullptr), *gtid);
}

TEST(OpenMPTest, ForkWithoutPoolRunsAsTeamOfOne) {
  TeamRecord record;
  __kmpc_fork_call(nullptr, 1, microtask(recordMicrotask), &record);
  ASSERT_EQ(record.threads.size(), 1u);
  EXPECT_EQ(record.threads[0], std::this_thread::get_id());
  EXPECT_EQ(record.teamSizes, std::set<int>{1});
  EXPECT_EQ(omp_get_thread_num(), 0);
  EXPECT_EQ(omp_get_num_threads(), 1);
}

TEST(OpenMPTest, ForkRunsOnEveryPoolThread) {
  PoolScope scope(3);
  TeamRecord record;
  __kmpc_fork_call(nullptr, 1, microtask(recordMicrotask), &record);
  ASSERT_EQ(record.threads.size(), 3u);
  EXPECT_EQ(record.threads[0], std::this_thread::get_id());
  EXPECT_NE(record.threads[1], record.threads[2]);
  EXPECT_EQ(record.teamSizes, std::set<int>{3});
  std::sort(record.gtids.begin(), record.gtids.end());
  EXPECT_EQ(record.gtids, (std::vector<int>{0, 1, 2}));
  // Back on the caller, outside the region.
  EXPECT_EQ(omp_get_num_threads(), 1);
}

TEST(OpenMPTest, PushNumThreadsLimitsTheNextFork) {
  PoolScope scope(4);
  TeamRecord two, all, clamped;
  __kmpc_push_num_threads(nullptr, 0, 2);
  __kmpc_fork_call(nullptr, 1, microtask(recordMicrotask), &two);
  __kmpc_fork_call(nullptr, 1, microtask(recordMicrotask), &all);
  __kmpc_push_num_threads(nullptr, 0, 9);
  __kmpc_fork_call(nullptr, 1, microtask(recordMicrotask), &clamped);
  EXPECT_EQ(two.threads.size(), 2u);
  EXPECT_EQ(two.teamSizes, std::set<int>{2});
  EXPECT_EQ(all.threads.size(), 4u);
  EXPECT_EQ(clamped.threads.size(), 4u);
}

struct NestedRecord {
  TeamRecord outer;
  std::mutex mutex;
  std::vector<std::pair<std::thread::id, std::thread::id>> sameThread;
  std::vector<int> innerSizes, innerNumbers, restoredNumbers;
};

void innerMicrotask(int32_t *, int32_t *btid, void *outerThread, void *arg) {
  auto *record = static_cast<NestedRecord *>(arg);
  std::lock_guard<std::mutex> lock(record->mutex);
  record->sameThread.push_back({*static_cast<std::thread::id *>(outerThread),
                                std::this_thread::get_id()});
  record->innerSizes.push_back(omp_get_num_threads());
  record->innerNumbers.push_back(omp_get_thread_num());
  EXPECT_EQ(*btid, 0);
}

void outerMicrotask(int32_t *gtid, int32_t *btid, void *arg) {
  auto *record = static_cast<NestedRecord *>(arg);
  recordMicrotask(gtid, btid, &record->outer);
  int before = omp_get_thread_num();
  std::thread::id self = std::this_thread::get_id();
  __kmpc_fork_call(nullptr, 2, microtask(innerMicrotask), &self, record);
  std::lock_guard<std::mutex> lock(record->mutex);
  record->restoredNumbers.push_back(omp_get_thread_num() - before);
}

TEST(OpenMPTest, NestedForkRunsInlineAsTeamOfOne) {
  PoolScope scope(3);
  NestedRecord record;
  __kmpc_fork_call(nullptr, 1, microtask(outerMicrotask), &record);
  EXPECT_EQ(record.outer.threads.size(), 3u);
  ASSERT_EQ(record.sameThread.size(), 3u);
  for (auto [outer, inner] : record.sameThread)
    EXPECT_EQ(outer, inner);
  EXPECT_EQ(record.innerSizes, (std::vector<int>{1, 1, 1}));
  EXPECT_EQ(record.innerNumbers, (std::vector<int>{0, 0, 0}));
  EXPECT_EQ(record.restoredNumbers, (std::vector<int>{0, 0, 0}));
}

struct BarrierContext {
  static constexpr int kRounds = 300;
  std::atomic<int> slots[4];
  std::atomic<int> failures{0};
};

void barrierMicrotask(int32_t *gtid, int32_t *, void *arg) {
  auto *context = static_cast<BarrierContext *>(arg);
  int self = omp_get_thread_num(), team = omp_get_num_threads();
  for (int round = 1; round <= BarrierContext::kRounds; ++round) {
    context->slots[self].store(round);
    __kmpc_barrier(nullptr, *gtid);
    for (int t = 0; t < team; ++t)
      if (context->slots[t].load() != round)
        context->failures.fetch_add(1);
    __kmpc_barrier(nullptr, *gtid);
  }
}

TEST(OpenMPTest, BarrierSeparatesPhases) {
  // Four threads on a machine that may have fewer cores: the waits must
  // also work when they block.
  PoolScope scope(4);
  BarrierContext context{};
  __kmpc_fork_call(nullptr, 1, microtask(barrierMicrotask), &context);
  EXPECT_EQ(context.failures.load(), 0);
  for (int t = 0; t < 4; ++t)
    EXPECT_EQ(context.slots[t].load(), BarrierContext::kRounds);
}

void countMicrotask(int32_t *, int32_t *, void *arg) {
  static_cast<std::atomic<int> *>(arg)->fetch_add(1);
}

TEST(OpenMPTest, ManyForksInARow) {
  PoolScope scope(3);
  std::atomic<int> count{0};
  for (int i = 0; i < 5000; ++i)
    __kmpc_fork_call(nullptr, 1, microtask(countMicrotask), &count);
  EXPECT_EQ(count.load(), 3 * 5000);
}

//===----------------------------------------------------------------------===//
// Argument passing
//===----------------------------------------------------------------------===//

std::vector<void *> received;
std::mutex receivedMutex;

void noArgs(int32_t *, int32_t *) {
  std::lock_guard<std::mutex> lock(receivedMutex);
  received.push_back(nullptr);
}

void threeArgs(int32_t *, int32_t *, void *a, void *b, void *c) {
  std::lock_guard<std::mutex> lock(receivedMutex);
  if (omp_get_thread_num() == 0)
    received = {a, b, c};
}

#define P void *
void sixteenArgs(int32_t *, int32_t *, P a0, P a1, P a2, P a3, P a4, P a5, P a6,
                 P a7, P a8, P a9, P a10, P a11, P a12, P a13, P a14, P a15) {
  std::lock_guard<std::mutex> lock(receivedMutex);
  if (omp_get_thread_num() == 1)
    received = {a0, a1, a2,  a3,  a4,  a5,  a6,  a7,
                a8, a9, a10, a11, a12, a13, a14, a15};
}
#undef P

TEST(OpenMPTest, ForkPassesEveryArgumentCount) {
  PoolScope scope(2);
  int values[16];
  received.clear();
  __kmpc_fork_call(nullptr, 0, microtask(noArgs));
  EXPECT_EQ(received.size(), 2u);
  __kmpc_fork_call(nullptr, 3, microtask(threeArgs), &values[0], &values[1],
                   &values[2]);
  EXPECT_EQ(received,
            (std::vector<void *>{&values[0], &values[1], &values[2]}));
  __kmpc_fork_call(nullptr, 16, microtask(sixteenArgs), &values[0], &values[1],
                   &values[2], &values[3], &values[4], &values[5], &values[6],
                   &values[7], &values[8], &values[9], &values[10], &values[11],
                   &values[12], &values[13], &values[14], &values[15]);
  ASSERT_EQ(received.size(), 16u);
  for (int i = 0; i < 16; ++i)
    EXPECT_EQ(received[i], &values[i]) << i;
}

} // namespace
