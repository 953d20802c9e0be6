#!/usr/bin/env python3
"""Runs the ONNX backend node tests through seqc and seqc-run.

The onnx wheel does not ship the test data (onnx/backend/test/data/node),
so the cases are generated from onnx.backend.test.case.node (about 1900
tests, ~16 s). A test is in scope when every node of its graph, and of the
subgraphs in its nodes' attributes (If/Loop/Scan bodies), has a (domain,
op_type) that seqc supports, its default-domain opset is 13 or newer, and
every graph input and output is a tensor (not a sequence, map or optional)
of an element type seqc imports. Graph inputs that feed shape-like operands
(Reshape's shape, Reduce*'s axes, ...) are bound as initializers with the
test's values, since seqc compiles static shapes. The supported ops come from
`SEQC --list-onnx-ops`, or from --ops-file: one `<domain> <op_type>` a
line, the default domain written `ai.onnx`, `#` starting a comment.

For each in-scope test, in DIR/<test>/:

  model.onnx                     the test's model
  data_set_<k>/in0.npy, ...      the inputs of data set k, in graph input order
  data_set_<k>/exp0.npy, ...     its expected outputs, in graph output order

then

  SEQC model.onnx -o DIR/<test>/lib<test>.so --name=<test>
  SEQC_RUN DIR/<test>/lib<test>.so in0.npy ... --output-dir data_set_<k>/out \\
      --check exp0.npy exp1.npy ... --rtol R --atol A        (once per data set)

Inputs keep their ONNX element type, so a type seqc-run cannot read fails
the test there (bf16 is written as f32, which seqc-run reads and rounds).
Expected outputs are converted losslessly to a type seqc-run reads (bool,
uint8 -> int8/int32, float8/bf16 -> f32, ...), since it compares values as
doubles whatever the file's type. Each test prints PASS or FAIL with the
reason (compile error, mismatch, crash, timeout: the tail of the tool's
output follows, indented); the last line is `N passed, N failed`.

Each test is counted under one primary op in --table:
  - the op it tests: the op_type of its only node; for a function-expanded
    test `test_X_expanded[_verN]`, the op of `test_X` (e.g.
    test_softmax_axis_0_expanded -> Softmax); for any other multi-node
    graph, its last node;
  - for an out-of-scope test, the first unsupported node met (graph order,
    a node's subgraphs right after it) instead, so that an unsupported op
    shows how many tests it blocks; a test out of scope only for its
    input/output types stays with the op it tests.

Exit status 1 when the pass rate of the in-scope tests is below
--min-pass-rate, or a test named in --must-pass (one name a line) failed or
was not in scope; 0 otherwise.

usage: backend_node_tests.py --seqc SEQC --seqc-run SEQC_RUN --workdir DIR
                             [--ops-file FILE] [--only SUBSTRING ...]
                             [--jobs N] [--timeout S] [--table OUT.md]
                             [--must-pass FILE] [--min-pass-rate R]
                             [--list] [--dry-run]
"""

import argparse
import concurrent.futures
import os
import re
import shlex
import shutil
import subprocess
import sys
import warnings

import numpy as np
import onnx
from onnx import numpy_helper

TAIL_LINES = 12
DEFAULT_DOMAIN = "ai.onnx"
EXPANDED = re.compile(r"^(test_.+?)_expanded(_ver\d+)?$")

# Lower bounds on the tolerance by output element type. onnx's own runner
# compares with the case's rtol/atol (default 1e-3 and 1e-7), which assumes
# the reference's own arithmetic; seqc computes with a different operation
# order (fused, reassociated, chunked sums), so values that cancel to near
# zero can miss an absolute 1e-7 in f32, and half-precision results (ulp
# 2^-11 for f16, 2^-8 for bf16) can round the other way.
MIN_TOL = {
    onnx.TensorProto.FLOAT: (1e-3, 1e-5),
    onnx.TensorProto.FLOAT16: (1e-2, 1e-2),
    onnx.TensorProto.BFLOAT16: (1e-2, 1e-2),
}

