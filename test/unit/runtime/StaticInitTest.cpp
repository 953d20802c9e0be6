//===- StaticInitTest.cpp - __kmpc_for_static_init_{4,4u,8,8u} ------------===//
//
// Every team thread asks for its share of a loop and runs it the way
// compiled code does; together the threads must run each iteration exactly
// once, in the layout the schedule promises, with exactly the thread that
// runs the last iteration told so.
//
//===----------------------------------------------------------------------===//

#include "test/unit/runtime/FakeModel.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>
#include <vector>

namespace {

using Wide = __int128;

template <typename T, typename ST>
using StaticInitFn = void (*)(void *, int32_t, int32_t, int32_t *, T *, T *,
                              ST *, ST, ST);

/// A loop `for (i = lower; incr > 0 ? i <= upper : i >= upper; i += incr)`.
struct LoopCase {
  int64_t lower, upper, incr, chunk;
  int32_t schedule;
};

/// What one team thread was given and ran.
struct Share {
  int thread = -1;
  int32_t last = -1;
  std::vector<Wide> iterations;
};

template <typename T, typename ST> struct Run {
  StaticInitFn<T, ST> init;
  LoopCase loop;
  std::mutex mutex;
  std::vector<Share> shares;
};

/// Runs this thread's share as compiled code does: the static schedule
/// runs [lower, upper]; the chunked one runs [lower, min(upper, bound)] and
/// advances both by the stride while lower is in bounds.
template <typename T, typename ST>
void shareMicrotask(int32_t *gtid, int32_t *, void *arg) {
  auto *run = static_cast<Run<T, ST> *>(arg);
  const LoopCase &loop = run->loop;
  T lower = T(loop.lower), upper = T(loop.upper);
  ST stride = 0;
  Share share;
  share.thread = omp_get_thread_num();
  run->init(nullptr, *gtid, loop.schedule, &share.last, &lower, &upper, &stride,
            ST(loop.incr), ST(loop.chunk));
  Wide incr = loop.incr, bound = loop.upper;
  auto within = [&](Wide i, Wide limit) {
    return incr > 0 ? i <= limit : i >= limit;
  };
  if (loop.schedule == SEQC_KMP_SCH_STATIC) {
    for (Wide i = lower; within(i, Wide(upper)); i += incr)
      share.iterations.push_back(i);
  } else {
    for (Wide lo = lower, hi = upper; within(lo, bound);
         lo += stride, hi += stride) {
      Wide end = incr > 0 ? std::min(hi, bound) : std::max(hi, bound);
      for (Wide i = lo; within(i, end); i += incr)
        share.iterations.push_back(i);
    }
  }
  __kmpc_for_static_fini(nullptr, *gtid);
  std::lock_guard<std::mutex> lock(run->mutex);
  run->shares.push_back(std::move(share));
}

/// The iterations of the whole loop, in order.
std::vector<Wide> allIterations(const LoopCase &loop) {
  std::vector<Wide> iterations;
  for (Wide i = loop.lower; loop.incr > 0 ? i <= loop.upper : i >= loop.upper;
       i += loop.incr)
    iterations.push_back(i);
  return iterations;
}

template <typename T, typename ST>
void checkLoop(seqc_thread_pool *pool, StaticInitFn<T, ST> init,
               const LoopCase &loop, int team) {
  SCOPED_TRACE(testing::Message()
               << "lower " << loop.lower << " upper " << loop.upper << " incr "
               << loop.incr << " chunk " << loop.chunk << " schedule "
               << loop.schedule << " team " << team);
  Run<T, ST> run{init, loop, {}, {}};
  seqc_omp_scope scope;
  seqc_omp_enter(pool, &scope);
  __kmpc_push_num_threads(nullptr, 0, team);
  __kmpc_fork_call(nullptr, 1,
                   reinterpret_cast<seqc_kmpc_microtask>(shareMicrotask<T, ST>),
                   &run);
  seqc_omp_leave(&scope);
  ASSERT_EQ(run.shares.size(), size_t(team));
  std::sort(run.shares.begin(), run.shares.end(),
            [](const Share &a, const Share &b) { return a.thread < b.thread; });

  std::vector<Wide> expected = allIterations(loop), got;
  int lastCount = 0;
  for (const Share &share : run.shares) {
    got.insert(got.end(), share.iterations.begin(), share.iterations.end());
    if (share.last) {
      ++lastCount;
      ASSERT_FALSE(share.iterations.empty());
      EXPECT_EQ(share.iterations.back(), expected.back());
    }
  }
  if (loop.schedule == SEQC_KMP_SCH_STATIC) {
    // Blocks in thread order, sizes differing by at most one, larger first.
    EXPECT_EQ(got, expected);
    size_t trip = expected.size();
    for (const Share &share : run.shares)
      EXPECT_EQ(share.iterations.size(),
                trip / team + (size_t(share.thread) < trip % team ? 1 : 0))
          << "thread " << share.thread;
  } else {
    // Chunk k goes to thread k % team.
    int64_t chunk = std::max<int64_t>(loop.chunk, 1);
    for (const Share &share : run.shares)
      for (Wide i : share.iterations) {
        int64_t position = int64_t((i - loop.lower) / loop.incr);
        EXPECT_EQ(position / chunk % team, share.thread);
      }
    std::sort(got.begin(), got.end());
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(got, expected);
  }
  EXPECT_EQ(lastCount, expected.empty() ? 0 : 1);
}

const LoopCase kSignedCases[] = {
    {0, 99, 1, 0, SEQC_KMP_SCH_STATIC},
    {0, 1, 1, 0, SEQC_KMP_SCH_STATIC}, // fewer iterations than threads
    {-7, 30, 3, 0, SEQC_KMP_SCH_STATIC},
    {30, -7, -3, 0, SEQC_KMP_SCH_STATIC},
    {5, 5, -1, 0, SEQC_KMP_SCH_STATIC},
    {10, 9, 1, 0, SEQC_KMP_SCH_STATIC}, // zero-trip
    {9, 10, -1, 0, SEQC_KMP_SCH_STATIC},
    {0, 99, 1, 7, SEQC_KMP_SCH_STATIC_CHUNKED},
    {-20, 20, 2, 3, SEQC_KMP_SCH_STATIC_CHUNKED},
    {40, -3, -4, 2, SEQC_KMP_SCH_STATIC_CHUNKED},
    {0, 5, 1, 0, SEQC_KMP_SCH_STATIC_CHUNKED}, // chunk 0 means 1
    {0, 2, 1, 100, SEQC_KMP_SCH_STATIC_CHUNKED},
    {3, 2, 1, 4, SEQC_KMP_SCH_STATIC_CHUNKED},
};

// Unsigned loops stay clear of 0 going down: an empty share is placed one
// step past the bound, which must not wrap.
const LoopCase kUnsignedCases[] = {
    {0, 99, 1, 0, SEQC_KMP_SCH_STATIC},
    {0, 2, 1, 0, SEQC_KMP_SCH_STATIC},
    {100, 20, -3, 0, SEQC_KMP_SCH_STATIC},
    {7, 50, 5, 0, SEQC_KMP_SCH_STATIC},
    {0, 99, 1, 8, SEQC_KMP_SCH_STATIC_CHUNKED},
    {90, 10, -2, 3, SEQC_KMP_SCH_STATIC_CHUNKED},
};

class StaticInitTest : public ::testing::Test {
protected:
  StaticInitTest() : pool(seqc_thread_pool_create(4)) {}
  ~StaticInitTest() override { seqc_thread_pool_destroy(pool); }

