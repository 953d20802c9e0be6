//===- ElementwiseOps.cpp - Unary, binary and n-ary elementwise ops -------===//
//
// Every op here is one linalg.generic over the numpy broadcast of its
// inputs. Half-precision floats compute in f32 and round once at the end,
// as ONNX Runtime's kernels do.
//
//===----------------------------------------------------------------------===//

#include "frontend/onnx/ModelImporter.h"
#include "frontend/onnx/TensorBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"

#include <cmath>

using namespace mlir;
using namespace mlir::seqc::onnx_import;

namespace {

using Scalar1 = Value (*)(OpBuilder &, Location, Value, NodeImporter &);

Value cst(OpBuilder &b, Location loc, Value like, double v) {
  return scalarConstant(b, loc, like.getType(), v);
}

/// Checks the inputs' element types agree, and that the first is a float
/// when `floatOnly`.
LogicalResult checkTypes(NodeImporter &node, size_t count, bool floatOnly) {
  Type first;
  for (size_t i = 0; i < count; ++i) {
    FailureOr<Value> value = node.requiredInput(i);
    if (failed(value))
      return failure();
    Type element = elementTypeOf(*value);
    if (!first)
      first = element;
    else if (element != first) {
      node.error() << "input #" << i << " has element type " << element
                   << ", but input #0 has " << first;
      return failure();
    }
  }
  if (floatOnly && !isa<FloatType>(first)) {
    node.error() << "expects floating-point inputs, got " << first;
    return failure();
  }
  return success();
}

FailureOr<llvm::SmallVector<int64_t>> broadcastInputs(NodeImporter &node,
                                                      ValueRange inputs) {
  llvm::SmallVector<llvm::ArrayRef<int64_t>> shapes;
  for (Value v : inputs)
    shapes.push_back(shapeOf(v));
  std::optional<llvm::SmallVector<int64_t>> shape = broadcastShapes(shapes);
  if (!shape) {
    auto diag = node.error() << "input shapes do not broadcast:";
    for (Value v : inputs)
      diag << " " << v.getType();
    return failure();
  }
  return *shape;
}

/// Applies `fn` elementwise; floats go through their compute type.
LogicalResult
unary(NodeImporter &node, bool floatOnly,
      llvm::function_ref<Value(OpBuilder &, Location, Value)> fn) {
  if (failed(checkTypes(node, 1, floatOnly)))
    return failure();
  Value x = node.input(0);
  Type element = elementTypeOf(x);
  Type compute = computeType(element);
  node.setOutput(
      0, buildElementwise(node.b(), node.loc(), x, shapeOf(x), element,
                          [&](OpBuilder &b, Location loc, ValueRange args) {
                            Value v = castScalar(b, loc, args[0], compute);
                            return castScalar(b, loc, fn(b, loc, v), element);
                          }));
  return success();
}

/// A binary (or n-ary, folded left to right) op on inputs of one type.
LogicalResult
nary(NodeImporter &node, size_t minInputs, Type resultOverride,
     llvm::function_ref<Value(OpBuilder &, Location, Value, Value)> fn) {
  size_t count = node.numInputs();
  if (count < minInputs) {
    node.error() << "expects at least " << minInputs << " inputs, got "
                 << count;
    return failure();
  }
  if (failed(checkTypes(node, count, false)))
    return failure();
  llvm::SmallVector<Value> inputs;
  for (size_t i = 0; i < count; ++i)
    inputs.push_back(node.input(i));
  FailureOr<llvm::SmallVector<int64_t>> shape = broadcastInputs(node, inputs);
  if (failed(shape))
    return failure();
  Type element = elementTypeOf(inputs[0]);
  Type compute = computeType(element); // exact for comparisons too
  Type result = resultOverride ? resultOverride : element;
  node.setOutput(
      0, buildElementwise(node.b(), node.loc(), inputs, *shape, result,
                          [&](OpBuilder &b, Location loc, ValueRange args) {
                            Value acc = castScalar(b, loc, args[0], compute);
                            for (Value arg : args.drop_front())
                              acc = fn(b, loc, acc,
                                       castScalar(b, loc, arg, compute));
                            return castScalar(b, loc, acc, result);
                          }));
  return success();
}

bool isFloat(Value v) { return isa<FloatType>(v.getType()); }

//===----------------------------------------------------------------------===//
// Arithmetic
//===----------------------------------------------------------------------===//

LogicalResult importAdd(NodeImporter &node) {
  return nary(node, 2, {}, [](OpBuilder &b, Location loc, Value x, Value y) {
    return isFloat(x) ? arith::AddFOp::create(b, loc, x, y).getResult()
                      : arith::AddIOp::create(b, loc, x, y).getResult();
  });
}

LogicalResult importSub(NodeImporter &node) {
  return nary(node, 2, {}, [](OpBuilder &b, Location loc, Value x, Value y) {
    return isFloat(x) ? arith::SubFOp::create(b, loc, x, y).getResult()
                      : arith::SubIOp::create(b, loc, x, y).getResult();
  });
}

LogicalResult importMul(NodeImporter &node) {
  return nary(node, 2, {}, [](OpBuilder &b, Location loc, Value x, Value y) {
    return isFloat(x) ? arith::MulFOp::create(b, loc, x, y).getResult()
                      : arith::MulIOp::create(b, loc, x, y).getResult();
  });
}

LogicalResult importDiv(NodeImporter &node) {
  // Integer division truncates toward zero, like ONNX Runtime's kernel.
  return nary(node, 2, {}, [](OpBuilder &b, Location loc, Value x, Value y) {
    return isFloat(x) ? arith::DivFOp::create(b, loc, x, y).getResult()
                      : arith::DivSIOp::create(b, loc, x, y).getResult();
  });
}

LogicalResult importSum(NodeImporter &node) {
  return nary(node, 1, {}, [](OpBuilder &b, Location loc, Value x, Value y) {
    return isFloat(x) ? arith::AddFOp::create(b, loc, x, y).getResult()
                      : arith::AddIOp::create(b, loc, x, y).getResult();
  });
}

LogicalResult importMax(NodeImporter &node) {
  return nary(node, 1, {}, [](OpBuilder &b, Location loc, Value x, Value y) {
    return isFloat(x) ? arith::MaximumFOp::create(b, loc, x, y).getResult()
                      : arith::MaxSIOp::create(b, loc, x, y).getResult();
  });
}

LogicalResult importMin(NodeImporter &node) {
  return nary(node, 1, {}, [](OpBuilder &b, Location loc, Value x, Value y) {
    return isFloat(x) ? arith::MinimumFOp::create(b, loc, x, y).getResult()
                      : arith::MinSIOp::create(b, loc, x, y).getResult();
  });
}

LogicalResult importMean(NodeImporter &node) {
  if (failed(checkTypes(node, node.numInputs(), true)) ||
      failed(importSum(node)))
    return failure();
  Value sum = node.outputs()[0];
  double count = static_cast<double>(node.numInputs());
  Type element = elementTypeOf(sum);
  node.setOutput(
      0, buildElementwise(
             node.b(), node.loc(), sum, shapeOf(sum), element,
             [&](OpBuilder &b, Location loc, ValueRange args) {
               Value v = castScalar(b, loc, args[0], computeType(element));
               v = arith::DivFOp::create(b, loc, v, cst(b, loc, v, count));
               return castScalar(b, loc, v, element);
             }));
  return success();
}

LogicalResult importPow(NodeImporter &node) {
  // The exponent may have another type than the base: it is converted.
  if (failed(node.requiredInput(0)) || failed(node.requiredInput(1)))
    return failure();
  Value base = node.input(0), exponent = node.input(1);
  FailureOr<llvm::SmallVector<int64_t>> shape =
      broadcastInputs(node, {base, exponent});
  if (failed(shape))
    return failure();
  Type element = elementTypeOf(base);
  Type compute = computeType(element);
  node.setOutput(
      0, buildElementwise(
             node.b(), node.loc(), ValueRange{base, exponent}, *shape, element,
             [&](OpBuilder &b, Location loc, ValueRange args) -> Value {
               // Integer powers go through f64, exact for int32 results.
               Type powType =
                   isa<FloatType>(compute) ? compute : b.getF64Type();
               Value x = castScalar(b, loc, args[0], powType);
               Value y = castScalar(b, loc, args[1], powType);
               Value r = math::PowFOp::create(b, loc, x, y);
               return castScalar(b, loc, r, element);
             }));
  return success();
}

//===----------------------------------------------------------------------===//
// Unary math
//===----------------------------------------------------------------------===//

Value sigmoid(OpBuilder &b, Location loc, Value x) {
  Value one = cst(b, loc, x, 1.0);
  Value e = math::ExpOp::create(b, loc, arith::NegFOp::create(b, loc, x));
  return arith::DivFOp::create(b, loc, one,
                               arith::AddFOp::create(b, loc, one, e));
}

Value softplus(OpBuilder &b, Location loc, Value x) {
  // max(x, 0) + log1p(exp(-|x|)): no overflow for large x.
  Value zero = cst(b, loc, x, 0.0);
  Value absX = math::AbsFOp::create(b, loc, x);
  Value e = math::ExpOp::create(b, loc, arith::NegFOp::create(b, loc, absX));
  return arith::AddFOp::create(b, loc,
                               arith::MaximumFOp::create(b, loc, x, zero),
                               math::Log1pOp::create(b, loc, e));
}

#define FLOAT_UNARY(NAME, EXPR)                                                \
  LogicalResult import##NAME(NodeImporter &node) {                             \
    if (failed(node.checkAttrs({})))                                           \
      return failure();                                                        \
    return unary(                                                              \
        node, true,                                                            \
        [](OpBuilder &b, Location loc, Value x) -> Value { return EXPR; });    \
  }

