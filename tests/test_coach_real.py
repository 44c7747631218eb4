"""The coach on real text: the labelled corpus of public post-mortem and outage sentences.

The tuning half is what the rules were written against; it has floors here. The held-out half is
only ever measured as a whole (`benchmarks/bench_coach.py` prints it); its one guard here is the
precision promise: few false positives.
"""

from __future__ import annotations

import random
from collections import Counter

import pytest

from pm_postmortem.core import coach
from pm_postmortem.core.coach import BlameKind, FieldKind, check_text
from tests.coach_real import BLAME_LABELS, CORPUS, Sentence, load, score

SENTENCES = load()
SEED = 20261203
FIRST_BATCH = 504
"""The rows split at random; the later rows are a second batch, all for tuning."""


def part(split: str, source: str) -> list[Sentence]:
    return [s for s in SENTENCES if s.split == split and s.source == source]


def test_the_corpus_is_real_labelled_and_split_once_at_random():
    assert len(SENTENCES) >= 300
    assert len({s.text for s in SENTENCES}) == len(SENTENCES)
    assert {s.label for s in SENTENCES} <= BLAME_LABELS | {"neutral"}
    assert {s.source for s in SENTENCES} == {"report", "postmortem"}
    assert all(s.url.startswith("http") for s in SENTENCES)
    labels = Counter(s.blaming for s in SENTENCES)
    assert labels[True] >= 100 and labels[False] >= 150
    # the split written in the file is the one drawn with the recorded seed
    order = list(range(FIRST_BATCH))
    random.Random(SEED).shuffle(order)
    held = set(order[: FIRST_BATCH // 2])
    first = SENTENCES[:FIRST_BATCH]
    assert [s.split for s in first] == ["held" if i in held else "tune" for i in range(FIRST_BATCH)]
    assert all(s.split == "tune" for s in SENTENCES[FIRST_BATCH:])
    assert f"random.Random({SEED})" in CORPUS.read_text(encoding="utf-8")


@pytest.mark.parametrize("source", ["report", "postmortem"])
def test_floors_on_the_tuning_half(source):
    result = score(part("tune", source))
    assert result.recall >= 0.90 and result.fp_rate <= 0.05, f"{source}: {result}"


@pytest.mark.parametrize("source", ["report", "postmortem"])
def test_held_out_false_positives_stay_rare(source):
    result = score(part("held", source))
    assert result.fp_rate <= 0.05, f"{source}: {result}"


def test_the_cheap_pre_check_never_hides_a_finding_in_real_text():
    for sentence in SENTENCES:
        for kind in FieldKind:
            fast = coach._check(sentence.text, kind, None)
            full = coach._check(sentence.text, kind, None, use_triggers=False)
            assert fast == full, (kind, sentence.text)


# --- the kinds of blame, in words of our own -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("An administrator wipes the wrong volume, believing it was the spare.", BlameKind.PERSON),
        ("The contractor who deleted the bucket had full access.", BlameKind.PERSON),
        ("Priyanka did not check the diff before the merge.", BlameKind.PERSON),
        ("The outage came from a fat-finger by the night operator.", BlameKind.PERSON),
        ("A typo in the command took the region down.", BlameKind.FAULT),
        ("The config was changed by mistake during the rollout.", BlameKind.FAULT),
        ("It was an operator's error in the end.", BlameKind.PERSON),
        ("Support never renewed the domain.", BlameKind.GROUP),
        ("QA skipped the smoke test, which let it through.", BlameKind.GROUP),
        ("The squad waited a day before looking at the queue.", BlameKind.GROUP),
        ("It was plain from day one that the disk would fill up.", BlameKind.HINDSIGHT),
        ("Any reviewer ought to have spotted this.", BlameKind.HINDSIGHT),
        ("Nobody acted for an hour.", BlameKind.HINDSIGHT),
        ("Ensure Marek stops merging late at night.", BlameKind.FIX_THE_HUMAN),
        ("The staff member will be coached so it never recurs.", BlameKind.FIX_THE_HUMAN),
        ("Type slower next time.", BlameKind.FIX_THE_HUMAN),
        ("Why did you skip the canary?", BlameKind.QUESTION),
        ("Why didn't Tomasz answer the page?", BlameKind.QUESTION),
        ("Better alerting.", BlameKind.VAGUE),
        ("Harden the rollout.", BlameKind.VAGUE),
    ],
)
def test_each_kind_of_blame_is_found_without_a_workspace(text, kind):
    findings = check_text(text, FieldKind.OTHER)
    assert kind in {finding.kind for finding in findings}, [(f.rule, f.kind) for f in findings]


@pytest.mark.parametrize(
    "text",
    [
        "@dana reverts the release",
        "the duty engineer called in the network team",
        "Dana rolls back the deploy at 10:42.",
        "The on-call engineer restarted the primary database to clear the locks.",
        "Support told the affected customers at 09:30.",
        "QA ran the smoke test again and it passed.",
        "The incident commander asked the database team to join.",
        "Marek merged the fix after review.",
        "Users could not log in for 40 minutes.",
        "The job failed to start because the disk was full.",
        "The change inadvertently blocked access to the admin pages.",
        "Why did the retry storm start?",
        "The team deployed to production at 14:00 as planned.",
    ],
)
@pytest.mark.parametrize(
    "kind", [FieldKind.TIMELINE, FieldKind.OTHER, FieldKind.SUMMARY, FieldKind.WENT_POORLY]
)
def test_people_doing_their_job_and_systems_failing_are_never_flagged(text, kind):
    """(In a why answer a person is given as a cause, which the coach does point out.)"""
    assert check_text(text, kind) == [], [f.rule for f in check_text(text, kind)]


# --- rewordings ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reworded"),
    [
        ("Jane didn't validate the input.", "The input was not validated, and no check caught it."),
        (
            "Engineers deleted the production database by accident.",
            "The production database was deleted, and no safeguard stopped it.",
        ),
        ("Why did you skip the canary?", "What made skipping the canary look reasonable at the time?"),
        ("Who approved the change to the rounding logic?", "How was the change to the rounding logic approved?"),
        ("Obviously the cache was stale.", "The cache was stale."),
        ("Nobody acted for an hour.", "No signal prompted action for an hour."),
        ("First line. Support never renewed the domain.", "First line. The domain was not renewed, and no check caught it."),
    ],
)
def test_the_rewording_puts_the_system_first(text, reworded):
    findings = [f for f in check_text(text, FieldKind.OTHER) if f.rewording is not None]
    assert findings and findings[0].rewording.apply(text) == reworded


def test_every_finding_says_its_kind_and_why_it_matters():
    for kind in BlameKind:
        assert kind.heading and kind.why.endswith(".")
    for sentence in SENTENCES:
        for finding in check_text(sentence.text, sentence.kind):
            assert finding.kind is coach.RULES[finding.rule].kind
            if finding.rewording is not None:
                assert 0 <= finding.rewording.start <= finding.start < finding.rewording.end
                assert finding.rewording.text.strip()