  template <typename T, typename ST, size_t N>
  void checkAll(StaticInitFn<T, ST> init, const LoopCase (&cases)[N]) {
    for (const LoopCase &loop : cases)
      for (int team = 1; team <= 4; ++team)
        checkLoop<T, ST>(pool, init, loop, team);
  }

  seqc_thread_pool *pool;
};

TEST_F(StaticInitTest, Signed32) {
  checkAll<int32_t, int32_t>(__kmpc_for_static_init_4, kSignedCases);
}

TEST_F(StaticInitTest, Unsigned32) {
  checkAll<uint32_t, int32_t>(__kmpc_for_static_init_4u, kUnsignedCases);
}

TEST_F(StaticInitTest, Signed64) {
  checkAll<int64_t, int64_t>(__kmpc_for_static_init_8, kSignedCases);
  const LoopCase far[] = {
      {int64_t(1) << 40, (int64_t(1) << 40) + 1000, 7, 0, SEQC_KMP_SCH_STATIC},
      {-(int64_t(1) << 40), -(int64_t(1) << 40) - 50, -1, 4,
       SEQC_KMP_SCH_STATIC_CHUNKED}};
  checkAll<int64_t, int64_t>(__kmpc_for_static_init_8, far);
}

TEST_F(StaticInitTest, Unsigned64) {
  checkAll<uint64_t, int64_t>(__kmpc_for_static_init_8u, kUnsignedCases);
}

TEST_F(StaticInitTest, ScheduleModifiersAreIgnored) {
  const int32_t monotonic = 1 << 29;
  const LoopCase loop = {0, 20, 1, 0, SEQC_KMP_SCH_STATIC};
  int32_t last = 0, lower = 0, upper = 20, stride = 0;
  __kmpc_for_static_init_4(nullptr, 0, SEQC_KMP_SCH_STATIC | monotonic, &last,
                           &lower, &upper, &stride, 1, 0);
  EXPECT_EQ(lower, 0);
  EXPECT_EQ(upper, 20);
  checkLoop<int32_t, int32_t>(pool, __kmpc_for_static_init_4, loop, 3);
}

TEST_F(StaticInitTest, OutsideParallelTheThreadGetsEverything) {
  int32_t last = 0;
  int64_t lower = 3, upper = 90, stride = 0;
  __kmpc_for_static_init_8(nullptr, 0, SEQC_KMP_SCH_STATIC, &last, &lower,
                           &upper, &stride, 3, 0);
  EXPECT_EQ(lower, 3);
  EXPECT_EQ(upper, 90);
  EXPECT_EQ(last, 1);
}

/// OpenMPIRBuilder passes [0, trip - 1] and runs upper - lower + 1
/// iterations; a zero trip count arrives as upper = 2^64 - 1.
struct WrapRun {
  std::mutex mutex;
  std::vector<uint64_t> counts;
  std::vector<int32_t> lasts;
};

void wrapMicrotask(int32_t *gtid, int32_t *, void *arg) {
  auto *run = static_cast<WrapRun *>(arg);
  int32_t last = -1;
  uint64_t lower = 0, upper = ~uint64_t(0);
  int64_t stride = 0;
  __kmpc_for_static_init_8u(nullptr, *gtid, SEQC_KMP_SCH_STATIC, &last, &lower,
                            &upper, &stride, 1, 0);
  std::lock_guard<std::mutex> lock(run->mutex);
  run->counts.push_back(upper - lower + 1);
  run->lasts.push_back(last);
}

TEST_F(StaticInitTest, WrappedZeroTripRunsNothing) {
  WrapRun run;
  seqc_omp_scope scope;
  seqc_omp_enter(pool, &scope);
  __kmpc_fork_call(nullptr, 1,
                   reinterpret_cast<seqc_kmpc_microtask>(wrapMicrotask), &run);
  seqc_omp_leave(&scope);
  EXPECT_EQ(run.counts, std::vector<uint64_t>(4, 0));
  EXPECT_EQ(run.lasts, std::vector<int32_t>(4, 0));
}

} // namespace
