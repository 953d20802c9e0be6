//===- NpyTest.cpp - seqc-run's .npy reader and writer --------------------===//
//
// Round trips for every dtype, hand-built files of each header version,
// the rejection of what seqc-run cannot read, and the f16/bf16
// conversions.
//
//===----------------------------------------------------------------------===//

#include "tools/seqc-run/Npy.h"
#include "tools/seqc-run/Float16.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <string>
#include <unistd.h>

using namespace seqc;

namespace {

/// A .npy file of `version` with this header text (padding not included)
/// and these data bytes.
std::vector<uint8_t> makeFile(int version, const std::string &header,
                              const std::vector<uint8_t> &data) {
  std::vector<uint8_t> bytes = {0x93, 'N', 'U', 'M', 'P', 'Y', uint8_t(version),
                                0};
  size_t length = header.size();
  for (int i = 0; i < (version == 1 ? 2 : 4); ++i)
    bytes.push_back(uint8_t(length >> (8 * i)));
  bytes.insert(bytes.end(), header.begin(), header.end());
  bytes.insert(bytes.end(), data.begin(), data.end());
  return bytes;
}

std::vector<uint8_t> floatBytes(std::initializer_list<float> values) {
  std::vector<uint8_t> bytes(values.size() * 4);
  std::memcpy(bytes.data(), values.begin(), bytes.size());
  return bytes;
}

/// Parses `bytes`, expecting failure, and returns the message.
std::string parseError(const std::vector<uint8_t> &bytes) {
  npy::Array array;
  std::string error;
  EXPECT_FALSE(npy::parse(bytes.data(), bytes.size(), array, error));
  return error;
}

const char kHeader23[] =
    "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";

TEST(NpyTest, ParsesEveryHeaderVersion) {
  std::vector<uint8_t> data = floatBytes({1, 2, 3, 4, 5, 6});
  for (int version : {1, 2, 3}) {
    npy::Array array;
    std::string error;
    std::vector<uint8_t> file = makeFile(version, kHeader23, data);
    ASSERT_TRUE(npy::parse(file.data(), file.size(), array, error))
        << "version " << version << ": " << error;
    EXPECT_EQ(array.dtype, SEQC_F32);
    EXPECT_EQ(array.shape, (std::vector<int64_t>{2, 3}));
    EXPECT_EQ(array.data, data);
  }
}

TEST(NpyTest, ParsesHeaderVariants) {
  struct Case {
    const char *header;
    seqc_dtype dtype;
    std::vector<int64_t> shape;
    size_t bytes;
  } cases[] = {
      {"{\"shape\": (), \"fortran_order\": False, \"descr\": \"<f8\"}\n",
       SEQC_F64,
       {},
       8},
      {"{'descr': '|i1', 'fortran_order': False, 'shape': (5,), }  \n",
       SEQC_I8,
       {5},
       5},
      {"{'descr':'<i8','fortran_order':False,'shape':(2,0,3)}",
       SEQC_I64,
       {2, 0, 3},
       0},
      {"{'descr': '<i4', 'fortran_order': False, 'shape': (3L, 1L), }",
       SEQC_I32,
       {3, 1},
       12},
      {"{'descr': '<f2', 'fortran_order': False, 'shape': (4,), }",
       SEQC_F16,
       {4},
       8},
  };
  for (const Case &c : cases) {
    std::vector<uint8_t> file =
        makeFile(1, c.header, std::vector<uint8_t>(c.bytes, 7));
    npy::Array array;
    std::string error;
    ASSERT_TRUE(npy::parse(file.data(), file.size(), array, error))
        << c.header << ": " << error;
    EXPECT_EQ(array.dtype, c.dtype) << c.header;
    EXPECT_EQ(array.shape, c.shape) << c.header;
    EXPECT_EQ(array.data.size(), c.bytes) << c.header;
  }
}

TEST(NpyTest, RejectsFortranOrder) {
  EXPECT_EQ(parseError(makeFile(
                1, "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }",
                floatBytes({1, 2, 3, 4, 5, 6}))),
            "Fortran-order arrays are not supported; save a C-order array "
            "(numpy.ascontiguousarray)");
}

TEST(NpyTest, RejectsBadMagicAndVersion) {
  std::vector<uint8_t> file = makeFile(1, kHeader23, floatBytes({1}));
  file[1] = 'M';
  EXPECT_EQ(parseError(file), "not a .npy file (bad magic)");
  EXPECT_EQ(parseError({0x93, 'N', 'U'}), "not a .npy file (bad magic)");
  EXPECT_EQ(parseError(makeFile(4, kHeader23, {})),
            "unsupported .npy version 4.0 (supported: 1.0, 2.0, 3.0)");
}

TEST(NpyTest, RejectsTruncatedFiles) {
  std::vector<uint8_t> file =
      makeFile(1, kHeader23, floatBytes({1, 2, 3, 4, 5}));
  EXPECT_EQ(parseError(file),
            "truncated data: the shape needs 24 bytes, the file has 20");
  file = makeFile(2, kHeader23, {});
  file.resize(30);
  EXPECT_EQ(parseError(file), "truncated header");
  file.resize(9);
  EXPECT_EQ(parseError(file), "truncated header");
  file = makeFile(1, kHeader23, floatBytes({1, 2, 3, 4, 5, 6, 7}));
  EXPECT_EQ(parseError(file),
            "4 bytes after the data that the shape does not cover");
}

TEST(NpyTest, RejectsUnsupportedDtypes) {
  for (const char *descr : {"<u2", ">f4", "<c8", "|u1", "|O"}) {
    std::string header = std::string("{'descr': '") + descr +
                         "', 'fortran_order': False, 'shape': (1,), }";
    EXPECT_EQ(parseError(makeFile(1, header, std::vector<uint8_t>(8))),
              "unsupported dtype '" + std::string(descr) +
                  "' (supported: <f4, <f8, <f2, |i1, <i4, <i8, <i2, |b1)");
  }
}

TEST(NpyTest, RejectsMalformedHeaders) {
  const char *headers[] = {
      "",
      "{'descr': '<f4', 'shape': (1,)}",
      "{'descr': '<f4', 'fortran_order': False, 'shape': (1)}",
      "{'descr': '<f4', 'fortran_order': False, 'shape': (-1,)}",
      "{'descr': '<f4', 'fortran_order': 0, 'shape': (1,)}",
      "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'x': 1}",
      "{'descr': '<f4' 'fortran_order': False, 'shape': (1,)}",
      "{'descr': '<f4', 'fortran_order': False, 'shape': "
      "(99999999999999999999,)}",
  };
  for (const char *header : headers)
    EXPECT_EQ(parseError(makeFile(1, header, floatBytes({1})))
                  .rfind("malformed header", 0),
              0u)
        << header;
  EXPECT_EQ(parseError(makeFile(1,
                                "{'descr': '<f8', 'fortran_order': False, "
                                "'shape': (4294967296, 4294967296, 2), }",
                                {})),
            "shape is too large");
}

template <typename T>
void roundTrip(seqc_dtype dtype, std::vector<int64_t> shape,
               std::vector<T> values) {
  npy::Array array;
  array.dtype = dtype;
  array.shape = shape;
  array.data.resize(values.size() * sizeof(T));
  if (!values.empty())
    std::memcpy(array.data.data(), values.data(), array.data.size());
  std::vector<uint8_t> bytes;
  std::string error;
  ASSERT_TRUE(npy::serialize(array, bytes, error)) << error;
  // The data starts 64-byte aligned after a header ending in '\n'.
  size_t headerLength = bytes[8] | bytes[9] << 8;
  EXPECT_EQ((10 + headerLength) % 64, 0u);
  EXPECT_EQ(bytes[10 + headerLength - 1], '\n');
  npy::Array back;
  ASSERT_TRUE(npy::parse(bytes.data(), bytes.size(), back, error)) << error;
  EXPECT_EQ(back.dtype, dtype);
  EXPECT_EQ(back.shape, shape);
  EXPECT_EQ(back.data, array.data);
}

TEST(NpyTest, RoundTripsEveryDtype) {
  roundTrip<float>(SEQC_F32, {2, 2}, {1.5f, -2, 0, 1e30f});
  roundTrip<double>(SEQC_F64, {3}, {1e-300, -0.0, 3});
  roundTrip<uint16_t>(SEQC_F16, {1, 2, 1}, {0x3c00, 0xfbff});
  roundTrip<int8_t>(SEQC_I8, {4}, {-128, 0, 1, 127});
  roundTrip<int32_t>(SEQC_I32, {}, {-7});
  roundTrip<int64_t>(SEQC_I64, {2, 0}, {});
}

TEST(NpyTest, LongHeadersUseVersion2) {
  npy::Array array;
  array.dtype = SEQC_I8;
  array.shape.assign(30000, 1);
  array.data = {42};
  std::vector<uint8_t> bytes;
  std::string error;
  ASSERT_TRUE(npy::serialize(array, bytes, error)) << error;
  EXPECT_EQ(bytes[6], 2);
  npy::Array back;
  ASSERT_TRUE(npy::parse(bytes.data(), bytes.size(), back, error)) << error;
  EXPECT_EQ(back.shape.size(), 30000u);
  EXPECT_EQ(back.data, array.data);
}

TEST(NpyTest, SerializeRejectsWhatNpyCannotHold) {
  npy::Array array;
  array.dtype = SEQC_BF16;
  array.shape = {1};
  array.data = {0, 0};
  std::vector<uint8_t> bytes;
  std::string error;
  EXPECT_FALSE(npy::serialize(array, bytes, error));
  EXPECT_EQ(error, "dtype bf16 has no .npy equivalent");
  array.dtype = SEQC_F32;
  EXPECT_FALSE(npy::serialize(array, bytes, error));
  EXPECT_EQ(error, "data size does not match the shape");
}

TEST(NpyTest, ReadsAndWritesFiles) {
  char dir[] = "/tmp/seqc-npy-test-XXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  std::string path = std::string(dir) + "/a.npy";
  npy::Array array;
  array.dtype = SEQC_F32;
  array.shape = {3};
  array.data = floatBytes({1, 2, 3});
  std::string error;
  ASSERT_TRUE(npy::write(path, array, error)) << error;
  npy::Array back;
  ASSERT_TRUE(npy::read(path, back, error)) << error;
  EXPECT_EQ(back.data, array.data);
  std::remove(path.c_str());
  EXPECT_FALSE(npy::read(path, back, error));
  EXPECT_EQ(error, path + ": cannot open: No such file or directory");
  EXPECT_FALSE(npy::write(std::string(dir) + "/missing/b.npy", array, error));
  EXPECT_EQ(error.rfind(std::string(dir) + "/missing/b.npy: cannot create", 0),
            0u);
  rmdir(dir);
}

TEST(Float16Test, HalfToFloat) {
  EXPECT_EQ(halfToFloat(0x3c00), 1.0f);
  EXPECT_EQ(halfToFloat(0xc000), -2.0f);
  EXPECT_EQ(halfToFloat(0x7bff), 65504.0f);
  EXPECT_EQ(halfToFloat(0x0001), std::ldexp(1.0f, -24));
  EXPECT_EQ(halfToFloat(0x03ff), std::ldexp(1023.0f, -24));
  EXPECT_EQ(halfToFloat(0x0400), std::ldexp(1.0f, -14));
  EXPECT_TRUE(std::signbit(halfToFloat(0x8000)));
  EXPECT_EQ(halfToFloat(0x7c00), std::numeric_limits<float>::infinity());
  EXPECT_TRUE(std::isnan(halfToFloat(0x7e00)));
}

TEST(Float16Test, Bfloat16) {
  EXPECT_EQ(bfloat16ToFloat(0x3f80), 1.0f);
  EXPECT_EQ(floatToBfloat16(1.0f), 0x3f80);
  EXPECT_EQ(floatToBfloat16(-2.5f), 0xc020);
  // 1 + 2^-8 is halfway between 1 and 1 + 2^-7: ties go to even (1).
  EXPECT_EQ(floatToBfloat16(1.0f + std::ldexp(1.0f, -8)), 0x3f80);
  EXPECT_EQ(floatToBfloat16(1.0f + 3 * std::ldexp(1.0f, -8)), 0x3f82);
  EXPECT_EQ(
      floatToBfloat16(1.0f + std::ldexp(1.0f, -8) + std::ldexp(1.0f, -20)),
      0x3f81);
  EXPECT_TRUE(std::isnan(bfloat16ToFloat(
      floatToBfloat16(std::numeric_limits<float>::quiet_NaN()))));
  EXPECT_EQ(floatToBfloat16(std::numeric_limits<float>::infinity()), 0x7f80);
}

} // namespace
