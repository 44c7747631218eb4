"""F4 5 Whys at 300 answers: adding, editing and deleting one answer in a headless app.

Each timing runs from the editor call through the pane's `refresh_from` (delivered as a message)
and `await pilot.pause()`, so it includes the repaint. For comparison it also times a bare
`pilot.pause()`, an edit the pane ignores (what every edit costs the rest of the screen and the
harness) and a full rebuild of the tree, and reports the time spent inside `refresh_from`.

Run: PYTHONPATH=src .venv/bin/python benchmarks/bench_whys.py   (medians and 95th percentiles, ms)
"""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from workloads import big_workspace  # noqa: E402

REPEAT = 40


def summary(timings: list[float]) -> str:
    ordered = sorted(timings)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"median {statistics.median(ordered):6.1f} ms   p95 {p95:6.1f} ms"


async def run(folder: Path) -> dict[str, list[float]]:
    from pm_postmortem.core import store
    from pm_postmortem.tui.app import PostmortemApp
    from pm_postmortem.tui.widgets.whys_pane import WhysPane

    path = folder / "big.toml"
    store.save_workspace(path, big_workspace(events=2000, why_nodes=300, actions=100))
    app = PostmortemApp(path, cursor_blink=False)
    results: dict[str, list[float]] = {}
    inside: list[float] = []
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        pane = app.screen.query_one(WhysPane)
        original = pane.refresh_from

        def timed_refresh(changes):
            started = time.perf_counter()
            original(changes)
            inside.append((time.perf_counter() - started) * 1000)

        pane.refresh_from = timed_refresh
        editor = app.editor
        rng = random.Random(3)
        counter = iter(range(10**9))

        async def measure(name: str, step: Callable[[], Awaitable[None] | None]) -> None:
            timings = []
            inside.clear()
            for _ in range(REPEAT):
                started = time.perf_counter()
                result = step()
                if result is not None:
                    await result
                await pilot.pause()
                timings.append((time.perf_counter() - started) * 1000)
            results[name] = timings
            if inside:
                results[f"  {name}: inside refresh_from"] = list(inside)

        added: list[str] = []

        def add() -> None:
            parent = rng.choice(editor.workspace.whys.nodes).id
            node = editor.add(
                "whys", {"answer": f"because of added cause {next(counter)}", "parent": parent}
            )
            added.append(node.id)

        def edit() -> None:
            node = rng.choice(editor.workspace.whys.nodes)
            editor.update("whys", node.id, answer=f"because condition {next(counter)} held")

        def delete() -> None:
            editor.delete("whys", added.pop())

        def edit_elsewhere() -> None:
            editor.set("notes", f"note {next(counter)}")

        def rebuild() -> None:
            pane.rebuild()

        await measure("pause alone (baseline)", lambda: None)
        await measure("edit outside the whys (baseline)", edit_elsewhere)
        await measure("add one answer", add)
        await measure("edit one answer", edit)
        await measure("delete one answer", delete)
        await measure("full rebuild (for comparison)", rebuild)
        assert len(pane.why_tree.root.children) > 0
        assert len(editor.workspace.whys.nodes) == 300
    return results


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["PM_POSTMORTEM_HOME"] = str(Path(folder) / "home")
        results = asyncio.run(run(Path(folder)))
    print(f"5 Whys pane, 300 answers, headless 120x36, {REPEAT} runs each")
    for name, timings in results.items():
        print(f"  {name:<52} {summary(timings)}")


if __name__ == "__main__":
    main()
