"""A systems-focused rewording of the sentence a finding is in, for the facilitator to accept.

The rewordings are mechanical and meant as a starting point the room can adjust: words of fault
are dropped, a person as the subject of an act gives way to the step itself ("The production
database was deleted, and no safeguard stopped it."), questions at people become questions about
the situation, and actions that ask people to try harder become a change to the system.
"""

from __future__ import annotations

import re

from pm_postmortem.core.coach.actors import actor_of_word
from pm_postmortem.core.coach.language import _Text
from pm_postmortem.core.findings import BlameKind, FieldKind, Rewording

_I = re.IGNORECASE
_NO_PEOPLE = _Text("", FieldKind.OTHER, None)

_FAULT_ADVERBS = re.compile(
    r",?\s*\b(?:accidentally|accidently|inadvertently|mistakenly|unintentionally|erroneously"
    r"|wrongly|carelessly|negligently|unwittingly|apparently)\b|\s+(?:by\s+(?:accident|mistake)"
    r"|in\s+error)\b|\baccidental\s+",
    _I,
)
_FAULT_NOUNS = (
    (
        re.compile(
            r"\b(?:a\s+)?(?:human|operator|user|pilot|contractor|staff|employee|engineer"
            r"|admin|manual)\s+(?:error|mistake|slip)\b",
            _I,
        ),
        "a manual step without a safeguard",
    ),
    (
        re.compile(
            r"\b(?:an?|his|her|their|my|your|honest|simple|silly|dumb|stupid|careless)\s+"
            r"(?:\w+\s+)?(?:mistake|oversight|blunder|slip|slip-up|goof|mishap)\b",
            _I,
        ),
        "a gap in the process",
    ),
    (re.compile(r"\b(?:a|the)\s+typo\b", _I), "an unchecked input"),
    (re.compile(r"\bfat[- ]?finger(?:ed|s)?\b", _I), "mistyped"),
)
_STEP_SUFFIX = ", and no safeguard stopped it"
_OMISSION_SUFFIX = ", and no check caught it"
_OMISSION = re.compile(
    r"(?:did\s+not|didn['’]t|never|had\s+not|hadn['’]t|failed\s+to|neglected\s+to|forgot\s+to)"
    r"\s+(?:even\s+|properly\s+)?([a-z]+)\b",
    _I,
)
_PREPOSITIONS = frozenset(
    [
        "on",
        "in",
        "at",
        "to",
        "against",
        "from",
        "with",
        "into",
        "onto",
        "during",
        "after",
        "before",
        "while",
        "because",
        "instead",
        "when",
        "using",
        "via",
        "for",
        "by",
        "as",
        "without",
        "until",
    ]
)
_SKIPPABLE = frozenset(
    [
        "the",
        "a",
        "an",
        "one",
        "of",
        "our",
        "their",
        "his",
        "her",
        "my",
        "your",
        "this",
        "that",
        "also",
        "then",
        "apparently",
        "tired",
        "exhausted",
        "junior",
        "senior",
        "new",
        "single",
        "different",
        "another",
        "certain",
        "except",
    ]
)
_IRREGULAR = {
    "ran": "run",
    "run": "run",
    "took": "taken",
    "take": "taken",
    "wrote": "written",
    "write": "written",
    "broke": "broken",
    "break": "broken",
    "chose": "chosen",
    "choose": "chosen",
    "drove": "driven",
    "overwrote": "overwritten",
    "gave": "given",
    "give": "given",
    "began": "begun",
    "forgot": "forgotten",
    "threw": "thrown",
    "did": "done",
    "do": "done",
    "saw": "seen",
    "see": "seen",
    "knew": "known",
    "know": "known",
    "made": "made",
    "make": "made",
    "sent": "sent",
    "send": "sent",
    "caught": "caught",
    "catch": "caught",
    "put": "put",
    "set": "set",
    "cut": "cut",
    "hit": "hit",
    "let": "let",
    "read": "read",
    "kept": "kept",
    "keep": "kept",
    "left": "left",
    "leave": "left",
    "built": "built",
    "build": "built",
    "got": "got",
    "get": "got",
    "shut": "shut",
    "brought": "brought",
    "bring": "brought",
    "found": "found",
    "find": "found",
}


def suggest(text: str, start: int, end: int, kind: BlameKind) -> Rewording | None:
    """A rewording of the sentence holding ``text[start:end]``, or None when none fits."""
    begin, stop = _sentence_bounds(text, start, end)
    sentence = text[begin:stop]
    new = _REWORDERS[kind](sentence)
    if not new:
        return None
    new = new.strip().rstrip(".?!")  # the sentence's own end stays in the text
    if new == sentence.strip():
        return None
    return Rewording(begin, stop, new)


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    begin = 0
    for match in re.finditer(r"[.!?\n]\s+|\n", text[:start]):
        begin = match.end()
    stop = re.search(r"[.!?\n]", text[end:])
    return begin, end + stop.start() if stop else len(text)


