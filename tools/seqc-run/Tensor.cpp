//===- Tensor.cpp - seqc-run's tensors: loading, random values, checks ----===//

#include "tools/seqc-run/Tensor.h"
#include "tools/seqc-run/Float16.h"

#include <algorithm>
#include <cmath>
#include <cstring>

using namespace seqc;
using namespace seqc::run;

int64_t Buffer::numElements() const {
  int64_t count = 1;
  for (int32_t d = 0; d < info->rank; ++d)
    count *= info->shape[d];
  return count;
}

seqc_tensor Buffer::tensor() {
  return {data.data(), info->dtype, info->rank, info->shape, nullptr};
}

Buffer run::allocate(const seqc_value_info &info) {
  Buffer buffer;
  buffer.info = &info;
  buffer.data.assign(size_t(buffer.numElements()) * seqc_dtype_size(info.dtype),
                     0);
  return buffer;
}

std::string run::formatShape(const int64_t *shape, size_t rank) {
  std::string text = "[";
  for (size_t d = 0; d < rank; ++d)
    text += (d ? ", " : "") + std::to_string(shape[d]);
  return text + "]";
}

std::string run::formatIndex(int64_t flat, const int64_t *shape, int32_t rank) {
  std::vector<int64_t> index(static_cast<size_t>(rank));
  for (int32_t d = rank - 1; d >= 0; --d) {
    index[d] = shape[d] ? flat % shape[d] : 0;
    flat = shape[d] ? flat / shape[d] : 0;
  }
  return formatShape(index.data(), index.size());
}

double run::elementAt(seqc_dtype dtype, const uint8_t *data, int64_t i) {
  auto load = [&](auto zero) {
    decltype(zero) value;
    std::memcpy(&value, data + i * sizeof(value), sizeof(value));
    return value;
  };
  switch (dtype) {
  case SEQC_F32:
    return load(0.0f);
  case SEQC_F64:
    return load(0.0);
  case SEQC_F16:
    return halfToFloat(load(uint16_t(0)));
  case SEQC_BF16:
    return bfloat16ToFloat(load(uint16_t(0)));
  case SEQC_I8:
    return load(int8_t(0));
  case SEQC_I32:
    return load(int32_t(0));
  case SEQC_I64:
    return double(load(int64_t(0)));
  case SEQC_I16:
    return load(int16_t(0));
  case SEQC_BOOL:
    return load(uint8_t(0)) != 0;
  }
  return 0;
}

bool run::fromNpy(npy::Array &&array, const seqc_value_info &info,
                  const std::string &what, Buffer &out, std::string &error) {
  seqc_dtype fileDtype = info.dtype == SEQC_BF16 ? SEQC_F32 : info.dtype;
  if (array.dtype != fileDtype) {
    error = what + " must have dtype " + seqc_dtype_name(fileDtype) + ", got " +
            seqc_dtype_name(array.dtype);
    return false;
  }
  if (array.shape.size() != size_t(info.rank) ||
      !std::equal(array.shape.begin(), array.shape.end(), info.shape)) {
    error = what + " must have shape " + formatShape(info.shape, info.rank) +
            ", got " + formatShape(array.shape.data(), array.shape.size());
    return false;
  }
  out = allocate(info);
  if (info.dtype != SEQC_BF16) {
    out.data = std::move(array.data);
    return true;
  }
  for (int64_t i = 0, e = out.numElements(); i < e; ++i) {
    uint16_t value =
        floatToBfloat16(float(elementAt(SEQC_F32, array.data.data(), i)));
    std::memcpy(out.data.data() + 2 * i, &value, 2);
  }
  return true;
}

