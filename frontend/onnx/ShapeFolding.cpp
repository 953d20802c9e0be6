//===- ShapeFolding.cpp - Evaluating shape arithmetic at import time ------===//
//
// Exported models compute shapes in the graph: Shape -> Gather -> Concat ->
// Reshape, Range over a computed length, ConstantOfShape of a computed
// shape, a Loop's trip count. With static shapes every such node has
// constant inputs, so it is evaluated here and becomes a constant, which
// is what the shape inputs of the op importers require. Only small
// tensors (integers, bools, f32/f64) and the ops below are folded; values
// are held as doubles, exact for the integers of shapes, and float results
// are rounded to their type once.
//
//===----------------------------------------------------------------------===//

#include "frontend/onnx/ShapeFolding.h"
#include "frontend/onnx/ModelImporter.h"
#include "frontend/onnx/TensorBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Matchers.h"

#include <cmath>

using namespace mlir;
using namespace mlir::seqc::onnx_import;

namespace {

/// A small constant tensor, row-major.
struct ConstTensor {
  llvm::SmallVector<int64_t> shape;
  llvm::SmallVector<double> values;
  Type element;

  int64_t size() const { return values.size(); }
  bool isFloat() const { return isa<FloatType>(element); }
};

constexpr int64_t kMaxFoldedElements = 4096;

std::optional<ConstTensor> constantOf(Value value) {
  DenseElementsAttr attr;
  if (!value || !matchPattern(value, m_Constant(&attr)))
    return std::nullopt;
  Type element = attr.getElementType();
  bool isFloat = isa<FloatType>(element);
  if ((!element.isSignlessInteger() && !isFloat) ||
      attr.getNumElements() > kMaxFoldedElements)
    return std::nullopt;
  ConstTensor t;
  t.shape.assign(attr.getType().getShape().begin(),
                 attr.getType().getShape().end());
  t.element = element;
  if (isFloat) {
    for (const APFloat &v : attr.getValues<APFloat>())
      t.values.push_back(v.convertToDouble());
  } else {
    for (const APInt &v : attr.getValues<APInt>())
      t.values.push_back(element.isInteger(1)
                             ? static_cast<double>(v.getZExtValue())
                             : static_cast<double>(v.getSExtValue()));
  }
  return t;
}

/// A value as `element` holds it: integers truncate and wrap, f32 rounds.
double convert(double v, Type element) {
  if (element.isInteger(1))
    return v != 0;
  if (element.isSignlessInteger()) {
    if (!std::isfinite(v))
      return 0;
    unsigned width = element.getIntOrFloatBitWidth();
    APInt bits(64, static_cast<int64_t>(std::trunc(v)), /*isSigned=*/true);
    return static_cast<double>(bits.trunc(width).getSExtValue());
  }
  if (auto floatType = dyn_cast<FloatType>(element)) {
    APFloat x(v);
    bool lost;
    x.convert(floatType.getFloatSemantics(), APFloat::rmNearestTiesToEven,
              &lost);
    return x.convertToDouble();
  }
  return v;
}

Value materialize(OpBuilder &b, Location loc, const ConstTensor &t) {
  auto type = RankedTensorType::get(t.shape, t.element);
  if (t.isFloat()) {
    llvm::SmallVector<Attribute> values;
    for (double v : t.values)
      values.push_back(b.getFloatAttr(t.element, v));
    return arith::ConstantOp::create(b, loc,
                                     DenseElementsAttr::get(type, values));
  }
  llvm::SmallVector<APInt> values;
  unsigned width = t.element.getIntOrFloatBitWidth();
  for (double v : t.values)
    values.push_back(APInt(width, static_cast<int64_t>(v),
                           /*isSigned=*/width > 1, /*implicitTrunc=*/true));
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
double broadcastRead(const ConstTensor &t, llvm::ArrayRef<int64_t> outShape,
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

std::optional<ConstTensor> elementwise(
    llvm::ArrayRef<ConstTensor> inputs, Type element,
    llvm::function_ref<std::optional<double>(llvm::ArrayRef<double>)> fn) {
  llvm::SmallVector<llvm::ArrayRef<int64_t>> shapes;
  for (const ConstTensor &t : inputs)
    shapes.push_back(t.shape);
  std::optional<llvm::SmallVector<int64_t>> shape = broadcastShapes(shapes);
  if (!shape)
    return std::nullopt;
  ConstTensor out{*shape, {}, element};
  int64_t count = 1;
  for (int64_t d : *shape)
    count *= d;
  for (int64_t i = 0; i < count; ++i) {
    llvm::SmallVector<double> args;
    for (const ConstTensor &t : inputs)
      args.push_back(broadcastRead(t, *shape, i));
    std::optional<double> v = fn(args);
    if (!v)
      return std::nullopt;
    out.values.push_back(convert(*v, element));
  }
  return out;
}

std::optional<ConstTensor> fold(NodeImporter &node,
                                llvm::ArrayRef<ConstTensor> in) {
  llvm::StringRef op = node.opType();
  Type i1 = node.b().getI1Type();
  bool sameTypes = llvm::all_of(
      in, [&](const ConstTensor &t) { return t.element == in[0].element; });
  if (in.size() == 2 && sameTypes &&
      llvm::is_contained({"Add", "Sub", "Mul", "Div", "Mod", "Max", "Min"},
                         op)) {
    bool isFloat = in[0].isFloat();
    return elementwise(
        in, in[0].element,
        [&](llvm::ArrayRef<double> a) -> std::optional<double> {
          double x = a[0], y = a[1];
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
          if (op == "Div")
            return isFloat
                       ? std::optional<double>(x / y)
                       : (y == 0 ? std::nullopt
                                 : std::optional<double>(std::trunc(x / y)));
          if (y == 0 || isFloat)
            return std::nullopt;
          double r = std::fmod(x, y); // Mod follows the divisor's sign
          return (r != 0 && ((r < 0) != (y < 0))) ? r + y : r;
        });
  }
  if (in.size() == 2 && sameTypes && in[0].element.isInteger(1) &&
      llvm::is_contained({"And", "Or", "Xor"}, op))
    return elementwise(in, i1,
                       [&](llvm::ArrayRef<double> a) -> std::optional<double> {
                         bool x = a[0] != 0, y = a[1] != 0;
                         if (op == "And")
                           return x && y;
                         if (op == "Or")
                           return x || y;
                         return x != y;
                       });
  if (in.size() == 2 && sameTypes &&
      llvm::is_contained(
          {"Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual"}, op))
    return elementwise(in, i1,
                       [&](llvm::ArrayRef<double> a) -> std::optional<double> {
                         double x = a[0], y = a[1];
                         if (op == "Equal")
                           return x == y;
                         if (op == "Less")
                           return x < y;
                         if (op == "Greater")
                           return x > y;
                         if (op == "LessOrEqual")
                           return x <= y;
                         return x >= y;
                       });
  if (in.size() == 1 && llvm::is_contained({"Neg", "Abs", "Not", "Identity",
                                            "Relu", "Ceil", "Floor", "Sign"},
                                           op)) {
    if ((op == "Ceil" || op == "Floor") && !in[0].isFloat())
      return std::nullopt;
    return elementwise(in, in[0].element,
                       [&](llvm::ArrayRef<double> a) -> std::optional<double> {
                         double x = a[0];
                         if (op == "Neg")
                           return -x;
                         if (op == "Abs")
                           return std::abs(x);
                         if (op == "Not")
                           return x == 0;
                         if (op == "Relu")
                           return std::max(x, 0.0);
                         if (op == "Ceil")
                           return std::ceil(x);
                         if (op == "Floor")
                           return std::floor(x);
                         if (op == "Sign")
                           return double((x > 0) - (x < 0));
                         return x;
                       });
  }
  if (op == "Where" && in.size() == 3 && in[1].element == in[2].element)
    return elementwise(in, in[1].element,
                       [](llvm::ArrayRef<double> a) -> std::optional<double> {
                         return a[0] != 0 ? a[1] : a[2];
                       });
  if (op == "Cast" && in.size() == 1) {
    FailureOr<Type> to = node.modelImporter().elementType(
        node.intAttr("to", 0),
        "node '" + node.proto().name() + "' (Cast) 'to'");
    if (failed(to))
      return std::nullopt;
    return elementwise(
        in, *to,
        [](llvm::ArrayRef<double> a) -> std::optional<double> { return a[0]; });
  }
  if (op == "Concat" && !in.empty() && sameTypes) {
    int64_t rank = in[0].shape.size();
    std::optional<int64_t> axis = normalizeAxis(node.intAttr("axis", 0), rank);
    if (!axis)
      return std::nullopt;
    ConstTensor out{in[0].shape, {}, in[0].element};
    out.shape[*axis] = 0;
    for (const ConstTensor &t : in) {
      if (static_cast<int64_t>(t.shape.size()) != rank)
        return std::nullopt;
      for (int64_t d = 0; d < rank; ++d)
        if (d != *axis && t.shape[d] != out.shape[d])
          return std::nullopt;
      out.shape[*axis] += t.shape[*axis];
    }
    // Rows before the axis, each a concatenation of the inputs' blocks.
    int64_t outer = 1;
    for (int64_t d = 0; d < *axis; ++d)
      outer *= out.shape[d];
    for (int64_t o = 0; o < outer; ++o)
      for (const ConstTensor &t : in) {
        int64_t block = t.size() / std::max<int64_t>(outer, 1);
        out.values.append(t.values.begin() + o * block,
                          t.values.begin() + (o + 1) * block);
      }
    return out;
  }
  if (op == "Gather" && in.size() == 2 && in[0].shape.size() == 1 &&
      !in[1].isFloat()) {
    int64_t n = in[0].shape[0];
    ConstTensor out{in[1].shape, {}, in[0].element};
    for (double v : in[1].values) {
      int64_t i = static_cast<int64_t>(v);
      if (i < 0)
        i += n;
      if (i < 0 || i >= n)
        return std::nullopt;
      out.values.push_back(in[0].values[i]);
    }
    return out;
  }
  if ((op == "ReduceProd" || op == "ReduceSum") && in.size() == 1 &&
      in[0].shape.size() == 1 && !node.hasAttr("axes")) {
    double acc = op == "ReduceProd" ? 1 : 0;
    for (double v : in[0].values)
      acc = op == "ReduceProd" ? acc * v : acc + v;
    ConstTensor out{{}, {convert(acc, in[0].element)}, in[0].element};
    if (node.intAttr("keepdims", 1))
      out.shape = {1};
    return out;
  }
  if (op == "Slice" && in.size() >= 3 && in[0].shape.size() == 1) {
    int64_t n = in[0].shape[0];
    if (in[1].size() != 1 || in[2].size() != 1 ||
        (in.size() > 3 && (in[3].size() != 1 || in[3].values[0] != 0)))
      return std::nullopt;
    int64_t step = in.size() > 4 ? static_cast<int64_t>(in[4].values[0]) : 1;
    if (step == 0)
      return std::nullopt;
    int64_t start = static_cast<int64_t>(in[1].values[0]);
    int64_t end = static_cast<int64_t>(
        std::clamp<double>(in[2].values[0], -(1LL << 62), 1LL << 62));
    if (start < 0)
      start += n;
    if (end < 0)
      end += n;
    ConstTensor out{{0}, {}, in[0].element};
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
  llvm::SmallVector<ConstTensor> inputs;
  for (size_t i = 0; i < node.numInputs(); ++i) {
    if (!node.hasInput(i)) {
      if (node.opType() == "Slice")
        return false;
      continue;
    }
    std::optional<ConstTensor> t = constantOf(node.input(i));
    if (!t)
      return false;
    inputs.push_back(std::move(*t));
  }
  // Float math is folded only where it computes sizes: on scalars and
  // short vectors, never on weights.
  if (inputs.empty() || llvm::any_of(inputs, [](const ConstTensor &t) {
        return t.isFloat() && t.size() > 16;
      }))
    return false;
  std::optional<ConstTensor> result = fold(node, inputs);
  if (!result || result->size() > kMaxFoldedElements)
    return false;
  node.setOutput(0, materialize(node.b(), node.loc(), *result));
  return true;
}
