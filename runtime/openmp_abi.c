/*===- openmp_abi.c - The libomp entry points that generated code calls ---===*
 *
 * MLIR's OpenMP dialect lowers parallel loops to calls into libomp. This
 * file implements the few entry points that LLVM 22 emits for them on top
 * of the model's thread pool, so that model libraries need no OpenMP
 * runtime. All of them are hidden: a model library must never replace a
 * real libomp that the user's process loads.
 *
 * Which pool a fork runs on is thread-local state: seqc_model_run makes the
 * model's pool current around the call of an entry, and each team thread
 * knows its number and team size while it runs a region. Nested regions
 * and forks with no current pool run on the calling thread alone.
 *
 *===----------------------------------------------------------------------===*/

#include "runtime/runtime_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#define SEQC_MAX_FORK_ARGS 16
/* The monotonic and nonmonotonic flags, which a static schedule ignores. */
#define SEQC_KMP_SCH_MODIFIERS ((1 << 29) | (1 << 30))

typedef struct omp_state {
  seqc_thread_pool *pool; /* where forks run; NULL: on this thread alone */
  int32_t gtid;           /* this thread's number in its pool */
  int32_t tid;            /* this thread's number in its team */
  int32_t team_size;      /* 1 outside parallel regions */
  int32_t level;          /* parallel regions this thread is inside */
  int32_t requested;      /* from __kmpc_push_num_threads; 0 = none */
} omp_state;

static _Thread_local omp_state current = {NULL, 0, 0, 1, 0, 0};

void seqc_omp_enter(seqc_thread_pool *pool, seqc_omp_scope *scope) {
  scope->previous_pool = current.pool;
  scope->previous_level = current.level;
  current.pool = pool;
  current.level = 0;
}

void seqc_omp_leave(const seqc_omp_scope *scope) {
  current.pool = scope->previous_pool;
  current.level = scope->previous_level;
}

/* Calls the outlined region with its captured arguments; the microtask is
 * not variadic, so it must be called through its real type. */
static void invoke(seqc_kmpc_microtask microtask, int32_t gtid, int32_t btid,
                   int32_t argc, void **a) {
  typedef void *p;
  int32_t *g = &gtid, *b = &btid;
  switch (argc) {
#define SEQC_CALL(...) ((void (*)(int32_t *, int32_t *, __VA_ARGS__))microtask)
  case 0:
    ((void (*)(int32_t *, int32_t *))microtask)(g, b);
    return;
  case 1:
    SEQC_CALL(p)(g, b, a[0]);
    return;
  case 2:
    SEQC_CALL(p, p)(g, b, a[0], a[1]);
    return;
  case 3:
    SEQC_CALL(p, p, p)(g, b, a[0], a[1], a[2]);
    return;
  case 4:
    SEQC_CALL(p, p, p, p)(g, b, a[0], a[1], a[2], a[3]);
    return;
  case 5:
    SEQC_CALL(p, p, p, p, p)(g, b, a[0], a[1], a[2], a[3], a[4]);
    return;
  case 6:
    SEQC_CALL(p, p, p, p, p, p)(g, b, a[0], a[1], a[2], a[3], a[4], a[5]);
    return;
  case 7:
    SEQC_CALL(p, p, p, p, p, p, p)
    (g, b, a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
    return;
  case 8:
    SEQC_CALL(p, p, p, p, p, p, p, p)
    (g, b, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
    return;
  case 9:
    SEQC_CALL(p, p, p, p, p, p, p, p, p)
    (g, b, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8]);
    return;
  case 10:
    SEQC_CALL(p, p, p, p, p, p, p, p, p, p)
    (g, b, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9]);
    return;
  case 11:
    SEQC_CALL(p, p, p, p, p, p, p, p, p, p, p)
    (g, b, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10]);
    return;
  case 12:
    SEQC_CALL(p, p, p, p, p, p, p, p, p, p, p, p)
    (g, b, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10],
     a[11]);
    return;
  case 13:
    SEQC_CALL(p, p, p, p, p, p, p, p, p, p, p, p, p)
    (g, b, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10],
     a[11], a[12]);
    return;
  case 14:
    SEQC_CALL(p, p, p, p, p, p, p, p, p, p, p, p, p, p)
    (g, b, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10],
     a[11], a[12], a[13]);
    return;
  case 15:
    SEQC_CALL(p, p, p, p, p, p, p, p, p, p, p, p, p, p, p)
    (g, b, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10],
     a[11], a[12], a[13], a[14]);
    return;
  case 16:
    SEQC_CALL(p, p, p, p, p, p, p, p, p, p, p, p, p, p, p, p)
    (g, b, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10],
     a[11], a[12], a[13], a[14], a[15]);
    return;
