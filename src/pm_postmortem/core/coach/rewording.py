"""A systems-focused rewording of the sentence a finding is in, for the facilitator to accept.

The rewordings are mechanical and meant as a starting point the room can adjust: words of fault
are dropped, a person as the subject of an act gives way to the step itself ("The production
database was deleted, and no safeguard stopped it."), questions at people become questions about
the situation, and vague actions get a measurable end. A rewording is only offered when it can be
built as a whole sentence that keeps what the original says about the system: a sentence whose
shape the rules do not know gets none (the finding's reframe still says what to do), because a
broken sentence put into the document is worse than no suggestion.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from pm_postmortem.core.coach.actors import actor_of_word
from pm_postmortem.core.coach.language import FIRST_NAMES, _Text, _wordset
from pm_postmortem.core.findings import BlameKind, FieldKind, Rewording

_I = re.IGNORECASE
_NO_PEOPLE = _Text("", FieldKind.OTHER, None)

_FAULT_ADVERB = (
    r"(?:accidentally|accidently|inadvertently|mistakenly|unintentionally|erroneously|wrongly"
    r"|carelessly|negligently|unwittingly|apparently)"
)
_FAULT_PHRASE = re.compile(rf"\b{_FAULT_ADVERB}\b|\bby\s+(?:accident|mistake)\b|\bin\s+error\b", _I)
_FAULT_ADJECTIVE = re.compile(r"\baccidental\s+", _I)
_NOUN_LEAD = (
    r"(?:(?:an?|the|one|his|her|their|my|your|our|[\w-]+['’]s|honest|simple|silly|dumb|stupid"
    r"|careless|accidental|pure|plain|obvious|unfortunate|small|single|big|major)\s+)*"
)
_DETERMINED_NOUN_LEAD = (
    r"(?:an?|the|one|his|her|their|my|your|our)\s+"
    r"(?:(?!(?:an?|the|of|in|on|at|by|for|to|from|with|and|or|as|that|which|who)\b)[a-z-]+\s+){1,2}?"
)
"""A determiner and the words of a trade before the noun: "a utility worker's error"."""
_FAULT_NOUNS = tuple(
    (
        re.compile(rf"\b(?:{_DETERMINED_NOUN_LEAD}|{_NOUN_LEAD}){noun}", _I),
        re.compile(noun, _I),
        replacement,
    )
    for noun, replacement in (
        (
            r"(?:human|operator|user|pilot|contractor|staff|employee|engineer|admin|manual|worker)"
            r"(?:['’]s)?\s+(?:error|mistake|slip)\b"
            # the doer goes too: "a manual step with no safeguard by the on-call" says nothing
            r"(?:\s+(?:made\s+)?by\s+(?:(?:an?|the|one|our|their|his|her)\s+(?:[\w-]+\s+)?(?:engineer|operator"
            r"|admin|administrator|developer|technician|worker|employee|contractor|on-?call|intern|person|user"
            r"|member|lead|sre|dba)s?|(?-i:[A-Z][a-z]+))\b)?",
            "a manual step with no safeguard",
        ),
        (
            r"(?:mistake|oversight|blunder|slip|slip-up|goof|mishap)\b(?!\s+\w)",
            "a gap in the process",
        ),
        (r"typo\b", "an unchecked input"),
    )
) + ((re.compile(r"\bfat[- ]?finger(?:ed|s)?\b", _I), re.compile("finger", _I), "mistyped"),)
"""(the noun of fault with the words leading it, the noun alone as a quick pre-check, what
replaces them); "fat-finger" keeps its article ("a fat finger trade" → "a mistyped trade")."""
_MADE_A_FAULT = re.compile(
    r"\b(?:made|make|makes|making)\s+(?:\S+\s+){0,3}(?:error|mistake|slip|typo|oversight|blunder)",
    _I,
)
""""made a mistake" has a person as its maker: dropping the noun leaves no sentence."""

_STEP_SUFFIX = ", and no safeguard stopped it"
_OMISSION_SUFFIX = ", and no check caught it"
_HINDSIGHT_SUFFIX = ", and nothing at the time pointed to it"
_OMISSION = re.compile(
    r"(?:did\s+not|didn['’]t|never|had\s+not|hadn['’]t|failed\s+to|neglected\s+to|forgot\s+to)"
    r"\s+(?:even\s+|[a-z]+ly\s+)?([a-z]+)\b",
    _I,
)
_PREPOSITIONS = _wordset(
    """
    on in at to against from with into onto during after before while because instead when using
    via for by as without until across over under through within
    """
)
_PARTICLES = _wordset("up down off out back away over")
_VERBS_OF_MIND = _wordset(
    """
    think thought believe believed know knew realise realised realize realized expect expected
    assume assumed feel felt care cared mind minded suppose supposed guess guessed say said
    """
)
"""Verbs whose object is a clause or a feeling ("did not care about it"): no thing to make the
subject."""
_VERBS_OF_FAULT = _wordset(
    "botched bungled goofed flubbed messed screwed fucked fouled cocked balled stuffed bollocksed"
)
"""Slips told in words that judge: put in the passive, they judge the act all the same."""
_NOT_IN_AN_OBJECT = _wordset(
    """
    and or but nor that which who whom what how why when where whether if was were is are be been
    had has have do did does will would could should can may might must well enough so then than
    not never also just he she they we i you him her them us me better more less sooner earlier
    again anyway twice either too later today yesterday tonight
    """
)
"""Words that show the words after a verb are a clause or carry on the sentence, not a thing."""
_ADVERB_LIKE_NOUNS = _wordset("supply family assembly reply anomaly rally july italy")
_SKIPPABLE = _wordset(
    """
    the a an one of our their his her my your this that also then just apparently tired exhausted
    junior senior new single different another certain
    """
)
_PERSON_NOUNS = _wordset("lead leads member members owner owners lead's")
"""Words that end a group's name as a person ("the team lead", "a staff member")."""
_SUBORDINATORS = _wordset("if unless whether when while once although though as")
_PRONOUN_SUBJECTS = _wordset(
    "i we you he she they someone somebody anyone anybody everyone everybody"
)
_OBJECT_PRONOUNS = {"it": "it", "this": "this", "that": "that", "them": "they"}
_PLURAL_PRONOUNS = frozenset({"they", "these", "those"})
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
    "sold": "sold",
    "sell": "sold",
    "told": "told",
    "tell": "told",
    "lost": "lost",
    "lose": "lost",
    "understand": "understood",
    "understood": "understood",
    "misunderstood": "misunderstood",
    "misread": "misread",
    "mistook": "mistaken",
    "lead": "led",
    "led": "led",
    "paid": "paid",
    "pay": "paid",
    "held": "held",
    "hold": "held",
    "meant": "meant",
    "spent": "spent",
    "spend": "spent",
    "tore": "torn",
    "wiped": "wiped",
    "pulled": "pulled",
}
_BASE_FORMS = _wordset(
    """
    run take write break choose give do see know make send catch keep leave build get bring find
    sell tell lose understand lead pay hold spend
    """
)
"""Keys of `_IRREGULAR` that are no past tense: "the team lead deployed" has no act "lead"."""
_PAST = re.compile(
    r"[a-z]+ed|" + "|".join(verb for verb in _IRREGULAR if verb not in _BASE_FORMS), _I
)
"""A verb in the past tense (or one whose participle is known)."""
_ACTED = re.compile(_PAST.pattern + r"|[a-z]+es", _I)
"""A past verb or one telling a story in the present ("The engineer executes the command")."""


