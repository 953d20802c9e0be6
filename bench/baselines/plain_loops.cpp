// Plain C++ loops for the seqc benchmarks: the selective scan (docs/ops.md
// §1) and the causal depthwise convolution (§4) written the obvious way,
// one thread, compiled with -O3 -march=native. They are the "hand-written
// loop" baseline that seqc's generated code is compared against.
//
// usage: plain_loops scan B D L N G repeats
//        plain_loops conv B D L W repeats
// prints: median milliseconds

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

namespace {

std::vector<float> random(size_t n, float lo, float hi, unsigned seed) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<float> dist(lo, hi);
  std::vector<float> v(n);
  for (float &x : v)
    x = dist(gen);
  return v;
}

float softplus(float x) { return x > 20.f ? x : std::log1p(std::exp(x)); }
float silu(float x) { return x / (1.f + std::exp(-x)); }

template <typename F> double medianMs(int repeats, F &&run) {
  run(); // warm-up
  std::vector<double> times;
  for (int i = 0; i < repeats; ++i) {
    auto start = std::chrono::steady_clock::now();
    run();
    times.push_back(std::chrono::duration<double, std::milli>(
                        std::chrono::steady_clock::now() - start)
                        .count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

double scan(int B, int D, int L, int N, int G, int repeats) {
  size_t bdl = (size_t)B * D * L;
  auto u = random(bdl, -1, 1, 1), delta = random(bdl, -1, 1, 2),
       z = random(bdl, -1, 1, 3);
  auto A = random((size_t)D * N, -2, -0.5f, 4);
  auto Bm = random((size_t)B * G * N * L, -1, 1, 5),
       Cm = random((size_t)B * G * N * L, -1, 1, 6);
  auto Dskip = random(D, -1, 1, 7), bias = random(D, -1, 1, 8);
  std::vector<float> out(bdl), h(N);
  int perGroup = D / G;
  return medianMs(repeats, [&] {
    for (int b = 0; b < B; ++b)
      for (int d = 0; d < D; ++d) {
        int g = d / perGroup;
        std::fill(h.begin(), h.end(), 0.f);
        for (int t = 0; t < L; ++t) {
          size_t i = ((size_t)b * D + d) * L + t;
          float dt = softplus(delta[i] + bias[d]), x = u[i], y = 0;
          for (int n = 0; n < N; ++n) {
            size_t j = (((size_t)b * G + g) * N + n) * L + t;
            h[n] = std::exp(dt * A[(size_t)d * N + n]) * h[n] + dt * Bm[j] * x;
            y += Cm[j] * h[n];
          }
          out[i] = (y + Dskip[d] * x) * silu(z[i]);
        }
      }
  });
}

double conv(int B, int D, int L, int W, int repeats) {
  size_t bdl = (size_t)B * D * L;
  auto x = random(bdl, -1, 1, 1), w = random((size_t)D * W, -1, 1, 2),
       bias = random(D, -1, 1, 3);
  std::vector<float> out(bdl);
  return medianMs(repeats, [&] {
    for (int b = 0; b < B; ++b)
      for (int d = 0; d < D; ++d)
        for (int t = 0; t < L; ++t) {
          float acc = bias[d];
          for (int i = 0; i < W; ++i) {
            int s = t - W + 1 + i;
            if (s >= 0)
              acc += w[(size_t)d * W + i] * x[((size_t)b * D + d) * L + s];
          }
          out[((size_t)b * D + d) * L + t] = silu(acc);
        }
  });
}

} // namespace

int main(int argc, char **argv) {
  if (argc < 2)
    return 2;
  std::string which = argv[1];
  double ms = 0;
  if (which == "scan" && argc == 8)
    ms = scan(atoi(argv[2]), atoi(argv[3]), atoi(argv[4]), atoi(argv[5]),
              atoi(argv[6]), atoi(argv[7]));
  else if (which == "conv" && argc == 7)
    ms = conv(atoi(argv[2]), atoi(argv[3]), atoi(argv[4]), atoi(argv[5]),
              atoi(argv[6]));
  else
    return 2;
  std::printf("%.4f\n", ms);
  return 0;
}
