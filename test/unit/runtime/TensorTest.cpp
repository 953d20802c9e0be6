//===- TensorTest.cpp - seqc-run's random inputs, conversions, checks -----===//
//
// The parts of seqc-run that decide what an entry sees and whether its
// outputs pass: deterministic random values on each dtype's exact grid,
// .npy conversion (bf16 through f32), and the tolerance check.
//
//===----------------------------------------------------------------------===//

#include "tools/seqc-run/Tensor.h"
#include "tools/seqc-run/Float16.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <set>

using namespace seqc;
using namespace seqc::run;

namespace {

const int64_t kShape[] = {8, 125};

seqc_value_info valueOf(seqc_dtype dtype, const char *name = "v") {
  return {name, dtype, 2, kShape};
}

TEST(TensorTest, RandomValuesAreDeterministicAndInRange) {
  for (seqc_dtype dtype :
       {SEQC_F32, SEQC_F64, SEQC_F16, SEQC_BF16, SEQC_I8, SEQC_I32, SEQC_I64}) {
    SCOPED_TRACE(seqc_dtype_name(dtype));
    seqc_value_info info = valueOf(dtype);
    Buffer a = randomBuffer(info, 7, 0), b = randomBuffer(info, 7, 0);
    Buffer otherSeed = randomBuffer(info, 8, 0);
    Buffer otherInput = randomBuffer(info, 7, 1);
    EXPECT_EQ(a.data, b.data);
    EXPECT_NE(a.data, otherSeed.data);
    EXPECT_NE(a.data, otherInput.data);
    bool isFloat = dtype == SEQC_F32 || dtype == SEQC_F64 ||
                   dtype == SEQC_F16 || dtype == SEQC_BF16;
    double low = isFloat ? -1 : -8, high = isFloat ? 1 : 8;
    std::set<double> distinct;
    for (int64_t i = 0; i < a.numElements(); ++i) {
      double value = elementAt(dtype, a.data.data(), i);
      ASSERT_GE(value, low);
      ASSERT_LT(value, high);
      if (!isFloat) {
        ASSERT_EQ(value, std::floor(value));
      }
      distinct.insert(value);
    }
    EXPECT_GT(distinct.size(), isFloat ? 200u : 15u);
  }
}

TEST(TensorTest, RandomHalvesAreExact) {
  // Every half is k / 2048; decoding and re-encoding must agree.
  seqc_value_info info = valueOf(SEQC_F16);
  Buffer buffer = randomBuffer(info, 1, 0);
  for (int64_t i = 0; i < buffer.numElements(); ++i) {
    double value = elementAt(SEQC_F16, buffer.data.data(), i);
    EXPECT_EQ(value * 2048, std::round(value * 2048)) << value;
  }
}

TEST(TensorTest, FromNpyChecksDtypeAndShape) {
  seqc_value_info info = valueOf(SEQC_F32, "x");
  npy::Array array;
  array.dtype = SEQC_F64;
  array.shape = {8, 125};
  array.data.resize(8 * 125 * 8);
  Buffer buffer;
  std::string error;
  EXPECT_FALSE(fromNpy(std::move(array), info, "input #0 `x`", buffer, error));
  EXPECT_EQ(error, "input #0 `x` must have dtype f32, got f64");
  npy::Array wrongShape;
  wrongShape.shape = {8, 124};
  wrongShape.data.resize(8 * 124 * 4);
  EXPECT_FALSE(
      fromNpy(std::move(wrongShape), info, "input #0 `x`", buffer, error));
  EXPECT_EQ(error, "input #0 `x` must have shape [8, 125], got [8, 124]");
}

TEST(TensorTest, Bfloat16TravelsAsFloat32) {
  const int64_t shape[] = {3};
  seqc_value_info info = {"b", SEQC_BF16, 1, shape};
  npy::Array array;
  array.shape = {3};
  const float values[3] = {1.0f, -2.5f, 1.0f + 3 * std::ldexp(1.0f, -8)};
  array.data.resize(sizeof(values));
  std::memcpy(array.data.data(), values, sizeof(values));
  Buffer buffer;
  std::string error;
  ASSERT_TRUE(fromNpy(std::move(array), info, "b", buffer, error)) << error;
  EXPECT_EQ(buffer.data.size(), 6u);
  EXPECT_EQ(elementAt(SEQC_BF16, buffer.data.data(), 2),
            1.0 + std::ldexp(1.0, -6)); // rounded to even
  npy::Array back = toNpy(buffer);
  EXPECT_EQ(back.dtype, SEQC_F32);
  EXPECT_EQ(back.shape, std::vector<int64_t>{3});
  EXPECT_EQ(elementAt(SEQC_F32, back.data.data(), 1), -2.5);
}

/// A one-dimensional f32 output and expected values.
struct Pair {
  explicit Pair(std::vector<float> gotValues, std::vector<float> wantValues)
      : shape{int64_t(gotValues.size())}, info{"y", SEQC_F32, 1, shape} {
    got = allocate(info);
    std::memcpy(got.data.data(), gotValues.data(), got.data.size());
    want.shape = {shape[0]};
    want.data.resize(wantValues.size() * 4);
    std::memcpy(want.data.data(), wantValues.data(), want.data.size());
  }
  int64_t shape[1];
  seqc_value_info info;
  Buffer got;
  npy::Array want;
};

TEST(TensorTest, CompareUsesAbsoluteAndRelativeTolerance) {
  Pair close({1.0f, 100.0f, 0.0f}, {1.00001f, 100.005f, 1e-6f});
  Comparison result = compare(close.got, close.want, 1e-4, 1e-5);
  EXPECT_EQ(result.firstMismatch, -1);
  EXPECT_NEAR(result.maxAbsError, 0.005, 1e-5);
  EXPECT_NEAR(result.maxRelError, 1.0, 1e-6); // 0 vs 1e-6
  Pair far({1.0f, 2.0f, 3.0f, 4.0f}, {1.0f, 2.0f, 3.1f, 5.0f});
  result = compare(far.got, far.want, 1e-4, 1e-5);
  EXPECT_EQ(result.firstMismatch, 2);
  EXPECT_EQ(result.mismatchGot, 3.0);
  EXPECT_FLOAT_EQ(float(result.mismatchWant), 3.1f);
  EXPECT_FLOAT_EQ(float(result.maxAbsError), 1.0f);
  EXPECT_TRUE(compare(far.got, far.want, 0.5, 0).firstMismatch < 0);
}

TEST(TensorTest, CompareTreatsNanAndInfinityExactly) {
  const float inf = std::numeric_limits<float>::infinity();
  const float nan = std::numeric_limits<float>::quiet_NaN();
  Pair same({nan, inf, -inf}, {nan, inf, -inf});
  EXPECT_EQ(compare(same.got, same.want, 1, 1).firstMismatch, -1);
  EXPECT_EQ(compare(same.got, same.want, 1, 1).maxAbsError, 0);
  for (auto [g, w] : {std::pair(1.0f, inf), std::pair(inf, -inf),
                      std::pair(nan, 0.0f), std::pair(0.0f, nan)}) {
    Pair pair({g}, {w});
    Comparison result = compare(pair.got, pair.want, 1e9, 1e9);
    EXPECT_EQ(result.firstMismatch, 0) << g << " vs " << w;
    EXPECT_EQ(result.maxAbsError, inf) << g << " vs " << w;
  }
}

TEST(TensorTest, FormatsShapesAndIndices) {
  const int64_t shape[] = {2, 3, 4};
  EXPECT_EQ(formatShape(shape, 3), "[2, 3, 4]");
  EXPECT_EQ(formatShape(nullptr, 0), "[]");
  EXPECT_EQ(formatIndex(0, shape, 3), "[0, 0, 0]");
  EXPECT_EQ(formatIndex(23, shape, 3), "[1, 2, 3]");
  EXPECT_EQ(formatIndex(13, shape, 3), "[1, 0, 1]");
}

} // namespace