FLOAT_UNARY(Sqrt, math::SqrtOp::create(b, loc, x))
FLOAT_UNARY(Exp, math::ExpOp::create(b, loc, x))
FLOAT_UNARY(Log, math::LogOp::create(b, loc, x))
FLOAT_UNARY(Tanh, math::TanhOp::create(b, loc, x))
FLOAT_UNARY(Erf, math::ErfOp::create(b, loc, x))
FLOAT_UNARY(Sigmoid, sigmoid(b, loc, x))
FLOAT_UNARY(Softplus, softplus(b, loc, x))
FLOAT_UNARY(Reciprocal, arith::DivFOp::create(b, loc, cst(b, loc, x, 1.0), x))
FLOAT_UNARY(Floor, math::FloorOp::create(b, loc, x))
FLOAT_UNARY(Ceil, math::CeilOp::create(b, loc, x))
FLOAT_UNARY(Round, math::RoundEvenOp::create(b, loc, x))
FLOAT_UNARY(Sin, math::SinOp::create(b, loc, x))
FLOAT_UNARY(Cos, math::CosOp::create(b, loc, x))
FLOAT_UNARY(Softsign,
            arith::DivFOp::create(
                b, loc, x,
                arith::AddFOp::create(b, loc, cst(b, loc, x, 1.0),
                                      math::AbsFOp::create(b, loc, x))))
