#!/usr/bin/env python3
"""seqc benchmarks: generated code against baselines measured in the same run.

Each case compiles a small model with seqc, times it with seqc-run (median
over --repeat calls after a warm-up) and times a baseline on the same
machine in the same run:

- matmul (1024^3, 2048^3, at 1 and 2 threads), the matmuls of chunked
  linear attention (batches of 64x128 by 128x128 and 64x64 by 64x128):
  NumPy's matmul on OpenBLAS, run in a child process without the
  OPENBLAS_CORETYPE override some machines set (so OpenBLAS uses its best
  kernel for this CPU, which the table names), same thread count.
- GEMV 1x4096 by a constant 4096x4096 (an ONNX MatMul with an
  initializer): the bytes of the weights per call against a STREAM-style
  triad measured here.
- selective scan, causal conv1d: a plain C++ loop (bench/baselines/
  plain_loops.cpp, g++ -O3 -march=native, one thread); seqc is timed with
  one thread too, and with all cores. The scan's effective bandwidth is
  compared with a STREAM-style triad measured here.
- the Mamba block example: a float32 NumPy implementation (BLAS matmuls, the
  scan vectorized over channels and states).

usage: bench.py [--build DIR] [--repeat N] [--quick]
Prints a Markdown table; bench/README.md records a run.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

# OpenBLAS worker threads that spin after numpy work in this process would
# compete with the timed children for the two cores; every BLAS baseline
# runs in a child of its own instead (openblas_ms, numpy_child_ms).
os.environ["OPENBLAS_NUM_THREADS"] = "1"
import numpy as np  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True,
                          **kw).stdout


def seqc_ms(args, work, name, mlir, threads, repeat, inputs=None, seqc_args=()):
    """Compiles `mlir` (with `seqc_args`) and times it on `inputs` (arrays
    in argument order), or on seqc-run's random inputs."""
    path = os.path.join(work, name + ".mlir")
    lib = os.path.join(work, "lib" + name + ".so")
    with open(path, "w") as f:
        f.write(mlir)
    run([os.path.join(args.build, "bin", "seqc"), path, "-o", lib, *seqc_args])
    feed = ["--random-inputs", "--seed", "1"]
    if inputs is not None:
        feed = []
        for i, a in enumerate(inputs):
            feed.append(os.path.join(work, f"{name}_in{i}.npy"))
            np.save(feed[-1], a)
    out = run([os.path.join(args.build, "bin", "seqc-run"), lib, *feed,
               "--repeat", str(repeat), "--threads", str(threads),
               "--output-dir", work])
    return float(re.search(r"median latency ([0-9.]+) ms", out).group(1))


def seqc_onnx_ms(args, work, name, model, inputs, threads, repeat, seqc_args=()):
    """Compiles an ONNX model (inputs fix its shapes) and times it on
    those inputs."""
    import onnx
    path = os.path.join(work, name + ".onnx")
    lib = os.path.join(work, "lib" + name + ".so")
    onnx.save(model, path)
    shapes, files = [], []
    for i, (vi, a) in enumerate(zip(model.graph.input, inputs)):
        shapes.append(f"--shape={vi.name}=" + "x".join(map(str, a.shape)))
        files.append(os.path.join(work, f"{name}_in{i}.npy"))
        np.save(files[-1], a)
    run([os.path.join(args.build, "bin", "seqc"), path, "-o", lib, *shapes, *seqc_args])
    out = run([os.path.join(args.build, "bin", "seqc-run"), lib, *files,
               "--repeat", str(repeat), "--threads", str(threads),
               "--output-dir", work])
    return float(re.search(r"median latency ([0-9.]+) ms", out).group(1)), path


def ort_ms(path, feeds, threads, repeat):
    """Median ms of ONNX Runtime (CPU, `threads` intra-op threads) on
    `feeds`, in a child process: its spinning worker threads must not
    outlive the measurement next to the timed seqc runs."""
    inputs = path + ".feeds.npz"
    np.savez(inputs, **feeds)
    setup = ("import os\n"
             "os.environ['ALLOW_RELEASED_ONNX_OPSET_ONLY'] = '0'\n"
             "import numpy as np, onnxruntime as ort\n"
             "options = ort.SessionOptions()\n"
             f"options.intra_op_num_threads = {threads}\n"
             "options.log_severity_level = 3\n"
             f"session = ort.InferenceSession({path!r}, options, "
             "providers=['CPUExecutionProvider'])\n"
             f"feeds = dict(np.load({inputs!r}))")
    return numpy_child_ms(setup, "session.run(None, feeds)", threads, repeat)


