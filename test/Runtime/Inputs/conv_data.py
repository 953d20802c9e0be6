"""Writes .npy inputs and the expected output of Inputs/conv.mlir into a
folder, computed in plain Python (no NumPy needed):

  x.npy weight.npy bias.npy   inputs, f32 [2, 8, 16], [8, 4], [8]
  y.npy                       expected output, f32 [2, 8, 16]
  y_off.npy                   y with one element off by 0.01
  x_bad_shape.npy             f32 [2, 8, 15]
  x_f64.npy                   x as f64

usage: conv_data.py DIR
"""

import math
import os
import struct
import sys

B, D, L, W = 2, 8, 16, 4


def save(path, values, shape, descr="<f4"):
    """Writes a C-order .npy file (format 1.0)."""
    dims = ", ".join(str(n) for n in shape) + ("," if len(shape) == 1 else "")
    header = f"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({dims}), }}"
    header += " " * (63 - (10 + len(header)) % 64) + "\n"
    code = {"<f4": "f", "<f8": "d"}[descr]
    with open(path, "wb") as f:
        f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)))
        f.write(header.encode("latin1"))
        f.write(struct.pack(f"<{len(values)}{code}", *values))


def f32(v):
    return struct.unpack("<f", struct.pack("<f", v))[0]


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    x = [f32(math.sin(0.37 * i)) for i in range(B * D * L)]
    w = [f32(0.25 * math.cos(0.5 * i)) for i in range(D * W)]
    bias = [f32(0.1 * (i - D // 2)) for i in range(D)]
    y = []
    for b in range(B):
        for d in range(D):
            for t in range(L):
                s = bias[d] + sum(w[d * W + i] * x[(b * D + d) * L + t - W + 1 + i]
                                  for i in range(W) if t - W + 1 + i >= 0)
                y.append(s / (1.0 + math.exp(-s)))
    save(os.path.join(out, "x.npy"), x, (B, D, L))
    save(os.path.join(out, "weight.npy"), w, (D, W))
    save(os.path.join(out, "bias.npy"), bias, (D,))
    save(os.path.join(out, "y.npy"), y, (B, D, L))
    off = list(y)
    off[1 * D * L + 2 * L + 5] += 0.01
    save(os.path.join(out, "y_off.npy"), off, (B, D, L))
    save(os.path.join(out, "x_bad_shape.npy"), x[: B * D * (L - 1)], (B, D, L - 1))
    save(os.path.join(out, "x_f64.npy"), x, (B, D, L), "<f8")


if __name__ == "__main__":
    main()