#undef SEQC_CALL
  }
}

/* What each team thread of a fork needs. */
typedef struct fork_context {
  seqc_thread_pool *pool;
  seqc_kmpc_microtask microtask;
  int32_t argc;
  int32_t team_size;
  void **args;
} fork_context;

/* Makes the calling thread member `tid` of a team of `team_size` on
 * `pool`, one parallel level deeper; returns the state to restore after. */
static omp_state join_team(seqc_thread_pool *pool, int32_t gtid, int32_t tid,
                           int32_t team_size) {
  omp_state saved = current;
  current.pool = pool;
  current.gtid = gtid;
  current.tid = tid;
  current.team_size = team_size;
  current.level = saved.level + 1;
  current.requested = 0;
  return saved;
}

static void run_team_member(void *arg, int32_t tid) {
  const fork_context *fork = arg;
  omp_state saved = join_team(fork->pool, tid, tid, fork->team_size);
  invoke(fork->microtask, tid, tid, fork->argc, fork->args);
  current = saved;
}

int32_t __kmpc_global_thread_num(void *loc) {
  (void)loc;
  return current.gtid;
}

void __kmpc_push_num_threads(void *loc, int32_t gtid, int32_t num_threads) {
  (void)loc;
  (void)gtid;
  current.requested = num_threads;
}

void __kmpc_fork_call(void *loc, int32_t argc, seqc_kmpc_microtask microtask,
                      ...) {
  (void)loc;
  if (argc < 0 || argc > SEQC_MAX_FORK_ARGS) {
    fprintf(stderr,
            "seqc runtime: __kmpc_fork_call with %d arguments (at "
            "most 16 are supported)\n",
            (int)argc);
    abort();
  }
  void *args[SEQC_MAX_FORK_ARGS];
  va_list list;
  va_start(list, microtask);
  for (int32_t i = 0; i < argc; ++i)
    args[i] = va_arg(list, void *);
  va_end(list);

  int32_t requested = current.requested;
  current.requested = 0;
  seqc_thread_pool *pool = current.pool;
  if (!pool || current.level > 0 || seqc_thread_pool_size(pool) == 1) {
    /* A team of one on this thread; it keeps its global number. */
    omp_state saved = join_team(pool, current.gtid, 0, 1);
    invoke(microtask, saved.gtid, 0, argc, args);
    current = saved;
    return;
  }
  int32_t team_size = seqc_thread_pool_size(pool);
  if (requested > 0 && requested < team_size)
    team_size = requested;
  fork_context fork = {pool, microtask, argc, team_size, args};
  seqc_thread_pool_run(pool, team_size, run_team_member, &fork);
}

void __kmpc_barrier(void *loc, int32_t gtid) {
  (void)loc;
  (void)gtid;
  if (current.team_size > 1)
    seqc_thread_pool_barrier(current.pool, current.team_size);
}

/* Splits the inclusive iteration space [*plower, *pupper] by `incr` among
 * the team, as libomp does for the static schedules:
 *  - kmp_sch_static: one contiguous block per thread, the first
 *    trip % nth threads taking one iteration more; a thread with none gets
 *    *plower = *pupper + incr, so both `i <= upper` loops and
 *    `upper - lower + 1` trip counts are empty;
 *  - kmp_sch_static_chunked: chunks of `chunk` iterations dealt round
 *    robin; the thread runs [*plower, *pupper], then advances both by
 *    *pstride while *plower is within the original bounds.
 * *plastiter tells whether the thread runs the last iteration. The
 * arithmetic is done in the unsigned type, where it wraps as the signed
 * one would. */
