#!/usr/bin/env python3
"""Checks that the MLIR examples in Markdown docs parse and verify.

Every ```mlir block is run through seqc-opt. A block that is a whole
module or function is taken as it is; a block that is one op (as in the op
descriptions of docs/dialect.md) is wrapped in a function whose arguments
are the op's operands, typed from its functional type, so that the example
must be exactly right: operand count, types, attributes and verifier rules.

usage: check_doc_examples.py SEQC_OPT FILE.md [FILE.md ...]
"""

import re
import subprocess
import sys

BLOCK = re.compile(r"```mlir\n(.*?)```", re.S)


def split_top_level(text, sep=","):
    """Splits on `sep` outside (), <>, [] and {}."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "(<[{":
            depth += 1
        elif ch in ")>]}":
            depth -= 1
        elif ch == sep and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
    parts.append(text[start:].strip())
    return [p for p in parts if p]


def wrap_single_op(op_text):
    """Builds a function around one op: its operands become arguments."""
    flat = " ".join(op_text.split())
    results, _, rest = flat.partition(" = ")
    # The functional type follows the last top-level " : ".
    depth, colon = 0, -1
    for i, ch in enumerate(rest):
        if ch in "(<[{":
            depth += 1
        elif ch in ")>]}":
            depth -= 1
        elif ch == ":" and depth == 0:
            colon = i
    body, ftype = rest[:colon], rest[colon + 1:].strip()
    inputs_text, _, outputs_text = ftype.partition(" -> ")
    inputs = split_top_level(inputs_text.strip()[1:-1])
    outputs_text = outputs_text.strip()
    if outputs_text.startswith("("):
        outputs_text = outputs_text[1:-1]
    outputs = split_top_level(outputs_text)
    # Operand uses in order, attribute dictionaries excluded.
    uses = re.findall(r"%[\w.]+", re.sub(r"\{.*\}", "", body))
    if len(uses) != len(inputs):
        raise ValueError(f"{len(uses)} operands but {len(inputs)} types")
    args, seen = [], {}
    for name, ty in zip(uses, inputs):
        if name in seen:
            if seen[name] != ty:
                raise ValueError(f"{name} used with two types")
            continue
        seen[name] = ty
        args.append(f"{name}: {ty}")
    names = [r.strip() for r in results.split(",")]
    if len(names) != len(outputs):
        raise ValueError(f"{len(names)} results but {len(outputs)} types")
    return (f"func.func @example({', '.join(args)}) -> "
            f"({', '.join(outputs)}) {{\n  {flat}\n"
            f"  return {', '.join(names)} : {', '.join(outputs)}\n}}\n")


def main():
    seqc_opt, files = sys.argv[1], sys.argv[2:]
    checked, failures = 0, 0
    for path in files:
        text = open(path).read()
        for block in BLOCK.findall(text):
            line = text[:text.index(block)].count("\n") + 1
            try:
                if "func.func" in block or "module" in block:
                    source = block
                else:
                    source = wrap_single_op(block)
            except ValueError as err:
                print(f"{path}:{line}: cannot wrap example: {err}")
                failures += 1
                continue
            run = subprocess.run([seqc_opt, "-"], input=source, text=True,
                                 capture_output=True)
            checked += 1
            if run.returncode != 0:
                failures += 1
                print(f"{path}:{line}: example does not verify:\n{source}"
                      f"{run.stderr}")
    print(f"check_doc_examples: {checked} examples checked, "
          f"{failures} failed")
    return 1 if failures or not checked else 0


if __name__ == "__main__":
    sys.exit(main())
