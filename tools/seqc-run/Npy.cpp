//===- Npy.cpp - Reading and writing NumPy .npy files ---------------------===//
//
// A .npy file is the magic "\x93NUMPY", a major and minor version byte, the
// header length (2 bytes little-endian in 1.0, 4 bytes in 2.0 and 3.0),
// the header -- a Python dict literal with the keys 'descr',
// 'fortran_order' and 'shape', padded with spaces to a multiple of 64
// bytes and ending in '\n' -- and then the raw element bytes.
//
//===----------------------------------------------------------------------===//

#include "tools/seqc-run/Npy.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
              "elements are read and written in host byte order");

using namespace seqc;
using namespace seqc::npy;

static const char kMagic[] = "\x93NUMPY";
static constexpr size_t kMagicSize = 6;

namespace {

struct DescrEntry {
  const char *descr;
  seqc_dtype dtype;
};

constexpr DescrEntry kDescrs[] = {
    {"<f4", SEQC_F32}, {"<f8", SEQC_F64}, {"<f2", SEQC_F16}, {"|i1", SEQC_I8},
    {"<i4", SEQC_I32}, {"<i8", SEQC_I64}, {"<i2", SEQC_I16}, {"|b1", SEQC_BOOL},
};

/// A recursive-descent reader of the header dict; it accepts the literals
/// that NumPy writes (strings, True/False, tuples of integers).
class HeaderParser {
public:
  explicit HeaderParser(const std::string &text) : text(text) {}

  bool parse(Array &array, std::string &error);

private:
  void skipSpace() {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t' ||
                                 text[pos] == '\n' || text[pos] == '\r'))
      ++pos;
  }
  bool consume(char c) {
    skipSpace();
    if (pos < text.size() && text[pos] == c) {
      ++pos;
      return true;
    }
    return false;
  }
  bool parseString(std::string &out);
  bool parseBool(bool &out);
  bool parseShape(std::vector<int64_t> &out);

  const std::string &text;
  size_t pos = 0;
};

} // namespace

bool HeaderParser::parseString(std::string &out) {
  skipSpace();
  if (pos >= text.size() || (text[pos] != '\'' && text[pos] != '"'))
    return false;
  char quote = text[pos++];
  size_t end = text.find(quote, pos);
  if (end == std::string::npos)
    return false;
  out = text.substr(pos, end - pos);
  pos = end + 1;
  return true;
}

bool HeaderParser::parseBool(bool &out) {
  skipSpace();
  static const std::pair<const char *, bool> kWords[] = {{"True", true},
                                                         {"False", false}};
  for (auto [word, value] : kWords) {
    size_t length = std::strlen(word);
    if (text.compare(pos, length, word) == 0) {
      pos += length;
      out = value;
      return true;
    }
  }
  return false;
}

bool HeaderParser::parseShape(std::vector<int64_t> &out) {
  out.clear();
  if (!consume('('))
    return false;
  for (;;) {
    if (consume(')'))
      return true;
    skipSpace();
    if (pos >= text.size() || text[pos] < '0' || text[pos] > '9')
      return false;
    int64_t value = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      int digit = text[pos++] - '0';
      if (value > (std::numeric_limits<int64_t>::max() - digit) / 10)
        return false;
      value = value * 10 + digit;
    }
    // Python writes `5L` for longs in old files.
    if (pos < text.size() && text[pos] == 'L')
      ++pos;
    out.push_back(value);
    if (!consume(',')) {
      // (5) is not a tuple; only a one-element tuple needs the comma.
      return consume(')') && out.size() > 1;
    }
  }
}

bool HeaderParser::parse(Array &array, std::string &error) {
  bool seenDescr = false, seenOrder = false, seenShape = false;
  std::string descr;
  bool fortranOrder = false;
  if (!consume('{')) {
    error = "malformed header: expected a dict";
    return false;
  }
  while (!consume('}')) {
    std::string key;
    if (!parseString(key) || !consume(':')) {
      error = "malformed header: expected a quoted key and ':'";
      return false;
    }
    bool ok;
    if (key == "descr") {
      ok = parseString(descr);
      seenDescr = true;
    } else if (key == "fortran_order") {
      ok = parseBool(fortranOrder);
      seenOrder = true;
    } else if (key == "shape") {
      ok = parseShape(array.shape);
      seenShape = true;
    } else {
      error = "malformed header: unexpected key '" + key + "'";
      return false;
    }
    if (!ok) {
      error = "malformed header: bad value for '" + key + "'";
      return false;
    }
    if (!consume(',')) {
      if (!consume('}')) {
        error = "malformed header: expected ',' or '}'";
        return false;
      }
      break;
    }
  }
  if (!seenDescr || !seenOrder || !seenShape) {
    error = "malformed header: needs 'descr', 'fortran_order' and 'shape'";
    return false;
  }
  if (fortranOrder) {
    error = "Fortran-order arrays are not supported; save a C-order array "
            "(numpy.ascontiguousarray)";
    return false;
  }
  for (const DescrEntry &entry : kDescrs) {
    if (descr == entry.descr) {
      array.dtype = entry.dtype;
      return true;
    }
  }
  error = "unsupported dtype '" + descr +
          "' (supported: <f4, <f8, <f2, |i1, <i4, <i8, <i2, |b1)";
  return false;
}