def linear_attention_model(B, L, H, K, rule, V=None, past=False):
    """One ONNX LinearAttention (opset 27) with the given update rule, and
    inputs like a model's: unit-normal q, k, v (keys L2-normalized for the
    delta rules), log-decays in [-0.2, 0), beta in (0, 1), and with `past`
    a state [B, H, K, V] ~ N(0, 0.1) (a decode step). V defaults to K."""
    import onnx.helper as h
    from onnx import TensorProto as T
    rng = np.random.default_rng(0)
    V = V or K
    feeds = {n: rng.standard_normal((B, L, H * (V if n == "v" else K))).astype(np.float32)
             for n in "qkv"}
    if "delta" in rule:
        k = feeds["k"].reshape(B, L, H, K)
        feeds["k"] = (k / np.linalg.norm(k, axis=-1, keepdims=True)).reshape(B, L, H * K)
    names = ["q", "k", "v", ""]
    if past:
        feeds["past"] = (0.1 * rng.standard_normal((B, H, K, V))).astype(np.float32)
        names[3] = "past"
    if rule in ("gated", "gated_delta"):
        feeds["g"] = -rng.uniform(1e-3, 0.2, (B, L, H)).astype(np.float32)
    names.append("g" if "g" in feeds else "")
    if "delta" in rule:
        feeds["beta"] = rng.uniform(0, 1, (B, L, H)).astype(np.float32)
        names.append("beta")
    inputs = [h.make_tensor_value_info(n, T.FLOAT, list(a.shape)) for n, a in feeds.items()]
    node = h.make_node("LinearAttention", names, ["o", "s"], q_num_heads=H,
                       kv_num_heads=H, update_rule=rule)
    graph = h.make_graph([node], "la", inputs,
                         [h.make_tensor_value_info("o", T.FLOAT, None),
                          h.make_tensor_value_info("s", T.FLOAT, None)])
    model = h.make_model(graph, opset_imports=[h.make_opsetid("", 27)])
    return model, feeds


def scan_step_mlir(B, D, N, G):
    u, s, bc = f"tensor<{B}x{D}xf32>", f"tensor<{B}x{D}x{N}xf32>", f"tensor<{B}x{G}x{N}xf32>"
    return f"""
func.func @main(%u: {u}, %dt: {u}, %A: tensor<{D}x{N}xf32>, %B: {bc}, %C: {bc}, %D: tensor<{D}xf32>, %z: {u}, %bias: tensor<{D}xf32>, %h: {s}) -> ({u}, {s}) {{
  %y, %h1 = seq.selective_scan_step %u, %dt, %A, %B, %C D(%D) z(%z) delta_bias(%bias) state(%h) {{delta_softplus}}
      : ({u}, {u}, tensor<{D}x{N}xf32>, {bc}, {bc}, tensor<{D}xf32>, {u}, tensor<{D}xf32>, {s}) -> ({u}, {s})
  return %y, %h1 : {u}, {s}
}}
"""


def gla_mlir(B, L, H, K):
    t = f"tensor<{B}x{H}x{L}x{K}xf32>"
    return (f"func.func @main(%q: {t}, %k: {t}, %v: {t}, %g: {t}) -> {t} {{\n"
            f"  %o = seq.linear_attention %q, %k, %v decay<vector> gate(%g) update<additive>"
            f" : ({t}, {t}, {t}, {t}) -> {t}\n"
            f"  return %o : {t}\n}}\n")


def ssd_mlir(B, L, H, P, N):
    x, t, g = f"tensor<{B}x{L}x{H}x{P}xf32>", f"tensor<{B}x{L}x{H}xf32>", f"tensor<{B}x{L}x1x{N}xf32>"
    return (f"func.func @main(%x: {x}, %dt: {t}, %A: tensor<{H}xf32>, %B: {g}, %C: {g}) -> {x} {{\n"
            f"  %y = seq.ssd %x, %dt, %A, %B, %C : ({x}, {t}, tensor<{H}xf32>, {g}, {g}) -> {x}\n"
            f"  return %y : {x}\n}}\n")


def ssd_inputs(B, L, H, P, N):
    rng = np.random.default_rng(0)
    return [rng.standard_normal((B, L, H, P)).astype(np.float32),
            rng.uniform(1e-3, 0.1, (B, L, H)).astype(np.float32),
            -rng.uniform(1, 16, H).astype(np.float32),
            rng.standard_normal((B, L, 1, N)).astype(np.float32),
            rng.standard_normal((B, L, 1, N)).astype(np.float32)]


