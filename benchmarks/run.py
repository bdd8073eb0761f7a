"""`make bench`: every benchmark, each a ratio against a baseline of the same run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    failed = []
    for bench in sorted(HERE.glob("bench_*.py")):
        print(f"== {bench.stem}", flush=True)
        if subprocess.run([sys.executable, str(bench)]).returncode != 0:
            failed.append(bench.stem)
    if failed:
        print(f"missed targets: {', '.join(failed)}")
        return 1
    print("all benchmark targets met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
