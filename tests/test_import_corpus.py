"""The importer on real post-mortems (tests/fixtures/postmortems): facts in the right section, and
nothing lost silently."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest

from pm_postmortem.core.importer import SECTION_KEYS, ZONE_ABBREVIATIONS, import_markdown
from pm_postmortem.core.importer.aliases import (
    ACTION_COLUMNS,
    FACTOR_COLUMNS,
    LESSON_COLUMNS,
    METADATA_FIELDS,
    TIMELINE_COLUMNS,
)
from pm_postmortem.core.model import ActionStatus, Workspace
from pm_postmortem.core.timeparse import MARKER_PHRASES
from tests.import_corpus import CORPUS, LIST_FACTS, score, slugs

TUNING_FLOOR = 0.95
"""The share of facts in the right section, and of event times right in UTC, on the documents
the rules were written against (the held-out third is scored by hand: see import_corpus.py)."""


def test_the_corpus_has_its_facts_and_a_held_out_third():
    every = slugs()
    assert len(every) >= 25
    assert all((CORPUS / f"{slug}.md").exists() for slug in every)
    assert len(slugs("held-out")) == len(every) // 3
    assert set(LIST_FACTS) >= {"actions", "factors", "went_well", "summary"}


def test_the_tuning_documents_land_their_facts_in_the_right_sections():
    scores = [score(slug) for slug in slugs("tuning")]
    facts = sum(item.facts for item in scores)
    right = sum(item.right for item in scores)
    events = sum(item.events for item in scores)
    times = sum(item.times_right for item in scores)
    missed = [f"{item.slug}: {what}" for item in scores for what in item.missed]
    assert right / facts >= TUNING_FLOOR, missed
    assert times / events >= TUNING_FLOOR, missed


# --- nothing lost ---------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+")
_MONTHS_AND_DAYS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday "
    "saturday sunday mon tue wed thu fri sat sun st nd rd th"
)
_STRUCTURE = " ".join(
    [
        *SECTION_KEYS,
        *TIMELINE_COLUMNS,
        *ACTION_COLUMNS,
        *FACTOR_COLUMNS,
        *LESSON_COLUMNS,
        *METADATA_FIELDS,
        *ZONE_ABBREVIATIONS,
        *MARKER_PHRASES,
        _MONTHS_AND_DAYS,
        "all times time are in on date and utc gmt am pm done todo fixed completed x",
        "central european pacific eastern standard daylight summer",
        "n a",  # "n/a": no ticket
    ]
)
STRUCTURAL_WORDS = frozenset(word.lower() for word in _WORD.findall(_STRUCTURE))
"""Words a document uses to say where things go (headings, column names, zones, markers, dates):
the importer reads them as structure, so they need not reappear as text."""


def _workspace_words(ws: Workspace) -> set[str]:
    meta, impact, whys = ws.metadata, ws.impact, ws.whys
    texts = [
        meta.title, meta.executive_summary, *meta.authors, *meta.tags, *meta.services,
        impact.affected_functionality, impact.affected_segments, impact.data_integrity,
        impact.compliance_exposure, impact.compliance_details, impact.revenue_impact,
        whys.symptom, whys.root_cause_statement, ws.notes,
        *(f"{e.text} {e.actor} {e.evidence}" for e in ws.timeline),
        *(node.answer for node in whys.nodes),
        *(f"{f.factor} {f.how}" for f in ws.factors),
        *(note.text for note in [*ws.went_well, *ws.went_poorly, *ws.lucky]),
        *(f"{a.action} {a.owner} {a.ticket} {a.done_when} {a.type.value}" for a in ws.actions),
        *(f"{lesson.lesson} {lesson.shared_with}" for lesson in ws.lessons),
    ]  # fmt: skip
    return {word.lower() for text in texts for word in _WORD.findall(text or "")}


def lost_words(slug: str) -> list[str]:
    """Each source line with the words of it that are nowhere in the imported workspace."""
    text = (CORPUS / f"{slug}.md").read_text(encoding="utf-8")
    ws, _ = import_markdown(text, source=slug)
    kept = _workspace_words(ws)
    lost = []
    for number, line in enumerate(text.split("\n"), start=1):
        missing = [
            word
            for word in _WORD.findall(line)
            if word.lower() not in kept and word.lower() not in STRUCTURAL_WORDS
        ]
        if missing:
            lost.append(f"line {number}: {missing} in {line.strip()[:120]!r}")
    return lost


@pytest.mark.parametrize("slug", slugs())
def test_nothing_is_lost_silently(slug):
    assert lost_words(slug) == []


def test_the_sre_book_example_in_its_date_and_authors_rendering():
    text = (CORPUS / "sre-book-sections.md").read_text(encoding="utf-8")
    ws, report = import_markdown(text)
    assert ws.metadata.title == "Shakespeare Sonnet++"
    assert ws.metadata.incident_date == date(2015, 10, 21)
    assert ws.metadata.authors == ["jennifer", "martym", "agoogler"]
    assert len(ws.timeline) == 34
    assert {event.time.date() for event in ws.timeline} == {date(2015, 10, 21)}
    assert (ws.timeline[0].time, ws.timeline[-1].time) == (
        datetime(2015, 10, 21, 14, 51, tzinfo=UTC),
        datetime(2015, 10, 21, 16, 30, tzinfo=UTC),
    )
    assert len(ws.actions) == 9
    assert [a.number for a in ws.actions if a.status == ActionStatus.DONE] == [1, 5, 8]
    assert ws.actions[-1].action.startswith("Freeze production until 2015-11-20")
    assert report.zones == ["UTC"]