int64_t Array::numElements() const {
  int64_t count = 1;
  for (int64_t size : shape)
    count *= size;
  return count;
}

const char *npy::descrOf(seqc_dtype dtype) {
  for (const DescrEntry &entry : kDescrs)
    if (entry.dtype == dtype)
      return entry.descr;
  return nullptr;
}

static uint32_t readLittleEndian(const uint8_t *bytes, size_t count) {
  uint32_t value = 0;
  for (size_t i = 0; i < count; ++i)
    value |= uint32_t(bytes[i]) << (8 * i);
  return value;
}

bool npy::parse(const uint8_t *bytes, size_t size, Array &array,
                std::string &error) {
  if (size < kMagicSize + 2 || std::memcmp(bytes, kMagic, kMagicSize) != 0) {
    error = "not a .npy file (bad magic)";
    return false;
  }
  uint8_t major = bytes[kMagicSize], minor = bytes[kMagicSize + 1];
  if (major < 1 || major > 3 || minor != 0) {
    error = "unsupported .npy version " + std::to_string(major) + "." +
            std::to_string(minor) + " (supported: 1.0, 2.0, 3.0)";
    return false;
  }
  size_t lengthSize = major == 1 ? 2 : 4;
  size_t prefix = kMagicSize + 2 + lengthSize;
  if (size < prefix) {
    error = "truncated header";
    return false;
  }
  size_t headerSize = readLittleEndian(bytes + kMagicSize + 2, lengthSize);
  if (size - prefix < headerSize) {
    error = "truncated header";
    return false;
  }
  std::string header(reinterpret_cast<const char *>(bytes + prefix),
                     headerSize);
  if (!HeaderParser(header).parse(array, error))
    return false;

  size_t elemSize = seqc_dtype_size(array.dtype);
  uint64_t needed = elemSize;
  for (int64_t dim : array.shape) {
    if (dim != 0 && needed > std::numeric_limits<uint64_t>::max() / dim) {
      error = "shape is too large";
      return false;
    }
    needed *= dim;
  }
  size_t available = size - prefix - headerSize;
  if (needed > available) {
    error = "truncated data: the shape needs " + std::to_string(needed) +
            " bytes, the file has " + std::to_string(available);
    return false;
  }
  if (needed < available) {
    error = std::to_string(available - needed) +
            " bytes after the data that the shape does not cover";
    return false;
  }
  const uint8_t *data = bytes + prefix + headerSize;
  array.data.assign(data, data + needed);
  return true;
}

bool npy::read(const std::string &path, Array &array, std::string &error) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    error = path + ": cannot open: " + std::strerror(errno);
    return false;
  }
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(file)),
                             std::istreambuf_iterator<char>());
  if (file.bad()) {
    error = path + ": read error";
    return false;
  }
  if (!parse(bytes.data(), bytes.size(), array, error)) {
    error = path + ": " + error;
    return false;
  }
  return true;
}

bool npy::serialize(const Array &array, std::vector<uint8_t> &bytes,
                    std::string &error) {
  const char *descr = descrOf(array.dtype);
  if (!descr) {
    const char *name = seqc_dtype_name(array.dtype);
    error =
        std::string("dtype ") + (name ? name : "?") + " has no .npy equivalent";
    return false;
  }
  int64_t count = array.numElements();
  if (count < 0 ||
      array.data.size() != size_t(count) * seqc_dtype_size(array.dtype)) {
    error = "data size does not match the shape";
    return false;
  }
  std::string header = std::string("{'descr': '") + descr +
                       "', 'fortran_order': False, 'shape': (";
  for (size_t i = 0; i < array.shape.size(); ++i)
    header += (i ? ", " : "") + std::to_string(array.shape[i]);
  header += array.shape.size() == 1 ? ",), }" : "), }";
  // Pad with spaces (and the closing newline) so that the data starts
  // 64-byte aligned; 2.0 only when the padded header outgrows 1.0's 16-bit
  // length.
  uint8_t major = 1;
  size_t prefix, total;
  for (;; ++major) {
    prefix = kMagicSize + 2 + (major == 1 ? 2 : 4);
    total = (prefix + header.size() + 1 + 63) / 64 * 64;
    if (major > 1 || total - prefix <= 65535)
      break;
  }
  header.append(total - prefix - header.size() - 1, ' ');
  header += '\n';

  bytes.assign(kMagic, kMagic + kMagicSize);
  bytes.push_back(major);
  bytes.push_back(0);
  for (size_t i = 0; i < prefix - kMagicSize - 2; ++i)
    bytes.push_back(uint8_t(header.size() >> (8 * i)));
  bytes.insert(bytes.end(), header.begin(), header.end());
  bytes.insert(bytes.end(), array.data.begin(), array.data.end());
  return true;
}

bool npy::write(const std::string &path, const Array &array,
                std::string &error) {
  std::vector<uint8_t> bytes;
  if (!serialize(array, bytes, error)) {
    error = path + ": " + error;
    return false;
  }
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file) {
    error = path + ": cannot create: " + std::strerror(errno);
    return false;
  }
  file.write(reinterpret_cast<const char *>(bytes.data()),
             std::streamsize(bytes.size()));
  file.close();
  if (!file) {
    error = path + ": write error";
    return false;
  }
  return true;
}
