#!/usr/bin/env python3
"""Writes a test model for the lit tests: `make_model.py NAME OUT.onnx`.

NAME is a case of onnx_cases.py, or one of the malformed models below
(each is wrong in exactly one way).
"""

import os
import sys

import numpy as np
import onnx
from onnx import TensorProto as T
from onnx import helper as h
from onnx import numpy_helper as nh

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import onnx_cases  # noqa: E402


def vi(name, shape, elem=T.FLOAT):
    return h.make_tensor_value_info(name, elem, shape)


def simple(nodes, inputs=None, outputs=None, inits=(), opset=21, extra=()):
    g = h.make_graph(nodes, "g", inputs or [vi("x", [2, 3])], outputs or [vi("y", None)],
                     list(inits))
    m = h.make_model(g, opset_imports=[h.make_opsetid("", opset)] +
                     [h.make_opsetid(d, v) for d, v in extra])
    m.ir_version = 10
    return m


def bad_models():
    return {
        "unknown_op": simple([h.make_node("Frobnicate", ["x"], ["y"], name="frob")]),
        "unknown_domain": simple([h.make_node("Relu", ["x"], ["y"], name="r",
                                              domain="org.example")]),
        "bad_attribute": simple([h.make_node("Gelu", ["x"], ["y"], name="gelu",
                                             approximate="cubic")]),
        "old_opset": simple([h.make_node("Relu", ["x"], ["y"], name="r")], opset=11),
        "missing_initializer": simple([h.make_node("MatMul", ["x", "w"], ["y"], name="mm")]),
        "dynamic_dim": simple([h.make_node("Relu", ["x"], ["y"], name="r")],
                              inputs=[vi("x", ["batch", 3])]),
        "shape_mismatch": simple([h.make_node("Add", ["x", "z"], ["y"], name="add")],
                                 inputs=[vi("x", [2, 3]), vi("z", [4, 3])]),
        "dtype_mismatch": simple([h.make_node("Add", ["x", "z"], ["y"], name="add")],
                                 inputs=[vi("x", [2, 3]), vi("z", [2, 3], T.INT32)]),
        "runtime_shape": simple([h.make_node("Reshape", ["x", "s"], ["y"], name="reshape")],
                                inputs=[vi("x", [2, 3]), vi("s", [1], T.INT64)]),
        "bad_custom_op": simple([h.make_node("SelectiveScan", ["x", "x", "x", "x", "x"], ["y"],
                                             name="scan", domain="seqc")], extra=[("seqc", 1)]),
        "la_bad_heads": simple(
            [h.make_node("LinearAttention", ["q", "q", "q"], ["y"], name="la",
                         q_num_heads=3, kv_num_heads=2, update_rule="linear")],
            inputs=[vi("q", [1, 4, 12])], opset=27),
        "loop_while_scan": simple(
            [h.make_node("Loop", ["", "c", "x"], ["y", "steps"], name="while",
                         body=h.make_graph(
                [h.make_node("ReduceSum", ["v"], ["s"], keepdims=0),
                 h.make_node("Less", ["s", "lim"], ["c_out"]),
                 h.make_node("Add", ["v", "v"], ["v2"]),
                 h.make_node("Identity", ["v2"], ["step"])],
                "body", [vi("i", [], T.INT64), vi("c_in", [], T.BOOL), vi("v", [2, 3])],
                [vi("c_out", [], T.BOOL), vi("v2", [2, 3]), vi("step", [2, 3])]))],
            outputs=[vi("y", None), vi("steps", None)],
            inits=[nh.from_array(np.array(True), "c"),
                   nh.from_array(np.array(100.0, np.float32), "lim")]),
        "uint8_input": simple([h.make_node("Relu", ["x"], ["y"], name="r")],
                              inputs=[vi("x", [2], T.UINT8)]),
        "short_initializer": simple(
            [h.make_node("Add", ["x", "w"], ["y"], name="add")],
            inits=[onnx.TensorProto(name="w", data_type=T.FLOAT, dims=[2, 3],
                                    raw_data=np.zeros(4, np.float32).tobytes())]),
    }


def main():
    name, out = sys.argv[1], sys.argv[2]
    bad = bad_models()
    if name == "truncated":
        data = onnx_cases.all_cases()[0].model.SerializeToString()
        with open(out, "wb") as fh:
            fh.write(data[: len(data) // 2])
        return 0
    if name == "external_data":
        # A weight stored next to the model (external_data), read at import.
        w = np.arange(12, dtype=np.float32).reshape(3, 4)
        m = simple([h.make_node("MatMul", ["x", "w"], ["y"], name="mm")],
                   inputs=[vi("x", [2, 3])], inits=[nh.from_array(w, "w")])
        onnx.save(m, out, save_as_external_data=True, all_tensors_to_one_file=True,
                  location=os.path.basename(out) + ".data", size_threshold=0)
        return 0
    if name == "reserved_names":
        # Graph names that are not C identifiers, or that the generated
        # header reserves (keywords, seqc_ names), or that collide.
        m = simple([h.make_node("Relu", ["NULL"], ["try"], name="r"),
                    h.make_node("Neg", ["input.1"], ["seqc_out"], name="n"),
                    h.make_node("Abs", ["NULL"], ["input_1"], name="a")],
                   inputs=[vi("NULL", [2]), vi("input.1", [2])],
                   outputs=[vi("try", None), vi("seqc_out", None), vi("input_1", None)])
        onnx.save(m, out)
        return 0
    if name in bad:
        onnx.save(bad[name], out)
        return 0
    for case in onnx_cases.all_cases():
        if case.name == name:
            onnx.save(case.model, out)
            return 0
    print(f"make_model.py: unknown model {name}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