FLOAT_UNARY(Mish,
            arith::MulFOp::create(b, loc, x,
                                  math::TanhOp::create(b, loc,
                                                       softplus(b, loc, x))))
FLOAT_UNARY(Tan, math::TanOp::create(b, loc, x))
FLOAT_UNARY(Acos, math::AcosOp::create(b, loc, x))
FLOAT_UNARY(Asin, math::AsinOp::create(b, loc, x))
FLOAT_UNARY(Atan, math::AtanOp::create(b, loc, x))
FLOAT_UNARY(Sinh, math::SinhOp::create(b, loc, x))
FLOAT_UNARY(Cosh, math::CoshOp::create(b, loc, x))
FLOAT_UNARY(Asinh, math::AsinhOp::create(b, loc, x))
FLOAT_UNARY(Acosh, math::AcoshOp::create(b, loc, x))
FLOAT_UNARY(Atanh, math::AtanhOp::create(b, loc, x))

#undef FLOAT_UNARY

LogicalResult importNeg(NodeImporter &node) {
  return unary(node, false, [](OpBuilder &b, Location loc, Value x) -> Value {
    if (isFloat(x))
      return arith::NegFOp::create(b, loc, x);
    return arith::SubIOp::create(b, loc, cst(b, loc, x, 0), x);
  });
}

LogicalResult importAbs(NodeImporter &node) {
  return unary(node, false, [](OpBuilder &b, Location loc, Value x) -> Value {
    if (isFloat(x))
      return math::AbsFOp::create(b, loc, x);
    return math::AbsIOp::create(b, loc, x);
  });
}

