//===- LowerContractionsToKernels.cpp - Calls to runtime matmul kernels ---===//

#include "compiler/Codegen/CPU/Passes.h"

#include "compiler/Codegen/CPU/ContractionKernels.h"
#include "compiler/Codegen/Common/ContractionShape.h"

#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/APFloat.h"

namespace mlir::seqc {
#define GEN_PASS_DEF_LOWERCONTRACTIONSTOKERNELS
#include "compiler/Codegen/CPU/Passes.h.inc"
} // namespace mlir::seqc

using namespace mlir;
using namespace mlir::seqc;

namespace {

/// The entry points take 16 index-sized arguments: batch, M, N, K, then
/// pointer and (batch, row, column) strides of A, B and C (C without its
/// unit column stride), then the flags.
constexpr unsigned kKernelArgs = 16;

func::FuncOp declareKernel(ModuleOp module, SymbolTable &symbols,
                           StringRef callee) {
  if (auto existing = symbols.lookup<func::FuncOp>(callee))
    return existing;
  OpBuilder b = OpBuilder::atBlockBegin(module.getBody());
  SmallVector<Type> args(kKernelArgs, b.getIndexType());
  auto decl = func::FuncOp::create(b, module.getLoc(), callee,
                                   b.getFunctionType(args, {}));
  decl.setPrivate();
  symbols.insert(decl);
  return decl;
}

/// Packs the constant B of `op` (read whole from `global`) into panels of
/// `nr` columns, K x nr each and zero padded, one packed matrix per batch
/// that B has; returns the packed global and the floats per batch.
std::pair<memref::GlobalOp, int64_t>
packConstantB(SymbolTable &symbols, memref::GlobalOp global,
              const ContractionShape &shape, ArrayRef<int64_t> loopSizes,
              int64_t nr) {
  auto type = global.getType();
  SmallVector<int64_t> strides;
  int64_t offset;
  (void)type.getStridesAndOffset(strides, offset);
  auto roleSize = [&](const ContractionRole &role) {
    int64_t size = 1;
    for (unsigned d : role.loops)
      size *= loopSizes[d];
    return size;
  };
  auto roleStride = [&](const ContractionRole &role) -> int64_t {
    return role.resultPos[1] >= 0 ? strides[role.resultPos[1]] : 0;
  };
  int64_t batches = shape.batch.resultPos[1] >= 0 ? roleSize(shape.batch) : 1;
  int64_t k = roleSize(shape.k), n = roleSize(shape.n);
  int64_t sBatch = roleStride(shape.batch), sK = roleStride(shape.k),
          sN = roleStride(shape.n);
  int64_t panels = (n + nr - 1) / nr, perBatch = panels * nr * k;

  std::string name = (global.getSymName() + "__packed_nr" + Twine(nr)).str();
  if (auto existing = symbols.lookup<memref::GlobalOp>(name))
    return {existing, perBatch};

  // bf16/f16 weights are extended to f32 here, once.
  auto data = cast<DenseElementsAttr>(*global.getInitialValue());
  SmallVector<float> values;
  for (APFloat v : data.getValues<APFloat>()) {
    bool losesInfo;
    v.convert(APFloat::IEEEsingle(), APFloat::rmNearestTiesToEven, &losesInfo);
    values.push_back(v.convertToFloat());
  }
  SmallVector<float> packed(batches * perBatch, 0.0f);
  for (int64_t t = 0; t < batches; ++t)
    for (int64_t p = 0; p < panels; ++p)
      for (int64_t kk = 0; kk < k; ++kk)
        for (int64_t j = 0; j < nr && p * nr + j < n; ++j)
          packed[t * perBatch + (p * k + kk) * nr + j] =
              values[t * sBatch + kk * sK + (p * nr + j) * sN];

  OpBuilder b(global);
  auto packedType = MemRefType::get({batches * perBatch}, b.getF32Type());
  auto tensorType = RankedTensorType::get({batches * perBatch}, b.getF32Type());
  auto packedGlobal = memref::GlobalOp::create(
      b, global.getLoc(), name, b.getStringAttr("private"), packedType,
      DenseElementsAttr::get(tensorType, ArrayRef<float>(packed)),
      /*constant=*/true, b.getI64IntegerAttr(64));
  symbols.insert(packedGlobal);
  return {packedGlobal, perBatch};
}

/// `buffer` itself when it holds f32, else a new f32 copy of it (bf16/f16
/// extended), which `temporaries` collects for deallocation after the call.
Value asF32(OpBuilder &b, Location loc, Value buffer,
            SmallVectorImpl<Value> &temporaries) {
  auto type = cast<MemRefType>(buffer.getType());
  if (type.getElementType().isF32())
    return buffer;
  SmallVector<Value> dynamicSizes;
  for (int64_t d = 0; d < type.getRank(); ++d)
    if (type.isDynamicDim(d))
      dynamicSizes.push_back(memref::DimOp::create(b, loc, buffer, d));
  auto f32Type = MemRefType::get(type.getShape(), b.getF32Type());
  Value copy = memref::AllocOp::create(b, loc, f32Type, dynamicSizes);
  AffineMap identity = b.getMultiDimIdentityMap(type.getRank());
  SmallVector<utils::IteratorType> parallel(type.getRank(),
                                            utils::IteratorType::parallel);
  linalg::GenericOp::create(
      b, loc, ValueRange{buffer}, ValueRange{copy},
      ArrayRef<AffineMap>{identity, identity}, parallel,
      [](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        Value wide = arith::ExtFOp::create(nested, nestedLoc,
                                           nested.getF32Type(), args[0]);
        linalg::YieldOp::create(nested, nestedLoc, wide);
      });
  temporaries.push_back(copy);
  return copy;
}

/// Whether `fill` sets `buffer` to zero right before `op` reads it.
bool isZeroFillOf(Operation *prev, Value buffer) {
  auto fill = dyn_cast_or_null<linalg::FillOp>(prev);
  if (!fill || !fill.hasPureBufferSemantics() ||
      fill.getDpsInits()[0] != buffer)
    return false;
  FloatAttr value;
  return matchPattern(fill.getInputs()[0], m_Constant(&value)) &&
         value.getValue().isZero();
}

struct LowerContractionsToKernelsPass
    : mlir::seqc::impl::LowerContractionsToKernelsBase<
          LowerContractionsToKernelsPass> {
  using Base::Base;

  LogicalResult lower(linalg::LinalgOp op, DictionaryAttr config,
                      SymbolTable &symbols,
                      llvm::SetVector<memref::GlobalOp> &packedFrom) {
    ModuleOp module = getOperation();
    auto callee = config.getAs<StringAttr>("callee");
    auto nr = config.getAs<IntegerAttr>("nr");
    auto bKind = config.getAs<StringAttr>("b");
    if (!callee || !nr || nr.getInt() <= 0 || !bKind)
      return op->emitOpError()
             << "has a malformed " << kContractionKernelAttr << ": " << config;
    std::string reason;
    FailureOr<ContractionShape> shape = getContractionShape(op, reason);
    if (failed(shape))
      return op->emitOpError()
             << "was selected for " << callee.getValue()
             << " but has no batched-matmul shape: " << reason;

    // Looked at before any op is created in front of `op`.
    Operation *zeroFill = op->getPrevNode();
    if (!isZeroFillOf(zeroFill, op.getDpsInits()[0]))
      zeroFill = nullptr;

    IRRewriter b(op);
    Location loc = op.getLoc();
    auto index = [&](int64_t v) -> Value {
      return arith::ConstantIndexOp::create(b, loc, v);
    };
    SmallVector<Range> ranges = op.createLoopRanges(b, loc);
    auto roleSize = [&](const ContractionRole &role) {
      Value size = index(1);
      for (unsigned d : role.loops)
        size = arith::MulIOp::create(
            b, loc, size,
            getValueOrCreateConstantIndexOp(b, loc, ranges[d].size));
      return size;
    };

    // Pointer and per-role strides of each operand, in elements.
    struct Operand {
      Value pointer;
      SmallVector<Value> strides;
    };
    auto describe = [&](Value buffer, unsigned o) {
      auto meta = memref::ExtractStridedMetadataOp::create(b, loc, buffer);
      Value aligned =
          memref::ExtractAlignedPointerAsIndexOp::create(b, loc, buffer);
      Value bytes = arith::MulIOp::create(b, loc, meta.getOffset(), index(4));
      Operand operand{arith::AddIOp::create(b, loc, aligned, bytes), {}};
      for (const ContractionRole *role :
           {&shape->batch, &shape->m, &shape->k, &shape->n}) {
        int64_t pos = role->resultPos[o];
        operand.strides.push_back(pos >= 0 ? meta.getStrides()[pos] : index(0));
      }
      return operand;
    };
    Value aBuf = op.getDpsInputs()[0], bBuf = op.getDpsInputs()[1],
          cBuf = op.getDpsInits()[0];
    // The kernels read f32: half-precision activations are extended into a
    // temporary first (constant weights are extended when packed).
    SmallVector<Value> temporaries;
    Operand a = describe(asF32(b, loc, aBuf, temporaries), 0),
            c = describe(cBuf, 2);
    Operand bOp;
    int64_t flags = 0;
    if (bKind.getValue() == "prepacked") {
      auto get = bBuf.getDefiningOp<memref::GetGlobalOp>();
      auto global =
          get ? symbols.lookup<memref::GlobalOp>(get.getName()) : nullptr;
      if (!global || !global.getConstant() ||
          !isa_and_nonnull<DenseElementsAttr>(global.getInitialValueAttr()))
        return op->emitOpError()
               << "was selected with a pre-packed B, but B is not a "
                  "constant global";
      auto [packed, perBatch] = packConstantB(
          symbols, global, *shape, op.getStaticLoopRanges(), nr.getInt());
      packedFrom.insert(global);
      Value packedBuf = memref::GetGlobalOp::create(b, loc, packed.getType(),
                                                    packed.getSymName());
      bOp = describe(packedBuf, 1);
      bOp.strides = {index(shape->batch.resultPos[1] >= 0 ? perBatch : 0),
                     index(0), index(0), index(0)};
      flags |= kSgemmPackedB;
    } else {
      bOp = describe(asF32(b, loc, bBuf, temporaries), 1);
    }
    if (zeroFill)
      b.eraseOp(zeroFill);
    else
      flags |= kSgemmAccumulate;

    // strides: [batch, m, k, n]
    SmallVector<Value> args = {roleSize(shape->batch),
                               roleSize(shape->m),
                               roleSize(shape->n),
                               roleSize(shape->k),
                               a.pointer,
                               a.strides[0],
                               a.strides[1],
                               a.strides[2],
                               bOp.pointer,
                               bOp.strides[0],
                               bOp.strides[2],
                               bOp.strides[3],
                               c.pointer,
                               c.strides[0],
                               c.strides[1],
                               index(flags)};
    func::FuncOp decl = declareKernel(module, symbols, callee.getValue());
    func::CallOp::create(b, loc, decl, args);
    for (Value temporary : temporaries)
      memref::DeallocOp::create(b, loc, temporary);
    b.eraseOp(op);
    return success();
  }

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    SmallVector<std::pair<linalg::LinalgOp, DictionaryAttr>> selected;
    module.walk([&](linalg::LinalgOp op) {
      if (auto config =
              op->getAttrOfType<DictionaryAttr>(kContractionKernelAttr))
        selected.push_back({op, config});
    });
    llvm::SetVector<memref::GlobalOp> packedFrom;
    for (auto [op, config] : selected)
      if (failed(lower(op, config, symbols, packedFrom)))
        return signalPassFailure();
    // Weights now read only in their packed form are dropped, with the
    // get_global ops that fed the replaced contractions.
    module.walk([&](memref::GetGlobalOp get) {
      if (get->use_empty() &&
          llvm::any_of(packedFrom, [&](memref::GlobalOp global) {
            return global.getSymName() == get.getName();
          }))
        get->erase();
    });
    for (memref::GlobalOp global : packedFrom)
      if (SymbolTable::symbolKnownUseEmpty(global, module))
        symbols.erase(global);
  }
};

} // namespace