def suggest(text: str, start: int, end: int, kind: BlameKind) -> Rewording | None:
    """A rewording of the sentence holding ``text[start:end]``, or None when none fits."""
    begin, stop = _sentence_bounds(text, start, end)
    new = _reworded(text[begin:stop], kind)
    return Rewording(begin, stop, new) if new is not None else None


@lru_cache(maxsize=4096)
def _reworded(sentence: str, kind: BlameKind) -> str | None:
    """The new sentence, without its closing mark (the original's stays in the text); one
    sentence often holds several findings of a kind."""
    new = _REWORDERS[kind](sentence)
    if not new:
        return None
    new = new.strip().rstrip(".?!")
    return new if new != sentence.strip() and well_formed(new) else None


_SENTENCE_END = re.compile(
    r"(?<!\bCorp)(?<!\bInc)(?<!\bLtd)(?<!\bCo)(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bvs)"
    r"(?<!\be\.g)(?<!\bi\.e)[.!?](?=\s|$)|\n"
)


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]``, without its closing mark ("4.5 GB" is inside)."""
    begin = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        begin = match.end()
    while begin < start and text[begin].isspace():
        begin += 1
    closing = _SENTENCE_END.search(text, end)
    return begin, closing.start() if closing else len(text)


_DOUBLED = re.compile(
    r"\b(?:the|a|an|their|his|our|my|your)\s+"
    r"(?:the|a|an|them|they|it|this|that|was|were|is|are)\b",
    _I,
)
_BRACKETS = (("(", ")"), ("[", "]"), ("“", "”"))


def well_formed(sentence: str) -> bool:
    """Plain checks every rewording passes: a capital first letter, no doubled or dangling
    determiner ("the them", "the was"), balanced brackets and quotes, one sentence."""
    first = next((char for char in sentence if char.isalnum()), "")
    if not first or (first.isalpha() and not first.isupper()):
        return False
    if _DOUBLED.search(sentence) or re.search(r"\s[,;:]|,\s*[,.;]|\s{2,}", sentence):
        return False
    if any(sentence.count(open_) != sentence.count(close) for open_, close in _BRACKETS):
        return False
    return sentence.count('"') % 2 == 0 and not re.search(r"[.!?]\s+[A-Z]", sentence)


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


def _plural(noun_phrase: str) -> bool:
    """Whether a noun phrase is plural, by its last word ("the logs", "two phone cables")."""
    words = re.findall(r"[\w'’-]+", noun_phrase)
    if not words:
        return False
    head = words[-1]
    lower = head.lower()
    if lower in _PLURAL_PRONOUNS:
        return True
    if head.isupper() or not lower.endswith("s"):
        return False
    return not lower.endswith(("ss", "us", "is", "ics", "'s", "’s"))


def _be(noun_phrase: str) -> str:
    return "were" if _plural(noun_phrase) else "was"


def _split_object(rest: str) -> tuple[str, str]:
    """``rest`` after a verb as (object, the rest from the first preposition or comma)."""
    words = rest.split(" ")
    for index, word in enumerate(words):
        if index and (word.lower().strip(",") in _PREPOSITIONS or word.startswith(",")):
            return " ".join(words[:index]).strip(" ,"), " " + " ".join(words[index:]).strip()
        if word.endswith(","):
            return " ".join(words[: index + 1]).strip(" ,"), ", " + " ".join(words[index + 1 :])
    return rest.strip(" ,"), ""


_CLAUSE_OBJECTS = _wordset("it them the a an this that these those our its their his her my your")
"""Words that follow the verb of a clause, not a participle before its noun."""


def _a_thing(words: str) -> bool:
    """Whether ``words`` (what follows a verb, up to a preposition) are a thing that can become
    the subject: not a clause, a preposition, a person or an adverb."""
    tokens = re.findall(r"[\w'’-]+", words)
    if not tokens or tokens[0].lower() in _PREPOSITIONS | _PARTICLES:
        return False
    if tokens[0].lower().endswith("ing") and len(tokens[0]) > 5:
        return False  # "kept pushing hotfixes": an act, not a thing
    for token in tokens:
        lower = token.lower()
        if lower in _NOT_IN_AN_OBJECT or token in FIRST_NAMES:
            return False
        if lower.endswith("ly") and len(lower) > 4 and lower not in _ADVERB_LIKE_NOUNS:
            return False
    for verb, after in itertools.pairwise(token.lower() for token in tokens[1:]):
        if (verb.endswith("ed") or verb in _IRREGULAR) and after in _CLAUSE_OBJECTS:
            return False  # "cert-manager used it": a clause, not a thing ("the updated config" is)
    return not re.search(r"[“”\"()]", words)


_CARRIES_ON = re.compile(
    r"\b(?:and|but|or|then)\s+(?:then\s+|also\s+|still\s+|instead\s+|[a-z]+ly\s+)?"
    r"(?:[a-z]+ed|was|were|had|has|is|are|did|does|" + "|".join(_IRREGULAR) + r")\b"
    r"|\b(?:he|she|they|I|we|you|his|her|their)\b",
    _I,
)
"""After the object, a second verb of the same subject ("… and dropped the table") or the person
again: with the person gone as the subject, the rest would not read."""


def _passive(opening: str, thing: str, verb: str, particle: str, tail: str, suffix: str) -> str:
    be = _be(thing)
    subject = opening + thing if opening else _capitalised(thing)
    clause, semicolon, more = tail.partition(";")  # the suffix closes the clause it is about
    return f"{subject} {be} {verb}{particle}{clause}{suffix}{semicolon}{more}"


def _object_pronoun(thing: str) -> str | None:
    """``thing`` as a subject: "them" becomes "they"; None for a person ("him", "her")."""
    lower = thing.lower()
    if lower in _OBJECT_PRONOUNS:
        return _OBJECT_PRONOUNS[lower]
    return thing if _a_thing(thing) else None


_LEAD = re.compile(
    r"(?:(?:on|at|in|during|after|before|when|while|once|by)\s[^,]{0,60},\s+"
    r"|(?:however|but|so|because|then|instead|unfortunately|later|eventually)\b,?\s+)*",
    _I,
)
"""Phrases before the subject: "During the deploy, however, the engineer …"."""
_CLAUSE_OPENING = re.compile(r",\s+(?:and|but|so)\s+|;\s+|\s+(?:and|but)\s+", _I)


def _subject_end(sentence: str, start: int = 0) -> tuple[int, int] | None:
    """(start, end) of a person or a group opening the clause at ``start``, after any leading
    phrase."""
    lead = _LEAD.match(sentence, start)
    pos = lead.end() if lead else start
    for match in re.finditer(r"[\w'’-]+", sentence[pos:]):
        word = match.group(0)
        named = (
            match.start() == 0
            and word[:1].isupper()
            and _NAME_THEN_ACT.match(sentence, pos + match.end())
        )
        if actor_of_word(_NO_PEOPLE, word) is not None or named:
            if word.lower() in ("someone", "somebody", "anyone", "anybody"):
                return pos, pos + match.end()
            # take in the rest of the person ("the on-call engineer", "Dave Smith")
            end = pos + match.end()
            more = re.match(r"\s+([\w'’-]+)", sentence[end:])
            while more and (
                actor_of_word(_NO_PEOPLE, more.group(1)) is not None
                or more.group(1).lower() in _PERSON_NOUNS
                or (word[:1].isupper() and more.group(1).istitle())
            ):
                end += more.end()
                more = re.match(r"\s+([\w'’-]+)", sentence[end:])
            return pos, end
        if word.lower() not in _SKIPPABLE and not word[:1].isupper():
            return None
    return None


_NAME_THEN_ACT = re.compile(
    r"\s+(?:did|didn['’]t|never|had|forgot|pushed|ran|deleted|dropped)\b", _I
)
"""A capitalised first word followed by one of these is a name ("Jane didn't …")."""


def _drop(sentence: str, pattern: re.Pattern[str]) -> str:
    """``sentence`` without the words ``pattern`` finds, commas and capitals kept in order."""
    new = sentence
    for match in reversed(list(pattern.finditer(sentence))):
        before, after = new[: match.start()], new[match.end() :]
        if re.match(r"\s*,\s*", after) and (not before.strip() or before.rstrip().endswith(",")):
            after = re.sub(r"^\s*,\s*", "", after)  # "Clearly, the …", "…, obviously, the …"
        elif not after.strip(" ,.;!?"):
            before, after = before.rstrip(" ,"), after.lstrip(" ,")  # "…, obviously"
        elif re.match(r"\s*,", after):
            before = before.rstrip()
        else:
            after = after.lstrip()
        new = before + after
    new = re.sub(r"\s{2,}", " ", new).strip()
    return _capitalised(new) if sentence[:1].isupper() else new


# --- by kind -------------------------------------------------------------------------------


_FAULT_HINT = re.compile(
    r"accident|advert|mistak|intention|erron|wrong|careless|neglig|unwitting|apparent|error"
    r"|oversight|blunder|slip|goof|mishap|typo|finger",
    _I,
)
"""Letters every word of fault contains: most sentences need none of the replacements."""


def _without_fault_words(sentence: str) -> str | None:
    """``sentence`` with words of fault dropped or replaced; None when that breaks it."""
    if not _FAULT_HINT.search(sentence):
        return sentence
    if _MADE_A_FAULT.search(sentence):
        return None
    new = _drop(sentence, _FAULT_PHRASE)
    new = _drop(new, _FAULT_ADJECTIVE)
    for pattern, noun, replacement in _FAULT_NOUNS:
        if noun.search(new):
            new = _replaced(new, pattern, replacement)
    return _capitalised(new) if sentence[:1].isupper() else new


def _replaced(text: str, pattern: re.Pattern[str], replacement: str) -> str:
    """``text`` with what ``pattern`` finds replaced, the replacement's own article dropped when
    one stands just before: a “simple human error” → a “manual step with no safeguard”."""
    bare = re.sub(r"^an?\s+", "", replacement)

    def one(match: re.Match[str]) -> str:
        after_article = re.search(r"\b(?:a|an|the)\s+[“\"‘']$", text[: match.start()], _I)
        return bare if after_article else replacement

    return pattern.sub(one, text)


def _about_the_step(sentence: str) -> str | None:
    """Person or group as subject → the step as subject; words of fault dropped."""
    cleaned = _without_fault_words(sentence)
    if cleaned is None:
        return None
    return _a_clause_about_the_step(cleaned) or (cleaned if cleaned != sentence else None)


def _a_clause_about_the_step(sentence: str) -> str | None:
    """``sentence`` with its first clause that has a person or a group as the subject of an act
    turned around (see `_step_as_subject`); None when no clause can be."""
    starts = [0] + [match.end() for match in _CLAUSE_OPENING.finditer(sentence)]
    for start in starts:
        bounds = _subject_end(sentence, start)
        step = _step_as_subject(sentence, *bounds) if bounds is not None else None
        if step:
            return step
    return None


def _step_as_subject(cleaned: str, begin: int, end: int) -> str | None:
    """ "The engineer ran the script on prod" → "The script was run on prod, and no safeguard
    stopped it"; None when what follows the person is not a verb and a thing."""
    opening = cleaned[:begin]
    rest = _after_the_person(cleaned[end:])
    omission = _OMISSION.match(rest)
    if omission:
        verb, after, suffix = omission.group(1), rest[omission.end() :], _OMISSION_SUFFIX
        negation = "not "
    else:
        verb_match = re.match(r"([a-z]+)\b(.*)$", rest, re.DOTALL)
        if not verb_match or not _ACTED.fullmatch(verb_match.group(1)):
            return None
        verb, after, suffix = verb_match.group(1), verb_match.group(2), _STEP_SUFFIX
        negation = ""
    if verb.lower() in _VERBS_OF_MIND:
        return None  # "didn't think the warning mattered": what follows is a clause
    if verb.lower() in _VERBS_OF_FAULT:
        return None  # "the migration was botched" still judges the act
    particle = re.match(r"\s+(" + "|".join(_PARTICLES) + r")\b", after, _I)
    if particle:
        after = after[particle.end() :]
    thing, tail = (_the_for_possessive(part) for part in _split_object(after.strip()))
    if omission and thing.lower() in _OBJECT_PRONOUNS:
        thing = _OBJECT_PRONOUNS[thing.lower()]  # "forgot to do it" → "it was not done"
    elif not _a_thing(thing) or thing.lower() in _OBJECT_PRONOUNS:
        return None
    if _CARRIES_ON.search(tail):
        return None
    particle_words = f" {particle.group(1).lower()}" if particle else ""
    return _passive(opening, thing, negation + participle(verb), particle_words, tail, suffix)