# dtypes that seqc-run reads (tools/seqc-run/Npy.cpp).
READABLE = {np.dtype(t) for t in (np.float32, np.float64, np.float16,
                                  np.int8, np.int32, np.int64)}


def tail(text, lines=TAIL_LINES):
    kept = [line for line in text.strip().splitlines() if line.strip()][-lines:]
    return "\n".join("    " + line for line in kept)


def ident(name):
    """A C identifier for the model name (test names already are one)."""
    name = re.sub(r"[^A-Za-z0-9_]", "_", name)
    return "model_" + name if name[:1].isdigit() else name


def domain_of(node):
    return node.domain or DEFAULT_DOMAIN


# ---------------------------------------------------------------------------
# Collecting and classifying the tests
# ---------------------------------------------------------------------------


def collect_cases():
    """The node test cases, sorted by name. Generating the data runs the reference
    implementations, which warn about overflow and NaN on purpose."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        import onnx.backend.test.case.node as node
        cases = node.collect_testcases()
    return sorted((c for c in cases if c.kind == "node"), key=lambda c: c.name)


def iter_nodes(graph):
    """Every node of `graph`, each followed by those of its subgraphs."""
    for n in graph.node:
        yield n
        for a in n.attribute:
            if a.type == onnx.AttributeProto.GRAPH:
                yield from iter_nodes(a.g)
            elif a.type == onnx.AttributeProto.GRAPHS:
                for g in a.graphs:
                    yield from iter_nodes(g)


def read_ops(lines, source):
    """The set of (domain, op_type) from `<domain> <op_type>` lines."""
    ops = set()
    for number, line in enumerate(lines, 1):
        fields = line.split("#", 1)[0].split()
        if not fields:
            continue
        if len(fields) < 2:
            sys.exit(f"{source}:{number}: expected `<domain> <op_type>`, got {line.strip()!r}")
        ops.add((fields[0], fields[1]))
    if not ops:
        sys.exit(f"{source}: lists no supported op")
    return ops


def supported_ops(args):
    if args.ops_file:
        with open(args.ops_file) as fh:
            return read_ops(fh, args.ops_file)
    if not args.seqc:
        sys.exit("give --seqc (for `seqc --list-onnx-ops`) or --ops-file")
    cmd = [args.seqc, "--list-onnx-ops"]
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, errors="replace", timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        sys.exit(f"`{shlex.join(cmd)}` failed: {exc}; give --ops-file")
    if r.returncode != 0:
        sys.exit(f"`{shlex.join(cmd)}` failed (exit {r.returncode}); give --ops-file\n"
                 + tail(r.stdout + r.stderr).rstrip())
    return read_ops(r.stdout.splitlines(), shlex.join(cmd))


class NodeTest:
    """One test case with its scope and the op it is counted under."""

    def __init__(self, case, tested_op, ops):
        self.case, self.name, self.tested_op = case, case.name, tested_op
        graph = case.model.graph
        unsupported = [(domain_of(n), n.op_type) for n in iter_nodes(graph)
                       if (domain_of(n), n.op_type) not in ops]
        kinds = {vi.type.WhichOneof("value") for vi in [*graph.input, *graph.output]}
        types = {vi.type.tensor_type.elem_type for vi in [*graph.input, *graph.output]
                 if vi.type.HasField("tensor_type")}
        opset = max((o.version for o in case.model.opset_import
                     if o.domain in ("", DEFAULT_DOMAIN)), default=0)
        self.in_scope = (not unsupported and kinds <= {"tensor_type"}
                         and types <= SUPPORTED_TYPES and opset >= MIN_OPSET)
        self.op = unsupported[0] if unsupported else tested_op


# What seqc imports (docs/onnx.md): opsets from 13, and these element types
# at the graph's inputs and outputs. Tests outside them count as not run.
MIN_OPSET = 13
SUPPORTED_TYPES = {onnx.TensorProto.FLOAT, onnx.TensorProto.DOUBLE,
                   onnx.TensorProto.FLOAT16, onnx.TensorProto.BFLOAT16,
                   onnx.TensorProto.INT8, onnx.TensorProto.INT16,
                   onnx.TensorProto.INT32, onnx.TensorProto.INT64,
                   onnx.TensorProto.BOOL}

# Inputs that give shapes, axes or counts. seqc compiles static shapes, so
# these must be compile-time constants; a test that feeds one from a graph
# input gets it bound as an initializer with the test's value (what a user
# does with onnx.helper or by exporting with constant shapes).
SHAPE_LIKE_INPUTS = {
    "Reshape": {1}, "Expand": {1}, "Tile": {1}, "Slice": {1, 2, 3, 4},
    "Split": {1}, "Squeeze": {1}, "Unsqueeze": {1}, "ConstantOfShape": {0},
    "Range": {0, 1, 2}, "Trilu": {1}, "Pad": {1, 3}, "CumSum": {1},
    "CumProd": {1}, "Dropout": {1, 2},
    "ReduceSum": {1}, "ReduceMean": {1}, "ReduceMax": {1}, "ReduceMin": {1},
    "ReduceProd": {1}, "ReduceSumSquare": {1}, "ReduceL1": {1},
    "ReduceL2": {1}, "ReduceLogSumExp": {1}, "CenterCropPad": {1},
    "HannWindow": {0}, "HammingWindow": {0}, "BlackmanWindow": {0},
}

# A function-expanded test binds what its op's test binds (its shape
# inputs keep their names, but the op is gone from the graph).
BASE_GRAPHS = {}


def shape_like_inputs(graph, base=None):
    """Names of graph inputs that feed a shape-like operand (in `graph`, or
    in `base`, the graph of the op an expanded test expands)."""
    names = {vi.name for vi in graph.input}
    found = set()
    if base is not None:
        found = shape_like_inputs(base) & names
    for node in iter_nodes(graph):
        for i in SHAPE_LIKE_INPUTS.get(node.op_type, ()):
            if i < len(node.input) and node.input[i] in names:
                found.add(node.input[i])
    return found


def bind_shape_inputs(model, inputs, base=None):
    """The model with its shape-like inputs turned into initializers, and
    the remaining inputs' values (in graph input order)."""
    graph = model.graph
    bound = shape_like_inputs(graph, base)
    if not bound:
        return model, list(inputs)
    model = onnx.ModelProto.FromString(model.SerializeToString())
    graph = model.graph
    kept_inputs, kept_values = [], []
    for vi, value in zip(list(graph.input), inputs):
        if vi.name in bound:
            graph.initializer.append(numpy_helper.from_array(to_array(value), vi.name))
        else:
            kept_inputs.append(vi)
            kept_values.append(value)
    del graph.input[:]
    graph.input.extend(kept_inputs)
    return model, kept_values


