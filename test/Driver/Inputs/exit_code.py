"""Runs a command, prints its stdout and stderr (in that order) and then
its exit status as `[exit N]` (or `[signal N]` when it was killed), and
always exits 0, so that a test can FileCheck the exact status and that
nothing else was printed.

usage: exit_code.py COMMAND [ARG ...]
"""

import subprocess
import sys

run = subprocess.run(sys.argv[1:], capture_output=True)
sys.stdout.buffer.write(run.stdout)
sys.stdout.buffer.write(run.stderr)
status = run.returncode
print(f"[exit {status}]" if status >= 0 else f"[signal {-status}]")
