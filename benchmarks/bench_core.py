"""Save, load and export times for a workspace of 2,000 events, 300 why-nodes and 100 actions.

Run: .venv/bin/python benchmarks/bench_core.py   (prints the median of several runs, in ms)
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from workloads import big_workspace  # noqa: E402

from pm_postmortem.core import store  # noqa: E402
from pm_postmortem.core.editing import Editor  # noqa: E402
from pm_postmortem.core.export import to_markdown  # noqa: E402


def median_ms(action: Callable[[], object], repeat: int = 15) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def main() -> None:
    workspace = big_workspace()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.toml"
        store.save_workspace(path, workspace)
        counter = iter(range(10**9))

        def save() -> None:
            workspace.notes = f"edit {next(counter)}"
            store.save_workspace(path, workspace)

        editor = Editor(workspace)
        event = workspace.timeline[1000]
        results = {
            "save (serialise + atomic write + backup)": median_ms(save),
            "load (read + parse + validate)": median_ms(lambda: store.load_workspace(path)),
            "markdown export": median_ms(lambda: to_markdown(workspace)),
            "edit one event + recompute metrics": median_ms(
                lambda: (editor.update("timeline", event.id, text=f"x{next(counter)}"), editor.metrics)
            ),
        }
        size = path.stat().st_size
    print(f"workspace: 2,000 events, 300 why-nodes, 100 actions ({size / 1024:.0f} KiB on disk)")
    for name, value in results.items():
        print(f"  {name:<44} {value:7.1f} ms")


if __name__ == "__main__":
    main()
