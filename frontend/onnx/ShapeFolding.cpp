//===- ShapeFolding.cpp - Evaluating shape arithmetic at import time ------===//
//
// Exported models compute shapes in the graph: Shape -> Gather -> Concat ->
// Reshape, Range over a computed length, ConstantOfShape of a computed
// shape. With static shapes every such node has constant integer inputs,
// so it is evaluated here and becomes a constant, which is what the shape
// inputs of the op importers require. Only small integer (and bool)
// tensors are folded; float math is left to the compiled code.
//
//===----------------------------------------------------------------------===//

#include "frontend/onnx/ShapeFolding.h"
#include "frontend/onnx/ModelImporter.h"
#include "frontend/onnx/TensorBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace mlir::seqc::onnx_import;

namespace {

/// A small integer tensor, row-major.
struct IntTensor {
  llvm::SmallVector<int64_t> shape;
  llvm::SmallVector<int64_t> values;
  Type element;

  int64_t size() const { return values.size(); }
};

constexpr int64_t kMaxFoldedElements = 4096;

std::optional<IntTensor> constantOf(Value value) {
  DenseElementsAttr attr;
  if (!value || !matchPattern(value, m_Constant(&attr)))
    return std::nullopt;
  Type element = attr.getElementType();
  if (!element.isSignlessInteger() ||
      attr.getNumElements() > kMaxFoldedElements)
    return std::nullopt;
  IntTensor t;
  t.shape.assign(attr.getType().getShape().begin(),
                 attr.getType().getShape().end());
  t.element = element;
  for (const APInt &v : attr.getValues<APInt>())
    t.values.push_back(element.isInteger(1) ? v.getZExtValue()
                                            : v.getSExtValue());
  return t;
}

Value materialize(OpBuilder &b, Location loc, const IntTensor &t) {
  auto type = RankedTensorType::get(t.shape, t.element);
  llvm::SmallVector<APInt> values;
  unsigned width = t.element.getIntOrFloatBitWidth();
  for (int64_t v : t.values)
    values.push_back(APInt(width, v, /*isSigned=*/width > 1, true));
  return arith::ConstantOp::create(b, loc,
                                   DenseElementsAttr::get(type, values));
}

llvm::SmallVector<int64_t> stridesOf(llvm::ArrayRef<int64_t> shape) {
  llvm::SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t i = static_cast<int64_t>(shape.size()) - 2; i >= 0; --i)
    strides[i] = strides[i + 1] * shape[i + 1];
  return strides;
}

/// Element `index` (row-major in `outShape`) of `t` broadcast to outShape.
int64_t broadcastRead(const IntTensor &t, llvm::ArrayRef<int64_t> outShape,
                      int64_t index) {
  llvm::SmallVector<int64_t> outStrides = stridesOf(outShape);
  llvm::SmallVector<int64_t> inStrides = stridesOf(t.shape);
  size_t offset = outShape.size() - t.shape.size();
  int64_t flat = 0;
  for (size_t d = 0; d < outShape.size(); ++d) {
    int64_t coord = (index / outStrides[d]) % std::max<int64_t>(outShape[d], 1);
    if (d >= offset && t.shape[d - offset] != 1)
      flat += coord * inStrides[d - offset];
  }
  return t.values[flat];
}

std::optional<IntTensor> elementwise(
    llvm::ArrayRef<IntTensor> inputs, Type element,
    llvm::function_ref<std::optional<int64_t>(llvm::ArrayRef<int64_t>)> fn) {
  llvm::SmallVector<llvm::ArrayRef<int64_t>> shapes;
  for (const IntTensor &t : inputs)
    shapes.push_back(t.shape);
  std::optional<llvm::SmallVector<int64_t>> shape = broadcastShapes(shapes);
  if (!shape)
    return std::nullopt;
  IntTensor out{*shape, {}, element};
  int64_t count = 1;
  for (int64_t d : *shape)
    count *= d;
  for (int64_t i = 0; i < count; ++i) {
    llvm::SmallVector<int64_t> args;
    for (const IntTensor &t : inputs)
      args.push_back(broadcastRead(t, *shape, i));
    std::optional<int64_t> v = fn(args);
    if (!v)
      return std::nullopt;
    out.values.push_back(*v);
  }
  return out;
}

