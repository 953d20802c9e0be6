//===- NodeImporter.cpp - What op importers see of a node -----------------===//

#include "frontend/onnx/NodeImporter.h"
#include "frontend/onnx/ModelImporter.h"

#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace mlir::seqc::onnx_import;

Location NodeImporter::loc() const { return model.nodeLoc(node); }

llvm::StringRef NodeImporter::opType() const { return node.op_type(); }

InFlightDiagnostic NodeImporter::error() {
  InFlightDiagnostic diag = model.error();
  diag << "node '" << node.name() << "' (" << node.op_type() << "): ";
  return diag;
}

FailureOr<Value> NodeImporter::requiredInput(size_t i) {
  if (hasInput(i))
    return input(i);
  error() << "input #" << i << " is required";
  return failure();
}

bool NodeImporter::isConstant(size_t i) const {
  DenseElementsAttr attr;
  return hasInput(i) && matchPattern(input(i), m_Constant(&attr));
}

FailureOr<llvm::SmallVector<int64_t>> NodeImporter::constantInts(size_t i) {
  DenseElementsAttr attr;
  if (!hasInput(i) || !matchPattern(input(i), m_Constant(&attr)) ||
      !attr.getElementType().isSignlessInteger()) {
    error() << "input #" << i << " ('"
            << (i < static_cast<size_t>(node.input_size()) ? node.input(i) : "")
            << "') must be a compile-time constant of integers (an "
               "initializer, Constant or a Shape of static dims)";
    return failure();
  }
  llvm::SmallVector<int64_t> values;
  for (const APInt &v : attr.getValues<APInt>())
    values.push_back(attr.getElementType().isInteger(1) ? v.getZExtValue()
                                                        : v.getSExtValue());
  return values;
}

FailureOr<llvm::SmallVector<double>> NodeImporter::constantFloats(size_t i) {
  DenseElementsAttr attr;
  if (!hasInput(i) || !matchPattern(input(i), m_Constant(&attr))) {
    error() << "input #" << i << " ('"
            << (i < static_cast<size_t>(node.input_size()) ? node.input(i) : "")
            << "') must be a compile-time constant";
    return failure();
  }
  llvm::SmallVector<double> values;
  if (isa<FloatType>(attr.getElementType())) {
    for (const APFloat &v : attr.getValues<APFloat>())
      values.push_back(v.convertToDouble());
  } else {
    for (const APInt &v : attr.getValues<APInt>())
      values.push_back(static_cast<double>(v.getSExtValue()));
  }
  return values;
}

const onnx::AttributeProto *NodeImporter::attr(llvm::StringRef name) const {
  for (const onnx::AttributeProto &a : node.attribute()) {
    if (a.name() != name)
      continue;
    if (!a.has_ref_attr_name())
      return &a;
    if (!bindings)
      return nullptr;
    auto it = bindings->find(a.ref_attr_name());
    return it == bindings->end() ? nullptr : it->second;
  }
  return nullptr;
}

bool NodeImporter::hasAttr(llvm::StringRef name) const {
  return attr(name) != nullptr;
}

int64_t NodeImporter::intAttr(llvm::StringRef name, int64_t dflt) const {
  const onnx::AttributeProto *a = attr(name);
  return a ? a->i() : dflt;
}

float NodeImporter::floatAttr(llvm::StringRef name, float dflt) const {
  const onnx::AttributeProto *a = attr(name);
  return a ? a->f() : dflt;
}

std::string NodeImporter::stringAttr(llvm::StringRef name,
                                     llvm::StringRef dflt) const {
  const onnx::AttributeProto *a = attr(name);
  return a ? a->s() : dflt.str();
}

std::optional<llvm::SmallVector<int64_t>>
NodeImporter::intsAttr(llvm::StringRef name) const {
  const onnx::AttributeProto *a = attr(name);
  if (!a)
    return std::nullopt;
  return llvm::SmallVector<int64_t>(a->ints().begin(), a->ints().end());
}

std::optional<llvm::SmallVector<float>>
NodeImporter::floatsAttr(llvm::StringRef name) const {
  const onnx::AttributeProto *a = attr(name);
  if (!a)
    return std::nullopt;
  return llvm::SmallVector<float>(a->floats().begin(), a->floats().end());
}

const onnx::TensorProto *NodeImporter::tensorAttr(llvm::StringRef name) const {
  const onnx::AttributeProto *a = attr(name);
  return a && a->has_t() ? &a->t() : nullptr;
}

const onnx::GraphProto *NodeImporter::graphAttr(llvm::StringRef name) const {
  const onnx::AttributeProto *a = attr(name);
  return a && a->has_g() ? &a->g() : nullptr;
}

FailureOr<int64_t> NodeImporter::axisAttr(llvm::StringRef name, int64_t dflt,
                                          int64_t rank) {
  int64_t axis = intAttr(name, dflt);
  if (axis < -rank || axis >= rank) {
    error() << "axis " << axis << " is out of range for rank " << rank;
    return failure();
  }
  return axis < 0 ? axis + rank : axis;
}

LogicalResult NodeImporter::checkAttrs(llvm::ArrayRef<llvm::StringRef> known) {
  for (const onnx::AttributeProto &a : node.attribute())
    if (!llvm::is_contained(known, a.name())) {
      error() << "unsupported attribute '" << a.name() << "'";
      return failure();
    }
  return success();
}

size_t NodeImporter::numOutputs() const { return node.output_size(); }

bool NodeImporter::hasOutput(size_t i) const {
  return i < static_cast<size_t>(node.output_size()) && !node.output(i).empty();
}

void NodeImporter::setOutput(size_t i, Value value) {
  if (results.size() <= i)
    results.resize(i + 1);
  results[i] = value;
}