def tested_ops(cases):
    """The op each case tests, by name (see the module docstring)."""
    last = {c.name: (domain_of(c.model.graph.node[-1]), c.model.graph.node[-1].op_type)
            for c in cases}
    result = {}
    for c in cases:
        m = EXPANDED.match(c.name)
        result[c.name] = last.get(m.group(1), last[c.name]) if m else last[c.name]
    return result


# ---------------------------------------------------------------------------
# Writing and running one test
# ---------------------------------------------------------------------------


def to_array(value):
    """A C-order array from a data set entry (ndarray, NumPy scalar or
    TensorProto)."""
    if isinstance(value, onnx.TensorProto):
        value = numpy_helper.to_array(value)
    return np.array(value, order="C")


def input_array(value):
    a = to_array(value)
    # seqc-run reads a bf16 input from an f32 file (docs/seqc-run.md).
    return a.astype(np.float32) if a.dtype.name == "bfloat16" else a


def expected_array(value):
    """The expected output in a dtype seqc-run reads, holding the same values."""
    a = to_array(value)
    if a.dtype in READABLE or a.dtype == object:
        return a
    if a.dtype.kind in "Vf":  # ml_dtypes (bfloat16, float8, int4, ...): f32 holds them exactly
        return a.astype(np.float32)
    if a.dtype.kind in "biu":  # bool, uint8, int16, uint16, uint32, uint64
        for t in (np.int8, np.int32, np.int64):
            if a.size == 0 or (a.min() >= np.iinfo(t).min and a.max() <= np.iinfo(t).max):
                return a.astype(t)
    return a


