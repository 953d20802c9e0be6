//===- seqc-opt.cpp - mlir-opt with the seq dialect and passes ------------===//
//
// Runs single passes or pipelines over .mlir files, with every upstream
// dialect and pass and everything seqc defines registered; the driver of
// the lit tests.
//
//===----------------------------------------------------------------------===//

#include "compiler/Pipeline/Pipeline.h"
#include "dialects/seq/IR/SeqDialect.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  mlir::seqc::registerSeqcPasses();

  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  registry.insert<mlir::seq::SeqDialect>();

  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "seqc optimizer driver\n", registry));
}