def _after_the_person(rest: str) -> str:
    """What follows the person, from the verb of their act on: past "also", "had", "just"."""
    return re.sub(
        r"^(?:(?:also|then|just|simply|\w+ly|had(?!\s+not|n))\s+)+", "", rest.lstrip(), flags=_I
    )


def _the_for_possessive(words: str) -> str:
    """ "his local stack" → "the local stack": the person the word pointed to is gone."""
    return re.sub(r"\b(?:his|their|its|my|our|your)\b", "the", words, flags=_I)


_SHOULD_HAVE = re.compile(
    r"\b(?:should|ought\s+to|must)(?:\s+have|['’]ve)\s+(?:(?:really|just|already|\w+ly)\s+)?"
    r"(?P<part>[a-z]+)\b\s*(?P<rest>.*)$",
    _I | re.DOTALL,
)
_CLAUSE_START = re.compile(r"(?:^|[,;:—–]\s*|\b(?:and|but|so|because|since)\s+)", _I)
_PARTICIPLE_WORD = re.compile(r"[a-z]+(?:ed|en|wn)|" + "|".join(set(_IRREGULAR.values())), _I)
_HINDSIGHT_WORDS = re.compile(
    r"\b(?:obviously|clearly|of\s+course)\b|\b(?:in|with)\s+(?:the\s+benefit\s+of\s+)?"
    r"hindsight\b|\bin\s+retrospect\b",
    _I,
)