def tolerance(test):
    rtol, atol = test.case.rtol, test.case.atol
    for out in test.case.model.graph.output:
        floor = MIN_TOL.get(out.type.tensor_type.elem_type, (0.0, 0.0))
        rtol, atol = max(rtol, floor[0]), max(atol, floor[1])
    return rtol, atol


def write_test(test, test_dir):
    """Writes the model and each data set; returns the model's path and a
    list of (set dir, input paths, expected paths)."""
    if os.path.isdir(test_dir):
        shutil.rmtree(test_dir)        # no stale outputs from an earlier run
    os.makedirs(test_dir)
    model = os.path.join(test_dir, "model.onnx")
    # Shape-like inputs are bound from data set 0; every node test has one.
    m = EXPANDED.match(test.name)
    base = BASE_GRAPHS.get(m.group(1)) if m else None
    bound_model, _ = bind_shape_inputs(test.case.model, test.case.data_sets[0][0], base)
    onnx.save(bound_model, model)
    sets = []
    for k, (inputs, outputs) in enumerate(test.case.data_sets):
        _, inputs = bind_shape_inputs(test.case.model, inputs, base)
        set_dir = os.path.join(test_dir, f"data_set_{k}")
        os.makedirs(set_dir)
        ins = [os.path.join(set_dir, f"in{i}.npy") for i in range(len(inputs))]
        exps = [os.path.join(set_dir, f"exp{i}.npy") for i in range(len(outputs))]
        for path, value in zip(ins, inputs):
            np.save(path, input_array(value))
        for path, value in zip(exps, outputs):
            np.save(path, expected_array(value))
        sets.append((set_dir, ins, exps))
    return model, sets


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


def run_test(test, args):
    """Returns (status, one-line reason, detail text); status is "pass",
    "fail" or "dry"."""
    test_dir = os.path.join(args.workdir, test.name)
    model, sets = write_test(test, test_dir)
    name = ident(test.name)
    lib = os.path.join(test_dir, f"lib{name}.so")
    rtol, atol = tolerance(test)

    compile_cmd = [args.seqc, model, "-o", lib, f"--name={name}"]
    run_cmds = []
    for set_dir, ins, exps in sets:
        run_cmds.append([args.seqc_run, lib, *ins, "--output-dir", os.path.join(set_dir, "out"),
                         "--check", *exps, "--rtol", repr(rtol), "--atol", repr(atol)])
    if args.dry_run:
        return "dry", "", "\n".join("    " + shlex.join(c) for c in [compile_cmd, *run_cmds])

    rc, out = run_tool(compile_cmd, args.timeout)
    if rc is None:
        return "fail", f"compile timed out after {args.timeout:g}s", tail(out)
    if rc < 0:
        return "fail", f"seqc crashed (signal {-rc})", tail(out)
    if rc != 0:
        return "fail", f"compile error (exit {rc})", tail(out)
    if not os.path.isfile(lib):
        return "fail", "compile succeeded but wrote no library", tail(out)

    for k, cmd in enumerate(run_cmds):
        where = f" in data set {k}" if len(run_cmds) > 1 else ""
        rc, out = run_tool(cmd, args.timeout)
        if rc is None:
            return "fail", f"run timed out after {args.timeout:g}s{where}", tail(out)
        if rc < 0:
            return "fail", f"crash: seqc-run killed by signal {-rc}{where}", tail(out)
        if rc == 0:
            continue
        # seqc-run exits 1 both for a failed check and for any other error.
        if "MISMATCH" in out or "do not match" in out:
            return "fail", f"mismatch (rtol={rtol:g}, atol={atol:g}){where}", tail(out)
        return "fail", f"seqc-run error (exit {rc}){where}", tail(out)
    return "pass", "", ""


