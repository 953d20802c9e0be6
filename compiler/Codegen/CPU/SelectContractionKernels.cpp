//===- SelectContractionKernels.cpp - Pick a matmul kernel per op ---------===//

#include "compiler/Codegen/CPU/Passes.h"

#include "compiler/Codegen/CPU/ContractionKernels.h"
#include "compiler/Codegen/Common/ContractionShape.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/SymbolTable.h"

namespace mlir::seqc {
#define GEN_PASS_DEF_SELECTCONTRACTIONKERNELS
#include "compiler/Codegen/CPU/Passes.h.inc"
} // namespace mlir::seqc

using namespace mlir;
using namespace mlir::seqc;

namespace {

bool isMemRefOf(Value value, function_ref<bool(Type)> element) {
  auto type = dyn_cast<MemRefType>(value.getType());
  return type && element(type.getElementType());
}

/// The kernels compute in f32: C is f32; A and B are f32, or bf16/f16 that
/// the lowering extends to f32 first (constant weights at compile time).
bool hasKernelTypes(linalg::LinalgOp op) {
  auto input = [](Type t) { return t.isF32() || t.isBF16() || t.isF16(); };
  return op.getNumDpsInputs() == 2 && op.getNumDpsInits() == 1 &&
         isMemRefOf(op.getDpsInputs()[0], input) &&
         isMemRefOf(op.getDpsInputs()[1], input) &&
         isMemRefOf(op.getDpsInits()[0], [](Type t) { return t.isF32(); });
}

/// The constant global that `value` reads whole, when its data is known
/// at compile time (not a splat, which needs no packing to be cheap).
memref::GlobalOp constantGlobal(Value value, SymbolTable &symbols) {
  auto get = value.getDefiningOp<memref::GetGlobalOp>();
  if (!get)
    return nullptr;
  auto global = symbols.lookup<memref::GlobalOp>(get.getName());
  if (!global || !global.getConstant())
    return nullptr;
  auto data = dyn_cast_or_null<DenseElementsAttr>(global.getInitialValueAttr());
  if (!data || data.isSplat() || !global.getType().getLayout().isIdentity())
    return nullptr;
  return global;
}

struct SelectContractionKernelsPass
    : mlir::seqc::impl::SelectContractionKernelsBase<
          SelectContractionKernelsPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    const CPUContractionKernel *kernel = lookupCPUContractionKernel(isa);
    if (!kernel) {
      module.emitError() << "seqc-select-contraction-kernels: unknown isa '"
                         << isa << "' (expected avx512, avx2 or generic)";
      return signalPassFailure();
    }
    SymbolTable symbols(module);
    Builder b(&getContext());
    module.walk([&](linalg::LinalgOp op) {
      if (op->hasAttr(kContractionKernelAttr) || !hasKernelTypes(op))
        return;
      std::string reason;
      FailureOr<ContractionShape> shape = getContractionShape(op, reason);
      if (failed(shape))
        return;
      // The kernels write C rows with unit column stride.
      if (shape->n.resultPos[2] >= 0) {
        SmallVector<int64_t> strides;
        int64_t offset;
        auto cType = cast<MemRefType>(op.getDpsInits()[0].getType());
        if (failed(cType.getStridesAndOffset(strides, offset)) ||
            strides[shape->n.resultPos[2]] != 1)
          return;
      }
      std::optional<int64_t> work = staticContractionWork(op);
      if (work && *work < minWork)
        return;
      bool prepacked = constantGlobal(op.getDpsInputs()[1], symbols) != nullptr;
      NamedAttribute fields[] = {
          b.getNamedAttr("b",
                         b.getStringAttr(prepacked ? "prepacked" : "strided")),
          b.getNamedAttr("callee", b.getStringAttr(kernel->callee)),
          b.getNamedAttr("mr", b.getI64IntegerAttr(kernel->mr)),
          b.getNamedAttr("nr", b.getI64IntegerAttr(kernel->nr)),
      };
      op->setAttr(kContractionKernelAttr, b.getDictionaryAttr(fields));
    });
  }
};

} // namespace