LogicalResult importSign(NodeImporter &node) {
  return unary(node, false, [](OpBuilder &b, Location loc, Value x) -> Value {
    Value zero = cst(b, loc, x, 0), one = cst(b, loc, x, 1),
          minusOne = cst(b, loc, x, -1);
    Value positive, negative;
    if (isFloat(x)) {
      positive =
          arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x, zero);
      negative =
          arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, x, zero);
    } else {
      positive =
          arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sgt, x, zero);
      negative =
          arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, x, zero);
    }
    return arith::SelectOp::create(
        b, loc, positive, one,
        arith::SelectOp::create(b, loc, negative, minusOne, zero));
  });
}

LogicalResult importRelu(NodeImporter &node) {
  return unary(node, false, [](OpBuilder &b, Location loc, Value x) -> Value {
    if (isFloat(x))
      return arith::MaximumFOp::create(b, loc, x, cst(b, loc, x, 0));
    return arith::MaxSIOp::create(b, loc, x, cst(b, loc, x, 0));
  });
}

LogicalResult importLeakyRelu(NodeImporter &node) {
  if (failed(node.checkAttrs({"alpha"})))
    return failure();
  double alpha = node.floatAttr("alpha", 0.01f);
  return unary(node, true, [&](OpBuilder &b, Location loc, Value x) -> Value {
    Value neg = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, x,
                                      cst(b, loc, x, 0));
    return arith::SelectOp::create(
        b, loc, neg, arith::MulFOp::create(b, loc, x, cst(b, loc, x, alpha)),
        x);
  });
}

LogicalResult importElu(NodeImporter &node) {
  if (failed(node.checkAttrs({"alpha"})))
    return failure();
  double alpha = node.floatAttr("alpha", 1.0f);
  return unary(node, true, [&](OpBuilder &b, Location loc, Value x) -> Value {
    Value neg = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, x,
                                      cst(b, loc, x, 0));
    Value em1 = math::ExpM1Op::create(b, loc, x);
    return arith::SelectOp::create(
        b, loc, neg, arith::MulFOp::create(b, loc, em1, cst(b, loc, x, alpha)),
        x);
  });
}

LogicalResult importHardSigmoid(NodeImporter &node) {
  if (failed(node.checkAttrs({"alpha", "beta"})))
    return failure();
  double alpha = node.floatAttr("alpha", 0.2f),
         beta = node.floatAttr("beta", 0.5f);
  return unary(node, true, [&](OpBuilder &b, Location loc, Value x) -> Value {
    Value y = arith::AddFOp::create(
        b, loc, arith::MulFOp::create(b, loc, x, cst(b, loc, x, alpha)),
        cst(b, loc, x, beta));
    y = arith::MaximumFOp::create(b, loc, y, cst(b, loc, x, 0));
    return arith::MinimumFOp::create(b, loc, y, cst(b, loc, x, 1));
  });
}

LogicalResult importHardSwish(NodeImporter &node) {
  return unary(node, true, [&](OpBuilder &b, Location loc, Value x) -> Value {
    Value y = arith::AddFOp::create(
        b, loc, arith::MulFOp::create(b, loc, x, cst(b, loc, x, 1.0 / 6.0)),
        cst(b, loc, x, 0.5));
    y = arith::MaximumFOp::create(b, loc, y, cst(b, loc, x, 0));
    y = arith::MinimumFOp::create(b, loc, y, cst(b, loc, x, 1));
    return arith::MulFOp::create(b, loc, x, y);
  });
}

LogicalResult importGelu(NodeImporter &node) {
  if (failed(node.checkAttrs({"approximate"})))
    return failure();
  std::string approximate = node.stringAttr("approximate", "none");
  if (approximate != "none" && approximate != "tanh") {
    node.error()
        << "attribute 'approximate' must be \"none\" or \"tanh\", got \""
        << approximate << "\"";
    return failure();
  }
  bool useTanh = approximate == "tanh";
  return unary(node, true, [&](OpBuilder &b, Location loc, Value x) -> Value {
    Value half = cst(b, loc, x, 0.5), one = cst(b, loc, x, 1.0);
    Value inner;
    if (useTanh) {
      // 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
      Value x3 =
          arith::MulFOp::create(b, loc, x, arith::MulFOp::create(b, loc, x, x));
      Value t = arith::AddFOp::create(
          b, loc, x,
          arith::MulFOp::create(b, loc, x3, cst(b, loc, x, 0.044715)));
      t = arith::MulFOp::create(b, loc, t,
                                cst(b, loc, x, std::sqrt(2.0 / M_PI)));
      inner = math::TanhOp::create(b, loc, t);
    } else {
      inner = math::ErfOp::create(
          b, loc, arith::MulFOp::create(b, loc, x, cst(b, loc, x, M_SQRT1_2)));
    }
    return arith::MulFOp::create(b, loc, arith::MulFOp::create(b, loc, half, x),
                                 arith::AddFOp::create(b, loc, one, inner));
  });
}