# ---------------------------------------------------------------------------
# The support table
# ---------------------------------------------------------------------------


def write_table(path, tests, results, ops, dry_run):
    """docs/onnx-support.md: one row per supported op and per op some
    selected test is counted under; sorted, without timings."""
    def new_row():
        return {"run": 0, "passed": 0, "not_run": 0, "failing": []}

    rows = {op: new_row() for op in ops}
    for t in tests:
        row = rows.setdefault(t.op, new_row())
        if not t.in_scope:
            row["not_run"] += 1
            continue
        row["run"] += 1
        status = results[t.name]
        if status == "pass":
            row["passed"] += 1
        elif status == "fail":
            row["failing"].append(t.name)

    run = sum(r["run"] for r in rows.values())
    passed = sum(r["passed"] for r in rows.values())
    lines = [
        "# ONNX operator support",
        "",
        "Which ONNX ops `seqc` compiles, measured by running the backend node",
        f"tests of onnx {onnx.__version__} through `seqc` and `seqc-run`",
        "(`test/Onnx/backend_node_tests.py`). Generated: after a build, run",
        "`scripts/update-onnx-support.sh` instead of editing this file.",
        "",
        "A test runs when seqc supports every op of its graph (subgraphs",
        "included), its opset is 13 or newer, and its inputs and outputs are",
        "tensors of a type seqc imports (float, double, float16, bfloat16,",
        "int8, int16, int32, int64, bool). Graph inputs that give shapes or",
        "axes are bound as initializers (seqc compiles static shapes). Each test is counted",
        "under one op: the op it tests, or, when it does not run, the first",
        "unsupported op of its graph. `_expanded` tests (an op's function body)",
        "count under the op they expand.",
        "",
    ]
    if dry_run:
        lines.append(f"Dry run: {run} of {len(tests)} tests in scope; none was run.")
    else:
        rate = f"{100.0 * passed / run:.1f}%" if run else "n/a"
        lines.append(f"In-scope tests run: {run} of {len(tests)}; passed: {passed} "
                     f"(pass rate {rate}).")
    lines += [
        "",
        "| Op | Domain | Tests run | Passed | Not run (unsupported op, type or opset) | Failing tests |",
        "|---|---|---:|---:|---:|---|",
    ]
    for (domain, op), r in sorted(rows.items(), key=lambda kv: (kv[0][1].lower(), kv[0])):
        failing = ", ".join(f"`{n}`" for n in sorted(r["failing"]))
        shown = "-" if dry_run else str(r["passed"])
        lines.append(f"| {op} | {domain} | {r['run']} | {shown} | {r['not_run']} | {failing} |")
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w") as fh:
        fh.write("\n".join(lines) + "\n")


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------


