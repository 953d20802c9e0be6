#!/usr/bin/env python3
"""Writes a sample input for examples/mamba_block.mlir and its expected output.

Deterministic weights and input (test/reference/mamba_block.py, seed 0) go to
DIR/<argument name>.npy in argument order, and the NumPy reference output to
DIR/expected_out.npy, for seqc-run to load and check against.

usage: mamba_block_data.py DIR
"""

import os
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "test", "reference"))

from mamba_block import make_arguments, mamba_block  # noqa: E402

NAMES = ["x", "norm_w", "in_proj", "conv_w", "conv_b", "x_proj", "dt_proj",
         "dt_bias", "A", "D", "out_proj"]


def main():
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    args = make_arguments(seed=0)
    for name, value in zip(NAMES, args):
        np.save(os.path.join(out_dir, name + ".npy"), value.astype(np.float32))
    expected = mamba_block(*args).astype(np.float32)
    np.save(os.path.join(out_dir, "expected_out.npy"), expected)
    print(" ".join(os.path.join(out_dir, name + ".npy") for name in NAMES))


if __name__ == "__main__":
    main()
