//===- ScalarFunctions.cpp - The scalar functions of docs/ops.md ----------===//

#include "dialects/seq/IR/ScalarFunctions.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"

using namespace mlir;

Value mlir::seq::buildSoftplus(OpBuilder &b, Location loc, Value x) {
  auto constant = [&](double value) {
    return arith::ConstantOp::create(b, loc,
                                     b.getFloatAttr(x.getType(), value));
  };
  // Above 20, log(1 + e^x) equals x in f32 and e^x only risks overflow.
  Value large = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x,
                                      constant(20.0));
  Value safe = arith::SelectOp::create(b, loc, large, constant(0.0), x);
  Value smooth =
      math::Log1pOp::create(b, loc, math::ExpOp::create(b, loc, safe));
  return arith::SelectOp::create(b, loc, large, x, smooth);
}
