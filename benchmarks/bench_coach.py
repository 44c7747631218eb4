"""The language coach: how long the debounced pass over a workspace of 2,000 timeline events takes,
and how the rules score on the real-sentence corpora: the first ten sets are tuning material
now; the eleventh is held out whole and only scored.

The events are real post-mortem and outage sentences (`tests/coach_real_corpus.tsv`, blaming and
neutral), cycled to 2,000; a second workspace makes every event a blaming one, the worst case.
After a pause in typing the app checks the whole workspace once (`check_workspace`): that pass
reads again only what changed, so it is measured after one edited event. The first pass, when a
workspace opens, reads everything; the app runs it on a thread, so what a key waits for then is
the snapshot of the texts (taken on the UI thread) and the thread's turns at the interpreter lock,
measured as the longest gap a 1 ms ticker on the UI thread sees while the pass runs (on the UI
thread itself, as before, a key waited for the whole pass). A frame at 60 Hz is 16.7 ms.

Run: .venv/bin/python benchmarks/bench_coach.py   (medians of several runs, in ms)
"""

from __future__ import annotations

import statistics
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pm_postmortem.core import coach  # noqa: E402
from pm_postmortem.core.coach import check_field, check_workspace, workspace_texts  # noqa: E402
from pm_postmortem.core.demo import demo_workspace  # noqa: E402
from pm_postmortem.core.model import TimelineEvent  # noqa: E402
from tests.coach_real import (  # noqa: E402
    HOLDOUT_2,
    HOLDOUT_3,
    HOLDOUT_4,
    HOLDOUT_6,
    HOLDOUT_7,
    HOLDOUT_8,
    HOLDOUT_9,
    HOLDOUT_10,
    HOLDOUT_11,
    TUNING_5,
    agreement,
    load,
    load_agreement,
    score,
)

EVENTS = 2000
FRAME_MS = 1000 / 60


def median_ms(action: Callable[[], object], repeat: int = 9) -> float:
    action()  # compiled patterns and caches
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def workspace_of(texts: list[str]):
    ws = demo_workspace()
    start = datetime(2026, 3, 10, 8, 0, tzinfo=UTC)
    ws.timeline = [
        TimelineEvent(
            time=start + timedelta(seconds=11 * index),
            text=f"{texts[index % len(texts)]} (#{index})",
            actor=("Dana Weber", "the on-call", "svc-billing")[index % 3],
        )
        for index in range(EVENTS)
    ]
    return ws


def longest_key_wait_during_first_pass(ws) -> float:
    """The longest a key handler on the UI thread waits while the first pass runs on a thread."""
    coach._remembered.cache_clear()
    started = time.perf_counter()
    texts = workspace_texts(ws)  # taken on the UI thread
    longest = time.perf_counter() - started
    worker = threading.Thread(target=texts.check)
    worker.start()
    last = time.perf_counter()
    while worker.is_alive():
        time.sleep(0.001)
        now = time.perf_counter()
        longest, last = max(longest, now - last), now
    return longest * 1000


def main() -> None:
    sentences = load()
    mixed = workspace_of([s.text for s in sentences])
    blaming = workspace_of([s.text for s in sentences if s.blaming])
    field = f"timeline.{mixed.timeline[1000].id}.text"
    keystrokes = iter(range(10**9))

    def first_pass(ws) -> Callable[[], object]:
        def run() -> object:
            coach._remembered.cache_clear()
            return check_workspace(ws)

        return run

    def after_an_edit(ws) -> Callable[[], object]:
        def run() -> object:
            ws.timeline[1000].text = f"The on-call engineer forgot to renew it {next(keystrokes)}"
            return check_workspace(ws)

        return run

    results = {
        "debounced pass after an edit, 2,000 real events": median_ms(after_an_edit(mixed), 51),
        "debounced pass after an edit, 2,000 blaming": median_ms(after_an_edit(blaming), 51),
        "first pass, 2,000 real events (mixed)": median_ms(first_pass(mixed)),
        "first pass, 2,000 blaming events": median_ms(first_pass(blaming)),
        "longest key wait in the first pass (threaded), mixed": statistics.median(
            longest_key_wait_during_first_pass(mixed) for _ in range(9)
        ),
        "longest key wait in the first pass (threaded), blaming": statistics.median(
            longest_key_wait_during_first_pass(blaming) for _ in range(9)
        ),
        "check_field, one event while typing": median_ms(
            lambda: check_field(mixed, field, f"Jane didn't validate it {next(keystrokes)}"), 51
        ),
    }
    for name, ms in results.items():
        print(f"{name:<56} {ms:8.2f} ms  ({ms / FRAME_MS:.2f} frames at 60 Hz)")
    print(f"findings in the mixed workspace: {len(check_workspace(mixed))}")
    print()
    for split, title in (("tune", "first, tune"), ("held", "first, held")):
        for source in ("report", "postmortem"):
            part = [s for s in sentences if s.split == split and s.source == source]
            print(f"{title:<14} {source:<10} {len(part):>3} sentences  {score(part)}")
    second = load(HOLDOUT_2)
    for split, title in (("tune", "second, A"), ("held", "second, B")):
        for source in ("report", "postmortem"):
            part = [s for s in second if s.split == split and s.source == source]
            print(f"{title:<14} {source:<10} {len(part):>3} sentences  {score(part)}")
    later = (
        (HOLDOUT_3, "third"),
        (HOLDOUT_4, "fourth"),
        (TUNING_5, "fifth"),
        (HOLDOUT_6, "sixth"),
        (HOLDOUT_7, "seventh"),
        (HOLDOUT_8, "eighth"),
        (HOLDOUT_9, "ninth"),
        (HOLDOUT_10, "tenth"),
        (HOLDOUT_11, "eleventh, unseen"),
    )
    for paths, title in later:
        held = [sentence for path in paths for sentence in load(path)]
        for source in ("report", "postmortem"):
            part = [s for s in held if s.source == source]
            print(f"{title:<14} {source:<10} {len(part):>3} sentences  {score(part)}")
    two = agreement(load_agreement())
    print(
        f"\ntwo people, {two.rows} rows of the eleventh set: agree {two.agreed:.1%}, kappa {two.kappa:.2f}"
        f"\n  the second scored against the first: {two.second_as_first}"
        f"\n  the coach where both agree: {two.coach_on_consensus}"
    )


if __name__ == "__main__":
    main()