def scan_body_model(B, D, L, N):
    """A Mamba-1 step written as an ONNX Scan body (raised by seqc)."""
    sys.path.insert(0, os.path.join(ROOT, "test", "Onnx"))
    import onnx_cases
    from onnx import helper as h
    from onnx import TensorProto as T
    case = onnx_cases.scan_raised_selective_scan()
    g = case.model.graph
    body = g.node[0].attribute[0].g
    for vi in list(body.input) + list(body.output):
        dims = {"h": [B, D, N], "h2": [B, D, N], "dt_t": [B, D], "u_t": [B, D],
                "y_t": [B, D], "B_t": [B, N], "C_t": [B, N]}[vi.name]
        vi.CopyFrom(h.make_tensor_value_info(vi.name, T.FLOAT, dims))
    shapes = {"h0": [B, D, N], "dt": [B, L, D], "u": [B, L, D], "B": [B, L, N],
              "C": [B, L, N]}
    for vi in g.input:
        vi.CopyFrom(h.make_tensor_value_info(vi.name, T.FLOAT, shapes[vi.name]))
    A = -np.exp(np.random.default_rng(0).standard_normal((D, N))).astype(np.float32)
    from onnx import numpy_helper as nh
    g.initializer[0].CopyFrom(nh.from_array(A, "A"))
    r = np.random.default_rng(1)
    feeds = {"h0": np.zeros((B, D, N), np.float32),
             "dt": r.uniform(0.01, 0.2, (B, L, D)).astype(np.float32),
             "u": r.standard_normal((B, L, D)).astype(np.float32),
             "B": r.standard_normal((B, L, N)).astype(np.float32),
             "C": r.standard_normal((B, L, N)).astype(np.float32)}
    return case.model, feeds


def median_ms(fn, repeat):
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1e3)
    return sorted(times)[len(times) // 2]


def cpu_summary():
    """The CPU model and its vector flags, to record with the results."""
    model, flags = "?", []
    with open("/proc/cpuinfo") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key.strip() == "model name" and model == "?":
                model = value.strip()
            if key.strip() == "flags" and not flags:
                flags = [x for x in value.split()
                         if x.startswith(("avx", "fma", "amx")) or x == "f16c"]
    return f"CPU: {model}, {os.cpu_count()} cores; flags: {' '.join(flags)}"


def triad_gbs(n=1 << 25, repeat=5):
    """STREAM-style triad a = b + s*c (one thread, numpy), in GB/s."""
    b = np.random.rand(n).astype(np.float32)
    c = np.random.rand(n).astype(np.float32)
    a = np.empty_like(b)

    def triad():
        np.multiply(c, np.float32(3.0), out=a)
        np.add(a, b, out=a)

    ms = median_ms(triad, repeat)
    # multiply reads c, writes a; add reads a and b, writes a.
    return 5 * 4 * n / (ms * 1e-3) / 1e9


OPENBLAS_CHILD = r"""
import json, sys, time
import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits
shapes, threads, repeat = json.loads(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
core = [i.get("architecture") for i in threadpool_info() if i["internal_api"] == "openblas"]
out = []
with threadpool_limits(threads):
    for batch, m, k, n in shapes:
        a = np.random.rand(batch, m, k).astype(np.float32)
        b = np.random.rand(batch, k, n).astype(np.float32)
        if batch == 1:
            a, b = a[0], b[0]
        a @ b
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            a @ b
            times.append(time.perf_counter() - t0)
        out.append(sorted(times)[len(times) // 2] * 1e3)
print(json.dumps({"core": core[0] if core else "?", "ms": out}))
"""


def openblas_ms(shapes, threads, repeat):
    """Median ms of NumPy's matmul for each (batch, m, k, n), and the
    OpenBLAS kernel it ran, in a child without the OPENBLAS_* overrides."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENBLAS_")}
    out = subprocess.run([sys.executable, "-c", OPENBLAS_CHILD, json.dumps(shapes),
                          str(threads), str(repeat)], check=True,
                         capture_output=True, text=True, env=env).stdout
    result = json.loads(out)
    return result["ms"], result["core"]


NUMPY_CHILD = r"""
import sys, time
sys.path.insert(0, {bench!r})
sys.path.insert(0, {reference!r})
from threadpoolctl import threadpool_limits
{setup}
with threadpool_limits({threads}):
    run = lambda: {stmt}
    run()
    times = []
    for _ in range({repeat}):
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
print(sorted(times)[len(times) // 2] * 1e3)
"""


def numpy_child_ms(setup, stmt, threads, repeat):
    """Median ms of `stmt` after `setup`, in a child where OpenBLAS uses
    `threads` threads and its own kernel for this CPU."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENBLAS_")}
    code = NUMPY_CHILD.format(bench=os.path.join(ROOT, "bench"),
                              reference=os.path.join(ROOT, "test", "reference"),
                              setup=setup, stmt=stmt, threads=threads,
                              repeat=repeat)
    out = subprocess.run([sys.executable, "-c", code], check=True,
                         capture_output=True, text=True, env=env).stdout
    return float(out.strip().splitlines()[-1])


def gemv_model(k, n):
    """y = x @ W with W a 4-byte-float initializer: the decode GEMV."""
    from onnx import TensorProto, helper, numpy_helper
    w = np.random.default_rng(0).standard_normal((k, n)).astype(np.float32)
    graph = helper.make_graph(
        [helper.make_node("MatMul", ["x", "W"], ["y"])], "gemv",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, k])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, n])],
        [numpy_helper.from_array(w, "W")])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 18)])


