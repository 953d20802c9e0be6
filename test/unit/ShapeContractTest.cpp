//===- ShapeContractTest.cpp - Named-dimension shape checks ---------------===//
//
// ShapeContract is what every seq verifier is written with; these tests pin
// how it binds names, treats dynamic sizes and words its diagnostics.
//
//===----------------------------------------------------------------------===//

#include "dialects/seq/IR/ShapeContract.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"

#include <gtest/gtest.h>

using namespace mlir;
using namespace mlir::seq;

namespace {

/// A function whose arguments have the given tensor shapes, so that the
/// contract can check them as operands of some op.
class ShapeContractTest : public ::testing::Test {
protected:
  ShapeContractTest() {
    context.loadDialect<func::FuncDialect>();
    context.getDiagEngine().registerHandler([this](Diagnostic &diag) {
      messages.push_back(diag.str());
      return success();
    });
  }

  /// Builds `func.call @callee(args...)` over arguments of these shapes
  /// and returns it; its operands are the values to check.
  Operation *makeOp(ArrayRef<SmallVector<int64_t>> shapes) {
    OpBuilder builder(&context);
    Location loc = builder.getUnknownLoc();
    module = ModuleOp::create(loc);
    builder.setInsertionPointToEnd(module->getBody());
    SmallVector<Type> types;
    for (const auto &shape : shapes)
      types.push_back(RankedTensorType::get(shape, builder.getF32Type()));
    auto func = func::FuncOp::create(builder, loc, "f",
                                     builder.getFunctionType(types, {}));
    Block *entry = func.addEntryBlock();
    builder.setInsertionPointToEnd(entry);
    return func::CallOp::create(builder, loc, "g", TypeRange{},
                                entry->getArguments());
  }

  MLIRContext context;
  OwningOpRef<ModuleOp> module;
  std::vector<std::string> messages;
};

TEST_F(ShapeContractTest, BindsNamesFromTheFirstStaticSize) {
  Operation *op = makeOp({{2, 8, 33}, {8, 16}});
  ShapeContract contract(op);
  ASSERT_TRUE(
      succeeded(contract.check("u", op->getOperand(0), {"B", "D", "L"})));
  ASSERT_TRUE(succeeded(contract.check("A", op->getOperand(1), {"D", "N"})));
  EXPECT_EQ(contract.lookup("B"), 2);
  EXPECT_EQ(contract.lookup("D"), 8);
  EXPECT_EQ(contract.lookup("N"), 16);
  EXPECT_EQ(contract.lookup("G"), std::nullopt);
  EXPECT_TRUE(messages.empty());
}

TEST_F(ShapeContractTest, ReportsTheFirstDisagreeingValue) {
  Operation *op = makeOp({{2, 8, 33}, {4, 16}});
  ShapeContract contract(op);
  ASSERT_TRUE(
      succeeded(contract.check("u", op->getOperand(0), {"B", "D", "L"})));
  EXPECT_TRUE(failed(contract.check("A", op->getOperand(1), {"D", "N"})));
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0], "'func.call' op operand `A` must have shape [D, N] "
                         "= [8, ?], got [4, 16]");
}

TEST_F(ShapeContractTest, ReportsRank) {
  Operation *op = makeOp({{2, 8}});
  ShapeContract contract(op);
  EXPECT_TRUE(failed(contract.check("u", op->getOperand(0), {"B", "D", "L"})));
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0], "'func.call' op operand `u` must have rank 3 "
                         "([B, D, L] = [?, ?, ?]), got rank 2");
}

TEST_F(ShapeContractTest, DynamicSizesMatchAnythingAndBindNothing) {
  Operation *op = makeOp({{ShapedType::kDynamic, 8}, {3, 8}, {5, 8}});
  ShapeContract contract(op);
  ASSERT_TRUE(succeeded(contract.check("a", op->getOperand(0), {"B", "D"})));
  EXPECT_EQ(contract.lookup("B"), std::nullopt);
  ASSERT_TRUE(succeeded(contract.check("b", op->getOperand(1), {"B", "D"})));
  EXPECT_EQ(contract.lookup("B"), 3);
  EXPECT_TRUE(failed(contract.check("c", op->getOperand(2), {"B", "D"})));
}

TEST_F(ShapeContractTest, EllipsisMatchesTheSameLeadingDims) {
  Operation *op = makeOp({{2, 17, 512}, {2, 17, 64}, {2, 16, 64}, {64}});
  ShapeContract contract(op);
  ASSERT_TRUE(succeeded(contract.check("x", op->getOperand(0), {"...", "D"})));
  EXPECT_TRUE(succeeded(contract.check("y", op->getOperand(1), {"...", "E"})));
  EXPECT_TRUE(failed(contract.check("z", op->getOperand(2), {"...", "E"})));
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0], "'func.call' op operand `z` must have shape "
                         "[..., E] = [2, 17, 64], got [2, 16, 64]");
  // A rank-1 value has no leading dims, unlike the bound [2, 17].
  EXPECT_TRUE(failed(contract.check("w", op->getOperand(3), {"...", "E"})));
}

TEST_F(ShapeContractTest, AbsentOptionalValuesPass) {
  Operation *op = makeOp({});
  ShapeContract contract(op);
  EXPECT_TRUE(succeeded(contract.check("D", Value(), {"D"})));
  EXPECT_TRUE(messages.empty());
}

} // namespace