def read_names(path):
    with open(path) as fh:
        return [n for n in (line.split("#", 1)[0].strip() for line in fh) if n]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seqc", help="the seqc compiler")
    parser.add_argument("--seqc-run", help="the seqc-run tool")
    parser.add_argument("--workdir", help="where each test's files go (DIR/<test>/)")
    parser.add_argument("--ops-file", help="supported ops, `<domain> <op_type>` a line, "
                        "instead of `SEQC --list-onnx-ops`")
    parser.add_argument("--only", nargs="+", action="extend", metavar="SUBSTRING",
                        help="only tests whose name contains one of these")
    parser.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1,
                        help="tests run in parallel (default: one per CPU)")
    parser.add_argument("--timeout", type=float, default=120,
                        help="seconds allowed to each compile and each run")
    parser.add_argument("--table", metavar="OUT.md", help="write the per-op support table")
    parser.add_argument("--must-pass", metavar="FILE",
                        help="test names, one a line, whose failure fails the run")
    parser.add_argument("--min-pass-rate", type=float, default=0.95,
                        help="fail below this fraction of in-scope tests passing (default 0.95)")
    parser.add_argument("--list", action="store_true",
                        help="print the in-scope test names and exit")
    parser.add_argument("--dry-run", action="store_true",
                        help="write the tests' files and the table, run no tool")
    args = parser.parse_args(argv)

    required = [("--workdir", args.workdir)]
    if not args.dry_run:
        required += [("--seqc", args.seqc), ("--seqc-run", args.seqc_run)]
    missing = [flag for flag, value in required if not value]
    if missing and not args.list:
        parser.error("required unless --list: " + ", ".join(missing))

    ops = supported_ops(args)
    if args.dry_run:  # only printed
        args.seqc = args.seqc or "seqc"
        args.seqc_run = args.seqc_run or "seqc-run"
    cases = collect_cases()
    tested = tested_ops(cases)
    known = {c.name for c in cases}
    if args.only:
        cases = [c for c in cases if any(s in c.name for s in args.only)]
        if not cases:
            parser.error(f"no test matches {' '.join(args.only)!r}")
    BASE_GRAPHS.update({c.name: c.model.graph for c in cases})
    tests = [NodeTest(c, tested[c.name], ops) for c in cases]
    in_scope = [t for t in tests if t.in_scope]
    if args.list:
        for t in in_scope:
            print(t.name)
        return 0

    must_pass = read_names(args.must_pass) if args.must_pass else []
    unknown = [n for n in must_pass if n not in known]
    if unknown:
        parser.error(f"{args.must_pass}: no such test: {', '.join(unknown)}")

    args.workdir = os.path.abspath(args.workdir)
    os.makedirs(args.workdir, exist_ok=True)
    print(f"onnx {onnx.__version__}: {len(tests)} node tests, {len(in_scope)} in scope, "
          f"{len(tests) - len(in_scope)} not run (unsupported op, type or opset)", flush=True)

    results = {}
    passed = failed = 0
    with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as pool:
        futures = [pool.submit(run_test, t, args) for t in in_scope]
        # Reported in name order, each as soon as it and those before it end.
        for test, fut in zip(in_scope, futures):
            try:
                status, reason, detail = fut.result()
            except Exception as exc:  # a harness error fails the test, not the run
                status, reason, detail = "fail", f"harness error: {exc!r}", ""
            results[test.name] = status
            if status == "pass":
                passed += 1
                print(f"PASS {test.name}", flush=True)
            elif status == "dry":
                print(f"DRY {test.name}", flush=True)
            else:
                failed += 1
                print(f"FAIL {test.name}: {reason}", flush=True)
            if detail:
                print(detail, flush=True)

    if args.table:
        write_table(args.table, tests, results, ops, args.dry_run)

    status = 0
    if not args.dry_run and in_scope and passed / len(in_scope) < args.min_pass_rate:
        print(f"pass rate {passed / len(in_scope):.3f} is below --min-pass-rate "
              f"{args.min_pass_rate:g}")
        status = 1
    selected = {t.name for t in tests}   # --only may leave some out
    broken = [n for n in must_pass if n in selected and results.get(n) not in ("pass", "dry")]
    if broken:
        print("must-pass tests failing or not in scope: " + ", ".join(broken))
        status = 1
    print(f"{passed} passed, {failed} failed")
    return status


if __name__ == "__main__":
    sys.exit(main())
