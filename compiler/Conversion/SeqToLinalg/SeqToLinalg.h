//===- SeqToLinalg.h - Lowering patterns of the seq ops ---------*- C++ -*-===//
//
// One populate function per op family; ConvertSeqToLinalg applies them all.
//
//===----------------------------------------------------------------------===//

#ifndef SEQC_COMPILER_CONVERSION_SEQTOLINALG_SEQTOLINALG_H
#define SEQC_COMPILER_CONVERSION_SEQTOLINALG_SEQTOLINALG_H

#include "mlir/IR/PatternMatch.h"

namespace mlir::seqc {

/// seq.ssd and its step form (ScanToLoops.cpp).
void populateScanLoweringPatterns(RewritePatternSet &patterns);
/// seq.selective_scan and its step form (SelectiveScanToLoops.cpp).
void populateSelectiveScanLoweringPatterns(RewritePatternSet &patterns);
/// seq.linear_attention(_step).
void populateLinearAttentionLoweringPatterns(RewritePatternSet &patterns);
/// seq.causal_conv1d(_step).
void populateConvLoweringPatterns(RewritePatternSet &patterns);
/// seq.rms_norm.
void populateNormLoweringPatterns(RewritePatternSet &patterns);
/// seq.monarch_matmul.
void populateMonarchLoweringPatterns(RewritePatternSet &patterns);
/// seq.quantize, seq.dequantize, seq.qmatmul.
void populateQuantLoweringPatterns(RewritePatternSet &patterns);

} // namespace mlir::seqc

#endif // SEQC_COMPILER_CONVERSION_SEQTOLINALG_SEQTOLINALG_H
