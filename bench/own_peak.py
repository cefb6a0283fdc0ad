"""Run a command and write its own peak RSS (MB) to a file: `python -m bench.own_peak OUT CMD...`.

Linux carries a parent's high-water mark into a child it starts: at exec the kernel records
the peak of the memory the child leaves (which, after fork or vfork, is the parent's) as
the child's `ru_maxrss`. A command the bench started after synthesising 100 M measurements
in-process (6.7 GB) reported 6.7 GB whatever it used. This small launcher starts the
command itself, so the peak it reads of its child (RUSAGE_CHILDREN) is the command's own.
"""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path


def main(out: str, command: list[str]) -> int:
    code = subprocess.call(command)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    Path(out).write_text(f"{peak}\n", "utf-8")
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
