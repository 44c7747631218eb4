"""The why question asked about an answer, worded so that it reads as English.

An answer is either a noun phrase ("duplicated bookings in the exports") or a clause ("the pool
size was set to 5"). "Why did X happen?" suits the first only; a clause with an auxiliary verb
is turned around ("Why was the pool size set to 5?"), any other clause is quoted after a colon,
which reads right whatever it holds. The app and the export ask the same questions.
"""

from __future__ import annotations

from pm_postmortem.core.model import WhyNode

NO_SYMPTOM = "the incident"
"""What the first question asks about while no symptom is written."""

AUXILIARIES = frozenset(
    ["is", "are", "was", "were", "has", "have", "had", "can", "could", "will", "would", "should", "must", "may", "might", "does", "do", "did"]
)
DO_SUPPORT = {"has": "does", "have": "do", "had": "did"}
"""Possessive have takes do when asked: "changes have no tests" -> "Why do changes have no tests?"."""
SUBORDINATORS = frozenset(["whether", "that", "which", "who", "whom", "whose", "if", "because", "when", "while", "where", "since"])
DETERMINERS = frozenset(["the", "a", "an", "our", "its", "their", "this", "that", "these", "those", "no", "some", "every", "each", "all", "any"])
IRREGULAR_PAST = frozenset(
    ["held", "ran", "went", "took", "made", "sent", "lost", "broke", "hit", "left", "got", "came", "fell", "grew", "began", "kept", "let", "put", "said", "saw", "shut", "sold", "spent", "stood", "told", "thought", "wrote", "brought", "built", "caught", "chose", "drove", "forgot", "gave", "hid", "knew", "led", "meant", "met", "paid", "rose", "shook", "spread", "stuck", "struck", "swept", "threw", "understood", "woke", "won", "wore"]
)
LONGEST_SUBJECT = 6
"""Words before an auxiliary that can still be its subject."""


def _looks_past(word: str) -> bool:
    return word in IRREGULAR_PAST or (len(word) > 4 and word.endswith("ed") and not word.endswith("eed"))


def _participle(word: str) -> bool:
    return word == "been" or _looks_past(word) or word.endswith("en")


def why_question(subject: str) -> str:
    """The question a why answer replies to, asked about ``subject`` (the symptom or an answer)."""
    text = " ".join(subject.split()).removesuffix(".").strip()
    words = text.split(" ")
    for index, word in enumerate(words[1 : LONGEST_SUBJECT + 1], start=1):
        lower = word.lower()
        if lower in SUBORDINATORS or _looks_past(lower):
            return f"Why did this happen: {in_sentence(text)}?"
        if lower in AUXILIARIES:
            before, after = in_sentence(" ".join(words[:index])).split(" "), words[index + 1 :]
            if lower in DO_SUPPORT and not (after and _participle(after[0].lower())):
                return f"Why {DO_SUPPORT[lower]} {' '.join([*before, 'have', *after])}?"
            return f"Why {lower} {' '.join([*before, *after])}?"
    return f"Why did {in_sentence(text)} happen?"


def question_about(above: str) -> str:
    """The generated why asked about ``above``: an answer, or the symptom (when none, the incident)."""
    return why_question(above.strip().removesuffix(".") or NO_SYMPTOM)


def question_for(node: WhyNode, above: str) -> str:
    """The why ``node`` answers: the facilitator's own wording when typed, else the question about
    ``above`` (the answer above the node; the symptom for a first answer)."""
    return (node.question or "").strip() or question_about(above)


SENTENCE_STARTERS = DETERMINERS | SUBORDINATORS | frozenset(
    ["we", "they", "it", "there", "nobody", "nothing", "none", "one", "not", "only", "after", "before", "during",
     "on", "in", "at", "for", "with", "without", "until", "once", "both", "either", "neither", "most", "many",
     "several", "two", "three", "more", "less", "too", "why", "how", "what"]
)
"""Words that are lowered when an answer continues a sentence: any other first word may be a name
("Bob", "Kafka", "DATEV") and is kept as typed."""


def in_sentence(text: str) -> str:
    """``text`` continuing a sentence ("Because the cache …"): its first letter lowered only when
    its first word is a common one (``SENTENCE_STARTERS``); names and acronyms stay as typed."""
    first = text.split(" ", 1)[0]
    if first[:1].isupper() and first.lower() in SENTENCE_STARTERS:
        return text[0].lower() + text[1:]
    return text