/// Selu, Celu, ThresholdedRelu and Shrink: piecewise in x with constant
/// attributes.
LogicalResult importSelu(NodeImporter &node) {
  if (failed(node.checkAttrs({"alpha", "gamma"})))
    return failure();
  double alpha = node.floatAttr("alpha", 1.67326319217681884765625f);
  double gamma = node.floatAttr("gamma", 1.05070102214813232421875f);
  return unary(node, true, [&](OpBuilder &b, Location loc, Value x) -> Value {
    Value neg = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLE, x,
                                      cst(b, loc, x, 0));
    Value e = arith::SubFOp::create(b, loc, math::ExpOp::create(b, loc, x),
                                    cst(b, loc, x, 1));
    Value y = arith::SelectOp::create(
        b, loc, neg, arith::MulFOp::create(b, loc, e, cst(b, loc, x, alpha)),
        x);
    return arith::MulFOp::create(b, loc, y, cst(b, loc, x, gamma));
  });
}

LogicalResult importCelu(NodeImporter &node) {
  if (failed(node.checkAttrs({"alpha"})))
    return failure();
  double alpha = node.floatAttr("alpha", 1.0f);
  return unary(node, true, [&](OpBuilder &b, Location loc, Value x) -> Value {
    // max(0, x) + min(0, alpha * (exp(x / alpha) - 1))
    Value e = math::ExpM1Op::create(
        b, loc, arith::DivFOp::create(b, loc, x, cst(b, loc, x, alpha)));
    Value neg = arith::MinimumFOp::create(
        b, loc, cst(b, loc, x, 0),
        arith::MulFOp::create(b, loc, e, cst(b, loc, x, alpha)));
    return arith::AddFOp::create(
        b, loc, arith::MaximumFOp::create(b, loc, x, cst(b, loc, x, 0)), neg);
  });
}

LogicalResult importThresholdedRelu(NodeImporter &node) {
  if (failed(node.checkAttrs({"alpha"})))
    return failure();
  double alpha = node.floatAttr("alpha", 1.0f);
  return unary(node, true, [&](OpBuilder &b, Location loc, Value x) -> Value {
    Value above = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x,
                                        cst(b, loc, x, alpha));
    return arith::SelectOp::create(b, loc, above, x, cst(b, loc, x, 0));
  });
}

LogicalResult importShrink(NodeImporter &node) {
  if (failed(node.checkAttrs({"bias", "lambd"})))
    return failure();
  double bias = node.floatAttr("bias", 0.0f),
         lambd = node.floatAttr("lambd", 0.5f);
  return unary(node, true, [&](OpBuilder &b, Location loc, Value x) -> Value {
    Value below = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, x,
                                        cst(b, loc, x, -lambd));
    Value above = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x,
                                        cst(b, loc, x, lambd));
    Value plus = arith::AddFOp::create(b, loc, x, cst(b, loc, x, bias));
    Value minus = arith::SubFOp::create(b, loc, x, cst(b, loc, x, bias));
    return arith::SelectOp::create(
        b, loc, below, plus,
        arith::SelectOp::create(b, loc, above, minus, cst(b, loc, x, 0)));
  });
}

LogicalResult importPRelu(NodeImporter &node) {
  return nary(
      node, 2, {}, [](OpBuilder &b, Location loc, Value x, Value slope) {
        if (!isFloat(x)) {
          Value neg = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt,
                                            x, cst(b, loc, x, 0));
          return arith::SelectOp::create(
                     b, loc, neg, arith::MulIOp::create(b, loc, x, slope), x)
              .getResult();
        }
        Value neg = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, x,
                                          cst(b, loc, x, 0));
        return arith::SelectOp::create(
                   b, loc, neg, arith::MulFOp::create(b, loc, x, slope), x)
            .getResult();
      });
}

