//===- Float16.h - Conversions of f16 and bf16 values -----------*- C++ -*-===//
//
// seqc-run compares f16 outputs in double and moves bf16 tensors through
// f32 .npy files (.npy has no bf16), so it converts the 16-bit formats by
// their bit patterns.
//
//===----------------------------------------------------------------------===//

#ifndef SEQC_TOOLS_SEQC_RUN_FLOAT16_H
#define SEQC_TOOLS_SEQC_RUN_FLOAT16_H

#include <cstdint>
#include <cstring>

namespace seqc {

inline float bitsToFloat(uint32_t bits) {
  float value;
  std::memcpy(&value, &bits, sizeof(value));
  return value;
}

inline uint32_t floatToBits(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, sizeof(bits));
  return bits;
}

/// IEEE binary16 (1 sign, 5 exponent, 10 fraction bits) to float; exact.
inline float halfToFloat(uint16_t half) {
  uint32_t sign = uint32_t(half & 0x8000) << 16;
  uint32_t exponent = (half >> 10) & 0x1f;
  uint32_t fraction = half & 0x3ff;
  if (exponent == 0x1f) // Inf or NaN (the payload is kept).
    return bitsToFloat(sign | 0x7f800000 | (fraction << 13));
  if (exponent != 0) // Normal: rebias the exponent from 15 to 127.
    return bitsToFloat(sign | ((exponent + 112) << 23) | (fraction << 13));
  // Zero or subnormal: fraction * 2^-24 is exact in float.
  float magnitude = float(fraction) * bitsToFloat(0x33800000); // 2^-24
  return sign ? -magnitude : magnitude;
}

/// bfloat16 is the top half of a float.
inline float bfloat16ToFloat(uint16_t value) {
  return bitsToFloat(uint32_t(value) << 16);
}

/// Rounds a float to the nearest bfloat16, ties to even; NaN stays NaN.
inline uint16_t floatToBfloat16(float value) {
  uint32_t bits = floatToBits(value);
  if ((bits & 0x7fffffff) > 0x7f800000)
    return uint16_t((bits >> 16) | 0x40);
  uint32_t rounding = 0x7fff + ((bits >> 16) & 1);
  return uint16_t((bits + rounding) >> 16);
}

} // namespace seqc

#endif // SEQC_TOOLS_SEQC_RUN_FLOAT16_H
