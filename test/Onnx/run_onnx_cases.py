#!/usr/bin/env python3
"""Runs the ONNX import cases of onnx_cases.py through seqc and seqc-run.

For each case, in DIR/<case>/: model.onnx, in0.npy... (graph input order)
and exp0.npy... (graph output order) from ONNX Runtime -- run with
ALLOW_RELEASED_ONNX_OPSET_ONLY=0 so that it accepts opset 27 -- or from the
case's NumPy reference; then

  SEQC model.onnx -o DIR/<case>/libcase.so [--shape ...]
  SEQC_RUN libcase.so in0.npy ... --check exp0.npy ... --rtol R --atol A

Prints PASS/FAIL per case and ends with `N passed, N failed`.

usage: run_onnx_cases.py --seqc SEQC --seqc-run SEQC_RUN --workdir DIR
                         [--case NAME] [--list]
"""

import argparse
import os
import shutil
import subprocess
import sys

import numpy as np
import onnx

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
os.environ["ALLOW_RELEASED_ONNX_OPSET_ONLY"] = "0"

import onnx_cases  # noqa: E402


def expected_outputs(case, path):
    if case.reference:
        return [np.asarray(a) for a in case.reference()]
    import onnxruntime as ort
    options = ort.SessionOptions()
    options.log_severity_level = 3
    session = ort.InferenceSession(path, options, providers=["CPUExecutionProvider"])
    return session.run(None, case.inputs)


def run(cmd):
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                       errors="replace", timeout=600)
    return r.returncode, r.stdout


def run_case(case, args):
    case_dir = os.path.join(args.workdir, case.name)
    if os.path.isdir(case_dir):
        shutil.rmtree(case_dir)
    os.makedirs(case_dir)
    path = os.path.join(case_dir, "model.onnx")
    onnx.save(case.model, path)
    inputs = []
    for i, vi in enumerate(case.model.graph.input):
        inputs.append(os.path.join(case_dir, f"in{i}.npy"))
        np.save(inputs[-1], case.inputs[vi.name])
    expected = []
    for i, out in enumerate(expected_outputs(case, path)):
        expected.append(os.path.join(case_dir, f"exp{i}.npy"))
        np.save(expected[-1], out)
    lib = os.path.join(case_dir, "libcase.so")
    cmd = ([args.seqc, path, "-o", lib] + [f"--shape={s}" for s in case.shapes]
           + case.seqc_args)
    rc, out = run(cmd)
    if rc != 0:
        return False, "compile failed:\n" + out
    cmd = [args.seqc_run, lib, *inputs, "--output-dir", os.path.join(case_dir, "out")]
    for e in expected:
        cmd += ["--check", e]
    cmd += ["--rtol", repr(case.rtol), "--atol", repr(case.atol)]
    rc, out = run(cmd)
    return rc == 0, out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--seqc")
    p.add_argument("--seqc-run")
    p.add_argument("--workdir")
    p.add_argument("--case")
    p.add_argument("--list", action="store_true")
    args = p.parse_args()
    cases = onnx_cases.all_cases()
    if args.list:
        print("\n".join(c.name for c in cases))
        return 0
    if args.case:
        cases = [c for c in cases if c.name == args.case]
        if not cases:
            print(f"no case {args.case}")
            return 1
    passed = failed = 0
    for case in cases:
        ok, out = run_case(case, args)
        print(("PASS " if ok else "FAIL ") + case.name)
        print("\n".join("    " + line for line in out.strip().splitlines()[-15:]))
        passed += ok
        failed += not ok
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
