"""Run a build command so that what several builds of one `make` run report is
printed once: `python scripts/once.py RUN_DIR -- COMMAND…` (the Makefile's `ONCE`).

The two editions build at once (`make -j`) from the same data and chapters, so a
mistake in them is reported by both, word for word. Each line of the command's
output (stdout and stderr, as it comes) is printed unless a build of the same run
(RUN_DIR, one per `make` invocation) printed it already. A failed build then waits
for the other builds of the run to end before it exits, so make's own lines about
the failure ("Error 1", "Waiting for unfinished jobs") come after all the problems,
not between them. The exit status is the command's.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

OLD = 24 * 3600  # run folders of earlier make runs older than this are removed


def main(argv: list[str]) -> int:
    run, command = Path(argv[0]), argv[argv.index("--") + 1:]
    run.mkdir(parents=True, exist_ok=True)
    for old in run.parent.iterdir():
        if old != run and time.time() - old.stat().st_mtime > OLD:
            shutil.rmtree(old, ignore_errors=True)
    me = (run / f"{os.getpid()}.running").open("w")
    fcntl.flock(me, fcntl.LOCK_EX)  # held while the command runs
    printed = (run / "printed").open("a+", encoding="utf-8")
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    for raw in process.stdout:
        line = raw.decode("utf-8", "replace").rstrip("\n")
        fcntl.flock(printed, fcntl.LOCK_EX)
        try:
            printed.seek(0)
            if line not in printed.read().splitlines():
                printed.write(line + "\n")
                printed.flush()
                print(line, file=sys.stderr, flush=True)
        finally:
            fcntl.flock(printed, fcntl.LOCK_UN)
    code = process.wait()
    fcntl.flock(me, fcntl.LOCK_UN)
    if code:
        for other in run.glob("*.running"):  # each waits only for builds still running
            with other.open() as running:
                fcntl.flock(running, fcntl.LOCK_SH)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
