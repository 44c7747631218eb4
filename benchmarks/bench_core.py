"""Save, load and export times for a workspace of 2,000 events, 300 why-nodes and 100 actions;
the import of a 10 MiB markdown export (refused: over the importer's limits) and of the largest
export within them; many single edits and the undo of a large paste; reading TOML with tomli (the
compiled tomllib; against tomllib and rtoml, when installed) and writing it with the workspace writer (against tomli-w), at
2,000 events and at the largest workspaces the app opens (16 MB).

Run: .venv/bin/python benchmarks/bench_core.py [--toml]   (the median of several runs, in ms;
--toml: the TOML part alone)
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from contextlib import suppress
from datetime import UTC, datetime, timedelta
from pathlib import Path

import tomli
import tomli_w

sys.path.insert(0, str(Path(__file__).resolve().parent))

from workloads import big_markdown, big_workspace  # noqa: E402

from pm_postmortem.core import store  # noqa: E402
from pm_postmortem.core.editing import Editor  # noqa: E402
from pm_postmortem.core.export import to_markdown  # noqa: E402
from pm_postmortem.core.importer import MarkdownImportError, import_markdown_file  # noqa: E402
from pm_postmortem.core.model import TimelineEvent, Workspace  # noqa: E402
from pm_postmortem.core.paths import HOME_ENV  # noqa: E402

EDITS = 5000
LARGEST_IMPORT = 9_000  # with the why-nodes and actions, just under the importer's item limit


def median_ms(action: Callable[[], object], repeat: int = 15) -> float:
    """The median time of `action`, without freeing what it returns (a workspace, say)."""
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = action()
        timings.append((time.perf_counter() - started) * 1000)
        del result
    return statistics.median(timings)


def main() -> None:
    workspace = big_workspace()
    with tempfile.TemporaryDirectory() as folder:
        os.environ[HOME_ENV] = folder  # the backups too, not into the real data folder
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
        document = Path(folder) / "big.md"
        document.write_text(big_markdown(), encoding="utf-8")
        imported = import_outcome(document)
        results["import a 10 MiB markdown export"] = median_ms(
            lambda: import_or_refuse(document), repeat=3
        )
        largest = Path(folder) / "largest.md"
        largest.write_text(to_markdown(big_workspace(events=LARGEST_IMPORT)), encoding="utf-8")
        imported_largest = import_outcome(largest)
        results[f"import an export of {LARGEST_IMPORT:,} events"] = median_ms(
            lambda: import_or_refuse(largest), repeat=3
        )
    print(f"workspace: 2,000 events, 300 why-nodes, 100 actions ({size / 1024:.0f} KiB on disk)")
    for name, value in results.items():
        print(f"  {name:<44} {value:7.1f} ms")
    print(f"  (the 10 MiB import: {imported})")
    print(f"  (the {LARGEST_IMPORT:,}-event import: {imported_largest})")
    print("editing the same workspace (one run each):")
    for name, value in editing_times().items():
        print(f"  {name:<44} {value:7.1f} ms")
    toml_times()


def toml_times() -> None:
    """Parse and write times of the two parsers and the two writers on the same documents."""
    print("TOML (median of 3 runs):")
    for name, workspace in toml_workloads():
        text = store.dumps(workspace)
        print(f"  {name} ({len(text.encode()) / 2**20:.1f} MiB)")
        for step, value in toml_steps(workspace, text).items():
            print(f"    {step:<44} {value:7.1f} ms")


def toml_steps(workspace: Workspace, text: str) -> dict[str, float]:
    def dump() -> dict[str, object]:
        return workspace.model_dump(mode="python", exclude_none=True)

    steps = {
        "read: tomli.loads (what the app uses)": median_ms(lambda: tomli.loads(text), 3),
        "read: tomllib.loads (the standard library's copy)": median_ms(lambda: tomllib.loads(text), 3),
    }
    try:
        import rtoml  # a comparison only: the app reads with tomli
    except ImportError:
        pass
    else:
        steps["read: rtoml.loads"] = median_ms(lambda: rtoml.loads(text), 3)
    steps["open: store.loads (parse, checks, model)"] = median_ms(lambda: store.loads(text), 3)
    steps["write: store.dumps (model_dump + writer)"] = median_ms(lambda: store.dumps(workspace), 3)
    steps["write: tomli_w.dumps(model_dump)"] = median_ms(
        lambda: tomli_w.dumps(dump(), multiline_strings=True), 3
    )
    return steps


def toml_workloads():
    """2,000 events; as many events as fit in 16 MB; 2,000 events and 16 MB of multi-line notes."""
    yield "2,000 events", big_workspace()
    events = _most_within_limit(lambda count: big_workspace(events=2000 + count))
    yield f"{2000 + events:,} events", big_workspace(events=2000 + events)
    lines = _most_within_limit(_with_notes)
    yield f"2,000 events and {lines:,} lines of notes", _with_notes(lines)


def _with_notes(lines: int):
    workspace = big_workspace()
    workspace.notes = 'a line with a "quote", a \\ and a tab\t\n' * lines
    return workspace


def _most_within_limit(workspace_with: Callable[[int], object]) -> int:
    """About the largest count whose workspace is still within the size the app opens."""
    empty, thousand = (len(store.dumps(workspace_with(count)).encode()) for count in (0, 1000))
    return int((store.MAX_WORKSPACE_BYTES - empty) * 0.99 / ((thousand - empty) / 1000))


def import_or_refuse(path: Path) -> object:
    with suppress(MarkdownImportError):
        return import_markdown_file(path)
    return None


def import_outcome(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    described = f"{len(text.encode()) / 2**20:.1f} MiB, {text.count(chr(10)):,} lines"
    try:
        _, report = import_markdown_file(path)
    except MarkdownImportError as error:
        return f"{described}, refused: {error}"
    return f"{described}, {report.counts['timeline']:,} events read"


def editing_times() -> dict[str, float]:
    """Single adds as the timeline pane makes them, then a paste of as many events and its undo."""
    start = datetime(2026, 3, 10, 8, 0, tzinfo=UTC)
    times = [start + timedelta(seconds=7 * index) for index in range(EDITS)]
    pasted = [TimelineEvent(time=moment, text="pasted") for moment in times]
    editor = Editor(big_workspace())
    started = time.perf_counter()
    for moment in times:
        editor.add("timeline", {"time": moment, "text": "typed"})
    single_adds = time.perf_counter() - started
    started = time.perf_counter()
    with editor.group("Paste events"):
        for event in pasted:
            editor.add("timeline", event)
    paste = time.perf_counter() - started
    started = time.perf_counter()
    editor.undo()
    undo = time.perf_counter() - started
    return {
        f"{EDITS:,} single timeline adds": single_adds * 1000,
        f"paste {EDITS:,} events (one undo step)": paste * 1000,
        "undo that paste": undo * 1000,
    }


if __name__ == "__main__":
    toml_times() if "--toml" in sys.argv else main()