std::optional<IntTensor> fold(NodeImporter &node,
                              llvm::ArrayRef<IntTensor> in) {
  llvm::StringRef op = node.opType();
  Type i1 = node.b().getI1Type();
  auto binary = [&](auto fn, Type element) {
    return elementwise(
        in, element, [&](llvm::ArrayRef<int64_t> a) -> std::optional<int64_t> {
          return fn(a[0], a[1]);
        });
  };
  if (in.size() == 2 &&
      (op == "Add" || op == "Sub" || op == "Mul" || op == "Div" ||
       op == "Mod" || op == "Max" || op == "Min")) {
    return binary(
        [&](int64_t x, int64_t y) -> std::optional<int64_t> {
          if (op == "Add")
            return x + y;
          if (op == "Sub")
            return x - y;
          if (op == "Mul")
            return x * y;
          if (op == "Max")
            return std::max(x, y);
          if (op == "Min")
            return std::min(x, y);
          if (y == 0)
            return std::nullopt;
          if (op == "Div")
            return x / y;
          int64_t r = x % y; // Mod follows the divisor's sign (fmod = 0)
          return (r != 0 && ((r < 0) != (y < 0))) ? r + y : r;
        },
        in[0].element);
  }
  if (in.size() == 2 && (op == "Equal" || op == "Less" || op == "Greater" ||
                         op == "LessOrEqual" || op == "GreaterOrEqual"))
    return binary(
        [&](int64_t x, int64_t y) -> std::optional<int64_t> {
          if (op == "Equal")
            return x == y;
          if (op == "Less")
            return x < y;
          if (op == "Greater")
            return x > y;
          if (op == "LessOrEqual")
            return x <= y;
          return x >= y;
        },
        i1);
  if (in.size() == 1 &&
      (op == "Neg" || op == "Abs" || op == "Not" || op == "Identity"))
    return elementwise(
        in, in[0].element,
        [&](llvm::ArrayRef<int64_t> a) -> std::optional<int64_t> {
          if (op == "Neg")
            return -a[0];
          if (op == "Abs")
            return std::abs(a[0]);
          if (op == "Not")
            return !a[0];
          return a[0];
        });
  if (op == "Where" && in.size() == 3)
    return elementwise(in, in[1].element,
                       [](llvm::ArrayRef<int64_t> a) -> std::optional<int64_t> {
                         return a[0] ? a[1] : a[2];
                       });
  if (op == "Cast" && in.size() == 1) {
    FailureOr<Type> to = node.modelImporter().elementType(
        node.intAttr("to", 0),
        "node '" + node.proto().name() + "' (Cast) 'to'");
    if (failed(to) || !to->isSignlessInteger())
      return std::nullopt;
    unsigned width = to->getIntOrFloatBitWidth();
    return elementwise(
        in, *to, [&](llvm::ArrayRef<int64_t> a) -> std::optional<int64_t> {
          if (width == 1)
            return a[0] != 0;
          return APInt(64, a[0]).trunc(width).getSExtValue();
        });
  }
  if (op == "Concat" && !in.empty()) {
    int64_t rank = in[0].shape.size();
    std::optional<int64_t> axis = normalizeAxis(node.intAttr("axis", 0), rank);
    if (!axis)
      return std::nullopt;
    IntTensor out{in[0].shape, {}, in[0].element};
    out.shape[*axis] = 0;
    for (const IntTensor &t : in) {
      if (static_cast<int64_t>(t.shape.size()) != rank ||
          t.element != out.element)
        return std::nullopt;
      out.shape[*axis] += t.shape[*axis];
    }
    // Rows before the axis, each a concatenation of the inputs' blocks.
    int64_t outer = 1;
    for (int64_t d = 0; d < *axis; ++d)
      outer *= out.shape[d];
    for (int64_t o = 0; o < outer; ++o)
      for (const IntTensor &t : in) {
        int64_t block = t.size() / std::max<int64_t>(outer, 1);
        out.values.append(t.values.begin() + o * block,
                          t.values.begin() + (o + 1) * block);
      }
    return out;
  }
  if ((op == "Unsqueeze" || op == "Squeeze" || op == "Reshape" ||
       op == "Flatten")) {
    // The importer computes the shape; reuse it on the folded values.
    return std::nullopt;
  }
  if (op == "Gather" && in.size() == 2 && in[0].shape.size() == 1) {
    int64_t n = in[0].shape[0];
    IntTensor out{in[1].shape, {}, in[0].element};
    for (int64_t i : in[1].values) {
      if (i < 0)
        i += n;
      if (i < 0 || i >= n)
        return std::nullopt;
      out.values.push_back(in[0].values[i]);
    }
    return out;
  }
  if ((op == "ReduceProd" || op == "ReduceSum") && !in.empty() &&
      in[0].shape.size() == 1 && !node.hasAttr("axes") && in.size() == 1) {
    int64_t acc = op == "ReduceProd" ? 1 : 0;
    for (int64_t v : in[0].values)
      acc = op == "ReduceProd" ? acc * v : acc + v;
    IntTensor out{{}, {acc}, in[0].element};
    if (node.intAttr("keepdims", 1))
      out.shape = {1};
    return out;
  }
  if (op == "Slice" && in.size() >= 3 && in[0].shape.size() == 1) {
    int64_t n = in[0].shape[0];
    if (in[1].size() != 1 || in[2].size() != 1 ||
        (in.size() > 3 && (in[3].size() != 1 || in[3].values[0] % 1 != 0)))
      return std::nullopt;
    int64_t step = in.size() > 4 ? in[4].values[0] : 1;
    if (step == 0)
      return std::nullopt;
    int64_t start = in[1].values[0], end = in[2].values[0];
    if (start < 0)
      start += n;
    if (end < 0)
      end += n;
    IntTensor out{{0}, {}, in[0].element};
    if (step > 0) {
      start = std::clamp<int64_t>(start, 0, n);
      end = std::clamp<int64_t>(end, 0, n);
      for (int64_t i = start; i < end; i += step)
        out.values.push_back(in[0].values[i]);
    } else {
      start = std::clamp<int64_t>(start, 0, n - 1);
      end = std::clamp<int64_t>(end, -1, n - 1);
      for (int64_t i = start; i > end; i += step)
        out.values.push_back(in[0].values[i]);
    }
    out.shape[0] = out.values.size();
    return out;
  }
  return std::nullopt;
}

} // namespace