def batch_matmul_mlir(batch, m, k, n):
    a, b, c = (f"tensor<{batch}x{m}x{k}xf32>", f"tensor<{batch}x{k}x{n}xf32>",
               f"tensor<{batch}x{m}x{n}xf32>")
    return f"""
func.func @main(%a: {a}, %b: {b}) -> {c} {{
  %zero = arith.constant 0.0 : f32
  %init = tensor.empty() : {c}
  %c = linalg.fill ins(%zero : f32) outs(%init : {c}) -> {c}
  %r = linalg.batch_matmul ins(%a, %b : {a}, {b}) outs(%c : {c}) -> {c}
  return %r : {c}
}}
"""


def matmul_mlir(m, k, n):
    return f"""
func.func @main(%a: tensor<{m}x{k}xf32>, %b: tensor<{k}x{n}xf32>) -> tensor<{m}x{n}xf32> {{
  %zero = arith.constant 0.0 : f32
  %init = tensor.empty() : tensor<{m}x{n}xf32>
  %c = linalg.fill ins(%zero : f32) outs(%init : tensor<{m}x{n}xf32>) -> tensor<{m}x{n}xf32>
  %r = linalg.matmul ins(%a, %b : tensor<{m}x{k}xf32>, tensor<{k}x{n}xf32>) outs(%c : tensor<{m}x{n}xf32>) -> tensor<{m}x{n}xf32>
  return %r : tensor<{m}x{n}xf32>
}}
"""


def scan_mlir(B, D, L, N, G):
    u = f"tensor<{B}x{D}x{L}xf32>"
    bc = f"tensor<{B}x{G}x{N}x{L}xf32>"
    return f"""
func.func @main(%u: {u}, %dt: {u}, %A: tensor<{D}x{N}xf32>, %B: {bc}, %C: {bc}, %D: tensor<{D}xf32>, %z: {u}, %bias: tensor<{D}xf32>) -> {u} {{
  %y = seq.selective_scan %u, %dt, %A, %B, %C D(%D) z(%z) delta_bias(%bias) {{delta_softplus}}
      : ({u}, {u}, tensor<{D}x{N}xf32>, {bc}, {bc}, tensor<{D}xf32>, {u}, tensor<{D}xf32>) -> {u}
  return %y : {u}
}}
"""


def conv_mlir(B, D, L, W):
    x = f"tensor<{B}x{D}x{L}xf32>"
    return f"""
func.func @main(%x: {x}, %w: tensor<{D}x{W}xf32>, %b: tensor<{D}xf32>) -> {x} {{
  %y = seq.causal_conv1d %x, %w bias(%b) activation<silu> : ({x}, tensor<{D}x{W}xf32>, tensor<{D}xf32>) -> {x}
  return %y : {x}
}}
"""


