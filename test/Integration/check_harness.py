#!/usr/bin/env python3
"""Checks run_op_cases.py itself with fake compilers, before seqc exists.

The fakes live in a temporary folder:

- a seqc that fails (as the real one does until it is built), a seqc that
  sleeps past the timeout, and one that "compiles" by copying the module
  text into the library file;
- a seqc-run that checks the plumbing: it reads that module back, checks
  that the inputs and --check files it was handed match @main's signature
  in count, order, dtype and shape and that --rtol/--atol are numbers,
  writes the expected arrays as its outputs and exits 0; one that reports
  a mismatch (exit 1), and one that crashes (SIGSEGV).

Each check runs the runner as a user would and looks at its report and
exit status. Ends with `N passed, N failed`.

usage: check_harness.py
"""

import os
import subprocess
import sys
import tempfile
import textwrap

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import op_cases  # noqa: E402

RUNNER = os.path.join(HERE, "run_op_cases.py")

FAKES = {
    "seqc-fails": """
        sys.stderr.write("error: seqc is not built yet\\n")
        sys.exit(1)
    """,
    "seqc-sleeps": """
        import time
        time.sleep(30)
    """,
    "seqc-copies": """
        src, flag, lib = sys.argv[1:4]
        assert flag == "-o", sys.argv
        with open(src) as fin, open(lib, "w") as fout:
            fout.write(fin.read())
    """,
    "seqc-run-plumbing": """
        import argparse
        import numpy as np
        sys.path.insert(0, HERE)
        import op_cases
        p = argparse.ArgumentParser()
        p.add_argument("lib")
        p.add_argument("inputs", nargs="*")
        p.add_argument("--output-dir", required=True)
        p.add_argument("--check", action="append", default=[])
        p.add_argument("--rtol", type=float, required=True)
        p.add_argument("--atol", type=float, required=True)
        a = p.parse_args()
        m = op_cases.SIGNATURE.search(open(a.lib).read())
        want_in, want_out = op_cases.parse_types(m.group(1)), op_cases.parse_types(m.group(2))
        got_in = [(np.load(f).shape, np.load(f).dtype) for f in a.inputs]
        got_out = [(np.load(f).shape, np.load(f).dtype) for f in a.check]
        if got_in != want_in or got_out != want_out:
            print(f"signature mismatch: {got_in} -> {got_out} vs {want_in} -> {want_out}")
            sys.exit(3)
        os.makedirs(a.output_dir, exist_ok=True)
        for i, f in enumerate(a.check):
            np.save(os.path.join(a.output_dir, f"out{i}.npy"), np.load(f))
    """,
    "seqc-run-mismatch": """
        print("output 0: 3 of 100 elements differ, max abs error 1.0e+00")
        sys.exit(1)
    """,
    "seqc-run-crashes": """
        import signal
        os.kill(os.getpid(), signal.SIGSEGV)
    """,
}


def write_fakes(folder):
    paths = {}
    for name, body in FAKES.items():
        path = os.path.join(folder, name)
        with open(path, "w") as fh:
            fh.write(f"#!{sys.executable}\nimport os, sys\nHERE = {HERE!r}\n")
            fh.write(textwrap.dedent(body))
        os.chmod(path, 0o755)
        paths[name] = path
    return paths


def run_runner(*args):
    r = subprocess.run([sys.executable, RUNNER, *args], capture_output=True, text=True)
    return r.returncode, r.stdout, r.stderr


def expect(cond, what):
    if not cond:
        raise AssertionError(what)