bool mlir::seqc::onnx_import::foldShapeNode(NodeImporter &node) {
  if (node.numOutputs() != 1)
    return false;
  llvm::SmallVector<IntTensor> inputs;
  for (size_t i = 0; i < node.numInputs(); ++i) {
    if (!node.hasInput(i)) {
      if (node.opType() == "Slice")
        return false;
      continue;
    }
    std::optional<IntTensor> t = constantOf(node.input(i));
    if (!t)
      return false;
    inputs.push_back(std::move(*t));
  }
  if (inputs.empty())
    return false;
  // Casting folded integers to floats (Range over a computed float length).
  if (node.opType() == "Cast" && inputs.size() == 1) {
    FailureOr<Type> to = node.modelImporter().elementType(
        node.intAttr("to", 0),
        "node '" + node.proto().name() + "' (Cast) 'to'");
    if (succeeded(to) && isa<FloatType>(*to)) {
      llvm::SmallVector<Attribute> values;
      for (int64_t v : inputs[0].values)
        values.push_back(node.b().getFloatAttr(*to, static_cast<double>(v)));
      auto type = RankedTensorType::get(inputs[0].shape, *to);
      node.setOutput(
          0, arith::ConstantOp::create(node.b(), node.loc(),
                                       DenseElementsAttr::get(type, values)));
      return true;
    }
  }
  std::optional<IntTensor> result = fold(node, inputs);
  if (!result || result->size() > kMaxFoldedElements)
    return false;
  node.setOutput(0, materialize(node.b(), node.loc(), *result));
  return true;
}