LogicalResult importMod(NodeImporter &node) {
  if (failed(node.checkAttrs({"fmod"})))
    return failure();
  bool fmod = node.intAttr("fmod", 0);
  return nary(node, 2, {}, [&](OpBuilder &b, Location loc, Value x, Value y) {
    bool f = isFloat(x);
    Value r = f ? arith::RemFOp::create(b, loc, x, y).getResult()
                : arith::RemSIOp::create(b, loc, x, y).getResult();
    if (fmod)
      return r;
    // Python's %: a non-zero remainder takes the divisor's sign.
    Value zero = cst(b, loc, x, 0);
    Value nonZero =
        f ? arith::CmpFOp::create(b, loc, arith::CmpFPredicate::ONE, r, zero)
                .getResult()
          : arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, r, zero)
                .getResult();
    auto negative = [&](Value v) -> Value {
      if (f)
        return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, v,
                                     zero);
      return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, v, zero);
    };
    Value signsDiffer = arith::XOrIOp::create(b, loc, negative(r), negative(y));
    Value fix = arith::AndIOp::create(b, loc, nonZero, signsDiffer);
    Value shifted = f ? arith::AddFOp::create(b, loc, r, y).getResult()
                      : arith::AddIOp::create(b, loc, r, y).getResult();
    return arith::SelectOp::create(b, loc, fix, shifted, r).getResult();
  });
}

LogicalResult importIsNaN(NodeImporter &node) {
  if (failed(checkTypes(node, 1, true)))
    return failure();
  Value x = node.input(0);
  node.setOutput(
      0, buildElementwise(
             node.b(), node.loc(), x, shapeOf(x), node.b().getI1Type(),
             [](OpBuilder &b, Location loc, ValueRange args) {
               return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO,
                                            args[0], args[0])
                   .getResult();
             }));
  return success();
}

LogicalResult importIsInf(NodeImporter &node) {
  if (failed(node.checkAttrs({"detect_negative", "detect_positive"})) ||
      failed(checkTypes(node, 1, true)))
    return failure();
  bool negative = node.intAttr("detect_negative", 1);
  bool positive = node.intAttr("detect_positive", 1);
  Value x = node.input(0);
  Type element = elementTypeOf(x);
  node.setOutput(
      0, buildElementwise(
             node.b(), node.loc(), x, shapeOf(x), node.b().getI1Type(),
             [&](OpBuilder &b, Location loc, ValueRange args) -> Value {
               Value isPos = arith::CmpFOp::create(
                   b, loc, arith::CmpFPredicate::OEQ, args[0],
                   highestValue(b, loc, element));
               Value isNeg =
                   arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OEQ,
                                         args[0], lowestValue(b, loc, element));
               Value f = arith::ConstantIntOp::create(b, loc, 0, 1);
               return arith::OrIOp::create(b, loc, positive ? isPos : f,
                                           negative ? isNeg : f);
             }));
  return success();
}

/// Dropout at inference is the identity (training_mode must be false);
/// its optional mask output is all true.
LogicalResult importDropout(NodeImporter &node) {
  if (failed(node.checkAttrs({"seed"})) || failed(node.requiredInput(0)))
    return failure();
  if (node.hasInput(2)) {
    FailureOr<llvm::SmallVector<int64_t>> training = node.constantInts(2);
    if (failed(training))
      return failure();
    // Training mode drops at random, unless the ratio is 0.
    double ratio = 0.5;
    if (node.hasInput(1)) {
      FailureOr<llvm::SmallVector<double>> r = node.constantFloats(1);
      if (failed(r))
        return failure();
      ratio = r->empty() ? 0.5 : (*r)[0];
    }
    if (!training->empty() && (*training)[0] && ratio != 0) {
      node.error() << "training_mode with a non-zero ratio is not supported "
                      "(seqc compiles inference)";
      return failure();
    }
  }
  Value x = node.input(0);
  node.setOutput(0, x);
  if (node.hasOutput(1)) {
    auto type = RankedTensorType::get(shapeOf(x), node.b().getI1Type());
    node.setOutput(
        1, arith::ConstantOp::create(node.b(), node.loc(),
                                     DenseElementsAttr::get(type, true)));
  }
  return success();
}

