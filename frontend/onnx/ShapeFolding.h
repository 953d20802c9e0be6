//===- ShapeFolding.h - Evaluating shape arithmetic at import time -*- C++
//-*-===//

#ifndef SEQC_FRONTEND_ONNX_SHAPEFOLDING_H
#define SEQC_FRONTEND_ONNX_SHAPEFOLDING_H

#include "frontend/onnx/NodeImporter.h"

namespace mlir::seqc::onnx_import {

/// When the node computes on small constant integer tensors (shape
/// arithmetic), sets its output to the evaluated constant and returns true.
bool foldShapeNode(NodeImporter &node);

} // namespace mlir::seqc::onnx_import

#endif // SEQC_FRONTEND_ONNX_SHAPEFOLDING_H
