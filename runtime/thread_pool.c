/*===- thread_pool.c - The persistent team of worker threads --------------===*
 *
 * Workers are started once per model instance and parked between parallel
 * regions. A region is published by bumping `generation`; every worker
 * acknowledges every generation (workers outside the team just skip the
 * task), so the caller may rewrite the task fields as soon as `pending`
 * drops to zero. Waits poll briefly before blocking, because the parallel
 * loops of one model run back to back and a futex wake-up per region
 * would dominate small loops. They poll with sched_yield rather than a
 * pause loop: when threads outnumber free cores (or in a VM that traps
 * pause loops) the waiter hands its core to the thread it waits for.
 *
 *===----------------------------------------------------------------------===*/

#define _GNU_SOURCE
#include "runtime/runtime_internal.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

/* Polls of a wait before it blocks. */
#define SEQC_POLLS 100

typedef struct worker {
  seqc_thread_pool *pool;
  int32_t index;
  pthread_t thread;
} worker;

struct seqc_thread_pool {
  int32_t num_threads;
  int32_t num_workers; /* started, num_threads - 1 once created */
  worker *workers;

  pthread_mutex_t mutex;
  pthread_cond_t wake;    /* workers wait for a new generation */
  pthread_cond_t done;    /* the caller waits for `pending` to reach 0 */
  int32_t sleepers;       /* workers blocked on `wake`, under `mutex` */
  atomic_bool shutdown;   /* set before the last generation bump */
  atomic_uint generation; /* bumped (release) once the task is written */
  atomic_int pending;     /* workers yet to finish the current generation */

  /* The current task, written only while no worker reads it. */
  seqc_team_task task;
  void *context;
  int32_t team_size;

  /* The team barrier: arrivals count up; the last one resets the count
   * and bumps the phase. */
  pthread_mutex_t barrier_mutex;
  pthread_cond_t barrier_cond;
  atomic_int barrier_count;
  atomic_uint barrier_phase;
};

int32_t seqc_online_cpus(void) {
  long count = sysconf(_SC_NPROCESSORS_ONLN);
  if (count < 1)
    return 1;
  return count > INT32_MAX ? INT32_MAX : (int32_t)count;
}

/* Waits until `generation` differs from `seen` and returns it. */
static unsigned wait_generation(seqc_thread_pool *pool, unsigned seen) {
  for (int i = 0; i < SEQC_POLLS; ++i) {
    unsigned current =
        atomic_load_explicit(&pool->generation, memory_order_acquire);
    if (current != seen)
      return current;
    sched_yield();
  }
  pthread_mutex_lock(&pool->mutex);
  ++pool->sleepers;
  unsigned current;
  while ((current = atomic_load_explicit(&pool->generation,
                                         memory_order_acquire)) == seen)
    pthread_cond_wait(&pool->wake, &pool->mutex);
  --pool->sleepers;
  pthread_mutex_unlock(&pool->mutex);
  return current;
}

static void *worker_main(void *arg) {
  worker *self = arg;
  seqc_thread_pool *pool = self->pool;
  unsigned seen = 0;
  for (;;) {
    seen = wait_generation(pool, seen);
    if (atomic_load_explicit(&pool->shutdown, memory_order_acquire))
      return NULL;
    if (self->index < pool->team_size)
      pool->task(pool->context, self->index);
    if (atomic_fetch_sub_explicit(&pool->pending, 1, memory_order_acq_rel) ==
        1) {
      pthread_mutex_lock(&pool->mutex);
      pthread_cond_broadcast(&pool->done);
      pthread_mutex_unlock(&pool->mutex);
    }
  }
}

/* Publishes a new generation and wakes the workers that sleep. */
static void publish(seqc_thread_pool *pool) {
  pthread_mutex_lock(&pool->mutex);
  atomic_fetch_add_explicit(&pool->generation, 1, memory_order_release);
  if (pool->sleepers > 0)
    pthread_cond_broadcast(&pool->wake);
  pthread_mutex_unlock(&pool->mutex);
}

static void wait_pending(seqc_thread_pool *pool) {
  for (int i = 0; i < SEQC_POLLS; ++i) {
    if (atomic_load_explicit(&pool->pending, memory_order_acquire) == 0)
      return;
    sched_yield();
  }
  pthread_mutex_lock(&pool->mutex);
  while (atomic_load_explicit(&pool->pending, memory_order_acquire) != 0)
    pthread_cond_wait(&pool->done, &pool->mutex);
  pthread_mutex_unlock(&pool->mutex);
}

/* Stops and joins the started workers, then frees the pool. */
static void shut_down(seqc_thread_pool *pool) {
  atomic_store_explicit(&pool->shutdown, true, memory_order_release);
  publish(pool);
  for (int32_t i = 0; i < pool->num_workers; ++i)
    pthread_join(pool->workers[i].thread, NULL);
  pthread_mutex_destroy(&pool->mutex);
  pthread_cond_destroy(&pool->wake);
  pthread_cond_destroy(&pool->done);
  pthread_mutex_destroy(&pool->barrier_mutex);
  pthread_cond_destroy(&pool->barrier_cond);
  free(pool->workers);
  free(pool);
}

