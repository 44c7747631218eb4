"""What a rewording offered for a finding must be: the finding gone, the sentence's things kept,
plain grammar. Written apart from the rewording code, so that the two do not share mistakes."""

from __future__ import annotations

import re

from pm_postmortem.core.coach import FIRST_NAMES, check_text
from pm_postmortem.core.coach.actors import _MODIFIERS, Actor, actor_of_word
from pm_postmortem.core.coach.language import _Text, _wordset
from pm_postmortem.core.findings import BlameKind, FieldKind, Finding

_NOBODY = _Text("", FieldKind.OTHER, None)
_STOP = _wordset("""
    the and for but not nor yet with from into onto that this these those then than there their
    them they was were been being are is has have had did does do done who whom whose what which
    why how when where while all any each some his her its our your you she him one also just
    still even only very much more most such own same other again ever never off out very can
    could should would will shall must may might ought let lets didn doesn don hasn hadn wasn
    weren isn aren
    """)
_BLAME_WORDS = re.compile(
    r"accident|advert|mistak|intention|erron|wrong|careless|neglig|unwitting|apparent|error"
    r"|oversight|blunder|slip|goof|mishap|typo|finger|obvious|clear|hindsight|retrospect|course"
    r"|forg[eo]t|fail|neglect|hell|earth|come|really|absolutely|simply|surely|preventabl"
    r"|avoidabl|plain|evident|human|acted|respond|react|simple|honest|silly|dumb",
    re.IGNORECASE,
)
_IRREGULAR_PAST = {"ran": "run", "broke": "broken", "took": "taken", "wrote": "written"}
_PARTICIPLE = re.compile(
    r"(?:\w+ly\s+)?(?:[\w-]+(?:ed|en|wn|t)|run|set|put|cut|hit|let|read|shut|made|done|sent"
    r"|found|caught|brought|kept|left|built|got|sold|told|lost|held|paid|led|understood|known"
    r"|seen|shown|begun|thrown|given|taken|written|broken|chosen|driven)\b",
    re.IGNORECASE,
)
_REGULARISED = re.compile(
    r"\b(?:understand|run|take|break|make|do|send|know|go|see|write|choose|sell|tell|lose|lead"
    r"|think|bring|buy|catch|teach|feel|keep|leave|mean|meet|pay|say|stand|get|wa|full|real)(?:ed|ied)\b",
    re.IGNORECASE,
)
_PARTICLE_AS_THING = re.compile(r"\b(?:was|were)\s+(?:up|down|off|out|over)\s+\w+ed\b", re.I)
_NO_SUBJECT = _wordset("to down up off out over in on at by with from into of")
_SENTENCE_BREAK = re.compile(r"(?<![A-Z])(?<!\bCorp)(?<!\bInc)(?<!\bCo)[.!?]\s+[A-Z]")


_DETERMINER_WORDS_DETERMINER = re.compile(
    r"\b(?:the|a|an)\s+(?:(?!(?:time|of|in|on|at|to|for|with|without|from|by|as|into|and|or|is|was"
    r"|are|were|has|had|have|than|that|which)\s)[a-z-]+(?<!ed)(?<!ing)\s+){1,2}(?:the|a|an)\s",
    re.IGNORECASE,
)
""""The on-call the config", "a different config a gap" (new in the rewording: prepositions and
verbs between two articles, as in "a change to the script", are in the original too)."""


def _new_matches(pattern: re.Pattern[str], new: str, old: str) -> bool:
    """Whether ``pattern`` finds in the rewording what it does not find in the original."""
    return bool(set(pattern.findall(new)) - set(pattern.findall(old)))


