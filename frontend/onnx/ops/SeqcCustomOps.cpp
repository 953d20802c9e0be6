//===- SeqcCustomOps.cpp
//----------------------------------------------------===//

#include "frontend/onnx/ModelImporter.h"
#include "frontend/onnx/TensorBuilders.h"

using namespace mlir;
using namespace mlir::seqc::onnx_import;

void mlir::seqc::onnx_import::registerSeqcCustomOps(OpRegistry &registry) {}