seqc_thread_pool *seqc_thread_pool_create(int32_t num_threads) {
  if (num_threads < 1)
    num_threads = 1;
  seqc_thread_pool *pool = calloc(1, sizeof(*pool));
  if (!pool)
    return NULL;
  pool->num_threads = num_threads;
  pool->team_size = 1;
  pool->workers = calloc((size_t)num_threads, sizeof(worker));
  if (!pool->workers) {
    free(pool);
    return NULL;
  }
  pthread_mutex_init(&pool->mutex, NULL);
  pthread_cond_init(&pool->wake, NULL);
  pthread_cond_init(&pool->done, NULL);
  pthread_mutex_init(&pool->barrier_mutex, NULL);
  pthread_cond_init(&pool->barrier_cond, NULL);
  atomic_init(&pool->shutdown, false);
  atomic_init(&pool->generation, 0);
  atomic_init(&pool->pending, 0);
  atomic_init(&pool->barrier_count, 0);
  atomic_init(&pool->barrier_phase, 0);
  /* A pool with one thread per CPU this process may use pins each worker
   * to a CPU of its own, the one the calling thread runs on now coming
   * last. Left to the scheduler, a woken worker often landed on the
   * caller's CPU and stayed there for a whole run: half of the runs of a
   * small model at two threads were slower than at one (0.73 or 1.4 ms).
   * Smaller pools are not pinned, so that several instances with a few
   * threads each spread over the machine; the calling thread is the user's
   * and is never pinned. */
  cpu_set_t allowed;
  int cpus[CPU_SETSIZE], num_cpus = 0;
  int caller = sched_getcpu();
  if (sched_getaffinity(0, sizeof allowed, &allowed) == 0) {
    for (int c = 0; c < CPU_SETSIZE; ++c)
      if (CPU_ISSET(c, &allowed) && c != caller)
        cpus[num_cpus++] = c;
    if (caller >= 0 && caller < CPU_SETSIZE && CPU_ISSET(caller, &allowed))
      cpus[num_cpus++] = caller;
  }
  for (int32_t i = 1; i < num_threads; ++i) {
    worker *w = &pool->workers[i - 1];
    w->pool = pool;
    w->index = i;
    if (pthread_create(&w->thread, NULL, worker_main, w) != 0) {
      shut_down(pool);
      return NULL;
    }
    if (num_cpus == num_threads) {
      cpu_set_t one;
      CPU_ZERO(&one);
      CPU_SET(cpus[i - 1], &one);
      (void)pthread_setaffinity_np(w->thread, sizeof one, &one);
    }
    pool->num_workers = i;
  }
  return pool;
}

void seqc_thread_pool_destroy(seqc_thread_pool *pool) {
  if (pool)
    shut_down(pool);
}

int32_t seqc_thread_pool_size(const seqc_thread_pool *pool) {
  return pool->num_threads;
}

void seqc_thread_pool_run(seqc_thread_pool *pool, int32_t team_size,
                          seqc_team_task task, void *context) {
  if (team_size > pool->num_threads)
    team_size = pool->num_threads;
  if (team_size <= 1) {
    task(context, 0);
    return;
  }
  pool->task = task;
  pool->context = context;
  pool->team_size = team_size;
  atomic_store_explicit(&pool->pending, pool->num_workers,
                        memory_order_relaxed);
  publish(pool);
  task(context, 0);
  wait_pending(pool);
}

void seqc_thread_pool_barrier(seqc_thread_pool *pool, int32_t team_size) {
  if (team_size <= 1)
    return;
  /* Read before arriving: the phase cannot move until this thread has. */
  unsigned phase =
      atomic_load_explicit(&pool->barrier_phase, memory_order_acquire);
  if (atomic_fetch_add_explicit(&pool->barrier_count, 1,
                                memory_order_acq_rel) == team_size - 1) {
    atomic_store_explicit(&pool->barrier_count, 0, memory_order_relaxed);
    pthread_mutex_lock(&pool->barrier_mutex);
    atomic_fetch_add_explicit(&pool->barrier_phase, 1, memory_order_release);
    pthread_cond_broadcast(&pool->barrier_cond);
    pthread_mutex_unlock(&pool->barrier_mutex);
    return;
  }
  for (int i = 0; i < SEQC_POLLS; ++i) {
    if (atomic_load_explicit(&pool->barrier_phase, memory_order_acquire) !=
        phase)
      return;
    sched_yield();
  }
  pthread_mutex_lock(&pool->barrier_mutex);
  while (atomic_load_explicit(&pool->barrier_phase, memory_order_acquire) ==
         phase)
    pthread_cond_wait(&pool->barrier_cond, &pool->barrier_mutex);
  pthread_mutex_unlock(&pool->barrier_mutex);
}
