"""The coach on real text: labelled sentences from public post-mortems and outage reports.

Every set was labelled by hand before the coach read it. The first set (`coach_real_corpus.tsv`)
was split once into a tuning half and a held-out half; after the held-out misses had been read,
all of it became tuning material. The second (`coach_holdout_2.tsv`) was held out whole, then
split once at random into a tuning half (A) and a held-out half (B), B scored once, then read.
The third (`coach_holdout_3a/3b.tsv`) and the fourth (`coach_holdout_4a/4b.tsv`) were gathered
by people who did not write the rules, committed before they were scored, scored once as a
whole, and only then read for rules (`coach.story`). The fifth (`coach_tuning_5a/5b.tsv`) was
gathered as tuning material (scored once before it was read); the sixth, seventh and eighth
(`coach_holdout_6a/6b.tsv` to `coach_holdout_8a/8b.tsv`) were held out whole like the fourth,
scored once, then read, and so were the ninth and the tenth (`coach_holdout_9a/9b.tsv`,
`coach_holdout_10a/10b.tsv`). The eleventh (`coach_holdout_11a/11b.tsv`) is held out whole:
only scored, never read for rules.
The floors sit just under what the rules reach on each set, per source
(`benchmarks/bench_coach.py` prints the scores), so a change that loses ground shows up.
"""

from __future__ import annotations

import random
from collections import Counter

import pytest