_FORESEEN = (
    (
        re.compile(
            r"^\s*(?:it\s+was\s+)?(?:plain|clear|obvious|evident|apparent)\s+(?:from\s+(?:day\s+one"
            r"|the\s+(?:very\s+)?(?:start|beginning|outset))|to\s+(?:anyone|everyone|anybody|all))"
            r"\s+that\s+",
            _I,
        ),
        lambda match: "",
    ),
    (
        re.compile(
            r"\b(was|is|were)\s+(?:entirely\s+|completely\s+)?(?:preventable|avoidable)\b", _I
        ),
        lambda match: (
            "had no safeguard against " + ("them" if match.group(1).lower() == "were" else "it")
        ),
    ),
    (
        re.compile(r"\b(?:nobody|no[- ]one)\s+(?:acted|responded|reacted)\b", _I),
        lambda match: "no signal prompted action",
    ),
)


def _without_hindsight(sentence: str) -> str | None:
    new = sentence
    for pattern, replacement in _FORESEEN:
        new = pattern.sub(replacement, new)
    if new != sentence:
        return _capitalised(new.strip())
    should = _SHOULD_HAVE.search(sentence)
    if should:
        return _what_did_not_happen(sentence, should)
    new = _drop(sentence, _HINDSIGHT_WORDS)
    if new != sentence:
        return new
    return _a_clause_about_the_step(sentence)  # "The team failed to update the runbook"


