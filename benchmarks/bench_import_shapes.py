"""Import time of 10 MiB markdown documents of every shape: each kind of line, repeated under
each section heading the importer knows, in a seed-style and a Google SRE-style document, as
many times as the importer's limits allow (lines, item lines, table cells), each line made long
enough to fill 10 MiB; and documents over the limits, which must be refused at once.

Every document must import in under 2 s or be refused with a clear message. Prints one line per
document and, at the end, the slowest ones; `--quick` runs two line kinds per section.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from workloads import big_markdown  # noqa: E402

from pm_postmortem.core.importer import (  # noqa: E402
    MAX_ITEMS,
    MAX_LINES,
    MAX_TABLE_CELLS,
    SECTION_KEYS,
    MarkdownImportError,
    import_markdown,
)

SIZE = 10 * 2**20
GOAL_SECONDS = 2.0


def clock(i: int) -> str:
    return f"{i // 60 % 24:02d}:{i % 60:02d}"


HEADER = "| # | Time | Event | Action | Factor | Lesson | Item | Field | Value | Owner | Status |"
# Each kind of line takes its number and a filler that makes the document 10 MiB long with
# as many lines as the importer reads (fewer, longer lines are cheaper).
LINE_KINDS = {
    "table rows": (
        HEADER + "\n|" + "---|" * 11,
        lambda i, w: (
            f"| {i} | {clock(i)} | text{w} {i} \\| x | do {i} | f | l | c | O | a | b | Open |"
        ),
    ),
    "wide rows": (
        "| Time | Event |\n|---|---|",
        lambda i, w: f"| {clock(i)} | e{w} |" + " x |" * 40,
    ),
    "bullets": ("", lambda i, w: f"- {clock(i)} — text {i} with a few{w} more words"),
    "numbered": ("", lambda i, w: f"{i + 1}. **Why did x{i} happen?** Because y{w}."),
    "nested": ("1. **Why did it happen?** Because a.", lambda i, w: f"   - **Why?** Because b{w}."),
    "bold fields": ("", lambda i, w: f"**Field {i}:** value{w}"),
    "checkboxes": ("", lambda i, w: f"- [x] label{w} {i} — note"),
    "plain": ("", lambda i, w: f"Plain text line {i} with a few words{w} in it."),
    "stamped": ("", lambda i, w: f"{clock(i)} text{w} {i} happened"),
    "am/pm": (
        "2026-02-03 (all times in PT)",
        lambda i, w: f"* {1 + i // 3600 % 12}:{i // 60 % 60:02d}:{i % 60:02d} PM: OUTAGE BEGINS {i}{w}",
    ),
    "headings": ("", lambda i, w: f"### Part {i}{w}"),
    "quotes and html": ("", lambda i, w: f"> quoted <br> text{w} {i} <b>x</b> [red]y[/]"),
}
DOCUMENT_HEADS = {
    "seed": "# Post-Mortem: Shapes\n\n",
    "sre": "# Shapes Postmortem (incident #1)\n\n**Date**: 2026-02-03\n\n**Authors**: a\n\n",
}


def section(heading: str, kind: str, count: int, filler: str) -> list[str]:
    first, line = LINE_KINDS[kind]
    return [f"## {heading.title()}\n\n", first + "\n" if first else ""] + [
        line(i, filler) + "\n" for i in range(count)
    ]


def most_lines(kind: str, lines: int = MAX_LINES) -> int:
    """How many lines of this kind a document can have within the import limits."""
    sample = LINE_KINDS[kind][1](0, "")
    item = sample.lstrip()[:1] in "-*+|#0123456789"
    return (
        min(lines, MAX_ITEMS if item else lines, MAX_TABLE_CELLS // (sample.count("|") or 1)) - 10
    )


def filled(head: str, fixed: list[str], heading: str, kind: str, count: int) -> str:
    """The document, with `count` lines of `kind` under `heading` made long enough for 10 MiB."""
    short = len(LINE_KINDS[kind][1](count, "")) + 1
    filler = "w" * max(0, (SIZE - len(head) - sum(map(len, fixed))) // count - short)
    return "".join([head, *fixed, *section(heading, kind, count, filler)])


# The costliest item lines at their limit, then the costliest other lines up to the line limit.
MIXED_ITEMS = [
    ("timeline", "am/pm"),
    ("timeline", "bullets"),
    ("timeline", "table rows"),
    ("action items", "table rows"),
    ("five whys", "nested"),
    ("compliance checklist", "checkboxes"),
]
MIXED_FILLERS = [
    ("what went well", "plain"),
    ("metadata", "plain"),
    ("timeline", "quotes and html"),
]


def documents(quick: bool):
    headings = sorted({key: heading for heading, key in SECTION_KEYS.items()}.values())
    yield "export", "own export (over the limits)", big_markdown(SIZE)
    yield (
        "seed",
        "timeline: 200,000 bullets (over the limits)",
        DOCUMENT_HEADS["seed"]
        + ("## Timeline\n\n" + "".join(f"- {clock(i)} — text {i}\n" for i in range(200_000))),
    )
    for style, head in DOCUMENT_HEADS.items():
        for items_heading, items_kind in MIXED_ITEMS:
            items = section(items_heading, items_kind, most_lines(items_kind), "")
            for heading, kind in MIXED_FILLERS:
                count = most_lines(kind, MAX_LINES - len(items) - 20)
                name = f"{items_heading}: {items_kind} + {heading}: {kind}"
                yield style, name, filled(head, items, heading, kind, count)
        for heading in [*headings, "something unknown"]:
            for kind in LINE_KINDS:
                if quick and kind not in ("table rows", "bullets"):
                    continue
                yield style, f"{heading}: {kind}", filled(head, [], heading, kind, most_lines(kind))


def main() -> None:
    quick = "--quick" in sys.argv
    results = []
    for style, name, text in documents(quick):
        started = time.perf_counter()
        try:
            workspace, report = import_markdown(text)
            outcome = f"imported, {sum(report.counts.values()):,} items"
        except MarkdownImportError as error:
            outcome = f"refused: {error}"
        seconds = time.perf_counter() - started
        results.append((seconds, style, name, outcome))
        flag = "  OVER" if seconds >= GOAL_SECONDS else ""
        print(f"{seconds:5.2f} s  {style:6} {name:64} {outcome[:60]}{flag}", flush=True)
    results.sort(reverse=True)
    print("\nslowest:")
    for seconds, style, name, outcome in results[:8]:
        print(f"{seconds:5.2f} s  {style:6} {name:64} {outcome[:60]}")
    over = sum(1 for seconds, *_ in results if seconds >= GOAL_SECONDS)
    print(f"\n{len(results)} documents of ~10 MiB, {over} at or over {GOAL_SECONDS:.0f} s")


if __name__ == "__main__":
    main()
