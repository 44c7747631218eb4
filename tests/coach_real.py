"""The real-sentence corpora and how the coach scores on them.

Each row was labelled by hand before the coach ever read it. Both files are tuning material now;
the `split` column records how each was once split at random into a tuning half and a held-out
half (the seed is in the file's comment), which is how held-out figures were measured.
`coach_real_corpus.tsv` is the first set; `coach_holdout_2.tsv` a second one, collected after the
first set's held-out misses had been read. `coach_holdout_3a.tsv` and `coach_holdout_3b.tsv` are
the third set and `coach_holdout_4a/4b.tsv` the fourth: each held out whole and scored once,
then read for the rules of `coach.story`; `coach_tuning_5a/5b.tsv` is tuning material.
`coach_holdout_6a/6b.tsv` to `coach_holdout_8a/8b.tsv`, the sixth to eighth, were held out,
scored once, then read too, and so were `coach_holdout_9a/9b.tsv` and `coach_holdout_10a/10b.tsv`,
the ninth and tenth, once their one score was recorded. `coach_holdout_11a/11b.tsv`, the eleventh
set (1,330 rows from four collectors who did not write the rules), is held out whole: only scored,
never read for rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pm_postmortem.core.coach import check_text
from pm_postmortem.core.findings import FieldKind

CORPUS = Path(__file__).with_name("coach_real_corpus.tsv")
HOLDOUT_2 = Path(__file__).with_name("coach_holdout_2.tsv")
HOLDOUT_3 = (Path(__file__).with_name("coach_holdout_3a.tsv"), Path(__file__).with_name("coach_holdout_3b.tsv"))
TUNING_5 = (Path(__file__).with_name("coach_tuning_5a.tsv"), Path(__file__).with_name("coach_tuning_5b.tsv"))
HOLDOUT_4 = (Path(__file__).with_name("coach_holdout_4a.tsv"), Path(__file__).with_name("coach_holdout_4b.tsv"))
HOLDOUT_6 = (Path(__file__).with_name("coach_holdout_6a.tsv"), Path(__file__).with_name("coach_holdout_6b.tsv"))
HOLDOUT_7 = (Path(__file__).with_name("coach_holdout_7a.tsv"), Path(__file__).with_name("coach_holdout_7b.tsv"))
HOLDOUT_8 = (Path(__file__).with_name("coach_holdout_8a.tsv"), Path(__file__).with_name("coach_holdout_8b.tsv"))
HOLDOUT_9 = (Path(__file__).with_name("coach_holdout_9a.tsv"), Path(__file__).with_name("coach_holdout_9b.tsv"))
HOLDOUT_10 = (Path(__file__).with_name("coach_holdout_10a.tsv"), Path(__file__).with_name("coach_holdout_10b.tsv"))
HOLDOUT_11 = (Path(__file__).with_name("coach_holdout_11a.tsv"), Path(__file__).with_name("coach_holdout_11b.tsv"))
AGREEMENT_11 = Path(__file__).with_name("coach_agreement_11.tsv")
"""400 rows of the eleventh set labelled a second time, blind, by another person."""
BLAME_LABELS = frozenset({"person", "group", "fault", "hindsight", "fix", "question", "vague"})


@dataclass(frozen=True)
class Sentence:
    split: str
    label: str
    source: str
    kind: FieldKind
    text: str
    url: str

    @property
    def blaming(self) -> bool:
        return self.label != "neutral"

    def flagged(self) -> bool:
        return bool(check_text(self.text, self.kind))


def load(corpus: Path = CORPUS) -> list[Sentence]:
    rows = [line for line in corpus.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    sentences = []
    for line in rows[1:]:
        split, label, source, kind, text, url = line.split("\t")
        sentences.append(Sentence(split, label, source, FieldKind(kind or "other"), text, url))
    return sentences


@dataclass(frozen=True)
class Score:
    blaming: int
    caught: int
    neutral: int
    false_positives: int

    @property
    def recall(self) -> float:
        return self.caught / self.blaming if self.blaming else 1.0

    @property
    def fp_rate(self) -> float:
        return self.false_positives / self.neutral if self.neutral else 0.0

    def __str__(self) -> str:
        return (
            f"recall {self.recall:.1%} ({self.caught}/{self.blaming}), "
            f"false positives {self.fp_rate:.1%} ({self.false_positives}/{self.neutral})"
        )


def score(sentences: list[Sentence]) -> Score:
    blaming = [s for s in sentences if s.blaming]
    neutral = [s for s in sentences if not s.blaming]
    return Score(
        len(blaming),
        sum(s.flagged() for s in blaming),
        len(neutral),
        sum(s.flagged() for s in neutral),
    )


@dataclass(frozen=True)
class TwoLabels:
    """One sentence with the collector's label and a second person's, given blind."""

    source: str
    kind: FieldKind
    first: str
    second: str
    text: str
    url: str


def load_agreement(path: Path = AGREEMENT_11) -> list[TwoLabels]:
    rows = [line for line in path.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    labelled = []
    for line in rows[1:]:
        source, kind, first, second, text, url = line.split("\t")
        labelled.append(TwoLabels(source, FieldKind(kind or "other"), first, second, text, url))
    return labelled


@dataclass(frozen=True)
class Agreement:
    """How far two people agree on blaming versus neutral, and the coach beside them."""

    rows: int
    agreed: float
    kappa: float
    second_as_first: Score
    """The second person scored against the first as if they were the coach."""
    coach_on_consensus: Score
    """The coach on the rows both call blaming (recall) and both call neutral (false positives)."""


def agreement(rows: list[TwoLabels]) -> Agreement:
    first = [row.first != "neutral" for row in rows]
    second = [row.second != "neutral" for row in rows]
    count = len(rows)
    agreed = sum(a == b for a, b in zip(first, second, strict=True)) / count
    chance = (sum(first) * sum(second) + (count - sum(first)) * (count - sum(second))) / count**2
    flagged = [bool(check_text(row.text, row.kind)) for row in rows]
    both_blaming = [i for i in range(count) if first[i] and second[i]]
    both_neutral = [i for i in range(count) if not first[i] and not second[i]]
    return Agreement(
        count,
        agreed,
        (agreed - chance) / (1 - chance),
        Score(
            sum(first),
            sum(a and b for a, b in zip(first, second, strict=True)),
            count - sum(first),
            sum(b and not a for a, b in zip(first, second, strict=True)),
        ),
        Score(
            len(both_blaming),
            sum(flagged[i] for i in both_blaming),
            len(both_neutral),
            sum(flagged[i] for i in both_neutral),
        ),
    )
