//===- SeqOps.td - Operations of the seq dialect -----------*- tablegen -*-===//
//
// One file per op family; this file gathers them so that one generated
// SeqOps.{h,cpp}.inc holds every op.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_OPS_TD
#define SEQ_OPS_TD

include "dialects/seq/IR/SeqScanOps.td"
include "dialects/seq/IR/SeqLinearAttentionOps.td"
include "dialects/seq/IR/SeqConvOps.td"
include "dialects/seq/IR/SeqStructuredOps.td"
include "dialects/seq/IR/SeqQuantOps.td"

#endif // SEQ_OPS_TD
