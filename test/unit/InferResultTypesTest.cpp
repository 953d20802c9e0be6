//===- InferResultTypesTest.cpp - Result type inference of seq ops --------===//
//
// The ops whose results follow from their operands are built without
// result types; these tests check what the builders infer.
//
//===----------------------------------------------------------------------===//

#include "dialects/seq/IR/SeqOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"

#include <gtest/gtest.h>

using namespace mlir;
using namespace mlir::seq;

namespace {

class InferResultTypesTest : public ::testing::Test {
protected:
  InferResultTypesTest() : builder(&context) {
    context.loadDialect<func::FuncDialect, SeqDialect>();
    module = ModuleOp::create(builder.getUnknownLoc());
  }

  /// Starts a function with arguments of `types` and returns them.
  ValueRange arguments(ArrayRef<Type> types) {
    builder.setInsertionPointToEnd(module->getBody());
    auto func = func::FuncOp::create(builder, builder.getUnknownLoc(), "f",
                                     builder.getFunctionType(types, {}));
    Block *entry = func.addEntryBlock();
    builder.setInsertionPointToEnd(entry);
    return entry->getArguments();
  }

  Type tensor(ArrayRef<int64_t> shape, Type element = {}) {
    return RankedTensorType::get(shape,
                                 element ? element : builder.getF32Type());
  }

  /// Ends the function and verifies the module: the built ops must pass
  /// their own verifiers.
  bool verifies() {
    func::ReturnOp::create(builder, builder.getUnknownLoc());
    return succeeded(verify(*module));
  }

  MLIRContext context;
  OpBuilder builder;
  OwningOpRef<ModuleOp> module;
};

TEST_F(InferResultTypesTest, MonarchSquare) {
  ValueRange args = arguments(
      {tensor({8, 1024}), tensor({32, 32, 32}), tensor({32, 32, 32})});
  auto op = MonarchMatmulOp::create(builder, builder.getUnknownLoc(), args[0],
                                    args[1], args[2]);
  EXPECT_EQ(op.getY().getType(), tensor({8, 1024}));
  EXPECT_TRUE(verifies());
}

TEST_F(InferResultTypesTest, MonarchRectangularAndOneStage) {
  // x: [..., k*p] = 4*64; w1: 4 blocks of [q=32, p=64] -> 128 values,
  // viewed as l*r = 8*16; w2: 8 blocks of [s=24, r=16] -> s*l = 192.
  ValueRange args = arguments(
      {tensor({3, 5, 256}), tensor({4, 32, 64}), tensor({8, 24, 16})});
  Location loc = builder.getUnknownLoc();
  auto twoStage =
      MonarchMatmulOp::create(builder, loc, args[0], args[1], args[2]);
  EXPECT_EQ(twoStage.getY().getType(), tensor({3, 5, 192}));
  auto oneStage =
      MonarchMatmulOp::create(builder, loc, args[0], args[1], Value());
  EXPECT_EQ(oneStage.getY().getType(), tensor({3, 5, 128}));
  EXPECT_TRUE(verifies());
}

TEST_F(InferResultTypesTest, QuantizePacksInt4) {
  ValueRange args = arguments({tensor({256, 512}), tensor({256, 4})});
  auto op = QuantizeOp::create(builder, builder.getUnknownLoc(), args[0],
                               args[1], /*bits=*/4, /*group_size=*/
                               builder.getI64IntegerAttr(128),
                               /*packed=*/true);
  EXPECT_EQ(op.getOutput().getType(), tensor({256, 256}, builder.getI8Type()));
  EXPECT_TRUE(verifies());
}

TEST_F(InferResultTypesTest, QMatmulRescalesIntegerInputsToF32) {
  Type i8 = builder.getI8Type();
  ValueRange args =
      arguments({tensor({16, 512}, i8), tensor({256, 256}, i8), tensor({256}),
                 tensor({}), tensor({2, 16, 512}, builder.getF16Type())});
  Location loc = builder.getUnknownLoc();
  auto w4a8 = QMatmulOp::create(builder, loc, args[0], args[1], args[2],
                                args[3], Value(), /*weight_bits=*/4,
                                /*group_size=*/nullptr);
  EXPECT_EQ(w4a8.getY().getType(), tensor({16, 256}));
  auto w4a16 = QMatmulOp::create(builder, loc, args[4], args[1], args[2],
                                 Value(), Value(), /*weight_bits=*/4,
                                 /*group_size=*/nullptr);
  EXPECT_EQ(w4a16.getY().getType(), tensor({2, 16, 256}, builder.getF16Type()));
  EXPECT_TRUE(verifies());
}

TEST_F(InferResultTypesTest, LinearAttentionStepOutputHeads) {
  // Grouped-query: 8 query heads read 2 key/value states.
  ValueRange args = arguments({tensor({2, 8, 32}), tensor({2, 2, 32}),
                               tensor({2, 2, 64}), tensor({2, 2, 32, 64})});
  auto op = LinearAttentionStepOp::create(
      builder, builder.getUnknownLoc(), args[0], args[1], args[2], Value(),
      Value(), args[3], DecayKind::None, UpdateRule::Additive,
      /*scale=*/nullptr);
  EXPECT_EQ(op.getOut().getType(), tensor({2, 8, 64}));
  EXPECT_EQ(op.getNewState().getType(), tensor({2, 2, 32, 64}));
  EXPECT_FLOAT_EQ(op.getScaleOrDefault(), 1.0f / std::sqrt(32.0f));
  EXPECT_TRUE(verifies());
}

TEST_F(InferResultTypesTest, StepOpsReturnTheirStateType) {
  ValueRange args =
      arguments({tensor({2, 64}), tensor({64, 4}), tensor({2, 64, 3})});
  auto op =
      CausalConv1dStepOp::create(builder, builder.getUnknownLoc(), args[0],
                                 args[1], Value(), args[2], Activation::SiLU);
  EXPECT_EQ(op.getOut().getType(), tensor({2, 64}));
  EXPECT_EQ(op.getNewState().getType(), tensor({2, 64, 3}));
  EXPECT_TRUE(verifies());
}

TEST_F(InferResultTypesTest, RMSNormKeepsTheInputType) {
  ValueRange args =
      arguments({tensor({2, ShapedType::kDynamic, 512}), tensor({512})});
  auto op = RMSNormOp::create(builder, builder.getUnknownLoc(), args[0],
                              args[1], Value(), builder.getF32FloatAttr(1e-6),
                              builder.getI64IntegerAttr(8));
  EXPECT_EQ(op.getY().getType(), tensor({2, ShapedType::kDynamic, 512}));
  EXPECT_TRUE(verifies());
}

} // namespace