def grammar_problems(new: str, old: str) -> list[str]:
    """Plain grammar checks a reworded sentence must pass (``old`` is the sentence it replaces)."""
    problems = []
    first = next((char for char in new if char.isalnum()), "")
    if not first or (first.isalpha() and not first.isupper()):
        problems.append("no capital first letter")
    if re.search(
        r"\b(?:the|a|an|his|their|our|my|your)\s+[“\"‘']?"
        r"(?:the|a|an|them|they|it|him|was|were|is|are|been|not)\b",
        new,
        re.IGNORECASE,
    ):
        problems.append("doubled or dangling determiner")
    if _new_matches(_DETERMINER_WORDS_DETERMINER, new, old):
        problems.append("a determiner, a word, a determiner (“The on-call the …”)")
    plural_was = re.compile(
        r"\b(?:they|we|these|those)\s+was\b"
        r"|\b(?!\w+(?:ss|us|is|'s|’s)\b)[a-z]\w*[a-rt-z]s\s+was\s+(?:not\s+)?\w+(?:ed|en|wn)\b",
        re.IGNORECASE,
    )
    if _new_matches(plural_was, new, old):
        problems.append("“was” after a plural subject")
    for match in re.finditer(r"\b(?:was|were)\s+not\s+(\S+(?:\s+\S+)?)", new):
        if not _PARTICIPLE.match(match.group(1)) and not old.count(match.group(0)):
            problems.append(f"no participle after “{match.group(0)}”")
    clause_subject = re.compile(
        r"^\W*[\w-]+(?:\s+[\w-]+)?\s+[a-z]+ed\s+(?:it|them|the|a|an|this|that)\b[^,.;]*\s(?:was|were)\s+not\b",
        re.IGNORECASE,
    )
    if _new_matches(clause_subject, new, old):
        problems.append("a clause as the subject (“Cert-manager used it was not known”)")
    if _new_matches(_PARTICLE_AS_THING, new, old):
        problems.append("a particle where a thing should be (“How was up messed”)")
    opening = re.match(r"\W*([\w-]+)", new)
    if (
        opening
        and opening.group(1).lower() in _NO_SUBJECT
        and not old.lower().startswith(opening.group(1).lower())
    ):
        problems.append(f"opens with “{opening.group(1)}”, no subject")
    if _REGULARISED.search(new):
        problems.append("a made-up past form")
    if len(_SENTENCE_BREAK.findall(new)) > len(_SENTENCE_BREAK.findall(old)):
        problems.append("more than one sentence")
    if re.search(r"\s[,;:.]|,\s*[,.;]|\s{2,}|^\W*$", new):
        problems.append("stray punctuation or space")
    for open_, close in (("(", ")"), ("[", "]"), ("“", "”")):
        if new.count(open_) != new.count(close) and old.count(open_) == old.count(close):
            problems.append(f"unbalanced {open_}{close}")
    if new.count('"') % 2 and not old.count('"') % 2:
        problems.append('unbalanced "')
    if re.search(r"\b(?:the|a|an|to|of|by|and|with)\s*[.?!]?$", new.strip(), re.IGNORECASE):
        problems.append("ends on a determiner or preposition")
    return problems


def _kept(word: str, new_words: set[str]) -> bool:
    lower = word.lower()
    if lower in new_words or _IRREGULAR_PAST.get(lower) in new_words:
        return True
    stem = lower[: max(3, min(len(lower) - 1, 4))]
    return any(other.startswith(stem) for other in new_words)


def _blamed(word: str) -> bool:
    return actor_of_word(_NOBODY, word) in (Actor.PERSON, Actor.GROUP) or word in FIRST_NAMES


def lost_words(text: str, finding: Finding) -> list[str]:
    """Content words of the sentence (things, systems, acts) the rewording no longer has; the
    blamed person or group, their modifiers and the words of blame may go."""
    rewording = finding.rewording
    assert rewording is not None
    old = text[rewording.start : rewording.end]
    new_words = {w.lower() for w in re.findall(r"[\w-]+", rewording.text)}
    new_words |= {w.lower() for w in re.findall(r"[^\W_]+", rewording.text)}
    words = list(re.finditer(r"[^\W\d_][\w-]*", old))
    lost = []
    for index, match in enumerate(words):
        word = match.group(0)
        at = rewording.start + match.start()
        if len(word) < 3 or word.lower() in _STOP or finding.start <= at < finding.end:
            continue
        if any(_blamed(other.group(0)) for other in words[index : index + 3]):
            continue  # the person or group, with the words naming them ("Work crews")
        if word.lower() in _MODIFIERS or _BLAME_WORDS.search(word) or word.endswith("ly"):
            continue
        if not _kept(word, new_words):
            lost.append(word)
    return lost


def finding_again(text: str, kind: FieldKind, finding: Finding) -> bool:
    """Whether the reworded text draws the same finding in the reworded sentence."""
    rewording = finding.rewording
    assert rewording is not None
    new = rewording.apply(text)
    stop = rewording.start + len(rewording.text)
    return any(
        again.rule == finding.rule and again.start < stop and again.end > rewording.start
        for again in check_text(new, kind)
    )


def problems(text: str, kind: FieldKind, finding: Finding) -> list[str]:
    """Everything wrong with the rewording ``finding`` offers for ``text`` (empty: fine)."""
    rewording = finding.rewording
    assert rewording is not None
    found = []
    if finding_again(text, kind, finding):
        found.append("the same finding again")
    lost = lost_words(text, finding)
    if lost and finding.kind is not BlameKind.VAGUE:
        found.append("lost " + ", ".join(lost))
    found += grammar_problems(rewording.text, text[rewording.start : rewording.end])
    return found
