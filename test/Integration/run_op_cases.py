#!/usr/bin/env python3
"""Runs the numeric op cases of op_cases.py through seqc and seqc-run.

For each case, in DIR/<case>/:

  case.mlir                 the module (one public func.func @main)
  in0.npy, in1.npy, ...     the inputs, in argument order
  exp0.npy, exp1.npy, ...   the expected outputs, in result order

then

  SEQC case.mlir -o DIR/<case>/libcase.so
  SEQC_RUN DIR/<case>/libcase.so in0.npy ... --output-dir DIR/<case>/out \\
      --check exp0.npy --check exp1.npy ... --rtol R --atol A

seqc-run reads the inputs by position, writes the outputs, compares each
with its expected file (|got - want| <= atol + rtol * |want|) and exits 1
on a mismatch. Each case prints PASS or FAIL with the reason (compile
error, mismatch, crash, timeout: the tail of the tool's output follows,
indented); the last line is `N passed, N failed`, and the exit status is 1
when any case failed.

usage: run_op_cases.py --seqc SEQC --seqc-run SEQC_RUN --workdir DIR
                       [--only SUBSTRING] [--list] [--jobs N] [--timeout S]
"""

import argparse
import concurrent.futures
import os
import shutil
import subprocess
import sys

import numpy as np

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import op_cases  # noqa: E402

TAIL_LINES = 12


def tail(text, lines=TAIL_LINES):
    kept = [line for line in text.strip().splitlines() if line.strip()][-lines:]
    return "\n".join("    " + line for line in kept)


def write_case(case, case_dir):
    """Writes the module, inputs and expected outputs; returns their paths."""
    if os.path.isdir(case_dir):
        shutil.rmtree(case_dir)        # no stale outputs from an earlier run
    os.makedirs(case_dir)
    mlir = os.path.join(case_dir, "case.mlir")
    with open(mlir, "w") as fh:
        fh.write(case.mlir)
    inputs, expected = [], []
    for i, a in enumerate(case.inputs):
        inputs.append(os.path.join(case_dir, f"in{i}.npy"))
        np.save(inputs[-1], a)
    for i, e in enumerate(case.expected):
        expected.append(os.path.join(case_dir, f"exp{i}.npy"))
        np.save(expected[-1], e)
    return mlir, inputs, expected


def run_tool(cmd, timeout):
    """(returncode or None on timeout, combined output)."""
    try:
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True, errors="replace", timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout or ""
        return None, out if isinstance(out, str) else out.decode(errors="replace")
    except OSError as exc:
        return -1, f"cannot run {cmd[0]}: {exc}"
    return r.returncode, r.stdout


def run_case(case, args):
    """Returns (passed, one-line reason, detail text)."""
    case_dir = os.path.join(args.workdir, case.name)
    mlir, inputs, expected = write_case(case, case_dir)
    lib = os.path.join(case_dir, "libcase.so")

    rc, out = run_tool([args.seqc, mlir, "-o", lib, *case.seqc_args], args.timeout)
    if rc is None:
        return False, f"compile timed out after {args.timeout}s", tail(out)
    if rc != 0:
        return False, f"compile failed (exit {rc})", tail(out)
    if not os.path.isfile(lib):
        return False, "compile succeeded but wrote no library", tail(out)

    cmd = [args.seqc_run, lib, *inputs, "--output-dir", os.path.join(case_dir, "out")]
    for e in expected:
        cmd += ["--check", e]
    cmd += ["--rtol", repr(case.rtol), "--atol", repr(case.atol)]
    rc, out = run_tool(cmd, args.timeout)
    if rc is None:
        return False, f"run timed out after {args.timeout}s", tail(out)
    if rc == 0:
        return True, "", ""
    if rc == 1:
        return False, f"mismatch (rtol={case.rtol:g}, atol={case.atol:g}: {case.reason})", tail(out)
    if rc < 0:
        return False, f"seqc-run killed by signal {-rc}", tail(out)
    return False, f"seqc-run error (exit {rc})", tail(out)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seqc", help="the seqc compiler")
    parser.add_argument("--seqc-run", help="the seqc-run tool")
    parser.add_argument("--workdir", help="where each case's files go (DIR/<case>/)")
    parser.add_argument("--only", help="only cases whose name contains this")
    parser.add_argument("--case", help="only the case of exactly this name "
                        "(one ctest test per case)")
    parser.add_argument("--list", action="store_true", help="print the case names and exit")
    parser.add_argument("--jobs", "-j", type=int, default=1, help="cases run in parallel")
    parser.add_argument("--timeout", type=float, default=300,
                        help="seconds allowed to each compile and each run")
    args = parser.parse_args(argv)

    cases = op_cases.all_cases(args.only)
    if args.case:
        cases = [c for c in cases if c.name == args.case]
    if args.list:
        for c in cases:
            print(c.name)
        return 0
    missing = [flag for flag, value in (("--seqc", args.seqc), ("--seqc-run", args.seqc_run),
                                        ("--workdir", args.workdir)) if not value]
    if missing:
        parser.error("required unless --list: " + ", ".join(missing))
    if not cases:
        parser.error(f"no case matches {args.case or args.only!r}")
    args.workdir = os.path.abspath(args.workdir)
    os.makedirs(args.workdir, exist_ok=True)

    passed = failed = 0
    with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as pool:
        futures = [pool.submit(run_case, c, args) for c in cases]
        # Reported in case order, each as soon as it and those before it end.
        for case, fut in zip(cases, futures):
            try:
                ok, reason, detail = fut.result()
            except Exception as exc:  # a harness error fails the case, not the run
                ok, reason, detail = False, f"harness error: {exc!r}", ""
            if ok:
                passed += 1
                print(f"PASS {case.name}", flush=True)
            else:
                failed += 1
                print(f"FAIL {case.name}: {reason}", flush=True)
                if detail:
                    print(detail, flush=True)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
