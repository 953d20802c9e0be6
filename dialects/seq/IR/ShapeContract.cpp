//===- ShapeContract.cpp - Named-dimension shape checks -------------------===//

#include "dialects/seq/IR/ShapeContract.h"

#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::seq;

static constexpr StringRef kEllipsis = "...";

static void printSize(llvm::raw_ostream &os, int64_t size) {
  if (ShapedType::isDynamic(size))
    os << '?';
  else
    os << size;
}

static std::string formatShape(ArrayRef<int64_t> shape) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << '[';
  llvm::interleave(
      shape, os, [&](int64_t s) { printSize(os, s); }, ", ");
  os << ']';
  return text;
}

int64_t mlir::seq::getRank(Value value) {
  return cast<RankedTensorType>(value.getType()).getRank();
}

int64_t mlir::seq::getDim(Value value, int64_t index) {
  auto type = cast<RankedTensorType>(value.getType());
  if (index < 0)
    index += type.getRank();
  return type.getDimSize(index);
}

InFlightDiagnostic ShapeContract::emitValueError(StringRef name, Value value) {
  bool isResult = llvm::is_contained(op->getResults(), value);
  return op->emitOpError() << (isResult ? "result `" : "operand `") << name
                           << "` ";
}

std::string ShapeContract::expectedShape(ArrayRef<StringRef> dims) const {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << '[';
  llvm::interleave(dims, os, ", ");
  os << "] = [";
  bool first = true;
  for (StringRef dim : dims) {
    if (dim == kEllipsis) {
      if (!leadingDims) {
        os << kEllipsis;
        first = false;
        continue;
      }
      for (int64_t size : *leadingDims) {
        os << (first ? "" : ", ");
        printSize(os, size);
        first = false;
      }
      continue;
    }
    os << (first ? "" : ", ");
    first = false;
    if (std::optional<int64_t> size = lookup(dim))
      os << *size;
    else
      os << '?';
  }
  os << ']';
  return text;
}

LogicalResult ShapeContract::check(StringRef name, Value value,
                                   ArrayRef<StringRef> dims) {
  if (!value)
    return success();
  auto type = cast<RankedTensorType>(value.getType());
  ArrayRef<int64_t> shape = type.getShape();

  bool hasEllipsis = !dims.empty() && dims.front() == kEllipsis;
  ArrayRef<StringRef> named = hasEllipsis ? dims.drop_front() : dims;
  int64_t rank = type.getRank();
  int64_t numNamed = named.size();
  if (hasEllipsis && !leadingDims && rank < numNamed) {
    emitValueError(name, value)
        << "must have rank >= " << numNamed << " (" << expectedShape(dims)
        << "), got rank " << rank;
    return failure();
  }
  int64_t expectedRank =
      numNamed + (hasEllipsis ? (leadingDims ? (int64_t)leadingDims->size()
                                             : rank - numNamed)
                              : 0);
  if (rank != expectedRank) {
    emitValueError(name, value)
        << "must have rank " << expectedRank << " (" << expectedShape(dims)
        << "), got rank " << rank;
    return failure();
  }

  int64_t numLeading = rank - numNamed;
  ArrayRef<int64_t> leading = shape.take_front(numLeading);
  ArrayRef<int64_t> trailing = shape.drop_front(numLeading);
  bool mismatch = false;
  if (hasEllipsis && leadingDims) {
    for (auto [want, got] : llvm::zip_equal(*leadingDims, leading))
      if (!ShapedType::isDynamic(want) && !ShapedType::isDynamic(got) &&
          want != got)
        mismatch = true;
  }
  for (auto [dim, got] : llvm::zip_equal(named, trailing)) {
    std::optional<int64_t> want = lookup(dim);
    if (want && !ShapedType::isDynamic(got) && *want != got)
      mismatch = true;
  }
  if (mismatch) {
    emitValueError(name, value) << "must have shape " << expectedShape(dims)
                                << ", got " << formatShape(shape);
    return failure();
  }

  if (hasEllipsis) {
    if (!leadingDims)
      leadingDims.emplace(leading.begin(), leading.end());
    else
      for (auto [want, got] : llvm::zip_equal(*leadingDims, leading))
        if (ShapedType::isDynamic(want))
          want = got;
  }
  for (auto [dim, got] : llvm::zip_equal(named, trailing))
    bind(dim, got);
  return success();
}

