"""Score the importer on real post-mortems: the share of facts that land in the right section.

Each ``tests/fixtures/postmortems/<slug>.md`` has a ``<slug>.facts.toml`` written by hand from the
document alone: what a careful person copying it into the template would enter. A fact counts
when its text (a few words, compared without case, emphasis or extra spaces) is in the section
it belongs to; an event counts when an event holds its text, and its time is right when that
event is at the stated UTC time (``T14:51``: a document without a date, the time of day only).

    PYTHONPATH=src:. python -m tests.import_corpus [tuning|held-out|all] [-v]
"""

from __future__ import annotations

import re
import sys
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from pm_postmortem.core.importer import import_markdown
from pm_postmortem.core.model import ActionStatus, Workspace

CORPUS = Path(__file__).parent / "fixtures" / "postmortems"
LIST_FACTS = ("summary", "impact", "root_cause", "whys", "authors", "actions", "done_actions",
              "factors", "lessons", "went_well", "went_poorly", "lucky")  # fmt: skip


def normalise(text: str) -> str:
    """Lower case, no markdown emphasis or code marks, typographic quotes plain, single spaces."""
    text = text.lower().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = re.sub(r"[*_`~\\]", "", text)
    return " ".join(text.split())


def slugs(which: str = "all") -> list[str]:
    """The fixtures of one part of the corpus: ``tuning``, ``held-out`` or ``all``."""
    every = sorted(path.name.removesuffix(".facts.toml") for path in CORPUS.glob("*.facts.toml"))
    held = set(tomllib.loads((CORPUS / "split.toml").read_text())["held_out"])
    if which == "tuning":
        return [slug for slug in every if slug not in held]
    if which == "held-out":
        return [slug for slug in every if slug in held]
    return every


@dataclass
class Score:
    slug: str
    facts: int = 0
    right: int = 0
    events: int = 0
    times_right: int = 0
    missed: list[str] = field(default_factory=list)

    def count(self, ok: bool, what: str) -> None:
        self.facts += 1
        self.right += ok
        if not ok:
            self.missed.append(what)


def _section_texts(ws: Workspace) -> dict[str, list[str]]:
    impact = ws.impact
    done = [a.action for a in ws.actions if a.status == ActionStatus.DONE]
    return {
        "summary": [ws.metadata.executive_summary],
        "impact": [impact.affected_functionality, impact.affected_segments,
                   impact.data_integrity, impact.compliance_exposure],  # fmt: skip
        "root_cause": [ws.whys.root_cause_statement],
        "whys": [node.answer for node in ws.whys.nodes],
        "authors": list(ws.metadata.authors),
        "actions": [action.action for action in ws.actions],
        "done_actions": done,
        "factors": [f"{factor.factor} {factor.how}" for factor in ws.factors],
        "lessons": [lesson.lesson for lesson in ws.lessons],
        "went_well": [note.text for note in ws.went_well],
        "went_poorly": [note.text for note in ws.went_poorly],
        "lucky": [note.text for note in ws.lucky],
    }


def score(slug: str) -> Score:
    """Import one fixture and compare it with its facts."""
    facts = tomllib.loads((CORPUS / f"{slug}.facts.toml").read_text(encoding="utf-8"))
    ws, _ = import_markdown((CORPUS / f"{slug}.md").read_text(encoding="utf-8"), source=slug)
    result = Score(slug)
    if "title" in facts:
        ok = normalise(facts["title"]) in normalise(ws.metadata.title)
        result.count(ok, f"title {facts['title']!r} (got {ws.metadata.title!r})")
    if "date" in facts:
        got = ws.metadata.incident_date.isoformat() if ws.metadata.incident_date else None
        result.count(got == facts["date"], f"date {facts['date']} (got {got})")
    texts = {key: [normalise(text) for text in values] for key, values in _section_texts(ws).items()}
    for key in LIST_FACTS:
        for fact in facts.get(key, []):
            wanted = normalise(fact)
            result.count(any(wanted in text for text in texts[key]), f"{key}: {fact}")
    events = [(normalise(event.text), event.time.astimezone(UTC)) for event in ws.timeline]
    for when, fact in facts.get("events", []):
        wanted = normalise(fact)
        found = [moment for text, moment in events if wanted in text]
        result.count(bool(found), f"event {when} {fact}")
        result.events += 1
        if found and any(_same_time(when, moment) for moment in found):
            result.times_right += 1
        elif found:
            result.missed.append(f"time of {fact!r}: {when} (got {found[0]:%Y-%m-%dT%H:%M})")
    return result


def _same_time(wanted: str, moment: datetime) -> bool:
    if wanted.startswith("T"):
        return moment.strftime("T%H:%M") == wanted
    return moment.strftime("%Y-%m-%dT%H:%M") == wanted


def report(which: str, verbose: bool = False) -> tuple[float, float]:
    """Print the scores of one part of the corpus; return (share of facts, share of times) right."""
    scores = [score(slug) for slug in slugs(which)]
    for item in scores:
        print(f"{item.slug:45} facts {item.right:3}/{item.facts:<3} times {item.times_right:3}/{item.events}")
        if verbose:
            for missed in item.missed:
                print(f"    missed {missed}")
    facts = sum(item.facts for item in scores)
    right = sum(item.right for item in scores)
    events = sum(item.events for item in scores)
    times = sum(item.times_right for item in scores)
    print(f"{which}: {len(scores)} documents, {right}/{facts} facts in the right section "
          f"({right / facts:.1%}), {times}/{events} event times right in UTC ({times / events:.1%})")  # fmt: skip
    return right / facts, times / events


if __name__ == "__main__":
    arguments = sys.argv[1:]
    report(next((a for a in arguments if not a.startswith("-")), "tuning"), "-v" in arguments)