npy::Array run::toNpy(const Buffer &buffer) {
  npy::Array array;
  const seqc_value_info &info = *buffer.info;
  array.shape.assign(info.shape, info.shape + info.rank);
  if (info.dtype != SEQC_BF16) {
    array.dtype = info.dtype;
    array.data = buffer.data;
    return array;
  }
  array.dtype = SEQC_F32;
  array.data.resize(size_t(buffer.numElements()) * 4);
  for (int64_t i = 0, e = buffer.numElements(); i < e; ++i) {
    float value = float(elementAt(SEQC_BF16, buffer.data.data(), i));
    std::memcpy(array.data.data() + 4 * i, &value, 4);
  }
  return array;
}

static uint64_t splitMix64(uint64_t &state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

/// Significand bits of a float dtype; a value k * 2^-bits with
/// |k| <= 2^bits is exact in it.
static int significandBits(seqc_dtype dtype) {
  switch (dtype) {
  case SEQC_F32:
    return 24;
  case SEQC_F64:
    return 53;
  case SEQC_F16:
    return 11;
  case SEQC_BF16:
    return 8;
  default:
    return 0;
  }
}

/// A float that is zero or a normal half converts exactly by rebiasing its
/// exponent (the random values are never subnormal halves).
static uint16_t exactFloatToHalf(float value) {
  uint32_t f = floatToBits(value);
  uint16_t half = uint16_t((f >> 16) & 0x8000);
  if (f & 0x7fffffff)
    half |= uint16_t(((((f >> 23) & 0xff) - 112) << 10) | ((f >> 13) & 0x3ff));
  return half;
}

Buffer run::randomBuffer(const seqc_value_info &info, uint64_t seed,
                         size_t index) {
  Buffer buffer = allocate(info);
  uint64_t state = seed * 0x100000001b3ull + index;
  splitMix64(state);
  int bits = significandBits(info.dtype);
  uint8_t *out = buffer.data.data();
  auto store = [&](int64_t i, auto value) {
    std::memcpy(out + i * sizeof(value), &value, sizeof(value));
  };
  for (int64_t i = 0, e = buffer.numElements(); i < e; ++i) {
    uint64_t r = splitMix64(state);
    // k in [-2^bits, 2^bits) from the top bits, over 2^bits.
    double value = std::ldexp(
        double(int64_t(r >> (63 - bits)) - (int64_t(1) << bits)), -bits);
    int64_t integer = int64_t(r >> 60) - 8;
    switch (info.dtype) {
    case SEQC_F32:
      store(i, float(value));
      break;
    case SEQC_F64:
      store(i, value);
      break;
    case SEQC_F16:
      store(i, exactFloatToHalf(float(value)));
      break;
    case SEQC_BF16:
      store(i, floatToBfloat16(float(value)));
      break;
    case SEQC_I8:
      store(i, int8_t(integer));
      break;
    case SEQC_I32:
      store(i, int32_t(integer));
      break;
    case SEQC_I64:
      store(i, integer);
      break;
    case SEQC_I16:
      store(i, int16_t(integer));
      break;
    case SEQC_BOOL:
      store(i, uint8_t(integer != 0));
      break;
    }
  }
  return buffer;
}

Comparison run::compare(const Buffer &got, const npy::Array &want, double rtol,
                        double atol) {
  Comparison result;
  for (int64_t i = 0, e = got.numElements(); i < e; ++i) {
    double g = elementAt(got.info->dtype, got.data.data(), i);
    double w = elementAt(want.dtype, want.data.data(), i);
    bool same = g == w || (std::isnan(g) && std::isnan(w));
    // Differing infinities or a NaN against a number give an infinite error.
    double diff = same ? 0 : std::fabs(g - w);
    if (std::isnan(diff))
      diff = INFINITY;
    result.maxAbsError = std::max(result.maxAbsError, diff);
    if (w != 0 && std::isfinite(w))
      result.maxRelError = std::max(result.maxRelError, diff / std::fabs(w));
    bool ok =
        same || (std::isfinite(diff) && diff <= atol + rtol * std::fabs(w));
    if (!ok && result.firstMismatch < 0) {
      result.firstMismatch = i;
      result.mismatchGot = g;
      result.mismatchWant = w;
    }
  }
  return result;
}