def main():
    names = [c.name for c in op_cases.all_cases()]
    checks = []

    def check(fn):
        checks.append(fn)
        return fn

    with tempfile.TemporaryDirectory() as tmp:
        fake = write_fakes(tmp)
        work = os.path.join(tmp, "work")

        def run_with(seqc, seqc_run, *extra):
            return run_runner("--seqc", seqc, "--seqc-run", seqc_run, "--workdir", work, *extra)

        @check
        def list_prints_every_case():
            rc, out, _ = run_runner("--list")
            expect(rc == 0 and out.split() == names,
                   f"--list gave rc={rc}, {len(out.split())} names")

        @check
        def list_with_only_filters():
            rc, out, _ = run_runner("--list", "--only", "quantize.")
            want = [n for n in names if "quantize." in n]
            expect(rc == 0 and out.split() == want and want, f"got {out.split()}")

        @check
        def missing_tools_is_a_usage_error():
            rc, _, err = run_runner("--workdir", work)
            expect(rc == 2 and "--seqc" in err, f"rc={rc}, stderr {err!r}")

        @check
        def failing_compiler_fails_every_case_cleanly():
            rc, out, err = run_with(fake["seqc-fails"], fake["seqc-run-plumbing"],
                                    "--only", "rms_norm.")
            n = sum("rms_norm." in x for x in names)
            lines = out.splitlines()
            fails = [x for x in lines if x.startswith("FAIL ")]
            expect(rc == 1, f"rc={rc}")
            expect(len(fails) == n and all("compile failed (exit 1)" in x for x in fails), out)
            expect("seqc is not built yet" in out, "the compiler's message is not shown")
            expect(lines[-1] == f"0 passed, {n} failed", lines[-1])
            expect("Traceback" not in out + err, "the runner crashed")

        @check
        def plumbing_passes_every_case_and_writes_files():
            rc, out, err = run_with(fake["seqc-copies"], fake["seqc-run-plumbing"], "--jobs", "4")
            expect(rc == 0, f"rc={rc}\n{out[-3000:]}{err[-2000:]}")
            lines = out.splitlines()
            expect(lines[-1] == f"{len(names)} passed, 0 failed", lines[-1])
            passes = [x.split()[1] for x in lines if x.startswith("PASS ")]
            expect(passes == names, "cases not reported in order")
            case = op_cases.all_cases("ssd.g2_dhp_state")[0]
            d = os.path.join(work, case.name)
            files = set(os.listdir(d))
            want = ({"case.mlir", "libcase.so", "out"}
                    | {f"in{i}.npy" for i in range(len(case.inputs))}
                    | {f"exp{i}.npy" for i in range(len(case.expected))})
            expect(files == want, f"files {sorted(files)}")
            expect(len(os.listdir(os.path.join(d, "out"))) == len(case.expected),
                   "outputs not written")

        @check
        def mismatch_is_reported_with_tolerance():
            rc, out, _ = run_with(fake["seqc-copies"], fake["seqc-run-mismatch"],
                                  "--only", "monarch_matmul.one_stage_m1")
            expect(rc == 1, f"rc={rc}")
            expect("FAIL monarch_matmul.one_stage_m1: mismatch (rtol=0.0001, atol=1e-05"
                   in out, out)
            expect("max abs error 1.0e+00" in out, "seqc-run's message is not shown")
            expect(out.splitlines()[-1] == "0 passed, 1 failed", out)

        @check
        def crash_is_reported():
            rc, out, _ = run_with(fake["seqc-copies"], fake["seqc-run-crashes"],
                                  "--only", "rms_norm.rank1_odd")
            expect(rc == 1 and "seqc-run killed by signal 11" in out, out)

        @check
        def timeout_is_reported():
            rc, out, _ = run_with(fake["seqc-sleeps"], fake["seqc-run-plumbing"],
                                  "--only", "rms_norm.rank1_odd", "--timeout", "1")
            expect(rc == 1 and "compile timed out after 1.0s" in out, out)

        @check
        def missing_compiler_binary_is_reported():
            rc, out, _ = run_with(os.path.join(tmp, "no-such-seqc"), fake["seqc-run-plumbing"],
                                  "--only", "rms_norm.rank1_odd")
            expect(rc == 1 and "FAIL rms_norm.rank1_odd: compile failed" in out, out)
            expect("cannot run" in out, out)

        passed = failed = 0
        for fn in checks:
            try:
                fn()
            except Exception as exc:
                failed += 1
                print(f"FAIL {fn.__name__}: {exc}")
            else:
                passed += 1
                print(f"PASS {fn.__name__}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
