#!/usr/bin/env python3
"""The polynomial approximations of f32 transcendentals (seqc-approximate-math)
against float64, over dense sweeps of each input range.

For each of exp, expm1, log, log1p, log2, tanh and erf: a module applying
the op elementwise to 2^18 f32 inputs spread over its range is compiled with
seqc at --mcpu=native (vectorized) and --mcpu=x86-64 (SSE), run with
seqc-run, and the largest error in units of the last place of the f32
result is asserted to stay within the bound docs/cpu-codegen.md states.
Special values are checked too: infinities, NaN, overflow and underflow.
Denormals are flushed (exp(-89) = 0, log of a denormal = log of the
smallest normal), as documented.

usage: check_vector_math.py --seqc SEQC --seqc-run SEQC_RUN --workdir DIR
Ends with `N passed, N failed`.
"""

import argparse
import math
import os
import subprocess
import sys

import numpy as np

POINTS = 1 << 18
TINY, HUGE = 1.2e-38, 3.0e38

# op: (inputs, float64 reference, bound in ulp of the f32 result)
SWEEPS = {
    "exp": (np.linspace(-87.0, 88.0, POINTS), np.exp, 2.0),
    "expm1": (np.linspace(-20.0, 20.0, POINTS), np.expm1, 4.0),
    "log": (np.geomspace(TINY, HUGE, POINTS), np.log, 2.0),
    "log1p": (np.concatenate([np.linspace(-0.999, 1.0, POINTS // 2),
                              np.geomspace(1.0, 1e30, POINTS // 2)]), np.log1p, 4.0),
    "log2": (np.geomspace(TINY, HUGE, POINTS), np.log2, 3.0),
    "tanh": (np.linspace(-20.0, 20.0, POINTS), np.tanh, 8.0),
    "erf": (np.linspace(-6.0, 6.0, POINTS), np.vectorize(math.erf), 8.0),
}

SPECIAL = np.array([np.inf, -np.inf, np.nan, 0.0, -0.0, 89.0, -89.0, -110.0,
                    88.7, -1.0, 1e30, -1e30], np.float32)
# Where the approximations differ from IEEE on purpose: denormal results
# flush to zero.
FLUSHED = {("exp", -89.0): 0.0}


def module(name, n):
    t = f"tensor<{n}xf32>"
    return f"""func.func @main(%x: {t}) -> {t} {{
  %e = tensor.empty() : {t}
  %r = linalg.generic {{indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>],
                        iterator_types = ["parallel"]}} ins(%x : {t}) outs(%e : {t}) {{
  ^bb0(%a: f32, %o: f32):
    %y = math.{name} %a : f32
    linalg.yield %y : f32
  }} -> {t}
  return %r : {t}
}}
"""


def run(args, name, cpu, x, tag):
    work = os.path.join(args.workdir, f"{name}-{cpu}-{tag}")
    os.makedirs(work, exist_ok=True)
    src, lib, inp = (os.path.join(work, f) for f in ("m.mlir", "libm.so", "x.npy"))
    with open(src, "w") as f:
        f.write(module(name, x.size))
    np.save(inp, x)
    subprocess.run([args.seqc, src, "-o", lib, f"--mcpu={cpu}"], check=True)
    out = os.path.join(work, "out")
    subprocess.run([args.seqc_run, lib, inp, "--output-dir", out], check=True,
                   capture_output=True)
    return np.load(os.path.join(out, os.listdir(out)[0]))


def check_sweep(args, name, cpu):
    x, reference, bound = SWEEPS[name]
    x = x.astype(np.float32)
    got = run(args, name, cpu, x, "sweep").astype(np.float64)
    want = reference(x.astype(np.float64))
    ulp = np.spacing(np.abs(want).astype(np.float32)).astype(np.float64)
    finite = np.abs(want) < HUGE
    errors = np.abs(got - want)[finite] / ulp[finite]
    worst = float(np.max(errors))
    if not worst <= bound:
        i = int(np.argmax(errors))
        return f"{worst:.2f} ulp > {bound} at x = {x[finite][i]!r}"
    return f"max {worst:.2f} ulp <= {bound}"


def check_special(args, name, cpu):
    got = run(args, name, cpu, SPECIAL, "special")
    with np.errstate(all="ignore"):
        want = SWEEPS[name][1](SPECIAL.astype(np.float64)).astype(np.float32)
    for x, g, w in zip(SPECIAL, got, want):
        w = FLUSHED.get((name, float(x)), w)
        same = (np.isnan(g) and np.isnan(w)) or g == w or (
            np.isfinite(w) and abs(float(g) - float(w)) <= 1e-6 * abs(float(w)))
        if not same:
            return f"{name}({x!r}) = {g!r}, expected {w!r}"
    return None


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seqc", required=True)
    parser.add_argument("--seqc-run", required=True)
    parser.add_argument("--workdir", required=True)
    args = parser.parse_args(argv)
    passed = failed = 0
    for name in SWEEPS:
        for cpu in ("native", "x86-64"):
            try:
                sweep = check_sweep(args, name, cpu)
                special = check_special(args, name, cpu)
            except subprocess.CalledProcessError as e:
                sweep, special = None, f"{e.cmd[0]} failed: {e.stderr or ''}"
            ok = sweep is not None and "ulp >" not in sweep and special is None
            passed += ok
            failed += not ok
            print(f"{'PASS' if ok else 'FAIL'} {name} --mcpu={cpu}: {sweep}"
                  + (f"; {special}" if special else ""))
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