LogicalResult importClip(NodeImporter &node) {
  // Opset 13: min and max are optional scalar inputs.
  if (failed(node.requiredInput(0)))
    return failure();
  Value x = node.input(0);
  Type element = elementTypeOf(x);
  llvm::SmallVector<Value> inputs = {x};
  for (size_t i = 1; i < 3; ++i)
    if (node.hasInput(i)) {
      if (elementTypeOf(node.input(i)) != element ||
          !shapeOf(node.input(i)).empty()) {
        node.error() << "input #" << i << " must be a scalar of " << element;
        return failure();
      }
      inputs.push_back(node.input(i));
    }
  bool hasMin = node.hasInput(1), hasMax = node.hasInput(2);
  node.setOutput(
      0, buildElementwise(
             node.b(), node.loc(), inputs, shapeOf(x), element,
             [&](OpBuilder &b, Location loc, ValueRange args) {
               Value v = args[0];
               size_t next = 1;
               bool f = isFloat(v);
               if (hasMin) {
                 Value lo = args[next++];
                 v = f ? arith::MaximumFOp::create(b, loc, v, lo).getResult()
                       : arith::MaxSIOp::create(b, loc, v, lo).getResult();
               }
               if (hasMax) {
                 Value hi = args[next++];
                 v = f ? arith::MinimumFOp::create(b, loc, v, hi).getResult()
                       : arith::MinSIOp::create(b, loc, v, hi).getResult();
               }
               return v;
             }));
  return success();
}

//===----------------------------------------------------------------------===//
// Comparisons, logic, selection and casts
//===----------------------------------------------------------------------===//

template <arith::CmpFPredicate FP, arith::CmpIPredicate IP>
LogicalResult importCompare(NodeImporter &node) {
  Type i1 = node.b().getI1Type();
  return nary(node, 2, i1, [](OpBuilder &b, Location loc, Value x, Value y) {
    return isFloat(x) ? arith::CmpFOp::create(b, loc, FP, x, y).getResult()
                      : arith::CmpIOp::create(b, loc, IP, x, y).getResult();
  });
}

LogicalResult checkBool(NodeImporter &node) {
  for (size_t i = 0; i < node.numInputs(); ++i)
    if (!node.hasInput(i) || !elementTypeOf(node.input(i)).isInteger(1)) {
      node.error() << "expects bool inputs";
      return failure();
    }
  return success();
}

template <typename OpTy> LogicalResult importLogic(NodeImporter &node) {
  if (failed(checkBool(node)))
    return failure();
  return nary(node, 2, {}, [](OpBuilder &b, Location loc, Value x, Value y) {
    return OpTy::create(b, loc, x, y).getResult();
  });
}

LogicalResult importNot(NodeImporter &node) {
  if (failed(checkBool(node)))
    return failure();
  return unary(node, false, [](OpBuilder &b, Location loc, Value x) -> Value {
    return arith::XOrIOp::create(b, loc, x, cst(b, loc, x, 1));
  });
}

LogicalResult importWhere(NodeImporter &node) {
  for (size_t i = 0; i < 3; ++i)
    if (failed(node.requiredInput(i)))
      return failure();
  Value cond = node.input(0), x = node.input(1), y = node.input(2);
  if (!elementTypeOf(cond).isInteger(1)) {
    node.error() << "condition must be bool, got " << cond.getType();
    return failure();
  }
  if (elementTypeOf(x) != elementTypeOf(y)) {
    node.error() << "X and Y must have one element type, got " << x.getType()
                 << " and " << y.getType();
    return failure();
  }
  FailureOr<llvm::SmallVector<int64_t>> shape =
      broadcastInputs(node, {cond, x, y});
  if (failed(shape))
    return failure();
  node.setOutput(
      0, buildElementwise(
             node.b(), node.loc(), ValueRange{cond, x, y}, *shape,
             elementTypeOf(x), [](OpBuilder &b, Location loc, ValueRange args) {
               return arith::SelectOp::create(b, loc, args[0], args[1], args[2])
                   .getResult();
             }));
  return success();
}

LogicalResult castTo(NodeImporter &node, Type to) {
  node.setOutput(0, castTensor(node.b(), node.loc(), node.input(0), to));
  return success();
}