from pm_postmortem.core import coach
from pm_postmortem.core.coach import BlameKind, FieldKind, check_text
from tests.coach_real import (
    BLAME_LABELS,
    CORPUS,
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
from tests.coach_rewording_checks import problems

SENTENCES = load()
SECOND = load(HOLDOUT_2)
THIRD = [sentence for path in HOLDOUT_3 for sentence in load(path)]
FOURTH = [sentence for path in HOLDOUT_4 for sentence in load(path)]
FIFTH = [sentence for path in TUNING_5 for sentence in load(path)]
SIXTH = [sentence for path in HOLDOUT_6 for sentence in load(path)]
SEVENTH = [sentence for path in HOLDOUT_7 for sentence in load(path)]
EIGHTH = [sentence for path in HOLDOUT_8 for sentence in load(path)]
NINTH = [sentence for path in HOLDOUT_9 for sentence in load(path)]
TENTH = [sentence for path in HOLDOUT_10 for sentence in load(path)]
ELEVENTH = [sentence for path in HOLDOUT_11 for sentence in load(path)]
SEED = 20261203
FIRST_BATCH = 504
"""The rows split at random; the later rows are a second batch, all for tuning."""
SECOND_SEED = 20261217
"""The seed the second set was split with into 'tune' (A) and 'held' (B)."""
FIRST_FLOORS = {"report": (0.955, 0.01), "postmortem": (0.96, 0.005)}
SECOND_FLOORS = {"report": (0.95, 0.025), "postmortem": (0.99, 0.01)}
"""Per source of each set: (least recall, most false positives)."""
LATER_FLOORS = {
    "third": {"report": (0.80, 0.05), "postmortem": (0.87, 0.06)},
    "fourth": {"report": (0.76, 0.055), "postmortem": (0.83, 0.06)},
    "fifth": {"report": (0.61, 0.03), "postmortem": (0.62, 0.06)},
    "sixth": {"report": (0.67, 0.09), "postmortem": (0.59, 0.035)},
    "seventh": {"report": (0.60, 0.055), "postmortem": (0.64, 0.07)},
    "eighth": {"report": (0.54, 0.05), "postmortem": (0.51, 0.04)},
    "ninth": {"report": (0.58, 0.095), "postmortem": (0.52, 0.055)},
    "tenth": {"report": (0.55, 0.07), "postmortem": (0.55, 0.055)},
}
"""The later sets, read for rules after each was scored once."""
ELEVENTH_FLOORS = {"report": (0.45, 0.09), "postmortem": (0.44, 0.04)}
"""Just under what the rules reached on the eleventh set when it was scored once, unread."""


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
@pytest.mark.parametrize(("sentences", "floors"), [(SENTENCES, FIRST_FLOORS), (SECOND, SECOND_FLOORS)])
def test_floors_on_both_sets_all_of_them_tuning(sentences, floors, source):
    least_recall, most_false_positives = floors[source]
    result = score([s for s in sentences if s.source == source])
    assert result.recall >= least_recall, f"{source}: {result}"
    assert result.fp_rate <= most_false_positives, f"{source}: {result}"


@pytest.mark.parametrize(
    ("sentences", "earlier", "least"),
    [
        (THIRD, SENTENCES + SECOND, (200, 400)),
        (FOURTH, SENTENCES + SECOND + THIRD, (200, 350)),
        (FIFTH, SENTENCES + SECOND + THIRD + FOURTH, (250, 350)),
        (SIXTH, SENTENCES + SECOND + THIRD + FOURTH + FIFTH, (200, 300)),
        (SEVENTH, SENTENCES + SECOND + THIRD + FOURTH + FIFTH + SIXTH, (200, 300)),
        (EIGHTH, SENTENCES + SECOND + THIRD + FOURTH + FIFTH + SIXTH + SEVENTH, (200, 300)),
        (NINTH, SENTENCES + SECOND + THIRD + FOURTH + FIFTH + SIXTH + SEVENTH + EIGHTH, (200, 300)),
        (TENTH, SENTENCES + SECOND + THIRD + FOURTH + FIFTH + SIXTH + SEVENTH + EIGHTH + NINTH, (500, 800)),
        (
            ELEVENTH,
            SENTENCES + SECOND + THIRD + FOURTH + FIFTH + SIXTH + SEVENTH + EIGHTH + NINTH + TENTH,
            (500, 800),
        ),
    ],
    ids=["third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh"],
)
def test_each_later_set_is_real_labelled_and_new(sentences, earlier, least):
    texts = {s.text for s in sentences}
    assert len({(s.text, s.url) for s in sentences}) == len(sentences)  # outlets repeat a wire story
    assert not texts & {s.text for s in earlier}
    assert len({s.split for s in sentences}) == 1
    assert {s.label for s in sentences} <= BLAME_LABELS | {"neutral"}
    assert {s.source for s in sentences} == {"report", "postmortem"}
    assert all(s.url.startswith("http") for s in sentences)
    labels = Counter(s.blaming for s in sentences)
    assert labels[True] >= least[0] and labels[False] >= least[1]


@pytest.mark.parametrize("source", ["report", "postmortem"])
@pytest.mark.parametrize(
    ("sentences", "floors"),
    [
        (THIRD, LATER_FLOORS["third"]),
        (FOURTH, LATER_FLOORS["fourth"]),
        (FIFTH, LATER_FLOORS["fifth"]),
        (SIXTH, LATER_FLOORS["sixth"]),
        (SEVENTH, LATER_FLOORS["seventh"]),
        (EIGHTH, LATER_FLOORS["eighth"]),
        (NINTH, LATER_FLOORS["ninth"]),
        (TENTH, LATER_FLOORS["tenth"]),
        (ELEVENTH, ELEVENTH_FLOORS),
    ],
    ids=["third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh-never-tuned-on"],
)
def test_floors_on_the_later_sets(sentences, floors, source):
    least_recall, most_false_positives = floors[source]
    result = score([s for s in sentences if s.source == source])
    assert result.recall >= least_recall and result.fp_rate <= most_false_positives, f"{source}: {result}"


def test_the_second_labels_are_of_eleventh_set_rows_and_the_first_labels_are_the_sets():
    """Two people's labels (`coach_agreement_11.tsv`): the bar of 90 % recall at 5 % false
    positives is above what one careful person reaches against another on the same rows."""
    rows = load_agreement()
    by_text = {(s.text, s.url): s for s in ELEVENTH}
    assert len(rows) == 400 and len({(row.text, row.url) for row in rows}) == 400
    assert all(by_text[(row.text, row.url)].label == row.first for row in rows)
    assert all(by_text[(row.text, row.url)].kind == row.kind for row in rows)
    assert {row.second for row in rows} <= BLAME_LABELS | {"neutral"}
    two = agreement(rows)
    assert 0.9 < two.agreed < 0.92 and 0.80 < two.kappa < 0.82
    assert two.second_as_first.recall < 0.9  # a person, scored like the coach, misses the bar


def test_the_cheap_pre_check_never_hides_a_finding_in_real_text():
    for sentence in SENTENCES + SECOND + THIRD + FOURTH + FIFTH + SIXTH + SEVENTH + EIGHTH + NINTH + TENTH + ELEVENTH:
        for kind in FieldKind:
            fast = coach._check(sentence.text, kind, None)
            full = coach._check(sentence.text, kind, None, use_triggers=False)
            assert fast == full, (kind, sentence.text)


# --- the kinds of blame, in words of our own -----------------------------------------------------


KINDS_OF_BLAME = [
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
    # rules by category, added while the second set was split into halves
    ("A road crew severed a fibre line outside the exchange.", BlameKind.GROUP),
    ("Workers repairing the sidewalk hit a power cable and took out the block.", BlameKind.GROUP),
    ("The night operator, having mistyped the hostname, restarted the primary.", BlameKind.PERSON),
    ("The admin fucked up the firewall rules.", BlameKind.PERSON),
    ("We overlooked the replication lag during the cutover.", BlameKind.GROUP),
    ("We did not take into account the time zone of the batch window.", BlameKind.GROUP),
    ("The team rushed and merged without review.", BlameKind.GROUP),
    ("A distracted technician unplugged the storage array.", BlameKind.PERSON),
    ("The blackout was caused by a lone night-shift worker.", BlameKind.PERSON),
    ("The incident was sparked by one of our developers.", BlameKind.GROUP),
    ("Their failure to escalate cost us an hour.", BlameKind.FAULT),
    ("The vendor's failure to patch the firmware left the door open.", BlameKind.GROUP),
    ("Did the reviewer not read the diff?", BlameKind.QUESTION),
    ("People who can't follow a checklist shouldn't be allowed near production.", BlameKind.FIX_THE_HUMAN),
    (
        "The investigation found that the employee had chosen the live environment rather than the sandbox.",
        BlameKind.PERSON,
    ),
    ("The regulator said the technician had ignored the alarm.", BlameKind.PERSON),
    ("@lena deleted the production bucket by mistake.", BlameKind.PERSON),
    ("Northwind never patched the exposed server.", BlameKind.PERSON),
    ("The precautions to isolate the test network were never taken.", BlameKind.HINDSIGHT),
    ("He didn't think the warning mattered.", BlameKind.PERSON),
    ("The new hire didn't know how to restore from backup.", BlameKind.PERSON),
    ("The root cause was a firewall change that Tomasz had pushed the night before.", BlameKind.PERSON),
    ("Heads will roll for this.", BlameKind.FIX_THE_HUMAN),
    ("They moved her somewhere far from production after that.", BlameKind.FIX_THE_HUMAN),
    ("Be a bit more careful with the prod credentials.", BlameKind.FIX_THE_HUMAN),
    ("Implement a better alerting solution.", BlameKind.VAGUE),
    ("Engineering must improve.", BlameKind.VAGUE),
    ("The operator was unable to take initiative.", BlameKind.FAULT),
    ("The blame was placed squarely on the network team.", BlameKind.GROUP),
    ("Much of the blame was placed on poor planning.", BlameKind.FAULT),
    ("The contractor who cut the cable was not supervised.", BlameKind.PERSON),
    ("A technician flipped a switch, causing a blackout across the region.", BlameKind.PERSON),
    ("A systems administrator ran a script that erased the customer records.", BlameKind.PERSON),
    ("A single employee's blunder knocked the exchange offline.", BlameKind.PERSON),
    ("Officials blamed the meltdown on an IT worker who had disabled the backups.", BlameKind.PERSON),
    ("Executives were warned about the risk but did nothing.", BlameKind.GROUP),
    ("Staff at the control room failed to act on the alarms.", BlameKind.GROUP),
    ("The nurse entered the wrong dosage into the system.", BlameKind.PERSON),
    ("A developer pushed credentials to a public repository.", BlameKind.PERSON),
    ("The database was deleted by a junior developer.", BlameKind.PERSON),
    ("Whoever wrote this script should be ashamed.", BlameKind.FAULT),
    ("Frankly, the on-call was asleep at the switch.", BlameKind.FAULT),
    ("Communicate better.", BlameKind.VAGUE),
    ("The writing was on the wall for weeks.", BlameKind.HINDSIGHT),
    ("The risk had been flagged twice and ignored both times.", BlameKind.HINDSIGHT),
    ("Nobody took the warning seriously.", BlameKind.HINDSIGHT),
    ("A simple check would have prevented this.", BlameKind.HINDSIGHT),
    ("This outage was 100% preventable.", BlameKind.HINDSIGHT),
    ("Did you even test this?", BlameKind.QUESTION),
    ("The contractor's crew dug without calling the utility first.", BlameKind.GROUP),
    ("The hosting company's staff unplugged the wrong rack.", BlameKind.GROUP),
    ("The root cause was the developer not checking the return value.", BlameKind.PERSON),
    ("The root cause was an employee clicking a malicious link.", BlameKind.PERSON),
    ("The primary cause was operator inexperience.", BlameKind.FAULT),
    ("The fault lay with the subcontractor, who had not followed the drawings.", BlameKind.PERSON),
    ("The airline pinned the meltdown on a single employee.", BlameKind.PERSON),
    ("She had been told twice not to run the script on production.", BlameKind.PERSON),
    ("Our admin reused a weak password on the router.", BlameKind.PERSON),
    ("The developer hard-coded the production credentials.", BlameKind.PERSON),
    ("The tech left the server rack unlocked overnight.", BlameKind.PERSON),
    ("The crew mislabelled the cables during the upgrade.", BlameKind.GROUP),
    ("An employee plugged an infected USB stick into a workstation.", BlameKind.PERSON),
    ("The supervisor signed off on the work without inspecting it.", BlameKind.PERSON),
    ("Engineers were distracted by the holiday party.", BlameKind.GROUP),
]
"""Invented sentences, one or more per kind of blame and per category of rule."""


@pytest.mark.parametrize(("text", "kind"), KINDS_OF_BLAME)
def test_each_kind_of_blame_is_found_without_a_workspace(text, kind):
    findings = check_text(text, FieldKind.OTHER)
    assert kind in {finding.kind for finding in findings}, [(f.rule, f.kind) for f in findings]


def test_the_rewordings_offered_for_each_kind_of_blame_are_sound():
    for text, _kind in KINDS_OF_BLAME:
        for finding in check_text(text, FieldKind.OTHER):
            if finding.rewording is not None:
                assert problems(text, FieldKind.OTHER, finding) == [], (text, finding.rewording)


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
        # people doing their job, and the words of the newer rules used neutrally
        "@dana rolled back the deploy at 10:42 and the error rate dropped.",
        "The on-call engineer rolled back the deploy.",
        "The contractor restored power at 14:10.",
        "The contractor who restored power stayed until the feeds were green.",
        "The engineer who answered the page opened the incident channel.",
        "The team rushed to restore service.",
        "The team rushed a hotfix out within the hour.",
        "We did not see any errors in the logs.",
        "We did not know the cache held stale entries.",
        "We did not receive an alert because the threshold was too high.",
        "We did not check the replication lag because no dashboard showed it.",
        "The crew cut power to the substation to make the repair safe.",
        "The technician cut the damaged cable out and spliced a new section.",
        "A utility crew repaired the damaged line by 6 p.m.",
        "The storm damaged two transmission lines.",
        "A backhoe struck a gas line, according to the fire department.",
        "The investigation found that the alert threshold was too high.",
        "The report said the operator followed the runbook.",
        "The engineer had to skip the canary because the canary cluster was down.",
        "Engineers need to skip the cache warm-up in an emergency.",
        "Did the alert not fire?",
        "Was the runbook not up to date?",
        "The engineer was unable to reach the host because the VPN was down.",
        "The outage was caused by a power failure at the data centre.",
        "The incident was triggered by a certificate expiry.",
        "The failure to connect to the database caused the retries to pile up.",
        "Dana's team restored the service at 11:05.",
        "We moved them to the new cluster at noon.",
        "Marek was paged at 02:10 and acknowledged within two minutes.",
        "The on-call engineer deleted the stuck pods to recover the queue.",
        "Redis failed to maintain the lock after the failover.",
        "GitHub did not deliver the webhook.",
        "A typo was found in the config during review and fixed before deploy.",
        "This is an obvious next step for the platform.",
    ],
)
@pytest.mark.parametrize(
    "kind", [FieldKind.TIMELINE, FieldKind.OTHER, FieldKind.SUMMARY, FieldKind.WENT_POORLY]
)
def test_people_doing_their_job_and_systems_failing_are_never_flagged(text, kind):
    """(In a why answer a person is given as a cause, which the coach does point out.)"""
    assert check_text(text, kind) == [], [f.rule for f in check_text(text, kind)]


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        (FieldKind.WHY, "Because QA signed off without testing the upgrade path."),
        (FieldKind.WHY, "The engineer was rushing to finish before the weekend."),
        (FieldKind.WHY, "He was not paying attention."),
        (FieldKind.FACTOR, "Lack of care by the deploying engineer."),
        (FieldKind.WENT_POORLY, "The on-call took 40 minutes to acknowledge the page."),
        (FieldKind.WENT_POORLY, "Nobody on the team noticed the certificate was about to expire."),
        (FieldKind.WENT_POORLY, "The incident commander lost track of who was doing what."),
        (FieldKind.LESSON, "People need to read the runbook before they touch production."),
        (FieldKind.LESSON, "Don't deploy on Fridays without telling anyone."),
        (FieldKind.ACTION, "Have a word with the on-call about response times."),
        (FieldKind.ACTION, "Look at the alerting."),
        (FieldKind.ACTION, "Ensure engineers are more careful."),
        (FieldKind.ACTION, "Monitor things better."),
        (FieldKind.LESSON, "Always test your changes."),
        (FieldKind.TIMELINE, "Jamal accidentally deleted the production namespace."),
        (FieldKind.OTHER, "Why did nobody notice the disk filling up?"),
        (FieldKind.OTHER, "What was the engineer thinking?"),
        (FieldKind.OTHER, "Should the reviewer have caught this?"),
        (FieldKind.OTHER, "The failure was entirely predictable."),
        (FieldKind.OTHER, "Everyone knew the backup job was broken."),
        (FieldKind.TIMELINE, "The on-call was unreachable for 45 minutes."),
        (FieldKind.ROOT_CAUSE, "The engineer's lack of experience with Kubernetes."),
        (FieldKind.ROOT_CAUSE, "Insufficient attention to detail during code review."),
        (FieldKind.LESSON, "We must not let this happen again."),
        (FieldKind.LESSON, "Juniors should not have production access."),
        (FieldKind.ACTION, "Remove Dave's production access."),
        (FieldKind.ACTION, "Add a reminder to the on-call handbook to double-check the region."),
        (FieldKind.ACTION, "Hold a session with the team about being careful."),
        (FieldKind.ACTION, "Fix monitoring."),
        (FieldKind.WENT_POORLY, "The team was too slow to declare an incident."),
        (FieldKind.WENT_POORLY, "Nobody updated the status page for an hour."),
    ],
)
def test_blame_is_found_in_the_field_it_is_written_in(kind, text):
    assert check_text(text, kind), text


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        (FieldKind.WHY, "The DNS record is updated by hand and the migration checklist did not mention it."),
        (FieldKind.WENT_POORLY, "The page went to a phone on silent; acknowledgement took 40 minutes."),
        (FieldKind.LESSON, "Migrations need a dry run against a copy of production."),
        (FieldKind.ACTION, "Jamal to add a CI gate to the deploy repository by Friday."),
        (FieldKind.TIMELINE, "The admin ran the cleanup job against production at 14:02."),
        (FieldKind.TIMELINE, "The engineer ran the migration script; it locked the orders table."),
        (FieldKind.OTHER, "What made the warning look like noise?"),
        (FieldKind.OTHER, "Who owns the billing dashboard now?"),
        (FieldKind.OTHER, "Support missed no SLA during the incident."),
        (FieldKind.OTHER, "The crew cut the cable to isolate the fault, as planned."),
        (FieldKind.OTHER, "E-commerce checkout slowed after a traffic spike caused by a marketing campaign."),
        (FieldKind.OTHER, "Operators were told to expect a brief outage."),
        (FieldKind.OTHER, "The reviewer approved the change after two rounds of comments."),
        (FieldKind.OTHER, "Dana merged the fix, triggering the release pipeline."),
        (FieldKind.OTHER, "The engineer restarted the primary, restoring writes within a minute."),
        (FieldKind.OTHER, "The admin ran a script that removed the stale sessions."),
        (FieldKind.OTHER, "The company blamed a software bug for the outage."),
        (FieldKind.OTHER, "The failover did nothing because the standby was also down."),
        (FieldKind.OTHER, "Engineers at the plant restored power by 6 p.m."),
        (FieldKind.OTHER, "Finance approved the emergency spend."),
        (FieldKind.WHY, "The engineers need more time to finish the review."),
        (FieldKind.OTHER, "The failover was triggered by the on-call engineer."),
        (FieldKind.OTHER, "The deploy was started by the release engineer at 14:00."),
        (FieldKind.OTHER, "The stale pods were deleted by the on-call to free the queue."),
        (FieldKind.ACTION, "Work closely with the vendor on the firmware fix by Friday."),
        (FieldKind.OTHER, "Even if an engineer types the wrong command, the tool should stop it."),
        (FieldKind.OTHER, "If someone skips a step, the checklist catches it."),
        (FieldKind.OTHER, "Just because you didn't change the code doesn't mean it works."),
        (FieldKind.OTHER, "We stopped blaming the operator who pressed the button and looked at the UI."),
        (FieldKind.OTHER, "The cron job paged the engineer, and skipped two runs."),
        (FieldKind.OTHER, "The disk cleanup deleted the operator logs."),
        (FieldKind.OTHER, "The risk was logged in the register in March with a mitigation planned for Q3."),
        (FieldKind.OTHER, "Could the operator see the warning on the small screen?"),
        (FieldKind.TIMELINE, "She was asleep when the page came in at 3 a.m."),
        (FieldKind.OTHER, "The engineer used the default password to log in before changing it."),
        (FieldKind.OTHER, "The root cause was the config not being validated."),
        (FieldKind.OTHER, "The load balancer misrouted traffic to the old pool."),
        (FieldKind.OTHER, "The fault lies with the load balancer firmware."),
        (FieldKind.OTHER, "Responsibility for the runbook rests with the platform team."),
        (FieldKind.OTHER, "The supervisor signed off on the work after the inspection."),
        (FieldKind.WENT_POORLY, "The team was slow to get the fix reviewed because two reviewers were on leave."),
        (FieldKind.ACTION, "Restrict production write access to the deploy role by 1 July."),
        (FieldKind.ACTION, "Remove the bot's write access to the release branch."),
        (FieldKind.ACTION, "Fix the retry loop in the payment client."),
        (FieldKind.WENT_POORLY, "The status page was updated an hour after the first alert."),
        (FieldKind.OTHER, "The team chose to fail over rather than wait for the primary to recover."),
        (FieldKind.OTHER, "A contractor working on the HVAC system tripped a breaker, and the UPS carried the load."),
        (FieldKind.OTHER, "The engineer cut over to the new cluster at 03:00 as planned."),
        (FieldKind.SUMMARY, "We deployed a change to the rate limiter that caused elevated error rates."),
    ],
)
def test_work_described_in_its_field_is_not_flagged(kind, text):
    assert check_text(text, kind) == [], [f.rule for f in check_text(text, kind)]


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("Engineering should fix", True),
        ("Content team should be able to brainstorm solutions to TLS problems", True),
        ("Implement a monitoring system to alert the team to server issues.", True),
        ("Implement a new process so config changes reach staging before production.", False),
        ("Add an alert when disk usage exceeds 80% for 10 minutes.", False),
        ("The database team will add a replica in region B.", False),
    ],
)
def test_an_action_with_no_measurable_end_is_vague(text, vague):
    rules = {finding.rule for finding in check_text(text, FieldKind.ACTION)}
    assert ("vague-action" in rules) is vague, rules


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
