//===- ScanRaising.h - Recognizing recurrences in Scan bodies --*- C++ -*-===//

#ifndef SEQC_FRONTEND_ONNX_SCANRAISING_H
#define SEQC_FRONTEND_ONNX_SCANRAISING_H

#include "frontend/onnx/NodeImporter.h"

namespace mlir::seqc::onnx_import {

/// Replaces a Scan whose body is a selective-scan step or a linear-
/// attention state update (docs/onnx.md lists the exact forms) by the seq
/// op. Returns true when it did, false when the body is another
/// computation (the caller builds the generic loop), and failure after
/// reporting an error.
FailureOr<bool> raiseScan(NodeImporter &node, const onnx::GraphProto &body);

} // namespace mlir::seqc::onnx_import

#endif // SEQC_FRONTEND_ONNX_SCANRAISING_H
