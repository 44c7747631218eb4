"""Start-up to the first frame: pm-postmortem on 2,000 events and 100 actions vs a minimal Textual app.

Both run in the same session, alternating, as fresh processes from compiled bytecode: the time runs
from just before the process is started (interpreter and imports included) to the first full
frame; shutting down afterwards is not counted.
Run: .venv/bin/python benchmarks/bench_startup.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from workloads import big_workspace  # noqa: E402

from pm_postmortem.core import store  # noqa: E402

RUNS = 7


def run_once(*args: str, env: dict[str, str]) -> float:
    with tempfile.TemporaryDirectory() as folder:
        first_frame = Path(folder) / "first-frame"
        env = {**env, "FIRST_FRAME_FILE": str(first_frame), "STARTED": repr(time.time())}
        subprocess.run([sys.executable, str(HERE / "startup_target.py"), *args], check=True, env=env)
        return float(first_frame.read_text())


def main() -> None:
    with tempfile.TemporaryDirectory() as home, tempfile.TemporaryDirectory() as bytecode:
        # Both start from compiled bytecode, as installed programs do (pip compiles a package when
        # it installs it): a first, unmeasured run of each writes it to a folder of its own, even
        # where the environment turns writing bytecode off.
        env = {**os.environ, "PM_POSTMORTEM_HOME": home, "PYTHONPYCACHEPREFIX": bytecode}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        path = Path(home) / "big.toml"
        store.save_workspace(path, big_workspace(events=2000, why_nodes=300, actions=100))
        run_once("minimal", env=env)
        run_once("app", str(path), env=env)
        minimal, ours = [], []
        for _ in range(RUNS):
            minimal.append(run_once("minimal", env=env))
            ours.append(run_once("app", str(path), env=env))
    base, app = statistics.median(minimal), statistics.median(ours)
    print(f"minimal Textual app (header, tabs, 200-row table, footer): {base * 1000:7.0f} ms")
    print(f"pm-postmortem, 2,000 events + 100 actions:                 {app * 1000:7.0f} ms")
    print(f"ratio: {app / base:.2f}x (goal: at most 1.3x)")


if __name__ == "__main__":
    main()
