"""The coach on real text: labelled sentences from public post-mortems and outage reports.

`coach_real_corpus.tsv` was split once into a tuning half and a held-out half; after the held-out
misses had been read, all of it became tuning material, with floors here. `coach_holdout_2.tsv`
was collected and labelled afterwards, before any rule changed again, and is only scored as a
whole: its floors sit just under what the rules reached on it (`benchmarks/bench_coach.py` prints
both), so a change that loses ground on unseen text shows up.
"""

from __future__ import annotations

import random
from collections import Counter

import pytest

from pm_postmortem.core import coach
from pm_postmortem.core.coach import BlameKind, FieldKind, check_text
from tests.coach_real import BLAME_LABELS, CORPUS, HOLDOUT_2, load, score

SENTENCES = load()
SECOND = load(HOLDOUT_2)
SEED = 20261203
FIRST_BATCH = 504
SECOND_SEED = 20261217
"""The seed the second set was split with into 'tune' (A) and 'held' (B)."""
"""The rows split at random; the later rows are a second batch, all for tuning."""
SECOND_FLOORS = {"report": (0.64, 0.045), "postmortem": (0.68, 0.03)}
"""Per source of the second held-out set: (least recall, most false positives)."""


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


def test_the_second_set_is_real_labelled_new_and_split_once_at_random():
    assert len(SECOND) >= 200
    assert len({s.text for s in SECOND}) == len(SECOND)
    assert not {s.text for s in SECOND} & {s.text for s in SENTENCES}
    order = list(range(len(SECOND)))
    random.Random(SECOND_SEED).shuffle(order)
    held = set(order[: len(SECOND) // 2])
    assert [s.split for s in SECOND] == ["held" if i in held else "tune" for i in range(len(SECOND))]
    assert f"random.Random({SECOND_SEED})" in HOLDOUT_2.read_text(encoding="utf-8")
    assert {s.label for s in SECOND} <= BLAME_LABELS | {"neutral"}
    assert {s.source for s in SECOND} == {"report", "postmortem"}
    assert all(s.url.startswith("http") for s in SECOND)
    labels = Counter(s.blaming for s in SECOND)
    assert labels[True] >= 100 and labels[False] >= 200


@pytest.mark.parametrize("source", ["report", "postmortem"])
def test_floors_on_the_first_corpus_all_of_it_tuning(source):
    result = score([s for s in SENTENCES if s.source == source])
    assert result.recall >= 0.93 and result.fp_rate <= 0.01, f"{source}: {result}"


@pytest.mark.parametrize("source", ["report", "postmortem"])
def test_floors_on_the_second_held_out_set(source):
    least_recall, most_false_positives = SECOND_FLOORS[source]
    result = score([s for s in SECOND if s.source == source])
    assert result.recall >= least_recall, f"{source}: {result}"
    assert result.fp_rate <= most_false_positives, f"{source}: {result}"


def test_the_cheap_pre_check_never_hides_a_finding_in_real_text():
    for sentence in SENTENCES + SECOND:
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
        ("A lineman flipped the wrong breaker.", BlameKind.PERSON),
        ("The clerk misheard the instruction and sent the alert.", BlameKind.PERSON),
        ("An electrician mishandled the renewal.", BlameKind.PERSON),
        ("It was all down to one engineer.", BlameKind.PERSON),
        ("Our team is responsible for this outage.", BlameKind.GROUP),
        ("We accidentally deleted the namespace.", BlameKind.FAULT),
        ("The worker, who accidentally switched off the power, was new.", BlameKind.FAULT),
        ("The developer was too confident in his own skills.", BlameKind.FAULT),
        ("This was an easily avoidable failure.", BlameKind.HINDSIGHT),
        ("The employee was suspended for a week.", BlameKind.FIX_THE_HUMAN),
        ("They will discipline the engineer involved.", BlameKind.FIX_THE_HUMAN),
        ("Which engineer pushed the change?", BlameKind.QUESTION),
        ("Was the operator distracted?", BlameKind.QUESTION),
        ("Faster rollbacks.", BlameKind.VAGUE),
        ("The operator selected the live profile rather than the test one.", BlameKind.PERSON),
        ("A contractor working overnight pulled the emergency shutoff.", BlameKind.PERSON),
        ("They sent him to a remote post as punishment.", BlameKind.FIX_THE_HUMAN),
        ("The clerk had a history of confusing drills with real events.", BlameKind.FAULT),
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
        "Which team owns the billing service?",
        "Did the on-call engineer receive the page?",
        "We accidentally found the bug while testing something else.",
        "The engineer terminated the stuck instance.",
        "The electrician replaced the breaker.",
        "The vendor is responsible for the hardware.",
        "It came down to a race condition in the scheduler.",
        "The team left the office on Friday and the alert fired on Saturday.",
        "The script picks the replica rather than the primary.",
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