def numpy_mamba_block(x, norm_w, in_proj, conv_w, conv_b, x_proj, dt_proj,
                      dt_bias, A, D, out_proj):
    """A float32 NumPy Mamba block, vectorized as a framework would run it."""
    Bsz, L, dm = x.shape
    h = x / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + 1e-5) * norm_w
    xz = h.reshape(-1, dm) @ in_proj
    di = in_proj.shape[1] // 2
    xi = xz[:, :di].reshape(Bsz, L, di)
    z = xz[:, di:].reshape(Bsz, L, di)
    W = conv_w.shape[1]
    padded = np.concatenate([np.zeros((Bsz, W - 1, di), np.float32), xi], 1)
    xc = conv_b + sum(padded[:, i:i + L] * conv_w[:, i] for i in range(W))
    xc = xc / (1 + np.exp(-xc))
    dbc = xc.reshape(-1, di) @ x_proj
    r = dt_proj.shape[0]
    N = A.shape[1]
    dt = (dbc[:, :r] @ dt_proj).reshape(Bsz, L, di) + dt_bias
    dt = np.where(dt > 20, dt, np.log1p(np.exp(np.minimum(dt, 20))))
    Bm = dbc[:, r:r + N].reshape(Bsz, L, N)
    Cm = dbc[:, r + N:].reshape(Bsz, L, N)
    state = np.zeros((Bsz, di, N), np.float32)
    ys = np.empty((Bsz, L, di), np.float32)
    for t in range(L):
        dA = np.exp(dt[:, t, :, None] * A)
        state = dA * state + (dt[:, t] * xc[:, t])[:, :, None] * Bm[:, t, None]
        ys[:, t] = np.einsum("bdn,bn->bd", state, Cm[:, t])
    y = (ys + D * xc) * (z / (1 + np.exp(-z)))
    return x + (y.reshape(-1, di) @ out_proj).reshape(Bsz, L, dm)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--quick", action="store_true",
                        help="smaller sizes (a smoke run)")
    parser.add_argument("--only", default=None,
                        help="comma-separated sections to run (matmul, bmm, gemv, scan, "
                             "conv, mamba, gdn, scan_onnx, la, gla, ssd, decode); default all")
    args = parser.parse_args()
    sections = None if args.only is None else set(args.only.split(","))

    def want(section):
        return sections is None or section in sections
    threads = os.cpu_count()
    work = tempfile.mkdtemp(prefix="seqc-bench-")
    rows = []

    loops = os.path.join(work, "plain_loops")
    run(["g++", "-O3", "-march=native", "-o", loops,
         os.path.join(ROOT, "bench", "baselines", "plain_loops.cpp")])

    triad = triad_gbs()
    rows.append(("triad a = b + 3c (NumPy, 1 thread)", "-", f"{triad:.1f} GB/s",
                 "-", "reference bandwidth"))

    def against_openblas(label, name, mlir, shape, digits, note):
        """A seqc product against OpenBLAS on `shape` = (batch, m, k, n),
        at one thread and at all."""
        flops = 2 * shape[0] * shape[1] * shape[2] * shape[3]
        for t in sorted({1, threads}):
            ms = seqc_ms(args, work, name, mlir, t, args.repeat)
            (base,), core = openblas_ms([shape], t, args.repeat)
            rows.append((f"{label}, {t} thread{'s' if t > 1 else ''}",
                         f"{ms:.{digits}f} ms ({flops / ms / 1e6:.1f} GFLOP/s)",
                         f"OpenBLAS ({core}) {base:.{digits}f} ms "
                         f"({flops / base / 1e6:.1f} GFLOP/s)",
                         f"{base / ms:.2f}x", note))

    if want("matmul"):
        for size in ([256] if args.quick else [1024, 2048]):
            against_openblas(f"matmul {size}^3 f32", f"matmul{size}",
                             matmul_mlir(size, size, size), (1, size, size, size), 2,
                             "same thread count")

    if want("bmm"):
        # The matmuls of chunked linear attention: per (batch, head, chunk) a
        # 64x128 (Q) by 128x128 (state), and a 64x64 (scores) by 64x128 (V).
        chunks = 8 if args.quick else 64
        for m, k, n in ((64, 128, 128), (64, 64, 128)):
            against_openblas(f"{chunks} x ({m}x{k} by {k}x{n}) f32", f"bmm{m}x{k}x{n}",
                             batch_matmul_mlir(chunks, m, k, n), (chunks, m, k, n), 3,
                             "chunked linear-attention shapes")

    if want("gemv"):
        # Decode: a GEMV streaming constant weights, against the triad.
        k = n = 1024 if args.quick else 4096
        for t in sorted({1, threads}):
            ms, _ = seqc_onnx_ms(args, work, "gemv", gemv_model(k, n),
                                 [np.random.rand(1, k).astype(np.float32)], t, args.repeat * 5)
            gbs = 4 * k * n / (ms * 1e-3) / 1e9
            rows.append((f"GEMV 1x{k} by constant {k}x{n} f32, {t} thread{'s' if t > 1 else ''}",
                         f"{ms:.3f} ms ({gbs:.1f} GB/s of weights)",
                         f"triad {triad:.1f} GB/s (1 thread)", f"{gbs / triad:.2f} of triad", ""))

    if want("scan"):
        B, D, L, N, G = (1, 256, 256, 16, 1) if args.quick else (1, 1536, 2048, 16, 1)
        mlir = scan_mlir(B, D, L, N, G)
        # The C++ loop's distributions: A in [-2, -0.5] (decaying states;
        # seqc-run's random inputs would let them grow into denormals and
        # infinities), the rest in [-1, 1].
        r = np.random.default_rng(0)
        uni = lambda *shape: r.uniform(-1, 1, shape).astype(np.float32)  # noqa: E731
        scan_inputs = [uni(B, D, L), uni(B, D, L),
                       r.uniform(-2, -0.5, (D, N)).astype(np.float32),
                       uni(B, G, N, L), uni(B, G, N, L), uni(D), uni(B, D, L), uni(D)]
        ms1 = seqc_ms(args, work, "scan", mlir, 1, args.repeat, scan_inputs)
        msn = seqc_ms(args, work, "scan", mlir, threads, args.repeat, scan_inputs)
        base = float(run([loops, "scan", str(B), str(D), str(L), str(N), str(G),
                          str(args.repeat)]))
        moved = 4 * (4 * B * D * L + 2 * B * G * N * L)  # u, dt, z, out; B, C
        rows.append((f"selective_scan B{B} D{D} L{L} N{N}",
                     f"{ms1:.2f} ms (1 thread), {msn:.2f} ms ({threads})",
                     f"C++ loop {base:.2f} ms (1 thread)", f"{base / ms1:.2f}x",
                     f"{moved / (msn * 1e-3) / 1e9:.2f} GB/s = "
                     f"{moved / (msn * 1e-3) / 1e9 / triad:.2f} of triad"))

    if want("conv"):
        B, D, L = (1, 256, 256) if args.quick else (1, 1536, 1024)
        W = 4
        mlir = conv_mlir(B, D, L, W)
        ms1 = seqc_ms(args, work, "conv", mlir, 1, args.repeat)
        msn = seqc_ms(args, work, "conv", mlir, threads, args.repeat)
        base = float(run([loops, "conv", str(B), str(D), str(L), str(W),
                          str(args.repeat)]))
        moved = 4 * 2 * B * D * L
        rows.append((f"causal_conv1d B{B} D{D} L{L} W{W}",
                     f"{ms1:.2f} ms (1 thread), {msn:.2f} ms ({threads})",
                     f"C++ loop {base:.2f} ms (1 thread)", f"{base / ms1:.2f}x",
                     f"{moved / (msn * 1e-3) / 1e9:.2f} GB/s = "
                     f"{moved / (msn * 1e-3) / 1e9 / triad:.2f} of triad"))

    if want("mamba"):
        with open(os.path.join(ROOT, "examples", "mamba_block.mlir")) as f:
            example = f.read()
        ms = seqc_ms(args, work, "mamba_block", example, threads, args.repeat)
        base = numpy_child_ms(
            "import numpy as np, bench\n"
            "from mamba_block import make_arguments\n"
            "block = [a.astype(np.float32) for a in make_arguments(seed=0)]",
            "bench.numpy_mamba_block(*block)", threads, args.repeat)
        rows.append(("Mamba-1 block (examples/), B2 L50 d256",
                     f"{ms:.2f} ms ({threads} threads)",
                     f"NumPy f32 {base:.2f} ms", f"{base / ms:.2f}x", ""))

    if want("gdn"):
        # ONNX models through the frontend, against ONNX Runtime (CPU, same
        # thread count) on the same inputs.
        sys.path.insert(0, os.path.join(ROOT, "examples", "onnx"))
        import models
        sizes = ([(1, 64, 32, 4, 8)] if args.quick
                 else [(4, 256, 256, 8, 32), (1, 512, 512, 8, 64)])
        for batch, length, d_model, heads, d_head in sizes:
            models.BATCH, models.LENGTH = batch, length
            models.D_MODEL, models.HEADS, models.D_HEAD = d_model, heads, d_head
            models.VOCAB = 512
            model = models.gated_deltanet()
            ids = models.input_ids()
            ms, path = seqc_onnx_ms(args, work, "gdn", model, [ids], threads, args.repeat)
            base = ort_ms(path, {"input_ids": ids}, threads, args.repeat)
            rows.append((f"Gated-DeltaNet LM (ONNX, 2 layers) B{batch} "
                         f"L{length} d{d_model} H{heads}x{d_head}",
                         f"{ms:.2f} ms ({threads} threads)",
                         f"ONNX Runtime {base:.2f} ms", f"{base / ms:.2f}x",
                         "LinearAttention + CausalConvWithState"))

    if want("scan_onnx"):
        B, D, L, N = (1, 64, 128, 16) if args.quick else (1, 512, 512, 16)
        model, feeds = scan_body_model(B, D, L, N)
        ms, path = seqc_onnx_ms(args, work, "scan_onnx", model,
                                [feeds[vi.name] for vi in model.graph.input],
                                threads, args.repeat)
        base = ort_ms(path, feeds, threads, max(3, args.repeat // 4))
        rows.append((f"ONNX Scan with a selective-scan body B{B} D{D} L{L} N{N}",
                     f"{ms:.2f} ms ({threads} threads)",
                     f"ONNX Runtime {base:.2f} ms", f"{base / ms:.2f}x",
                     "raised to seq.selective_scan"))

    if want("la"):
        # Chunked forms (the tiled phase) against the recurrent form of seqc
        # itself and ONNX Runtime's LinearAttention, on the same inputs.
        recurrent = ["--chunking=never"]
        B, L, H, K = (1, 512, 2, 64) if args.quick else (1, 4096, 8, 128)
        for rule in ("gated", "linear", "gated_delta"):
            model, feeds = linear_attention_model(B, L, H, K, rule)
            inputs = list(feeds.values())
            for t in (1, threads):
                ms, path = seqc_onnx_ms(args, work, "la_" + rule, model, inputs, t, args.repeat)
                rec, _ = seqc_onnx_ms(args, work, "la_rec_" + rule, model, inputs, t,
                                      args.repeat, recurrent)
                base = ort_ms(path, feeds, t, max(3, args.repeat // 4))
                rows.append((f"LinearAttention {rule} B{B} H{H} L{L} K=V={K}, {t} thread(s)",
                             f"{ms:.2f} ms chunked, {rec:.2f} ms recurrent",
                             f"ONNX Runtime {base:.2f} ms", f"{base / ms:.2f}x",
                             f"chunked {rec / ms:.2f}x the recurrent form"))
    if want("gla"):
        # GLA (per-key-dim gate) written in MLIR, head-major; log-gates in
        # [-0.2, 0).
        recurrent = ["--chunking=never"]
        B, L, H, K = (1, 512, 2, 64) if args.quick else (1, 4096, 8, 128)
        r = np.random.default_rng(0)
        gla_inputs = [r.standard_normal((B, H, L, K)).astype(np.float32) for _ in range(3)]
        gla_inputs.append(-r.uniform(1e-3, 0.2, (B, H, L, K)).astype(np.float32))
        for t in (1, threads):
            ms = seqc_ms(args, work, "gla", gla_mlir(B, L, H, K), t, args.repeat, gla_inputs)
            rec = seqc_ms(args, work, "gla_rec", gla_mlir(B, L, H, K), t,
                          max(3, args.repeat // 4), gla_inputs, recurrent)
            rows.append((f"GLA (decay vector) B{B} H{H} L{L} K=V={K}, {t} thread(s)",
                         f"{ms:.2f} ms chunked", f"seqc recurrent {rec:.2f} ms",
                         f"{rec / ms:.2f}x", "sub-chunks of 8"))
    if want("ssd"):
        recurrent = ["--chunking=never"]
        B, L, H, P, N = (1, 512, 4, 64, 64) if args.quick else (1, 4096, 24, 64, 128)
        mlir, inputs = ssd_mlir(B, L, H, P, N), ssd_inputs(B, L, H, P, N)
        # ONNX Runtime has no SSD: its LinearAttention with the gated rule
        # computes the same recurrence with C and B repeated per head
        # (q, k: [B, L, H*N], v = dt x: [B, L, H*P], g = dt A), scale 1.
        import onnx
        la, la_feeds = linear_attention_model(B, L, H, N, "gated", V=P)
        la.graph.node[0].attribute.append(onnx.helper.make_attribute("scale", 1.0))
        la_path = os.path.join(work, "ssd_as_la.onnx")
        onnx.save(la, la_path)
        for t in (1, threads):
            ms = seqc_ms(args, work, "ssd", mlir, t, args.repeat, inputs)
            rec = seqc_ms(args, work, "ssd_rec", mlir, t, max(3, args.repeat // 4), inputs,
                          recurrent)
            ort = ort_ms(la_path, la_feeds, t, max(3, args.repeat // 4))
            rows.append((f"SSD B{B} H{H} P{P} N{N} G1 L{L}, {t} thread(s)",
                         f"{ms:.2f} ms chunked",
                         f"seqc recurrent {rec:.2f} ms; ONNX Runtime LinearAttention "
                         f"(gated, C and B per head) {ort:.2f} ms",
                         f"{rec / ms:.2f}x recurrent, {ort / ms:.2f}x ONNX Runtime",
                         "through chunked linear attention"))

    if want("decode"):
        # One token with the state in and out: ONNX LinearAttention with
        # T = 1 and a past state against ONNX Runtime, and the selective
        # scan's step against the plain C++ loop at L = 1 (which starts
        # from a zero state).
        B, H, K = (1, 2, 64) if args.quick else (1, 8, 128)
        for rule in ("gated", "gated_delta"):
            model, feeds = linear_attention_model(B, 1, H, K, rule, past=True)
            inputs = list(feeds.values())
            for t in (1, threads):
                ms, path = seqc_onnx_ms(args, work, "la_step_" + rule, model, inputs, t,
                                        args.repeat * 20)
                base = ort_ms(path, feeds, t, args.repeat * 20)
                rows.append((f"LinearAttention {rule} decode step B{B} H{H} K=V={K}, "
                             f"{t} thread(s)", f"{ms * 1e3:.1f} us",
                             f"ONNX Runtime {base * 1e3:.1f} us", f"{base / ms:.2f}x",
                             "state in and out"))
        # The GLA step (per-key-dim gate), written in MLIR.
        t1, ts = f"tensor<{B}x{H}x{K}xf32>", f"tensor<{B}x{H}x{K}x{K}xf32>"
        gla_step = (
            f"func.func @main(%q: {t1}, %k: {t1}, %v: {t1}, %g: {t1}, %s: {ts}) -> ({t1}, {ts}) {{\n"
            f"  %o, %s1 = seq.linear_attention_step %q, %k, %v decay<vector> gate(%g)"
            f" update<additive> state(%s) : ({t1}, {t1}, {t1}, {t1}, {ts}) -> ({t1}, {ts})\n"
            f"  return %o, %s1 : {t1}, {ts}\n}}\n")
        r = np.random.default_rng(0)
        gla_step_inputs = [r.standard_normal((B, H, K)).astype(np.float32) for _ in range(3)]
        gla_step_inputs += [-r.uniform(1e-3, 0.2, (B, H, K)).astype(np.float32),
                            (0.1 * r.standard_normal((B, H, K, K))).astype(np.float32)]
        for t in (1, threads):
            ms = seqc_ms(args, work, "gla_step", gla_step, t, args.repeat * 20,
                         gla_step_inputs)
            rows.append((f"GLA (decay vector) decode step B{B} H{H} K=V={K}, {t} thread(s)",
                         f"{ms * 1e3:.1f} us", "-", "-", "state in and out"))
        B, D, N, G = (1, 256, 16, 1) if args.quick else (1, 1536, 16, 1)
        r = np.random.default_rng(0)
        step_inputs = [r.standard_normal((B, D)), r.standard_normal((B, D)) * 0.5 - 1,
                       -np.exp(r.standard_normal((D, N)) * 0.5), r.standard_normal((B, G, N)),
                       r.standard_normal((B, G, N)), r.standard_normal(D),
                       r.standard_normal((B, D)), 0.1 * r.standard_normal(D),
                       0.1 * r.standard_normal((B, D, N))]
        step_inputs = [a.astype(np.float32) for a in step_inputs]
        for t in (1, threads):
            ms = seqc_ms(args, work, "scan_step", scan_step_mlir(B, D, N, G), t,
                         args.repeat * 20, step_inputs)
            rows.append((f"selective_scan_step B{B} D{D} N{N}, {t} thread(s)",
                         f"{ms * 1e3:.1f} us", "-", "-", "state in and out"))
        base = float(run([loops, "scan", str(B), str(D), "1", str(N), str(G),
                          str(args.repeat * 20)]))
        rows.append((f"selective_scan_step B{B} D{D} N{N} baseline", "-",
                     f"C++ loop (L = 1) {base * 1e3:.1f} us", "-", "1 thread"))

    print(cpu_summary())
    print()
    print("| case | seqc | baseline | speed-up | notes |")
    print("|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
