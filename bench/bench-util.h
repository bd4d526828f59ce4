/* bench-util.h — percentiles for the benchmarks
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include <stdlib.h>
#include <time.h>
#include <glib.h>

static inline int
bench_cmp_double (const void *a,
                  const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* The p-quantile of v (sorts v in place). */
static inline double
bench_percentile (double *v,
                  guint   n,
                  double  p)
{
  qsort (v, n, sizeof *v, bench_cmp_double);
  return v[MIN (n - 1, (guint) (p * n))];
}

/* CPU time of the calling thread, in ms: what a query costs the process
 * whatever the machine's load (a store's server process not included). */
static inline double
bench_thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}