def _what_did_not_happen(sentence: str, should: re.Match[str]) -> str | None:
    """ "The on-call engineer should have noticed the diff" → "The diff was not noticed, and
    nothing at the time pointed to it"; "The calls should have been rerouted" → "The calls were
    not rerouted". None when the subject or the object cannot be told."""
    clause = 0
    for match in _CLAUSE_START.finditer(sentence, 0, should.start()):
        clause = match.end()
    lead, subject = sentence[:clause], sentence[clause : should.start()].strip()
    subject_words = [w for w in re.findall(r"[\w'’-]+", subject) if not w.lower().endswith("ly")]
    if not subject_words or (subject_words[0].lower() in _SUBORDINATORS):
        return None
    subject = " ".join(subject_words)
    person = any(
        actor_of_word(_NO_PEOPLE, word) is not None or word.lower() in _PRONOUN_SUBJECTS
        for word in subject_words
    )
    part, rest = should.group("part"), should.group("rest").strip()
    if part.lower() == "been":
        if person or not _a_thing(subject):
            return None
        start = subject if lead else _capitalised(subject)
        return f"{lead}{start} {_be(subject)} not {rest}".strip()
    if not person or not _PARTICIPLE_WORD.fullmatch(part):
        return None
    found, tail = _split_object(rest)
    thing = _object_pronoun(found) if found else None
    if thing is None or _CARRIES_ON.search(tail):
        return None
    return _passive(lead, thing, "not " + part.lower(), "", tail, _HINDSIGHT_SUFFIX)


