//===- CopyRepeatedResults.cpp - One value per returned tensor ------------===//

#include "compiler/Codegen/CPU/Passes.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/ADT/DenseSet.h"

namespace mlir::seqc {
#define GEN_PASS_DEF_COPYREPEATEDRESULTS
#include "compiler/Codegen/CPU/Passes.h.inc"
} // namespace mlir::seqc

using namespace mlir;

namespace {

struct CopyRepeatedResultsPass
    : mlir::seqc::impl::CopyRepeatedResultsBase<CopyRepeatedResultsPass> {
  using Base::Base;

  void runOnOperation() override {
    getOperation().walk([](func::ReturnOp ret) {
      llvm::DenseSet<Value> seen;
      OpBuilder builder(ret);
      for (OpOperand &operand : ret->getOpOperands()) {
        Value value = operand.get();
        auto type = dyn_cast<RankedTensorType>(value.getType());
        if (!type || seen.insert(value).second)
          continue;
        // Dynamic dims are read from the value itself.
        SmallVector<Value> dims;
        for (int64_t i = 0; i < type.getRank(); ++i)
          if (type.isDynamicDim(i))
            dims.push_back(
                tensor::DimOp::create(builder, ret.getLoc(), value, i));
        Value empty =
            tensor::EmptyOp::create(builder, ret.getLoc(), type.getShape(),
                                    type.getElementType(), dims);
        operand.set(linalg::CopyOp::create(builder, ret.getLoc(), value, empty)
                        .getResult(0));
      }
    });
  }
};

} // namespace
