//===- Pipeline.cpp - The phases of the seqc pipeline ---------------------===//

#include "compiler/Pipeline/Pipeline.h"

#include "compiler/Codegen/CPU/ContractionKernels.h"
#include "compiler/Codegen/CPU/Passes.h"
#include "compiler/Conversion/Passes.h"
#include "dialects/seq/Transforms/Passes.h"

#include "mlir/Pass/PassRegistry.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/ErrorHandling.h"

#include <limits>

using namespace mlir;
using namespace mlir::seqc;

static constexpr Phase kPhases[] = {
    Phase::Input,      Phase::Seq,  Phase::Tiled,  Phase::Linalg,
    Phase::Bufferized, Phase::LLVM, Phase::Object, Phase::Library};
static constexpr llvm::StringLiteral kPhaseNames[] = {
    "input", "seq", "tiled", "linalg", "bufferized", "llvm", "obj", "lib"};

llvm::ArrayRef<Phase> mlir::seqc::allPhases() { return kPhases; }

llvm::StringRef mlir::seqc::phaseName(Phase phase) {
  return kPhaseNames[static_cast<int>(phase)];
}

std::optional<Phase> mlir::seqc::parsePhase(llvm::StringRef name) {
  for (Phase phase : kPhases)
    if (phaseName(phase) == name)
      return phase;
  return std::nullopt;
}

void mlir::seqc::registerSeqcPasses() {
  seq::registerSeqTransformsPasses();
  registerSeqcConversionPasses();
  registerSeqcCPUPasses();
}

// Each phase as the pass pipeline text that seqc-opt accepts too
// (docs/seqc.md lists them).
// Private functions are inlined into the entry points: entry points take
// the caller's buffers, and a call returning a dynamically shaped tensor
// would have no buffer to write into.
static constexpr llvm::StringLiteral kSeqPipeline = "inline,canonicalize,cse";

// The strategy step records a schedule on each sequence op
// (#seq.lowering_config); the rewrites then follow the records: long
// linear attention becomes its chunked form of matmuls.
static constexpr llvm::StringLiteral kTiledPipeline =
    "func.func(seq-select-chunking{min-length=%MIN_LENGTH%%KEY_DIMS%},"
    "seq-ssd-to-linear-attention,"
    "seq-chunk-linear-attention),"
    "canonicalize,cse";

static constexpr llvm::StringLiteral kLinalgPipeline =
    "convert-seq-to-linalg,canonicalize,cse,func.func(seqc-fuse-elementwise-"
    "ops),"
    "canonicalize,cse";

// Entry points write their results into the caller's buffers
// (buffer-results-to-out-params), and every temporary is freed. Then the
// configuration step of the contraction strategy records, on each f32
// contraction it takes, the runtime kernel for --mcpu's ISA.
static constexpr llvm::StringLiteral kBufferizedPipeline =
    "func.func(seqc-copy-repeated-results),"
    "one-shot-bufferize{allow-return-allocs-from-loops "
    "bufferize-function-boundaries "
    "function-boundary-type-conversion=identity-layout-map},"
    "buffer-results-to-out-params{modify-public-functions hoist-static-allocs},"
    "canonicalize,cse,"
    "func.func(seqc-stack-allocate-row-temporaries),"
    "buffer-deallocation-pipeline,canonicalize,cse,"
    "seqc-select-contraction-kernels{isa=%ISA%},"
    "func.func(seqc-fuse-contraction-epilogues)";

// Selected contractions become calls of the runtime's matmul kernels (their
// constant weights packed at compile time); the other contractions get a
// unit-stride innermost loop that LLVM vectorizes.
// Each outermost parallel loop runs on the runtime's thread pool through
// the OpenMP dialect; nested ones become sequential first. The
// memref.alloca_scope that convert-scf-to-openmp wraps loop bodies in must
// go before convert-scf-to-cf gives those bodies more than one block:
// seqc-inline-alloca-scopes inlines them (there are no allocas in them; the
// canonicalizer alone keeps a scope whose body calls a kernel).
static constexpr llvm::StringLiteral kLLVMPipeline =
    "seqc-lower-contractions-to-kernels,"
    "func.func(seqc-approximate-math,seqc-tile-transposes,"
    "linalg-generalize-named-ops,"
    "seqc-reassociate-reductions,"
    "seqc-interchange-for-vectorization,"
    "convert-linalg-to-parallel-loops,scf-forall-to-parallel,"
    "seqc-sequentialize-nested-parallel),"
    "convert-scf-to-openmp,func.func(seqc-inline-alloca-scopes),canonicalize,"
    "expand-strided-metadata,lower-affine,"
    // Math on bf16 goes through f32 (math-to-libm adds the casts), so
    // bf16 truncations are expanded after it: no compiler-rt calls. Heap
    // temporaries come from the runtime, which recycles large ones
    // (runtime/temporary_buffers.c).
    "convert-scf-to-cf,convert-math-to-llvm,convert-math-to-libm,"
    "arith-expand{include-bf16},"
    "finalize-memref-to-llvm{use-generic-functions},convert-openmp-to-llvm,"
    "convert-func-to-llvm,"
    "convert-arith-to-llvm,convert-index-to-llvm,convert-cf-to-llvm,"
    "reconcile-unrealized-casts,canonicalize,cse";

static llvm::StringRef phasePipelineTemplate(Phase phase) {
  switch (phase) {
  case Phase::Seq:
    return kSeqPipeline;
  case Phase::Tiled:
    return kTiledPipeline;
  case Phase::Linalg:
    return kLinalgPipeline;
  case Phase::Bufferized:
    return kBufferizedPipeline;
  case Phase::LLVM:
    return kLLVMPipeline;
  case Phase::Input:
  case Phase::Object:
  case Phase::Library:
    return "";
  }
  llvm_unreachable("unknown phase");
}

std::string mlir::seqc::phasePipeline(Phase phase,
                                      const CompileOptions &options) {
  std::string text = phasePipelineTemplate(phase).str();
  auto fill = [&](llvm::StringRef slotName, llvm::StringRef value) {
    size_t slot = text.find(slotName.str());
    if (slot != std::string::npos)
      text.replace(slot, slotName.size(), value.str());
  };
  fill("%ISA%", cpuVectorISA(options.cpu));
  using Chunking = CompileOptions::Chunking;
  int64_t minLength = options.chunkedMinLength;
  if (options.chunking == Chunking::Always)
    minLength = 1;
  if (options.chunking == Chunking::Never)
    minLength = std::numeric_limits<int64_t>::max();
  fill("%MIN_LENGTH%", std::to_string(minLength));
  fill("%KEY_DIMS%", options.chunking == Chunking::Always
                         ? " min-key-dim=0 delta-min-key-dim=0"
                         : "");
  return text;
}

LogicalResult mlir::seqc::buildPhasePipeline(OpPassManager &pm, Phase phase,
                                             const CompileOptions &options) {
  std::string text = phasePipeline(phase, options);
  if (text.empty())
    return success();
  return parsePassPipeline(text, pm);
}