_WHY = re.compile(
    r"^\s*(?:why|how\s+come)\s+(?:the\s+hell\s+|on\s+earth\s+)?(?P<aux>did|didn['’]t|do|don['’]t"
    r"|does|doesn['’]t)\s+(?:not\s+)?(?P<rest>[^?]*)",
    _I,
)
_WHO = re.compile(r"^\s*who\s+(?P<verb>[a-z]+)\s+(?P<rest>[^?]*)", _I)


def _asked_act(words: list[str]) -> tuple[str, str] | None:
    """(verb, what follows) after the person a question is aimed at: "the on-call engineer skip
    the canary" → ("skip", "the canary")."""
    index = 0
    while index < len(words) and words[index].lower() in _SKIPPABLE:
        index += 1
    if index >= len(words):
        return None
    first = words[index]
    if not (
        actor_of_word(_NO_PEOPLE, first) is not None
        or first.lower() in _PRONOUN_SUBJECTS
        or first[:1].isupper()
    ):
        return None
    index += 1
    while index < len(words) and (
        actor_of_word(_NO_PEOPLE, words[index]) is not None
        or words[index].isdigit()
        or (first[:1].isupper() and words[index].istitle())
    ):
        index += 1
    while index < len(words) and _an_aside(words[index]):
        index += 1
    if index >= len(words) or not re.fullmatch(r"[a-z]+", words[index]):
        return None
    return words[index], " ".join(words[index + 1 :])


