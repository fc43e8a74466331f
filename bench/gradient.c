/*
 * The hardware reference for one fused gradient pass (what src/objectives/crossEntropyGradient.ts
 * computes): loss = (1/m)·Σ softplus(zᵢ) − yᵢzᵢ and g = (1/m)·Σ (σ(zᵢ) − yᵢ)·[xᵢ, 1], zᵢ = w·xᵢ + b.
 * Compiled by the benchmark with `gcc -O3 -march=native`: the dot product keeps 8 partial sums so
 * that gcc vectorizes it (AVX2/FMA) without -ffast-math, the gradient update vectorizes as is, and
 * exp and log1p are glibc's, once per row. (Blocking the rows to vectorize a polynomial exp as
 * assembly/gradientKernel.ts does fails: gcc will not if-convert it without -ffast-math.)
 *
 * With a sixth argument `threads` (default 1), the rows are split into that many contiguous blocks,
 * one POSIX thread each (the caller's the first, as the WebAssembly kernel's pool does), each
 * summing into its own g; the sums are then added in block order. Threads are started per pass
 * (about 20 µs each: noise at 1,000,000 × 100). Build with -pthread.
 *
 * Usage: gradient X.f64 y.f64 rows cols repetitions [threads] → JSON {"seconds": best, "loss": ..., "g0": ...}
 */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double *readDoubles(const char *path, size_t n) {
  double *a = aligned_alloc(64, ((n * sizeof(double) + 63) / 64) * 64);
  FILE *f = fopen(path, "rb");
  if (!a || !f || fread(a, sizeof(double), n, f) != n) {
    fprintf(stderr, "cannot read %zu doubles from %s\n", n, path);
    exit(1);
  }
  fclose(f);
  return a;
}

/* Unnormalized sums over rows [r0, r1): returns Σ loss, writes Σ rᵢxᵢ into g[0..p) and Σ rᵢ into g[p]. */
static double pass(const double *X, const double *y, size_t r0, size_t r1, size_t p, const double *w,
                   double b, double *g) {
  double loss = 0, gb = 0;
  for (size_t j = 0; j < p; j++) g[j] = 0;
  for (size_t i = r0; i < r1; i++) {
    const double *x = X + i * p;
    double acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    size_t j = 0;
    for (; j + 8 <= p; j += 8)
      for (int k = 0; k < 8; k++) acc[k] += x[j + k] * w[j + k];
    double z = b;
    for (; j < p; j++) z += x[j] * w[j];
    z += ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7]));
    double e = exp(-fabs(z));
    double sig = z >= 0 ? 1 / (1 + e) : e / (1 + e);
    loss += (z > 0 ? z : 0) + log1p(e) - y[i] * z;
    double r = sig - y[i];
    gb += r;
    for (j = 0; j < p; j++) g[j] += r * x[j];
  }
  g[p] = gb;
  return loss;
}

typedef struct {
  const double *X, *y, *w;
  size_t r0, r1, p;
  double b, loss;
  double *g;
} Block;

static void *runBlock(void *arg) {
  Block *k = arg;
  k->loss = pass(k->X, k->y, k->r0, k->r1, k->p, k->w, k->b, k->g);
  return 0;
}

/* One pass on `threads` threads; normalized as crossEntropyGradient: returns the mean loss. */
static double threadedPass(const double *X, const double *y, size_t m, size_t p, const double *w,
                           double b, double *g, int threads, Block *blocks, pthread_t *ids) {
  for (int k = 0; k < threads; k++) {
    blocks[k] = (Block){X, y, w, (size_t)k * m / threads, (size_t)(k + 1) * m / threads, p, b, 0,
                        g + (size_t)k * (p + 1)};
    if (k > 0) pthread_create(&ids[k], 0, runBlock, &blocks[k]);
  }
  runBlock(&blocks[0]);
  double loss = blocks[0].loss;
  for (int k = 1; k < threads; k++) {
    pthread_join(ids[k], 0);
    loss += blocks[k].loss;
    for (size_t j = 0; j <= p; j++) g[j] += g[(size_t)k * (p + 1) + j];
  }
  for (size_t j = 0; j <= p; j++) g[j] /= (double)m;
  return loss / (double)m;
}

int main(int argc, char **argv) {
  if (argc != 6 && argc != 7) {
    fprintf(stderr, "usage: %s X.f64 y.f64 rows cols repetitions [threads]\n", argv[0]);
    return 2;
  }
  size_t m = strtoull(argv[3], 0, 10), p = strtoull(argv[4], 0, 10);
  int reps = atoi(argv[5]);
  int threads = argc == 7 ? atoi(argv[6]) : 1;
  if (threads < 1 || threads > 64) threads = 1;
  double *X = readDoubles(argv[1], m * p), *y = readDoubles(argv[2], m);
  double *w = malloc(p * sizeof(double)), *g = malloc((size_t)threads * (p + 1) * sizeof(double));
  Block *blocks = malloc((size_t)threads * sizeof(Block));
  pthread_t *ids = malloc((size_t)threads * sizeof(pthread_t));
  for (size_t j = 0; j < p; j++) w[j] = 0.01 * (double)((int)(j % 7) - 3);
  double best = 1e300, loss = 0;
  for (int r = 0; r < reps; r++) {
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    loss = threadedPass(X, y, m, p, w, 0.1, g, threads, blocks, ids);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double s = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
    if (s < best) best = s;
  }
  printf("{\"seconds\": %.9g, \"loss\": %.17g, \"g0\": %.17g}\n", best, loss, g[0]);
  return 0;
}