#define SEQC_STATIC_INIT(NAME, T, UT, ST)                                      \
  void NAME(void *loc, int32_t gtid, int32_t schedtype, int32_t *plastiter,    \
            T *plower, T *pupper, ST *pstride, ST incr, ST chunk) {            \
    (void)loc;                                                                 \
    (void)gtid;                                                                \
    UT nth = (UT)current.team_size, tid = (UT)current.tid;                     \
    T lower = *plower, upper = *pupper;                                        \
    int32_t last = 0;                                                          \
    if (incr == 0) {                                                           \
      fprintf(stderr, "seqc runtime: " #NAME " with a zero increment\n");      \
      abort();                                                                 \
    }                                                                          \
    /* A zero-trip loop keeps its bounds, which are already empty. */          \
    if (incr > 0 ? upper < lower : lower < upper) {                            \
      if (plastiter)                                                           \
        *plastiter = 0;                                                        \
      *pstride = incr;                                                         \
      return;                                                                  \
    }                                                                          \
    UT step = (UT)incr;                                                        \
    UT trip = incr > 0 ? ((UT)upper - (UT)lower) / step + 1                    \
                       : ((UT)lower - (UT)upper) / ((UT)0 - step) + 1;         \
    /* Zero here means the bounds wrapped: upper = lower - 1 unsigned. */      \
    if (trip == 0) {                                                           \
      *plower = (T)((UT)upper + step);                                         \
      if (plastiter)                                                           \
        *plastiter = 0;                                                        \
      *pstride = incr;                                                         \
      return;                                                                  \
    }                                                                          \
    switch (schedtype & ~SEQC_KMP_SCH_MODIFIERS) {                             \
    case SEQC_KMP_SCH_STATIC: {                                                \
      UT small = trip / nth, extra = trip % nth;                               \
      UT count = small + (tid < extra ? 1 : 0);                                \
      UT first = tid * small + (tid < extra ? tid : extra);                    \
      if (count == 0) {                                                        \
        *plower = (T)((UT)upper + step);                                       \
      } else {                                                                 \
        *plower = (T)((UT)lower + first * step);                               \
        *pupper = (T)((UT)*plower + (count - 1) * step);                       \
        last = first + count == trip;                                          \
      }                                                                        \
      *pstride = (ST)trip;                                                     \
      break;                                                                   \
    }                                                                          \
    case SEQC_KMP_SCH_STATIC_CHUNKED: {                                        \
      UT size = chunk < 1 ? 1 : (UT)chunk;                                     \
      UT span = size * step;                                                   \
      *pstride = (ST)(span * nth);                                             \
      *plower = (T)((UT)lower + tid * span);                                   \
      *pupper = (T)((UT)*plower + span - step);                                \
      last = ((trip - 1) / size) % nth == tid;                                 \
      break;                                                                   \
    }                                                                          \
    default:                                                                   \
      fprintf(stderr,                                                          \
              "seqc runtime: " #NAME " with unsupported schedule %d\n",        \
              (int)schedtype);                                                 \
      abort();                                                                 \
    }                                                                          \
    if (plastiter)                                                             \
      *plastiter = last;                                                       \
  }

SEQC_STATIC_INIT(__kmpc_for_static_init_4, int32_t, uint32_t, int32_t)
SEQC_STATIC_INIT(__kmpc_for_static_init_4u, uint32_t, uint32_t, int32_t)
SEQC_STATIC_INIT(__kmpc_for_static_init_8, int64_t, uint64_t, int64_t)
SEQC_STATIC_INIT(__kmpc_for_static_init_8u, uint64_t, uint64_t, int64_t)

#undef SEQC_STATIC_INIT

void __kmpc_for_static_fini(void *loc, int32_t gtid) {
  (void)loc;
  (void)gtid;
}

int omp_get_thread_num(void) { return current.tid; }

int omp_get_num_threads(void) { return current.team_size; }

/*===------------------ Parallel work for runtime kernels -----------------===*/

int32_t seqc_parallel_team_size(void) {
  seqc_thread_pool *pool = current.pool;
  if (!pool || current.level > 0)
    return 1;
  return seqc_thread_pool_size(pool);
}

typedef struct kernel_team {
  seqc_thread_pool *pool;
  seqc_team_task task;
  void *context;
  int32_t team_size;
} kernel_team;

static void run_kernel_member(void *arg, int32_t tid) {
  const kernel_team *team = arg;
  omp_state saved = join_team(team->pool, tid, tid, team->team_size);
  team->task(team->context, tid);
  current = saved;
}

void seqc_parallel_run(int32_t team_size, seqc_team_task task, void *context) {
  int32_t available = seqc_parallel_team_size();
  if (team_size > available)
    team_size = available;
  if (team_size <= 1) {
    omp_state saved = join_team(current.pool, current.gtid, 0, 1);
    task(context, 0);
    current = saved;
    return;
  }
  kernel_team team = {current.pool, task, context, team_size};
  seqc_thread_pool_run(current.pool, team_size, run_kernel_member, &team);
}