_ASIDES = frozenset({"only", "just", "even", "really", "actually", "ever", "also", "still", "first", "then"})
_VERBS_IN_LY = frozenset({"apply", "reply", "rely", "supply", "comply", "multiply", "fly", "ally"})


def _an_aside(word: str) -> bool:
    """An adverb between the person asked about and the act ("Why did Contoso only notify …")."""
    lower = word.lower()
    return lower in _ASIDES or (lower.endswith("ly") and lower not in _VERBS_IN_LY)


def _about_the_situation(sentence: str) -> str | None:
    why = _WHY.match(sentence)
    if why:
        act = _asked_act(why.group("rest").split())
        if act is None:
            return None
        doing = f"{gerund(act[0])} {act[1]}".strip()
        if why.group("aux").lower() not in ("did", "do", "does"):
            return f"What got in the way of {doing}?"
        return f"What made {doing} look reasonable at the time?"
    who = _WHO.match(sentence)
    if who and _PAST.fullmatch(who.group("verb")):
        rest = who.group("rest").strip()
        thing, _tail = _split_object(rest)
        if thing and (_a_thing(thing) or thing.lower() in ("this", "that", "it")):
            return f"How {_be(thing)} {rest} {participle(who.group('verb'))}?"
    return None


def _measurable(sentence: str) -> str:
    core = sentence.strip().rstrip(".!")
    return f"{core}, done when a named check, number or date shows it."


_REWORDERS = {
    BlameKind.PERSON: _about_the_step,
    BlameKind.GROUP: _about_the_step,
    BlameKind.FAULT: _about_the_step,
    BlameKind.HINDSIGHT: _without_hindsight,
    BlameKind.QUESTION: _about_the_situation,
    BlameKind.FIX_THE_HUMAN: lambda sentence: None,
    BlameKind.VAGUE: _measurable,
}
"""A request to fix the human gets no rewording: the change to the system it should ask for is
not in its words (the finding's reframe says what to ask for instead)."""
