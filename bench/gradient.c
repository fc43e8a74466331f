/*
 * The hardware reference for one fused gradient pass (what src/objectives/crossEntropyGradient.ts
 * computes): loss = (1/m)·Σ softplus(zᵢ) − yᵢzᵢ and g = (1/m)·Σ (σ(zᵢ) − yᵢ)·[xᵢ, 1], zᵢ = w·xᵢ + b.
 * Compiled by the benchmark with `gcc -O3 -march=native`: the dot product keeps 8 partial sums so
 * that gcc vectorizes it (AVX2/FMA) without -ffast-math, the gradient update vectorizes as is, and
 * exp and log1p are glibc's, once per row. (Blocking the rows to vectorize a polynomial exp as
 * assembly/gradientKernel.ts does fails: gcc will not if-convert it without -ffast-math.)
 *
 * Usage: gradient X.f64 y.f64 rows cols repetitions → JSON {"seconds": best, "loss": ..., "g0": ...}
 */
#include <math.h>
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

static double pass(const double *X, const double *y, size_t m, size_t p, const double *w, double b,
                   double *g) {
  double loss = 0, gb = 0;
  for (size_t j = 0; j < p; j++) g[j] = 0;
  for (size_t i = 0; i < m; i++) {
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
  for (size_t j = 0; j < p; j++) g[j] /= (double)m;
  g[p] = gb / (double)m;
  return loss / (double)m;
}

int main(int argc, char **argv) {
  if (argc != 6) {
    fprintf(stderr, "usage: %s X.f64 y.f64 rows cols repetitions\n", argv[0]);
    return 2;
  }
  size_t m = strtoull(argv[3], 0, 10), p = strtoull(argv[4], 0, 10);
  int reps = atoi(argv[5]);
  double *X = readDoubles(argv[1], m * p), *y = readDoubles(argv[2], m);
  double *w = malloc(p * sizeof(double)), *g = malloc((p + 1) * sizeof(double));
  for (size_t j = 0; j < p; j++) w[j] = 0.01 * (double)((int)(j % 7) - 3);
  double best = 1e300, loss = 0;
  for (int r = 0; r < reps; r++) {
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    loss = pass(X, y, m, p, w, 0.1, g);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double s = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
    if (s < best) best = s;
  }
  printf("{\"seconds\": %.9g, \"loss\": %.17g, \"g0\": %.17g}\n", best, loss, g[0]);
  return 0;
}