LogicalResult importCast(NodeImporter &node) {
  if (failed(node.checkAttrs({"to", "saturate", "round_mode"})) ||
      failed(node.requiredInput(0)))
    return failure();
  if (!node.hasAttr("to")) {
    node.error() << "attribute 'to' is required";
    return failure();
  }
  FailureOr<Type> to = node.modelImporter().elementType(
      node.intAttr("to", 0), "node '" + node.proto().name() + "' (Cast) 'to'");
  if (failed(to))
    return failure();
  return castTo(node, *to);
}

LogicalResult importCastLike(NodeImporter &node) {
  if (failed(node.requiredInput(0)) || failed(node.requiredInput(1)))
    return failure();
  return castTo(node, elementTypeOf(node.input(1)));
}

} // namespace

void mlir::seqc::onnx_import::registerElementwiseOps(OpRegistry &registry) {
  registry.add("", "Add", importAdd);
  registry.add("", "Sub", importSub);
  registry.add("", "Mul", importMul);
  registry.add("", "Div", importDiv);
  registry.add("", "Pow", importPow);
  registry.add("", "Sum", importSum);
  registry.add("", "Max", importMax);
  registry.add("", "Min", importMin);
  registry.add("", "Mean", importMean);
  registry.add("", "Sqrt", importSqrt);
  registry.add("", "Reciprocal", importReciprocal);
  registry.add("", "Exp", importExp);
  registry.add("", "Log", importLog);
  registry.add("", "Neg", importNeg);
  registry.add("", "Abs", importAbs);
  registry.add("", "Sign", importSign);
  registry.add("", "Floor", importFloor);
  registry.add("", "Ceil", importCeil);
  registry.add("", "Round", importRound);
  registry.add("", "Sin", importSin);
  registry.add("", "Cos", importCos);
  registry.add("", "Softplus", importSoftplus);
  registry.add("", "Softsign", importSoftsign);
  registry.add("", "Sigmoid", importSigmoid);
  registry.add("", "Tanh", importTanh);
  registry.add("", "Relu", importRelu);
  registry.add("", "LeakyRelu", importLeakyRelu);
  registry.add("", "Elu", importElu);
  registry.add("", "HardSigmoid", importHardSigmoid);
  registry.add("", "HardSwish", importHardSwish);
  registry.add("", "Mish", importMish);
  registry.add("", "Erf", importErf);
  registry.add("", "Gelu", importGelu);
  registry.add("", "Clip", importClip);
  registry.add("", "Tan", importTan);
  registry.add("", "Acos", importAcos);
  registry.add("", "Asin", importAsin);
  registry.add("", "Atan", importAtan);
  registry.add("", "Sinh", importSinh);
  registry.add("", "Cosh", importCosh);
  registry.add("", "Asinh", importAsinh);
  registry.add("", "Acosh", importAcosh);
  registry.add("", "Atanh", importAtanh);
  registry.add("", "Selu", importSelu);
  registry.add("", "Celu", importCelu);
  registry.add("", "ThresholdedRelu", importThresholdedRelu);
  registry.add("", "Shrink", importShrink);
  registry.add("", "PRelu", importPRelu);
  registry.add("", "Mod", importMod);
  registry.add("", "IsNaN", importIsNaN);
  registry.add("", "IsInf", importIsInf);
  registry.add("", "Dropout", importDropout);
  registry.add(
      "", "Equal",
      importCompare<arith::CmpFPredicate::OEQ, arith::CmpIPredicate::eq>);
  registry.add(
      "", "Less",
      importCompare<arith::CmpFPredicate::OLT, arith::CmpIPredicate::slt>);
  registry.add(
      "", "LessOrEqual",
      importCompare<arith::CmpFPredicate::OLE, arith::CmpIPredicate::sle>);
  registry.add(
      "", "Greater",
      importCompare<arith::CmpFPredicate::OGT, arith::CmpIPredicate::sgt>);
  registry.add(
      "", "GreaterOrEqual",
      importCompare<arith::CmpFPredicate::OGE, arith::CmpIPredicate::sge>);
  registry.add("", "And", importLogic<arith::AndIOp>);
  registry.add("", "Or", importLogic<arith::OrIOp>);
  registry.add("", "Xor", importLogic<arith::XOrIOp>);
  registry.add("", "Not", importNot);
  registry.add("", "Where", importWhere);
  registry.add("", "Cast", importCast);
  registry.add("", "CastLike", importCastLike);
}