# --- pieces --------------------------------------------------------------------------------


def participle(verb: str) -> str:
    lower = verb.lower()
    if lower in _IRREGULAR:
        return _IRREGULAR[lower]
    if lower.endswith("ed"):
        return lower
    if lower.endswith("es") and lower[:-2].endswith(("ch", "sh", "ss", "x")):
        lower = lower[:-2]
    elif lower.endswith("s") and not lower.endswith("ss"):
        lower = lower[:-1]
    if lower.endswith("e"):
        return lower + "d"
    if re.search(r"[^aeiou]y$", lower):
        return lower[:-1] + "ied"
    if _doubles(lower):
        return lower + lower[-1] + "ed"
    return lower + "ed"


def gerund(verb: str) -> str:
    lower = verb.lower()
    if lower.endswith("ie"):
        return lower[:-2] + "ying"
    if lower.endswith("e") and not lower.endswith("ee"):
        return lower[:-1] + "ing"
    if _doubles(lower):
        return lower + lower[-1] + "ing"
    return lower + "ing"


def _doubles(word: str) -> bool:
    return len(word) <= 4 and bool(re.search(r"[^aeiou][aeiou][^aeiouwxy]$", word))


def _capitalised(words: str) -> str:
    return words[:1].upper() + words[1:]


def _split_object(rest: str) -> tuple[str, str]:
    """``rest`` after a verb as (object, the rest from the first preposition or comma)."""
    words = rest.split(" ")
    for index, word in enumerate(words):
        if index and (word.lower().strip(",") in _PREPOSITIONS or word.startswith(",")):
            return " ".join(words[:index]).strip(" ,"), " " + " ".join(words[index:]).strip()
        if word.endswith(","):
            return " ".join(words[: index + 1]).strip(" ,"), ", " + " ".join(words[index + 1 :])
    return rest.strip(" ,"), ""


def _subject_end(sentence: str) -> tuple[int, int] | None:
    """(start, end) of a person or a group opening ``sentence``, after any leading phrase."""
    lead = re.match(r"(?:(?:on|at|in|during|after|by)\s[^,]{0,60},\s+|but\s+|so\s+)?", sentence, _I)
    pos = lead.end() if lead else 0
    for match in re.finditer(r"[\w'’-]+", sentence[pos:]):
        word = match.group(0)
        named = (
            match.start() == 0
            and word[:1].isupper()
            and _NAME_THEN_ACT.match(sentence, pos + match.end())
        )
        if actor_of_word(_NO_PEOPLE, word) is not None or named:
            return pos, pos + match.end()
        if word.lower() not in _SKIPPABLE and not word[:1].isupper():
            return None
    return None


_NAME_THEN_ACT = re.compile(
    r"\s+(?:did|didn['’]t|never|had|forgot|pushed|ran|deleted|dropped)\b", _I
)
"""A capitalised first word followed by one of these is a name ("Jane didn't …")."""


# --- by kind -------------------------------------------------------------------------------


_FAULT_HINT = re.compile(
    r"accident|advert|mistak|intention|erron|wrong|careless|neglig|unwitting|apparent|error"
    r"|oversight|blunder|slip|goof|mishap|typo|finger",
    _I,
)
"""Letters every word of fault contains: most sentences need none of the replacements."""


def _without_fault_words(sentence: str) -> str:
    if not _FAULT_HINT.search(sentence):
        return sentence
    new = _FAULT_ADVERBS.sub("", sentence)
    for pattern, replacement in _FAULT_NOUNS:
        new = pattern.sub(replacement, new)
    return re.sub(r"\s{2,}", " ", new)


def _about_the_step(sentence: str) -> str | None:
    """Person or group as subject → the step as subject; words of fault dropped."""
    cleaned = _without_fault_words(sentence)
    bounds = _subject_end(cleaned)
    if bounds is not None:
        begin, end = bounds
        rest = cleaned[end:].lstrip()
        rest = re.sub(r"^(?:also|then|just|simply|\w+ly)\s+", "", rest, flags=_I)
        punctuation = "." if cleaned.rstrip().endswith(".") else ""
        omission = _OMISSION.match(rest)
        if omission:
            thing, tail = _split_object(rest[omission.end() :].strip().rstrip("."))
            if thing:
                opening = cleaned[:begin] + thing if begin else _capitalised(thing)
                return (
                    opening
                    + " was not "
                    + participle(omission.group(1))
                    + tail
                    + _OMISSION_SUFFIX
                    + punctuation
                )
        verb = re.match(r"([a-z]+)\s+(.*)$", rest, re.DOTALL)
        if verb and (verb.group(1).endswith(("ed", "es")) or verb.group(1) in _IRREGULAR):
            thing, tail = _split_object(verb.group(2).strip().rstrip("."))
            if thing and thing.lower() not in ("it", "them"):
                opening = cleaned[:begin] + thing if begin else _capitalised(thing)
                return (
                    opening
                    + " was "
                    + participle(verb.group(1))
                    + tail
                    + _STEP_SUFFIX
                    + punctuation
                )
    return cleaned if cleaned != sentence else None


