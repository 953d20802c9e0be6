#!/usr/bin/env python3
"""Builds an example ONNX model, compiles it with seqc, runs it with
seqc-run and compares the logits with the reference (ONNX Runtime for
gated_deltanet, NumPy for mamba_lm, whose seqc.SelectiveScan ONNX Runtime
cannot run).

usage: run_example.py {mamba_lm,gated_deltanet} --seqc SEQC --seqc-run SEQC_RUN
                      --workdir DIR
Tolerance: rtol 1e-3, atol 1e-4 on logits of magnitude ~1-10 (two layers
of f32 matmuls and 13-step recurrences, summed in different orders).
"""

import argparse
import os
import subprocess
import sys

import numpy as np
import onnx

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
os.environ["ALLOW_RELEASED_ONNX_OPSET_ONLY"] = "0"
import models  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("model", choices=["mamba_lm", "gated_deltanet"])
    p.add_argument("--seqc", required=True)
    p.add_argument("--seqc-run", required=True)
    p.add_argument("--workdir", required=True)
    args = p.parse_args()
    os.makedirs(args.workdir, exist_ok=True)
    model = getattr(models, args.model)()
    path = os.path.join(args.workdir, f"{args.model}.onnx")
    onnx.save(model, path)
    ids = models.input_ids()
    np.save(os.path.join(args.workdir, "input_ids.npy"), ids)
    if args.model == "mamba_lm":
        want = models.numpy_mamba_lm(model, ids)
    else:
        import onnxruntime as ort
        want = ort.InferenceSession(path, providers=["CPUExecutionProvider"]).run(
            None, {"input_ids": ids})[0]
    np.save(os.path.join(args.workdir, "logits_ref.npy"), want.astype(np.float32))
    lib = os.path.join(args.workdir, f"lib{args.model}.so")
    cmd = [args.seqc, path, "-o", lib,
           f"--shape=input_ids={models.BATCH}x{models.LENGTH}"]
    print("$", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True)
    cmd = [args.seqc_run, lib, os.path.join(args.workdir, "input_ids.npy"),
           "--output-dir", os.path.join(args.workdir, "out"),
           "--check", os.path.join(args.workdir, "logits_ref.npy"),
           "--rtol", "1e-3", "--atol", "1e-4"]
    print("$", " ".join(cmd), flush=True)
    return subprocess.run(cmd).returncode


if __name__ == "__main__":
    sys.exit(main())
