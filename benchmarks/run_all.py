"""Run every benchmark in this folder, one after the other (`make bench`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

for script in (
    "bench_core.py",
    "bench_startup.py",
    "bench_timeline.py",
    "bench_typing.py",
    "bench_whys.py",
    "bench_coach.py",
    "bench_follow.py",
):
    print(f"== {script}", flush=True)
    subprocess.run([sys.executable, str(HERE / script)], check=True)
