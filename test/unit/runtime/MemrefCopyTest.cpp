//===- MemrefCopyTest.cpp - memrefCopy through unranked descriptors -------===//
//
// memrefCopy receives {rank, descriptor*} pairs as MLIR's c_runner_utils
// ABI passes them and must honor each side's offset and strides.
//
//===----------------------------------------------------------------------===//

#include "test/unit/runtime/FakeModel.h"

#include <gtest/gtest.h>

#include <cstring>
#include <numeric>
#include <vector>

using namespace seqc::test;

namespace {

template <int Rank>
void copy(int64_t elemSize, Memref<Rank> &src, Memref<Rank> &dst) {
  seqc_unranked_memref from = {Rank, &src}, to = {Rank, &dst};
  memrefCopy(elemSize, &from, &to);
}

template <int Rank>
Memref<Rank> memref(void *data, int64_t offset,
                    std::initializer_list<int64_t> sizes,
                    std::initializer_list<int64_t> strides) {
  Memref<Rank> m;
  m.allocated = data;
  m.aligned = data;
  m.offset = offset;
  std::copy(sizes.begin(), sizes.end(), m.sizes);
  std::copy(strides.begin(), strides.end(), m.strides);
  return m;
}

TEST(MemrefCopyTest, ContiguousToContiguous) {
  std::vector<float> src(12), dst(12, -1);
  std::iota(src.begin(), src.end(), 0.0f);
  auto s = memref<2>(src.data(), 0, {3, 4}, {4, 1});
  auto d = memref<2>(dst.data(), 0, {3, 4}, {4, 1});
  copy(4, s, d);
  EXPECT_EQ(dst, src);
}

TEST(MemrefCopyTest, TransposeWithOffsets) {
  // src is a [3, 4] view at offset 2 of a row-major buffer; dst is its
  // transpose layout (strides [1, 3]) at offset 1.
  std::vector<double> src(14), dst(13, -1);
  std::iota(src.begin(), src.end(), 0.0);
  auto s = memref<2>(src.data(), 2, {3, 4}, {4, 1});
  auto d = memref<2>(dst.data(), 1, {3, 4}, {1, 3});
  copy(8, s, d);
  EXPECT_EQ(dst[0], -1);
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 4; ++j)
      EXPECT_EQ(dst[1 + i + 3 * j], src[2 + 4 * i + j]) << i << "," << j;
}

TEST(MemrefCopyTest, NegativeAndZeroSourceStrides) {
  // Reversed rows, then a broadcast (stride 0) of one row.
  int16_t src[6] = {1, 2, 3, 4, 5, 6}, dst[6] = {};
  auto s = memref<2>(src, 3, {2, 3}, {-3, 1});
  auto d = memref<2>(dst, 0, {2, 3}, {3, 1});
  copy(2, s, d);
  EXPECT_EQ(std::vector<int16_t>(dst, dst + 6),
            (std::vector<int16_t>{4, 5, 6, 1, 2, 3}));
  auto b = memref<2>(src, 0, {2, 3}, {0, 1});
  copy(2, b, d);
  EXPECT_EQ(std::vector<int16_t>(dst, dst + 6),
            (std::vector<int16_t>{1, 2, 3, 1, 2, 3}));
}

TEST(MemrefCopyTest, Rank3InnerStridedOddElementSize) {
  // 3-byte elements, every other one along the innermost dimension.
  const int64_t n0 = 2, n1 = 3, n2 = 4;
  std::vector<uint8_t> src(n0 * n1 * n2 * 2 * 3), dst(n0 * n1 * n2 * 3);
  for (size_t i = 0; i < src.size(); ++i)
    src[i] = uint8_t(i * 7 + 1);
  auto s = memref<3>(src.data(), 0, {n0, n1, n2}, {n1 * n2 * 2, n2 * 2, 2});
  auto d = memref<3>(dst.data(), 0, {n0, n1, n2}, {n1 * n2, n2, 1});
  copy(3, s, d);
  for (int64_t i = 0; i < n0 * n1 * n2; ++i)
    EXPECT_EQ(std::memcmp(&dst[i * 3], &src[i * 2 * 3], 3), 0) << i;
}

TEST(MemrefCopyTest, RankZeroAndEmpty) {
  int64_t src = 42, dst = 0;
  Memref<0> s = {&src, &src, 0}, d = {&dst, &dst, 0};
  copy(8, s, d);
  EXPECT_EQ(dst, 42);
  // No elements: nothing is touched, not even through null pointers.
  auto es = memref<2>(nullptr, 0, {0, 5}, {5, 1});
  auto ed = memref<2>(nullptr, 0, {0, 5}, {1, 0});
  copy(4, es, ed);
}

TEST(MemrefCopyTest, StridedCopyHelperAndContiguity) {
  const int64_t sizes[] = {2, 1, 3};
  const int64_t packed[] = {3, 99, 1}, padded[] = {4, 4, 1};
  EXPECT_TRUE(seqc_is_contiguous(3, sizes, packed));
  EXPECT_FALSE(seqc_is_contiguous(3, sizes, padded));
  EXPECT_TRUE(seqc_is_contiguous(0, nullptr, nullptr));
  int8_t src[8] = {1, 2, 3, -1, 4, 5, 6, -1}, dst[6] = {};
  seqc_strided_copy(1, 3, sizes, src, padded, dst, packed);
  EXPECT_EQ(std::vector<int8_t>(dst, dst + 6),
            (std::vector<int8_t>{1, 2, 3, 4, 5, 6}));
}

} // namespace