_SHOULD_HAVE = re.compile(
    r"^(?P<lead>.*?)(?P<subj>\b[\w'’-]+)\s+(?:should|ought\s+to|must)(?:\s+have|['’]ve)\s+"
    r"(?P<part>[a-z]+)\b\s*(?P<rest>.*)$",
    _I | re.DOTALL,
)
_HINDSIGHT_WORDS = re.compile(
    r"\b(?:obviously|clearly|of\s+course)\s*,?\s*|\b(?:in|with)\s+(?:the\s+benefit\s+of\s+)?"
    r"hindsight\s*,?\s*|\bin\s+retrospect\s*,?\s*",
    _I,
)


_FORESEEN = (
    (
        re.compile(
            r"\b(?:it\s+was\s+)?(?:plain|clear|obvious|evident|apparent)\s+(?:from\s+(?:day\s+one"
            r"|the\s+(?:very\s+)?(?:start|beginning|outset))|to\s+(?:anyone|everyone|anybody|all))"
            r"\s+that\s+",
            _I,
        ),
        "",
    ),
    (
        re.compile(
            r"\b(?:was|were|is)\s+(?:entirely\s+|completely\s+)?(?:preventable|avoidable)\b", _I
        ),
        "had no safeguard against it",
    ),
    (
        re.compile(r"\b(?:nobody|no[- ]one)\s+(?:acted|responded|reacted)\b", _I),
        "no signal prompted action",
    ),
)


def _without_hindsight(sentence: str) -> str | None:
    new = sentence
    for pattern, replacement in _FORESEEN:
        new = pattern.sub(replacement, new)
    if new != sentence:
        return _capitalised(new.strip())
    match = _SHOULD_HAVE.match(sentence)
    if match:
        part, rest = match.group("part"), match.group("rest").rstrip(".")
        if part.lower() == "been":
            return (
                _capitalised(f"{match.group('lead')}{match.group('subj')} was not {rest}".strip())
                + "."
            )
        thing, tail = _split_object(rest)
        thing = thing or "this"
        return _capitalised(f"{match.group('lead')}{thing} was not {part}{tail}".strip()) + (
            ", and nothing at the time pointed to it."
        )
    new = _HINDSIGHT_WORDS.sub("", sentence)
    return _capitalised(new.strip()) if new != sentence else None


_WHY = re.compile(
    r"^\s*(?:why|how\s+come)\s+(?:the\s+hell\s+|on\s+earth\s+)?(?P<aux>did|didn['’]t|do|don['’]t"
    r"|does|doesn['’]t)\s+(?:not\s+)?(?:the\s+)?[\w'’-]+(?:\s+\d+)?\s+(?P<verb>[a-z]+)\s*(?P<rest>[^?]*)",
    _I,
)
_WHO = re.compile(r"^\s*who\s+(?P<verb>[a-z]+)\s+(?P<rest>[^?]*)", _I)


def _about_the_situation(sentence: str) -> str | None:
    why = _WHY.match(sentence)
    if why:
        doing = f"{gerund(why.group('verb'))} {why.group('rest').strip()}".strip()
        if "n" in why.group("aux").lower()[-3:] and why.group("aux").lower() not in ("did", "do"):
            return f"What got in the way of {doing}?"
        return f"What made {doing} look reasonable at the time?"
    who = _WHO.match(sentence)
    if who and who.group("rest").strip():
        return f"How was {who.group('rest').strip()} {participle(who.group('verb'))}?"
    if re.match(r"^\s*(?:why|how\s+come|who)\b", sentence, _I):
        return "What about the situation made this the reasonable thing to do at the time?"
    return None


def _a_system_change(sentence: str) -> str:
    return (
        "Add a safeguard so that this slip is caught without relying on anyone's care: "
        "a confirmation, a safer default or a check in the pipeline."
    )


def _measurable(sentence: str) -> str:
    core = sentence.strip().rstrip(".!")
    return f"{core}, done when a named check, number or date shows it."


_REWORDERS = {
    BlameKind.PERSON: _about_the_step,
    BlameKind.GROUP: _about_the_step,
    BlameKind.FAULT: _about_the_step,
    BlameKind.HINDSIGHT: _without_hindsight,
    BlameKind.QUESTION: _about_the_situation,
    BlameKind.FIX_THE_HUMAN: _a_system_change,
    BlameKind.VAGUE: _measurable,
}
