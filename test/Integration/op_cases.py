#!/usr/bin/env python3
"""Numeric end-to-end cases for every seq op, with expected outputs.

A case is a small module with one public `func.func @main` that applies one
seq op to its arguments (the op's operands, in operand order; static
shapes, f32 except the i8 quantized operands) and returns the op's results
(final states included in some cases). With it come deterministic inputs,
the expected outputs from the NumPy references (test/reference/seq_ops.py,
computed in f64 and cast to the result type), and the tolerance the
comparison uses, |got - want| <= atol + rtol * |want| elementwise, with a
one-line reason.

The cases cover, per op: batch > 1, L not a multiple of 8 or 16, L = 1,
groups (G > 1 for the scans, grouped or shared heads for linear attention,
groups for RMSNorm), every optional operand, and the op's variants (decay
kinds and update rules, Monarch shapes, int8 / int4 / packed, per tensor /
row / group scales, W8A8 / W4A8 / W4A16). One more case is the whole
examples/mamba_block.mlir as @main.

run_op_cases.py runs them through seqc and seqc-run. Run this file itself
to check the cases without the compiler:

  op_cases.py [--seqc-opt PATH | --skip-verify] [--only SUBSTRING] [--list] [-v]

For every case it checks that the module parses and verifies with
seqc-opt, that inputs and expected outputs match the function signature,
and that the tolerance is honest: the same math done in plain f32 (the
recurrent reference, and for SSD and linear attention the chunked form with
the case's chunk length) must land within a quarter of the tolerance, and
integer results must come out identical in f32. Ends with `N passed, N
failed`.
"""

import argparse
import os
import subprocess
import sys
import tempfile

import numpy as np

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

# case_lib puts test/reference on the path, so it comes first.
from case_lib import (CALIBRATION_MARGIN, REPO, SIGNATURE, Case,  # noqa: E402,F401
                      parse_types)
import seq_ops as so  # noqa: E402
from cases_recurrent import (causal_conv1d_cases, causal_conv1d_step_cases,  # noqa: E402
                             linear_attention_cases, linear_attention_chunked_cases,
                             linear_attention_step_cases,
                             selective_scan_cases, selective_scan_step_cases,
                             ssd_cases, ssd_chunked_cases, ssd_step_cases)
from cases_contraction import contraction_cases  # noqa: E402
from cases_structured import (dequantize_cases, mamba_block_cases,  # noqa: E402
                              monarch_matmul_cases, qmatmul_cases, quantize_cases,
                              rms_norm_cases)

# ---------------------------------------------------------------------------
# All cases, and the checks of the cases themselves
# ---------------------------------------------------------------------------

OP_CASES = (
    selective_scan_cases, selective_scan_step_cases, ssd_cases, ssd_chunked_cases,
    ssd_step_cases,
    linear_attention_cases, linear_attention_chunked_cases, linear_attention_step_cases,
    causal_conv1d_cases,
    causal_conv1d_step_cases, monarch_matmul_cases, rms_norm_cases, quantize_cases,
    dequantize_cases, qmatmul_cases, mamba_block_cases, contraction_cases,
)


def all_cases(only=None):
    """Every case (those whose name contains `only`, when given)."""
    cases = [c for make in OP_CASES for c in make()]
    names = [c.name for c in cases]
    if len(set(names)) != len(names):
        raise ValueError("duplicate case names")
    return [c for c in cases if only is None or only in c.name]


def check_signature(case):
    """The inputs and expected outputs agree with @main's signature."""
    m = SIGNATURE.search(case.mlir)
    if not m or case.mlir.count("func.func") != 1:
        return "no single func.func @main"
    ins, outs = parse_types(m.group(1)), parse_types(m.group(2))
    got_ins = [(a.shape, a.dtype) for a in case.inputs]
    got_outs = [(a.shape, a.dtype) for a in case.expected]
    if ins != got_ins:
        return f"inputs {got_ins} do not match the signature {ins}"
    if outs != got_outs:
        return f"expected outputs {got_outs} do not match the results {outs}"
    for e in case.expected:
        if e.dtype.kind == "f" and not np.all(np.isfinite(e)):
            return "expected output is not finite"
    return None


def calibrate(case):
    """Recomputes the case in f32 with each form and checks the error stays
    within CALIBRATION_MARGIN of the tolerance (integers: identical).
    Returns (worst fraction of the tolerance used, error message or None)."""
    worst = 0.0
    with so.compute_dtype(np.float32):
        for i, form in enumerate(case.forms):
            got = form()
            for j, (g, want) in enumerate(zip(got, case.expected)):
                g = np.asarray(g)
                if want.dtype == np.int8:
                    if not np.array_equal(g, want):
                        return worst, f"form {i} output {j}: f32 gives different integers"
                    continue
                err = np.abs(g.astype(np.float64) - want.astype(np.float64))
                budget = case.atol + case.rtol * np.abs(want.astype(np.float64))
                used = float(np.max(err / budget))
                worst = max(worst, used)
                if used > CALIBRATION_MARGIN:
                    return worst, (f"form {i} output {j}: f32 uses {used:.2f} of the tolerance"
                                   f" (max abs error {err.max():.2e})")
    return worst, None


def verify_mlir(case, seqc_opt, tmpdir):
    path = os.path.join(tmpdir, case.name + ".mlir")
    with open(path, "w") as fh:
        fh.write(case.mlir)
    r = subprocess.run([seqc_opt, path], capture_output=True, text=True)
    if r.returncode != 0:
        return "seqc-opt: " + (r.stderr.strip().splitlines() or ["failed"])[0]
    return None


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seqc-opt", default=os.path.join(REPO, "build", "bin", "seqc-opt"))
    parser.add_argument("--skip-verify", action="store_true",
                        help="do not run seqc-opt (when it is not built)")
    parser.add_argument("--only", help="only cases whose name contains this")
    parser.add_argument("--list", action="store_true", help="print the case names and exit")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="print each case's tolerance use")
    args = parser.parse_args(argv)
    cases = all_cases(args.only)
    if args.list:
        for c in cases:
            print(c.name)
        return 0
    if not args.skip_verify and not os.access(args.seqc_opt, os.X_OK):
        print(f"error: seqc-opt not found at {args.seqc_opt}", file=sys.stderr)
        return 2
    passed = failed = 0
    per_op = {}
    with tempfile.TemporaryDirectory() as tmp:
        for c in cases:
            per_op[c.op] = per_op.get(c.op, 0) + 1
            problem = check_signature(c)
            if problem is None and not args.skip_verify:
                problem = verify_mlir(c, args.seqc_opt, tmp)
            used = 0.0
            if problem is None:
                used, problem = calibrate(c)
            if problem:
                failed += 1
                print(f"FAIL {c.name}: {problem}")
            else:
                passed += 1
                note = (f" (f32 uses {used:.3f} of rtol={c.rtol:g} atol={c.atol:g})"
                        if args.verbose else "")
                print(f"PASS {c.name}{note}")
    print("cases per op: " + ", ".join(f"{op} {n}" for op, n in per_op.items()))
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