LogicalResult ShapeContract::checkEither(StringRef name, Value value,
                                         ArrayRef<StringRef> dimsA,
                                         StringRef noteA,
                                         ArrayRef<StringRef> dimsB,
                                         StringRef noteB) {
  if (!value)
    return success();
  int64_t rank = getRank(value);
  if (rank == (int64_t)dimsA.size())
    return check(name, value, dimsA);
  if (rank == (int64_t)dimsB.size())
    return check(name, value, dimsB);
  auto diag = emitValueError(name, value);
  diag << "must have rank " << dimsA.size() << " ([";
  llvm::interleave(dimsA, diag, ", ");
  diag << "], " << noteA << ") or rank " << dimsB.size() << " ([";
  llvm::interleave(dimsB, diag, ", ");
  diag << "], " << noteB << "), got rank " << rank;
  return failure();
}

void ShapeContract::bind(StringRef symbol, int64_t size) {
  if (ShapedType::isDynamic(size))
    return;
  sizes.try_emplace(symbol, size);
}

std::optional<int64_t> ShapeContract::lookup(StringRef symbol) const {
  auto it = sizes.find(symbol);
  if (it == sizes.end())
    return std::nullopt;
  return it->second;
}

LogicalResult ShapeContract::sameElementType(StringRef name, Value value,
                                             StringRef referenceName,
                                             Value reference) {
  if (!value || !reference)
    return success();
  Type want = getElementTypeOrSelf(reference.getType());
  Type got = getElementTypeOrSelf(value.getType());
  if (want == got)
    return success();
  emitValueError(name, value)
      << "must have the element type of `" << referenceName << "` (" << want
      << "), got " << got;
  return failure();
}

LogicalResult
ShapeContract::sameElementTypes(StringRef referenceName, Value reference,
                                ArrayRef<std::pair<StringRef, Value>> values) {
  for (auto [name, value] : values)
    if (failed(sameElementType(name, value, referenceName, reference)))
      return failure();
  return success();
}

LogicalResult ShapeContract::elementType(StringRef name, Value value,
                                         Type expected) {
  if (!value)
    return success();
  Type got = getElementTypeOrSelf(value.getType());
  if (got == expected)
    return success();
  emitValueError(name, value)
      << "must have element type " << expected << ", got " << got;
  return failure();
}

LogicalResult mlir::seq::checkRankForInference(std::optional<Location> location,
                                               StringRef opName, StringRef name,
                                               Value value,
                                               ArrayRef<StringRef> dims) {
  bool hasEllipsis = !dims.empty() && dims.front() == kEllipsis;
  int64_t numNamed = dims.size() - (hasEllipsis ? 1 : 0);
  int64_t rank = getRank(value);
  if (hasEllipsis ? rank >= numNamed : rank == numNamed)
    return success();
  std::string text;
  llvm::raw_string_ostream os(text);
  os << '\'' << opName << "' op operand `" << name << "` must have rank "
     << (hasEllipsis ? ">= " : "") << numNamed << " ([";
  llvm::interleave(dims, os, ", ");
  os << "]), got rank " << rank;
  return emitOptionalError(location, text);
}

bool mlir::seq::areCompatibleTensorTypes(TypeRange inferred,
                                         TypeRange declared) {
  if (inferred.size() != declared.size())
    return false;
  for (auto [a, b] : llvm::zip_equal(inferred, declared)) {
    if (getElementTypeOrSelf(a) != getElementTypeOrSelf(b) ||
        failed(verifyCompatibleShape(a, b)))
      return false;
  }
  return true;
}
